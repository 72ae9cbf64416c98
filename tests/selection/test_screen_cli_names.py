"""``screen init --required-decisions`` (``--reviewers`` a deprecated alias) and ``screen
resolve --reason`` taking the reason's label, as the screening workbook offers it, or its
code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli


@pytest.fixture
def review(tmp_path: Path) -> Path:
    project = rs.Review.new("Names")
    project.add_reviewer(rs.Reviewer("LK"))
    project.add_reviewer(rs.Reviewer("RG"))
    project.add_record(rs.Record("r1", title="A study"))
    path = tmp_path / "review.json"
    rs.save(project, path)
    return path


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_required_decisions_sets_how_many_decisions_settle_a_record(review: Path) -> None:
    code, output = _invoke("screen", "init", str(review), "--required-decisions", "3")
    assert code == 0, output
    assert {s.required_reviewers for s in rs.load(review).stages.values()} == {3}
    assert "deprecated" not in output


def test_reviewers_is_a_deprecated_alias(review: Path) -> None:
    code, output = _invoke("screen", "init", str(review), "--reviewers", "1")
    assert code == 0, output
    assert "--reviewers is deprecated" in output
    assert {s.required_reviewers for s in rs.load(review).stages.values()} == {1}


def test_the_default_is_dual_screening(review: Path) -> None:
    assert _invoke("screen", "init", str(review))[0] == 0
    assert {s.required_reviewers for s in rs.load(review).stages.values()} == {2}


@pytest.mark.parametrize(
    "given", ["Wrong publication type", "wrong publication TYPE", "wrong-publication-type"]
)
def test_resolve_takes_the_reason_label_or_code(review: Path, given: str) -> None:
    assert _invoke("screen", "init", str(review))[0] == 0
    code, output = _invoke(
        "screen", "resolve", str(review), "--stage", "title-abstract", "--record", "r1",
        "--verdict", "exclude", "--by", "LK", "--by", "RG", "--reason", given,
    )  # fmt: skip
    assert code == 0, output
    resolution = rs.load(review).resolution_on("title-abstract", "r1")
    assert resolution is not None
    assert resolution.reason == "wrong-publication-type"


def test_resolve_refuses_an_unknown_reason_and_lists_the_known_ones(review: Path) -> None:
    assert _invoke("screen", "init", str(review))[0] == 0
    code, output = _invoke(
        "screen", "resolve", str(review), "--stage", "title-abstract", "--record", "r1",
        "--verdict", "exclude", "--by", "LK", "--reason", "Too long",
    )  # fmt: skip
    assert code != 0
    assert "'Too long' is neither a code nor a label" in output
    assert "wrong-publication-type (Wrong publication type)" in output
