"""The RIS pattern reader (``builtin/ris_pattern.py``) must read every file exactly as the
general path does: same records (fields, ``extra`` and its order, provenance lines), same
report, same error in strict mode, same progress calls. Its shape merging and regular
expressions are checked on their own too.

Files are generated the way exports look (a few record shapes, repeated with fields left
out and values changed) so that the pattern is learned and used, with the lines that sit on
the edges of what it may take: values with spaces at their ends (any character
``str.strip`` removes, control and separator characters too) or none at all, second
values of single-valued fields, names that are no names, dates that are not plain, DOIs,
pages, serial numbers, PubMed accession numbers and PMCIDs, continuation lines, blank lines
inside records, a missing ``ER``, Ovid's tag lines after ``ER``, a header line, CR line ends,
tag lines only the line-by-line path reads (``1A``, a byte-order mark before the tag).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realistsynth.errors import RecordImportError
from realistsynth.formats import ris_pattern, ris_reader
from realistsynth.formats import ris_reader as ris
from realistsynth.formats._tagged import Memo, RecordFactory
from realistsynth.formats.import_support import ProgressMeter
from realistsynth.formats.ris_pattern import (
    GIVE_UP_AFTER,
    PatternReader,
    merge_shapes,
    record_builder,
    record_regex,
    shape_of,
)
from realistsynth.importing import read_records
from realistsynth.model import Record
from realistsynth.protocols import ImportContext


@pytest.fixture(autouse=True, scope="module")
def _pattern_on_small_files() -> Iterator[None]:
    """Files under ``PATTERN_MIN_CHARS`` skip the learned pattern; these tests read small
    files and must go through it (module-scoped: hypothesis refuses function-scoped ones)."""
    saved = ris_reader.PATTERN_MIN_CHARS
    ris_reader.PATTERN_MIN_CHARS = 0
    yield
    ris_reader.PATTERN_MIN_CHARS = saved


# every tag with a role, and some without ("1A": a tag to the line-by-line path only)
_TAGS = [*sorted(ris._ROLES), "M3", "Y2", "L1", "N3", "A3", "ST", "C9", "1A"]
_TYPES = ["JOUR", "BOOK", "CHAP", "JFULL", "GEN", "jour", "XYZ", "ELEC", "EDBOOK"]
_SPECIAL_VALUES = [
    "Smith, J.A.",
    "World Health Organization",
    "et al.",
    "van der Berg, Anna",
    "2020",
    "2020/05//",
    "2020 Spring",
    "2019 Dec 3",
    "2020 Jan-Feb",
    "no date",
    "10.1000/ABC.123",
    "https://doi.org/10.1000/xyz",
    "not a doi",
    "512",
    "30",
    "e123",
    "12-19",
    "1476-9018",
    "978-0-19-953556-9",
    "12345",
    "PMC123456",
    "PubMed",
    "MEDLINE",
    "Scopus",
    "31234567",
    "ER",
    "TY",
    "see TY  - JOUR",
]
# values with no line break; spaces at the ends are the pattern's edge: plain and other
# spaces, and the control and separator characters str.strip() removes but "\n" splits keep
_SPACES = ["\xa0", "\t", "\u2003", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u2028"]
_TEXT = st.text(
    alphabet=st.sampled_from([*list("abcXYZ019 ,.;:-/()"), *_SPACES, "é", "ł", "\ufeff"]),
    max_size=12,
)
_CLEAN_TEXT = _TEXT.map(str.strip).filter(bool)
_EDGE_VALUE = st.one_of(_TEXT, st.sampled_from(["", " ", " x ", "x\xa0"]))


@st.composite
def _values(draw: st.DrawFn) -> str:
    """Mostly values the pattern can take (so that it is used), sometimes one it cannot."""
    kind = draw(st.integers(0, 15))
    if kind == 0:
        return draw(_EDGE_VALUE)
    if kind < 8:
        return draw(st.sampled_from(_SPECIAL_VALUES))
    return draw(_CLEAN_TEXT)


_VALUE = _values()
# what may be put between the lines of a record, rarely
_ODD_LINES = [
    "",
    "   continued text",
    "continued",
    "ER",
    "\xa0",
    "  \t ",
    "\xa0not blank",
    "a.  - two characters and a hyphen",
    "ÉA  - a tag to the general path",
    "\ufeffAU  - after a BOM",
    "\ufeffER  - ",
    "TY  -  X",
    "ER  -x",
    "ⅫA  - an upper-case tag that is not A-Z",
    "\x0c",
    "\u2028",
    "١.",
    "ti  - lower case",
    "AU - one space",
    "AU -no space",
    "1.",
]
# lines before a TY line: Ovid's record numbers, blank lines, a stray tag line
_BEFORE = ["1.", "<12>", " 3. ", "Record 4 of 9", "", " ", "N1  - stray"]


@st.composite
def _files(draw: st.DrawFn) -> str:
    """An RIS text of records drawn from a few shapes."""
    shapes = draw(
        st.lists(
            st.lists(st.tuples(st.sampled_from(_TAGS), st.integers(1, 3)), max_size=12),
            min_size=1,
            max_size=3,
        )
    )
    records: list[str] = []
    if draw(st.integers(0, 9)) == 0:
        records.append("Provider: an exporter")
    for _ in range(draw(st.integers(1, 16))):
        shape = draw(st.sampled_from(shapes))
        lines = [f"TY  - {draw(st.sampled_from(_TYPES))}"]
        if draw(st.integers(0, 7)) == 0:
            lines.insert(0, draw(st.sampled_from(_BEFORE)))
        for tag, count in shape:
            if draw(st.integers(0, 4)) == 0:
                continue  # a field this record lacks
            for _ in range(count):
                lines.append(f"{tag}  - {draw(_VALUE)}")
        for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 3)) == 0 else 0):
            lines.insert(draw(st.integers(1, len(lines))), draw(st.sampled_from(_ODD_LINES)))
        ending = draw(st.sampled_from(["ER  - "] * 6 + ["ER  -", "ER  - x", None]))
        if ending is not None:
            lines.append(ending)
        if draw(st.integers(0, 9)) == 0:
            lines.append("NL  - Ovid trailer")
        lines.extend([""] * draw(st.integers(0, 2)))
        records.append("\n".join(lines))
    return "\n".join(records) + draw(st.sampled_from(["\n", "", "\n\n"]))


def _read(data: bytes, strict: bool = False, **options: Any) -> object:
    """The records, their ``extra`` in order, the report and the progress calls (or the
    error and the progress calls before it)."""
    calls: list[tuple[int, int]] = []
    try:
        result = read_records(
            data,
            format="ris",
            strict=strict,
            options=options,
            progress=lambda done, total: calls.append((done, total)),
        )
    except RecordImportError as exc:
        return ("error", str(exc), calls)
    extras = [list(record.extra.items()) for record in result.records]
    return result.records, extras, result.report, calls


@settings(deadline=None)
@given(
    text=_files(),
    crlf=st.booleans(),
    small_blocks=st.booleans(),
    prefix=st.sampled_from([b"", b"", b"\xef\xbb\xbf", b"\xff\xfe"]),
    cp1252=st.booleans(),
    strict=st.booleans(),
    give_up_soon=st.booleans(),
)
def test_pattern_and_general_paths_agree(
    text: str,
    crlf: bool,
    small_blocks: bool,
    prefix: bytes,
    cp1252: bool,
    strict: bool,
    give_up_soon: bool,
) -> None:
    """Both ways of reading give the same, through every decoding path: UTF-8 a block at a
    time, with or without a BOM; decoded first (CR line ends, UTF-16, bytes that are not
    UTF-8 and fall back to cp1252); strict or not, with the same progress calls; and after
    the pattern is given up (here after one record that teaches it nothing)."""
    if crlf:
        text = text.replace("\n", "\r\n")
    if prefix == b"\xff\xfe":
        data = prefix + text.encode("utf-16-le")
    else:
        data = prefix + text.encode()
        if cp1252:
            data = data.replace(b"\nTI  - ", b"\nTI  - Caf\xe9 ", 1)
    with pytest.MonkeyPatch.context() as patch:
        if small_blocks:  # records of one file in several blocks
            patch.setattr(ris, "BLOCK_CHARS", 64)
        if give_up_soon:
            patch.setattr(ris_pattern, "GIVE_UP_AFTER", 0)
        assert _read(data, strict) == _read(data, strict, fast_path=False)


@st.composite
def _clean_files(draw: st.DrawFn) -> str:
    """Records of one shape with values the pattern can take: all but the first are built
    by the pattern, so this stresses the generated builders' mapping of every role."""
    shape = draw(
        st.lists(st.tuples(st.sampled_from(_TAGS), st.integers(1, 3)), min_size=1, max_size=16)
    )
    value = st.one_of(st.sampled_from(_SPECIAL_VALUES), _CLEAN_TEXT)
    # continuation lines (and blank lines) after some values: the long-value builders
    more = st.sampled_from(["", "", "", "", "\nnext paragraph", "\n   wrapped", "\n\n  x  "])
    records = []
    for number in range(draw(st.integers(2, 8))):
        lines = [f"TY  - {draw(st.sampled_from(_TYPES))}"]
        for tag, count in shape:
            if number == 0 or draw(st.integers(0, 5)):  # the first teaches the whole shape
                lines.extend(f"{tag}  - {draw(value)}{draw(more)}" for _ in range(count))
        records.append("\n".join([*lines, "ER  - ", ""]))
    return "\n".join(records)


@settings(deadline=None)
@given(text=_clean_files())
def test_pattern_builders_agree_with_the_mapper(text: str) -> None:
    items = _reader_output(text)
    assert sum(isinstance(item, Record) for item in items) == len(items) - 1
    assert _read(text.encode()) == _read(text.encode(), fast_path=False)


def _reader_output(text: str) -> list[object]:
    context = ImportContext("x.ris", "0" * 64)
    factory = RecordFactory(context, "ris", Memo(), ProgressMeter(context, 1))
    return list(ris._fast_split(text, [], factory))


def _built(item: object) -> Record:
    """``item`` of the reader's output, which must be a record the pattern built."""
    assert isinstance(item, Record), item
    return item


def test_records_of_a_learned_shape_are_built_by_the_pattern() -> None:
    """The property above could pass with the pattern never used; here it must be."""
    record = "TY  - JOUR\nAU  - Smith, J.\nAU  - Jones, K.\nTI  - T{n}\nPY  - 2020\nER  - \n\n"
    text = "".join(record.format(n=n) for n in range(20))
    items = _reader_output(text)
    assert [type(item).__name__ for item in items] == ["RawRecord"] + ["Record"] * 19
    built = [item for item in items if isinstance(item, Record)]
    assert [r.title for r in built] == [f"T{n}" for n in range(1, 20)]
    assert [r.provenance[0].line for r in built] == [1 + 7 * n for n in range(1, 20)]
    assert [a.family for a in built[0].authors] == ["Smith", "Jones"]


def test_a_new_field_teaches_the_pattern_once() -> None:
    plain = "TY  - JOUR\nTI  - A\nER  - \n"
    more = "TY  - JOUR\nTI  - B\nDO  - 10.1000/x\nER  - \n"
    items = _reader_output(plain * 3 + more + more + plain)
    kinds = [type(item).__name__ for item in items]
    # the first record and the first with a DO line teach; the rest fit
    assert kinds == ["RawRecord", "Record", "Record", "RawRecord", "Record", "Record"]
    assert _built(items[4]).doi == "10.1000/x"


def test_continuation_lines_switch_to_the_long_value_pattern() -> None:
    plain = "TY  - JOUR\nTI  - T\nAB  - One line\nER  - \n"
    long = "1.\nTY  - JOUR\nTI  - T\nAB  - First\n\nSecond\n  wrapped\nER  - \n"
    items = _reader_output(plain * 2 + long * 2 + plain)
    assert [type(item).__name__ for item in items] == ["RawRecord"] + ["Record"] * 4
    assert _built(items[2]).abstract == "First\nSecond wrapped"
    # the TY line, after the record number
    assert _built(items[3]).provenance[0].line == 18
    assert _built(items[4]).abstract == "One line"


def test_records_that_never_fit_stop_the_pattern_being_tried() -> None:
    record = "TY  - JOUR\nTI  - Spaces after the title  \nER  - \n"
    text = record * (GIVE_UP_AFTER + 10)
    context = ImportContext("x.ris", "0" * 64)
    factory = RecordFactory(context, "ris", Memo(), ProgressMeter(context, 1))
    reader = PatternReader(factory, ris._Scan([]))
    items = list(reader.read(text, 1))
    assert all(type(item).__name__ == "RawRecord" for item in items)
    assert len(items) == GIVE_UP_AFTER + 10
    assert not reader.trying


_SLOTS = st.lists(st.tuples(st.sampled_from(["AU", "TI", "KW", "N1", "PY"]), st.booleans()))


def _holds(shape: list[tuple[str, bool]], part: list[tuple[str, bool]]) -> bool:
    """Whether ``part`` is a subsequence of ``shape`` by tag, a run only where a run is."""
    position = 0
    for tag, run in part:
        while position < len(shape) and shape[position][0] != tag:
            position += 1
        if position == len(shape) or (run and not shape[position][1]):
            return False
        position += 1
    return True


def _joined(slots: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    return merge_shapes(slots, slots) if slots else slots


@given(first=_SLOTS, second=_SLOTS)
def test_a_merged_shape_holds_both(
    first: list[tuple[str, bool]], second: list[tuple[str, bool]]
) -> None:
    first, second = _joined(first), _joined(second)
    merged = merge_shapes(first, second)
    assert _holds(merged, first)
    assert _holds(merged, second)
    assert len(merged) <= len(first) + len(second)
    assert all(a[0] != b[0] for a, b in itertools.pairwise(merged))
    assert merge_shapes(merged, first) == merged  # nothing new to learn


def test_shape_of_and_its_regex() -> None:
    shape = shape_of(["TY", "AU", "AU", "TI", "KW", "KW", "KW"])
    assert shape == [("TY", False), ("AU", True), ("TI", False), ("KW", True)]
    match = record_regex(shape).match("TY  - JOUR\nAU  - A\nAU  - B\nKW  - k\nER  - \n")
    assert match is not None
    assert match.groups() == ("JOUR", "AU  - A\nAU  - B\n", None, "KW  - k\n")
    # spaces at the end of a value, a blank line inside: not this pattern's to read
    assert record_regex(shape).match("TY  - JOUR\nTI  - A \nER  - \n") is None
    assert record_regex(shape).match("TY  - JOUR\n\nTI  - A\nER  - \n") is None
    with pytest.raises(ValueError, match="TY slot"):
        record_regex([("AU", False)])
    with pytest.raises(ValueError, match="cannot be a slot"):
        record_regex([("TY", False), ("a(", False)])


def test_the_builder_refuses_tags_it_would_have_to_write_into_code() -> None:
    context = ImportContext("x.ris", "0" * 64)
    factory = RecordFactory(context, "ris", Memo(), ProgressMeter(context, 1))
    for tag in ('A"', "a1", "TY", "ER", "ABC"):
        with pytest.raises(ValueError, match="cannot be a slot"):
            record_builder([("TY", False), (tag, True)], factory)
    with pytest.raises(ValueError, match="TY slot"):
        record_builder([("AU", False)], factory)


@pytest.mark.parametrize(("value", "built"), [(False, 0), ("off", 0), ("No", 0), ("true", 2)])
def test_the_fast_path_option_is_read_as_a_switch(
    value: object, built: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``fast_path`` is read as every plugin switch is (``option_values.flag``): text from a
    file or the command line counts too; counted here by the records the pattern builds."""
    from realistsynth.formats import ris_pattern

    made: list[object] = []
    real = ris_pattern.record_builder

    def counting(*args: Any, **kwargs: Any) -> Any:
        build = real(*args, **kwargs)

        def build_and_count(*a: Any) -> Any:
            made.append(build(*a))
            return made[-1]

        return build_and_count

    monkeypatch.setattr(ris_pattern, "record_builder", counting)
    text = "TY  - JOUR\nTI  - A\nER  - \n" * 3
    result = read_records(text.encode(), format="ris", options={"fast_path": value})
    assert len(result.records) == 3
    assert len(made) == built


def test_a_fast_path_option_that_is_no_switch_is_refused() -> None:
    with pytest.raises(RecordImportError, match="'fast_path' must be true or false"):
        read_records(b"TY  - JOUR\nER  - \n", format="ris", options={"fast_path": "maybe"})


def test_small_files_are_read_without_compiling_a_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under ``PATTERN_MIN_CHARS`` the general path reads the file: compiling builders would
    cost more than they save (issue 21, ``benchmarks/bench_ris_real.py``)."""
    compiled: list[object] = []
    monkeypatch.setattr(ris_reader, "PATTERN_MIN_CHARS", ris_reader.BLOCK_CHARS)
    monkeypatch.setattr(ris_pattern, "record_builder", lambda *a, **k: compiled.append(a))
    text = "TY  - JOUR\nTI  - A\nER  - \n" * 50
    assert len(read_records(text.encode(), format="ris").records) == 50
    assert compiled == []


def test_generated_builders_show_their_lines_in_tracebacks() -> None:
    """The builder's source is in linecache under its file name (as attrs does), so a
    traceback, pdb or a profiler shows the generated code."""
    import linecache
    import traceback

    context = ImportContext("x.ris", "0" * 64)
    factory = RecordFactory(context, "ris", Memo(), ProgressMeter(context, 1))
    build = record_builder([("TY", False), ("TI", False)], factory)
    filename = build.__code__.co_filename
    assert filename.startswith("<RIS record builder")
    assert "def build(groups, index, line):" in "".join(linecache.getlines(filename))
    try:
        build(("JOUR",), 0, 1)  # one value short: the unpacking fails inside the builder
    except ValueError as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        assert frames[-1].filename == filename
        assert frames[-1].line == "({names},) = groups".format(names="v0, v1")
    else:
        raise AssertionError("the builder took too few values")
