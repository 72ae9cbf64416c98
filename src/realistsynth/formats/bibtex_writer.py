"""The built-in BibTeX writer: records as BibTeX entries that our importer reads back exactly.

Text is escaped with :func:`realistsynth.formats.latex.encode_latex` (the ten LaTeX specials,
``--``,
quote ligatures, the non-breaking space), so braces always balance and ``50%`` stays ``50%``;
other Unicode is written as UTF-8, which BibTeX 0.99d with biber, BibLaTeX and every reference
manager read. The key is the record id. Names are written ``von Last, Jr, First`` with braces
where BibTeX would otherwise split them differently; organisations in braces.

What BibTeX cannot carry, and is therefore not written: provenance (file, index, source),
``extra`` entries whose name is not a valid BibTeX field name or is one the importer maps, and
runs of whitespace (BibTeX collapses them), and control characters (C0 but tab and line
ends, and DEL: left out, and counted in the export report). A CSL type with no BibTeX entry
type is written as ``@misc`` with a ``csl-type`` field; a non-canonical entry type kept on import
(``extra["bibtex-entry-type"]``) is written again as the entry type.

Option: ``records`` (see :mod:`realistsynth.exporting`); default ``canonical``, one entry per
work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import IO

from realistsynth.exporting import (
    CONTROL_CHARACTERS,
    RecordSelection,
    WriterCapacity,
    describe_selection,
    record_fields_but,
    record_options,
    record_selection,
    select_records,
)
from realistsynth.formats.bibtex_reader import (
    BIBTEX_TO_CSL,
    CSL_TO_BIBTEX,
    CSL_TYPE_FIELD,
    ENTRY_TYPE_EXTRA,
)
from realistsynth.formats.latex import encode_latex
from realistsynth.formats.normalise import split_name
from realistsynth.hookspecs import hookimpl
from realistsynth.model.common import MONTH_NAMES
from realistsynth.model.records import Name, Record
from realistsynth.model.review import Review
from realistsynth.protocols import ExportReport

__all__ = [
    "CAPACITY",
    "MAPPED_FIELDS",
    "BibtexExporter",
    "format_name",
    "realistsynth_register_exporters",
    "record_to_bibtex",
]

#: What BibTeX holds: every field, the record id as the key.
CAPACITY = WriterCapacity(
    "bibtex",
    "bibtex",
    record_fields_but("provenance", "extra"),
    left_out=CONTROL_CHARACTERS,
    limits="provenance; runs of whitespace (BibTeX collapses them); `extra` fields whose "
    "name is not a BibTeX field name or is one the importer maps",
)


_MONTH_MACROS = tuple(name[:3].lower() for name in MONTH_NAMES)
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_:.+/-]*")
#: extra keys the writer reads for itself (the entry type, the "and others" markers)
_READ_EXTRA = frozenset({ENTRY_TYPE_EXTRA, "author-others", "editor-others"})
_SIMPLE_RANGE = re.compile(r"[A-Za-z0-9.]+-[A-Za-z0-9.]+")
_AND_WORD = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)

#: fields the importer maps: an ``extra`` of the same name would be read as that field
MAPPED_FIELDS: frozenset[str] = frozenset(
    [
        "title",
        "subtitle",
        "author",
        "editor",
        "date",
        "year",
        "month",
        "journal",
        "journaltitle",
        "booktitle",
        "shortjournal",
        "journal-iso",
        "abbrev_source_title",
        "journalabbreviation",
        "journalabbr",
        "volume",
        "number",
        "issue",
        "eid",
        "art_number",
        "article-number",
        "articleno",
        "pages",
        "doi",
        "pmid",
        "eprinttype",
        "eprint",
        "pmcid",
        "issn",
        "eissn",
        "isbn",
        "url",
        "publisher",
        "school",
        "institution",
        "organization",
        "address",
        "location",
        "edition",
        "abstract",
        "keywords",
        "author_keywords",
        "author-keywords",
        "language",
        "langid",
        "note",
    ]
) | {CSL_TYPE_FIELD}


def _needs_braces(text: str) -> bool:
    first = next((c for c in text if c.isalpha()), "")
    return bool(re.search(r"[\s,]", text)) or first.islower() or text.lower() in ("others", "and")


def _protected(text: str) -> str:
    encoded = encode_latex(text)
    return "{" + encoded + "}" if _needs_braces(text) else encoded


def format_name(name: Name) -> str:
    """A name as BibTeX writes it.

    >>> format_name(Name(family="Gogh", given="Vincent", particle="van"))
    'van Gogh, Vincent'
    >>> format_name(Name(literal="NHS England"))
    '{NHS England}'
    """
    if name.literal is not None:
        return "{" + encode_latex(name.literal) + "}"
    family = name.family or ""
    head = (encode_latex(name.particle) + " " if name.particle else "") + _protected(family)
    given = name.given or ""
    given_text = encode_latex(given)
    if "," in given or _AND_WORD.search(given):
        given_text = "{" + given_text + "}"
    if name.suffix:
        suffix = encode_latex(name.suffix)
        if "," in name.suffix or _AND_WORD.search(name.suffix):
            suffix = "{" + suffix + "}"
        return f"{head}, {suffix}, {given_text}"
    if given:
        return f"{head}, {given_text}"
    guess = split_name(family)
    if name.particle or _needs_braces(family) or guess is None or guess != Name(family=family):
        return head + ","
    return head


def _field(name: str, value: str) -> str:
    return f"  {name} = {{{value}}},\n"


# C0 controls but tab and line ends, and DEL: BibTeX reads some as spaces and TeX chokes on the
# rest, so they are left out (and counted in the export report)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def record_to_bibtex(record: Record) -> str:
    """One record as a BibTeX entry (see the module docstring)."""
    return _entry(record)[0]


# A control between two quote or dash characters, left out, would join them into a ligature
# (``''`` reads as ”, ``--`` as –): there it becomes an empty group, which keeps them apart.
_CONTROLS_IN_LIGATURE = re.compile("(?<=([-'`]))[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+(?=\\1)")


def _entry(record: Record) -> tuple[str, int]:
    """The entry, and how many control characters were left out of it."""
    removed = 0

    def group(match: re.Match[str]) -> str:
        nonlocal removed
        removed += len(match.group(0))
        return "{}"

    entry = _CONTROLS_IN_LIGATURE.sub(group, _raw_entry(record))
    entry, rest = _CONTROLS.subn("", entry)
    return entry, removed + rest


# Complexity (radon 31): one branch per record field that BibTeX writes its own way (names,
# dates, pages, the entry type's container field), read top to bottom as the entry is written.
def _raw_entry(record: Record) -> str:
    kind_extra = record.extra.get(ENTRY_TYPE_EXTRA, ())
    kind = CSL_TO_BIBTEX.get(record.type, "misc")
    if kind_extra and BIBTEX_TO_CSL.get(kind_extra[0], "document") == record.type:
        kind = kind_extra[0]
    lines = [f"@{kind}{{{record.id},\n"]
    if BIBTEX_TO_CSL.get(kind, "document") != record.type:
        lines.append(_field(CSL_TYPE_FIELD, record.type))
    for target, names in (("author", record.authors), ("editor", record.editors)):
        others = record.extra.get(f"{target}-others") == ("true",)
        if names or others:
            parts = [format_name(n) for n in names] + (["others"] if others else [])
            lines.append(_field(target, " and ".join(parts)))
    text_fields: list[tuple[str, str | None]] = [("title", record.title)]
    container = "booktitle" if kind in ("incollection", "inproceedings", "inbook") else "journal"
    text_fields += [(container, record.container_title)]
    text_fields += [("shortjournal", record.container_title_short)]
    if record.issued is not None:
        text_fields.append(("year", str(record.issued.year)))
    for name, value in text_fields:
        if value:
            lines.append(_field(name, encode_latex(value)))
    if record.issued is not None and record.issued.month is not None:
        lines.append(f"  month = {_MONTH_MACROS[record.issued.month - 1]},\n")
        if record.issued.day is not None:
            lines.append(_field("date", str(record.issued)))
    is_article = BIBTEX_TO_CSL.get(kind) == "article-journal" or record.type.startswith("article")
    more: list[tuple[str, str | None]] = [("volume", record.volume)]
    if is_article:
        more += [("number", record.issue), ("eid", record.number)]
    else:
        more += [("number", record.number), ("issue", record.issue)]
    more += [
        ("pages", record.pages),
        ("pmid", record.pmid),
        ("pmcid", record.pmcid),
        ("issn", ", ".join(record.issn) or None),
        ("isbn", ", ".join(record.isbn) or None),
        ("publisher", record.publisher),
        ("address", record.publisher_place),
        ("edition", record.edition),
        ("abstract", record.abstract),
        ("keywords", "; ".join(record.keywords) or None),
        ("language", record.language),
        ("note", record.note),
    ]
    for name, value in more:
        if value:
            encoded = encode_latex(value)
            if name == "pages" and _SIMPLE_RANGE.fullmatch(value):
                encoded = value.replace("-", "--")
            lines.append(_field(name, encoded))
    for name, value in (("doi", record.doi), ("url", record.url)):
        if value:  # read verbatim: escape only what would end or break the value
            lines.append(_field(name, value.replace("{", "%7B").replace("}", "%7D")))
    for name, values in record.extra.items():
        if name in _READ_EXTRA or _unwritable(name):
            continue
        for value in values:
            lines.append(_field(name, encode_latex(value)))
    lines.append("}\n")
    return "".join(lines)


def _unwritable(name: str) -> bool:
    """An extra key that cannot be written as a field of its own: not a BibTeX field name,
    or a name BibTeX reads as one of the mapped fields."""
    return not _FIELD_NAME.fullmatch(name) or name.lower() in MAPPED_FIELDS


class BibtexExporter:
    """Writes the review's records as a UTF-8 BibTeX file."""

    name = "bibtex"
    title = "BibTeX"
    suffix = ".bib"
    options = record_options(RecordSelection.CANONICAL)

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the records (option ``records``, default ``canonical``)."""
        selection = record_selection(options, RecordSelection.CANONICAL)
        records = select_records(review, selection)
        warnings: list[str] = []
        chunks: list[str] = []
        for record in records:
            skipped = [n for n in record.extra if n not in _READ_EXTRA and _unwritable(n)]
            if skipped:
                warnings.append(
                    f"{record.id}: extra field(s) {', '.join(sorted(skipped))} not written "
                    "(not a BibTeX field name, or one BibTeX maps)"
                )
            text, removed = _entry(record)
            if removed:
                warnings.append(f"{record.id}: {removed} control character(s) left out")
            chunks.append(text)
        stream.write("\n".join(chunks).encode("utf-8"))
        return ExportReport(warnings, wrote=describe_selection(review, selection, len(records)))


@hookimpl
def realistsynth_register_exporters() -> list[BibtexExporter]:
    """The BibTeX exporter."""
    return [BibtexExporter()]
