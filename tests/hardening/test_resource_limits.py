"""Issue 19 item 13: resource bombs are refused quickly with a clear error (documented limits
in docs/guarantees.md)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from realistsynth.errors import ParseError, RecordImportError
from realistsynth.formats import bibtex_syntax
from realistsynth.importing import read_records
from realistsynth.workbook import editable


def _macro_bomb(levels: int) -> bytes:
    lines = ['@string{m0 = "abcdefghijklmnopqrstuvwxyz0123456789"}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, levels)]
    lines.append(f"@article{{bomb,\n  title = m{levels - 1},\n  year = 2020\n}}")
    lines.append("@article{fine,\n  title = {Fine},\n  year = 2021\n}")
    return "\n".join(lines).encode()


def test_doubling_string_macros_are_cut_off_at_the_limit() -> None:
    result = read_records(_macro_bomb(41), "bibtex")
    assert any("macro" in w and "limit" in w for w in result.report.warnings) or any(
        "limit" in s.reason for s in result.report.skipped
    )
    assert "Fine" in [r.title for r in result.records]
    for record in result.records:
        assert len(record.title or "") <= bibtex_syntax.MAX_VALUE_CHARS


def test_macros_below_the_limit_still_expand() -> None:
    result = read_records(_macro_bomb(5), "bibtex")
    bomb = next(r for r in result.records if r.title and r.title.startswith("abc"))
    assert bomb.title is not None
    assert len(bomb.title) == 36 * 16


def _xlsx(build) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Title", "Authors", "Year"])
    sheet.append(["A study", "Smith, J.", 2020])
    build(sheet)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_a_declared_16384_column_dimension_is_not_believed() -> None:
    data = _xlsx(lambda s: None)
    # rewrite the dimension the way a bomb declares it
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>'
                )
                assert b"XFD1048576" in content
            target.writestr(info, content)
    result = read_records(out.getvalue(), "xlsx")
    assert [r.title for r in result.records] == ["A study"]


def test_a_row_wider_than_the_limit_is_refused() -> None:
    data = _xlsx(lambda s: s.cell(row=3, column=editable.MAX_WORKBOOK_COLUMNS + 1, value="x"))
    with pytest.raises(ParseError, match="columns"):
        read_records(data, "xlsx")


def test_a_tall_sheet_beyond_the_row_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(editable, "MAX_WORKBOOK_ROWS", 50)
    data = _xlsx(lambda s: [s.append([f"T{i}", "X, Y", 2000]) for i in range(100)])
    with pytest.raises(RecordImportError, match="rows"):
        read_records(data, "xlsx")
