"""The writer's lean cell binding writes the cells openpyxl itself writes for the same safe
values (value and type), and styles exactly the cells it means to, row after row.

The oracle is bare openpyxl write-only mode given the values :func:`safe_row` returns (the
cells it flags written as text), read back with openpyxl: an independent path through
openpyxl's own binding of numbers, dates, booleans, error codes and text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell import WriteOnlyCell

from realistsynth.workbook.cells import CellAudit, safe_row
from realistsynth.workbook.sheets import CellValue, Column, SheetData
from realistsynth.workbook.xlsx_writer import write_workbook

_COLUMNS = [Column("A", 10), Column("B", 12, wrap=True), Column("C", 8), Column("D", 20, wrap=True)]

_values = st.one_of(
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 1, 1)),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
    st.sampled_from(
        ["#N/A", "#REF!", "=SUM(A1)", "+1", "-x", "@a", "a\x0bb", "", " padded ", "x" * 45]
    ),
)
_rows = st.lists(st.tuples(_values, _values, _values, _values), max_size=12)


def _read(data: bytes, n: int) -> list[list[tuple[object, str]]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [
        [(sheet.cell(r, c).value, sheet.cell(r, c).data_type) for c in range(1, 5)]
        for r in range(2, n + 2)
    ]


def _bare(rows: list[tuple[object, ...]]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("T")
    sheet.append([c.title for c in _COLUMNS])
    for row in rows:
        values, as_text = safe_row(row, CellAudit())
        for i in as_text:
            cell = WriteOnlyCell(sheet, value=values[i])
            cell.data_type = "s"
            values[i] = cell
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _ours(rows: Sequence[Sequence[CellValue]], fit_rows: bool) -> bytes:
    out = io.BytesIO()
    write_workbook([SheetData("T", _COLUMNS, rows, fit_rows=fit_rows)], out)
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(_rows, st.booleans())
def test_cells_match_bare_openpyxl(rows, fit_rows):
    assert _read(_ours(rows, fit_rows), len(rows)) == _read(_bare(rows), len(rows))


@settings(max_examples=40, deadline=None)
@given(_rows)
def test_only_long_or_text_forced_cells_of_wrapped_columns_wrap(rows):
    sheet = openpyxl.load_workbook(io.BytesIO(_ours(rows, fit_rows=False))).worksheets[0]
    for r, row in enumerate(rows, 2):
        values, as_text = safe_row(row, CellAudit())
        for i, value in enumerate(values):
            cell = sheet.cell(r, i + 1)
            wraps = _COLUMNS[i].wrap and (
                i in as_text
                # longer than 40 characters, or than its column is wide
                or (isinstance(value, str) and len(value) > min(40, int(_COLUMNS[i].width)))
            )
            assert bool(cell.alignment.wrap_text) is wraps, (i, value)
            assert not cell.font.bold


def test_a_reused_cell_never_carries_a_value_into_the_next_row():
    rows = [("a", "w" * 50, 1, "d" * 50), (None, None, None, None), ("b", "short", 2, None)]
    assert [[v for v, _ in row] for row in _read(_ours(rows, fit_rows=True), 3)] == [
        ["a", "w" * 50, 1, "d" * 50],
        [None, None, None, None],
        ["b", "short", 2, None],
    ]
