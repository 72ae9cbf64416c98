"""The EndNote tagged ("refer") importer: ``%0 Journal Article``, ``%T``, ``%A`` ...

EndNote's tagged export (and the older refer/BibIX format it grew from) writes one field per
line as ``%`` + one character + a space + the value; each record starts at its ``%0`` (the
reference type) line and records are separated by blank lines. Lines that do not start with
``%`` continue the previous value (joined with a newline: EndNote writes one keyword per line
under one ``%K``, and paragraphs of an abstract the same way). A tag line after a blank line
also starts a record, as in refer: AIS eLibrary's export starts records with ``%T`` and
writes ``%0`` second, or not at all (a record without ``%0`` is a ``document``).

Mapping (full table in ``docs/importing.md``): ``%0`` to a CSL type (:data:`ENDNOTE_TYPES`),
``%A`` authors, ``%E`` editors, ``%T`` title, ``%J`` and ``%B`` container title, ``%D`` and
``%8`` dates, ``%V``, ``%N`` issue, ``%P`` pages, ``%I`` publisher, ``%C`` place, ``%7``
edition, ``%@`` ISSN/ISBN, ``%R`` DOI, ``%U`` URL, ``%X`` abstract, ``%K`` keywords (one per
line), ``%G`` language, ``%Z`` note, ``%M`` accession number (the source record id; a PMID when
``%~``/``%W`` names PubMed). Everything else goes to ``extra`` under its own tag (``%F``,
``%L``, ``%9``, ``%!``, ``%+`` ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from realistsynth.formats._tagged import (
    FieldCollector,
    RawRecord,
    RecordGrouper,
    TaggedImporter,
    add_serial_number,
    iter_lines,
    merge_date,
)
from realistsynth.formats.normalise import normalise_doi, normalise_pages, normalise_pmid
from realistsynth.hookspecs import hookimpl
from realistsynth.protocols import Importer

__all__ = ["ENDNOTE_TAGGED_IMPORTER", "ENDNOTE_TYPES", "realistsynth_register_importers"]

#: EndNote reference types (``%0``, and the XML export's ``ref-type`` name) to CSL types.
ENDNOTE_TYPES: dict[str, str] = {
    "journal article": "article-journal",
    "electronic article": "article-journal",
    "book": "book",
    "edited book": "book",
    "electronic book": "book",
    "book section": "chapter",
    "electronic book section": "chapter",
    "report": "report",
    "government document": "report",
    "thesis": "thesis",
    "conference proceedings": "paper-conference",
    "conference paper": "paper-conference",
    "web page": "webpage",
    "online database": "webpage",
    "newspaper article": "article-newspaper",
    "magazine article": "article-magazine",
    "generic": "document",
    "patent": "patent",
    "dataset": "dataset",
    "computer program": "software",
    "manuscript": "manuscript",
    "unpublished work": "manuscript",
    "statute": "legislation",
    "case": "legal_case",
    "bill": "bill",
    "hearing": "hearing",
    "map": "map",
    "film or broadcast": "motion_picture",
    "audiovisual material": "broadcast",
    "personal communication": "personal_communication",
    "dictionary": "entry-dictionary",
    "encyclopedia": "entry-encyclopedia",
    "standard": "standard",
    "serial": "periodical",
    "blog": "post-weblog",
    "interview": "interview",
    "figure": "figure",
    "chart or table": "graphic",
    "artwork": "graphic",
    "music": "musical_score",
    "pamphlet": "pamphlet",
    "classical work": "classic",
    "ancient text": "classic",
    "catalog": "document",
}

_TEXT_FIELDS: dict[str, str] = {
    "%T": "title",
    "%J": "container_title",
    "%B": "container_title",
    "%V": "volume",
    "%N": "issue",
    "%I": "publisher",
    "%C": "publisher_place",
    "%7": "edition",
    "%U": "url",
    "%X": "abstract",
    "%G": "language",
    "%Z": "note",
}
_TAG_LINE = re.compile(r"(%[A-Za-z0-9!@#$&()*+=?~^>\[\]|{}<'\-])(?: (.*)|)")
_PUBMED = re.compile(r"pubmed|medline|nlm", re.IGNORECASE)


def _split(text: str, warnings: list[str]) -> Iterator[RawRecord]:
    """Records start at a ``%0`` line, or at any tag line after a blank line (refer's record
    separator): AIS eLibrary writes ``%T`` before ``%0`` and leaves ``%0`` out of some records.
    A ``%0`` inside a record that has none yet, with no blank line before it, is its type."""
    group = RecordGrouper("tag lines outside a record (no '%0' line before them)")
    lineno = 0
    after_blank = True  # the start of the file separates like a blank line
    typed = False  # the open record has its %0 line
    for line in iter_lines(text):
        lineno += 1
        match = _TAG_LINE.fullmatch(line.rstrip()) if line[:1] == "%" else None
        if match is None:
            stripped = line.strip()
            if not stripped:
                after_blank = True
                continue
            if group.start:
                group.values[-1] += "\n" + stripped
            elif not group.orphan_line:
                warnings.append(f"line {lineno}: text outside any record ignored")
            continue
        tag, value = match.group(1), match.group(2) or ""
        if group.start and not after_blank and (tag != "%0" or not typed):
            group.tags.append(tag)
            group.values.append(value)
        else:
            yield from group.begin(lineno, tag, value)
            typed = False
        typed = typed or tag == "%0"
        after_blank = False
    yield from group.finish()


# Complexity (radon 32): one branch per tag of the format, a table of its meaning read
# top to bottom; split up, it would hand the collector and a dozen locals between functions
# on the per-field hot path.
def _map(raw: RawRecord, collector: FieldCollector) -> str | None:
    fields = collector.fields
    # %0 is usually first; AIS eLibrary writes it second, or not at all
    kind = next(
        (value for tag, value in zip(raw.tags, raw.values, strict=True) if tag == "%0"), ""
    ).strip()
    csl = ENDNOTE_TYPES.get(kind.lower())
    fields["type"] = csl or "document"
    if csl is None and kind:
        collector.keep("%0", kind)
    bookish = fields["type"] in ("book", "chapter")
    accession: str | None = None
    pubmed = False
    for tag, raw_value in zip(raw.tags, raw.values, strict=True):
        value = raw_value.strip()
        if not value or tag == "%0":
            continue
        name = _TEXT_FIELDS.get(tag)
        if name is not None:
            collector.set(name, value, tag)
        elif tag == "%A" or tag == "%E":
            target = collector.authors if tag == "%A" else collector.editors
            for part in value.split("\n"):
                collector.person(tag, part, target)
        elif tag == "%K":
            collector.keywords.extend(k.strip() for k in value.split("\n") if k.strip())
        elif tag == "%D" or tag == "%8":
            merge_date(collector, tag, value)
        elif tag == "%P":
            collector.set("pages", normalise_pages(value), tag, value)
        elif tag == "%R":
            doi = normalise_doi(value)
            if doi is None:
                collector.keep(tag, value)
            else:
                collector.set("doi", doi, tag, value)
        elif tag == "%@":
            for part in value.split("\n"):
                add_serial_number(collector, part.strip(), bookish)
        elif tag == "%M" and accession is None:
            accession = value
        else:
            if tag in ("%~", "%W") and _PUBMED.search(value):
                pubmed = True
            collector.keep(tag, value)
    if accession is not None:
        pmid = normalise_pmid(accession) if pubmed and accession.isdigit() else None
        if pmid is not None:
            fields["pmid"] = pmid
        else:
            collector.keep("%M", accession)
    return accession


def _sniff(head: bytes) -> int:
    """90 when a line starts with ``%0 ``."""
    if head.startswith(b"%0 ") or re.search(rb"(?m)^%0 \S", head):
        return 90
    return 0


#: Reads EndNote tagged / refer exports (``%0``, ``%T`` ...).
ENDNOTE_TAGGED_IMPORTER = TaggedImporter(
    name="endnote-tagged",
    title="EndNote tagged (refer)",
    sniffer=_sniff,
    split=_split,
    mapper=_map,
    empty_message="no EndNote tagged record found (a record starts with a '%0' line)",
)


@hookimpl
def realistsynth_register_importers() -> list[Importer]:
    """The EndNote tagged importer."""
    return [ENDNOTE_TAGGED_IMPORTER]
