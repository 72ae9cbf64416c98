"""The RIS importer: every dialect seen in the wild, read without losing a field.

RIS is one tag line per field (``TI  - A title``), records from ``TY`` to ``ER``. Exporters
differ in the details, and all of these are read:

* Ovid puts record-number lines (``1.``, ``<1>``) before ``TY`` and uses ``A1``/``T1``/``N2``/
  ``Y1``; JSTOR, APA and others start with ``Provider:``/``Database:``/``Content:`` header
  lines; both are outside records and ignored silently. Ovid also writes ``NL`` and link
  lines after ``ER``: tag lines between an ``ER`` and the next ``TY`` go to the ``extra`` of
  the record before them (:class:`_Trailer`), not into a broken record.
* EBSCOhost/CINAHL names the journal in ``JF``/``JO`` and dates as ``Y1  - 2020/05//``;
  Scopus writes several ``N1`` export notes; Embase adds ``U2``, ``LK``; Zotero and Rayyan
  write untagged continuation lines for multi-paragraph abstracts.
* A missing final ``ER``, a ``TY`` with no ``ER`` before it, blank lines inside a record,
  repeated tags, lower-case tag lines and a single space before the hyphen are accepted (each
  with a warning where data might be misread).

Mapping (the full table is in ``docs/importing.md``): ``TY`` to a CSL type (:data:`RIS_TYPES`;
a ``TY`` that is not the canonical code of its CSL type is kept in ``extra["TY"]``, so writing
the record back gives the same code); authors ``AU``/``A1``, editors ``A2``/``ED``; title
``TI``/``T1`` (``BT`` for books); container ``T2``/``JF``/``JO`` and its abbreviation
``JA``/``J1``/``J2``; dates ``PY``/``Y1``/``DA``; pages ``SP``-``EP``; ``AB``/``N2``; the
first ``N1`` is the note; ``SN`` is an ISSN or ISBN by its digits; ``AN`` with a PubMed/MEDLINE
``DB``/``DP`` is the PMID; ``PMC...`` in a ``C1``-``C8`` tag is the PMCID. A second value for a
single-valued field, and every other tag, goes to ``extra`` under its own tag: nothing is
dropped. Continuation lines join the previous value with a newline, or with a space when the
continuation line is indented (hard-wrapped text); under ``KW`` each line is a keyword of its
own (EndNote and Rayyan write one ``KW`` tag and a keyword on each line after it).

Why our own parser: rispy 0.10 (the usual choice) loses data silently (a UTF-8 BOM drops the
first record, a missing final ``ER`` drops the last, a repeated ``TI`` is discarded, a
lower-case tag line becomes an extra author; ``benchmarks/fidelity_peers.py`` shows each),
and it gives plain dicts with no line numbers for provenance or errors. Our parser is for
fidelity first; for speed it runs as much of the work in C as it can, with one path and one
definition of each tag (:data:`_ROLES`, :func:`_map`). A UTF-8 file is decoded a 1 MB block
at a time (:func:`_split_utf8`); a block is split with one ``re.split`` into a tag and a
value per line (:func:`_line_starts`), which also takes, under no tag, every line the
line-by-line reader may read as a tag line of its own; so the newlines left inside values
are continuation lines, which are joined as they stand unless ``str.strip``, mapped over
their lines in C, finds a space to drop (:func:`_joined`); records are cut at the ``ER``
tags with ``list.index`` (:func:`_clean_block`). What a block holds besides clean records
(Ovid's record numbers and trailers, a missing ``ER``, loose or lower-case tags) is cut into
records first (:func:`_chunks`), and only the lines that need it go through the line-by-line
:func:`_scan`, which gives the same records (property tests read generated files, any line
inside a record, and the real exports both ways).

Speed, measured as users import (``benchmarks/bench_ris_real.py``: the 17 real RIS exports
the tests fetch, each file read on its own, beside ``rispy.load`` in the same run, CPU time,
collector on): 0.84x-1.01x rispy summed over the files, and per file, by the median of
back-to-back runs, 0.5x (files of one to six records) to 1.5x (Scopus' six-record sample),
0.75x-0.80x at the median; the issue's target of 1.5x is not met. rispy builds plain dicts;
we parse every distinct name and date, normalise DOIs, pages and serial numbers, hash the
file and build validated records with provenance. On the largest export (Scopus, 836
records with cited references, 2.9 MB, 18,796 tag lines, 1,664 distinct author names),
``bench_ris_real.py --phases`` times the steps on their own: SHA-256 1.6-1.7 ms, decoding
and the split 15-24 ms (decoding alone 4.5-5.3), mapping 12-15 ms, building the records
6-6.5 ms: 37-47 ms, where 1.5x rispy would be 25-36 ms in the same runs. Compiling this
module and :mod:`~realistsynth.formats.normalise` with mypyc moves the per-file median only
from 0.79x to 0.90x-0.94x (``benchmarks/bench_ris_mypyc.py``). The learned record pattern of
earlier releases (a regular expression and a generated builder per record shape) was faster
only on uniform generated corpora and slower on every real export, and it restated each
tag's meaning as code templates: it is gone.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from itertools import compress, count, repeat
from operator import contains, is_
from typing import AnyStr, cast

from realistsynth.formats._tagged import (
    FieldCollector,
    RawRecord,
    TaggedImporter,
    add_serial_number,
    decode_lf,
    merge_date,
)
from realistsynth.formats.normalise import normalise_doi, normalise_pages, normalise_pmid
from realistsynth.hookspecs import hookimpl
from realistsynth.protocols import Importer

__all__ = [
    "CSL_TO_RIS",
    "RIS_IMPORTER",
    "RIS_TYPES",
    "realistsynth_register_importers",
]

#: RIS ``TY`` codes (RIS specification plus codes exporters use) to CSL item types.
RIS_TYPES: dict[str, str] = {
    "ABST": "article-journal",
    "ADVS": "broadcast",
    "AGGR": "dataset",
    "ANCIENT": "classic",
    "ART": "graphic",
    "BILL": "bill",
    "BLOG": "post-weblog",
    "BOOK": "book",
    "CASE": "legal_case",
    "CHAP": "chapter",
    "CHART": "graphic",
    "CLSWK": "classic",
    "COMP": "software",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "CTLG": "document",
    "DATA": "dataset",
    "DBASE": "dataset",
    "DICT": "entry-dictionary",
    "EBOOK": "book",
    "ECHAP": "chapter",
    "EDBOOK": "book",
    "EJOUR": "article-journal",
    "ELEC": "webpage",
    "ENCYC": "entry-encyclopedia",
    "EQUA": "document",
    "FIGURE": "figure",
    "GEN": "document",
    "GOVDOC": "report",
    "GRANT": "document",
    "HEAR": "hearing",
    "ICOMM": "personal_communication",
    "INPR": "article-journal",
    "JFULL": "periodical",
    "JOUR": "article-journal",
    "LEGAL": "regulation",
    "MANSCPT": "manuscript",
    "MAP": "map",
    "MGZN": "article-magazine",
    "MPCT": "motion_picture",
    "MULTI": "document",
    "MUSIC": "musical_score",
    "NEWS": "article-newspaper",
    "PAMP": "pamphlet",
    "PAT": "patent",
    "PCOMM": "personal_communication",
    "RPRT": "report",
    "SER": "periodical",
    "SLIDE": "graphic",
    "SOUND": "song",
    "STAND": "standard",
    "STAT": "legislation",
    "STD": "standard",
    "THES": "thesis",
    "UNBILL": "bill",
    "UNPB": "manuscript",
    "VIDEO": "motion_picture",
    "WEB": "webpage",
}

#: CSL types to the RIS code written for them (and read back as the same CSL type). CSL
#: types missing here (``article``, ``collection``, ``entry``, ``event``, ``interview``,
#: ``performance``, ``post``, ``review``, ``review-book``, ``speech``, ``treaty``) have no RIS
#: code: they are written as ``GEN`` and read back as ``document``.
CSL_TO_RIS: dict[str, str] = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "broadcast": "ADVS",
    "chapter": "CHAP",
    "classic": "CLSWK",
    "dataset": "DATA",
    "document": "GEN",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "figure": "FIGURE",
    "graphic": "ART",
    "hearing": "HEAR",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "musical_score": "MUSIC",
    "pamphlet": "PAMP",
    "paper-conference": "CPAPER",
    "patent": "PAT",
    "periodical": "JFULL",
    "personal_communication": "PCOMM",
    "post-weblog": "BLOG",
    "regulation": "LEGAL",
    "report": "RPRT",
    "software": "COMP",
    "song": "SOUND",
    "standard": "STAND",
    "thesis": "THES",
    "webpage": "ELEC",
}

_BOOKISH = frozenset({"book", "chapter", "entry-dictionary", "entry-encyclopedia", "classic"})

# tag -> the single-valued text field it fills
_TEXT_FIELDS: dict[str, str] = {
    "TI": "title",
    "T1": "title",
    "CT": "title",
    "T2": "container_title",
    "JF": "container_title",
    "JO": "container_title",
    "JA": "container_title_short",
    "J1": "container_title_short",
    "J2": "container_title_short",
    "VL": "volume",
    "VO": "volume",
    "IS": "issue",
    "PB": "publisher",
    "CY": "publisher_place",
    "PP": "publisher_place",
    "ET": "edition",
    "M1": "number",
    "LA": "language",
    "AB": "abstract",
    "N2": "abstract",
    "N1": "note",
    "UR": "url",
}


class _Role(enum.Enum):
    """What a tag that is not a plain text field fills; _map compares roles by identity (an
    Enum member is a singleton, as fast to compare as the strings were)."""

    AUTHOR = "author"
    EDITOR = "editor"
    KEYWORD = "keyword"
    DATE = "date"
    DOI = "doi"
    START_PAGE = "start page"
    END_PAGE = "end page"
    SERIAL = "issn or isbn"
    BOOK_TITLE = "book title"
    ACCESSION = "accession number"
    DATABASE = "database"
    PMC_NOTE = "custom field, maybe a PMCID"
    RECORD_ID = "record id"


_AUTHOR = _Role.AUTHOR
_EDITOR = _Role.EDITOR
_KEYWORD = _Role.KEYWORD
_DATE = _Role.DATE
_DOI = _Role.DOI
_START_PAGE = _Role.START_PAGE
_END_PAGE = _Role.END_PAGE
_SERIAL = _Role.SERIAL
_BOOK_TITLE = _Role.BOOK_TITLE
_ACCESSION = _Role.ACCESSION
_DATABASE = _Role.DATABASE
_PMC_NOTE = _Role.PMC_NOTE
_RECORD_ID = _Role.RECORD_ID

#: tag -> the text field it fills (:data:`_TEXT_FIELDS`) or one of the roles above; any
#: other tag is kept in ``extra``
_ROLES: dict[str, str | _Role] = {
    **_TEXT_FIELDS,
    "AU": _AUTHOR,
    "A1": _AUTHOR,
    "A2": _EDITOR,
    "ED": _EDITOR,
    "KW": _KEYWORD,
    "PY": _DATE,
    "Y1": _DATE,
    "DA": _DATE,
    "DO": _DOI,
    "SP": _START_PAGE,
    "EP": _END_PAGE,
    "SN": _SERIAL,
    "BT": _BOOK_TITLE,
    "AN": _ACCESSION,
    "DB": _DATABASE,
    "DP": _DATABASE,
    **dict.fromkeys(("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"), _PMC_NOTE),
    "ID": _RECORD_ID,
}
_PMC = re.compile(r"PMC\d+")
_PUBMED_DB = re.compile(r"pubmed|medline", re.IGNORECASE)
# a tag line the fast path (``XX  - value``) does not catch: one space before the hyphen,
# no space after it, or a lower-case tag (given with exactly two spaces, to stay unambiguous)
_LOOSE_TAG = re.compile(r"(?:([A-Z][A-Z0-9]) {1,2}-(?: (.*)|)|([a-z][a-z0-9])  - ?(.*))")
# the start of every line of a clean text, once "\n" is put before it: a newline and a tag
# (captured), or a newline before a blank line (captured as None), or before a line that
# _scan may read as a tag line of its own (strict, loose or lower-case, after BOMs; a superset
# of those rules, since such a line only sends its text to _scan), also captured as None;
# re.split gives ["", tag, value, tag, value, ...] with line k's tag at 2k + 1. A newline it
# does not take starts a continuation line: inside a value, and never tag-like.
_LINE_START = re.compile(r"\n(?:([A-Z][A-Z0-9])  - ?|(?=\n|\Z|\ufeff*\w\w {1,2}-))")
# a line that _scan may read as a TY line (strict, or lower-case after BOMs)
_TY_ISH = re.compile(r"(?m)^\ufeff*(?:TY|ty)")
_RECORD_NUMBER = re.compile(r"\s*(?:<\s*\d+\s*>|\d+\.?|Record \d+ of \d+)\s*")
_HEADER = re.compile(
    r"(?:(?:Provider|Database|Content|Source|Date|URL)\s*:|(?:FN|VR) |EF$)", re.IGNORECASE
)


class _Scan:
    """State of the split that carries over from one block and chunk to the next."""

    __slots__ = ("index", "lowercase_warned", "warnings")

    def __init__(self, warnings: list[str]) -> None:
        self.index = 0
        self.lowercase_warned = False
        self.warnings = warnings


#: Characters (or bytes) of text split and mapped at a time: big enough for ``re.split`` to
#: run long in C, small enough that the raw values of only one block are alive at once.
BLOCK_CHARS = 1 << 20


def _split(text: str, warnings: list[str]) -> Iterator[RawRecord]:
    """Split RIS text into raw records (see the module docstring for the dialects)."""
    return _split_blocks(_blocks(text, "\nER  -", "\n", 0), warnings)


def _split_utf8(data: bytes, start: int, warnings: list[str]) -> Iterator[RawRecord]:
    """:func:`_split` for a file of UTF-8 (from byte ``start``, after any BOM), decoded a
    block at a time, CR LF and CR line ends made LF in each (:func:`decode_lf`; a block ends
    after a LF, so never inside a CR LF): the whole text is never in memory, which for a
    large export spares hundreds of megabytes (2 bytes a character once one name needs it).

    :raises UnicodeDecodeError: when a block is not UTF-8 after all.
    """
    return _split_blocks(map(decode_lf, _blocks(data, b"\nER  -", b"\n", start)), warnings)


def _blocks(text: AnyStr, end_tag: AnyStr, newline: AnyStr, start: int) -> Iterator[AnyStr]:
    """``text`` from ``start`` in blocks of about :data:`BLOCK_CHARS` that end after an
    ``ER`` line (or at the end of the text)."""
    position = start
    size = len(text)
    while position < size:
        cut = text.find(end_tag, position + BLOCK_CHARS)
        if cut < 0:
            end = size
        else:
            line_end = text.find(newline, cut + 1)
            end = size if line_end < 0 else line_end + 1
        yield text[position:end]
        position = end


def _split_blocks(blocks: Iterable[str], warnings: list[str]) -> Iterator[RawRecord]:
    """The raw records of the RIS text that ``blocks`` make up, each block ending after an
    ``ER`` line (or at the end of the text).

    A block made only of clean records (a ``TY`` line, then only well-formed tag lines and
    blank lines, up to ``ER``), which is what most database exports are, is read with one
    ``re.split`` (:func:`_line_starts`, :func:`_clean_block`). Any other block is cut at its
    ``ER`` lines; each clean chunk is still read with one ``re.split``, and the others
    (continuation lines, headers, orphan tags, a missing ``ER`` ...) go through the
    line-by-line :func:`_scan`. All paths give the same result; the first ones only run more
    of the work in C.
    """
    scan = _Scan(warnings)
    line = 1
    for block in blocks:
        # only the last block can end without a newline; a block that starts with anything
        # but a TY line or a blank line (Ovid's record number "1.") is not clean
        clean = block.endswith("\n") and block.startswith(("TY  - ", "\n"))
        lines = _line_starts(block) if clean else None
        records = None if lines is None else _clean_block(lines, line, scan)
        if records is None or lines is None:
            yield from _chunks(block, line, scan)
            line += block.count("\n")
        else:
            yield from records
            tags, _, continued = lines
            # every newline starts a line of ``tags`` but those inside continued values
            line += len(tags) - 1 + sum(lines for _, lines in continued)


def _chunks(text: str, first: int, scan: _Scan) -> Iterator[RawRecord]:
    """The records of ``text`` (starting at line ``first``), cut at its ``ER`` lines."""
    # a leading newline makes every ER line, the first included, follow a "\n"
    pieces = ("\n" + text).split("\nER  -")
    final = len(pieces) - 1
    last = first - 2  # number of the last line consumed; the added empty line is first - 1
    for number, piece in enumerate(pieces):
        if number == 0:
            chunk, begin = piece, first - 1
        else:
            er_line = last + 1
            cut = piece.find("\n")  # the rest of the ER line
            if cut < 0:
                last = er_line
                continue
            chunk, begin = piece[cut + 1 :], er_line + 1
        last = begin + chunk.count("\n")
        body = chunk.lstrip("\n")
        if not body:
            continue
        start = begin + len(chunk) - len(body)
        ended = number != final
        # every chunk but the file's first follows an ER line (blocks end after one)
        after_end = number != 0 or first > 1
        if ended and not body.startswith("TY  - "):
            # Ovid's lines between records (a trailer after ER, a record number): read
            # line by line on their own, so that the record after them need not be
            cut = body.find("\nTY  - ")
            if cut > 0 and not _TY_ISH.search(body, 0, cut):
                head, body = body[:cut], body[cut + 1 :]
                yield from _scan(head.split("\n"), start, scan, ended=False, after_end=after_end)
                start += head.count("\n") + 1
                after_end = False
        if ended and body.startswith("TY  - ") and "\nTY  -" not in body:
            lines = _line_starts(body)
            if lines is not None:
                yield RawRecord(scan.index, start, *_drop_blank_lines(lines[0], lines[1]))
                scan.index += 1
                continue
        yield from _scan(body.split("\n"), start, scan, ended=ended, after_end=after_end)


#: What :func:`_line_starts` gives: the tag of each line (``None`` for a blank line), its
#: value (continuation lines joined), and ``(line, lines)`` for each value that took
#: continuation lines (the line's index, how many it took), for line numbers.
_Lines = tuple[list[str | None], list[str], list[tuple[int, int]]]


def _line_starts(text: str) -> _Lines | None:
    """A tag and a value for each tag line or blank line of ``text`` (a blank line's tag is
    ``None``), continuation lines joined to the value before them as :func:`_scan` joins
    them; ``None`` if some line is not read the same way here as there (a loose or
    lower-case tag, text before the first tag).

    One ``re.split`` with :data:`_LINE_START` gives ``["", tag, value, tag, value ...]``: each
    line start it matches takes one newline, so a newline inside a value is a continuation
    line, which :func:`_join_continuations` joins. A line that :func:`_scan` may read as a
    tag line is matched too, under a ``None`` tag like a blank line's, and found by its
    value: a blank line's is empty or starts with a newline.
    """
    parts = _LINE_START.split("\n" + text)
    if parts[0]:
        return None  # text before the first tag line
    tags: list[str | None] = parts[1::2]
    values = cast("list[str]", parts[2::2])  # the values are never None, only tags
    if None in tags and not all(map(_blank_value, compress(values, map(is_, tags, repeat(None))))):
        return None  # a line that _scan may read as a tag line (a None tag, not blank)
    continued = _join_continuations(tags, values)
    return None if continued is None else (tags, values, continued)


def _blank_value(value: str) -> bool:
    """Whether ``value``, under a ``None`` tag of :data:`_LINE_START`'s split, is a blank
    line's (empty, or continuation lines after it), not a tag-like line's."""
    return not value or value[0] == "\n"


def _join_continuations(tags: list[str | None], values: list[str]) -> list[tuple[int, int]] | None:
    """Join the continuation lines in ``values`` (the lines of :func:`_line_starts`) as
    :func:`_scan` joins them, and return ``(line, lines)`` for each value joined; ``None``
    (and ``values`` is left unusable) if one of them is not in a record.

    Continuation lines after a blank line (paragraphs of an abstract) belong, as in
    :func:`_scan`, to the value of the last tag line before the blank lines.
    """
    continued: list[tuple[int, int]] = []
    # the lines whose value holds a newline, found in C: most values do not
    for line in compress(count(), map(contains, values, repeat("\n"))):
        value = values[line]
        text, lines = _joined(value)
        owner = line
        while tags[owner] is None:  # a blank line's: the value before the blank lines
            owner -= 1
            if owner < 0:
                return None  # before the first tag line
        if tags[owner] == "ER":
            return None  # outside a record
        if owner == line:
            values[line] = text
        else:
            values[owner] += text
            values[line] = ""
        continued.append((line, lines))
    return continued


def _continuation(line: str, stripped: str) -> str:
    """What a continuation line (not blank; ``stripped`` is it stripped) adds to the value
    before it: the one rule of both paths. An indented line is hard-wrapped text, joined with
    a space; any other starts a new line of the value (a paragraph, a cited reference)."""
    return " " + stripped if line[0] in " \t" else "\n" + line.rstrip()


def _joined(value: str) -> tuple[str, int]:
    """A value and its continuation lines (one text, lines cut by ``"\\n"``) joined as
    :func:`_scan` joins them (a line starting with a space or tab with a space, stripped;
    any other with a newline, stripped at its end), and how many continuation lines it
    holds. (:data:`_LINE_START` leaves no blank line and no tag-like line in a value.)

    Most continued values (Scopus' cited references, hard-wrapped abstracts) have no
    whitespace at either end of a line, and then the joined value is the value as it
    stands: ``str.strip`` mapped over the lines in C decides it, not a loop over them.
    """
    lines = value.split("\n")
    # str.strip gives back the line itself when there is nothing to strip
    if all(map(is_, map(str.strip, lines), lines)):
        return value, len(lines) - 1
    out = [lines[0]]
    for line in lines[1:]:
        stripped = line.strip()
        if stripped:
            out.append(_continuation(line, stripped))
    return "".join(out), len(lines) - 1


def _drop_blank_lines(
    tags: list[str | None] | list[str], values: list[str]
) -> tuple[list[str], list[str]]:
    """The tags and values of the lines that are not blank."""
    kept = [i for i, tag in enumerate(tags) if tag is not None]
    # one cast per list, not per item: cast is a call at run time
    return cast("list[str]", [tags[i] for i in kept]), [values[i] for i in kept]


def _clean_block(lines: _Lines, first: int, scan: _Scan) -> list[RawRecord] | None:
    """The records of a block whose lines :func:`_line_starts` gave (the first is line
    ``first``) if it is made only of clean records from ``TY`` to ``ER`` and blank lines;
    ``None`` otherwise.

    Everything here runs in C but one short loop per record. Records are cut at the ``ER``
    tags with ``list.index``; exactly as many ``TY`` tags as records, each first in its
    record, prove that no record lacks its ``ER``. A record's tags and values are slices of
    the block's lists.
    """
    tags, values, continued = lines
    # continuation lines before each record: the line numbers' shift from the line index
    shifts = iter(continued)
    size = len(tags)
    shift_at, shift_lines = next(shifts, (size, 0))
    shift = 0
    records: list[RawRecord] = []
    index = scan.index
    position = 0
    blank = 0  # blank lines between records
    find = tags.index
    while position < size:
        tag = tags[position]
        if tag is None:
            blank += 1
            position += 1
            continue
        if tag != "TY":
            return None
        try:
            end = find("ER", position + 1)
        except ValueError:
            return None  # a record without its ER line
        if values[end]:
            return None  # text after ER: the line-by-line path ends the record there
        # a tag is None for a blank line, which the check below removes before the records
        # leave this function
        record_tags = cast("list[str]", tags[position:end])
        records.append(
            RawRecord(index, first + position + shift, record_tags, values[position:end])
        )
        while shift_at < end:
            shift += shift_lines
            shift_at, shift_lines = next(shifts, (size, 0))
        index += 1
        position = end + 1
    if tags.count("TY") != len(records):
        return None  # a TY inside a record (its ER is missing)
    if tags.count(None) != blank:  # some blank lines are inside records
        for raw in records:
            if None in cast("list[str | None]", raw.tags):
                raw.tags, raw.values = _drop_blank_lines(raw.tags, raw.values)
    scan.index = index
    return records


# Complexity (radon 38): the line-by-line reader of every RIS dialect (continuation lines,
# loose and lower-case tags, headers, orphan tags, trailers after ER) in one loop, so that each
# rule sees the same state; clean records never reach it (_clean_block).
def _scan(
    lines: list[str], first: int, scan: _Scan, *, ended: bool, after_end: bool = False
) -> Iterator[RawRecord]:
    """Read ``lines`` (starting at line ``first``) one by one; ``ended``: an ``ER`` line
    followed them; ``after_end``: an ``ER`` line came just before them.

    Tag lines right after an ``ER`` (Ovid writes ``NL`` and a "Link to the Ovid Full Text"
    line there) are a trailer of the record before, not a broken record of their own.
    """
    warnings = scan.warnings
    tags: list[str] = []
    values: list[str] = []
    start = 0  # line of the open record's TY; 0 when no record is open
    orphan_line = 0  # first line of tags seen outside any record
    trailer = _Trailer(after_end)
    lineno = first - 1
    for line in lines:
        lineno += 1
        tag = line[:2]
        if line[2:5] == "  -" and tag.isalnum() and tag.isupper():
            value = line[6:] if line[5:6] == " " else line[5:]
        else:
            stripped = line.strip()
            if not stripped:
                continue  # blank lines never end a record
            match = _LOOSE_TAG.fullmatch(line.lstrip("\ufeff").rstrip())
            if match is None:
                if start:
                    values[-1] += _continuation(line, stripped)
                elif orphan_line:
                    pass  # text after orphan tags belongs to the broken chunk
                elif _RECORD_NUMBER.fullmatch(line) or _HEADER.match(stripped):
                    pass
                elif trailer.values:
                    trailer.values[-1] += "\n" + line.rstrip()
                else:
                    warnings.append(f"line {lineno}: text outside any record ignored")
                continue
            if match.group(1):
                tag, value = match.group(1), match.group(2) or ""
            else:
                tag, value = match.group(3).upper(), match.group(4) or ""
                if not scan.lowercase_warned:
                    warnings.append(
                        f"line {lineno}: lower-case tag {match.group(3)!r} read as {tag!r}"
                    )
                    scan.lowercase_warned = True
        if trailer.values and tag == "TY":
            yield trailer.record(scan.index)
        elif trailer.values and tag == "ER":  # a record that lacks its TY line
            orphan_line = orphan_line or trailer.close()
        if tag == "TY":
            if start:
                warnings.append(f"record at line {start} has no ER; it ends at line {lineno - 1}")
                yield RawRecord(scan.index, start, tags, values)
                scan.index += 1
            elif orphan_line:
                yield _orphans(scan.index, orphan_line)
                scan.index += 1
                orphan_line = 0
            start = lineno
            tags = ["TY"]
            values = [value]
        elif tag == "ER":
            if start:
                yield RawRecord(scan.index, start, tags, values)
                scan.index += 1
                start = 0
                trailer.open = True
            elif orphan_line:
                yield _orphans(scan.index, orphan_line)
                scan.index += 1
                orphan_line = 0
        elif start:
            tags.append(tag)
            values.append(value)
        elif trailer.open and not orphan_line:
            trailer.add(lineno, tag, value)
        elif not orphan_line:
            orphan_line = lineno
    if trailer.values:
        if ended:  # an ER follows: a record that lacks its TY line
            orphan_line = orphan_line or trailer.close()
        else:
            yield trailer.record(scan.index)
    if start:
        if not ended:
            warnings.append(f"the last record (line {start}) has no ER")
        yield RawRecord(scan.index, start, tags, values)
        scan.index += 1
    elif orphan_line:
        yield _orphans(scan.index, orphan_line)
        scan.index += 1


class _Trailer:
    """Tag lines between an ``ER`` and the next ``TY``: they belong to the record before."""

    __slots__ = ("line", "open", "tags", "values")

    def __init__(self, open: bool) -> None:
        self.open = open  # an ER came just before, and no TY or stray tag since
        self.line = 0
        self.tags: list[str] = []
        self.values: list[str] = []

    def add(self, line: int, tag: str, value: str) -> None:
        self.line = self.line or line
        self.tags.append(tag)
        self.values.append(value)

    def record(self, index: int) -> RawRecord:
        """The trailer as a raw record for the record before (``index - 1``); then closed."""
        record = RawRecord(index - 1, self.line, self.tags, self.values, trailer=True)
        self.close()
        return record

    def close(self) -> int:
        """Forget the tag lines (they are not a trailer after all); return their first line."""
        line = self.line
        self.open = False
        self.line = 0
        self.tags, self.values = [], []
        return line


def _orphans(index: int, line: int) -> RawRecord:
    return RawRecord(
        index, line, [], [], problem="tag lines outside a record (no 'TY  - ' line before them)"
    )


# Complexity (radon 47): one branch per tag role of the format, a table of its meaning read
# top to bottom; split up, it would hand the collector and a dozen locals between functions
# on the per-field hot path.
def _map(raw: RawRecord, collector: FieldCollector) -> str | None:
    """Fill ``collector`` from one RIS record; return the source's record id.

    One look-up in :data:`_ROLES` says what a tag fills; the roles are compared by
    identity, the most frequent first (on the real exports: other tags, text fields,
    names, keywords, dates), and the name memo and ``extra`` are used inline: this loop
    runs for every field of a file.
    """
    fields = collector.fields
    values = raw.values
    ty_text = values[0].strip() if values else ""
    ty = ty_text.upper()
    csl = RIS_TYPES.get(ty, "document")
    fields["type"] = csl
    if ty and CSL_TO_RIS.get(csl) != ty:
        collector.keep("TY", ty_text)
    bookish = csl in _BOOKISH
    start_page: str | None = None
    end_page: str | None = None
    accession: str | None = None
    record_id: str | None = None
    database = False
    roles = _ROLES
    names = collector.memo.names
    authors = collector.authors
    keywords = collector.keywords
    extra = collector.extra
    pairs = zip(raw.tags, values, strict=True)
    next(pairs, None)  # the TY
    for tag, raw_value in pairs:
        value = raw_value.strip()
        if not value:
            continue
        role = roles.get(tag)
        if role is None:  # kept under its tag (FieldCollector.keep, inline)
            kept = extra.get(tag)
            if kept is None:
                extra[tag] = [value]
            else:
                kept.append(value)
        elif role.__class__ is str:  # a text field (FieldCollector.set, inline)
            current = fields.get(role)
            if current is None:
                fields[role] = value
            elif current != value:  # a second value (Ovid repeats M1): kept under its tag
                kept = extra.get(tag)
                if kept is None:
                    extra[tag] = [value]
                else:
                    kept.append(value)
        elif role is _AUTHOR or role is _EDITOR:
            person = names[value]  # parsed on first sight (the memo's __missing__)
            if person is None:
                collector.keep(tag, value)
            else:
                (authors if role is _AUTHOR else collector.editors).append(person)
        elif role is _KEYWORD:
            if "\n" in value:  # EndNote, Rayyan: one KW tag, a keyword on each line after it
                keywords.extend(line for line in map(str.strip, value.split("\n")) if line)
            else:
                keywords.append(value)
        elif role is _DATE:
            merge_date(collector, tag, value)
        elif role is _DOI:
            doi = normalise_doi(value)
            if doi is None:
                collector.keep(tag, value)
            elif "doi" in fields:
                collector.set("doi", doi, tag, value)
            else:
                fields["doi"] = doi
        elif role is _DATABASE:
            if not database and _PUBMED_DB.search(value):
                database = True
            collector.keep(tag, value)
        elif role is _PMC_NOTE:
            if fields.get("pmcid") is None and _PMC.fullmatch(value):
                fields["pmcid"] = value
            else:
                collector.keep(tag, value)
        elif role is _START_PAGE:
            if start_page is None:
                start_page = value
            else:
                collector.keep(tag, value)
        elif role is _END_PAGE:
            if end_page is None:
                end_page = value
            else:
                collector.keep(tag, value)
        elif role is _SERIAL:
            add_serial_number(collector, value, bookish)
        elif role is _BOOK_TITLE:
            collector.set("title" if bookish else "container_title", value, tag)
        elif role is _ACCESSION:
            if accession is None:
                accession = value
            else:
                collector.keep(tag, value)
        else:  # _RECORD_ID
            if record_id is None:
                record_id = value
            collector.keep(tag, value)
    if start_page is not None:
        fields["pages"] = _pages(start_page, end_page)
    elif end_page is not None:
        collector.keep("EP", end_page)
    if accession is not None:
        pmid = normalise_pmid(accession) if database and accession.isdigit() else None
        if pmid is not None:
            fields["pmid"] = pmid
        else:
            collector.keep("AN", accession)
    return accession or record_id


def _pages(start: str, end: str | None) -> str | None:
    """The page range of ``SP`` and ``EP``, as
    :func:`~realistsynth.formats.normalise.normalise_pages`
    gives it. An end page shorter than its start page is MEDLINE's abbreviation (Ovid passes
    it through: SP 512, EP 30), never a range of its own. Plain numbers, with the end page
    no shorter, are a range already."""
    if end is None:
        return start if start.isdecimal() else normalise_pages(start, expand_abbreviated=True)
    if start.isdecimal() and end.isdecimal() and len(end) >= len(start):
        return f"{start}-{end}"
    return normalise_pages(f"{start}-{end}", expand_abbreviated=True)


def _sniff(head: bytes) -> int:
    """90 when a line starts with ``TY  -``, 60 when one starts ``TY -`` (one space), else 0."""
    if head.startswith(b"TY  -") or b"\nTY  -" in head or b"\rTY  -" in head:
        return 90
    if re.search(rb"(?m)^TY {1,2}- ?[A-Z]", head):
        return 60
    return 0


#: Reads RIS files (``.ris``, ``.txt``) from any exporter.
RIS_IMPORTER = TaggedImporter(
    name="ris",
    title="RIS",
    sniffer=_sniff,
    split=_split,
    mapper=_map,
    empty_message="no RIS record found (a record starts with a 'TY  - ' line)",
    split_utf8=_split_utf8,
    utf8_reads_cr=True,
)


@hookimpl
def realistsynth_register_importers() -> list[Importer]:
    """The RIS importer."""
    return [RIS_IMPORTER]
