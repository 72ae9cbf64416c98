"""Decisions from Rayyan and Covidence exports (hand-made files in tests/data/selection)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.selection import Sourced, apply_decisions
from realistsynth.selection.external import read_covidence, read_rayyan

DATA = Path(__file__).resolve().parents[1] / "data" / "selection"
NAMES = {"Alice": "AL", "Bob": "BO"}


def _vote(sourced: Sourced) -> rs.Decision:
    """A Rayyan row's item: one reviewer's decision."""
    assert isinstance(sourced.item, rs.Decision)
    return sourced.item


def _settled(sourced: Sourced) -> rs.Resolution:
    """A Covidence row's item: a settled outcome."""
    assert isinstance(sourced.item, rs.Resolution)
    return sourced.item


def test_rayyan_labels_become_decisions(review: rs.Review) -> None:
    batch = read_rayyan(
        review,
        (DATA / "rayyan-articles.csv").read_bytes(),
        "title-abstract",
        names=NAMES,
        file_name="rayyan-articles.csv",
    )
    got = sorted(
        (d.record_id, d.reviewer, d.verdict.value, d.reason) for d in map(_vote, batch.items)
    )
    assert got == [
        ("r01", "AL", "include", None),
        ("r01", "BO", "include", None),
        ("r02", "AL", "exclude", "wrong-population"),
        ("r02", "BO", "maybe", None),
        ("r03", "AL", "exclude", "language"),
        ("r03", "BO", "exclude", "language"),
    ]
    assert batch.unmatched == ("rayyan-articles.csv, row 5: A study nobody imported",)
    note = next(d.note for d in map(_vote, batch.items) if d.record_id == "r02")
    assert note == "Rayyan reasons: wrong population, Off-topic"
    result = apply_decisions(review, batch.items)
    assert result.added == 6
    assert review.status("title-abstract", "r03") is rs.StageStatus.EXCLUDE
    assert review.status("title-abstract", "r02") is rs.StageStatus.CONFLICT
    again = apply_decisions(
        review,
        read_rayyan(
            review, (DATA / "rayyan-articles.csv").read_bytes(), "title-abstract", names=NAMES
        ).items,
    )
    assert (again.added, again.changed, again.unchanged) == (0, 0, 6)


def test_rayyan_names_match_reviewer_names_without_a_map(review: rs.Review) -> None:
    data = (
        b'key,title,year,notes,doi\n1,x,2019,"RAYYAN-INCLUSION: {""Alice Lee""=>""Excluded""}",'
        b"10.1234/jic.1\n"
    )
    (item,) = read_rayyan(review, data, "title-abstract").items
    assert _vote(item).reviewer == "AL"


def test_rayyan_unknown_reviewer_and_reason_are_reported(review: rs.Review) -> None:
    data = (
        b"key,title,year,notes,doi\n"
        b'1,x,2019,"RAYYAN-INCLUSION: {""Zed""=>""Included""}",10.1234/jic.1\n'
        b'2,y,2019,"RAYYAN-INCLUSION: {""Alice""=>""Excluded""} | '
        b'RAYYAN-EXCLUSION-REASONS: too boring",10.1234/jic.2\n'
        b'3,z,2019,"RAYYAN-INCLUSION: {""Alice""=>""Sure""}",10.1234/jic.3\n'
    )
    with pytest.raises(rs.DecisionImportError) as info:
        read_rayyan(review, data, "title-abstract", names=NAMES, file_name="r.csv")
    text = str(info.value)
    assert "row 2: Rayyan reviewer 'Zed' is not on the team" in text
    assert "row 3: exclusion reason 'too boring'" in text
    assert "row 4: Alice's label 'Sure'" in text


def test_covidence_list_becomes_resolutions(review: rs.Review) -> None:
    batch = read_covidence(
        review,
        (DATA / "covidence-excluded.csv").read_bytes(),
        "title-abstract",
        rs.Verdict.EXCLUDE,
        by=["AL", "BO"],
        file_name="covidence-excluded.csv",
    )
    got = [(r.record_id, r.reason, r.by) for r in map(_settled, batch.items)]
    assert got == [("r07", "wrong-population", ("AL", "BO")), ("r09", "language", ("AL", "BO"))]
    assert batch.unmatched == ("covidence-excluded.csv, row 4: An unknown study",)
    apply_decisions(review, batch.items)
    assert review.status("title-abstract", "r07") is rs.StageStatus.EXCLUDE
    resolution = review.resolution_on("title-abstract", "r07")
    assert resolution is not None
    assert "#17" in (resolution.rationale or "")


def test_covidence_without_title_column(review: rs.Review) -> None:
    with pytest.raises(rs.DecisionImportError, match="not a Covidence"):
        read_covidence(review, b"a,b\n1,2\n", "title-abstract", rs.Verdict.INCLUDE, by=["AL"])


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_our_errors(data: bytes) -> None:
    from selection.selection_helpers import small_review

    review = small_review()
    for read in (
        lambda: read_rayyan(review, data, "title-abstract"),
        lambda: read_covidence(review, data, "title-abstract", rs.Verdict.INCLUDE, by=["AL"]),
    ):
        with contextlib.suppress(rs.RealistsynthError):
            read()
