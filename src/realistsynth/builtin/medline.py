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
``LID``, aborts on a BOM or a whitespace-only line (DEPENDENCIES.md; our sample shows the
lost last record and group author, ``benchmarks/fidelity_peers.py``), and is slower: the
100,000-record benchmark corpus (246 MB) imports in 5.8 CPU seconds here against 17.9 for
``nbib.read_file`` (3.1x), peak 1.26 GB.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from realistsynth.builtin._tagged import (
    FieldCollector,
    RawRecord,
    RecordGrouper,
    TaggedImporter,
    iter_lines,
    merge_date,
)
from realistsynth.hookspecs import hookimpl
from realistsynth.model.records import Name
from realistsynth.normalise import normalise_doi, normalise_pages, normalise_pmid
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
_PT_TYPES = {
    "book chapter": "chapter",
    "book": "book",
    "preprint": "article",
    "dataset": "dataset",
}


def _split(text: str, warnings: list[str]) -> Iterator[RawRecord]:
    group = RecordGrouper("tag lines outside a record (no 'PMID- ' line before them)")
    lineno = 0
    owned = False  # the open record has its OWN line
    for line in iter_lines(text):
        lineno += 1
        if line[4:6] == "- " and line[0] != " ":
            tag = line[:4].rstrip()
            value = line[6:]
        elif line[:1] in (" ", "\t"):
            stripped = line.strip()
            if group.start and stripped:
                group.values[-1] += " " + stripped
            continue
        else:
            stripped = line.strip()
            if not stripped:
                continue
            match = _TAG_LINE.fullmatch(line.lstrip("\ufeff").rstrip())
            if match is None:
                if group.start:
                    group.values[-1] += " " + stripped
                elif not group.orphan_line:
                    warnings.append(f"line {lineno}: text outside any record ignored")
                continue
            tag, value = match.group(1), match.group(2)
        if tag == "PMID" or (tag == "OWN" and (owned or not group.start)):
            # ERIC's MEDLINE-style export has no PMID: its records start at OWN
            yield from group.begin(lineno, tag, value)
            owned = tag == "OWN"
        elif group.start:
            owned = owned or tag == "OWN"
            group.tags.append(tag)
            group.values.append(value)
        else:
            group.stray(lineno)
    yield from group.finish()


def _map(raw: RawRecord, collector: FieldCollector) -> str | None:
    fields = collector.fields
    rest = raw.fields
    pmid: str | None = None
    if raw.fields[0][0] == "PMID":
        rest = raw.fields[1:]
        pmid_text = raw.fields[0][1].strip()
        pmid = normalise_pmid(pmid_text)
        if pmid is not None:
            fields["pmid"] = pmid
        if pmid is None or pmid != pmid_text:
            collector.keep("PMID", pmid_text)
    after_full_name = False  # the AU line after an FAU is its initials form
    after_full_editor = False
    types: list[str] = []
    book_title: str | None = None
    for tag, raw_value in rest:
        value = raw_value.strip()
        if not value:
            continue
        name = _TEXT_FIELDS.get(tag)
        if name is not None:
            collector.set(name, value, tag)
        elif tag == "FAU":
            collector.person(tag, value, collector.authors)
            after_full_name = True
            continue
        elif tag == "AU":
            if not after_full_name:
                collector.person(tag, value, collector.authors)
        elif tag == "CN":
            collector.authors.append(Name(literal=value))
        elif tag == "FED":
            collector.person(tag, value, collector.editors)
            after_full_editor = True
            continue
        elif tag == "ED":
            if not after_full_editor:
                collector.person(tag, value, collector.editors)
        elif tag == "LID" or tag == "AID":
            _identifier(collector, tag, value)
        elif tag == "DP":
            merge_date(collector, tag, value)
        elif tag == "PG":
            collector.set("pages", normalise_pages(value, expand_abbreviated=True), tag, value)
        elif tag == "OT":
            collector.keywords.append(value)
        elif tag == "PMC":
            collector.set("pmcid", value, tag)
        elif tag == "IS":
            match = _ISSN.search(value)
            if match and match.group(0) not in collector.issn:
                collector.issn.append(match.group(0))
            collector.keep(tag, value)
        elif tag == "BTI" and book_title is None:
            book_title = value
        elif tag == "ISBN":
            collector.isbn.append(value)
        else:
            if tag == "PT":
                types.append(value.lower())
            collector.keep(tag, value)
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
        return next((v.strip() for t, v in raw.fields if t == "OID" and v.strip()), None)
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
)


@hookimpl
def realistsynth_register_importers() -> list[Importer]:
    """The MEDLINE importer."""
    return [MEDLINE_IMPORTER]
