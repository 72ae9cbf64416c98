"""The RIS importer's fast path: one record pattern per file, learned from the file itself.

A database export writes its records with the same tags in the same order, give or take a
field, and the general path (:mod:`realistsynth.formats.ris_reader`: split every line into a tag and
a value, then look up each tag's role in :func:`~realistsynth.formats.ris_reader._map`) pays for
that
sameness again on every line. This module learns the order instead. From the tags of each
record the general path reads, it keeps one *shape*: a sequence of slots, one per tag, where a
tag repeated on consecutive lines (``AU``, ``KW``) is one slot that takes a run of lines,
merged over the records into the shortest sequence that holds each of them in order (a
shortest common supersequence, :func:`merge_shapes`). From the shape it compiles two things:

* a regular expression that matches one whole clean record (:func:`record_regex`): blank
  lines, then ``TY``, then each slot's lines, every slot optional, then ``ER``, capturing
  each slot's value, or each run's lines. Values must begin and end with a non-space
  character, so they come out stripped as ``_map`` strips them. The quantifiers are
  possessive: a record that does not fit fails in time linear in its length, and since
  each line goes to the first slot that can take it, which is the greedy way to match a
  subsequence, the pattern matches every record whose lines fit the shape at all;
* a Python function generated from the slots (:func:`record_builder`) that maps the
  captured values to the finished :class:`~realistsynth.model.Record` exactly as ``_map``
  and :func:`~realistsynth.formats._tagged.build_result` would: each tag's role is settled
  once, when the code is generated, instead of looked up on every line.

A record the pattern does not match (a new tag or order, a continuation line, a value with
spaces at its ends, a blank line inside, a missing ``ER`` ...) is read by the general path,
one record at a time (``ris._chunks``), and its tags extend the shape; so does the first
record of every file. A file whose records keep missing without teaching the shape anything
(spaces after a value in most records, say) stops trying the pattern after
:data:`GIVE_UP_AFTER` such misses, and its other blocks are read as ``ris`` reads them
(``ris._block_records``), at its speed. Both paths give equal records and reports:
``tests/importers/test_ris_pattern.py`` reads generated files both ways
(``options={"fast_path": False}`` turns this path off).

Only files of at least ``ris_reader.PATTERN_MIN_CHARS`` (1 MiB) are read this way: each
time the shape grows a builder is compiled (2-3 ms), which a file of a few hundred records
does not earn back. The builders' source is registered with :mod:`linecache` under the file
name it is compiled with, so tracebacks and pdb show the generated lines; the record is made
by keyword, so the builder does not depend on the order of ``Record``'s fields.

Why: on the benchmark corpus (100,000 records, ``benchmarks/bench_import.py``) the import
takes 2.05 CPU seconds with this path against 2.73 by the general path alone, and rispy 3.5-3.7
(1.73x against 1.34x in one run); on a real Scopus export with cited references repeated to
100,320 records, 2.8 s against 5.8 s, and rispy 4.7. Figures: ``docs/benchmarks/importers.md``.
"""

from __future__ import annotations

import hashlib
import linecache
import re
from collections.abc import Callable, Iterator
from types import CodeType
from typing import Any

from realistsynth.formats import ris_reader as ris
from realistsynth.formats._tagged import RawRecord, RecordFactory, is_issn, offer_date
from realistsynth.formats.normalise import normalise_doi, normalise_pmid
from realistsynth.model.records import Record, _unchecked_record

__all__ = [
    "GIVE_UP_AFTER",
    "MAX_SLOTS",
    "PatternReader",
    "Slot",
    "merge_shapes",
    "record_builder",
    "record_regex",
    "shape_of",
]

#: A slot of a shape: a tag, and whether it takes a run of consecutive lines.
Slot = tuple[str, bool]
#: A shape longer than this is not learned (a file of records in no common order).
MAX_SLOTS = 160
#: Misses that teach the shape nothing, beyond the records matched, after which a file is
#: read by the general path alone.
GIVE_UP_AFTER = 64

# a value as ``_map`` keeps it: not empty, no space at either end, one line
_VALUE = r"\S(?:[^\n]*\S)?"
# a line ``str.strip()`` empties, which ``ris._scan`` skips wherever it is
_BLANK_LINE = r"[^\S\n]*\n"
# a line ``ris._scan`` adds to the value before it: not blank, and not one it might read as a
# tag line (two letters or digits then spaces and a hyphen, two characters then "  -", a
# byte-order mark: such lines are left to the general path, whatever it makes of them)
_CONTINUATION = r"(?!\ufeff)(?![A-Za-z][A-Za-z0-9] {1,2}-)(?!..  -)[^\n]*\S[^\n]*"
# a value with the continuation lines and blank lines that may follow it
_LONG_VALUE = rf"{_VALUE}(?:\n(?:{_BLANK_LINE})*+{_CONTINUATION})*+"
# Ovid's record numbers before a TY line (``ris._RECORD_NUMBER``), which ``_scan`` ignores
_NUMBER_LINE = r"[^\S\n]*+(?:<[^\S\n]*\d+[^\S\n]*>|\d+\.?|Record \d+ of \d+)[^\S\n]*\n"
# the ER line: anything after its hyphen is ignored, as ``ris._chunks`` ignores it
_END = r"ER  -[^\n]*+(?:\n|\Z)"


_SPACE_AT_A_LINE_END = re.compile(r"\n(?:(?=\s)|(?<=\s\n))")  # "\n" first: found in C


def joined(text: str) -> str:
    """A value captured with its continuation lines (``_LONG_VALUE``), as ``ris._scan``
    joins them (a newline before each, or a space when the line is indented; blank lines
    skipped) and ``ris._map`` strips the result.

    >>> joined("First paragraph\\n\\nSecond\\n   and hard-wrapped")
    'First paragraph\\nSecond and hard-wrapped'
    """
    if "\n" not in text:
        return text
    if _SPACE_AT_A_LINE_END.search(text) is None:
        # no blank line, no indented line, no spaces before a line end but the last: each
        # line joins with its newline as it is (Scopus's cited references: 100 lines each)
        return text.rstrip()
    first, *rest = text.split("\n")
    value = first
    for line in rest:
        stripped = line.strip()
        if not stripped:
            continue
        if line[0] in " \t":
            value += " " + stripped
        else:
            value += "\n" + line.rstrip()
    return value.strip()


Builder = Callable[[tuple[str | None, ...], int, int], Record]


def shape_of(tags: list[str]) -> list[Slot]:
    """The shape of one record's tags: each run of one tag on consecutive lines is a slot.

    >>> shape_of(["TY", "AU", "AU", "TI", "KW"])
    [('TY', False), ('AU', True), ('TI', False), ('KW', False)]
    """
    shape: list[Slot] = []
    for tag in tags:
        if shape and shape[-1][0] == tag:
            shape[-1] = (tag, True)
        else:
            shape.append((tag, False))
    return shape


def merge_shapes(first: list[Slot], second: list[Slot]) -> list[Slot]:
    """The shortest shape that holds both in order (through their longest common
    subsequence of tags); a slot is a run if it is one in either, and slots of one tag
    that end up next to each other become one run.

    >>> merge_shapes(shape_of(["TY", "AU", "TI", "PY"]), shape_of(["TY", "TI", "DO", "PY"]))
    [('TY', False), ('AU', False), ('TI', False), ('DO', False), ('PY', False)]
    """
    n, m = len(first), len(second)
    # common[i][j]: length of the longest common subsequence of first[i:] and second[j:]
    common = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = common[i], common[i + 1]
        for j in range(m - 1, -1, -1):
            if first[i][0] == second[j][0]:
                row[j] = below[j + 1] + 1
            else:
                row[j] = max(below[j], row[j + 1])
    merged: list[Slot] = []
    i = j = 0
    while i < n and j < m:
        if first[i][0] == second[j][0]:
            merged.append((first[i][0], first[i][1] or second[j][1]))
            i += 1
            j += 1
        elif common[i + 1][j] >= common[i][j + 1]:
            merged.append(first[i])
            i += 1
        else:
            merged.append(second[j])
            j += 1
    merged.extend(first[i:])
    merged.extend(second[j:])
    shape: list[Slot] = []
    for tag, run in merged:
        if shape and shape[-1][0] == tag:
            shape[-1] = (tag, True)
        else:
            shape.append((tag, run))
    return shape


def _check_shape(shape: list[Slot]) -> None:
    """Refuse a shape whose tags could not stand in the pattern or the generated code as
    they are: one ``TY`` slot first, then two capitals or digits, never ``TY`` or ``ER``.

    :raises ValueError: naming the first tag refused.
    """
    if not shape or shape[0] != ("TY", False):
        raise ValueError("a record shape starts with one TY slot")
    for tag, _ in shape[1:]:
        if not re.fullmatch(r"[A-Z0-9]{2}", tag) or tag in ("TY", "ER"):
            raise ValueError(f"{tag!r} cannot be a slot of a record shape")


def record_regex(shape: list[Slot], *, long_values: bool = False) -> re.Pattern[str]:
    """The regular expression of one clean record of ``shape`` (which starts with ``TY``),
    with one group per slot: a slot's value, or a run's lines (each ending ``\n``), or
    ``None`` when the record lacks the slot. Blank lines and Ovid's record numbers may come
    before the ``TY`` line.

    With ``long_values``, a value may go on over continuation lines, and blank lines may
    come between any lines: the captured values are then to be :func:`joined`. The two
    are kept apart because the plain pattern is the faster one where it fits, which is
    most exports.

    >>> regex = record_regex(shape_of(["TY", "AU", "AU", "TI"]))
    >>> regex.match("\\nTY  - JOUR\\nAU  - A\\nAU  - B\\nER  - \\n").groups()
    ('JOUR', 'AU  - A\\nAU  - B\\n', None)
    """
    _check_shape(shape)
    value = _LONG_VALUE if long_values else _VALUE
    after = rf"\n(?:{_BLANK_LINE})*+" if long_values else r"\n"
    before = _BLANK_LINE if long_values else r"\n"
    parts = [rf"(?:{before}|{_NUMBER_LINE})*+TY  - ({value}){after}"]
    for tag, run in shape[1:]:
        if run:
            parts.append(rf"((?:{tag}  - {value}{after})++)?+")
        else:
            parts.append(rf"(?:{tag}  - ({value}){after})?+")
    parts.append(_END)
    return re.compile("".join(parts))


# what each role's code does with one value ``x`` of tag ``T``; the same steps, in the same
# order, as the branches of ``ris._map`` (whose comments say why)
_KEEP = "extra.setdefault({tag!r}, []).append(x)"
_TEXT = """
if {field} is None:
    {field} = x
elif {field} != x:
    extra.setdefault({tag!r}, []).append(x)"""
# the first value sets a local, any later one is kept in extra (SP, EP, AN)
_FIRST_ONLY = """
if VAR is None:
    VAR = x
else:
    extra.setdefault({tag!r}, []).append(x)"""
# a name goes to its list; text that holds no name is kept in extra (AU/A1, A2/ED)
_PERSON = """
p = names[x]
if p is None:
    extra.setdefault({tag!r}, []).append(x)
else:
    LIST.append(p)"""
_ROLE_CODE: dict[ris._Role | None, str] = {
    None: _KEEP,
    ris._KEYWORD: "keywords.append(x)",
    ris._AUTHOR: _PERSON.replace("LIST", "authors"),
    ris._EDITOR: _PERSON.replace("LIST", "editors"),
    ris._DATE: """
issued, kept = offer_date(issued, x, dates)
if kept:
    extra.setdefault({tag!r}, []).append(x)""",
    ris._DOI: """
d = normalise_doi(x)
if d is None:
    extra.setdefault({tag!r}, []).append(x)
elif doi is None:
    doi = d
elif doi != d:
    extra.setdefault({tag!r}, []).append(x)""",
    ris._START_PAGE: _FIRST_ONLY.replace("VAR", "start_page"),
    ris._END_PAGE: _FIRST_ONLY.replace("VAR", "end_page"),
    ris._SERIAL: "(issn if is_issn(x, bookish) else isbn).append(x)",
    ris._BOOK_TITLE: """
if bookish:
    if title is None:
        title = x
    elif title != x:
        extra.setdefault({tag!r}, []).append(x)
elif container_title is None:
    container_title = x
elif container_title != x:
    extra.setdefault({tag!r}, []).append(x)""",
    ris._ACCESSION: _FIRST_ONLY.replace("VAR", "accession"),
    ris._DATABASE: """
database = database or PUBMED_DB(x) is not None
extra.setdefault({tag!r}, []).append(x)""",
    ris._PMC_NOTE: """
if pmcid is None and PMC(x) is not None:
    pmcid = x
else:
    extra.setdefault({tag!r}, []).append(x)""",
    ris._RECORD_ID: """
if record_id is None:
    record_id = x
extra.setdefault({tag!r}, []).append(x)""",
}
# the single-valued text fields a slot's role may fill, each a local of the builder
_TEXT_FIELDS = sorted(set(ris._TEXT_FIELDS.values()))
_BUILDER_START = """\
def build(groups, index, line):
    ({names},) = groups
"""
_BUILDER_HEAD = """\
    ty = v0.upper()
    csl = RIS_TYPES.get(ty, "document")
    extra = {{}}
    if CSL_TO_RIS.get(csl) != ty:
        extra["TY"] = [v0]
    bookish = csl in BOOKISH
    authors = []
    editors = []
    keywords = []
    issn = []
    isbn = []
    issued = doi = pmcid = start_page = end_page = accession = record_id = None
    {text_fields} = None
    database = False
"""
_BUILDER_TAIL = """\
    pages = None
    if start_page is not None:
        pages = pages_of(start_page, end_page)
    elif end_page is not None:
        extra.setdefault("EP", []).append(end_page)
    pmid = None
    if accession is not None:
        if database and accession.isdigit():
            pmid = normalise_pmid(accession)
        if pmid is None:
            extra.setdefault("AN", []).append(accession)
    return record(
        id=prefix + str(index + 1),
        type=csl,
        title=title,
        authors=tuple(authors),
        editors=tuple(editors),
        issued=issued,
        container_title=container_title,
        container_title_short=container_title_short,
        volume=volume,
        issue=issue,
        pages=pages,
        doi=doi,
        pmid=pmid,
        pmcid=pmcid,
        issn=tuple(issn),
        isbn=tuple(isbn),
        url=url,
        publisher=publisher,
        publisher_place=publisher_place,
        edition=edition,
        number=number,
        abstract=abstract,
        keywords=tuple(keywords),
        language=language,
        note=note,
        provenance=(provenance(index, line, accession or record_id),),
        extra={tag: tuple(values) for tag, values in extra.items()} if extra else {},
    )
"""


def _indent(code: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in code.strip("\n").splitlines())


def _slot_code(index: int, tag: str, run: bool, long_values: bool) -> str:
    role = ris._ROLES.get(tag)
    if isinstance(role, str):  # a text field
        step = _TEXT.format(field=role, tag=tag)
    else:
        step = _ROLE_CODE[role].format(tag=tag)
    value = f"v{index}"
    if not run:
        one = f"joined({value})" if long_values else value
        return f"    if {value} is not None:\n        x = {one}\n" + _indent(step, 8)
    lines = f'{value}[6:-1].split("\\n{tag}  - ")'
    if long_values:
        lines = f"map(joined, {lines})"
    if role is ris._KEYWORD:  # a run of keywords is the common case: one C call
        return f"    if {value} is not None:\n        keywords.extend({lines})\n"
    return f"    if {value} is not None:\n        for x in {lines}:\n" + _indent(step, 12)


def record_builder(
    shape: list[Slot], factory: RecordFactory, *, long_values: bool = False
) -> Builder:
    """The function that maps the groups of :func:`record_regex`'s match of a record,
    with the record's index in the file and its first line, to the finished record, as
    ``ris._map`` and ``build_result`` would from the same lines. ``long_values``: the
    groups are those of the pattern made with ``long_values``, to be :func:`joined`.

    :raises ValueError: a tag that cannot be a slot (checked before any code is made from
        the tags)."""
    _check_shape(shape)
    names = ", ".join(f"v{i}" for i in range(len(shape)))
    code = _BUILDER_START.format(names=names)
    if long_values:
        code += "    v0 = joined(v0)\n"
    code += _BUILDER_HEAD.format(text_fields=" = ".join(_TEXT_FIELDS))
    code += "".join(_slot_code(i, tag, run, long_values) for i, (tag, run) in enumerate(shape) if i)
    code += _BUILDER_TAIL
    namespace: dict[str, Any] = {
        "RIS_TYPES": ris.RIS_TYPES,
        "CSL_TO_RIS": ris.CSL_TO_RIS,
        "BOOKISH": ris._BOOKISH,
        "names": factory.memo.names,
        "dates": factory.memo.dates,
        "offer_date": offer_date,
        "normalise_doi": normalise_doi,
        "normalise_pmid": normalise_pmid,
        "is_issn": is_issn,
        "pages_of": ris._pages,
        "PUBMED_DB": ris._PUBMED_DB.search,
        "PMC": ris._PMC.fullmatch,
        "record": _unchecked_record,
        "joined": joined,
        "provenance": factory.provenance,
        "prefix": f"{factory.format_name}-",
    }
    exec(_compiled(code, len(shape)), namespace)
    builder: Builder = namespace["build"]
    return builder


def _compiled(code: str, slots: int) -> CodeType:
    """``code`` compiled, with its text registered in :mod:`linecache` under the file name
    it was compiled with (as attrs does for the methods it writes), so that a traceback, pdb
    or a profiler shows the generated lines. One entry per distinct builder text: a file
    name made of the text's hash names the same text every time."""
    digest = hashlib.sha1(code.encode(), usedforsecurity=False).hexdigest()[:12]
    name = f"<RIS record builder of {slots} slots {digest}>"
    linecache.cache.setdefault(name, (len(code), None, code.splitlines(True), name))
    return compile(code, name, "exec")


class _Compiled:
    """A shape's regular expression (its ``match``) and record builder, plain or for long
    values."""

    __slots__ = ("build", "match")

    def __init__(self, shape: list[Slot], factory: RecordFactory, long_values: bool) -> None:
        self.match = record_regex(shape, long_values=long_values).match
        self.build = record_builder(shape, factory, long_values=long_values)


class PatternReader:
    """Reads the blocks of one RIS text (see the module docstring): each record with the
    learned pattern if it fits, else with the general path, which teaches the pattern.

    The plain pattern is tried first; when it does not fit and the one for long values
    does (continuation lines, blank lines inside records), the latter is compiled (once a
    shape) and tried first from then on: it takes every record the plain one takes.
    """

    __slots__ = (
        "_factory",
        "_hits",
        "_long",
        "_long_first",
        "_plain",
        "_scan",
        "_shape",
        "_useless",
    )

    def __init__(self, factory: RecordFactory, scan: ris._Scan) -> None:
        self._factory = factory
        self._scan = scan
        self._shape: list[Slot] = []
        self._plain: _Compiled | None = None
        self._long: _Compiled | None = None
        self._long_first = False
        self._hits = 0
        self._useless = 0

    @property
    def trying(self) -> bool:
        """Whether records are still tried against the pattern (it has been learned, and
        has not been given up for this file)."""
        return self._plain is not None and self._useless <= GIVE_UP_AFTER + self._hits

    def read(self, block: str, first: int) -> Iterator[RawRecord | Record]:
        """The records of ``block``, a whole number of records whose first line is line
        ``first`` of the text: built ones, and raw ones from the general path."""
        advance_to = self._factory.advance_to
        scan = self._scan
        position = 0
        size = len(block)
        line = first  # the line ``position`` is on
        while position < size:
            if self._useless > GIVE_UP_AFTER + self._hits:  # given up: read as ris does
                rest = block[position:] if position else block
                yield from ris._block_records(rest, rest.count("\n"), line, scan)
                return
            found = self._fit(block, position) if self._plain is not None else None
            if found is not None:
                match, build = found
                start = match.start(1) - 6  # the TY line
                record_line = line + block.count("\n", position, start)
                advance_to(record_line)
                try:
                    record = build(match.groups(), scan.index, record_line)
                except (ValueError, TypeError):
                    pass  # the general path will say what is wrong with it
                else:
                    self._hits += 1
                    scan.index += 1
                    yield record
                    end = match.end()
                    line = record_line + block.count("\n", start, end)
                    position = end
                    continue
            stop = _after_next_end(block, position)
            chunk = block[position:stop]
            learned = False
            for raw in ris._chunks(chunk, line, scan):
                if raw.problem is None and not raw.trailer and raw.tags:
                    learned = self._learn(raw.tags) or learned
                yield raw
            if not learned:
                self._useless += 1
            line += chunk.count("\n")
            position = stop

    def _fit(self, block: str, position: int) -> tuple[re.Match[str], Builder] | None:
        """The match of the record at ``position`` and the builder for it, if it fits."""
        assert self._plain is not None
        if not self._long_first:
            match = self._plain.match(block, position)
            if match is not None:
                return match, self._plain.build
        if self._long is None:
            self._long = _Compiled(self._shape, self._factory, long_values=True)
        match = self._long.match(block, position)
        if match is None:
            return None
        self._long_first = True
        return match, self._long.build

    def _learn(self, tags: list[str]) -> bool:
        """Extend the shape with one record's tags; whether the pattern changed."""
        shape = shape_of(tags)
        merged = merge_shapes(self._shape, shape) if self._shape else shape
        if merged == self._shape or len(merged) > MAX_SLOTS:
            return False
        try:
            plain = _Compiled(merged, self._factory, long_values=False)
        except ValueError:
            return False  # a tag the pattern cannot hold (record_regex): the record stays general
        self._shape = merged
        self._plain = plain
        self._long = None  # compiled again when first needed
        return True


def _after_next_end(block: str, position: int) -> int:
    """The position after the first ``ER`` line at or after ``position`` (a line start),
    or the end of ``block``."""
    if block.startswith("ER  -", position):
        end = position
    else:
        found = block.find("\nER  -", position)
        if found < 0:
            return len(block)
        end = found + 1
    newline = block.find("\n", end)
    return len(block) if newline < 0 else newline + 1
