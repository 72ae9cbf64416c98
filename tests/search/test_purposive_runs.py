"""Purposive, iterative search runs as data (round, purpose, seeds, direction), and where
records found by other methods enter selection (PRISMA 2020's second arm)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import realistsynth as rs


def _review() -> rs.Review:
    review = rs.Review.new("Iterative searching")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_source(rs.Source("cinahl", "CINAHL"))
    review.add_source(rs.Source("chase", "Citation searching", kind=rs.SourceKind.CITATION_CHASING))
    review.add_source(rs.Source("experts", "Expert advice", kind=rs.SourceKind.EXPERT_SUGGESTION))
    review.add_search_run(rs.SearchRun("cinahl-1", "cinahl"))
    review.add_record(
        rs.Record("db1", title="From CINAHL", provenance=[rs.Provenance(source_id="cinahl")])
    )
    review.add_cmoc(rs.CMOC("cmoc-1", context="In trusting contexts"))
    review.add_stage(rs.ScreeningStage("ta", "Title and abstract"))
    review.add_stage(rs.ScreeningStage("ft", "Full text", other_methods_entry=True))
    return review


def test_a_citation_run_keeps_round_purpose_seeds_and_direction(tmp_path: Path) -> None:
    review = _review()
    run = rs.SearchRun(
        "chase-1",
        "chase",
        round=2,
        purpose=rs.SearchPurpose("test CMOC 1 in primary care", cmoc_ids=["cmoc-1"]),
        seeds=["db1"],
        direction=rs.ChaseDirection.BOTH,
        service="openalex",
    )
    review.add_search_run(run)
    rs.save(review, tmp_path / "r.json")
    again = rs.load(tmp_path / "r.json")
    assert again.search_runs["chase-1"] == run
    saved = json.loads((tmp_path / "r.json").read_text())
    [stored] = [r for r in saved["review"]["search_runs"] if r["id"] == "chase-1"]
    assert stored["round"] == 2
    assert stored["direction"] == "both"
    assert stored["purpose"] == {"text": "test CMOC 1 in primary care", "cmoc_ids": ["cmoc-1"]}
    # defaults stay out of the file, so a main-search run looks as it did in schema 2
    [main] = [r for r in saved["review"]["search_runs"] if r["id"] == "cinahl-1"]
    assert main == {"id": "cinahl-1", "source_id": "cinahl"}


def test_seeds_must_be_records_and_belong_to_citation_searches() -> None:
    review = _review()
    with pytest.raises(rs.UnknownReferenceError, match="seed record 'nope'"):
        review.add_search_run(
            rs.SearchRun("c", "chase", seeds=["nope"], direction=rs.ChaseDirection.BACKWARD)
        )
    with pytest.raises(rs.InvalidValueError, match="belong to citation searches"):
        review.add_search_run(
            rs.SearchRun("c", "cinahl", seeds=["db1"], direction=rs.ChaseDirection.BACKWARD)
        )
    with pytest.raises(rs.UnknownReferenceError, match="CMOC 'cmoc-9'"):
        review.add_search_run(rs.SearchRun("c", "chase", purpose=rs.SearchPurpose("x", ["cmoc-9"])))
    with pytest.raises(ValueError, match="need a direction"):
        rs.SearchRun("c", "chase", seeds=["db1"])
    with pytest.raises(ValueError, match="round"):
        rs.SearchRun("c", "chase", round=0)
    assert "c" not in review.search_runs


def test_source_kinds_fall_into_the_two_prisma_arms() -> None:
    arms = {k: k.arm for k in rs.SourceKind}
    assert {k for k, a in arms.items() if a is rs.Arm.DATABASES} == {
        rs.SourceKind.DATABASE,
        rs.SourceKind.REGISTER,
    }
    assert arms[rs.SourceKind.WEBSITE] is rs.Arm.OTHER_METHODS
    assert arms[rs.SourceKind.THEORY_GLEANING] is rs.Arm.OTHER_METHODS


def test_records_found_by_other_methods_enter_at_the_marked_stage() -> None:
    review = _review()
    review.add_record(
        rs.Record("ex1", title="Suggested", provenance=[rs.Provenance(source_id="experts")])
    )
    assert review.arm_of("ex1") is rs.Arm.OTHER_METHODS
    assert review.arm_of("db1") is rs.Arm.DATABASES
    assert not review.reached("ta", "ex1")
    assert review.reached("ft", "ex1")
    assert review.records_at("ta") == ["db1"]
    assert review.records_at("ft") == ["ex1"]
    with pytest.raises(rs.StageOrderError, match="enters selection at stage 'ft'"):
        review.record_decision(rs.Decision("ta", "ex1", "LK", rs.Verdict.INCLUDE))
    review.record_decision(rs.Decision("ft", "ex1", "LK", rs.Verdict.INCLUDE))
    assert review.included() == ["ex1"]
    # a database record still needs its title/abstract inclusion first
    with pytest.raises(rs.StageOrderError):
        review.record_decision(rs.Decision("ft", "db1", "LK", rs.Verdict.INCLUDE))


def test_a_work_also_found_in_a_database_stays_in_the_database_arm() -> None:
    review = _review()
    review.add_record(
        rs.Record(
            "both",
            provenance=[rs.Provenance(source_id="experts"), rs.Provenance(source_id="cinahl")],
        )
    )
    assert review.arm_of("both") is rs.Arm.DATABASES
    assert review.reached("ta", "both")


def test_without_a_marked_stage_every_record_goes_through_every_stage() -> None:
    review = rs.Review.new("One line")
    review.add_source(rs.Source("experts", "Experts", kind=rs.SourceKind.EXPERT_SUGGESTION))
    review.add_record(rs.Record("ex1", provenance=[rs.Provenance(source_id="experts")]))
    review.add_stage(rs.ScreeningStage("ta", "Title and abstract"))
    review.add_stage(rs.ScreeningStage("ft", "Full text"))
    assert review.reached("ta", "ex1")
    assert not review.reached("ft", "ex1")


def test_only_one_stage_is_where_other_methods_enter() -> None:
    review = _review()
    with pytest.raises(rs.InvalidValueError, match="already enter at stage 'ft'"):
        review.add_stage(rs.ScreeningStage("gate2", "Again", other_methods_entry=True))
