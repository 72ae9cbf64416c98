"""The built-in EndNote XML importer (EndNote's *File > Export > XML*).

The document is ``<xml><records><record>...``; text sits either directly in an element or in
one or more ``<style>`` runs (bold, italic ...), which are joined. It is parsed with
:mod:`defusedxml`, so a document that declares entities (billion laughs) or refers to external
ones (XXE) is refused with a :class:`~realistsynth.errors.ParseError` instead of being expanded;
malformed XML is an error naming the line and column. XML has no per-record lines worth
reporting, so provenance carries the record's index, and EndNote's ``rec-number`` (or, failing
that, ``accession-num``) as the source's own id.

Mapping: ``ref-type`` names map to CSL types (:data:`REF_TYPES`); ``authors`` and
``secondary-authors`` (editors for chapters and edited books); ``title``, ``secondary-title``
or ``periodical/full-title`` (container), ``alt-title``/``abbr-1`` (short container);
``dates/year`` with ``pub-dates/date``; ``electronic-resource-num`` (DOI);
``isbn`` (ISSNs for serials, ISBNs otherwise); ``accession-num`` is the PMID when the remote
database is PubMed/MEDLINE; ``urls/related-urls/url``. Every other element (``label``,
``notes``, ``custom1``..``custom7``, ``research-notes``, ``database`` ...) is kept in
``extra`` under its path (``titles/translated-title``), nothing dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from realistsynth.errors import ParseError
from realistsynth.formats.endnote_tagged_reader import ENDNOTE_TYPES
from realistsynth.formats.import_support import (
    ImportLog,
    ProgressMeter,
    add_extra,
    split_isbns,
    split_issns,
)
from realistsynth.formats.normalise import normalise_doi, normalise_pages, parse_date, split_name
from realistsynth.hookspecs import hookimpl
from realistsynth.importing import decode
from realistsynth.model.records import Name
from realistsynth.protocols import ImportContext, ImportResult

if TYPE_CHECKING:
    import xml.etree.ElementTree as StdET

__all__ = ["REF_TYPES", "EndnoteXmlImporter", "realistsynth_register_importers"]

#: EndNote reference type names -> CSL types (others become ``document``): the names are
#: the same in the XML ``ref-type`` and the tagged ``%0`` line, so both importers read one table
REF_TYPES: dict[str, str] = ENDNOTE_TYPES
_SERIAL_TYPES = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "periodical"}
)
_PUBMED = re.compile(r"pubmed|medline|nlm", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _text(element: StdET.Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext())
    text = text.replace("\r", "\n").strip()
    return text or None


def _all_text(element: StdET.Element | None, path: str) -> list[str]:
    if element is None:
        return []
    return [t for t in (_text(e) for e in element.findall(path)) if t]


def _names(element: StdET.Element | None) -> list[Name]:
    names = []
    for text in _all_text(element, "author"):
        name = split_name(text)
        if name is not None:
            names.append(name)
    return names


#: record children read by the mapping (containers list the children they read)
_KNOWN: dict[str, frozenset[str]] = {
    "rec-number": frozenset(),
    "ref-type": frozenset(),
    "contributors": frozenset({"authors", "secondary-authors"}),
    "titles": frozenset({"title", "secondary-title", "alt-title"}),
    "periodical": frozenset({"full-title", "abbr-1"}),
    "pages": frozenset(),
    "volume": frozenset(),
    "number": frozenset(),
    "edition": frozenset(),
    "keywords": frozenset({"keyword"}),
    "dates": frozenset({"year", "pub-dates"}),
    "pub-location": frozenset(),
    "publisher": frozenset(),
    "isbn": frozenset(),
    "accession-num": frozenset(),
    "electronic-resource-num": frozenset(),
    "abstract": frozenset(),
    "language": frozenset(),
    "urls": frozenset({"related-urls"}),
    "remote-database-name": frozenset(),
}


def _leftovers(record: StdET.Element, extra: dict[str, list[str]]) -> None:
    for child in record:
        known = _KNOWN.get(child.tag)
        if known is None:
            add_extra(extra, child.tag, _text(child))
            continue
        for grandchild in child:
            if grandchild.tag != "style" and grandchild.tag not in known:
                add_extra(extra, f"{child.tag}/{grandchild.tag}", _text(grandchild))
        if child.tag == "urls":
            for related in child.findall("related-urls/url")[1:]:
                add_extra(extra, "urls/related-urls/url", _text(related))


# Complexity (radon 44): one branch per element of the format, a table of its meaning read
# top to bottom; split up, it would hand the collector and a dozen locals between functions
# on the per-field hot path.
def _record_fields(record: StdET.Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    extra: dict[str, list[str]] = {}
    ref_type = record.find("ref-type")
    type_name = (ref_type.get("name") if ref_type is not None else None) or ""
    out["type"] = REF_TYPES.get(type_name.strip().lower(), "document")
    if type_name and type_name.strip().lower() not in REF_TYPES:
        extra["ref-type"] = [type_name]
    contributors = record.find("contributors")
    out["authors"] = _names(contributors.find("authors") if contributors is not None else None)
    out["editors"] = _names(
        contributors.find("secondary-authors") if contributors is not None else None
    )
    titles = record.find("titles")
    periodical = record.find("periodical")
    out["title"] = _text(titles.find("title")) if titles is not None else None
    containers = [
        _text(titles.find("secondary-title")) if titles is not None else None,
        _text(periodical.find("full-title")) if periodical is not None else None,
    ]
    out["container_title"] = next((c for c in containers if c), None)
    if containers[0] and containers[1] and containers[0] != containers[1]:
        extra["periodical/full-title"] = [containers[1]]
    shorts = [
        _text(periodical.find("abbr-1")) if periodical is not None else None,
        _text(titles.find("alt-title")) if titles is not None else None,
    ]
    out["container_title_short"] = next((s for s in shorts if s), None)
    if shorts[0] and shorts[1] and shorts[0] != shorts[1]:
        extra["titles/alt-title"] = [shorts[1]]
    out["pages"] = normalise_pages(_text(record.find("pages")))
    out["volume"] = _text(record.find("volume"))
    number = _text(record.find("number"))
    if out["type"] in _SERIAL_TYPES:
        out["issue"] = number
    else:
        out["number"] = number
    out["edition"] = _text(record.find("edition"))
    out["keywords"] = _all_text(record.find("keywords"), "keyword")
    dates = record.find("dates")
    year = _text(dates.find("year")) if dates is not None else None
    pub_date = _text(dates.find("pub-dates/date")) if dates is not None else None
    issued = None
    if pub_date and re.search(r"\d{4}", pub_date):
        issued = parse_date(pub_date)
    if issued is None and year:
        issued = parse_date(f"{year} {pub_date or ''}")
    if issued is None:
        add_extra(extra, "dates/year", year)
    if pub_date and (issued is None or issued.month is None):
        add_extra(extra, "dates/pub-dates/date", pub_date)
    out["issued"] = issued
    out["publisher_place"] = _text(record.find("pub-location"))
    out["publisher"] = _text(record.find("publisher"))
    isbn_text = _text(record.find("isbn"))
    if out["type"] in _SERIAL_TYPES:
        out["issn"] = split_issns([isbn_text])
        found = out["issn"]
    else:
        out["isbn"] = split_isbns([isbn_text])
        found = out["isbn"]
    if isbn_text and not found:
        add_extra(extra, "isbn", isbn_text)
    accession = _text(record.find("accession-num"))
    database = _text(record.find("remote-database-name")) or ""
    if accession and accession.isdigit() and _PUBMED.search(database):
        out["pmid"] = accession
    else:
        add_extra(extra, "accession-num", accession)
    add_extra(extra, "remote-database-name", database or None)
    doi_text = _text(record.find("electronic-resource-num"))
    out["doi"] = normalise_doi(doi_text)
    if doi_text and out["doi"] is None:
        add_extra(extra, "electronic-resource-num", doi_text)
    out["abstract"] = _text(record.find("abstract"))
    out["language"] = _text(record.find("language"))
    out["url"] = _text(record.find("urls/related-urls/url"))
    _leftovers(record, extra)
    out["extra"] = extra
    return out


class EndnoteXmlImporter:
    """Reads EndNote XML exports (see the module docstring)."""

    name = "endnote-xml"
    title = "EndNote XML"

    def sniff(self, head: bytes) -> int:
        """Sure when the data starts with XML holding ``<records>`` and ``<record>``."""
        text = head.lstrip()
        if not text.startswith(b"<"):
            return 0
        if b"<records>" in head and b"<record>" in head:
            return 90
        return 40 if b"<xml>" in head and b"<records" in head else 0

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Every ``<record>`` of ``data`` as a record."""
        decoded = decode(data, file_name=context.file_name)
        log = ImportLog(context, self.name, decoded.encoding)
        log.warnings.extend(decoded.warnings)
        text = _XML_DECLARATION.sub("", decoded.text, count=1)
        # imported here, not with the plugin: every plugin manager registers this module
        import xml.etree.ElementTree as StdET

        import defusedxml.ElementTree as SafeET
        from defusedxml import DefusedXmlException

        try:
            root = SafeET.fromstring(text)
        except DefusedXmlException as exc:
            raise ParseError(
                f"refused: the XML declares entities or refers to external ones ({exc}); "
                "EndNote exports never do",
                file=context.file_name,
            ) from None
        except StdET.ParseError as exc:
            line, column = getattr(exc, "position", (None, None))
            raise ParseError(
                f"not well-formed XML (column {column}): {exc}", file=context.file_name, line=line
            ) from None
        records = root.findall(".//record") if root.tag != "record" else [root]
        if not records and root.tag not in ("xml", "records"):
            raise ParseError(
                f"not an EndNote XML document (root element <{root.tag}>)", file=context.file_name
            )
        meter = ProgressMeter(context, len(records))
        for index, record in enumerate(records):
            meter.advance_to(index + 1)
            own_id = _text(record.find("rec-number")) or _text(record.find("accession-num"))
            try:
                fields = _record_fields(record)
            except ValueError as exc:
                log.skip(index, None, str(exc))
                continue
            log.add(fields, index=index, line=None, source_record_id=own_id, key_is_id=False)
        return log.result()


@hookimpl
def realistsynth_register_importers() -> list[EndnoteXmlImporter]:
    """The EndNote XML importer."""
    return [EndnoteXmlImporter()]
