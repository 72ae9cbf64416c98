"""The built-in CSL-JSON importer and writer (Zotero's "CSL JSON" export, citeproc input).

CSL-JSON is the format our :class:`~realistsynth.model.Record` is modelled on, so the mapping
is nearly one-to-one (:data:`CSL_FIELDS`). Reading accepts an array of items or a single item;
names with ``family``/``given``/``literal`` and particles; ``issued`` as ``date-parts`` or
``raw`` (or ``literal``); ``ISSN``/``ISBN`` as a string or a list. Every key the mapping does
not know is kept in ``extra``: strings as they are, a list of strings as several values, and
anything else (numbers, objects, other dates) as JSON text, so nothing is dropped.

Writing produces what reading expects. What CSL-JSON cannot carry, and is not written:
provenance; an ``extra`` entry whose name is a CSL variable we map (it would be read back as
that variable); keywords containing commas (``keyword`` is one comma-separated string).

Option of the writer: ``records`` (see :mod:`realistsynth.exporting`); default ``canonical``,
one item per work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import IO, Any

from realistsynth.errors import ParseError
from realistsynth.exporting import (
    RecordSelection,
    WriterCapacity,
    describe_selection,
    record_fields_but,
    record_options,
    record_selection,
    select_records,
)
from realistsynth.formats.import_support import ImportLog, ProgressMeter, split_isbns, split_issns
from realistsynth.formats.normalise import (
    normalise_doi,
    normalise_pages,
    normalise_pmid,
    parse_date,
)
from realistsynth.hookspecs import hookimpl
from realistsynth.importing import decode
from realistsynth.model.common import PartialDate
from realistsynth.model.records import CSL_TYPES, Name, Record
from realistsynth.model.review import Review
from realistsynth.protocols import ExportReport, ImportContext, ImportResult
from realistsynth.references.csl_json import name_to_csl

__all__ = [
    "CAPACITY",
    "CSL_FIELDS",
    "RESERVED_KEYS",
    "CslJsonExporter",
    "CslJsonImporter",
    "realistsynth_register_exporters",
    "realistsynth_register_importers",
    "record_to_csl",
]

#: What CSL-JSON holds: every field.
CAPACITY = WriterCapacity(
    "csl-json",
    "csl-json",
    record_fields_but("provenance", "extra"),
    limits="provenance; keywords holding commas (`keyword` is one comma-separated string); "
    "`extra` fields named as a CSL variable we map",
)


#: CSL-JSON variables holding plain text -> Record attributes
CSL_FIELDS: dict[str, str] = {
    "title": "title",
    "container-title": "container_title",
    "container-title-short": "container_title_short",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
    "DOI": "doi",
    "PMID": "pmid",
    "PMCID": "pmcid",
    "URL": "url",
    "publisher": "publisher",
    "publisher-place": "publisher_place",
    "edition": "edition",
    "number": "number",
    "abstract": "abstract",
    "language": "language",
    "note": "note",
}
#: keys read with special rules (plus ``id``)
_SPECIAL_KEYS = frozenset(
    {"id", "type", "author", "editor", "issued", "ISSN", "ISBN", "keyword", "journalAbbreviation"}
)
#: keys an ``extra`` entry must not be written under
RESERVED_KEYS = frozenset(CSL_FIELDS) | _SPECIAL_KEYS


_BLANKS = " \t\r\n"


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = str(value).strip(_BLANKS)
    return text or None


def _name(item: Any) -> Name | None:
    if isinstance(item, str):
        return Name(literal=item.strip(_BLANKS)) if item.strip(_BLANKS) else None
    if not isinstance(item, dict):
        return None
    literal = _text(item.get("literal"))
    family = _text(item.get("family"))
    if literal is not None and family is None:
        return Name(literal=literal)
    if family is None:
        return None
    particles = [_text(item.get("dropping-particle")), _text(item.get("non-dropping-particle"))]
    particle = " ".join(p for p in particles if p) or None
    return Name(
        family=family,
        given=_text(item.get("given")),
        particle=particle,
        suffix=_text(item.get("suffix")),
    )


def _date(value: Any) -> PartialDate | None:
    if isinstance(value, str):
        return parse_date(value)
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            numbers = []
        if numbers:
            try:
                return PartialDate(*numbers)
            except (ValueError, TypeError):
                pass
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            return parse_date(value[key])
    return None


def _extra_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return [json.dumps(value, ensure_ascii=False, sort_keys=True)]


# Complexity (radon 34): one branch per CSL-JSON variable of the format, a table of its meaning read
# top to bottom; split up, it would hand the collector and a dozen locals between functions
# on the per-field hot path.
def _item_fields(item: dict[str, Any], log: ImportLog, index: int) -> dict[str, Any]:
    extra: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    csl_type = _text(item.get("type"))
    if csl_type not in CSL_TYPES:
        if "type" in item:
            extra["type"] = _extra_values(item["type"])
        csl_type = "document" if "type" in item else "article-journal"
    out["type"] = csl_type
    for key, attribute in CSL_FIELDS.items():
        if key in item:
            text = _text(item[key])
            if text is None:
                extra[key] = _extra_values(item[key])
            out[attribute] = text
    if out.get("doi") is not None:
        doi = normalise_doi(out["doi"])
        if doi is None:
            extra["DOI"] = [out["doi"]]
        out["doi"] = doi
    if out.get("pmid") is not None:
        pmid = normalise_pmid(out["pmid"])
        if pmid is None:
            extra["PMID"] = [out["pmid"]]
        out["pmid"] = pmid
    out["pages"] = normalise_pages(out.get("pages"))
    if out.get("container_title_short") is None and "journalAbbreviation" in item:
        out["container_title_short"] = _text(item["journalAbbreviation"])
    elif "journalAbbreviation" in item:
        extra["journalAbbreviation"] = _extra_values(item["journalAbbreviation"])
    for role, attribute in (("author", "authors"), ("editor", "editors")):
        value = item.get(role)
        if value is None:
            continue
        names = []
        for person in value if isinstance(value, list) else [value]:
            name = _name(person)
            if name is None:
                log.warn(f"item {index + 1}: {role} {person!r} is not a name; kept in extra")
                extra.setdefault(role, []).extend(_extra_values(person))
            else:
                names.append(name)
        out[attribute] = names
    if "issued" in item:
        out["issued"] = _date(item["issued"])
        if out["issued"] is None:
            extra["issued"] = _extra_values(item["issued"])
    for key, attribute, split in (("ISSN", "issn", split_issns), ("ISBN", "isbn", split_isbns)):
        if key in item:
            values = item[key] if isinstance(item[key], list) else [item[key]]
            found = split([str(v) for v in values if v is not None])
            if not found:
                extra[key] = _extra_values(item[key])
            out[attribute] = found
    if "keyword" in item:
        text = _text(item["keyword"])
        if text is None:
            extra["keyword"] = _extra_values(item["keyword"])
        else:
            out["keywords"] = [k.strip(_BLANKS) for k in text.split(",") if k.strip(_BLANKS)]
    for key, value in item.items():
        if key not in RESERVED_KEYS and value is not None:
            extra[key] = _extra_values(value)
    out["extra"] = extra
    return out


class CslJsonImporter:
    """Reads CSL-JSON (an array of items, or one item)."""

    name = "csl-json"
    title = "CSL-JSON"

    def sniff(self, head: bytes) -> int:
        """Sure when the data is JSON whose first object has CSL-looking keys."""
        text = head.lstrip()
        if text[:1] not in (b"[", b"{"):
            return 0
        keys = (b'"type"', b'"title"', b'"author"', b'"issued"', b'"container-title"', b'"id"')
        found = sum(1 for k in keys if k in head)
        return 85 if found >= 2 else 0

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Every item of ``data`` as a record; a non-object item is a broken record."""
        decoded = decode(data, file_name=context.file_name)
        log = ImportLog(context, self.name, decoded.encoding, line_word="item")
        log.warnings.extend(decoded.warnings)
        try:
            document = json.loads(decoded.text)
        except json.JSONDecodeError as exc:
            raise ParseError(
                f"not valid JSON: {exc.msg}", file=context.file_name, line=exc.lineno
            ) from None
        except (RecursionError, ValueError) as exc:  # too deep, or an integer too long
            raise ParseError(f"not readable JSON: {exc}", file=context.file_name) from None
        document, surrogates = _without_lone_surrogates(document)
        if surrogates:
            log.warn(
                f"{surrogates} lone surrogate escape(s) (such as \\ud800) replaced by U+FFFD: "
                "they are not characters and no file could store them"
            )
        items = _items(document, context.file_name)
        meter = ProgressMeter(context, len(items))
        for index, item in enumerate(items):
            meter.advance_to(index + 1)
            if not isinstance(item, dict):
                log.skip(index, None, f"item {index + 1} is {type(item).__name__}, not an object")
                continue
            item_id = _text(item.get("id"))
            log.add(
                _item_fields(item, log, index), index=index, line=None, source_record_id=item_id
            )
        return log.result()


#: Keys under which tools wrap a CSL-JSON array in an object (Zotero's API, citation.js,
#: Better BibTeX, Crossref-like responses).
WRAPPER_KEYS = ("items", "records", "references", "data", "message")

_ITEM_KEYS = frozenset({"type", "title", "author", "issued", "container-title", "DOI", "id"})


def _items(document: Any, file_name: str) -> list[Any]:
    """The items of a CSL-JSON document: an array, one item, or an array in a wrapper."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise ParseError(
            f"not a CSL-JSON document: the JSON is a {type(document).__name__}, "
            "not an array of items",
            file=file_name,
        )
    for key in WRAPPER_KEYS:
        inner = document.get(key)
        if isinstance(inner, list):
            return inner
        if key == "message" and isinstance(inner, dict) and isinstance(inner.get("items"), list):
            return list(inner["items"])
    if len(_ITEM_KEYS & document.keys()) >= 2 or "title" in document:
        return [document]  # one item on its own
    raise ParseError(
        "not a CSL-JSON document: an object that is neither an item nor a known wrapper of "
        f"items (keys {', '.join(sorted(document)[:8])}; wrappers read: "
        f"{', '.join(WRAPPER_KEYS)})",
        file=file_name,
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with lone surrogates (valid JSON escapes, not characters) replaced by U+FFFD,
    and how many there were."""
    if isinstance(value, str):
        if _SURROGATE.search(value) is None:
            return value, 0
        return _SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        count = 0
        out = []
        for item in value:
            new, n = _without_lone_surrogates(item)
            out.append(new)
            count += n
        return out, count
    if isinstance(value, dict):
        count = 0
        result = {}
        for key, item in value.items():
            new_key, n = _without_lone_surrogates(key)
            new, m = _without_lone_surrogates(item)
            result[new_key] = new
            count += n + m
        return result, count
    return value, 0


def record_to_csl(record: Record) -> dict[str, Any]:
    """One record as a CSL-JSON item (see the module docstring)."""
    item: dict[str, Any] = {"id": record.id, "type": record.type}
    if record.authors:
        item["author"] = [name_to_csl(n) for n in record.authors]
    if record.editors:
        item["editor"] = [name_to_csl(n) for n in record.editors]
    if record.issued is not None:
        parts = [
            p for p in (record.issued.year, record.issued.month, record.issued.day) if p is not None
        ]
        item["issued"] = {"date-parts": [parts]}
    for key, attribute in CSL_FIELDS.items():
        value = getattr(record, attribute)
        if value:
            item[key] = value
    if record.issn:
        item["ISSN"] = record.issn[0] if len(record.issn) == 1 else list(record.issn)
    if record.isbn:
        item["ISBN"] = record.isbn[0] if len(record.isbn) == 1 else list(record.isbn)
    if record.keywords:
        item["keyword"] = ", ".join(record.keywords)
    for key, values in record.extra.items():
        if key in RESERVED_KEYS:
            continue
        item[key] = values[0] if len(values) == 1 else list(values)
    return item


class CslJsonExporter:
    """Writes the review's records as a CSL-JSON array (UTF-8, indented, stable key order)."""

    name = "csl-json"
    title = "CSL-JSON"
    suffix = ".json"
    options = record_options(RecordSelection.CANONICAL)

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the records (option ``records``, default ``canonical``)."""
        selection = record_selection(options, RecordSelection.CANONICAL)
        records = select_records(review, selection)
        warnings = [
            f"{r.id}: extra field(s) {', '.join(sorted(k for k in r.extra if k in RESERVED_KEYS))} "
            "not written (CSL-JSON reads them as its own variables)"
            for r in records
            if any(k in RESERVED_KEYS for k in r.extra)
        ]
        items = [record_to_csl(r) for r in records]
        stream.write((json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        return ExportReport(warnings, wrote=describe_selection(review, selection, len(records)))


@hookimpl
def realistsynth_register_importers() -> list[CslJsonImporter]:
    """The CSL-JSON importer."""
    return [CslJsonImporter()]


@hookimpl
def realistsynth_register_exporters() -> list[CslJsonExporter]:
    """The CSL-JSON writer."""
    return [CslJsonExporter()]
