"""The built-in kinds of link between CMOCs, contributed like a plugin's.

Every review knows these four without adopting them (:data:`realistsynth.model.BUILTIN_LINK_KINDS`);
contributing them here too lets ``realistsynth plugins`` list them beside the kinds other
plugins add, and keeps their names from being claimed by another plugin.
"""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.model.theory_links import BUILTIN_LINK_KINDS, LinkKind

__all__ = ["realistsynth_register_link_kinds"]


@hookimpl
def realistsynth_register_link_kinds() -> list[LinkKind]:
    """``leads-to``, ``nested-in``, ``rival-of`` and ``moderates``."""
    return list(BUILTIN_LINK_KINDS)
