"""Issue 19 item 17: decisions that cannot be read are refused, never taken as none."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.errors import DecisionImportError
from realistsynth.selection.external import read_rayyan
from realistsynth.selection.workbook import export_workbook, import_workbook


def test_a_formula_decision_without_a_computed_value_is_refused(
    review: rs.Review, tmp_path: Path
) -> None:
    path = tmp_path / "ta.xlsx"
    export_workbook(review, "title-abstract", path, reviewers=["AL"])
    wb = load_workbook(path)
    wb["AL"]["G2"] = '=IF(TRUE,"include","exclude")'  # openpyxl saves no computed value
    wb.save(path)
    before = rs.dumps(review)
    with pytest.raises(DecisionImportError, match="formula"):
        import_workbook(review, path)
    assert rs.dumps(review) == before


def test_a_file_that_is_not_a_rayyan_export_is_refused(review: rs.Review) -> None:
    data = b'Title,Authors,Year\nA study,"Smith, J.",2020\n'
    with pytest.raises(DecisionImportError, match="not a Rayyan export"):
        read_rayyan(review, data, "title-abstract", file_name="scopus.csv")


def test_a_rayyan_export_without_decisions_is_refused(review: rs.Review) -> None:
    data = b'key,title,authors,year,notes\n1,A study,"Smith, J.",2020,\n'
    with pytest.raises(DecisionImportError, match="no row holds Rayyan decisions"):
        read_rayyan(review, data, "title-abstract", file_name="rayyan.csv")
