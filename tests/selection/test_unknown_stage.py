"""A decision or resolution at a stage the review does not have is refused when made, and
reported by ``validate`` when a file holds one (written by an older version or by hand)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.errors import UnknownReferenceError
from realistsynth.model import (
    Decision,
    Record,
    Resolution,
    ResolutionMethod,
    Reviewer,
    ScreeningStage,
    Verdict,
)


def _review() -> rs.Review:
    review = rs.Review.new("Stages")
    review.add_reviewer(Reviewer("LK"))
    review.add_record(Record("r1", title="A study"))
    review.add_stage(ScreeningStage("ta", "Title and abstract"))
    return review


def test_a_decision_at_an_unknown_stage_is_refused_and_not_kept() -> None:
    review = _review()
    before = rs.dumps(review)
    with pytest.raises(UnknownReferenceError, match="no stage 'nonexistent-stage'") as caught:
        review.record_decision(Decision("nonexistent-stage", "r1", "LK", Verdict.INCLUDE))
    assert caught.value.where == "decisions/nonexistent-stage/r1/LK"
    assert "the review's stages: ta" in str(caught.value)
    assert rs.dumps(review) == before


def test_a_resolution_at_an_unknown_stage_is_refused() -> None:
    review = _review()
    with pytest.raises(UnknownReferenceError, match="no stage 'ft'"):
        review.resolve(
            Resolution("ft", "r1", Verdict.INCLUDE, ResolutionMethod.CONSENSUS, by=("LK",))
        )
    assert review.resolutions == ()


def test_validate_reports_a_decision_at_an_unknown_stage_in_a_file(tmp_path: Path) -> None:
    review = _review()
    review.record_decision(Decision("ta", "r1", "LK", Verdict.INCLUDE))
    data = json.loads(rs.dumps(review))
    (decision,) = data["review"]["decisions"]
    data["review"]["decisions"].append({**decision, "stage_id": "nonexistent-stage"})
    path = tmp_path / "review.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path), "--json"])
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output)["problems"]
    assert any("no stage 'nonexistent-stage'" in p for p in problems), problems
