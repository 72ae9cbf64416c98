"""What every workbook that goes out to be edited and comes back shares.

The screening workbook (:mod:`realistsynth.selection.workbook`) and the synthesis workbook
(:mod:`realistsynth.synthesis.workbook`) both go to people who edit them in Excel and come back
to be applied all or nothing. They share: cells written through
:func:`~realistsynth.workbook.cells.safe_cell`; a hidden ``realistsynth`` sheet of key/value
rows that says what the workbook is; a short check code on each row that catches a row
re-pointed at another thing (an id typed over, a row pasted from elsewhere); drop-down lists
(data validation) fed from a sheet of the review's own ids; an atomic save; and a forgiving
reader (read-only mode, every cell read as trimmed text) whose failures are the caller's own
error type, naming the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from realistsynth.atomic import atomic_write
from realistsynth.errors import RealistsynthError
from realistsynth.workbook.cells import CellAudit, safe_cell

__all__ = [
    "META_SHEET",
    "add_list_validation",
    "cell_text",
    "fit_row_height",
    "open_workbook",
    "read_meta",
    "row_check",
    "save_workbook",
    "uncached_formulas",
    "write_cell",
    "write_meta",
]

#: The hidden sheet that says what a workbook is.
META_SHEET = "realistsynth"


def row_check(*parts: str) -> str:
    """A row's check code: 12 hex digits of a hash of what the row must stay attached to.

    Not a secret: it detects edits, it does not prevent them.
    """
    text = "\x1f".join(parts).encode()
    return hashlib.sha256(text).hexdigest()[:12]


def write_cell(ws: Any, row: int, col: int, value: Any, audit: CellAudit) -> Any:
    """Write ``value`` made safe (no control characters, no formulas, within the limit)."""
    where = f"{ws.title}!{ws.cell(row=row, column=col).coordinate}"
    safe, as_text = safe_cell(value, audit, where)
    cell = ws.cell(row=row, column=col, value=safe)
    if as_text:
        cell.data_type = "s"
    return cell


def write_meta(wb: Any, rows: list[tuple[str, str]], audit: CellAudit) -> None:
    """Write the hidden key/value sheet last in the workbook."""
    meta = wb.create_sheet(META_SHEET)
    for r, (key, value) in enumerate(rows, start=1):
        write_cell(meta, r, 1, key, audit)
        write_cell(meta, r, 2, value, audit)
    meta.sheet_state = "hidden"


def read_meta(wb: Any) -> list[tuple[str, str]] | None:
    """The hidden sheet's key/value rows, or ``None`` when there is no such sheet."""
    if META_SHEET not in wb.sheetnames:
        return None
    return [
        (cell_text(row[0]), cell_text(row[1]) if len(row) > 1 else "")
        for row in wb[META_SHEET].iter_rows(values_only=True)
        if row
    ]


def add_list_validation(
    ws: Any, formula: str, cells: str, *, title: str, message: str, strict: bool = True
) -> None:
    """A drop-down list on ``cells`` fed by ``formula`` (a quoted list or a range).

    :param strict: refuse typed values outside the list (Excel still lets a paste through,
        so the importer checks every value again).
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle=title,
        error=message,
    )
    ws.add_data_validation(validation)
    validation.add(cells)


def fit_row_height(ws: Any, row: int, max_lines: int = 12) -> None:
    """Set a row's height from its wrapped text and its columns' widths.

    Spreadsheet programs do not grow a row for wrapped text written by openpyxl (LibreOffice
    prints the lines over one another), so the height is estimated: lines per cell from its
    width in characters and its line breaks, at most ``max_lines``.
    """
    from openpyxl.utils import get_column_letter

    lines = 1
    for cell in ws[row]:
        if not isinstance(cell.value, str) or not cell.value:
            continue
        width = ws.column_dimensions[get_column_letter(cell.column)].width or 10
        per_line = max(int(width * 1.15), 1)
        count = sum(max(1, -(-len(part) // per_line)) for part in cell.value.split("\n"))
        lines = max(lines, count)
    ws.row_dimensions[row].height = 15 * min(lines, max_lines) + 2


def save_workbook(wb: Any, path: Path) -> None:
    """Save atomically: the old file or the new one, whole."""
    with atomic_write(path) as handle:
        wb.save(handle)


def cell_text(value: Any) -> str:
    """A cell's value as trimmed text (whole floats without ``.0``; empty for nothing)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def uncached_formulas(path: Path) -> set[tuple[str, int, int]]:
    """The cells (sheet, row, column; 1-based) holding a formula with no computed value.

    A reviewer who types ``=...`` into a decision cell, in a tool that does not compute
    formulas or save their results, leaves a cell that reads as empty: it must be refused,
    not taken as "not screened". Cells are found by reading the workbook twice (formulas,
    then the values saved with them); workbooks of decisions are small.
    """
    from openpyxl import load_workbook

    formulas: set[tuple[str, int, int]] = set()
    try:
        raw = load_workbook(path, data_only=False, read_only=True)
    except Exception:  # the caller's own open reports an unreadable file
        return formulas
    try:
        for ws in raw.worksheets:
            for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
                for c, value in enumerate(row, start=1):
                    if isinstance(value, str) and value.startswith("="):
                        formulas.add((ws.title, r, c))
    finally:
        raw.close()
    if not formulas:
        return formulas
    values = load_workbook(path, data_only=True, read_only=True)
    try:
        cached = {
            (title, r, c)
            for title, r, c in formulas
            if values[title].cell(row=r, column=c).value not in (None, "")
        }
    finally:
        values.close()
    return formulas - cached


def open_workbook(path: Path, error: Callable[[list[str], str], RealistsynthError]) -> Any:
    """Open a workbook for reading, streaming its sheets.

    :param error: builds the caller's error from messages and the file name.
    """
    from openpyxl import load_workbook

    try:
        # read-only mode streams the sheets: about twice as fast, a fraction of the memory
        return load_workbook(path, data_only=True, read_only=True)
    except FileNotFoundError:
        raise error(["no such file"], str(path)) from None
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors on bad files
        raise error([f"not an Excel workbook ({type(exc).__name__}: {exc})"], str(path)) from None
