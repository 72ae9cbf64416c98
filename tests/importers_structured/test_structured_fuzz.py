"""Fuzzing: whatever the bytes, the structured importers raise only realistsynth's errors.

Each importer gets arbitrary bytes, and bytes made by damaging a real sample (cut short,
bytes flipped, lines shuffled), in strict and lenient mode. XLSX also gets truncated and
corrupted workbooks.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importers_structured.structured_helpers import DATA

from realistsynth.errors import RealistsynthError
from realistsynth.plugins import get_plugin_manager
from realistsynth.protocols import ImportContext

FORMATS = ["bibtex", "endnote-xml", "csv", "xlsx", "csl-json", "openalex"]
SAMPLES = {
    "bibtex": ["zotero.bib", "edge-cases.bib", "wos.bib", "mendeley.bib"],
    "endnote-xml": ["endnote.xml"],
    "csv": ["covidence.csv", "wos-tab.txt", "pubmed.csv", "generic.csv"],
    "csl-json": ["zotero-csl.json"],
    "openalex": ["openalex-work.json", "openalex-page.json"],
}

_MANAGER = get_plugin_manager(load_entry_points=False)


def _read_only_our_errors(name: str, data: bytes, strict: bool) -> None:
    importer = _MANAGER.importer(name)
    context = ImportContext("fuzz", "0" * 64, strict=strict)
    try:
        result = importer.read(data, context)
    except RealistsynthError:
        return
    for record in result.records:  # records that come out are valid model objects
        assert record.provenance[0].file == "fuzz"
    importer.sniff(data[:8192])


@pytest.mark.parametrize("name", FORMATS)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), strict=st.booleans())
def test_arbitrary_bytes(name: str, data: bytes, strict: bool) -> None:
    _read_only_our_errors(name, data, strict)


def _damaged(sample: bytes) -> st.SearchStrategy[bytes]:
    def damage(cut: int, flips: list[tuple[int, int]], insert: bytes) -> bytes:
        data = bytearray(sample[: max(1, cut)])
        for position, value in flips:
            data[position % len(data)] = value
        at = cut // 2
        return bytes(data[:at]) + insert + bytes(data[at:])

    return st.builds(
        damage,
        st.integers(0, len(sample)),
        st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
        st.sampled_from([b"", b"{", b"}", b'"', b"@article{", b"\n@", b"<", b"\x00", b",", b"\t"]),
    )


@pytest.mark.parametrize(
    ("name", "file"), [(name, file) for name, files in SAMPLES.items() for file in files]
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), strict=st.booleans())
def test_damaged_samples(name: str, file: str, data: st.DataObject, strict: bool) -> None:
    sample = (DATA / file).read_bytes()
    _read_only_our_errors(name, data.draw(_damaged(sample)), strict)


def _workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Title", "Authors", "Year", "DOI"])
    for n in range(20):
        sheet.append([f"Title {n}", "Knight, L.; Tucker, D.", 2000 + n, f"10.1000/{n}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WORKBOOK = _workbook()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(0, len(WORKBOOK)),
    flips=st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), max_size=6),
    strict=st.booleans(),
)
def test_truncated_and_corrupted_workbooks(
    cut: int, flips: list[tuple[int, int]], strict: bool
) -> None:
    data = bytearray(WORKBOOK)
    for position, value in flips:
        data[position] = value
    _read_only_our_errors("xlsx", bytes(data[:cut]), strict)


def test_the_intact_workbook_reads() -> None:
    context = ImportContext("book.xlsx", "0" * 64)
    result = _MANAGER.importer("xlsx").read(WORKBOOK, context)
    assert result.report.records_read == 20
