"""Offsets in UTF-16 code units and in code points, checked against slicing the UTF-16
encoding directly (what a REFI-QDA tool counts)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import realistsynth as rs

_chars = st.sampled_from("ab \n\r\u00e9\u4e2d\U0001f600\U00010348")


def _utf16_slice(text: str, start: int, end: int) -> str | None:
    data = text.encode("utf-16-le")
    if end * 2 > len(data):
        return None
    try:
        data[: 2 * start].decode("utf-16-le")
        data[: 2 * end].decode("utf-16-le")
        return data[2 * start : 2 * end].decode("utf-16-le")
    except UnicodeDecodeError:
        return None


@settings(deadline=None)
@given(st.text(_chars, min_size=1, max_size=20), st.integers(0, 45), st.integers(0, 45))
def test_quotes_agree_with_slicing_the_utf16_encoding(text: str, a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    if not text.strip():
        return
    source = rs.SourceText("r", text)
    span = rs.TextSpan(source.sha256, start, end, rs.OffsetUnit.UTF16)
    expected = _utf16_slice(text, start, end)
    assert source.quote(span) == expected
    assert span.quote(text) == expected
    points = rs.TextSpan(source.sha256, start, end, rs.OffsetUnit.CODE_POINT)
    in_text = end <= len(text)
    assert source.quote(points) == (text[start:end] if in_text else None)
    assert points.quote(text) == (text[start:end] if in_text else None)


def test_an_extract_must_be_as_long_as_its_span() -> None:
    text = "😀 trust"
    source = rs.SourceText("r", text)
    span = rs.TextSpan(source.sha256, 3, 8)
    assert source.quote(span) == "trust"
    with pytest.raises(ValueError, match=r"4 utf-16 unit\(s\) long"):
        rs.CodedExtract("e", "r", "trus", span=span)
