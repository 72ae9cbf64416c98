"""The RIS fast path (one ``re.split`` per block, records cut at ``ER`` tags) must read every
text exactly as the line-by-line path does: same records, same lines, same report.

Texts are built from lines that sit on the edges of the fast path's proof: blank lines inside
records, ``ER`` lines with trailing text, a missing ``ER``, a ``TY`` line inside a record,
values that contain ``TY  -``, continuation lines and lower-case tags.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realistsynth.errors import RecordImportError
from realistsynth.importing import read_records

# "ER" and "TY" as values: equal to the tags the fast path cuts at and counts
_VALUES = st.sampled_from(
    [
        "A title",
        "Smith, J.A.",
        "2020/05//",
        "10.1000/xyz",
        "see TY  - JOUR",
        "",
        " padded ",
        "ER",
        "TY",
    ]
)
_TAGS = st.sampled_from(["TI", "AU", "PY", "DO", "KW", "N1", "AB", "SP", "EP", "M3"])
_TAG_LINE = st.builds(lambda tag, value: f"{tag}  - {value}", _TAGS, _VALUES)
_ODD_LINE = st.sampled_from(
    ["", "", "   continued text", "ti  - lower", "TY  - BOOK", "ER  - junk", "1."]
)
_BODY = st.lists(st.one_of(_TAG_LINE, _TAG_LINE, _TAG_LINE, _ODD_LINE), max_size=8)
_RECORD = st.builds(
    lambda ty, body, end, gap: "\n".join(
        [f"TY  - {ty}", *body, *([end] if end is not None else []), *[""] * gap]
    ),
    st.sampled_from(["JOUR", "BOOK", "CHAP"]),
    _BODY,
    st.sampled_from(["ER  - ", "ER  -", "ER  - ", None]),
    st.integers(0, 2),
)


def _read(data: bytes) -> object:
    try:
        result = read_records(data, format="ris")
    except RecordImportError as exc:
        return ("error", str(exc))
    return (result.records, result.report)


@settings(max_examples=60, deadline=None)
@given(records=st.lists(_RECORD, max_size=6), final_newline=st.booleans())
def test_fast_and_line_by_line_paths_agree(records: list[str], final_newline: bool) -> None:
    from realistsynth.formats import ris_reader as ris

    text = "\n".join(records) + ("\n" if final_newline else "")
    data = text.encode()
    fast = _read(data)
    with pytest.MonkeyPatch.context() as patch:
        # both fast paths (a clean block, a clean record) start from _line_starts
        patch.setattr(ris, "_line_starts", lambda text: None)
        slow = _read(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ris, "BLOCK_CHARS", 40)
        small_blocks = _read(data)
    assert fast == slow
    assert small_blocks == slow


def test_blank_lines_inside_clean_records_keep_every_field_and_line() -> None:
    text = "TY  - JOUR\nTI  - One\n\nAU  - Smith, J.\nER  - \n\n\nTY  - BOOK\n\nTI  - Two\nER  - \n"
    result = read_records(text.encode(), format="ris")
    first, second = result.records
    assert first.title == "One"
    assert [a.family for a in first.authors] == ["Smith"]
    assert (first.provenance[0].line, second.provenance[0].line) == (1, 8)
    assert second.title == "Two"
    assert result.report.warnings == ()


def _build(data: bytes, *, utf8: bool) -> object:
    from realistsynth.formats import ris_reader as ris
    from realistsynth.formats._tagged import build_result
    from realistsynth.protocols import ImportContext

    try:
        result = build_result(
            data,
            ImportContext(file_name="x.ris", sha256="0" * 64),
            "ris",
            ris._split,
            ris._map,
            empty_message="none",
            split_utf8=ris._split_utf8 if utf8 else None,
        )
    except RecordImportError as exc:
        return ("error", str(exc))
    return (result.records, result.report)


_PREFIX = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"Provider: x\r\n"])
_ODD_BYTES = st.sampled_from(
    [b"", b"Caf\xc3\xa9", b"Caf\xe9", b"\xc3", b"\x81", "Kozłowska".encode()]
)


@settings(max_examples=60, deadline=None)
@given(
    prefix=_PREFIX,
    records=st.lists(_RECORD, min_size=1, max_size=4),
    odd=_ODD_BYTES,
    where=st.integers(0, 3),
    crlf=st.booleans(),
)
def test_reading_utf8_blocks_agrees_with_decoding_first(
    prefix: bytes, records: list[str], odd: bytes, where: int, crlf: bool
) -> None:
    """UTF-8 read a block at a time gives what decoding the whole file first gives, and
    bytes that are not UTF-8 (wherever they are), a BOM or CR line ends fall back to that."""
    from realistsynth.formats import ris_reader as ris

    chunks = [r.encode() for r in records]
    chunks[where % len(chunks)] += b"\nN1  - " + odd
    data = prefix + b"\n".join(chunks) + b"\n"
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ris, "BLOCK_CHARS", 30)
        small_blocks = _build(data, utf8=True)
    assert _build(data, utf8=True) == _build(data, utf8=False)
    assert small_blocks == _build(data, utf8=False)
