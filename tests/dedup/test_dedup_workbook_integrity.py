"""Issue 19 item 10: the pair-review workbook detects re-pointed and added rows (check codes,
as the screening workbook has), so a 'same' cannot merge studies nobody compared."""

from __future__ import annotations

import pytest
from dedup.dedup_helpers import rec
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.dedup import deduplicate
from realistsynth.dedup.workbook import SHEET, export_pairs, import_pairs
from realistsynth.errors import DecisionImportError
from realistsynth.model import Reviewer


def _review() -> rs.Review:
    review = rs.Review.new("Workbook integrity")
    review.add_reviewer(Reviewer("LK"))
    review.add_records(
        [
            rec("a1", doi=None, authors=[], volume=None, pages=None, issue=None),
            rec("a2", doi=None, authors=[], volume=None, pages=None, issue=None),
            rec("u1", title="An unrelated study of something else entirely", doi="10.1/u1"),
            rec("u2", title="Another unrelated study on a different topic", doi="10.1/u2"),
        ]
    )
    deduplicate(review)
    return review


def _edit(path, change) -> None:
    wb = load_workbook(path)
    ws = wb[SHEET]
    header = [c.value for c in ws[1]]
    change(ws, header)
    wb.save(path)


def test_a_re_pointed_record_id_is_refused(tmp_path) -> None:
    review = _review()
    path = tmp_path / "pairs.xlsx"
    export_pairs(review, path)

    def repoint(ws, header) -> None:
        ws.cell(row=2, column=header.index("record_a") + 1, value="u1")
        ws.cell(row=2, column=header.index("record_b") + 1, value="u2")
        ws.cell(row=2, column=header.index("decision") + 1, value="same")
        ws.cell(row=2, column=header.index("reviewer") + 1, value="LK")

    _edit(path, repoint)
    before = rs.dumps(review)
    with pytest.raises(DecisionImportError, match="check code"):
        import_pairs(review, path)
    assert rs.dumps(review) == before


def test_an_added_row_is_refused(tmp_path) -> None:
    review = _review()
    path = tmp_path / "pairs.xlsx"
    export_pairs(review, path)

    def add(ws, header) -> None:
        row = ws.max_row + 1
        ws.cell(row=row, column=header.index("record_a") + 1, value="u1")
        ws.cell(row=row, column=header.index("record_b") + 1, value="u2")
        ws.cell(row=row, column=header.index("decision") + 1, value="same")
        ws.cell(row=row, column=header.index("reviewer") + 1, value="LK")

    _edit(path, add)
    with pytest.raises(DecisionImportError, match=r"check code|not a queued pair"):
        import_pairs(review, path)
