"""Whatever the bytes, the text importers return records or raise realistsynth's own errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realistsynth.errors import RealistsynthError
from realistsynth.importing import read_records
from realistsynth.plugins import get_plugin_manager
from realistsynth.protocols import ImportContext, ImportResult

FORMATS = ("ris", "medline", "endnote-tagged", "wos")

_TAGS = {
    "ris": [
        "TY",
        "ER",
        "AU",
        "A1",
        "TI",
        "T1",
        "PY",
        "Y1",
        "DA",
        "SP",
        "EP",
        "DO",
        "AN",
        "DB",
        "SN",
        "KW",
        "N1",
        "AB",
        "ty",
        "er",
        "C2",
        "ID",
        "BT",
        "A2",
    ],
    "medline": [
        "PMID",
        "FAU",
        "AU",
        "TI",
        "AB",
        "DP",
        "LID",
        "AID",
        "PG",
        "IS",
        "PMC",
        "CN",
        "BTI",
        "PT",
        "FED",
        "ED",
        "OT",
        "MH",
    ],
    "endnote-tagged": [
        "%0",
        "%A",
        "%E",
        "%T",
        "%D",
        "%8",
        "%P",
        "%R",
        "%@",
        "%K",
        "%M",
        "%~",
        "%J",
        "%B",
        "%X",
        "%Z",
    ],
    "wos": [
        "FN",
        "VR",
        "PT",
        "ER",
        "EF",
        "AU",
        "AF",
        "GP",
        "TI",
        "PY",
        "PD",
        "BP",
        "EP",
        "AR",
        "DI",
        "PM",
        "UT",
        "DE",
        "SN",
        "BN",
        "DT",
        "C1",
        "CR",
    ],
}
_SEPARATORS = ["  - ", "  -", " - ", "- ", " ", "", "\t", "  -  "]
_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "JOUR",
            "BOOK",
            "2020",
            "2020/05//",
            "Smith, J",
            "10.1000/x",
            "123-9",
            "MAY 14",
            "PubMed",
            "PMC123",
            "Journal Article",
            "Book Chapter",
            "e12-e3",
            "9780000000000",
            "",
        ]
    ),
)
_NEWLINES = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n      ", "\n   "])


@st.composite
def tagged_text(draw: st.DrawFn, fmt: str) -> bytes:
    """Text made of lines that look like the format's tag lines, in any order."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(_TAGS[fmt]))
        parts.append(tag + draw(st.sampled_from(_SEPARATORS)) + draw(_VALUES))
        parts.append(draw(_NEWLINES))
    text = "".join(parts)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


def _read(fmt: str, data: bytes, strict: bool) -> None:
    importer = get_plugin_manager(load_entry_points=False).importer(fmt)
    context = ImportContext(file_name="fuzz", sha256="0" * 64, strict=strict)
    try:
        result = importer.read(data, context)
    except RealistsynthError:
        return
    assert isinstance(result, ImportResult)
    assert result.report.records_read == len(result.records)
    for index, record in enumerate(result.records):
        assert record.provenance[0].format == fmt
        assert record.provenance[0].index is not None
        if index:
            previous = result.records[index - 1].provenance[0].index
            assert previous is not None
            assert record.provenance[0].index > previous


@pytest.mark.parametrize("fmt", FORMATS)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), strict=st.booleans())
def test_arbitrary_bytes(fmt: str, data: bytes, strict: bool) -> None:
    _read(fmt, data, strict)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), strict=st.booleans())
def test_tag_like_text(fmt: str, data: st.DataObject, strict: bool) -> None:
    _read(fmt, data.draw(tagged_text(fmt)), strict)


@settings(deadline=None)
@given(data=st.one_of(st.binary(max_size=500), tagged_text("ris"), tagged_text("medline")))
def test_sniffing_any_bytes(data: bytes) -> None:
    try:
        result = read_records(data)
    except RealistsynthError:
        return
    assert result.report.format in FORMATS
