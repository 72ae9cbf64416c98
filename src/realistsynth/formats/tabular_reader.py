"""The built-in spreadsheet importers: CSV/TSV (``csv``) and Excel workbooks (``xlsx``).

Both read a header row and then one record per row, through the column mapping that
:func:`~realistsynth.formats.tabular_mappings.detect_mapping` recognises from the header (Rayyan,
Covidence, Scopus, Web of Science tab-delimited, PubMed, Zotero, The Lens, or generic),
with the user's mapping laid over it when the ``mapping`` option is given
(``read_records(path, format="csv", options={"mapping": {"Study title": "title"}})``, or a
path to a TOML file). A CSV is recognised by content: its first line must be a header that
some mapping matches. The delimiter (comma, semicolon or tab) is chosen from the header line,
or taken from Excel's ``sep=;`` first line when there is one.

Cells become fields as :func:`row_fields` says: names split by the mapping's separator (or
a guess: ``;``, then `` and ``, then MEDLINE-style ``Smith J, Jones K``), dates from year /
month / day / date columns, pages from start and end columns, PubMed's ``Citation`` parsed for
volume, issue and pages. Every non-empty cell of a column the mapping does not know goes to
``Record.extra`` under the column's header as written. Provenance ``line`` is the row number
(the header is row 1); the source's own id comes from the mapping's ``id`` column.

A row with more cells than the header has is broken (strict: a
:class:`~realistsynth.errors.ParseError` naming the row; lenient: skipped and listed).
Workbooks are read with openpyxl in read-only mode (first sheet); anything openpyxl cannot
open, including random bytes and truncated zips, is a :class:`ParseError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from realistsynth.errors import ParseError, RealistsynthError, RecordImportError
from realistsynth.formats.import_support import (
    ImportLog,
    ProgressMeter,
    add_extra,
    split_isbns,
    split_issns,
    split_list,
)
from realistsynth.formats.normalise import (
    normalise_doi,
    normalise_pages,
    normalise_pmid,
    parse_date,
    parse_month,
    split_name,
)
from realistsynth.formats.tabular_mappings import (
    FIELDS,
    GENERIC,
    ColumnMapping,
    detect_mapping,
    normalise_header,
    user_mapping,
)
from realistsynth.hookspecs import hookimpl
from realistsynth.importing import decode
from realistsynth.model.common import PartialDate
from realistsynth.model.records import CSL_TYPES, Name
from realistsynth.protocols import ImportContext, ImportResult
from realistsynth.workbook.editable import (
    WorkbookLimitError,
    bound_dimensions,
    bounded_rows,
    check_unzipped_size,
)

__all__ = [
    "TYPE_WORDS",
    "CsvImporter",
    "XlsxImporter",
    "realistsynth_register_importers",
    "row_fields",
    "split_authors",
]

#: document-type words of the exports (lower case) -> CSL types
TYPE_WORDS: dict[str, str] = {
    # Zotero item types
    "journalarticle": "article-journal",
    "book": "book",
    "booksection": "chapter",
    "conferencepaper": "paper-conference",
    "thesis": "thesis",
    "report": "report",
    "webpage": "webpage",
    "document": "document",
    "magazinearticle": "article-magazine",
    "newspaperarticle": "article-newspaper",
    "preprint": "article",
    "blogpost": "post-weblog",
    "dataset": "dataset",
    "computerprogram": "software",
    "manuscript": "manuscript",
    "presentation": "speech",
    # Scopus / Web of Science document types and WoS PT codes
    "article": "article-journal",
    "review": "article-journal",
    "editorial": "article-journal",
    "editorial material": "article-journal",
    "letter": "article-journal",
    "note": "article-journal",
    "erratum": "article-journal",
    "short survey": "article-journal",
    "article in press": "article-journal",
    "conference paper": "paper-conference",
    "conference review": "paper-conference",
    "proceedings paper": "paper-conference",
    "book chapter": "chapter",
    "chapter": "chapter",
    "j": "article-journal",
    "b": "book",
    "s": "article-journal",
    "p": "patent",
    "c": "paper-conference",
    # IEEE's CSV Category column
    "magazine": "article-magazine",
    "conference publication": "paper-conference",
    "journal": "article-journal",
    "early access article": "article-journal",
    # BibTeX entry types (CoLRev / bib-dedupe's ENTRYTYPE column)
    "inproceedings": "paper-conference",
    "incollection": "chapter",
    "inbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "unpublished": "manuscript",
    "misc": "document",
    # The Lens publication types
    "journal article": "article-journal",
    "conference proceedings article": "paper-conference",
    "conference proceedings": "book",
    "dissertation": "thesis",
    "other": "document",
}

_MEDLINE_STYLE = re.compile(r"[^\s,]+(?: [^\s,]+)* [A-Z]{1,4}\.?")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
# Embase's Source cell: "Journal (2014) 3:3 (152-160). Date of Publication: 1 Jan 2014"
_EMBASE_SOURCE = re.compile(
    r"(?P<journal>.+?) \((?P<year>\d{4})\) (?P<volume>[^:\s(]+)(?::(?P<issue>[^\s(]+))?"
    r"(?: \((?P<pages>[^)]*)\))?\.?(?: Date of Publication: (?P<date>.+))?"
)
_CITATION = re.compile(r";\s*([^;(:\s]+)?\s*(?:\(([^)]*)\))?\s*:\s*([^.;\s]+)")
# every mapped field takes one value, except those that hold lists
_SCALARS = FIELDS - {"authors", "editors", "issn", "isbn", "keywords"}


_BRACED_OR_PLAIN = re.compile(r"\{[^{}]*\}|[^;{}]+")


def split_authors(text: str, separator: str | None = None) -> list[str]:
    """The names in an author cell.

    >>> split_authors("Smith J, Jones KA, Neiva Ganga R.")
    ['Smith J', 'Jones KA', 'Neiva Ganga R']
    >>> split_authors("Aunger, J.A. and Millar, R.")
    ['Aunger, J.A.', 'Millar, R.']
    >>> split_authors("Knight, Lisa")
    ['Knight, Lisa']
    """
    text = text.strip()
    if not text:
        return []
    if "{" in text:
        # our own CSV writes organisations in braces: "{Department of Health and Social
        # Care}; Smith, J." - a braced name is one name, whatever it holds
        return [m.group().strip() for m in _BRACED_OR_PLAIN.finditer(text) if m.group().strip()]
    if separator is not None:
        parts = text.split(separator)
    elif ";" in text:
        parts = text.split(";")
    elif _AND.search(text):
        parts = _AND.split(text)
    elif "," in text and all(
        _MEDLINE_STYLE.fullmatch(p.strip()) for p in text.rstrip(".").split(",")
    ):
        parts = text.rstrip(".").split(",")
    else:
        parts = [text]
    return [p.strip() for p in parts if p.strip()]


def _type(value: str) -> str | None:
    return TYPE_WORDS.get(value.strip().lower())


def _names(text: str, mapping: ColumnMapping) -> tuple[list[Name], list[str]]:
    names: list[Name] = []
    bad: list[str] = []
    if mapping.final_period:
        text = text.strip().removesuffix(".")
    for part in split_authors(text, mapping.author_separator):
        if part.startswith("{") and part.endswith("}") and len(part) > 2:
            names.append(Name(literal=part[1:-1].strip()))
            continue
        name = split_name(part)
        if name is None:
            bad.append(part)
        else:
            names.append(name)
    return names, bad


def _issued(
    values: dict[str, str], extra: dict[str, list[str]], headers: dict[str, str]
) -> PartialDate | None:
    """The date from date / year / month / day columns; a cell the date does not account
    for (unparseable, or disagreeing) is kept in ``extra``."""
    date_text = values.get("date")
    year_text = values.get("year")
    month = parse_month(values.get("month"))
    day_text = (values.get("day") or "").strip()
    day = int(day_text) if day_text.isdigit() and 1 <= int(day_text) <= 31 else None
    used: set[str] = set()
    issued = parse_date(date_text) if date_text else None
    year = parse_date(year_text) if year_text else None
    if issued is not None:
        used.add("date")
    elif year is not None:
        used.add("year")
        if month is None and date_text:  # WoS PD "MAY 15" beside PY "2020"
            issued = parse_date(f"{year.year} {date_text}")
            if issued is not None and issued.month is not None:
                used.add("date")
            else:
                issued = PartialDate(year.year)
        else:
            issued = PartialDate(year.year, month, day if month else None)
    if issued is not None:
        if year is not None and year.year == issued.year:
            used.add("year")
        if month is not None and month == issued.month:
            used.add("month")
        if day is not None and day == issued.day:
            used.add("day")
    for key in ("date", "year", "month", "day"):
        if values.get(key) and key not in used:
            add_extra(extra, headers[key], values[key])
    return issued


def _embase_source(
    values: dict[str, str],
    headers: dict[str, str],
    out: dict[str, Any],
    extra: dict[str, list[str]],
) -> None:
    """Journal, volume, issue, pages and date from Embase's Source cell (kept in ``extra``)."""
    source = values["embase_source"]
    add_extra(extra, headers["embase_source"], source)
    match = _EMBASE_SOURCE.fullmatch(source.strip())
    if match is None:
        return
    out.setdefault("container_title", match["journal"])
    out.setdefault("volume", match["volume"])
    if match["issue"]:
        out.setdefault("issue", match["issue"])
    if match["pages"] and "pages" not in values and "start_page" not in values:
        values["pages"] = match["pages"]
        headers["pages"] = headers["embase_source"]
    if "date" not in values and "year" not in values:
        # the date is kept with the whole cell; the year backs it up if it cannot be read
        values["year"] = match["year"]
        headers["year"] = headers["embase_source"]
        if match["date"] and parse_date(match["date"]) is not None:
            values["date"] = match["date"]
            headers["date"] = headers["embase_source"]


def row_fields(
    cells: Mapping[str, str], mapping: ColumnMapping, log: ImportLog, row: int
) -> tuple[dict[str, Any], str | None]:
    """Record keyword arguments for one row (``cells``: header as written -> cell text).

    :return: the fields and the source's own id (from the ``id`` column), if any.
    """
    return _row_fields(cells, _targets(cells, mapping), mapping, log, row)


def _targets(headers: Iterable[str], mapping: ColumnMapping) -> dict[str, str | None]:
    """Header as written -> the field ``mapping`` gives its column (``None``: kept in extra)."""
    return {header: mapping.columns.get(normalise_header(header)) for header in headers}


# Complexity (radon 39): one branch per column kind of the format, a table of its meaning read
# top to bottom; split up, it would hand the collector and a dozen locals between functions
# on the per-field hot path.
def _row_fields(
    cells: Mapping[str, str],
    targets: Mapping[str, str | None],
    mapping: ColumnMapping,
    log: ImportLog,
    row: int,
) -> tuple[dict[str, Any], str | None]:
    """:func:`row_fields`, with each header's field (``targets``) worked out once per file."""
    values: dict[str, str] = {}
    headers: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    extra: dict[str, list[str]] = {}
    for header, cell in cells.items():
        text = cell.strip()
        if not text:
            continue
        target = targets[header]
        if target is None:
            add_extra(extra, header, text)
        elif target in _SCALARS:
            if target in values:
                add_extra(extra, header, text)
            else:
                values[target] = text
                headers[target] = header
        else:
            lists.setdefault(target, []).append(text)
            headers.setdefault(target, header)
    out: dict[str, Any] = {}
    if "type" in values:
        given = values["type"]
        # a BibTeX entry type ("article") is not the CSL type of the same name
        csl = given if given in CSL_TYPES and not mapping.entry_types else _type(given)
        out["type"] = csl or "document"
        if csl != values["type"]:  # "Review", "Editorial": the CSL type cannot say it
            add_extra(extra, headers["type"], values["type"])
    for attribute in (
        "title",
        "container_title",
        "container_title_short",
        "volume",
        "issue",
        "number",
        "pmcid",
        "url",
        "publisher",
        "publisher_place",
        "edition",
        "abstract",
        "language",
        "note",
    ):
        if attribute in values:
            out[attribute] = values[attribute]
    for role, attribute in (("authors", "authors"), ("editors", "editors")):
        names: list[Name] = []
        for text in lists.get(role, []):
            found, bad = _names(text, mapping)
            names.extend(found)
            for part in bad:
                log.warn(f"{part!r} is not a name; kept in extra", row)
                add_extra(extra, headers[role], part)
        out[attribute] = names
    if "embase_source" in values:
        _embase_source(values, headers, out, extra)
    out["issued"] = _issued(values, extra, headers)
    pages = values.get("pages")
    if pages is None and values.get("start_page"):
        end = values.get("end_page")
        pages = f"{values['start_page']}-{end}" if end else values["start_page"]
    elif pages is not None:
        for key in ("start_page", "end_page"):
            if key in values:
                add_extra(extra, headers[key], values[key])
    if "pubmed_citation" in values:
        citation = values["pubmed_citation"]
        add_extra(extra, headers["pubmed_citation"], citation)
        match = _CITATION.search(citation)
        if match:
            out.setdefault("volume", match.group(1))
            out.setdefault("issue", match.group(2) or None)
            pages = pages or match.group(3)
    out["pages"] = normalise_pages(pages)
    for key, normalise in (("doi", normalise_doi), ("pmid", normalise_pmid)):
        if key in values:
            out[key] = normalise(values[key])
            if out[key] is None:
                add_extra(extra, headers[key], values[key])
    for key, split in (("issn", split_issns), ("isbn", split_isbns)):
        if key in lists:
            out[key] = split(lists[key])
            if not out[key]:
                for text in lists[key]:
                    add_extra(extra, headers[key], text)
    out["keywords"] = [k for text in lists.get("keywords", []) for k in split_list(text)]
    out["extra"] = extra
    own_id = values.get("id")
    if own_id is None and mapping.id_field is not None:
        own_id = out.get(mapping.id_field) or values.get(mapping.id_field)
    return out, own_id


_DELIMITERS = ("\t", ";", ",")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    if counts["\t"]:
        return "\t"
    return ";" if counts[";"] > counts[","] else ","


def _header_cells(line: str, delimiter: str | None = None) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter or _delimiter(line)), [])
    except csv.Error:
        return []


def _choose_mapping(headers: list[str], context: ImportContext) -> ColumnMapping:
    detected = detect_mapping(headers)
    spec = context.options.get("mapping")
    if spec is not None:
        if not isinstance(spec, Mapping | str) and not hasattr(spec, "__fspath__"):
            raise RecordImportError(
                "option 'mapping' must be a {column: field} mapping or a TOML file path",
                where=context.file_name,
            )
        return user_mapping(spec, detected or GENERIC)
    if detected is None:
        raise ParseError(
            "the header row matches no known export (Rayyan, Covidence, Scopus, Web of "
            "Science, PubMed, Zotero, Lens, or generic title/authors/year columns); "
            "give a column mapping. Header: " + ", ".join(repr(h) for h in headers[:12]),
            file=context.file_name,
            line=1,
        )
    return detected


def _column_names(header_row: list[str]) -> list[str]:
    """The header row's names made unique: ``column 3`` for an empty header, ``Notes (7)``
    for the second ``Notes``."""
    names: list[str] = []
    for position, header in enumerate(header_row):
        name = header or f"column {position + 1}"
        if name in names:
            name = f"{name} ({position + 1})"
        names.append(name)
    return names


def _read_rows(
    rows: Iterator[tuple[int, list[str]]], context: ImportContext, log: ImportLog
) -> None:
    header_row: list[str] | None = None
    for row_number, cells in rows:
        if header_row is None:
            if not any(c.strip() for c in cells):
                continue
            header_row = [c.strip() for c in cells]
            mapping = _choose_mapping(header_row, context)
            log.warn(f"note: columns read with the {mapping.title} mapping")
            names = _column_names(header_row)
            targets = _targets(names, mapping)
            index = 0
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header_row) and any(c.strip() for c in cells[len(header_row) :]):
            log.skip(
                index,
                row_number,
                f"row {row_number} has {len(cells)} cells but the header has {len(header_row)}",
            )
            index += 1
            continue
        named = dict(zip(names, cells, strict=False))  # a short row lacks its last cells
        fields, own_id = _row_fields(named, targets, mapping, log, row_number)
        log.add(fields, index=index, line=row_number, source_record_id=own_id, key_is_id=False)
        index += 1
    if header_row is None:
        raise ParseError("no header row: the file is empty", file=context.file_name)


_EXCEL_SEP = re.compile(r"sep=(.)")


def _excel_hint(text: str) -> tuple[str, str | None]:
    """``text`` without Excel's ``sep=;`` first line, and the delimiter it names."""
    first_line, _, rest = text.partition("\n")
    hint = _EXCEL_SEP.fullmatch(first_line.strip("\ufeff\r"))
    return (rest, hint.group(1)) if hint else (text, None)


def _csv_rows(text: str, log: ImportLog, context: ImportContext) -> Iterator[tuple[int, list[str]]]:
    """The rows of a CSV text, numbered from 1 (the header).

    A quote that opens a cell and is never closed where the row should end makes the csv
    module read every following line into that cell. A row that runs over several lines and
    still has fewer cells than the header is that: it is reported (skipped, or raised in
    strict mode) naming the line where the quote opened, and reading starts again on the next
    line, so the rows after it are not lost.
    """
    text, delimiter = _excel_hint(text)
    first_line = text.split("\n", 1)[0]
    delimiter = delimiter or _delimiter(first_line)
    meter = ProgressMeter.over_lines(context, text)  # lines, not rows: a cell may hold several
    row = 0
    width: int | None = None
    offset = 0  # lines of the text before the reader's start
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines: list[str] | None = None
    while True:
        meter.advance_to(offset + reader.line_num)
        row += 1
        start = reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            log.skip(max(row - 2, 0), row, f"row {row} is not valid CSV: {exc}")
            continue
        if width is None:
            width = len(cells)
        elif reader.line_num - start > 1 and len(cells) < width and any("\n" in c for c in cells):
            opened = offset + start + 1
            log.skip(
                max(row - 2, 0),
                row,
                f"a quote opened on line {opened} is never closed where its row ends: the "
                f"cell ran over {reader.line_num - start} lines, taking in the rows after it; "
                "the row is left out and reading goes on from the next line",
            )
            if lines is None:
                lines = text.split("\n")
            offset = opened
            reader = csv.reader(io.StringIO("\n".join(lines[offset:])), delimiter=delimiter)
            continue
        yield row, cells


class CsvImporter:
    """Reads CSV and TSV exports (see the module docstring)."""

    name = "csv"
    title = "CSV / TSV (Rayyan, Covidence, Scopus, Web of Science, PubMed, Zotero, Lens)"

    def sniff(self, head: bytes) -> int:
        """Sure when the first line is a header row that a mapping recognises."""
        try:
            text = head.decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:  # the head may end inside a character
            text = head[: exc.start].decode("utf-8") if exc.start > 0 else ""
            if not text:
                text = head.decode("cp1252", errors="replace")
        text, delimiter = _excel_hint(text)
        line = text.split("\n", 1)[0].rstrip("\r")
        cells = _header_cells(line, delimiter)
        if len(cells) < 2:
            return 0
        mapping = detect_mapping(cells)
        if mapping is None:
            return 0
        return 40 if mapping is GENERIC else 75

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Every data row of ``data`` as a record."""
        decoded = decode(data, file_name=context.file_name)
        log = ImportLog(context, self.name, decoded.encoding, line_word="row")
        log.warnings.extend(decoded.warnings)
        if "\x00" in decoded.text:
            raise ParseError(
                "contains NUL bytes: not a text CSV (a UTF-16 file without BOM, or binary?)",
                file=context.file_name,
            )
        _read_rows(_csv_rows(decoded.text, log, context), context, log)
        return log.result()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes, file_name: str) -> list[tuple[int, list[str]]]:
    """The rows of the first sheet, within the workbook limits every workbook reader shares
    (:mod:`realistsynth.workbook.editable`: columns, rows, unzipped size). The sheet's declared
    dimension is not believed when it is beyond them (a bomb declares ``A1:XFD1048576`` to
    make readers pad billions of empty cells): the cells actually there are read, and refused
    only if they really are too many."""
    import openpyxl

    try:
        check_unzipped_size(data)
    except WorkbookLimitError as exc:
        raise ParseError(str(exc), file=file_name) from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken zips and XML
        raise ParseError(
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", file=file_name
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ParseError("the workbook has no worksheet", file=file_name)
        bound_dimensions(workbook)
        rows = []
        for number, values in bounded_rows(sheet):
            cells = [_cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            rows.append((number, cells))
    except RealistsynthError:
        raise
    except WorkbookLimitError as exc:
        raise ParseError(str(exc), file=file_name) from None
    except Exception as exc:  # a sheet's XML can be broken after a readable directory
        raise ParseError(
            f"the workbook's first sheet cannot be read ({type(exc).__name__}: {exc})",
            file=file_name,
        ) from None
    finally:
        workbook.close()
    return rows


class XlsxImporter:
    """Reads Excel workbooks (.xlsx): the first sheet, a header row, one record per row."""

    name = "xlsx"
    title = "Excel workbook (.xlsx)"

    def sniff(self, head: bytes) -> int:
        """Sure when the data is a zip whose first entries are an Office Open XML workbook's."""
        if not head.startswith(b"PK\x03\x04"):
            return 0
        return 80 if b"xl/" in head else (20 if b"[Content_Types].xml" in head else 0)

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Every data row of the first sheet as a record."""
        log = ImportLog(context, self.name, "xlsx", line_word="row")
        rows = _xlsx_rows(data, context.file_name)
        meter = ProgressMeter(context, len(rows))

        def metered() -> Iterator[tuple[int, list[str]]]:
            for number, cells in rows:
                meter.advance_to(number)
                yield number, cells

        _read_rows(metered(), context, log)
        return log.result()


@hookimpl
def realistsynth_register_importers() -> list[CsvImporter | XlsxImporter]:
    """The CSV/TSV and XLSX importers."""
    return [CsvImporter(), XlsxImporter()]
