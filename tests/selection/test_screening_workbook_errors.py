"""Bad workbooks are reported row by row and nothing is applied."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from selection.selection_helpers import fill_workbook

import realistsynth as rs
from realistsynth.selection.workbook import export_workbook, import_workbook


def _book(review: rs.Review, tmp_path: Path, reviewers: list[str] | None = None) -> Path:
    path = tmp_path / "ta.xlsx"
    export_workbook(review, "title-abstract", path, reviewers=reviewers or ["AL"])
    return path


def test_every_bad_row_is_reported_and_nothing_applied(review: rs.Review, tmp_path: Path) -> None:
    path = _book(review, tmp_path)
    fill_workbook(
        path,
        "AL",
        {
            "r01": ("include", "", ""),  # fine
            "r02": ("perhaps", "", ""),  # not a decision
            "r03": ("exclude", "Because", ""),  # not a listed reason
            "r04": ("include", "Not about the review's topic", ""),  # reason on an include
            "r05": ("", "", "a note without a decision"),
        },
    )
    wb = load_workbook(path)
    wb["AL"]["A7"] = "r99"  # an id typed over (row of r06)
    wb["AL"]["G7"] = "exclude"
    wb["AL"]["A8"] = "r08x"
    wb["AL"]["G8"] = "include"
    wb.save(path)
    before = rs.dumps(review)
    with pytest.raises(rs.DecisionImportError) as info:
        import_workbook(review, path)
    text = str(info.value)
    assert "row 3: decision 'perhaps'" in text
    assert "row 4: reason 'Because'" in text
    assert "row 6: decision ''" in text
    assert "row 7: unknown record id 'r99'" in text
    assert "row 8: unknown record id 'r08x'" in text
    assert rs.dumps(review) == before
    # the model's own rule (only an exclusion carries a reason) is reported with its row once
    # the other rows are fixed
    fill_workbook(
        path, "AL", {"r02": ("include", "", ""), "r03": ("exclude", "", ""), "r05": ("", "", "")}
    )
    wb = load_workbook(path)
    wb["AL"]["A7"], wb["AL"]["G7"] = "r06", None
    wb["AL"]["A8"], wb["AL"]["G8"] = "r07", None
    wb.save(path)
    with pytest.raises(rs.DecisionImportError, match="row 5: only an exclusion carries a reason"):
        import_workbook(review, path)
    assert rs.dumps(review) == before


def test_an_id_changed_to_another_known_record_is_caught(review: rs.Review, tmp_path: Path) -> None:
    path = _book(review, tmp_path)
    wb = load_workbook(path)
    wb["AL"]["A2"] = "r02"  # r01's row now claims to be r02
    wb["AL"]["G2"] = "include"
    wb.save(path)
    with pytest.raises(rs.DecisionImportError, match="row 2: the id 'r02' was altered"):
        import_workbook(review, path)


def test_reviewer_mismatch(review: rs.Review, tmp_path: Path) -> None:
    path = _book(review, tmp_path)
    fill_workbook(path, "AL", {"r01": ("include", "", "")})
    with pytest.raises(rs.DecisionImportError, match="holds the sheets of AL, not of BO"):
        import_workbook(review, path, reviewer="BO")
    # a row pasted into another reviewer's sheet keeps the wrong check code
    both = tmp_path / "both.xlsx"
    export_workbook(review, "title-abstract", both, reviewers=["AL", "BO"])
    wb = load_workbook(both)
    for col in "AJ":
        wb["BO"][f"{col}2"] = wb["AL"][f"{col}3"].value
    wb["BO"]["G2"] = "exclude"
    wb.save(both)
    with pytest.raises(rs.DecisionImportError, match="sheet BO, row 2: the id 'r02' was altered"):
        import_workbook(review, both)


def test_workbook_is_protected_with_drop_downs(review: rs.Review, tmp_path: Path) -> None:
    path = _book(review, tmp_path)
    ws = load_workbook(path)["AL"]
    assert ws.protection.sheet is True
    assert ws["A2"].protection.locked is True
    assert ws["G2"].protection.locked is False
    assert ws["H2"].protection.locked is False
    assert ws["I2"].protection.locked is False
    formulas = sorted(dv.formula1 for dv in ws.data_validations.dataValidation)
    assert formulas == ['"include,exclude,maybe"', "='Reasons'!$A$2:$A$6"]
    assert ws.column_dimensions["J"].hidden is True


def test_hostile_titles_are_written_as_text(review: rs.Review, tmp_path: Path) -> None:
    review.replace_record(
        rs.Record("r01", title='=HYPERLINK("http://x")\x0b', abstract="+1 and @2")
    )
    path = _book(review, tmp_path)
    report = export_workbook(review, "title-abstract", path, reviewers=["AL"])
    ws = load_workbook(path)["AL"]
    assert ws["B2"].value == '=HYPERLINK("http://x")'
    assert ws["B2"].data_type == "s"
    assert any("formulas" in w for w in report.warnings)


def test_not_a_workbook(review: rs.Review, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(rs.DecisionImportError, match="not an Excel workbook"):
        import_workbook(review, bad)
    plain = tmp_path / "plain.xlsx"
    from openpyxl import Workbook

    Workbook().save(plain)
    with pytest.raises(rs.DecisionImportError, match="not a realistsynth screening workbook"):
        import_workbook(review, plain)


def test_awkward_initials_still_make_a_sheet(tmp_path: Path) -> None:
    from selection.selection_helpers import small_review

    review = small_review()
    review.add_reviewer(rs.Reviewer("a:b"))
    review.add_reviewer(rs.Reviewer("Reasons"))
    path = tmp_path / "odd.xlsx"
    export_workbook(review, "title-abstract", path, reviewers=["a:b", "Reasons"])
    wb = load_workbook(path)
    assert "a_b" in wb.sheetnames
    fill_workbook(path, "a_b", {"r01": ("include", "", "")})
    fill_workbook(path, "Reasons1", {"r02": ("exclude", "", "")})
    import_workbook(review, path)
    assert review.decisions_on("title-abstract", "r01")["a:b"].verdict is rs.Verdict.INCLUDE
    assert review.decisions_on("title-abstract", "r02")["Reasons"].verdict is rs.Verdict.EXCLUDE
