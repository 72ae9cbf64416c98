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
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, AnyStr
from warnings import warn

import attrs

from realistsynth.errors import ParseError
from realistsynth.formats.import_support import ProgressMeter
from realistsynth.formats.normalise import MONTHS, parse_date, split_name
from realistsynth.importing import decode
from realistsynth.model.common import ID_PATTERN, PartialDate
from realistsynth.model.records import (
    Name,
    Provenance,
    Record,
    _trusted_record,
    _unchecked_provenance,
    _with_extra,
)
from realistsynth.protocols import ImportContext, ImportReport, ImportResult, SkippedRecord

__all__ = [
    "FieldCollector",
    "Memo",
    "RawRecord",
    "RecordFactory",
    "RecordGrouper",
    "TaggedImporter",
    "add_serial_number",
    "build_result",
    "date_is_plain",
    "decode_lf",
    "is_issn",
    "iter_lines",
    "line_blocks",
    "merge_date",
    "offer_date",
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


class _NameMemo(dict[str, Name | None]):
    """Name text -> :func:`~realistsynth.formats.normalise.split_name`'s result, parsed on first
    use."""

    __slots__ = ()

    def __missing__(self, text: str) -> Name | None:
        bare = text.rstrip()
        if bare.endswith(",") and bare.count(",") == 1 and bare[:-1].strip():
            # a trailing comma marks a corporate name (EndNote; our RIS writer)
            person: Name | None = Name(literal=" ".join(bare[:-1].split()))
        else:
            person = split_name(text)
        self[text] = person
        return person


class _DateMemo(dict[str, tuple[PartialDate | None, bool]]):
    """Date text -> (parsed date, whether the text says no more than the date), computed on
    first use (:func:`~realistsynth.formats.normalise.parse_date`, :func:`date_is_plain`)."""

    __slots__ = ()

    def __missing__(self, text: str) -> tuple[PartialDate | None, bool]:
        result = self[text] = (parse_date(text), date_is_plain(text))
        return result


class Memo:
    """Names and dates already parsed in this file: the same author or date text recurs
    thousands of times in a large export, and the results are immutable, so each distinct
    text is parsed once per file. Both are dicts that parse a missing key on look-up, so
    ``memo.names[text]`` is one look-up in C when the text was seen before."""

    __slots__ = ("dates", "names")

    def __init__(self) -> None:
        # typed as the memo classes, not as dicts: readers rely on their __missing__
        self.names = _NameMemo()
        #: date text -> (parsed date, whether the text says no more than the date)
        self.dates = _DateMemo()


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

    def person(self, tag: str, value: str, into: list[Name]) -> None:
        """Append the name in ``value`` to ``into``
        (:func:`~realistsynth.formats.normalise.split_name`,
        remembered per file), or keep ``value`` in ``extra`` if it holds no name."""
        person = self.memo.names[value]
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
    ``%@``) by its digits (:func:`is_issn`)."""
    (collector.issn if is_issn(value, bookish) else collector.isbn).append(value)


def is_issn(value: str, bookish: bool) -> bool:
    """Whether a number from a field of ISSNs and ISBNs alike is an ISSN: 8 digits are an
    ISSN, 10 or 13 an ISBN, and any other count an ISBN for a book-like record, else an
    ISSN."""
    digits = len(_NOT_DIGIT.sub("", value))
    return digits == 8 or (digits not in _ISBN_LENGTHS and not bookish)


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
    """Offer a date's text for ``issued`` (:func:`offer_date`); what ``issued`` does not
    fully capture is kept in ``extra`` under ``tag``."""
    issued, keep = offer_date(collector.fields.get("issued"), text, collector.memo.dates)
    if issued is not None:
        collector.fields["issued"] = issued
    if keep:
        collector.keep(tag, text)


def offer_date(
    current: PartialDate | None, text: str, dates: _DateMemo
) -> tuple[PartialDate | None, bool]:
    """``issued`` after a date's text is offered to it, and whether the text must also be
    kept in ``extra``: the first date sets ``issued``; a later one that agrees with it and
    is more precise refines it; anything ``issued`` does not fully capture (another date, a
    season, free text) is to be kept. ``dates``: a :class:`Memo`'s dates.
    """
    parsed, plain = dates[text]
    if parsed is None:
        return current, True
    if current is None:
        return parsed, not plain
    if _agrees(current, parsed):
        return (parsed if _precision(parsed) > _precision(current) else current), not plain
    return current, True


Mapper = Callable[[RawRecord, FieldCollector], str | None]
Splitter = Callable[[str, list[str]], Iterable[RawRecord]]
#: ``(data, start, warnings)``: split UTF-8 bytes with ``\n`` line ends from byte ``start``
Utf8Splitter = Callable[[bytes, int, list[str]], Iterable[RawRecord]]


class RecordFactory:
    """What building one file's records needs: the file's provenance values, the memo of
    parsed names and dates, and the progress meter, to be told the line each record starts
    at. :func:`build_result` builds the mapped records with it.
    """

    __slots__ = ("advance_to", "file", "format_name", "memo", "run", "sha256", "source")

    def __init__(
        self, context: ImportContext, format_name: str, memo: Memo, meter: ProgressMeter
    ) -> None:
        self.format_name = format_name
        self.memo = memo
        self.file = context.file_name
        self.sha256 = context.sha256
        self.source = context.source_id
        self.run = context.search_run_id
        self.advance_to = meter.advance_to

    def provenance(self, index: int, line: int, source_record_id: str | None) -> Provenance:
        """The provenance of the record at ``index`` (0-based) that starts on ``line``."""
        return _unchecked_provenance(
            self.file,
            self.sha256,
            index,
            line,
            self.format_name,
            self.source,
            self.run,
            source_record_id,
        )


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
    #: whether ``split_utf8`` takes CR LF and CR line ends itself (:func:`decode_lf`, per
    #: block); if not, they are made LF in a copy of the bytes first
    utf8_reads_cr: bool = False

    def sniff(self, head: bytes) -> int:
        """How sure (0-100) the importer is that ``head`` starts a file of its format."""
        return self.sniffer(head)

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Read every record of ``data``."""
        if "fast_path" in context.options:
            warn(
                "the 'fast_path' import option has no effect any more: the RIS "
                "importer has one path (the learned record pattern it switched off is gone)",
                DeprecationWarning,
                stacklevel=2,
            )
        return build_result(
            data,
            context,
            self.name,
            self.split,
            self.mapper,
            empty_message=self.empty_message,
            split_utf8=self.split_utf8,
            utf8_reads_cr=self.utf8_reads_cr,
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
    utf8_reads_cr: bool = False,
) -> ImportResult:
    """Decode ``data``, split it with ``split``, map each raw record with ``mapper`` and
    return the records and the report.

    ``split(text, warnings)`` yields raw records and appends file-level warnings; ``mapper``
    fills a collector and returns the source's own record id. A raw record with a
    ``problem``, or one whose mapping fails validation, is broken: strict mode raises one
    :class:`~realistsynth.errors.ParseError`, lenient mode skips and lists it.
    With ``split_utf8``, a file without a UTF-16/32 byte-order mark is first read as UTF-8
    by ``split_utf8``, which decodes as it goes (CR LF and CR line ends made LF in the bytes
    first: no UTF-8 sequence holds those bytes, so this is what :func:`~realistsynth.
    importing.decode` does to the text); if it meets bytes that are not UTF-8, the file is
    read again the ordinary way (``decode`` and ``split``), so the result is the same either
    way.

    :raises ParseError: (both modes) when the text holds something but not one record.
    """
    # lines, counted only for a listener (CR alone ends lines in old Mac exports)
    lines = max(data.count(b"\n"), data.count(b"\r")) + 1 if context.progress else 1
    if split_utf8 is not None and not data.startswith(_OTHER_BOMS):
        bom = data.startswith(codecs.BOM_UTF8)
        start = 3 if bom else 0
        warnings: list[str] = []
        factory = RecordFactory(context, format_name, Memo(), ProgressMeter(context, lines))
        # CR LF and CR line ends made LF as decode() makes them in the text: by the splitter,
        # a block at a time, or in a copy of the bytes; never in a copy of the whole decoded
        # text (up to four bytes a character) and of that text again, which for a large
        # Windows export was the import's peak of memory
        lf_data = data if utf8_reads_cr or b"\r" not in data else _lf_bytes(data)
        raws = split_utf8(lf_data, start, warnings)
        try:
            return _build(
                raws,
                lambda: data.decode("utf-8-sig"),
                "utf-8 (BOM)" if bom else "utf-8",
                warnings,
                context,
                mapper,
                empty_message,
                factory,
            )
        except UnicodeDecodeError:
            del lf_data, raws  # read again below, with decode()'s fallbacks and warnings
    decoded = decode(data, file_name=context.file_name)
    warnings = list(decoded.warnings)
    # read from the start again: a new progress meter (and memo)
    factory = RecordFactory(context, format_name, Memo(), ProgressMeter(context, lines))
    raws = split(decoded.text, warnings)
    return _build(
        raws,
        lambda: decoded.text,
        decoded.encoding,
        warnings,
        context,
        mapper,
        empty_message,
        factory,
    )


def _lf_bytes(data: bytes) -> bytes:
    """``data`` with CR LF and CR line ends made LF (no UTF-8 sequence holds those bytes)."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def decode_lf(block: bytes) -> str:
    """``block`` decoded from UTF-8, its CR LF and CR line ends made LF as
    :func:`~realistsynth.importing.decode` makes them, for a ``split_utf8`` that reads CR
    itself: the block must not end between a CR and its LF.

    :raises UnicodeDecodeError: when ``block`` is not UTF-8.
    """
    text = block.decode()
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _build(
    raws: Iterable[RawRecord],
    text: Callable[[], str],
    encoding: str,
    warnings: list[str],
    context: ImportContext,
    mapper: Mapper,
    empty_message: str,
    factory: RecordFactory,
) -> ImportResult:
    """Map and build the records of ``raws`` (which appends to ``warnings`` as it goes);
    ``text()`` gives the decoded text, needed only when no record was found; ``factory``
    gives the memo, the provenance, and the progress meter, told the line each record
    starts at."""
    format_name = factory.format_name
    if not ID_PATTERN.match(f"{format_name}-{10**9}"):  # records are built trusting the id
        raise ValueError(f"{format_name!r} cannot start a record id")
    records: list[Record] = []
    skipped: list[SkippedRecord] = []
    memo = factory.memo
    provenance = factory.provenance
    saw_any = False
    previous_read = False  # the raw record before this one became a record
    trailers: list[int] = []  # lines of tag lines kept from after a record's end
    advance_to = factory.advance_to
    append = records.append
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
                    f"{format_name}-{raw.index + 1}", provenance(raw.index, raw.line, source_id)
                )
            except (ValueError, TypeError) as exc:  # a field the model refuses
                problem = f"record cannot be built: {exc}"
            else:
                append(record)
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
    return _with_extra(record, extra)
