"""``safe_row`` gives exactly what ``safe_cell`` gives cell by cell, and counts the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from realistsynth.workbook.cells import EXCEL_CELL_LIMIT, CellAudit, safe_cell, safe_row

_cells = st.one_of(
    st.none(),
    st.integers(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
    st.sampled_from(["=SUM(A1)", "+1", "-x", "@a", "a\x0bb", "\x00", "x" * (EXCEL_CELL_LIMIT + 5)]),
)


@given(st.lists(_cells, max_size=8))
def test_safe_row_matches_safe_cell(row):
    by_cell, by_row = CellAudit(), CellAudit()
    expected = [safe_cell(v, by_cell, f"c{i}") for i, v in enumerate(row)]
    values, as_text = safe_row(row, by_row, lambda i: f"c{i}")
    assert values == [v for v, _ in expected]
    assert as_text == [i for i, (_, text) in enumerate(expected) if text]
    assert by_row == by_cell
