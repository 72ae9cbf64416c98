"""Loads the worked example's script (examples/ics-leadership/build_review.py) once.

The script is the tutorial, beside the example data, not part of the package, so tests load
it by path. Named without ``test_`` so pytest does not collect it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ics-leadership"


def builder() -> ModuleType:
    """The ``build_review`` module of the worked example (its ``build()`` makes the review)."""
    name = "realistsynth_ics_build_review"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, EXAMPLE / "build_review.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
