"""The RIS reader's split in C (one ``re.split`` per block, continuation lines joined in C,
records cut at ``ER`` tags: ``ris_reader._line_starts`` and its callers) must read every file
exactly as the line-by-line path (``ris_reader._scan``) does: same records (fields, ``extra``
and its order, provenance lines), same report, same error in strict mode, same progress calls.

Files are generated the way exports look (a few record shapes, repeated with fields left
out and values changed), with the lines that sit on the edges of what the split in C may
take: values with spaces at their ends (any character ``str.strip`` removes, control and
separator characters too) or none at all, second values of single-valued fields, names that
are no names, dates that are not plain, DOIs, pages, serial numbers, PubMed accession numbers
and PMCIDs, continuation lines (wrapped, indented, after blank lines), blank lines inside
records, a missing ``ER``, Ovid's tag lines after ``ER``, a header line, CR line ends, tag
lines only the line-by-line path reads (``1A``, a byte-order mark before the tag).
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realistsynth.errors import RecordImportError
from realistsynth.formats import ris_reader as ris
from realistsynth.importing import read_records

# every tag with a role, and some without ("1A": a tag to the line-by-line path only)
_TAGS = [*sorted(ris._ROLES), "M3", "Y2", "L1", "N3", "A3", "ST", "C9", "1A"]
# all but "1A", which only the line-by-line path reads as a tag
_TAGS_IN_C = [tag for tag in _TAGS if tag != "1A"]
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
# values with no line break; spaces at the ends are an edge of the split in C: plain and
# other spaces, and the control and separator characters str.strip() removes but "\n"
# splits keep
_SPACES = ["\xa0", "\t", "\u2003", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u2028"]
_TEXT = st.text(
    alphabet=st.sampled_from([*list("abcXYZ019 ,.;:-/()"), *_SPACES, "é", "ł", "\ufeff"]),
    max_size=12,
)
_CLEAN_TEXT = _TEXT.map(str.strip).filter(bool)
_EDGE_VALUE = st.one_of(_TEXT, st.sampled_from(["", " ", " x ", "x\xa0"]))


@st.composite
def _values(draw: st.DrawFn) -> str:
    """Mostly ordinary values, sometimes one with spaces at its ends."""
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


def _line_by_line(patch: pytest.MonkeyPatch) -> None:
    """Make every record go through ``_scan``: the split in C starts from ``_line_starts``."""
    patch.setattr(ris, "_line_starts", lambda text: None)


@settings(deadline=None)
@given(
    text=_files(),
    crlf=st.booleans(),
    small_blocks=st.booleans(),
    prefix=st.sampled_from([b"", b"", b"\xef\xbb\xbf", b"\xff\xfe"]),
    cp1252=st.booleans(),
    strict=st.booleans(),
)
def test_split_in_c_and_line_by_line_agree(
    text: str,
    crlf: bool,
    small_blocks: bool,
    prefix: bytes,
    cp1252: bool,
    strict: bool,
) -> None:
    """Both ways of reading give the same, through every decoding path: UTF-8 a block at a
    time, with or without a BOM; decoded first (CR line ends, UTF-16, bytes that are not
    UTF-8 and fall back to cp1252); strict or not, with the same progress calls."""
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
        fast = _read(data, strict)
        _line_by_line(patch)
        assert fast == _read(data, strict)


@st.composite
def _clean_files(draw: st.DrawFn) -> str:
    """Records of one shape, values with continuation lines and blank lines after some of
    them, and no line the split in C must leave to the line-by-line path."""
    shape = draw(
        st.lists(st.tuples(st.sampled_from(_TAGS_IN_C), st.integers(1, 3)), min_size=1, max_size=16)
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
def test_clean_files_with_continuation_lines_are_split_in_c(text: str) -> None:
    """Records of one shape, values with continuation lines (wrapped, indented, paragraphs
    after blank lines) and spaces at their ends: none of them is read line by line, and
    they are read as the line-by-line path reads them."""
    scanned: list[object] = []
    real_scan = ris._scan

    def counting_scan(*args: Any, **kwargs: Any) -> Any:
        scanned.append(args)
        return real_scan(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ris, "_scan", counting_scan)
        fast = _read(text.encode())
    assert scanned == []
    with pytest.MonkeyPatch.context() as patch:
        _line_by_line(patch)
        assert fast == _read(text.encode())


def test_continuation_lines_are_joined_and_lines_counted() -> None:
    """Scopus' cited references (lines run on without a tag), a hard-wrapped title and
    abstract paragraphs after a blank line: joined as the line-by-line path joins them,
    and the records after them start on the right lines."""
    text = (
        "TY  - JOUR\nTI  - A title\n   wrapped\nN1  - References: A, (2001) X;\nB, (2002) Y;\n"
        "AB  - First\n\nSecond paragraph\nER  - \n\n"
        "TY  - JOUR\nTI  - Next\nER  - \n"
    )
    records = read_records(text.encode(), format="ris").records
    assert records[0].title == "A title wrapped"
    assert records[0].note == "References: A, (2001) X;\nB, (2002) Y;"
    assert records[0].abstract == "First\nSecond paragraph"
    assert [r.provenance[0].line for r in records] == [1, 11]


def test_the_fast_path_option_is_deprecated_and_changes_nothing() -> None:
    """``fast_path`` switched off the learned record pattern, which is gone: passing it
    warns, and the records are the same."""
    text = b"TY  - JOUR\nTI  - A\nER  - \n" * 3
    with pytest.warns(DeprecationWarning, match="'fast_path' import option has no effect"):
        result = read_records(text, format="ris", options={"fast_path": False})
    assert result.records == read_records(text, format="ris").records


def _without_file_hash(read: object) -> object:
    """What :func:`_read` gives, with the provenance's file hash taken out (the bytes of a
    file with other line ends differ, what is read from them must not)."""
    if not isinstance(read, tuple) or read[0] == "error":
        return read
    records, extras, report, calls = read
    unhashed = [
        attrs.evolve(r, provenance=tuple(attrs.evolve(p, sha256=None) for p in r.provenance))
        for r in records
    ]
    return unhashed, extras, report, calls


@settings(deadline=None)
@given(text=_files(), ending=st.sampled_from(["\r\n", "\r"]), bom=st.booleans())
def test_cr_line_ends_read_as_lf_ones(text: str, ending: str, bom: bool) -> None:
    """A Windows (CR LF) or old Mac (CR) file is read a block at a time with its line ends
    made LF in the bytes: the records, lines and report are those of the same file with LF
    line ends."""
    prefix = b"\xef\xbb\xbf" if bom else b""
    lf = _read(prefix + text.encode())
    other = _read(prefix + text.replace("\n", ending).encode())
    assert _without_file_hash(other) == _without_file_hash(lf)


_LINE_ALPHABET = st.sampled_from([*"AUTYaé1_-. ", "\ufeff", "\t", "\xa0", "É", "Ⅻ", "١", "ß"])


_WORD_CHAR = st.sampled_from([*"AUTYaz19_", "É", "Ⅻ", "١", "ß", "é"])
# lines shaped like tag lines: BOMs, two characters, one to three spaces, a hyphen, a value
_TAG_SHAPED = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["", "", "\ufeff", " "]),
        _WORD_CHAR,
        _WORD_CHAR,
        st.sampled_from([" ", "  ", "   "]),
        st.sampled_from(["-", "- ", "-  ", "-x"]),
        st.text(alphabet=_LINE_ALPHABET, max_size=4),
    ),
)


@settings(deadline=None)
@given(
    line=st.one_of(
        st.text(alphabet=_LINE_ALPHABET, max_size=10), _TAG_SHAPED, st.sampled_from(_ODD_LINES)
    ),
    blank=st.booleans(),
)
def test_any_line_inside_a_record_is_split_in_c_as_scan_reads_it(line: str, blank: bool) -> None:
    """Whatever line follows a value (a continuation line, a tag line strict, loose, lower-case
    or after BOMs, one that only looks like a tag), the split in C either leaves the record to
    ``_scan`` or gives exactly the tags, values and line numbers ``_scan`` gives."""
    gap = "\n" if blank else ""
    record = f"TY  - JOUR\nTI  - A title\n{gap}{line}\nER  - \nTY  - X\nER  - \n"
    lines = ris._line_starts(record)
    fast = None if lines is None else ris._clean_block(lines, 1, ris._Scan([]))
    if fast is not None:
        slow = ris._scan(record.split("\n"), 1, ris._Scan([]), ended=False)
        assert [(r.line, r.tags, r.values) for r in fast] == [
            (r.line, r.tags, r.values) for r in slow
        ]
