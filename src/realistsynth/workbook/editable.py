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

The reader has limits (:data:`MAX_WORKBOOK_COLUMNS`, :data:`MAX_WORKBOOK_ROWS`,
:data:`MAX_WORKBOOK_UNZIPPED`), the same as the xlsx importer's, kept here once: these
workbooks come back from other people's hands, and a hostile one (a declared dimension of
``A1:XFD1048576``, a "tall" sheet of a million rows, a zip bomb) must be refused in
seconds, not read for minutes into gigabytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from realistsynth.atomic import atomic_write
from realistsynth.errors import RealistsynthError
from realistsynth.workbook.cells import CellAudit, safe_cell

__all__ = [
    "MAX_WORKBOOK_COLUMNS",
    "MAX_WORKBOOK_ROWS",
    "MAX_WORKBOOK_UNZIPPED",
    "META_SHEET",
    "WorkbookLimitError",
    "add_list_validation",
    "bound_dimensions",
    "bounded_rows",
    "cell_text",
    "check_unzipped_size",
    "fit_row_height",
    "open_workbook",
    "other_review",
    "read_meta",
    "reading_workbook",
    "row_check",
    "save_workbook",
    "uncached_formulas",
    "write_cell",
    "write_meta",
]

#: The hidden sheet that says what a workbook is.
META_SHEET = "realistsynth"

#: The widest row read from a workbook (columns); ours and the exports have a few dozen.
MAX_WORKBOOK_COLUMNS = 1_000
#: The most rows read from one sheet of a workbook.
MAX_WORKBOOK_ROWS = 1_000_000
#: The most bytes a workbook's parts may hold once unzipped (a zip bomb is refused unread).
MAX_WORKBOOK_UNZIPPED = 1_000_000_000


class WorkbookLimitError(ValueError):
    """A workbook beyond one of the limits; its message says which and where. Readers turn it
    into their own error type, naming the file."""


def check_unzipped_size(source: str | Path | bytes | IO[bytes]) -> None:
    """Refuse a workbook whose parts unzip to more than :data:`MAX_WORKBOOK_UNZIPPED` bytes.

    The sizes are the ones the zip directory declares (read before anything is inflated). A
    file that is not a zip passes: the workbook reader says what is wrong with it.

    :raises WorkbookLimitError: when the workbook is too large.
    """
    stream: str | Path | IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else source
    start = None if isinstance(stream, (str, Path)) else stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    finally:
        if start is not None and not isinstance(stream, (str, Path)):
            stream.seek(start)
    if total > MAX_WORKBOOK_UNZIPPED:
        raise WorkbookLimitError(
            f"the workbook unzips to {total:,} bytes, beyond the limit of "
            f"{MAX_WORKBOOK_UNZIPPED:,} (a zip bomb?)"
        )


def bound_dimensions(wb: Any) -> None:
    """Stop believing a read-only sheet's declared dimension when it is beyond the limits.

    A bomb declares ``A1:XFD1048576`` so that a streaming reader pads every row to 16,384
    cells and every gap to a million rows; the cells actually there are read instead.
    """
    for ws in wb.worksheets:
        if not hasattr(ws, "reset_dimensions"):
            continue
        if (ws.max_column or 0) > MAX_WORKBOOK_COLUMNS or (ws.max_row or 0) > MAX_WORKBOOK_ROWS:
            ws.reset_dimensions()


def bounded_rows(
    ws: Any, *, min_row: int = 1, max_row: int | None = None
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The rows of ``ws`` as ``(row number, values)``, within the limits.

    Rows are numbered as the sheet numbers them, so a gap the sheet declares (a lone cell in
    row 1,048,576) counts against :data:`MAX_WORKBOOK_ROWS` as it would be padded.

    :raises WorkbookLimitError: at the first row beyond :data:`MAX_WORKBOOK_ROWS` or the
        first row wider than :data:`MAX_WORKBOOK_COLUMNS` (trailing empty cells not counted).
    """
    for number, values in enumerate(
        ws.iter_rows(min_row=min_row, max_row=max_row, values_only=True), start=min_row
    ):
        if number > MAX_WORKBOOK_ROWS:
            raise WorkbookLimitError(
                f"sheet {ws.title!r} has more than {MAX_WORKBOOK_ROWS:,} rows, the limit"
            )
        if len(values) > MAX_WORKBOOK_COLUMNS:
            width = len(values)
            while width and values[width - 1] in (None, ""):
                width -= 1
            if width > MAX_WORKBOOK_COLUMNS:
                raise WorkbookLimitError(
                    f"sheet {ws.title!r}, row {number} has {width:,} columns, beyond the "
                    f"limit of {MAX_WORKBOOK_COLUMNS:,}"
                )
            values = values[:MAX_WORKBOOK_COLUMNS]
        yield number, tuple(values)


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
        for _, row in bounded_rows(wb[META_SHEET])
        if row
    ]


def other_review(meta: list[tuple[str, str]] | None, title: str) -> str | None:
    """The problem when a workbook's hidden sheet names another review than the one (titled
    ``title``) it is being imported into, else ``None``: a workbook exported from a copy of a
    review, or from another review over the same records, would otherwise be applied. A
    workbook that names no review (written before the name was kept) is not refused. The
    title is the only identity a review has, so a review renamed after the export refuses its
    workbooks too, with this message to say why."""
    written = dict(meta or []).get("review")
    if written is None or written == title:
        return None
    return f"a workbook of the review {written!r}, not of {title!r}"


def add_list_validation(
    ws: Any, formula: str, cells: str, *, title: str, message: str, strict: bool = True
) -> None:
    """A drop-down list on ``cells`` fed by ``formula`` (a quoted list or a range).

    ``cells`` is a range, or several separated by spaces (``G2 G7:G9``).

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
    for ref in cells.split():
        validation.add(ref)


def fit_row_height(ws: Any, row: int, max_lines: int = 12) -> None:
    """Set a row's height from its wrapped text and its columns' widths.

    Spreadsheet programs do not grow a row for wrapped text written by openpyxl (LibreOffice
    prints the lines over one another), so the height is estimated: lines per cell from its
    width in characters and its line breaks, at most ``max_lines``.
    """
    import textwrap

    from openpyxl.utils import get_column_letter

    lines = 1
    for cell in ws[row]:
        if not isinstance(cell.value, str) or not cell.value:
            continue
        width = ws.column_dimensions[get_column_letter(cell.column)].width or 10
        per_line = max(int(width * 1.15), 1)
        # wrapped at word boundaries, as spreadsheet programs wrap: more lines than len/width
        count = sum(
            max(1, len(textwrap.wrap(part, per_line, break_long_words=True)))
            for part in cell.value.split("\n")
        )
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
    check_unzipped_size(path)
    try:
        raw = load_workbook(path, data_only=False, read_only=True)
    except Exception:  # the caller's own open reports an unreadable file
        return formulas
    try:
        bound_dimensions(raw)
        for ws in raw.worksheets:
            for r, row in bounded_rows(ws):
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

    The workbook must be within :data:`MAX_WORKBOOK_UNZIPPED`, and its sheets' declared
    dimensions are believed only within the limits (:func:`bound_dimensions`); read its rows
    with :func:`bounded_rows`, and turn a :class:`WorkbookLimitError` into ``error``.

    :param error: builds the caller's error from messages and the file name.
    """
    from openpyxl import load_workbook

    try:
        check_unzipped_size(path)
        # read-only mode streams the sheets: about twice as fast, a fraction of the memory
        wb = load_workbook(path, data_only=True, read_only=True)
    except WorkbookLimitError as exc:
        raise error([str(exc)], str(path)) from None
    except FileNotFoundError:
        raise error(["no such file"], str(path)) from None
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors on bad files
        raise error([f"not an Excel workbook ({type(exc).__name__}: {exc})"], str(path)) from None
    bound_dimensions(wb)
    return wb


@contextmanager
def reading_workbook(
    path: Path, error: Callable[[list[str], str], RealistsynthError]
) -> Iterator[Any]:
    """A workbook opened for reading (:func:`open_workbook`) for the ``with`` block, closed
    after it. What goes wrong while its sheets are read becomes ``error(problems, path)``,
    the reader's own error naming the file: a limit crossed, or anything a broken sheet
    raises (read-only sheets parse lazily, so a broken one fails only when it is read); our
    own errors pass as they are. One rule for every workbook that comes back (screening,
    appraisal, synthesis, confidence)."""
    wb = open_workbook(path, error)
    try:
        yield wb
    except RealistsynthError:
        raise
    except WorkbookLimitError as exc:
        raise error([str(exc)], str(path)) from None
    except Exception as exc:  # read-only sheets parse lazily: a broken sheet fails here
        raise error([f"a sheet cannot be read ({type(exc).__name__}: {exc})"], str(path)) from None
    finally:
        wb.close()
