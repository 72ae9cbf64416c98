"""The worked example's realist judgement: data-level rigour, a confidence assessment for each
of the six refined CMOCs, initial CMOC 3 not tested, and the RAMESES checklist confirmed item
by item with the section of the paper (or "no")."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.report import assess
from realistsynth.synthesis import DatumTrust, appraise_evidence, diff_versions, lint

DATA = Path(__file__).resolve().parents[2] / "examples" / "ics-leadership" / "data"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[rs.Review, Path]:
    folder = tmp_path_factory.mktemp("ics-judgement")
    result = CliRunner().invoke(cli, ["example", "ics-leadership", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return rs.load(folder / "review.json"), folder


def test_rigour_is_judged_per_datum_and_every_datum_counts(built: tuple[rs.Review, Path]) -> None:
    review, _ = built
    assert "rigour" not in review.stages
    data = [j for j in review.judgements if j.target is rs.JudgementTarget.EVIDENCE]
    record_links = [e for e in review.evidence.values() if e.target is rs.EvidenceTarget.RECORD]
    # every tie of a paper to a refined CMOC (Supplementary File 1) carries its rigour judgement
    assert {j.target_id for j in data} == {e.id for e in record_links}
    assert all("our reading" in (j.rationale or "") for j in data)
    appraisal = appraise_evidence(review)
    assert {appraisal[e.id].trust for e in record_links} == {DatumTrust.TRUSTED}


def test_each_refined_cmoc_has_a_confidence_assessment(built: tuple[rs.Review, Path]) -> None:
    review, _ = built
    confidence = tomllib.loads((DATA / "confidence.toml").read_text(encoding="utf-8"))
    assessed = {a.cmoc_id: a for a in review.confidence_assessments}
    assert sorted(assessed) == [f"refined-{n}" for n in range(1, 7)]
    for entry in confidence["cmoc"]:
        a = assessed[f"refined-{entry['number']}"]
        assert a.level == entry["level"]
        assert a.interpreted  # our reading of the paper, and marked so
        assert [c.component for c in a.components] == [
            "methodological-limitations",
            "coherence",
            "adequacy",
            "relevance",
        ]
        # every rationale points at where in the paper it comes from
        for c in a.components:
            assert c.interpreted
            assert "(" in c.rationale
            assert set(c.evidence) == {
                e.id for e in review.evidence.values() if e.cmoc_id == a.cmoc_id
            }
    # the complicating datum of CMOC 6 (Pearson and Watson, 2018) was considered
    assert assessed["refined-6"].disconfirming == ("ev-pearson2018-refined-6",)
    codes = {f.code for f in lint(review)}
    assert not codes & {
        "confidence-without-evidence",
        "high-on-untrusted",
        "refutation-unaddressed",
    }


def test_initial_cmoc_3_is_not_tested(built: tuple[rs.Review, Path]) -> None:
    review, _ = built
    (refinement,) = review.refinements
    outcome = refinement.outcome("initial-3")
    assert outcome is not None
    assert outcome.kind is rs.OutcomeKind.NOT_TESTED
    diff = diff_versions(review, "irpt", "ipt")
    assert [e.before for e in diff.entries if e.kind.value == "not-tested"] == [("initial-3",)]


def test_the_checklist_is_confirmed_item_by_item(built: tuple[rs.Review, Path]) -> None:
    review, folder = built
    result = {a.item.number: a for a in assess(review)}
    assert all(a.confirmation is not None for a in result.values())
    answers = {n: a.confirmation.reported.value for n, a in result.items() if a.confirmation}
    assert [n for n, v in answers.items() if v == "no"] == ["5", "13", "19"]
    assert [n for n, v in answers.items() if v == "unclear"] == ["6", "12"]
    for a in result.values():
        assert a.confirmation is not None
        assert a.confirmation.by == "WE"
        if a.confirmation.reported is rs.Reported.YES:
            assert a.confirmation.where
    searching = result["8"].confirmation
    assert searching is not None
    assert searching.where == "Search; Search Strategy (appendix)"
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert '<td class="answer yes">yes</td><td>Selection and Appraisal</td>' in html
    assert '<td class="answer no">no</td>' in html
    assert "not confirmed" not in html.split("<h3>1. ")[0]
