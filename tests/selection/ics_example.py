"""The worked example's review (examples/ics-leadership/build_review.py, Knight et al. 2024)
and its flow diagram, for the selection tests.

Run as a script to redraw the documentation's flow diagram:
``python tests/selection/ics_example.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import realistsynth as rs
from realistsynth.selection.flow import compute_flow
from realistsynth.selection.flow_svg import render_flow_svg

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "docs" / "img" / "ics-leadership-flow.svg"


def build() -> rs.Review:
    """The worked example's review, built by its own script."""
    spec = importlib.util.spec_from_file_location(
        "_ics_build_review", ROOT / "examples" / "ics-leadership" / "build_review.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    review: rs.Review = module.build()
    return review


def render() -> str:
    """The flow diagram of the worked example, as the documentation shows it."""
    return render_flow_svg(compute_flow(build()))


if __name__ == "__main__":
    SVG.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {SVG}\n")
