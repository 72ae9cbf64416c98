"""Reporting against reporting standards (RAMESES for realist syntheses, RAMESES II for
realist evaluations, the RAMESES quality standards, or a plugin's).

The names below load on first use, so that the built-in plugin contributing the standards
(:mod:`realistsynth.report.standards`) does not load the report machinery and the ``Review``
aggregate when a plugin manager starts.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realistsynth.report.rameses import RAMESES_ITEMS, ItemAssessment, RamesesItem, assess

__all__ = ["RAMESES_ITEMS", "ItemAssessment", "RamesesItem", "assess"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("realistsynth.report.rameses"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
