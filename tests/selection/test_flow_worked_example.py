"""The worked example's flow (Knight et al. 2024): 5,716 screened, 99 full texts, 22 for
relevance, 1 excluded, 21 for richness, 3 excluded, 18 included. Rigour is judged per datum
(data-level appraisal), so it is no gate and the flow draws no rigour box."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from selection import ics_example

import realistsynth as rs
from realistsynth.selection.flow import compute_flow
from realistsynth.selection.flow_svg import render_flow_svg


def test_published_counts() -> None:
    flow = compute_flow(ics_example.build())
    got = [(s.stage_id, s.entered, s.included, s.excluded) for s in flow.stages]
    assert got == [
        ("title-abstract", 5716, 99, 5617),
        ("full-text", 99, 22, 77),
        ("relevance", 22, 21, 1),
        ("richness", 21, 18, 3),
    ]
    assert flow.included == 18
    assert flow.findings == ()
    assert [s.declared for s in flow.stages] == [True, True, False, False]


def test_a_declared_count_that_disagrees_is_a_finding() -> None:
    review = ics_example.build()
    review.declare_count(rs.DeclaredCount("relevance", "entered", 23))
    review.declare_count(rs.DeclaredCount("full-text", "included", 25))
    flow = compute_flow(review)
    messages = [f.message for f in flow.findings]
    assert "declared 23 entered at 'Relevance assessment', but the records give 22" in messages
    assert (
        "22 entered 'Relevance assessment' but 25 were included at 'Full-text screening'"
        in messages
    )


def test_duplicates_come_from_an_argument_or_a_callable() -> None:
    review = ics_example.build()
    assert compute_flow(review).duplicates is None
    assert compute_flow(review, duplicates=40).duplicates == 40
    assert compute_flow(review, duplicates=lambda r: len(r.candidates())).duplicates == 22


def test_svg_is_self_contained_and_states_every_count() -> None:
    svg = ics_example.render()
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text or "" for t in root.iter(f"{ns}text")]
    for needle in (
        "Records screened (n = 5,716)",
        "Records excluded (n = 5,617)",
        "Reports assessed for eligibility (n = 99)",
        "Assessed for relevance (n = 22)",
        "Excluded on relevance (n = 1)",
        "Assessed for richness (n = 21)",
        "Excluded on richness (n = 3)",
        "Sources included in the synthesis (n = 18)",
    ):
        assert needle in texts
    # only the gates the review set are drawn: rigour is judged of data, not documents
    assert not any("rigour" in t.lower() for t in texts)
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "<image" not in svg
    assert "<script" not in svg


def _number(element: ET.Element, name: str) -> float:
    """The SVG element's numeric attribute ``name`` (it must have one)."""
    value = element.get(name)
    assert value is not None, (element.tag, name)
    return float(value)


def test_text_fits_its_boxes() -> None:
    from realistsynth.selection.text_metrics import text_width

    root = ET.fromstring(ics_example.render())
    ns = "{http://www.w3.org/2000/svg}"
    rects = [r for r in root.iter(f"{ns}rect") if r.get("stroke")]
    for t in root.iter(f"{ns}text"):
        if t.get("transform"):
            continue
        x, y = _number(t, "x"), _number(t, "y")
        width = text_width(t.text or "", 12, bold=t.get("font-weight") == "bold")
        box = next(
            r
            for r in rects
            if _number(r, "x") <= x <= _number(r, "x") + _number(r, "width")
            and _number(r, "y") <= y <= _number(r, "y") + _number(r, "height")
        )
        assert x + width <= _number(box, "x") + _number(box, "width") - 5


def test_committed_docs_figure_is_current() -> None:
    assert ics_example.SVG.read_text(encoding="utf-8") == ics_example.render(), (
        "redraw it: python tests/selection/ics_example.py"
    )


def test_long_reasons_wrap(review: rs.Review) -> None:
    review.declare_count(rs.DeclaredCount("title-abstract", "entered", 10))
    svg = render_flow_svg(compute_flow(review))
    assert svg.count("<svg") == 1
    with pytest.raises(KeyError):
        compute_flow(review).stage("nope")
