"""What the line-tagged importers (RIS, MEDLINE, EndNote tagged, Web of Science) share.

Each of those formats is a sequence of records made of ``(tag, value)`` lines; they differ only
in how a tag line looks, how a record ends and what each tag means. So each importer module
does two things of its own, splitting text into :class:`RawRecord` objects and mapping a raw
record's fields onto a :class:`FieldCollector`, and this module does the rest in one place:
building the :class:`~realistsynth.model.Record` with its :class:`~realistsynth.model.Provenance`,
strict versus lenient handling of broken records, and the
:class:`~realistsynth.protocols.ImportReport`.

:class:`FieldCollector` is where the "nothing is dropped" rule lives: a value offered for a
single-valued field that is already filled is kept in ``extra`` under the tag it came from, and
every tag no mapping knows is kept in ``extra`` verbatim.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, AnyStr

import attrs

from realistsynth.errors import ParseError
from realistsynth.import_support import ProgressMeter
from realistsynth.importing import decode
from realistsynth.model.common import ID_PATTERN, PartialDate
from realistsynth.model.records import Name, Provenance, Record, _trusted_record
from realistsynth.normalise import MONTHS, parse_date, split_name
from realistsynth.protocols import ImportContext, ImportReport, ImportResult, SkippedRecord

__all__ = [
    "FieldCollector",
    "Memo",
    "RawRecord",
    "RecordGrouper",
    "TaggedImporter",
    "add_serial_number",
    "build_result",
    "date_is_plain",
    "iter_lines",
    "line_blocks",
    "merge_date",
]


class RawRecord:
    """One record as split from the text: its tags and values in file order (two parallel
    lists, the start tag first), and where it starts.

    ``problem`` is set when the splitter already knows the record is broken (tags outside a
    record ...); such a record is skipped (lenient) or raised (strict) without being mapped.
    ``trailer`` marks tag lines that follow the previous record's end (Ovid writes some after
    ``ER``): they are kept verbatim in that record's ``extra``, see :func:`build_result`.
    """

    __slots__ = ("index", "line", "problem", "problem_line", "tags", "trailer", "values")

    def __init__(
        self,
        index: int,
        line: int,
        tags: list[str],
        values: list[str],
        problem: str | None = None,
        problem_line: int | None = None,
        *,
        trailer: bool = False,
    ) -> None:
        self.index = index
        self.line = line
        self.tags = tags
        self.values = values
        self.problem = problem
        self.problem_line = problem_line
        self.trailer = trailer

    @property
    def fields(self) -> list[tuple[str, str]]:
        """The ``(tag, value)`` pairs, in file order."""
        return list(zip(self.tags, self.values, strict=True))


class RecordGrouper:
    """Groups a tagged file's lines into :class:`RawRecord` objects: a record begins at its
    format's start tag (``PMID``, ``%0``, ``PT``) and runs to the next one (or an ``ER``).

    The format's splitter reads the lines and decides what each one is; this owns only the
    grouping, so the rule "tag lines before the first record are one broken record" is the
    same in every format. The splitter appends to :attr:`tags` / :attr:`values` itself (the
    per-line hot path stays two list appends); :meth:`begin`, :meth:`end` and :meth:`finish`
    yield the records that close.
    """

    __slots__ = ("_orphan_problem", "index", "orphan_line", "start", "tags", "values")

    def __init__(self, orphan_problem: str) -> None:
        self._orphan_problem = orphan_problem
        self.tags: list[str] = []
        self.values: list[str] = []
        #: the line the open record starts on (0: no record open)
        self.start = 0
        self.orphan_line = 0
        self.index = 0

    def _closed(self) -> RawRecord:
        # the lists are handed over whole: begin() starts new ones
        record = RawRecord(self.index, self.start, self.tags, self.values)
        self.tags = []
        self.values = []
        self.index += 1
        self.start = 0
        return record

    def _orphans(self) -> RawRecord:
        record = RawRecord(self.index, self.orphan_line, [], [], problem=self._orphan_problem)
        self.index += 1
        self.orphan_line = 0
        return record

    def begin(self, line: int, tag: str, value: str) -> Iterator[RawRecord]:
        """A start tag at ``line``: close what was open, open a new record."""
        yield from self.end()
        self.start = line
        self.tags = [tag]
        self.values = [value]

    def end(self) -> Iterator[RawRecord]:
        """An end of record (``ER``): close the open record, or the orphaned tag lines."""
        if self.start:
            yield self._closed()
        elif self.orphan_line:
            yield self._orphans()

    def stray(self, line: int) -> None:
        """A tag line outside any record: remembered (once) as the start of orphaned lines."""
        if not self.orphan_line:
            self.orphan_line = line

    finish = end


class Memo:
    """Names and dates already parsed in this file: the same author or date text recurs
    thousands of times in a large export, and the results are immutable, so each distinct
    text is parsed once per file."""

    __slots__ = ("dates", "names")

    def __init__(self) -> None:
        self.names: dict[str, Name | None] = {}
        #: date text -> (parsed date, whether the text says no more than the date)
        self.dates: dict[str, tuple[PartialDate | None, bool]] = {}


class FieldCollector:
    """The fields of one record being built, and the ``extra`` values kept beside them."""

    __slots__ = ("authors", "editors", "extra", "fields", "isbn", "issn", "keywords", "memo")

    def __init__(self, memo: Memo | None = None) -> None:
        self.memo = memo if memo is not None else Memo()
        self.fields: dict[str, Any] = {}
        self.extra: dict[str, list[str]] = {}
        self.authors: list[Name] = []
        self.editors: list[Name] = []
        self.keywords: list[str] = []
        self.issn: list[str] = []
        self.isbn: list[str] = []

    def set(self, name: str, value: Any, tag: str, raw: str | None = None) -> None:
        """Fill the single-valued field ``name``; if it is already filled with something else,
        keep ``raw`` (or ``value``) in ``extra`` under ``tag`` instead of losing it."""
        current = self.fields.get(name)
        if current is None:
            self.fields[name] = value
        elif current != value:
            self.keep(tag, raw if raw is not None else str(value))

    def date(self, text: str) -> tuple[PartialDate | None, bool]:
        """:func:`~realistsynth.normalise.parse_date` and :func:`date_is_plain`, remembered
        per file."""
        dates = self.memo.dates
        try:
            return dates[text]
        except KeyError:
            result = dates[text] = (parse_date(text), date_is_plain(text))
            return result

    def person(self, tag: str, value: str, into: list[Name]) -> None:
        """Append the name in ``value`` to ``into`` (:func:`~realistsynth.normalise.split_name`,
        remembered per file), or keep ``value`` in ``extra`` if it holds no name."""
        names = self.memo.names
        if value in names:
            person = names[value]
        else:
            person = names[value] = split_name(value)
        if person is None:
            self.keep(tag, value)
        else:
            into.append(person)

    def keep(self, tag: str, value: str) -> None:
        """Keep a value in ``extra`` under its original tag (repeated tags add values)."""
        values = self.extra.get(tag)
        if values is None:
            self.extra[tag] = [value]
        else:
            values.append(value)

    def record(self, record_id: str, provenance: Provenance) -> Record:
        """The finished record. Built without re-validating what the collector holds
        (:func:`~realistsynth.model.records._trusted_record`): its values are normalised
        already, and ``record_id`` must be a valid id (:func:`build_result` checks its
        prefix once per file)."""
        return _trusted_record(
            record_id,
            (provenance,),
            self.fields,
            self.authors,
            self.editors,
            self.keywords,
            self.issn,
            self.isbn,
            self.extra,
        )


_ISBN_LENGTHS = frozenset({10, 13})
_NOT_DIGIT = re.compile(r"[^0-9Xx]")


def add_serial_number(collector: FieldCollector, value: str, bookish: bool) -> None:
    """File a number from a field that holds ISSNs and ISBNs alike (RIS ``SN``, EndNote
    ``%@``) by its digits: 8 is an ISSN, 10 or 13 an ISBN, and any other count an ISBN
    for a book-like record, else an ISSN."""
    digits = len(_NOT_DIGIT.sub("", value))
    if digits == 8 or (digits not in _ISBN_LENGTHS and not bookish):
        collector.issn.append(value)
    else:
        collector.isbn.append(value)


def iter_lines(text: str, block_chars: int = 1 << 20) -> Iterator[str]:
    """The lines of ``text``, as ``text.split("\\n")`` gives them, but split a block at a
    time, so that a large file never has all its lines in memory at once.

    >>> list(iter_lines("a\\nb\\n\\nc", block_chars=1)) == "a\\nb\\n\\nc".split("\\n")
    True
    """
    for block in line_blocks(text, "\n", 0, block_chars):
        yield from block.split("\n")


def line_blocks(
    text: AnyStr, newline: AnyStr, start: int = 0, block_chars: int = 1 << 20
) -> Iterator[AnyStr]:
    """``text`` from ``start`` in pieces of at least ``block_chars`` cut at a ``newline``
    (which no piece keeps): the lines of the pieces, in order, are the lines of the text.

    >>> list(line_blocks(b"ab\\ncd\\ne", b"\\n", 0, 1))
    [b'ab', b'cd', b'e']
    """
    while True:
        cut = text.find(newline, start + block_chars)
        if cut < 0:
            yield text[start:]
            return
        yield text[start:cut]
        start = cut + 1


_DATE_NOISE = re.compile(r"[\d\s/\-.,]+")


def date_is_plain(text: str) -> bool:
    """Whether a date's text says nothing beyond what :func:`parse_date` keeps (no seasons,
    no free text), so that dropping the text after parsing loses nothing.

    >>> date_is_plain("2020/05//"), date_is_plain("2019 Dec 3"), date_is_plain("2020 Spring")
    (True, True, False)
    >>> date_is_plain("2020 Jan-Feb")
    False
    """
    words = _DATE_NOISE.sub(" ", text).split()
    return len(words) <= 1 and all(w.lower().rstrip(".") in MONTHS for w in words)


def _precision(date: PartialDate) -> int:
    return 1 + (date.month is not None) + (date.day is not None)


def _agrees(a: PartialDate, b: PartialDate) -> bool:
    """Whether one date is the other made more precise (2020 and 2020-05 agree)."""
    return a.year == b.year and (
        a.month is None
        or b.month is None
        or (a.month == b.month and (a.day is None or b.day is None or a.day == b.day))
    )


def merge_date(collector: FieldCollector, tag: str, text: str) -> None:
    """Offer a date's text for ``issued``: the first date sets it; a later one that agrees
    with it and is more precise refines it; anything ``issued`` does not fully capture
    (another date, a season, free text) is kept in ``extra`` under ``tag``."""
    parsed, plain = collector.date(text)
    if parsed is None:
        collector.keep(tag, text)
        return
    current: PartialDate | None = collector.fields.get("issued")
    captured = True
    if current is None:
        collector.fields["issued"] = parsed
    elif _agrees(current, parsed):
        if _precision(parsed) > _precision(current):
            collector.fields["issued"] = parsed
    else:
        captured = False
    if not captured or not plain:
        collector.keep(tag, text)


Mapper = Callable[[RawRecord, FieldCollector], str | None]
Splitter = Callable[[str, list[str]], Iterable[RawRecord]]
#: ``(data, start, warnings)``: split UTF-8 bytes with ``\n`` line ends from byte ``start``
Utf8Splitter = Callable[[bytes, int, list[str]], Iterable[RawRecord]]


@attrs.frozen
class TaggedImporter:
    """An importer of one tagged format (RIS, MEDLINE, EndNote tagged, Web of Science): its
    names, how it recognises its content, and its splitter and mapper; reading is
    :func:`build_result`, the same for all of them. ``split_utf8``, if given, splits UTF-8
    bytes directly (see :func:`build_result`)."""

    name: str
    title: str
    sniffer: Callable[[bytes], int]
    split: Splitter
    mapper: Mapper
    empty_message: str
    split_utf8: Utf8Splitter | None = None

    def sniff(self, head: bytes) -> int:
        """How sure (0-100) the importer is that ``head`` starts a file of its format."""
        return self.sniffer(head)

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Read every record of ``data``."""
        return build_result(
            data,
            context,
            self.name,
            self.split,
            self.mapper,
            empty_message=self.empty_message,
            split_utf8=self.split_utf8,
        )


_OTHER_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def build_result(
    data: bytes,
    context: ImportContext,
    format_name: str,
    split: Splitter,
    mapper: Mapper,
    *,
    empty_message: str,
    split_utf8: Utf8Splitter | None = None,
) -> ImportResult:
    """Decode ``data``, split it with ``split``, map each raw record with ``mapper`` and
    return the records and the report.

    ``split(text, warnings)`` yields raw records and appends file-level warnings; ``mapper``
    fills a collector and returns the source's own record id. A raw record with a
    ``problem``, or one whose mapping fails validation, is broken: strict mode raises one
    :class:`~realistsynth.errors.ParseError`, lenient mode skips and lists it.

    With ``split_utf8``, a file without ``\\r`` and without a UTF-16/32 byte-order mark is
    first read as UTF-8 by ``split_utf8``, which decodes as it goes; if it meets bytes that
    are not UTF-8, the file is read again the ordinary way (:func:`~realistsynth.importing.
    decode` and ``split``), so the result is the same either way.

    :raises ParseError: (both modes) when the text holds something but not one record.
    """
    # the import allocates millions of small objects without reference cycles; the cyclic
    # garbage collector's repeated passes over them cost about a third of the time
    collecting = gc.isenabled()
    gc.disable()
    # lines, counted only for a listener (CR alone ends lines in old Mac exports)
    lines = max(data.count(b"\n"), data.count(b"\r")) + 1 if context.progress else 1
    meter = ProgressMeter(context, lines)
    try:
        if split_utf8 is not None and b"\r" not in data and not data.startswith(_OTHER_BOMS):
            bom = data.startswith(codecs.BOM_UTF8)
            warnings: list[str] = []
            try:
                return _build(
                    split_utf8(data, 3 if bom else 0, warnings),
                    lambda: data.decode("utf-8-sig"),
                    "utf-8 (BOM)" if bom else "utf-8",
                    warnings,
                    context,
                    format_name,
                    mapper,
                    empty_message,
                    meter,
                )
            except UnicodeDecodeError:
                pass  # read again below, with decode()'s fallbacks and warnings
        decoded = decode(data, file_name=context.file_name)
        warnings = list(decoded.warnings)
        return _build(
            split(decoded.text, warnings),
            lambda: decoded.text,
            decoded.encoding,
            warnings,
            context,
            format_name,
            mapper,
            empty_message,
            ProgressMeter(context, lines),  # from the start again
        )
    finally:
        if collecting:
            gc.enable()


def _build(
    raws: Iterable[RawRecord],
    text: Callable[[], str],
    encoding: str,
    warnings: list[str],
    context: ImportContext,
    format_name: str,
    mapper: Mapper,
    empty_message: str,
    meter: ProgressMeter,
) -> ImportResult:
    """Map and build the records of ``raws`` (which appends to ``warnings`` as it goes);
    ``text()`` gives the decoded text, needed only when no record was found; ``meter`` is
    told the line each record starts at."""
    if not ID_PATTERN.match(f"{format_name}-{10**9}"):  # records are built trusting the id
        raise ValueError(f"{format_name!r} cannot start a record id")
    memo = Memo()
    records: list[Record] = []
    skipped: list[SkippedRecord] = []
    make_provenance = _provenance_factory(context, format_name)
    saw_any = False
    previous_read = False  # the raw record before this one became a record
    trailers: list[int] = []  # lines of tag lines kept from after a record's end
    advance_to = meter.advance_to
    for raw in raws:
        saw_any = True
        advance_to(raw.line)
        if raw.trailer:
            if previous_read:
                records[-1] = _with_trailer(records[-1], raw.fields)
                trailers.append(raw.line)
                continue
            raw.problem = "tag lines after the end of a record that could not be read"
        previous_read = False
        problem = raw.problem
        problem_line = raw.problem_line or raw.line
        if problem is None:
            collector = FieldCollector(memo)
            try:
                source_id = mapper(raw, collector)
                record = collector.record(
                    f"{format_name}-{raw.index + 1}", make_provenance(raw, source_id)
                )
            except (ValueError, TypeError) as exc:  # a field the model refuses
                problem = f"record cannot be built: {exc}"
            else:
                records.append(record)
                previous_read = True
                continue
        if context.strict:
            raise ParseError(
                f"record {raw.index + 1}: {problem}", file=context.file_name, line=problem_line
            )
        skipped.append(SkippedRecord(raw.index, problem_line, problem))
    if not records and (skipped or text().strip()):
        # nothing but text or tag lines outside records: not this format at all
        raise ParseError(empty_message, file=context.file_name, line=1)
    if not saw_any:
        warnings.append("the file holds no records")
    if trailers:
        warnings.append(
            f"{len(trailers)} record(s) followed by tag lines after their end (first at line "
            f"{trailers[0]}): kept in the extra of the record before them"
        )
    report = ImportReport(
        file=context.file_name,
        format=format_name,
        encoding=encoding,
        records_read=len(records),
        skipped=skipped,
        warnings=warnings,
    )
    return ImportResult(records, report)


def _with_trailer(record: Record, fields: list[tuple[str, str]]) -> Record:
    """``record`` with the trailer's tag lines added to its ``extra`` under their tags."""
    extra: dict[str, tuple[str, ...]] = dict(record.extra)
    for tag, value in fields:
        extra[tag] = (*extra.get(tag, ()), value)
    return attrs.evolve(record, extra=extra)


def _provenance_factory(
    context: ImportContext, format_name: str
) -> Callable[[RawRecord, str | None], Provenance]:
    file, sha, source, run = (
        context.file_name,
        context.sha256,
        context.source_id,
        context.search_run_id,
    )

    def make(raw: RawRecord, source_record_id: str | None) -> Provenance:
        return Provenance(
            file=file,
            sha256=sha,
            index=raw.index,
            line=raw.line,
            format=format_name,
            source_id=source,
            search_run_id=run,
            source_record_id=source_record_id,
        )

    return make
