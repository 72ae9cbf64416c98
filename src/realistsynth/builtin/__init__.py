"""realistsynth's own plugins: ordinary plugin modules, registered like third-party ones.

:data:`BUILTIN_PLUGINS` is the one list of them; ``realistsynth plugins`` shows them apart from
third-party plugins. Each module implements ``realistsynth_register_*`` hooks with
:data:`realistsynth.hookimpl`.
"""

__all__ = ["BUILTIN_PLUGINS"]

#: Module names of the built-in plugins, in registration order.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "realistsynth.builtin.frameworks",
    "realistsynth.builtin.heuristics",
    "realistsynth.builtin.criteria",
    "realistsynth.builtin.ris",
    "realistsynth.builtin.medline",
    "realistsynth.builtin.endnote_tagged",
    "realistsynth.builtin.wos",
)
