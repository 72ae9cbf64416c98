"""The synthesis workbook: written with the review's own ids in its drop-downs, edited as a
team would in Excel (openpyxl stands in for Excel), and read back all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from coding.coded_example import with_coding, worked_example
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.synthesis.workbook import (
    CMOC_COLUMNS,
    EXTRACT_COLUMNS,
    export_synthesis_workbook,
    import_synthesis_workbook,
)

COL = {name: i + 1 for i, name in enumerate(EXTRACT_COLUMNS)}
CCOL = {name: i + 1 for i, name in enumerate(CMOC_COLUMNS)}


@pytest.fixture(scope="module")
def example() -> rs.Review:
    return with_coding(worked_example())


def fresh(example: rs.Review) -> rs.Review:
    return rs.Review.from_document(example.to_document())


def written(review: rs.Review, tmp_path: Path) -> Path:
    path = tmp_path / "synthesis.xlsx"
    report = export_synthesis_workbook(review, path, reviewer="LK")
    assert not report.warnings
    return path


def rows_of(ws: Worksheet, column: int) -> dict[str, int]:
    return {
        ws.cell(row=r, column=column).value: r
        for r in range(2, ws.max_row + 1)
        if ws.cell(row=r, column=column).value
    }


def test_sheets_lists_and_drop_downs_come_from_the_review(
    example: rs.Review, tmp_path: Path
) -> None:
    review = fresh(example)
    wb = load_workbook(written(review, tmp_path))
    assert wb.sheetnames[:2] == ["Documents", "Extracts"]
    versions = [f"CMOCs {v}" for v in review.theory_versions]
    assert [s for s in wb.sheetnames if s.startswith("CMOCs")] == versions
    assert wb["realistsynth"].sheet_state == "hidden"
    lists = wb["Lists"]
    cmocs = [lists.cell(row=r, column=2).value for r in range(2, len(review.cmocs) + 2)]
    assert cmocs == list(review.cmocs)
    assert [lists.cell(row=r, column=3).value for r in range(2, 6)] == ["C", "M-Res", "M-Rea", "O"]
    docs = [c.value for c in wb["Documents"]["A"][1:]]
    assert set(review.included()) <= set(docs)
    formulas = {dv.formula1 for dv in wb["Extracts"].data_validations.dataValidation}
    assert f"=Lists!$B$2:$B${len(review.cmocs) + 1}" in formulas
    assert any("supports,refutes,refines,contextualises" in f for f in formulas)
    ws = wb["Extracts"]
    assert ws.max_row >= 1 + len(review.extracts)
    assert ws.column_dimensions["L"].hidden  # the check code
    assert ws.protection.sheet


def test_the_same_workbook_twice_changes_nothing(example: rs.Review, tmp_path: Path) -> None:
    review = fresh(example)
    path = written(review, tmp_path)
    before = rs.dumps(review)
    result = import_synthesis_workbook(review, path)
    assert not result.changed
    assert result.unchanged_rows > 0
    assert rs.dumps(review) == before


def test_edits_and_new_rows_are_applied_with_a_diff(example: rs.Review, tmp_path: Path) -> None:
    review = fresh(example)
    path = written(review, tmp_path)
    wb = load_workbook(path)
    ws = wb["Extracts"]
    row = rows_of(ws, COL["link"])["x-ev-1"]
    ws.cell(row=row, column=COL["elements"], value="C; O")
    ws.cell(row=row, column=COL["role"], value="refines")
    ws.cell(row=row, column=COL["memos"], value="a new thought")
    new = ws.max_row + 1
    first_doc = next(iter(review.included()))
    for name, value in {
        "document": first_doc,
        "quoted text": "Leaders met monthly.",
        "page": "7",
        "elements": "M-Rea",
        "CMOC": "refined-2",
        "role": "supports",
        "if-then-because": "If leaders meet monthly, then ...",
    }.items():
        ws.cell(row=new, column=COL[name], value=value)
    version = list(review.theory_versions)[-1]  # the latest
    cs = wb[f"CMOCs {version}"]
    crow = rows_of(cs, CCOL["id"])[review.theory_versions[version].cmoc_ids[0]]
    cs.cell(row=crow, column=CCOL["outcome (O)"], value="Trust, measured")
    added = cs.max_row + 1
    cs.cell(row=added, column=CCOL["id"], value="refined-99")
    cs.cell(row=added, column=CCOL["if-then-because statement"], value="If x, then y, because z")
    wb.save(path)
    result = import_synthesis_workbook(review, path)
    assert (result.extracts_added, result.extracts_changed) == (1, 1)
    assert (result.links_added, result.links_changed) == (1, 1)
    assert (result.cmocs_added, result.cmocs_changed) == (1, 1)
    assert any("x-1: codes" in line for line in result.diff)
    assert any("supports -> refines" in line for line in result.diff)
    x1 = review.extracts["x-1"]
    assert x1.codes == ("C", "O")
    assert x1.memos == (rs.Memo("a new thought", author="LK"),)
    assert review.evidence["x-ev-1"].role is rs.EvidenceRole.REFINES
    added_ex = next(e for e in review.extracts.values() if e.text == "Leaders met monthly.")
    assert added_ex.location == rs.Location(page="7")
    assert added_ex.coder == "LK"
    assert added_ex.statement == "If leaders meet monthly, then ..."
    assert "refined-99" in review.theory_versions[version].cmoc_ids
    first = review.theory_versions[version].cmoc_ids[0]
    assert review.cmocs[first].outcome == "Trust, measured"
    # the same workbook once more: nothing new (the new rows have no ids yet, so re-export
    # first, as the team would, and re-import that)
    again = tmp_path / "again.xlsx"
    export_synthesis_workbook(review, again)
    once = rs.dumps(review)
    assert not import_synthesis_workbook(review, again).changed
    assert rs.dumps(review) == once


def test_re_pointed_and_bad_rows_refuse_everything(example: rs.Review, tmp_path: Path) -> None:
    review = fresh(example)
    path = written(review, tmp_path)
    wb = load_workbook(path)
    ws = wb["Extracts"]
    rows = rows_of(ws, COL["link"])
    other_doc = next(d for d in review.included() if d != review.extracts["x-1"].record_id)
    ws.cell(row=rows["x-ev-1"], column=COL["document"], value=other_doc)  # re-pointed
    ws.cell(row=rows["x-ev-2"], column=COL["CMOC"], value="refined-5")  # re-pointed
    ws.cell(row=rows["x-ev-3"], column=COL["elements"], value="Z")  # not an element
    new = ws.max_row + 1
    ws.cell(row=new, column=COL["document"], value=other_doc)
    ws.cell(row=new, column=COL["quoted text"], value="text")
    ws.cell(row=new, column=COL["CMOC"], value="no-such-cmoc")
    ws.cell(row=new + 1, column=COL["document"], value=other_doc)
    ws.cell(row=new + 1, column=COL["quoted text"], value="text")
    ws.cell(row=new + 1, column=COL["role"], value="proves")
    wb.save(path)
    before = rs.dumps(review)
    with pytest.raises(rs.CodingImportError) as caught:
        import_synthesis_workbook(review, path)
    problems = caught.value.problems
    assert len(problems) == 5, problems
    assert sum("re-pointed" in p for p in problems) == 2
    assert any("'Z'" in p for p in problems)
    assert any("no-such-cmoc" in p for p in problems)
    assert any("'proves'" in p for p in problems)
    assert all(p.startswith("sheet Extracts, row ") for p in problems)
    assert rs.dumps(review) == before


def test_cli_synthesis_export_import(example: rs.Review, tmp_path: Path) -> None:
    file = tmp_path / "r.json"
    rs.save(fresh(example), file)
    out = tmp_path / "s.xlsx"
    result = CliRunner().invoke(cli, ["synthesis", "export", str(file), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    ws = wb["Extracts"]
    row = rows_of(ws, COL["extract"])["x-0"]
    ws.cell(row=row, column=COL["if-then-because"], value="If A, then B, because C")
    wb.save(out)
    result = CliRunner().invoke(cli, ["synthesis", "import", str(file), str(out), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["extracts_changed"] == 1
    assert rs.load(file).extracts["x-0"].statement == "If A, then B, because C"


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200))
def test_anything_but_a_synthesis_workbook_is_refused_with_our_error(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.xlsx"
        path.write_bytes(data)
        with pytest.raises(rs.CodingImportError):
            import_synthesis_workbook(rs.Review.new("t"), path)


def test_a_screening_workbook_is_not_a_synthesis_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.create_sheet("realistsynth").append(["format", "realistsynth-screening-workbook"])
    wb.save(tmp_path / "s.xlsx")
    with pytest.raises(rs.CodingImportError, match="not a realistsynth synthesis workbook"):
        import_synthesis_workbook(rs.Review.new("t"), tmp_path / "s.xlsx")
