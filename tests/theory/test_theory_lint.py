"""The theory lint on a small review built to trip every check once."""

from __future__ import annotations

import attrs
import pytest

import realistsynth as rs
from realistsynth.synthesis import Severity, lint


@pytest.fixture
def review() -> rs.Review:
    manager = rs.get_plugin_manager(load_entry_points=False)
    r = rs.Review.new("Lint")
    r.add_reviewer(rs.Reviewer("LK"))
    r.adopt_framework(manager.framework("doing-things-differently"))
    for rid in ("r1", "r2", "r3", "p1"):
        r.add_record(rs.Record(rid, title=f"Record {rid}"))
    r.add_theory_document(rs.TheoryDocument("p1"))
    r.add_stage(rs.ScreeningStage("full-text", "Full text"))
    for rid, verdict in (("r1", "include"), ("r2", "include"), ("r3", "exclude")):
        r.record_decision(rs.Decision("full-text", rid, "LK", rs.Verdict(verdict)))
    r.add_informant(rs.Informant("1", "[1]"))
    r.add_quotation(rs.Quotation("qa", "we talk every week", informant_id="1"))
    r.add_quotation(rs.Quotation("qp", "systems must integrate", record_id="p1"))
    r.add_cmoc(
        rs.CMOC(
            "c1",
            statement="Trust grows with contact",
            theme_id="being",
            narrative="Contact builds trust [@r1; @ghost, p. 3]; as [1] and [7] said.",
        )
    )
    r.add_cmoc(rs.CMOC("c2", statement="Vision motivates", theme_id="being"))
    r.add_cmoc(rs.CMOC("c3", statement="Talk helps"))
    r.add_cmoc(rs.CMOC("c4", statement="A draft", theme_id="delivering"))
    r.add_theory_version(rs.TheoryVersion("v1", "Initial", cmoc_ids=["c1", "c2", "c3"]))
    links = [
        ("e1", "c1", rs.EvidenceTarget.RECORD, "r1"),
        ("e2", "c1", rs.EvidenceTarget.RECORD, "r3"),
        ("e3", "c3", rs.EvidenceTarget.QUOTATION, "qa"),
        ("e4", "c3", rs.EvidenceTarget.QUOTATION, "qp"),
    ]
    for lid, cid, target, tid in links:
        r.add_evidence(rs.EvidenceLink(lid, cid, target, tid))
    return r


def test_every_check_fires_once(review: rs.Review) -> None:
    found = {(f.code, f.cmoc_id, f.record_id, f.version_id) for f in lint(review)}
    assert found == {
        ("unresolved-citation", "c1", "ghost", None),
        ("evidence-not-cited", "c1", "r3", None),
        ("unknown-informant", "c1", None, None),
        ("evidence-from-excluded", "c1", "r3", None),
        ("no-evidence", "c2", None, None),
        ("unthemed", "c3", None, None),
        ("not-in-any-version", "c4", None, None),
        ("missing-theme-statement", None, None, "v1"),
        ("supports-nothing", None, "r2", "v1"),
    }


def test_findings_say_where_and_how_bad(review: rs.Review) -> None:
    findings = {f.code: f for f in lint(review)}
    ghost = findings["unresolved-citation"]
    assert ghost.severity is Severity.ERROR
    assert ghost.where == "cmocs/c1"
    assert "[@ghost]" in ghost.message
    assert "[7]" in findings["unknown-informant"].message
    assert findings["missing-theme-statement"].where == "theory_versions/v1/theme_statements/being"
    assert str(ghost).startswith("error: cmocs/c1: ")
    assert ghost.to_dict()["record"] == "ghost"


def test_fixing_the_review_clears_the_findings(review: rs.Review) -> None:
    review.add_cmoc(
        rs.CMOC(
            "c1",
            statement="Trust grows with contact",
            theme_id="being",
            narrative="Contact builds trust [@r1], as [1] said.",
        ),
        replace=True,
    )
    review.add_cmoc(rs.CMOC("c3", statement="Talk helps", theme_id="being"), replace=True)
    codes = {f.code for f in lint(review)}
    assert "unresolved-citation" not in codes
    assert "unknown-informant" not in codes
    assert "unthemed" not in codes
    # r3 is still linked but no longer cited, and still excluded
    assert {"evidence-not-cited", "evidence-from-excluded"} <= codes


def test_leniently_loaded_review_reports_outside_framework_and_unknown_informant(
    review: rs.Review,
) -> None:
    doc = review.to_document()
    doc = attrs.evolve(
        doc,
        cmocs=(*doc.cmocs, rs.CMOC("c9", statement="Odd", theme_id="nowhere")),
        quotations=(*doc.quotations, rs.Quotation("qz", "who said this?", informant_id="9")),
    )
    lenient = rs.Review.from_document(doc, strict=False)
    assert lenient.problems()  # the invariants refuse it; the lint still reads it
    found = {(f.code, f.where) for f in lint(lenient)}
    assert ("outside-framework", "cmocs/c9") in found
    assert ("unknown-informant", "quotations/qz") in found


def test_empty_review_has_no_findings() -> None:
    assert lint(rs.Review.new("Empty")) == ()


def test_outcomes_the_texts_contradict() -> None:
    r = rs.Review.new("Outcomes")
    for cid, text in [
        ("a", "one"),
        ("b", "two"),
        ("c", "three"),
        ("a2", "one changed"),
        ("b2", "two"),
        ("m", "merged"),
    ]:
        r.add_cmoc(rs.CMOC(cid, context=text))
    r.add_theory_version(rs.TheoryVersion("v1", "v1", cmoc_ids=["a", "b", "c"]))
    r.add_theory_version(rs.TheoryVersion("v2", "v2", cmoc_ids=["a2", "b2", "m"]))
    K = rs.OutcomeKind
    r.refine(
        rs.Refinement(
            "v1",
            "v2",
            [
                rs.RefinementOutcome("a", K.SUPPORTED_UNCHANGED, "same?", ["a2"]),
                rs.RefinementOutcome("b", K.SUPPORTED_REFINED, "refined?", ["b2"]),
                rs.RefinementOutcome("c", K.MERGED_INTO, "alone", ["m"]),
            ],
        )
    )
    mismatches = {f.cmoc_id: f.message for f in lint(r) if f.code == "outcome-mismatch"}
    assert set(mismatches) == {"a", "b", "c"}
    assert "a2 differs" in mismatches["a"]
    assert "identical" in mismatches["b"]
    assert "nothing else merges" in mismatches["c"]
