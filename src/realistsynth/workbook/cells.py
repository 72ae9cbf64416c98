"""Making any text safe to put into an Excel cell with openpyxl.

Review data is hostile by accident: titles and abstracts from databases contain control
characters, text that starts with ``=`` (which openpyxl stores as a live formula: formula
injection, e.g. ``=HYPERLINK(...)``), and abstracts or narratives longer than Excel's
32,767-character cell limit (which openpyxl truncates silently). Every workbook realistsynth
writes passes its cells through :func:`safe_cell` and reports the :class:`CellAudit` counts, so
nothing is cut or cleaned without the user being told.

Why not openpyxl's own ``ILLEGAL_CHARACTERS_RE``: it is the same character class; we keep our
own so the count of removed characters can be reported, and so write-only mode (where one
``IllegalCharacterError`` leaves the sheet unusable) never sees such a character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

__all__ = ["EXCEL_CELL_LIMIT", "TRUNCATION_MARKER", "CellAudit", "safe_cell", "safe_row"]

#: The most characters an Excel cell holds.
EXCEL_CELL_LIMIT = 32767
#: Appended to text cut at the cell limit, so the cut is visible in the cell itself.
TRUNCATION_MARKER = " […truncated: see the project file for the full text]"

# characters XML 1.0 forbids (openpyxl raises IllegalCharacterError on them)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@attrs.define
class CellAudit:
    """What :func:`safe_cell` had to do, counted over a whole export."""

    control_characters_removed: int = 0
    cells_cleaned: int = 0
    formulas_neutralised: int = 0
    cells_truncated: int = 0
    truncated_at: list[str] = attrs.field(factory=list)

    def warnings(self) -> list[str]:
        """Human-readable lines for an export report."""
        out = []
        if self.control_characters_removed:
            out.append(
                f"removed {self.control_characters_removed} control character(s) from "
                f"{self.cells_cleaned} cell(s) (Excel cannot store them)"
            )
        if self.formulas_neutralised:
            out.append(
                f"{self.formulas_neutralised} cell(s) starting with = + - or @ were written as "
                "text, not formulas"
            )
        if self.cells_truncated:
            where = ", ".join(self.truncated_at[:10])
            more = (
                "" if len(self.truncated_at) <= 10 else f" and {len(self.truncated_at) - 10} more"
            )
            out.append(
                f"{self.cells_truncated} cell(s) longer than {EXCEL_CELL_LIMIT} characters were "
                f"truncated with a visible marker: {where}{more}"
            )
        return out


def safe_cell(value: Any, audit: CellAudit, where: str = "") -> tuple[Any, bool]:
    """A value safe for openpyxl, and whether it must be stored as text (not a formula).

    Non-text values pass unchanged. Text loses control characters, is cut at the cell limit
    with :data:`TRUNCATION_MARKER`, and text that Excel would read as a formula is flagged so
    the caller sets the cell's data type to string (``cell.data_type = "s"``).

    :param where: a label for the cell (``sheet!A2`` or a record id) used in the report.
    """
    if not isinstance(value, str):
        return value, False
    text = value
    if _ILLEGAL.search(text):
        text, removed = _ILLEGAL.subn("", text)
        audit.control_characters_removed += removed
        audit.cells_cleaned += 1
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(TRUNCATION_MARKER)] + TRUNCATION_MARKER
        audit.cells_truncated += 1
        audit.truncated_at.append(where or "?")
    as_text = text.startswith(_FORMULA_START)
    if as_text:
        audit.formulas_neutralised += 1
    return text, as_text


def safe_row(
    values: Sequence[Any], audit: CellAudit, where: Callable[[int], str] | None = None
) -> tuple[list[Any], list[int]]:
    """:func:`safe_cell` applied to a whole row: the safe values, and the positions of the
    cells that must be stored as text.

    The same rules, cell by cell; only text that needs something (a formula start, a control
    character, too many characters) goes through :func:`safe_cell`, so that a row of plain
    text costs one scan per cell and no call. ``where(i)`` labels cell ``i`` in the report.
    """
    out = list(values)
    as_text: list[int] = []
    search = _ILLEGAL.search
    for i, value in enumerate(out):
        if value.__class__ is not str:
            if isinstance(value, str):  # a str subclass: take the careful path
                out[i], text = safe_cell(str(value), audit, where(i) if where else "")
                if text:
                    as_text.append(i)
            continue
        if value.startswith(_FORMULA_START) or len(value) > EXCEL_CELL_LIMIT or search(value):
            out[i], text = safe_cell(value, audit, where(i) if where else "")
            if text:
                as_text.append(i)
    return out, as_text
