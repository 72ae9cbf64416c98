"""Reading bibliographic files: decoding, choosing an importer by content, and adding the
records to a review with their provenance.

This module owns what every format shares, so each importer plugin only parses text:

* :func:`decode` turns bytes into text: UTF-8 with or without BOM, UTF-16/32 with BOM, and a
  cp1252 fallback (latin-1 for the five bytes cp1252 leaves undefined) *for the lines that are
  not UTF-8 only*, reported as a warning naming them, never a crash. Line endings (LF, CRLF,
  CR, mixed) become ``\\n``.
* :func:`read_records` picks the importer by the file's structure (:func:`rank_importers`:
  the first non-blank line decides before a signature found further on; never the suffix),
  refuses a reading that leaves most of the file outside any record, and returns the records
  and an :class:`~realistsynth.protocols.ImportReport` without needing a review.
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
from typing import IO, TypeVar, overload

import attrs

from realistsynth.errors import RecordImportError
from realistsynth.model.common import ID_PATTERN
from realistsynth.model.labels import letter_suffix
from realistsynth.model.records import Record
from realistsynth.model.review import Review
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import (
    ImportContext,
    Importer,
    ImportReport,
    ImportResult,
    ProgressCallback,
)

__all__ = [
    "SNIFF_BYTES",
    "DecodedText",
    "RecordSource",
    "already_imported",
    "decode",
    "group_warnings",
    "import_records",
    "make_key",
    "rank_importers",
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
        except UnicodeDecodeError:
            text, label, warning = _decode_by_line(data)
            warnings.append(warning)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text, label, tuple(warnings))


def _decode_one_line(line: bytes) -> tuple[str, bool]:
    try:
        return line.decode("utf-8"), False
    except UnicodeDecodeError:
        try:
            return line.decode("cp1252"), True
        except UnicodeDecodeError:
            # cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; latin-1 maps every byte
            return line.decode("latin-1"), True


def _decode_by_line(data: bytes) -> tuple[str, str, str]:
    """Text of ``data`` that is not UTF-8 as a whole: each line that is UTF-8 is read as such,
    and only the others as cp1252, so one stray byte garbles nothing but its own line.

    A file with no line of non-ASCII UTF-8 at all is a cp1252 file, and is called one.
    """
    parts: list[str] = []
    fallen_back: list[int] = []
    utf8_lines = 0
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        text, fell_back = _decode_one_line(line)
        parts.append(text)
        if fell_back:
            fallen_back.append(number)
        elif not line.isascii():
            utf8_lines += 1
    text = "".join(parts)
    if not utf8_lines:
        return (
            text,
            "cp1252",
            "not valid UTF-8 (first bad byte on line "
            + (f"{fallen_back[0]}); read as cp1252: check accented characters"),
        )
    shown = ", ".join(str(n) for n in fallen_back[:10]) + (" ..." if len(fallen_back) > 10 else "")
    warning = (
        f"not valid UTF-8 on {len(fallen_back)} line(s) (line {shown}); those lines read as "
        "cp1252, the others as UTF-8: check their accented characters"
    )
    return text, "utf-8 (some lines cp1252)", warning


def sniff_head(data: bytes) -> bytes:
    """The bytes importers sniff: the start of the file, BOM removed, re-encoded as UTF-8 if the
    file is UTF-16/32, so that sniffers only ever look at ASCII-compatible bytes."""
    head = data[: SNIFF_BYTES * 4]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            if encoding == "utf-8":
                head = head[len(bom) : len(bom) + SNIFF_BYTES]
            else:
                text = head[len(bom) :].decode(encoding, errors="ignore")
                head = text.encode("utf-8")[:SNIFF_BYTES]
            break
    else:
        head = head[:SNIFF_BYTES]
    # sniffers look for line starts at "\n": classic-Mac files end lines with CR alone
    if b"\r" in head:
        head = head.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return head


def _first_lines(head: bytes, count: int) -> bytes:
    """The first ``count`` non-blank lines of ``head`` (blank lines before them dropped)."""
    lines = []
    for line in head.split(b"\n"):
        if line.strip():
            lines.append(line)
            if len(lines) == count:
                break
    return b"\n".join(lines) + b"\n"


def rank_importers(head: bytes, importers: Iterable[Importer]) -> list[Importer]:
    """The importers that recognise ``head``, most likely first.

    Structure decides before confidence: an importer that recognises the first non-blank line
    ranks above one that needs the first two, which ranks above one that only finds its
    signature somewhere in the head (a ``TY  -`` line inside a CSV abstract is not a RIS file).
    Within a tier, the importer's own score decides.
    """
    ranked: list[tuple[int, int, int, Importer]] = []
    views = (_first_lines(head, 1), _first_lines(head, 2), head)
    for order, importer in enumerate(importers):
        for tier, view in enumerate(views):
            try:
                score = int(importer.sniff(view))
            except Exception:  # a sniffing bug in one importer must not block the others
                break
            if score > 0:
                ranked.append((tier, -score, order, importer))
                break
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked]


_OUTSIDE = re.compile(r"^line \d+: text outside any record ignored$")


def _non_blank_lines(data: bytes, block: int = 1 << 20) -> int:
    """How many lines of ``data`` hold more than whitespace, as ``data.splitlines()`` cuts
    them, counted a block of about ``block`` bytes at a time (cut after a LF): the lines of a
    large file as a list of bytes objects would cost more memory than the import itself
    (about 560 MB for a 400 MB export). A cut between CR and LF leaves a CR at a block's
    end, which ends its last line as it would in the whole file.

    >>> _non_blank_lines(b"a\\n\\n b\\r\\n  \\rc", block=2)
    3
    """
    count = 0
    start = 0
    size = len(data)
    while start < size:
        cut = data.find(b"\n", start + block)
        end = size if cut < 0 else cut + 1
        count += sum(1 for line in data[start:end].splitlines() if line.strip())
        start = end
    return count


def _check_coverage(result: ImportResult, data: bytes, name: str) -> None:
    """Refuse a reading that leaves most of the file's lines outside any record: the file is
    of another format than the importer's."""
    outside = sum(1 for w in result.report.warnings if _OUTSIDE.match(w))
    if not outside:
        return
    lines = _non_blank_lines(data)
    if outside * 2 >= lines:
        raise RecordImportError(
            f"read as {result.report.format}, {outside} of {lines} non-blank lines are outside "
            f"any record: the file is not {result.report.format} (give the right --format)",
            where=name,
        )


def _source_prefix(name: str, number: int, taken: set[str]) -> str:
    stem = Path(name).stem if not name.startswith("<") else ""
    prefix = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:48] or f"source-{number}"
    candidate, n = prefix, 2
    while candidate in taken:
        candidate, n = f"{prefix}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _read_several(
    sources: Iterable[RecordSource],
    format: str | None,
    *,
    strict: bool,
    source_id: str | None,
    search_run_id: str | None,
    plugin_manager: PluginManager | None,
    options: Mapping[str, object] | None,
    progress: ProgressCallback | None,
) -> list[ImportResult]:
    if plugin_manager is None:
        from realistsynth.plugins import get_plugin_manager

        plugin_manager = get_plugin_manager()
    taken: set[str] = set()
    results = []
    for number, source in enumerate(sources, start=1):
        result = read_records(
            source,
            format,
            strict=strict,
            source_id=source_id,
            search_run_id=search_run_id,
            plugin_manager=plugin_manager,
            options=options,
            progress=progress,
        )
        prefix = _source_prefix(result.report.file, number, taken)
        records = [attrs.evolve(r, id=f"{prefix}:{r.id}"[:128]) for r in result.records]
        results.append(ImportResult(records, result.report))
    return results


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


#: One file to read: a path, its bytes, or a binary stream.
RecordSource = str | os.PathLike[str] | bytes | IO[bytes]
# Several files: a list is invariant, so ``list[RecordSource]`` would refuse a ``list[Path]``;
# a list of any one kind of source (or mix) is what ``read_records`` takes.
_Sources = TypeVar("_Sources", bound=RecordSource)


@overload
def read_records(
    source: RecordSource,
    format: str | None = None,
    *,
    strict: bool = False,
    source_id: str | None = None,
    search_run_id: str | None = None,
    file_name: str | None = None,
    plugin_manager: PluginManager | None = None,
    options: Mapping[str, object] | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult: ...


@overload
def read_records(
    source: list[_Sources] | tuple[_Sources, ...],
    format: str | None = None,
    *,
    strict: bool = False,
    source_id: str | None = None,
    search_run_id: str | None = None,
    file_name: str | None = None,
    plugin_manager: PluginManager | None = None,
    options: Mapping[str, object] | None = None,
    progress: ProgressCallback | None = None,
) -> list[ImportResult]: ...


def read_records(
    source: RecordSource | list[_Sources] | tuple[_Sources, ...],
    format: str | None = None,
    *,
    strict: bool = False,
    source_id: str | None = None,
    search_run_id: str | None = None,
    file_name: str | None = None,
    plugin_manager: PluginManager | None = None,
    options: Mapping[str, object] | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult | list[ImportResult]:
    """Read the records of one file (a path, bytes or a binary stream), without a review; or of
    several files given as a list or tuple.

    Record ids of one file are the importer's (``ris-1``, a BibTeX key ...), which repeat from
    file to file. Given several sources, each record's id is qualified by its source,
    ``SOURCE:ID`` (``pubmed:ris-1``, ``scopus:ris-1``), so the ids are unique across all of
    them and stable: reading the same files again gives the same ids. ``SOURCE`` is the
    file's name without its suffix, made id-safe (or ``source-N`` for bytes and streams
    without a name), with ``-2``, ``-3`` added when two sources would share one. One
    :class:`~realistsynth.protocols.ImportResult` per source is returned, in order.

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
    if isinstance(source, list | tuple):
        if file_name is not None:
            raise TypeError("file_name names one source; several sources use their own names")
        return _read_several(
            source,
            format,
            strict=strict,
            source_id=source_id,
            search_run_id=search_run_id,
            plugin_manager=plugin_manager,
            options=options,
            progress=progress,
        )
    data, default_name = _read_source(source)
    name = file_name or default_name
    if plugin_manager is None:
        from realistsynth.plugins import get_plugin_manager

        plugin_manager = get_plugin_manager()
    candidates: list[Importer]
    if format is not None:
        candidates = [plugin_manager.importer(format)]
    else:
        candidates = rank_importers(sniff_head(data), plugin_manager.importers.values())
        if not candidates:
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
    first_error: RecordImportError | None = None
    for importer in candidates:
        try:
            result = _read_with(importer, data, context, name)
            _check_coverage(result, data, name)
        except RecordImportError as exc:
            # a sniffed format that does not fit: the next likeliest one may
            first_error = first_error or exc
            if format is None and len(candidates) > 1 and not strict:
                continue
            raise
        break
    else:
        assert first_error is not None
        raise first_error
    if progress is not None:
        progress(1, 1)  # an importer need not report progress at all; the file is read
    return result


def _read_with(importer: Importer, data: bytes, context: ImportContext, name: str) -> ImportResult:
    try:
        return importer.read(data, context)
    except RecordImportError:
        raise
    except Exception as exc:  # an importer bug must still surface as our error, with the file
        raise RecordImportError(
            f"importer {importer.name!r} failed: {type(exc).__name__}: {exc}", where=name
        ) from exc


#: The longest name part of a generated key (the year and a disambiguating suffix follow).
MAX_KEY_NAME = 40

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
    # a CSV cell of surnames without separators is one very long "family name": ids stay
    # readable and within the 128 characters an id may have, whatever the data
    who = who[:MAX_KEY_NAME] or "record"
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
    # the next suffix to try for each base key: records sharing a key cost one step each,
    # not a search from "a" each time (20,000 records of one key took 98 s that way)
    next_suffix: dict[str, int] = {}
    for record in records:
        source_key = _source_key(record) if prefer_source_ids else None
        if source_key is not None and source_key not in taken:
            taken.add(source_key)
            out.append(attrs.evolve(record, id=source_key))
            continue
        base = make_key(record)
        key = base
        if key in taken:
            suffix = next_suffix.get(base, 0)
            key = base + letter_suffix(suffix)
            while key in taken:
                suffix += 1
                key = base + letter_suffix(suffix)
            next_suffix[base] = suffix + 1
        taken.add(key)
        out.append(attrs.evolve(record, id=key))
    return out


def import_records(
    review: Review,
    result: ImportResult,
    *,
    prefer_source_ids: bool = False,
    plugin_manager: PluginManager | None = None,
) -> list[str]:
    """Add the records of ``result`` to ``review`` under fresh readable ids, all or nothing.

    :param prefer_source_ids: keep the file's own record id (a BibTeX key, a RIS ``ID``) as
        the record id where it is a valid id not yet taken; otherwise, and by default, ids are
        made by :func:`make_key`.
    :param plugin_manager: if given, its subscribers of ``realistsynth_records_imported`` are
        told once the records are in the review.
    :return: the ids given, in file order.
    """
    records = _unique_ids(result.records, set(review.records), prefer_source_ids=prefer_source_ids)
    review.add_records(records)
    if plugin_manager is not None:
        plugin_manager.notify(
            "realistsynth_records_imported", review=review, records=records, report=result.report
        )
    return [r.id for r in records]


def already_imported(review: Review, result: ImportResult) -> str | None:
    """A warning when the file ``result`` was read from was imported into ``review`` before
    (the same bytes: the same SHA-256 in a record's provenance), else ``None``.

    Importing it again adds its records again: they are copies, not new findings, and
    :func:`realistsynth.dedup.counts.identification` never counts them as identified nor as
    duplicates removed; but they enter selection until de-duplication links them.
    """
    digests = {p.sha256 for r in result.records for p in r.provenance if p.sha256}
    if not digests:
        return None
    earlier = [
        rid
        for rid, rec in review.records.items()
        if any(p.sha256 in digests for p in rec.provenance)
    ]
    if not earlier:
        return None
    names = sorted(
        {
            p.file
            for rid in earlier
            for p in review.records[rid].provenance
            if p.sha256 in digests and p.file
        }
    )
    shown = ", ".join(earlier[:3]) + (" ..." if len(earlier) > 3 else "")
    return (
        f"this file was imported before (same content as {', '.join(names) or 'a file'} "
        f"already in the review: {len(earlier)} record(s), {shown}); its records are added "
        "again as copies: run `realistsynth dedupe` to link them, or import it once"
    )


_PLACE = re.compile(r"^(?:line|row|record|item|entry) \d+(?: \([^)]*\))?: ")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d+")


def group_warnings(warnings: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Warnings grouped by kind (the message without its place, quoted values and numbers),
    most frequent kind first, each with its warnings in file order: for a summary of a noisy
    file (counts by kind, a few examples) instead of hundreds of lines.

    >>> group_warnings(["line 3: tag 'XY' unknown", "line 9: tag 'ZZ' unknown", "no title"])
    [('tag … unknown', ["line 3: tag 'XY' unknown", "line 9: tag 'ZZ' unknown"]), \
('no title', ['no title'])]
    """
    groups: dict[str, list[str]] = {}
    for warning in warnings:
        kind = _NUMBER.sub("N", _QUOTED.sub("…", _PLACE.sub("", warning)))
        groups.setdefault(kind, []).append(warning)
    return sorted(groups.items(), key=lambda item: -len(item[1]))


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
