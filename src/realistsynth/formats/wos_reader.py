"""The Web of Science plain-text importer (``FN``/``VR`` ... ``PT``...``ER`` ... ``EF``).

Web of Science's "Plain text file" export starts with ``FN Clarivate Analytics Web of
Science`` and ``VR 1.0``, then records from ``PT`` to ``ER``, and ends with ``EF``. A tag is two
characters and a space; continuation lines start with three spaces. For the list fields
(:data:`LIST_TAGS`: authors, addresses, cited references ...) each continuation line is one
more value; for the others it is wrapped text, joined with a space. Tag lines outside a record
are a broken record; a missing ``ER`` or ``EF`` is accepted with a warning.

Mapping (full table in ``docs/importing.md``): ``PT``/``DT`` to a CSL type (both also kept in
``extra``), ``AF`` authors (``AU``, their abbreviated form, is kept only when it does not pair
one-to-one with ``AF``; alone it gives the authors), ``GP``/``CA`` group authors, ``BE``
editors, ``TI``, ``SO`` container title, ``JI`` its abbreviation, ``PY`` with ``PD``, ``VL``,
``IS``, ``BP``-``EP`` pages (``AR`` article number when there is no ``BP``), ``DI`` DOI,
``PM`` PMID, ``UT`` (the source record id, also kept in ``extra``), ``AB``, ``DE`` keywords
(split at ``;``), ``SN``/``EI`` ISSNs, ``BN`` ISBN, ``PU``, ``PI``, ``LA``. Everything else
(``ID`` Keywords Plus, ``C1``, ``CR``, ``TC`` ...) goes to ``extra`` under its own tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from realistsynth.formats._tagged import (
    FieldCollector,
    RawRecord,
    RecordGrouper,
    TaggedImporter,
    date_is_plain,
    iter_lines,
    merge_date,
)
from realistsynth.formats.normalise import (
    normalise_doi,
    normalise_pages,
    normalise_pmid,
    parse_date,
)
from realistsynth.hookspecs import hookimpl
from realistsynth.model.common import PartialDate
from realistsynth.model.records import Name
from realistsynth.protocols import Importer

__all__ = ["LIST_TAGS", "WOS_IMPORTER", "realistsynth_register_importers"]

#: Tags whose continuation lines are further values, not wrapped text.
LIST_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "CR", "C1", "C3", "EM"})

_TEXT_FIELDS: dict[str, str] = {
    "TI": "title",
    "SO": "container_title",
    "JI": "container_title_short",
    "VL": "volume",
    "IS": "issue",
    "AB": "abstract",
    "PU": "publisher",
    "PI": "publisher_place",
    "LA": "language",
}
_PT_TYPES = {
    "J": "article-journal",
    "B": "book",
    "S": "book",
    "P": "patent",
    "C": "paper-conference",
}
_DT_TYPES = {
    "proceedings paper": "paper-conference",
    "book chapter": "chapter",
    "book": "book",
    "meeting abstract": "paper-conference",
    "data paper": "dataset",
}
_HEADER_TAGS = frozenset({"FN", "VR", "EF"})
_TAG_LINE = re.compile(r"([A-Z][A-Z0-9])(?: (.*)|)")


def _split(text: str, warnings: list[str]) -> Iterator[RawRecord]:
    group = RecordGrouper("tag lines outside a record (no 'PT' line before them)")
    lineno = 0
    for line in iter_lines(text):
        lineno += 1
        if line[:1] in (" ", "\t"):
            stripped = line.strip()
            if group.start and stripped:
                if group.tags[-1] in LIST_TAGS:
                    group.tags.append(group.tags[-1])
                    group.values.append(stripped)
                else:
                    group.values[-1] += " " + stripped
            continue
        match = _TAG_LINE.fullmatch(line.lstrip("\ufeff").rstrip())
        if match is None:
            if line.strip() and not group.start and not group.orphan_line:
                warnings.append(f"line {lineno}: text outside any record ignored")
            elif line.strip() and group.start:
                group.values[-1] += " " + line.strip()
            continue
        tag, value = match.group(1), match.group(2) or ""
        if tag == "PT":
            if group.start:
                warnings.append(
                    f"record at line {group.start} has no ER; it ends at line {lineno - 1}"
                )
            yield from group.begin(lineno, tag, value)
        elif tag == "ER":
            yield from group.end()
        elif group.start:
            group.tags.append(tag)
            group.values.append(value)
        elif tag not in _HEADER_TAGS:
            group.stray(lineno)
    if group.start:
        warnings.append(f"the last record (line {group.start}) has no ER")
    yield from group.finish()


# Complexity (radon 38): one branch per tag of the format, a table of its meaning read
# top to bottom; split up, it would hand the collector and a dozen locals between functions
# on the per-field hot path.
def _map(raw: RawRecord, collector: FieldCollector) -> str | None:
    fields = collector.fields
    full: list[str] = []
    short: list[str] = []
    groups: list[str] = []
    begin: str | None = None
    end: str | None = None
    article_number: str | None = None
    day_month: str | None = None
    ut: str | None = None
    csl = "article-journal"
    for tag, raw_value in zip(raw.tags, raw.values, strict=True):
        value = raw_value.strip()
        if not value:
            continue
        name = _TEXT_FIELDS.get(tag)
        if name is not None:
            collector.set(name, value, tag)
        elif tag == "AF":
            full.append(value)
        elif tag == "AU":
            short.append(value)
        elif tag == "GP" or tag == "CA":
            groups.append(value)
        elif tag == "BE":
            collector.person(tag, value, collector.editors)
        elif tag == "PY":
            merge_date(collector, tag, value)
        elif tag == "PD" and day_month is None:
            day_month = value
        elif tag == "BP" and begin is None:
            begin = value
        elif tag == "EP" and end is None:
            end = value
        elif tag == "AR" and article_number is None:
            article_number = value
        elif tag == "DI":
            doi = normalise_doi(value)
            if doi is None:
                collector.keep(tag, value)
            else:
                collector.set("doi", doi, tag, value)
        elif tag == "PM":
            pmid = normalise_pmid(value)
            if pmid is None:
                collector.keep(tag, value)
            else:
                collector.set("pmid", pmid, tag, value)
        elif tag == "DE":
            collector.keywords.extend(k.strip() for k in value.split(";") if k.strip())
        elif tag == "SN" or tag == "EI":
            collector.issn.append(value)
        elif tag == "BN":
            collector.isbn.append(value)
        else:
            if tag == "PT":
                csl = _PT_TYPES.get(value.upper(), csl)
            elif tag == "DT":
                csl = _DT_TYPES.get(value.lower(), csl)
            elif tag == "UT" and ut is None:
                ut = value
            collector.keep(tag, value)
    fields["type"] = csl
    _authors(collector, full, short, groups)
    if begin is not None:
        fields["pages"] = normalise_pages(begin if end is None else f"{begin}-{end}")
        if article_number is not None:
            collector.keep("AR", article_number)
    else:
        if end is not None:
            collector.keep("EP", end)
        if article_number is not None:
            fields["pages"] = article_number
    if day_month is not None:
        _day_month(collector, day_month)
    return ut


def _authors(
    collector: FieldCollector, full: list[str], short: list[str], groups: list[str]
) -> None:
    primary = full or short
    for text in primary:
        collector.person("AF" if full else "AU", text, collector.authors)
    if full and len(short) != len(full):
        for text in short:
            collector.keep("AU", text)
    collector.authors.extend(Name(literal=g) for g in groups)


def _day_month(collector: FieldCollector, text: str) -> None:
    issued: PartialDate | None = collector.fields.get("issued")
    if issued is None:
        merge_date(collector, "PD", text)
        return
    parsed = parse_date(f"{text} {issued.year}")
    if parsed is None or parsed.month is None or issued.month is not None:
        collector.keep("PD", text)
        return
    collector.fields["issued"] = parsed
    if not date_is_plain(text):
        collector.keep("PD", text)


def _sniff(head: bytes) -> int:
    """95 for the ``FN``/``VR`` header, 70 for a file starting ``PT J``-style; 0 when
    the file has RIS ``TY  -`` lines (Web of Science's RIS export has the same header)."""
    if re.search(rb"(?m)^TY  -", head):
        return 0
    if re.match(rb"FN [^\n]*\r?\n\s*VR ", head) or re.search(rb"(?m)^VR \d", head):
        return 95
    if re.match(rb"PT [A-Z]\r?\n(?:AU|AF|TI|GP|BA) ", head):
        return 70
    return 0


#: Reads Web of Science plain-text exports (``FN``/``VR``/``PT``/``ER``/``EF``).
WOS_IMPORTER = TaggedImporter(
    name="wos",
    title="Web of Science plain text",
    sniffer=_sniff,
    split=_split,
    mapper=_map,
    empty_message="no Web of Science record found (a record starts with a 'PT' line)",
)


@hookimpl
def realistsynth_register_importers() -> list[Importer]:
    """The Web of Science plain-text importer."""
    return [WOS_IMPORTER]
