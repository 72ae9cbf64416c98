"""``theory assess`` and ``appraise withdraw``: confidence assessments and judgements changed
from the shell go through the model's methods (same result as the API, same refusals), and a
refused command leaves the project file as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run

import realistsynth as rs

# the worked example as a project file: the fixtures saved and project
pytest_plugins = ["theory.theory_project"]


def links_of(review: rs.Review, cmoc_id: str) -> list[str]:
    return [e.id for e in review.evidence.values() if e.cmoc_id == cmoc_id]


COMPONENTS = {
    "methodological-limitations": ("minor concerns", "Trustworthy papers: rigour"),
    "coherence": ("moderate concerns", "Two papers report barriers: the data disagree"),
    "adequacy": ("moderate concerns", "Six sources"),
    "relevance": ("minor concerns", "English ICSs: the review's own context"),
}


def test_assess_records_what_the_api_records(project: Path) -> None:
    before = rs.load(project)
    cmoc = "refined-5"
    disconfirming = f"ev-pearson2018-{cmoc}"
    args = ["theory", "assess", str(project), cmoc, "--version", "ipt"]
    args += ["--approach", "cerqual-cmoc", "--level", "low", "--by", "WE"]
    args += ["--rationale", "Barriers outweigh: our reading", "--interpreted"]
    args += ["--disconfirming", disconfirming]
    links = links_of(before, cmoc)
    for name, (judgement, why) in COMPONENTS.items():
        args += ["--component", name, judgement, why]
        for link in links:
            args += ["--evidence", name, link]
    code, out = run(*args)
    assert code == 0, out
    expected = rs.ConfidenceAssessment(
        "ipt",
        cmoc,
        "cerqual-cmoc",
        [
            rs.ComponentJudgement(n, j, w, links, interpreted=True)
            for n, (j, w) in COMPONENTS.items()
        ],
        "low",
        rationale="Barriers outweigh: our reading",
        disconfirming=[disconfirming],
        assessor="WE",
        interpreted=True,
    )
    before.assess_confidence(expected)  # the API on the same review
    after = rs.load(project)
    assert after.confidence_of("ipt", cmoc) == expected
    assert after == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--component", "coherence", "minor concerns", "ok"], "component"),  # others missing
        (["--evidence", "nonsense", "ev-x"], "nonsense"),
        (["--evidence", "coherence", "no-such-link"], "no-such-link"),
        (["--level", "certain"], "certain"),
    ],
)
def test_assess_refusals_change_nothing(project: Path, extra: list[str], message: str) -> None:
    before = project.read_bytes()
    args = ["theory", "assess", str(project), "refined-1", "--version", "ipt"]
    args += ["--approach", "cerqual-cmoc", "--by", "WE"]
    if "--level" not in extra:
        args += ["--level", "high"]
    if "ok" not in extra:
        for name, (judgement, why) in COMPONENTS.items():
            args += ["--component", name, judgement, why]
    code, out = run(*args, *extra)
    assert code == 1, out
    assert message in out
    assert project.read_bytes() == before


def test_withdraw_takes_back_one_judgement_through_the_model(project: Path) -> None:
    review = rs.load(project)
    judgement = next(j for j in review.judgements if j.target is rs.JudgementTarget.EVIDENCE)
    args = ["appraise", "withdraw", str(project), "--target", "evidence", judgement.target_id]
    args += ["--criterion", judgement.criterion, "--by", judgement.reviewer, "--json"]
    code, out = run(*args)
    assert code == 0, out
    assert json.loads(out)["withdrawn"]["level"] == judgement.level
    review.withdraw_judgement(judgement)
    assert rs.load(project) == review
    # a second time: there is nothing to withdraw, and nothing changes
    before = project.read_bytes()
    code, out = run(*args)
    assert code == 1
    assert "no judgement by" in out
    assert project.read_bytes() == before
