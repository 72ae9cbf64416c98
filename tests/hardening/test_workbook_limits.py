"""Issue 19 item 13, for the workbooks that come back: the screening, de-duplication,
appraisal and synthesis workbooks are read within the same limits as the xlsx importer
(``workbook.editable``: columns, rows, unzipped size). Each workbook is written by
realistsynth, then made hostile the way a bomb is made: a declared dimension of
``A1:XFD1048576`` (not believed: the workbook still reads as before), a lone cell far below
the data (a "tall" sheet), a cell far to the right, a part that unzips beyond the limit."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from dedup.dedup_helpers import rec
from openpyxl import load_workbook
from selection.selection_helpers import small_review

import realistsynth as rs
from realistsynth.builtin.criteria import REALIST_RRR
from realistsynth.dedup import deduplicate
from realistsynth.dedup.workbook import export_pairs, read_pairs
from realistsynth.errors import RealistsynthError
from realistsynth.selection.appraisal_workbook import (
    export_appraisal_workbook,
    read_appraisal_workbook,
)
from realistsynth.selection.workbook import export_workbook, read_workbook
from realistsynth.synthesis.workbook import export_synthesis_workbook, import_synthesis_workbook
from realistsynth.workbook import editable
from realistsynth.workbook.editable import META_SHEET


def _screening(path: Path) -> Callable[[], object]:
    review = small_review()
    export_workbook(review, "title-abstract", path, reviewers=["AL"])
    return lambda: read_workbook(review, path)


def _dedup(path: Path) -> Callable[[], object]:
    review = rs.Review.new("Pairs")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_records(
        [
            rec("a1", doi=None, authors=[], volume=None, pages=None, issue=None),
            rec("a2", doi=None, authors=[], volume=None, pages=None, issue=None),
        ]
    )
    deduplicate(review)
    export_pairs(review, path)
    return lambda: read_pairs(review, path)


def _appraisal(path: Path) -> Callable[[], object]:
    review = rs.Review.new("Appraisal")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_record(rs.Record("a2020", title="A study"))
    review.adopt_criteria_set(REALIST_RRR)
    export_appraisal_workbook(review, REALIST_RRR.name, path)
    return lambda: read_appraisal_workbook(review, path)


def _synthesis(path: Path) -> Callable[[], object]:
    review = rs.Review.new("Synthesis")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_record(rs.Record("a2020", title="A study"))
    review.add_extract(rs.CodedExtract("ex1", "a2020", "leaders named the purpose"))
    review.add_cmoc(rs.CMOC("c1", context="a context", outcome="an outcome", label="CMOC 1"))
    export_synthesis_workbook(review, path, reviewer="LK")
    return lambda: import_synthesis_workbook(review, path, dry_run=True)


WORKBOOKS = {
    "screening": _screening,
    "dedup": _dedup,
    "appraisal": _appraisal,
    "synthesis": _synthesis,
}


def _rewrite_parts(path: Path, change: Callable[[str, bytes], bytes]) -> None:
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info.filename)))
    path.write_bytes(out.getvalue())


def _add_cell(path: Path, row: int, column: int) -> None:
    """A lone cell on every sheet but the hidden one, as someone editing it would add it."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if ws.title != META_SHEET:
            ws.cell(row=row, column=column, value="x")
    wb.save(path)


@pytest.mark.parametrize("kind", sorted(WORKBOOKS))
def test_a_declared_sheet_dimension_beyond_the_limits_is_not_believed(
    kind: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    read = WORKBOOKS[kind](path)
    expected = read()
    declared = re.compile(rb'<dimension ref="[A-Z]+[0-9]+(:[A-Z]+[0-9]+)?"/>')
    bombs = []

    def bomb(name: str, content: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            content, n = declared.subn(b'<dimension ref="A1:XFD1048576"/>', content)
            bombs.append(n)
        return content

    _rewrite_parts(path, bomb)
    assert bombs  # every sheet now declares 16,384 x 1,048,576 cells
    assert all(bombs)
    # believed, a streaming reader pads every row to 16,384 cells (minutes, gigabytes for a
    # sheet of many rows); the shared reader reads the cells actually there
    wb = editable.open_workbook(path, lambda problems, where: RealistsynthError(problems[0]))
    try:
        widths = {len(values) for ws in wb.worksheets for values in ws.iter_rows(values_only=True)}
    finally:
        wb.close()
    assert max(widths) < editable.MAX_WORKBOOK_COLUMNS
    assert read() == expected


@pytest.mark.parametrize("kind", sorted(WORKBOOKS))
def test_a_tall_sheet_beyond_the_row_limit_is_refused(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(editable, "MAX_WORKBOOK_ROWS", 1000)
    path = tmp_path / f"{kind}.xlsx"
    read = WORKBOOKS[kind](path)
    read()  # within the limit
    _add_cell(path, editable.MAX_WORKBOOK_ROWS * 5, 1)
    with pytest.raises(RealistsynthError, match="more than 1,000 rows") as caught:
        read()
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("kind", sorted(WORKBOOKS))
def test_a_row_wider_than_the_column_limit_is_refused(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.xlsx"
    read = WORKBOOKS[kind](path)
    _add_cell(path, 2, editable.MAX_WORKBOOK_COLUMNS + 1)
    with pytest.raises(RealistsynthError, match="columns, beyond the limit") as caught:
        read()
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("kind", sorted(WORKBOOKS))
def test_a_workbook_that_unzips_beyond_the_limit_is_refused_unread(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    read = WORKBOOKS[kind](path)
    with zipfile.ZipFile(path) as archive:
        size = sum(info.file_size for info in archive.infolist())
    monkeypatch.setattr(editable, "MAX_WORKBOOK_UNZIPPED", size - 1)
    with pytest.raises(RealistsynthError, match="zip bomb") as caught:
        read()
    assert str(path) in str(caught.value)
