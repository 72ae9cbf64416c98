"""The ``xlsx`` exporter: a review as an Excel workbook, one sheet per chosen table.

Sheets come from a :class:`~realistsynth.workbook.sheets.SheetRegistry` (the built-ins of
:mod:`realistsynth.workbook.review_sheets` unless another is given), so new kinds of sheet need
no change here. Options: ``{"sheets": ["records", "screening", ...]}`` (all when omitted).

The workbook is written in openpyxl's write-only mode (rows stream to disk; a 100,000-record
screening log needs no more memory than a small one) and styled as a person would: a bold,
frozen header row with an autofilter, column widths from the table's hints, and long text
wrapped. Every cell passes through :func:`~realistsynth.workbook.cells.safe_cell`: text that
Excel would read as a formula is stored as text, control characters are removed and
counted, text beyond the cell limit is cut with a visible marker; the counts come back as
warnings in the :class:`~realistsynth.protocols.ExportReport`, never silently.

Speed: a 100,000-record screening log (1,017,788 cells) is written in 0.94x the time bare
openpyxl write-only mode takes for the same cells, unstyled and unchecked (1.04x end to
end, deriving the rows from the review included; ``benchmarks/bench_xlsx.py``), because
text that passed the safety checks is bound into reused cells without openpyxl checking it
again (see :func:`_stream_safe_rows`).

openpyxl, the sheets and the safety checks are imported when a workbook is written, not when
the plugin is registered: every plugin manager registers this module.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from copy import copy
from functools import partial
from typing import IO, Any

from realistsynth.atomic import atomic_write
from realistsynth.errors import ExportError
from realistsynth.exporting import (
    RecordSelection,
    describe_selection,
    record_options,
    record_selection,
    select_records,
)
from realistsynth.hookspecs import hookimpl
from realistsynth.model.review import Review
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import Exporter, ExportOption, ExportReport
from realistsynth.workbook.cells import CellAudit
from realistsynth.workbook.sheets import SheetData, SheetRegistry, SheetSpec

__all__ = ["XlsxExporter", "export_xlsx", "realistsynth_register_exporters", "write_workbook"]

#: points per line of wrapped text, and Excel's largest row height
_LINE_HEIGHT = 15.0
_MAX_ROW_HEIGHT = 409.0


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (estimated:
    proportional fonts fit about 1.1 characters per unit of column width)."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


#: a wrapped cell is worth its style object only when the text is longer than this
_WRAP_FROM = 40


def _sheet_names(option: object) -> list[str] | None:
    if option is None:
        return None
    if isinstance(option, str):
        return [s.strip() for s in option.split(",") if s.strip()]
    if isinstance(option, Sequence) and all(isinstance(s, str) for s in option):
        return list(option)
    raise ExportError(f"option 'sheets' must be a list of sheet names, not {option!r}")


def _unique_title(title: str, taken: set[str]) -> str:
    candidate, n = title, 2
    while candidate.casefold() in taken:
        tail = f" ({n})"
        candidate, n = title[: 31 - len(tail)] + tail, n + 1
    taken.add(candidate.casefold())
    return candidate


def write_workbook(
    tables: Sequence[SheetData] | Any, stream: IO[bytes], audit: CellAudit | None = None
) -> CellAudit:
    """Write ``tables`` (an iterable of :class:`SheetData`) as a workbook to ``stream``."""
    from openpyxl import Workbook

    from realistsynth.workbook.cells import CellAudit

    audit = audit if audit is not None else CellAudit()
    workbook = Workbook(write_only=True)
    try:
        _write_tables(workbook, tables, audit)
    except BaseException:
        # a write-only sheet left open breaks at garbage collection; close each one so the
        # error the caller sees is ours, alone
        for sheet in workbook.worksheets:
            with contextlib.suppress(Exception):
                sheet.close()
        raise
    workbook.save(stream)
    return audit


#: the header row's fill (a light grey that prints as grey, not black)
HEADER_FILL = "DDE3EA"

#: a sheet wider than this many characters of column width prints landscape
LANDSCAPE_FROM = 100


def widths_of(table: Any) -> list[float]:
    """The column widths of a table, in characters."""
    return [c.width for c in table.columns]


def _print_setup(sheet: Any, width: float) -> None:
    """How the sheet prints: A4, landscape when wide, every column on one page's width (as
    many pages tall as needed), the header row repeated on every page, the sheet name and
    page numbers in the footer."""
    setup = sheet.page_setup
    setup.paperSize = 9  # A4 (openpyxl: Worksheet.PAPERSIZE_A4)
    setup.orientation = "landscape" if width > LANDSCAPE_FROM else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    margins = sheet.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.right.text = "Page &P of &N"


def _label(title: str, letters: Sequence[str], row: int, column: int) -> str:
    return f"{title}!{letters[column]}{row}"


def _stream_safe_rows(sheet: Any) -> None:
    """Give a write-only ``sheet`` a leaner conversion of appended rows into cells.

    openpyxl turns each appended value into a cell by re-checking it (type dispatch, string
    length, illegal characters: the checks :func:`safe_row` has already made), and takes a
    styled cell only after the conversion of it as a value has failed with an exception and
    a fresh cell has been made for the next value. Here, text that :func:`safe_row` passed is
    bound as text directly, cells are taken as they are, and everything else (numbers, dates,
    Excel's error codes) still goes through openpyxl's own binding, so the cells written are
    the same. This was a third of a 100,000-row screening log's export time (see
    ``benchmarks/bench_xlsx.py``). ``_values_to_row`` is openpyxl's own (3.1) hook for this
    step; on an openpyxl without it, rows take openpyxl's ordinary path, unchanged.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, Cell

    if not callable(getattr(sheet, "_values_to_row", None)):
        return
    plain = WriteOnlyCell(sheet)
    error_codes = frozenset(ERROR_CODES)

    def values_to_row(values: Sequence[Any], row_idx: int) -> Any:
        nonlocal plain
        # the cell is written before the next value is bound (write-only mode writes each
        # row as it is appended), so one unstyled cell serves every plain value
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if value.__class__ is str and value not in error_codes:
                cell = plain
                cell._value = value
                cell.data_type = "s"
            elif isinstance(value, Cell):
                cell = value
            else:
                cell = plain
                cell.value = value
                if cell.has_style:
                    # binding a date gave it a number format: it leaves with this row
                    plain = WriteOnlyCell(sheet)
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    sheet._values_to_row = values_to_row


# Complexity (radon 32): one pass over the tables writing each sheet's header, rows, column
# widths and print setup with the styles made once above the loop; each is a short block.
def _write_tables(workbook: Any, tables: Any, audit: CellAudit) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from realistsynth.workbook.cells import safe_cell, safe_row

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    header_border = Border(bottom=Side(style="thin", color="808080"))
    header_alignment = Alignment(vertical="top", wrap_text=True)
    wrapped = Alignment(vertical="top", wrap_text=True)
    top_alignment = Alignment(vertical="top")
    taken: set[str] = set()
    wrote_any = False
    for table in tables:
        wrote_any = True
        title = _unique_title(table.title, taken)
        sheet = workbook.create_sheet(title)
        _stream_safe_rows(sheet)
        # assigning a style to a cell hashes it and looks it up in the workbook's style lists;
        # copying a template's style array is the same result at a fraction of the cost (it
        # was a third of the export time of a 100,000-row screening log)
        template = WriteOnlyCell(sheet)
        template.alignment = wrapped
        wrapped_style = template._style
        top_template = WriteOnlyCell(sheet)
        top_template.alignment = top_alignment
        top_style = top_template._style
        letters = [get_column_letter(i + 1) for i in range(len(table.columns))]
        wrap_columns = [c.wrap for c in table.columns]
        for letter, column in zip(letters, table.columns, strict=True):
            sheet.column_dimensions[letter].width = column.width
        sheet.freeze_panes = "A2"
        _print_setup(sheet, sum(widths_of(table)))
        header = []
        for letter, column in zip(letters, table.columns, strict=True):
            value, _ = safe_cell(column.title, audit, f"{title}!{letter}1")
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.font = bold
            cell.fill = header_fill
            cell.border = header_border
            cell.alignment = header_alignment
            header.append(cell)
        sheet.append(header)
        n = 1
        width = len(letters)
        wrap_at = [i for i, wrap in enumerate(wrap_columns) if wrap]
        widths = [c.width for c in table.columns]
        # text longer than its column is wide wraps too (a theme name in a narrow column)
        wrap_from = [min(_WRAP_FROM, int(w)) for w in widths]
        fit_rows = table.fit_rows
        # one styled cell per column, reused row after row (the style array is shared, not
        # copied: a written cell's style is only read)
        wrapped_cells = []
        top_cells = []
        for _ in letters:
            cell = WriteOnlyCell(sheet)
            cell._style = wrapped_style
            cell.data_type = "s"
            wrapped_cells.append(cell)
            cell = WriteOnlyCell(sheet)
            cell._style = top_style
            top_cells.append(cell)
        for row in table.rows:
            n += 1
            if len(row) != width:
                raise ExportError(
                    f"row {n} has {len(row)} cells for {width} columns", where=f"{title}!A{n}"
                )
            out, as_text = safe_row(row, audit, partial(_label, title, letters, n))
            for i in as_text:
                cell = WriteOnlyCell(sheet, value=out[i])
                cell.data_type = "s"
                out[i] = cell
            lines = 1
            for i in wrap_at:
                value = out[i]
                text = value.value if isinstance(value, Cell) else value
                if fit_rows and isinstance(text, str) and len(text) > widths[i]:
                    lines = max(lines, _lines(text, widths[i]))
                if value.__class__ is str and len(value) > wrap_from[i]:
                    # safe text (safe_row passed it, so openpyxl's re-check is skipped) in
                    # the column's one wrapped cell: write-only mode writes a row as it is
                    # appended, so the cell is free again for the next row
                    cell = wrapped_cells[i]
                    cell._value = value
                    out[i] = cell
                elif isinstance(value, Cell):
                    value._style = copy(wrapped_style)
            if lines > 1:
                # spreadsheet programs do not grow rows for wrapped text written without a
                # height (LibreOffice overlaps the lines): give each row the height it needs,
                # and align its short cells to the top, beside the wrapped ones
                sheet.row_dimensions[n].height = min(_MAX_ROW_HEIGHT, _LINE_HEIGHT * lines)
                for i, value in enumerate(out):
                    if isinstance(value, Cell):
                        continue
                    if value is None or value.__class__ is str:
                        cell = top_cells[i]
                        cell.value = value
                    else:
                        cell = WriteOnlyCell(sheet, value=value)
                        if cell.has_style:
                            # a date's number format, kept beside the top alignment (rare:
                            # a style lookup is affordable here)
                            cell.alignment = top_alignment
                        else:
                            cell._style = top_style
                    out[i] = cell
            sheet.append(out)
        if n == 1:
            # no rows: say so, rather than hand over a blank sheet
            note = table.empty or f"Nothing to show: the review holds no {table.title.lower()} yet."
            cell = WriteOnlyCell(sheet, value=note)
            cell.alignment = Alignment(vertical="top")
            cell.font = Font(italic=True)
            sheet.append([cell])
            n = 2
        if letters:
            sheet.auto_filter.ref = f"A1:{letters[-1]}{n}"
    if not wrote_any:
        sheet = workbook.create_sheet("Empty")
        sheet.append(["No sheets were selected."])


def _guarded_sheet(spec: SheetSpec, plugin: str) -> SheetSpec:
    """``spec`` with a builder that cannot break the workbook: if the plugin's builder raises,
    the sheet says so (one row naming the plugin and the error) and the rest is written."""

    from realistsynth.workbook.sheets import Column, SheetContext, SheetData, SheetSpec

    def build(review: Review, context: SheetContext) -> list[SheetData]:
        try:
            return list(spec.tables(review, context))
        except Exception as exc:  # a plugin's sheet must not cost the user the workbook
            problem = f"the sheet {spec.name!r} of plugin {plugin!r} failed: {exc!r}"
            return [SheetData(spec.title[:31], [Column("Problem", 80, wrap=True)], [(problem,)])]

    return SheetSpec(spec.name, spec.title, build, spec.description)


class XlsxExporter:
    """Writes chosen sheets of a review to an ``.xlsx`` workbook.

    :param registry: the kinds of sheet offered; the built-in ones by default.
    :param plugins: the plugin manager whose ``realistsynth_workbook_sheets`` contributions
        are offered after the registry's sheets (read when exporting).
    """

    name = "xlsx"
    title = "Excel workbook"
    suffix = ".xlsx"
    # the Records sheet is an audit table: every finding, each duplicate marked, unless the
    # shared records option asks for fewer
    options = (
        ExportOption("sheets", tuple, None, "the sheets to write, comma-separated (default: all)"),
        *record_options(RecordSelection.ALL),
        ExportOption(
            "style",
            str,
            None,
            "the citation style whose reference list orders the a/b of author-year labels, "
            "as in the report in that style (default: date, then title)",
        ),
    )

    def __init__(
        self, registry: SheetRegistry | None = None, plugins: PluginManager | None = None
    ) -> None:
        self._registry = registry
        self._plugins = plugins
        self._with_plugins: SheetRegistry | None = None

    @property
    def registry(self) -> SheetRegistry:
        """The sheets this exporter can write: the built-in ones (or those given), then
        plugins' sheets whose names are free."""
        if self._registry is None:
            from realistsynth.workbook.review_sheets import default_sheets

            self._registry = default_sheets()
        if self._plugins is None:
            return self._registry
        if self._with_plugins is None:
            from realistsynth.workbook.sheets import SheetRegistry

            combined = SheetRegistry(self._registry)
            for name, spec in self._plugins.workbook_sheets.items():
                plugin = self._plugins.provider("workbook_sheets", name) or "?"
                if name in combined:
                    self._plugins.problem(plugin, f"workbook sheet {name!r} is a built-in sheet")
                    continue
                combined.add(_guarded_sheet(spec, plugin))
            self._with_plugins = combined
        return self._with_plugins

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the sheets named in ``options["sheets"]`` (all by default) to ``stream``; the
        Records sheet holds the records ``options["records"]`` selects (all by default); with
        ``options["style"]``, author-year labels take their a/b in that style's reference
        list order, as the report's do."""
        from realistsynth.workbook.sheets import SheetContext

        specs = self.registry.select(_sheet_names(options.get("sheets")))
        selection = record_selection(options, RecordSelection.ALL)
        wrote = None
        if any(spec.name == "records" for spec in specs):
            # checked before writing: records=included of a review with no selection stage
            # is an error, not a workbook without its Records sheet
            count = len(select_records(review, selection))
            wrote = "Records sheet: " + describe_selection(review, selection, count)
        style = options.get("style")
        order: tuple[str, ...] = ()
        if style:
            from realistsynth.report.inputs import reference_order

            order = reference_order(review, str(style))
        context = SheetContext(options, selection, order)
        tables = (table for spec in specs for table in spec.tables(review, context))
        audit = write_workbook(tables, stream)
        return ExportReport(warnings=audit.warnings(), wrote=wrote)


def export_xlsx(
    review: Review,
    path: str | os.PathLike[str],
    sheets: Sequence[str] | None = None,
    registry: SheetRegistry | None = None,
) -> ExportReport:
    """Write a workbook to ``path`` atomically (see
    :func:`realistsynth.atomic.atomic_write`)."""
    options: dict[str, object] = {} if sheets is None else {"sheets": list(sheets)}
    with atomic_write(path) as handle:
        return XlsxExporter(registry).export(review, handle, options)


@hookimpl
def realistsynth_register_exporters(plugins: PluginManager) -> list[Exporter]:
    """The workbook exporter, with the sheets plugins contribute."""
    return [XlsxExporter(plugins=plugins)]
