"""Links between CMOCs, middle-range theories and consultations: the aggregate's rules, and
schema-2 files (which have none of them) loading with empty collections."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import realistsynth as rs

DATA = Path(__file__).parent.parent / "data" / "core"


def _review(n: int = 4) -> rs.Review:
    review = rs.Review.new("Links")
    review.adopt_framework(rs.OrganisingFramework("fw", "FW", [rs.Theme("t", "T")]))
    for i in range(n):
        review.add_cmoc(rs.CMOC(f"c{i}", statement=f"CMOC {i}", theme_id="t"))
    review.add_cmoc(rs.CMOC("other", statement="in another version"))
    review.add_theory_version(rs.TheoryVersion("v1", "One", cmoc_ids=[f"c{i}" for i in range(n)]))
    review.add_theory_version(rs.TheoryVersion("v2", "Two", cmoc_ids=["other"]))
    return review


def test_a_link_joins_cmocs_of_its_own_version_only() -> None:
    review = _review()
    with pytest.raises(rs.InvalidValueError, match="not in theory version 'v1'"):
        review.add_cmoc_link(rs.CMOCLink("l", "v1", "c0", "other", "leads-to"))
    with pytest.raises(rs.UnknownReferenceError, match="theory version"):
        review.add_cmoc_link(rs.CMOCLink("l", "v9", "c0", "c1", "leads-to"))
    with pytest.raises(rs.UnknownReferenceError, match="CMOC 'nope'"):
        review.add_cmoc_link(rs.CMOCLink("l", "v1", "c0", "nope", "leads-to"))
    with pytest.raises(ValueError, match="to itself"):
        rs.CMOCLink("l", "v1", "c0", "c0", "leads-to")
    assert review.cmoc_links == {}


def test_a_leads_to_cycle_needs_a_link_marked_as_feedback_loop() -> None:
    review = _review()
    review.add_cmoc_link(rs.CMOCLink("a", "v1", "c0", "c1", "leads-to"))
    review.add_cmoc_link(rs.CMOCLink("b", "v1", "c1", "c2", "leads-to"))
    with pytest.raises(rs.InvalidValueError, match="cycle c2 -> c0 -> c1 -> c2"):
        review.add_cmoc_link(rs.CMOCLink("c", "v1", "c2", "c0", "leads-to"))
    assert set(review.cmoc_links) == {"a", "b"}  # the refused link left nothing behind
    review.add_cmoc_link(rs.CMOCLink("c", "v1", "c2", "c0", "leads-to", feedback_loop=True))
    # other kinds are not chains: a moderates cycle is allowed
    review.add_cmoc_link(rs.CMOCLink("m1", "v1", "c0", "c3", "moderates"))
    review.add_cmoc_link(rs.CMOCLink("m2", "v1", "c3", "c0", "moderates"))
    # nested-in refuses cycles and cannot be a feedback loop
    review.add_cmoc_link(rs.CMOCLink("n1", "v1", "c0", "c1", "nested-in"))
    with pytest.raises(rs.InvalidValueError, match="cannot be marked as a feedback loop"):
        review.add_cmoc_link(rs.CMOCLink("n2", "v1", "c1", "c0", "nested-in", feedback_loop=True))
    with pytest.raises(rs.InvalidValueError, match="cycle"):
        review.add_cmoc_link(rs.CMOCLink("n2", "v1", "c1", "c0", "nested-in"))
    assert rs.loads(rs.dumps(review)) == review


def test_the_same_link_twice_is_refused_and_rivals_are_symmetric() -> None:
    review = _review()
    review.add_cmoc_link(rs.CMOCLink("r", "v1", "c0", "c1", "rival-of"))
    with pytest.raises(rs.InvalidValueError, match="already link 'r'"):
        review.add_cmoc_link(rs.CMOCLink("r2", "v1", "c1", "c0", "rival-of"))
    review.add_cmoc_link(rs.CMOCLink("x", "v1", "c0", "c1", "leads-to"))
    review.add_cmoc_link(rs.CMOCLink("y", "v1", "c1", "c0", "moderates"))
    assert [link.id for link in review.links_of("v1")] == ["r", "x", "y"]


def test_link_evidence_must_exist() -> None:
    review = _review()
    review.add_informant(rs.Informant("1", "[1]"))
    review.add_quotation(rs.Quotation("q", "words", informant_id="1"))
    evidence = [rs.LinkEvidence(rs.EvidenceTarget.QUOTATION, "q")]
    review.add_cmoc_link(rs.CMOCLink("a", "v1", "c0", "c1", "leads-to", "why", evidence))
    with pytest.raises(rs.UnknownReferenceError, match="quotation 'q9'"):
        review.add_cmoc_link(
            rs.CMOCLink(
                "b",
                "v1",
                "c1",
                "c2",
                "leads-to",
                evidence=[rs.LinkEvidence(rs.EvidenceTarget.QUOTATION, "q9")],
            )
        )


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=20))
def test_accepted_leads_to_links_never_form_a_cycle(pairs: list[tuple[int, int]]) -> None:
    review = _review(6)
    for i, (a, b) in enumerate(pairs):
        if a == b:
            continue
        with contextlib.suppress(rs.InvalidValueError):
            review.add_cmoc_link(rs.CMOCLink(f"l{i}", "v1", f"c{a}", f"c{b}", "leads-to"))
    # an independent check: repeatedly strip nodes without incoming edges (Kahn)
    edges = {(link.source, link.target) for link in review.cmoc_links.values()}
    nodes = {n for e in edges for n in e}
    while nodes:
        free = {n for n in nodes if not any(t == n and s in nodes for s, t in edges)}
        assert free, f"cycle among {nodes}"
        nodes -= free
    assert review.problems() == []


def test_middle_range_theory_uses_known_cmocs_and_themes() -> None:
    review = _review()
    theory = rs.MiddleRangeTheory(
        "sl",
        "Systems leadership",
        uses=[
            rs.TheoryUse(rs.TheoryRole.FRAMED, theme_id="t"),
            rs.TheoryUse(rs.TheoryRole.INTERPRETED, cmoc_id="c1"),
        ],
    )
    review.add_middle_range_theory(theory)
    with pytest.raises(rs.UnknownReferenceError, match="theme 'zz'"):
        review.add_middle_range_theory(
            rs.MiddleRangeTheory("x", "X", uses=[rs.TheoryUse(rs.TheoryRole.FRAMED, theme_id="zz")])
        )
    with pytest.raises(rs.UnknownReferenceError, match="record"):
        review.add_middle_range_theory(rs.MiddleRangeTheory("x", "X", record_id="nope"))
    with pytest.raises(ValueError, match="exactly one"):
        rs.TheoryUse(rs.TheoryRole.FRAMED, cmoc_id="c1", theme_id="t")
    assert rs.loads(rs.dumps(review)).middle_range_theories["sl"] == theory


def test_consultations_are_anonymised_unless_disclosed_and_cited_by_outcomes() -> None:
    review = _review()
    review.add_informant(rs.Informant("1", "[1]"))
    with pytest.raises(ValueError, match="names participants"):
        rs.Consultation(
            "k", rs.ConsultationKind.KEY_INFORMANT, "Interviews", participant_names=["Ann"]
        )
    interviews = rs.Consultation(
        "k",
        rs.ConsultationKind.KEY_INFORMANT,
        "Interviews",
        date=rs.PartialDate(2022, 9),
        participants=[rs.ParticipantGroup("senior leader", 5)],
        informant_ids=["1"],
        version_shown="v1",
        feedback="Vision matters",
        contributed_to="v2",
    )
    review.add_consultation(interviews)
    assert interviews.participant_count == 5
    with pytest.raises(rs.UnknownReferenceError, match="informant"):
        review.add_consultation(
            rs.Consultation("k2", rs.ConsultationKind.WORKSHOP, "W", informant_ids=["9"])
        )
    review.add_informant(rs.Informant("2", "[2]"))
    with pytest.raises(rs.InvalidValueError, match="2 informants listed, but 1"):
        review.add_consultation(
            rs.Consultation(
                "k3",
                rs.ConsultationKind.KEY_INFORMANT,
                "K",
                participants=[rs.ParticipantGroup("leader", 1)],
                informant_ids=["1", "2"],
            )
        )
    outcomes = [
        rs.RefinementOutcome(
            f"c{i}", rs.OutcomeKind.MERGED_INTO, "merged", ["other"], consultations=["k"]
        )
        for i in range(4)
    ]
    with pytest.raises(rs.UnknownReferenceError, match="consultation 'k9'"):
        review.refine(
            rs.Refinement(
                "v1",
                "v2",
                [
                    *outcomes[:3],
                    rs.RefinementOutcome("c3", rs.OutcomeKind.REFUTED, "r", consultations=["k9"]),
                ],
            )
        )
    review.refine(rs.Refinement("v1", "v2", outcomes))
    assert [o.cmoc_id for _, o in review.outcomes_informed_by("k")] == ["c0", "c1", "c2", "c3"]
    assert rs.loads(rs.dumps(review)) == review


def test_a_broken_file_reports_every_link_problem() -> None:
    review = _review()
    review.add_cmoc_link(rs.CMOCLink("a", "v1", "c0", "c1", "leads-to"))
    doc = json.loads(rs.dumps(review))
    doc["review"]["cmoc_links"].append(
        {"id": "b", "version_id": "v1", "source": "c1", "target": "c0", "kind": "leads-to"}
    )
    doc["review"]["cmoc_links"].append(
        {"id": "c", "version_id": "v1", "source": "c1", "target": "other", "kind": "wobbles"}
    )
    with pytest.raises(rs.InvalidReviewError) as caught:
        rs.loads(json.dumps(doc))
    text = str(caught.value)
    assert "cmoc_links/b" in text
    assert "cycle" in text
    assert "not in theory version 'v1'" in text
    assert "wobbles" in text


def test_a_schema_2_file_loads_with_no_links_theories_or_consultations() -> None:
    review = rs.load(DATA / "project-v2.json")
    assert review.cmoc_links == {}
    assert review.consultations == {}
    assert review.middle_range_theories == {}
    assert all(o.consultations == () for r in review.refinements for o in r.outcomes)
    saved = json.loads(rs.dumps(review))
    assert "cmoc_links" not in saved["review"]  # defaults are left out of the file
    assert rs.loads(rs.dumps(review)) == review


def test_a_revised_version_keeps_the_cmocs_its_links_join() -> None:
    review = _review()
    review.add_cmoc_link(rs.CMOCLink("a", "v1", "c0", "c1", "leads-to"))
    with pytest.raises(rs.InvalidValueError, match="not in theory version 'v1'"):
        review.replace_theory_version(rs.TheoryVersion("v1", "One", cmoc_ids=["c1", "c2"]))
    assert review.theory_versions["v1"].cmoc_ids == ("c0", "c1", "c2", "c3")
    review.replace_theory_version(rs.TheoryVersion("v1", "One again", cmoc_ids=["c0", "c1"]))


def test_lint_flags_links_without_rationale_idle_feedback_marks_and_idle_consultations() -> None:
    from realistsynth.synthesis import lint

    review = _review()
    review.add_cmoc_link(rs.CMOCLink("a", "v1", "c0", "c1", "leads-to", rationale="why"))
    review.add_cmoc_link(rs.CMOCLink("b", "v1", "c1", "c2", "leads-to"))
    review.add_cmoc_link(rs.CMOCLink("c", "v1", "c2", "c0", "leads-to", "loop", feedback_loop=True))
    review.add_cmoc_link(rs.CMOCLink("d", "v1", "c0", "c3", "leads-to", "x", feedback_loop=True))
    review.add_consultation(rs.Consultation("k", rs.ConsultationKind.WORKSHOP, "Workshop"))
    review.add_consultation(
        rs.Consultation("k2", rs.ConsultationKind.WORKSHOP, "Workshop 2", contributed_to="v2")
    )
    found = {(f.code, f.where) for f in lint(review)}
    assert ("link-without-rationale", "cmoc_links/b") in found
    assert ("link-without-rationale", "cmoc_links/a") not in found
    # c closes c0 -> c1 -> c2 -> c0; d closes nothing
    assert ("feedback-loop-closes-nothing", "cmoc_links/d") in found
    assert ("feedback-loop-closes-nothing", "cmoc_links/c") not in found
    assert ("consultation-informs-nothing", "consultations/k") in found
    assert ("consultation-informs-nothing", "consultations/k2") not in found
