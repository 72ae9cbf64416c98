"""The PubMed MEDLINE (``.nbib``, ``.txt``) importer.

MEDLINE format is what PubMed's "Send to: Citation manager" and "Format: PubMed" give: one
field per line, the tag left-justified in four characters then ``- `` (``PMID- 31234567``,
``FAU - Smith, John A``), continuation lines indented by six spaces (joined with a space:
they are hard-wrapped text). Each record starts at its ``PMID-`` line; blank lines between
(or inside) records, a missing blank line at the end, whitespace-only lines and a BOM are all
accepted. Tag lines before the first ``PMID-`` are a broken record. ERIC's MEDLINE-style
export has no ``PMID``: there a record starts at its ``OWN - ERIC`` line, its ``OID`` (the ERIC
number) is the source record id, and its ``AID`` DOI URL (no ``[doi]`` label) is the DOI.

Mapping (full table in ``docs/importing.md``): ``PMID`` (also the source record id), ``TI``
(``BTI`` for books), ``AB``, ``FAU`` (the ``AU`` after each ``FAU`` is its initials form and is
not kept again; ``AU`` alone is split), ``CN`` (an organisation author), ``FED``/``ED``, ``DP``,
``JT``, ``TA``, ``VI``, ``IP``, ``PG`` (abbreviated end pages written out), the ``[doi]`` of
``LID``/``AID`` (the other identifiers stay in ``extra``), ``PMC``, ``IS`` (the ISSN; the line
with its ``(Electronic)``/``(Linking)`` label also stays in ``extra``), ``LA``, ``OT`` as
keywords, ``PB``, ``PT`` (to a CSL type; kept in ``extra`` too). ``MH`` and every other tag
go to ``extra`` under their own tag.

Why our own parser: nbib 0.3.2 (last release 2021) drops the authors of records with only
``AU`` lines, drops the last record without a trailing blank line, drops DOIs given only in
``LID``, aborts on a BOM or a whitespace-only line (our sample shows the
lost last record and group author, ``benchmarks/fidelity_peers.py``), and is slower: the
100,000-record benchmark corpus (246 MB) imports in 4.5-4.8 CPU seconds here, records with
provenance and all, against 16.4-16.8 for ``nbib.read_file``'s dicts (3.28x-3.74x over the
runs of one evening, ``benchmarks/bench_import.py``; 2.99x-3.06x charging one full
``gc.collect()`` after the import to both, ``--collect``), peak 795 MB: a UTF-8 file is
decoded a 1 MB block at a time (:func:`_split_utf8`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator

from realistsynth.formats._tagged import (
    FieldCollector,
    RawRecord,
    RecordGrouper,
    TaggedImporter,
    line_blocks,
    merge_date,
)
from realistsynth.formats.normalise import normalise_doi, normalise_pages, normalise_pmid
from realistsynth.hookspecs import hookimpl
from realistsynth.model.records import Name
from realistsynth.protocols import Importer

__all__ = ["MEDLINE_IMPORTER", "realistsynth_register_importers"]

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)")
_ID_KIND = re.compile(r"(.*?)\s*\[(\w+)\]\s*")
_ISSN = re.compile(r"\d{4}-?\d{3}[\dXx]")
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/10\.", re.IGNORECASE)
_TEXT_FIELDS: dict[str, str] = {
    "TI": "title",
    "JT": "container_title",
    "TA": "container_title_short",
    "VI": "volume",
    "IP": "issue",
    "LA": "language",
    "AB": "abstract",
    "PB": "publisher",
    "PL": "publisher_place",
    "EN": "edition",
}


class _Role(enum.Enum):
    """What a tag that is not a plain text field fills; _map compares roles by identity (an
    Enum member is a singleton, as fast to compare as the strings were)."""

    FULL_AUTHOR = "full author name"
    AUTHOR = "author"
    FULL_EDITOR = "full editor name"
    EDITOR = "editor"
    GROUP_AUTHOR = "group author"
    KEYWORD = "keyword"
    IDENTIFIER = "article identifier"
    DATE = "date"
    PAGES = "pages"
    PMCID = "pmcid"
    ISSN_LINE = "issn"
    BOOK_TITLE = "book title"
    ISBN = "isbn"
    TYPE = "publication type"


_FULL_AUTHOR = _Role.FULL_AUTHOR
_AUTHOR = _Role.AUTHOR
_FULL_EDITOR = _Role.FULL_EDITOR
_EDITOR = _Role.EDITOR
_GROUP_AUTHOR = _Role.GROUP_AUTHOR
_KEYWORD = _Role.KEYWORD
_IDENTIFIER = _Role.IDENTIFIER
_DATE = _Role.DATE
_PAGES = _Role.PAGES
_PMCID = _Role.PMCID
_ISSN_LINE = _Role.ISSN_LINE
_BOOK_TITLE = _Role.BOOK_TITLE
_ISBN = _Role.ISBN
_TYPE = _Role.TYPE

#: tag -> the text field it fills (:data:`_TEXT_FIELDS`) or one of the roles above; any
#: other tag is kept in ``extra``
_ROLES: dict[str, str | _Role] = {
    **_TEXT_FIELDS,
    "FAU": _FULL_AUTHOR,
    "AU": _AUTHOR,
    "FED": _FULL_EDITOR,
    "ED": _EDITOR,
    "CN": _GROUP_AUTHOR,
    "OT": _KEYWORD,
    "LID": _IDENTIFIER,
    "AID": _IDENTIFIER,
    "DP": _DATE,
    "PG": _PAGES,
    "PMC": _PMCID,
    "IS": _ISSN_LINE,
    "BTI": _BOOK_TITLE,
    "ISBN": _ISBN,
    "PT": _TYPE,
}
_PT_TYPES = {
    "book chapter": "chapter",
    "book": "book",
    "preprint": "article",
    "dataset": "dataset",
}


def _split(text: str, warnings: list[str]) -> Iterator[RawRecord]:
    return _split_blocks(line_blocks(text, "\n", 0, BLOCK_CHARS), warnings)


def _split_utf8(data: bytes, start: int, warnings: list[str]) -> Iterator[RawRecord]:
    """:func:`_split` for UTF-8 bytes with ``\\n`` line ends, decoded a block at a time.

    :raises UnicodeDecodeError: when a block is not UTF-8 after all.
    """
    blocks = line_blocks(data, b"\n", start, BLOCK_CHARS)
    return _split_blocks((block.decode() for block in blocks), warnings)


def _split_blocks(blocks: Iterable[str], warnings: list[str]) -> Iterator[RawRecord]:
    """The raw records of the text whose lines are the lines of ``blocks``."""
    group = RecordGrouper("tag lines outside a record (no 'PMID- ' line before them)")
    lineno = 0
    owned = False  # the open record has its OWN line
    # the open record's lists (the grouper starts new ones for each record)
    tags, values = group.tags, group.values
    # a loop over each block's lines, without a generator between: it runs once per line,
    # 4.6 million times on the benchmark corpus
    for block in blocks:
        for line in block.split("\n"):
            lineno += 1
            if line[4:6] == "- " and line[0] != " ":
                tag = line[:4].rstrip()
                value = line[6:]
            elif line[:1] in (" ", "\t"):
                if group.start:
                    stripped = line.strip()
                    if stripped:
                        values[-1] += " " + stripped
                continue
            else:
                stripped = line.strip()
                if not stripped:
                    continue
                match = _TAG_LINE.fullmatch(line.lstrip("\ufeff").rstrip())
                if match is None:
                    if group.start:
                        values[-1] += " " + stripped
                    elif not group.orphan_line:
                        warnings.append(f"line {lineno}: text outside any record ignored")
                    continue
                tag, value = match.group(1), match.group(2)
            if tag == "PMID" or (tag == "OWN" and (owned or not group.start)):
                # ERIC's MEDLINE-style export has no PMID: its records start at OWN
                yield from group.begin(lineno, tag, value)
                tags, values = group.tags, group.values
                owned = tag == "OWN"
            elif group.start:
                owned = owned or tag == "OWN"
                tags.append(tag)
                values.append(value)
            else:
                group.stray(lineno)
    yield from group.finish()


#: Characters (or bytes) of text split into lines at a time.
BLOCK_CHARS = 1 << 20


# Complexity (radon 45): one branch per tag role of the format, a table of its meaning read
# top to bottom; split up, it would hand the collector and a dozen locals between functions
# on the per-field hot path.
def _map(raw: RawRecord, collector: FieldCollector) -> str | None:
    """Fill ``collector`` from one MEDLINE record; return its PMID. One look-up in
    :data:`_ROLES` says what a tag fills (roles compared by identity); the name memo is
    read inline."""
    fields = collector.fields
    pairs = zip(raw.tags, raw.values, strict=True)
    pmid: str | None = None
    if raw.tags[0] == "PMID":  # ERIC's records have none: they start at OWN
        next(pairs)
        pmid_text = raw.values[0].strip()
        pmid = normalise_pmid(pmid_text)
        if pmid is not None:
            fields["pmid"] = pmid
        if pmid is None or pmid != pmid_text:
            collector.keep("PMID", pmid_text)
    after_full_name = False  # the AU line after an FAU is its initials form
    after_full_editor = False
    types: list[str] = []
    book_title: str | None = None
    roles = _ROLES
    names = collector.memo.names
    keep = collector.keep
    for tag, raw_value in pairs:
        value = raw_value.strip()
        if not value:
            continue
        role = roles.get(tag)
        if role is None:
            keep(tag, value)
        elif (
            role is _FULL_AUTHOR
            or role is _FULL_EDITOR
            or (
                (role is _AUTHOR and not after_full_name)
                or (role is _EDITOR and not after_full_editor)
            )
        ):
            person = names[value]  # parsed on first sight (the memo's __missing__)
            if person is None:
                keep(tag, value)
            elif role is _FULL_AUTHOR or role is _AUTHOR:
                collector.authors.append(person)
            else:
                collector.editors.append(person)
            if role is _FULL_AUTHOR:
                after_full_name = True
                continue
            if role is _FULL_EDITOR:
                after_full_editor = True
                continue
        elif role is _AUTHOR or role is _EDITOR:
            pass  # the initials form of the full name just read
        elif type(role) is str:  # a text field
            if role in fields:
                collector.set(role, value, tag)
            else:
                fields[role] = value
        elif role is _KEYWORD:
            collector.keywords.append(value)
        elif role is _IDENTIFIER:
            _identifier(collector, tag, value)
        elif role is _DATE:
            merge_date(collector, tag, value)
        elif role is _GROUP_AUTHOR:
            collector.authors.append(Name(literal=value))
        elif role is _PAGES:
            collector.set("pages", normalise_pages(value, expand_abbreviated=True), tag, value)
        elif role is _PMCID:
            collector.set("pmcid", value, tag)
        elif role is _ISSN_LINE:
            match = _ISSN.search(value)
            if match and match.group(0) not in collector.issn:
                collector.issn.append(match.group(0))
            keep(tag, value)
        elif role is _BOOK_TITLE and book_title is None:
            book_title = value
        elif role is _ISBN:
            collector.isbn.append(value)
        else:  # _TYPE, or a second BTI
            if role is _TYPE:
                types.append(value.lower())
            keep(tag, value)
        after_full_name = after_full_editor = False
    default = "article-journal"
    if book_title is not None:  # a Bookshelf record: a book, or a chapter with TI
        if "title" in fields:
            default = "chapter"
            collector.set("container_title", book_title, "BTI")
        else:
            default = "book"
            fields["title"] = book_title
    fields["type"] = next((_PT_TYPES[t] for t in types if t in _PT_TYPES), default)
    if pmid is None:  # ERIC: its accession number (EJ..., ED...)
        oids = (v.strip() for t, v in zip(raw.tags, raw.values, strict=True) if t == "OID")
        return next((oid for oid in oids if oid), None)
    return pmid


def _identifier(collector: FieldCollector, tag: str, value: str) -> None:
    match = _ID_KIND.fullmatch(value)
    # ERIC writes the DOI as a bare doi.org URL, with no [doi] label
    doi_text = value if match is None and _DOI_URL.match(value) else None
    if match and match.group(2).lower() == "doi":
        doi_text = match.group(1)
    if doi_text is not None:
        doi = normalise_doi(doi_text)
        if doi is not None:
            current = collector.fields.get("doi")
            if current is None:
                collector.fields["doi"] = doi
                return
            if current == doi:
                return
    collector.keep(tag, value)


def _sniff(head: bytes) -> int:
    """95 when a line starts with ``PMID-``; 80 for ``OWN - `` with no PMID (ERIC)."""
    if head.startswith(b"PMID-") or re.search(rb"(?m)^PMID- ?\d", head):
        return 95
    if re.search(rb"(?m)^OWN - \S", head) and re.search(rb"(?m)^TI  - \S", head):
        return 80
    return 0


#: Reads PubMed MEDLINE / ``.nbib`` files.
MEDLINE_IMPORTER = TaggedImporter(
    name="medline",
    title="PubMed MEDLINE (.nbib)",
    sniffer=_sniff,
    split=_split,
    mapper=_map,
    empty_message="no MEDLINE record found (a record starts with a 'PMID- ' line)",
    split_utf8=_split_utf8,
)


@hookimpl
def realistsynth_register_importers() -> list[Importer]:
    """The MEDLINE importer."""
    return [MEDLINE_IMPORTER]
