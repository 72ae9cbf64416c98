"""The workbook prints as people hand it over: every sheet on A4 with a print setup (landscape
where wide, every column on one page's width, the header row repeated), a filled header row,
long text wrapped with rows as tall as it, and no sheet left blank without saying why."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.examples import build_example


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("print") / "review.xlsx"
    rs.export_to_path(build_example("ics-leadership"), "xlsx", path)
    return load_workbook(path)


def test_every_sheet_has_a_print_setup(workbook) -> None:
    for sheet in workbook:
        setup = sheet.page_setup
        assert setup.paperSize in (9, "9"), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert int(setup.fitToWidth) == 1, sheet.title
        assert int(setup.fitToHeight) == 0, sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert "&A" in sheet.oddFooter.left.text
        width = sum(sheet.column_dimensions[c].width or 0 for c in sheet.column_dimensions)
        expected = "landscape" if width > 100 else "portrait"
        assert setup.orientation == expected, (sheet.title, width)


def test_header_rows_are_filled_and_bold(workbook) -> None:
    for sheet in workbook:
        first = sheet["A1"]
        assert first.font.bold, sheet.title
        assert first.fill.fgColor.rgb.endswith("DDE3EA"), sheet.title


def test_no_sheet_is_blank_without_saying_why(workbook) -> None:
    for sheet in workbook:
        assert sheet.max_row >= 2, sheet.title
    note = workbook["Conflicts"]["A2"].value
    assert note.startswith("No conflicts:")
    assert workbook["Screening log"]["A2"].value.startswith("Nothing to show")


def test_wrapped_cells_get_rows_as_tall_as_their_text(workbook) -> None:
    records = workbook["Records"]
    title = [c.value for c in records[1]].index("Title") + 1
    long_rows = [
        row
        for row in range(2, records.max_row + 1)
        if len(str(records.cell(row, title).value or "")) > 70
    ]
    assert long_rows
    for row in long_rows:
        assert (records.row_dimensions[row].height or 0) > 15, row
    cmocs = workbook["CMOCs Refined programme theory"]
    assert cmocs["B1"].value == "Theme"
    long_themes = [c for c in cmocs["B"][1:] if len(str(c.value or "")) > 18]
    assert long_themes  # "Relating & Communicating" is wider than its column
    assert all(c.alignment.wrap_text for c in long_themes)


def test_an_empty_table_says_so_in_any_workbook(tmp_path: Path) -> None:
    review = rs.Review.new("Empty")
    path = tmp_path / "empty.xlsx"
    rs.export_to_path(review, "xlsx", path)
    for sheet in load_workbook(path):
        assert sheet.max_row >= 2, sheet.title
        assert isinstance(sheet["A2"].value, str), sheet.title
