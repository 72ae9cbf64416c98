"""A workbook that comes back is refused when it was exported from another review (a copy
of this one, another review over the same records, or this one before it was renamed): the
screening, appraisal, synthesis and confidence workbooks all name their review in their
hidden sheet, and the import checks the name before it reads a row
(:func:`realistsynth.workbook.editable.other_review`). Nothing is applied."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selection.selection_helpers import fill_workbook, small_review

import realistsynth as rs
from realistsynth.builtin.criteria import REALIST_RRR
from realistsynth.examples import build_example
from realistsynth.selection.appraisal_workbook import (
    export_appraisal_workbook,
    import_appraisal_workbook,
)
from realistsynth.selection.workbook import export_workbook, import_workbook
from realistsynth.synthesis.workbook import export_synthesis_workbook, import_synthesis_workbook


def _screening(tmp_path: Path) -> tuple[rs.Review, Path, Callable[[rs.Review], object]]:
    review = small_review()
    path = tmp_path / "ta.xlsx"
    export_workbook(review, "title-abstract", path, reviewers=["AL"])
    fill_workbook(path, "AL", {"r01": ("include", "", "")})
    return review, path, lambda target: import_workbook(target, path)


def _appraisal(tmp_path: Path) -> tuple[rs.Review, Path, Callable[[rs.Review], object]]:
    review = rs.Review.new("Appraisal")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_record(rs.Record("a2020", type="article-journal", title="A study"))
    review.adopt_criteria_set(REALIST_RRR)
    path = tmp_path / "appraisal.xlsx"
    export_appraisal_workbook(review, REALIST_RRR.name, path)
    return review, path, lambda target: import_appraisal_workbook(target, path)


def _synthesis(tmp_path: Path) -> tuple[rs.Review, Path, Callable[[rs.Review], object]]:
    review = build_example("ics-leadership")
    path = tmp_path / "synthesis.xlsx"
    export_synthesis_workbook(review, path, reviewer="LK")
    return review, path, lambda target: import_synthesis_workbook(target, path)


@pytest.mark.parametrize("make", [_screening, _appraisal, _synthesis])
def test_a_workbook_of_another_review_is_refused_and_nothing_applied(
    make: Callable[[Path], tuple[rs.Review, Path, Callable[[rs.Review], object]]],
    tmp_path: Path,
) -> None:
    review, _, read = make(tmp_path)
    title = review.meta.title
    review.update_meta(title=title + " (a copy)")
    before = rs.dumps(review)
    with pytest.raises(rs.RealistsynthError) as info:
        read(review)
    assert f"a workbook of the review {title!r}, not of {title + ' (a copy)'!r}" in str(info.value)
    assert rs.dumps(review) == before
    # the review it came from takes it
    review.update_meta(title=title)
    read(review)
