"""Confidence in each CMOC: the assessment's rules, the built-in approaches, the lint rules
and ``theory confidence``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import realistsynth as rs
from realistsynth.builtin.confidence import CERQUAL_CMOC, EXPLANATORY_COHERENCE
from realistsynth.builtin.criteria import REALIST_RRR
from realistsynth.cli import cli as main
from realistsynth.synthesis import confidence_of_version, lint

CONCERNS = "no or very minor concerns"


def _review() -> rs.Review:
    review = rs.Review.new("Confidence")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_record(rs.Record("a2020", type="article-journal", title="A"))
    review.add_record(rs.Record("b2021", type="article-journal", title="B"))
    review.adopt_criteria_set(REALIST_RRR)
    review.adopt_confidence_approach(CERQUAL_CMOC)
    review.add_cmoc(rs.CMOC("c1", context="in small teams", outcome="better care"))
    review.add_cmoc(rs.CMOC("c2", context="in large teams", outcome="worse care"))
    review.add_theory_version(rs.TheoryVersion("v1", "Refined", rs.VersionKind.REFINED, ["c1"]))
    review.add_evidence(rs.EvidenceLink("e1", "c1", rs.EvidenceTarget.RECORD, "a2020"))
    review.add_evidence(
        rs.EvidenceLink("e2", "c1", rs.EvidenceTarget.RECORD, "b2021", rs.EvidenceRole.REFUTES)
    )
    return review


def _components(**overrides: str) -> list[rs.ComponentJudgement]:
    return [
        rs.ComponentJudgement(
            c.id, overrides.get(c.id.replace("-", "_"), CONCERNS), f"{c.name}: why", ["e1"]
        )
        for c in CERQUAL_CMOC.components
    ]


def _assessment(**kw: Any) -> rs.ConfidenceAssessment:
    # the assessment's fields by name, each test changing some (to values that must be refused too)
    base: dict[str, Any] = {
        "version_id": "v1",
        "cmoc_id": "c1",
        "approach": "cerqual-cmoc",
        "components": _components(),
        "level": "high",
        "rationale": "consistent across settings; e2 is explained by team size",
        "disconfirming": ["e2"],
        "assessor": "LK",
    }
    base.update(kw)
    return rs.ConfidenceAssessment(**base)


def test_the_built_in_approaches_have_their_components_and_citations() -> None:
    assert [c.id for c in CERQUAL_CMOC.components] == [
        "methodological-limitations",
        "coherence",
        "adequacy",
        "relevance",
    ]
    assert CERQUAL_CMOC.levels == ("high", "moderate", "low", "very low")
    assert "Lewin" in (CERQUAL_CMOC.citation or "")
    assert [c.id for c in EXPLANATORY_COHERENCE.components] == [
        "consilience",
        "simplicity",
        "analogy",
    ]
    assert "Thagard" in (EXPLANATORY_COHERENCE.citation or "")


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"cmoc_id": "c2"}, rs.InvalidValueError, "not in theory version 'v1'"),
        ({"version_id": "v9"}, rs.UnknownReferenceError, "theory version 'v9'"),
        ({"level": "certain"}, rs.InvalidValueError, "'certain' is not one of"),
        ({"components": _components()[:3]}, rs.InvalidValueError, "not judged: relevance"),
        (
            {"components": _components(coherence="fine")},
            rs.InvalidValueError,
            "'fine' is not on the scale",
        ),
        ({"disconfirming": ["e9"]}, rs.UnknownReferenceError, "evidence 'e9'"),
        ({"assessor": "XX"}, rs.UnknownReferenceError, "reviewer 'XX'"),
        ({"approach": "grade"}, rs.UnknownReferenceError, "confidence approach 'grade'"),
    ],
)
def test_an_assessment_that_breaks_a_rule_is_refused(
    change: dict[str, object], error: type[Exception], message: str
) -> None:
    review = _review()
    with pytest.raises(error, match=message):
        review.assess_confidence(_assessment(**change))
    assert review.confidence_assessments == ()


def test_evidence_for_another_cmoc_is_refused() -> None:
    review = _review()
    review.add_theory_version(rs.TheoryVersion("v2", "Other", rs.VersionKind.ITERATION, ["c2"]))
    review.add_evidence(rs.EvidenceLink("e3", "c2", rs.EvidenceTarget.RECORD, "a2020"))
    with pytest.raises(rs.InvalidValueError, match="evidence for 'c2', not 'c1'"):
        review.assess_confidence(_assessment(disconfirming=["e3"]))


def test_a_component_judged_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="judges a component twice"):
        _assessment(components=[*_components(), _components()[0]])


def test_an_assessment_replaces_the_previous_one_and_round_trips() -> None:
    review = _review()
    review.assess_confidence(_assessment())
    review.assess_confidence(_assessment(level="moderate"))
    assert [a.level for a in review.confidence_assessments] == ["moderate"]
    again = rs.loads(rs.dumps(review))
    assert again == review
    (item,) = confidence_of_version(again, "v1")
    assert item.assessment == _assessment(level="moderate")


def _codes(review: rs.Review) -> list[str]:
    return [f.code for f in lint(review) if f.code.startswith(("confidence", "high", "refut"))]


def test_lint_a_level_without_counted_support() -> None:
    review = _review()
    review.assess_confidence(_assessment(level="moderate"))
    assert _codes(review) == []
    # the only support is judged not trustworthy: a level without evidence that counts
    review.add_judgement(
        rs.Judgement(
            "e1",
            "realist-rrr",
            "rigour",
            "not trustworthy",
            "LK",
            "self-report only",
            target=rs.JudgementTarget.EVIDENCE,
        )
    )
    assert _codes(review) == ["confidence-without-evidence"]


def test_lint_high_confidence_resting_on_untrusted_data() -> None:
    review = _review()
    review.add_record(rs.Record("c2022", type="article-journal", title="C"))
    review.add_evidence(rs.EvidenceLink("e4", "c1", rs.EvidenceTarget.RECORD, "c2022"))
    review.add_judgement(
        rs.Judgement(
            "e4",
            "realist-rrr",
            "rigour",
            "not trustworthy",
            "LK",
            "unclear method",
            target=rs.JudgementTarget.EVIDENCE,
        )
    )
    review.assess_confidence(_assessment(level="high"))
    (finding,) = [f for f in lint(review) if f.code == "high-on-untrusted"]
    assert "e4" in finding.message
    review.assess_confidence(_assessment(level="moderate"))
    assert "high-on-untrusted" not in _codes(review)


def test_lint_a_refutation_no_rationale_mentions() -> None:
    review = _review()
    review.assess_confidence(_assessment(disconfirming=[], rationale="consistent"))
    (finding,) = [f for f in lint(review) if f.code == "refutation-unaddressed"]
    assert "e2" in finding.message
    assert finding.record_id == "b2021"
    # mentioning it in a rationale is enough: it was considered
    review.assess_confidence(_assessment(disconfirming=[], rationale="e2 concerns large teams"))
    assert "refutation-unaddressed" not in _codes(review)


def test_theory_confidence_lists_each_cmoc_with_its_evidence(tmp_path: Path) -> None:
    review = _review()
    review.assess_confidence(_assessment())
    path = tmp_path / "review.json"
    rs.save(review, path)
    runner = CliRunner()
    result = runner.invoke(main, ["theory", "confidence", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (cmoc,) = json.loads(result.output)["cmocs"]
    assert cmoc["assessment"]["level"] == "high"
    components = {c["component"]: c for c in cmoc["assessment"]["components"]}
    assert components["coherence"]["evidence"] == [{"link": "e1", "trust": "unappraised"}]
    assert [e["role"] for e in cmoc["evidence"]] == ["supports", "refutes"]
    text = runner.invoke(main, ["theory", "confidence", str(path), "--version", "v1"])
    assert text.exit_code == 0
    assert "c1: high (cerqual-cmoc)" in text.output
    assert "disconfirming evidence considered: e2" in text.output
    missing = runner.invoke(main, ["theory", "confidence", str(path), "--version", "v9"])
    assert missing.exit_code != 0
    assert "v9" in missing.output


def test_the_workbook_has_a_confidence_sheet_and_a_confidence_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    review = _review()
    review.assess_confidence(_assessment(level="moderate"))
    out = tmp_path / "review.xlsx"
    rs.export_to_path(review, "xlsx", out, {})
    book = load_workbook(out, read_only=True)
    rows = list(book["Confidence"].iter_rows(values_only=True))
    assert rows[0][:6] == ("Version", "CMOC", "Approach", "Overall", "Component", "Judgement")
    assert len(rows) == 1 + len(CERQUAL_CMOC.components)
    assert {r[4] for r in rows[1:]} == {c.name for c in CERQUAL_CMOC.components}
    # evidence named by its source, the disconfirming datum too
    assert rows[1][7].startswith("(")
    assert rows[1][8].startswith("(")
    assert "e1" not in rows[1][7]
    matrix = list(book["Matrix Refined"].iter_rows(values_only=True))
    labels = [r[0] for r in matrix]
    assert "Confidence" in labels
    assert matrix[labels.index("Confidence")][1] == "moderate"


def test_theory_assess_records_an_assessment_from_the_shell(tmp_path: Path) -> None:
    review = _review()
    path = tmp_path / "review.json"
    rs.save(review, path)
    runner = CliRunner()
    args = ["theory", "assess", str(path), "c1", "--version", "v1", "--level", "moderate"]
    for c in CERQUAL_CMOC.components:
        args += ["--component", c.id, CONCERNS, f"{c.name}: why"]
    args += ["--evidence", "coherence", "e1", "--disconfirming", "e2", "--by", "LK"]
    args += ["--interpreted", "--json"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["assessment"]["level"] == "moderate"
    (assessment,) = rs.load(path).confidence_assessments
    judged = assessment.judgement("coherence")
    assert judged is not None
    assert judged.evidence == ("e1",)
    assert judged.interpreted
    assert assessment.disconfirming == ("e2",)
    # a component left out is refused, and the file is unchanged
    before = path.read_bytes()
    short = ["theory", "assess", str(path), "c1", "--version", "v1", "--level", "low"]
    short += ["--component", "coherence", CONCERNS, "why"]
    refused = runner.invoke(main, short)
    assert refused.exit_code != 0
    assert "not judged" in refused.output
    assert path.read_bytes() == before


def test_theory_show_gives_each_cmoc_its_confidence(tmp_path: Path) -> None:
    review = _review()
    review.assess_confidence(_assessment(level="low"))
    path = tmp_path / "review.json"
    rs.save(review, path)
    result = CliRunner().invoke(main, ["theory", "show", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (version,) = json.loads(result.output)["versions"]
    cmocs = [c for t in version["themes"] for c in t["cmocs"]]
    assert [(c["id"], c["confidence"]) for c in cmocs] == [("c1", "low")]
    text = CliRunner().invoke(main, ["theory", "show", str(path)])
    assert "confidence low" in text.output
