"""The workbook's Records sheet honours the shared ``records`` option, and sheet builders
that take only the review (plugins' sheets from before the context existed) keep working."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

import realistsynth as rs
from realistsynth.errors import ExportError
from realistsynth.exporting import RecordSelection, select_records
from realistsynth.model import Review
from realistsynth.plugins import get_plugin_manager
from realistsynth.workbook.review_sheets import default_sheets
from realistsynth.workbook.sheets import Column, SheetContext, SheetData, SheetSpec
from realistsynth.workbook.xlsx_writer import XlsxExporter

_MANAGER = get_plugin_manager(load_entry_points=False)
_HERE = Path(__file__).parent


def review_with_duplicates() -> Review:
    # the records rule's review (tests/ is no package: load the module by its path)
    spec = importlib.util.spec_from_file_location("records_rule", _HERE / "test_records_rule.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    review: Review = module.review_with_duplicates()
    return review


def _sheet_ids(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path)["Records"]
    assert sheet.cell(1, 1).value == "Id"
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("selection", list(RecordSelection))
def test_records_sheet_holds_the_selected_records(
    tmp_path: Path, selection: RecordSelection
) -> None:
    review = review_with_duplicates()
    path = tmp_path / f"{selection.value}.xlsx"
    report = rs.export_to_path(
        review, "xlsx", path, {"records": selection.value}, plugin_manager=_MANAGER
    )
    expected = [r.id for r in select_records(review, selection)]
    assert _sheet_ids(path) == expected
    assert report.wrote is not None
    assert f"records={selection.value}" in report.wrote
    assert f"wrote {len(expected)} of {len(review.records)} records" in report.wrote


def test_the_default_is_every_record_and_the_option_is_declared(tmp_path: Path) -> None:
    review = review_with_duplicates()
    path = tmp_path / "default.xlsx"
    rs.export_to_path(review, "xlsx", path, {}, plugin_manager=_MANAGER)
    assert _sheet_ids(path) == list(review.records)
    names = {o.name for o in XlsxExporter.options}
    assert {"sheets", "records", "included_only"} <= names


def test_included_before_any_selection_stage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    with pytest.raises(ExportError, match="no selection stage"):
        rs.export_to_path(
            Review.new("Empty"), "xlsx", path, {"records": "included"}, plugin_manager=_MANAGER
        )
    assert not path.exists()


def test_old_and_new_builders_both_work(tmp_path: Path) -> None:
    seen: list[SheetContext] = []

    def old_style(review: Review) -> Iterator[SheetData]:
        yield SheetData("Old", [Column("Records")], [(len(review.records),)])

    def new_style(review: Review, context: SheetContext) -> Iterator[SheetData]:
        seen.append(context)
        yield SheetData("New", [Column("Records")], [(str(context.records),)])

    registry = default_sheets()
    registry.add(SheetSpec("old", "Old", old_style))
    registry.add(SheetSpec("new", "New", new_style))
    assert not registry.select(["old"])[0].takes_context
    assert registry.select(["new"])[0].takes_context
    path = tmp_path / "both.xlsx"
    with path.open("wb") as handle:
        XlsxExporter(registry).export(
            review_with_duplicates(),
            handle,
            {"sheets": ["old", "new"], "records": "canonical"},
        )
    book = openpyxl.load_workbook(path)
    assert book["Old"].cell(2, 1).value == 5
    assert seen
    assert seen[0].records is RecordSelection.CANONICAL
    assert seen[0].options["records"] == "canonical"
