"""Reading bibliographic files: decoding, choosing an importer by content, and adding the
records to a review with their provenance.

This module owns what every format shares, so each importer plugin only parses text:

* :func:`decode` turns bytes into text: UTF-8 with or without BOM, UTF-16/32 with BOM, and a
  cp1252 fallback (latin-1 for the five bytes cp1252 leaves undefined) that is reported as a
  warning, never a crash. Line endings (LF, CRLF, CR, mixed) become ``\\n``.
* :func:`read_records` picks the importer by sniffing the content (never the suffix alone),
  and returns the records and an :class:`~realistsynth.protocols.ImportReport` without needing
  a review.
* :func:`import_records` adds the records to a review all-or-nothing, giving each a stable,
  readable id (:func:`make_key`) that does not clash with the review's.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

import attrs

from realistsynth.errors import RecordImportError
from realistsynth.model.common import ID_PATTERN
from realistsynth.model.labels import letter_suffix
from realistsynth.model.records import Record
from realistsynth.protocols import (
    ImportContext,
    Importer,
    ImportReport,
    ImportResult,
    ProgressCallback,
)

if TYPE_CHECKING:
    # annotations only: the registry is imported with the plugin manager, when one is built
    from realistsynth.model.review import Review
    from realistsynth.plugins.registry import PluginManager

__all__ = [
    "SNIFF_BYTES",
    "DecodedText",
    "decode",
    "import_records",
    "make_key",
    "read_records",
    "report_as_dict",
    "sniff_head",
]

#: How many bytes importers see when sniffing.
SNIFF_BYTES = 8192

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@attrs.frozen
class DecodedText:
    """Text decoded from bytes: the text (``\\n`` line ends), the encoding, and warnings."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, *, file_name: str = "<stream>") -> DecodedText:
    """Decode ``data`` as described in the module docstring.

    :raises RecordImportError: if a BOM promises UTF-16/32 and the bytes are not.
    """
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise RecordImportError(
                    f"starts with a {encoding} byte-order mark but byte {exc.start + len(bom)} "
                    f"is not {encoding}",
                    where=file_name,
                ) from None
            label = f"{encoding} (BOM)"
            break
    else:
        try:
            text = data.decode("utf-8")
            label = "utf-8"
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
                label = "cp1252"
            except UnicodeDecodeError:
                # cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; latin-1 maps every byte
                text = data.decode("latin-1")
                label = "latin-1"
            warnings.append(
                f"not valid UTF-8 (first bad byte at offset {exc.start}); read as {label}: "
                "check accented characters"
            )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text, label, tuple(warnings))


def sniff_head(data: bytes) -> bytes:
    """The bytes importers sniff: the start of the file, BOM removed, re-encoded as UTF-8 if the
    file is UTF-16/32, so that sniffers only ever look at ASCII-compatible bytes."""
    head = data[: SNIFF_BYTES * 4]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            if encoding == "utf-8":
                return head[len(bom) : len(bom) + SNIFF_BYTES]
            text = head[len(bom) :].decode(encoding, errors="ignore")
            return text.encode("utf-8")[:SNIFF_BYTES]
    return head[:SNIFF_BYTES]


def _read_source(source: str | os.PathLike[str] | bytes | IO[bytes]) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, "<bytes>"
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes(), str(path)
        except OSError as exc:
            raise RecordImportError(exc.strerror or str(exc), where=str(path)) from None
    data = source.read()
    if not isinstance(data, bytes):
        raise RecordImportError("the stream must be opened in binary mode", where="<stream>")
    return data, str(getattr(source, "name", "<stream>"))


def read_records(
    source: str | os.PathLike[str] | bytes | IO[bytes],
    format: str | None = None,
    *,
    strict: bool = False,
    source_id: str | None = None,
    search_run_id: str | None = None,
    file_name: str | None = None,
    plugin_manager: PluginManager | None = None,
    options: Mapping[str, object] | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Read the records of one file (a path, bytes or a binary stream), without a review.

    :param format: an importer name (``ris``, ``medline`` ...); by default the importer is
        chosen by sniffing the content.
    :param strict: raise on the first broken record instead of skipping and reporting it.
    :param source_id: the review source to put into each record's provenance.
    :param search_run_id: the search run to put into each record's provenance.
    :param file_name: the name to record (defaults to the path, or ``<stream>``).
    :param options: importer-specific options, such as the spreadsheet importers' column
        ``mapping`` (``{"Study title": "title"}`` or a TOML file path).
    :param progress: called with ``(done, total)`` as the importer works through the file
        (about a hundred times), and with ``(1, 1)`` when it has finished.
    :raises RecordImportError: nothing could be read, or (strict) a record is broken.
    """
    data, default_name = _read_source(source)
    name = file_name or default_name
    if plugin_manager is None:
        from realistsynth.plugins import get_plugin_manager

        plugin_manager = get_plugin_manager()
    importer: Importer | None
    if format is not None:
        importer = plugin_manager.importer(format)
    else:
        importer = plugin_manager.choose_importer(sniff_head(data))
        if importer is None:
            known = ", ".join(sorted(plugin_manager.importers)) or "none installed"
            raise RecordImportError(
                f"format not recognised (known formats: {known}); give --format", where=name
            )
    context = ImportContext(
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        source_id=source_id,
        search_run_id=search_run_id,
        strict=strict,
        options=dict(options or {}),
        progress=progress,
    )
    try:
        result = importer.read(data, context)
    except RecordImportError:
        raise
    except Exception as exc:  # an importer bug must still surface as our error, with the file
        raise RecordImportError(
            f"importer {importer.name!r} failed: {type(exc).__name__}: {exc}", where=name
        ) from exc
    if progress is not None:
        progress(1, 1)  # an importer need not report progress at all; the file is read
    return result


_NON_KEY = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return _NON_KEY.sub("", folded.encode("ascii", "ignore").decode().lower())


def make_key(record: Record) -> str:
    """A readable citation key: first author's family name (or organisation, or first title
    word) in ASCII lower case, then the year: ``aunger2022``, ``kozlowska2020``.

    >>> from realistsynth.model import Name, PartialDate
    >>> make_key(Record("x", authors=[Name("Kozłowska", "O.")], issued=PartialDate(2020)))
    'kozlowska2020'
    """
    who = ""
    if record.authors:
        first = record.authors[0]
        who = _ascii(first.family or first.literal or "")
        if first.literal:
            who = who[:20]
    if not who and record.title:
        words = [_ascii(w) for w in record.title.split()]
        who = next((w for w in words if len(w) > 3), "") or next((w for w in words if w), "")
    who = who or "record"
    return f"{who}{record.year if record.year is not None else 'nd'}"


def _source_key(record: Record) -> str | None:
    for prov in record.provenance:
        key = prov.source_record_id
        if key and ID_PATTERN.match(key):
            return key
    return None


def _unique_ids(
    records: Iterable[Record], taken: set[str], *, prefer_source_ids: bool = False
) -> list[Record]:
    out = []
    for record in records:
        source_key = _source_key(record) if prefer_source_ids else None
        if source_key is not None and source_key not in taken:
            taken.add(source_key)
            out.append(attrs.evolve(record, id=source_key))
            continue
        base = make_key(record)
        key = base
        suffix = 0
        while key in taken:
            key = base + letter_suffix(suffix)
            suffix += 1
        taken.add(key)
        out.append(attrs.evolve(record, id=key))
    return out


def import_records(
    review: Review, result: ImportResult, *, prefer_source_ids: bool = False
) -> list[str]:
    """Add the records of ``result`` to ``review`` under fresh readable ids, all or nothing.

    :param prefer_source_ids: keep the file's own record id (a BibTeX key, a RIS ``ID``) as
        the record id where it is a valid id not yet taken; otherwise, and by default, ids are
        made by :func:`make_key`.
    :return: the ids given, in file order.
    """
    records = _unique_ids(result.records, set(review.records), prefer_source_ids=prefer_source_ids)
    review.add_records(records)
    return [r.id for r in records]


def report_as_dict(report: ImportReport) -> dict[str, object]:
    """An import report as plain data (for ``--json``)."""
    return {
        "file": report.file,
        "format": report.format,
        "encoding": report.encoding,
        "records_read": report.records_read,
        "skipped": [{"index": s.index, "line": s.line, "reason": s.reason} for s in report.skipped],
        "warnings": list(report.warnings),
    }
