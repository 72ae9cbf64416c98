"""The built-in CSV writer: the records table, one row per record.

Columns (:data:`COLUMNS`): ``id``, ``cluster_id`` (the duplicate cluster,
:meth:`Review.cluster_id_of`; empty until de-duplication has run),
``source_file``, ``index_in_file``, ``source_record_id`` (several findings of one record are
joined with ``; `` in the same order in each of the three columns), then ``type``, ``title``,
``authors`` (``Family, Given; ...``), ``year``, ``journal``, ``volume``, ``issue``, ``pages``,
``doi``, ``pmid``, ``abstract``, ``keywords``, ``publisher``, ``note``. Organisations are
written in braces (``{Department of Health and Social Care}``) so they read back as one name;
control characters are left out (a NUL would make the file unreadable), and counted in the
report.

The file is UTF-8 with a byte-order mark (so Excel opens accents correctly) and CRLF row ends
(RFC 4180). **Formula injection is neutralised**: a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return would be run as a formula by Excel or LibreOffice, so it gets
a leading apostrophe (``'=HYPERLINK(...)``), and the export report says how many cells were
changed. The table is for people and spreadsheets; to move records between tools losslessly
use CSL-JSON or BibTeX.

Option: ``records`` (see :mod:`realistsynth.exporting`); the default is ``all``, every record
with its ``cluster_id``, since the table is the audit trail of what was imported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from typing import IO

from realistsynth.exporting import (
    CONTROL_CHARACTERS,
    RecordSelection,
    WriterCapacity,
    describe_selection,
    record_options,
    record_selection,
    select_records,
)
from realistsynth.hookspecs import hookimpl
from realistsynth.model.records import Name, Record
from realistsynth.model.review import Review
from realistsynth.protocols import ExportReport

__all__ = [
    "CAPACITY",
    "COLUMNS",
    "CsvExporter",
    "neutralise_formula",
    "realistsynth_register_exporters",
    "record_row",
]

#: What the records table holds: its columns (the ``id`` column reads back as the source's
#: record id, the year alone of the date).
CAPACITY = WriterCapacity(
    "csv",
    "csv",
    frozenset(
        [
            "type",
            "title",
            "authors",
            "year",
            "container_title",
            "volume",
            "issue",
            "pages",
            "doi",
            "pmid",
            "abstract",
            "keywords",
            "publisher",
            "note",
        ]
    ),
    left_out=CONTROL_CHARACTERS,
    limits="the columns it has not (editors, month and day, short title, PMCID, ISSN, ISBN, "
    "URL, place, edition, number, language, `extra`); a person with no given name whose "
    "family name has several words; keywords holding semicolons",
)


#: the columns of the records table, in order
COLUMNS: tuple[str, ...] = (
    "id",
    "cluster_id",
    "source_file",
    "index_in_file",
    "source_record_id",
    "type",
    "title",
    "authors",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "abstract",
    "keywords",
    "publisher",
    "note",
)

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would read it as a formula.

    >>> neutralise_formula("=1+1"), neutralise_formula("Smith, J.")
    ("'=1+1", 'Smith, J.')
    """
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _joined(values: list[str | None]) -> str:
    return "; ".join("" if v is None else v for v in values) if any(values) else ""


def _author(name: Name) -> str:
    # an organisation in braces reads back as one name, even with "and" or a comma in it
    return "{" + name.literal + "}" if name.literal is not None else name.display()


def record_row(review: Review, record: Record) -> list[str]:
    """The cells of one record's row, before formula neutralising."""
    # after a de-duplication run every record has a cluster (its own id when unique); before
    # one, the column stays empty rather than suggesting that nothing was duplicated
    deduplicated = bool(review.duplicate_links or review.pair_decisions)
    cluster = review.cluster_id_of(record.id) if deduplicated else None
    return [
        record.id,
        cluster or "",
        _joined([p.file for p in record.provenance]),
        _joined([str(p.index) if p.index is not None else None for p in record.provenance]),
        _joined([p.source_record_id for p in record.provenance]),
        record.type,
        record.title or "",
        "; ".join(_author(n) for n in record.authors),
        str(record.year) if record.year is not None else "",
        record.container_title or "",
        record.volume or "",
        record.issue or "",
        record.pages or "",
        record.doi or "",
        record.pmid or "",
        record.abstract or "",
        "; ".join(record.keywords),
        record.publisher or "",
        record.note or "",
    ]


class CsvExporter:
    """Writes the records table as CSV (see the module docstring)."""

    name = "csv"
    title = "Records table (CSV)"
    suffix = ".csv"
    options = record_options(RecordSelection.ALL)

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the records (option ``records``, default ``all``)."""
        selection = record_selection(options, RecordSelection.ALL)
        records = select_records(review, selection)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        changed = 0
        controls = 0
        for record in records:
            row = []
            for cell in record_row(review, record):
                # a NUL (or any C0 control but tab and line ends) makes the file unreadable
                # to CSV readers, ours included
                cleaned = _CONTROLS.sub("", cell)
                if "\r" in cleaned:  # one line break, not a formula start
                    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
                controls += cleaned != cell
                safe = neutralise_formula(cleaned)
                changed += safe != cleaned
                row.append(safe)
            writer.writerow(row)
        stream.write(buffer.getvalue().encode("utf-8-sig"))
        warnings = (
            [f"{changed} cell(s) starting with = + - @ got a leading apostrophe (formula safety)"]
            if changed
            else []
        )
        if controls:
            warnings.append(f"{controls} cell(s) held control characters, left out")
        return ExportReport(warnings, wrote=describe_selection(review, selection, len(records)))


@hookimpl
def realistsynth_register_exporters() -> list[CsvExporter]:
    """The CSV records-table writer."""
    return [CsvExporter()]
