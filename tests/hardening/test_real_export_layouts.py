"""Issue 19, real exports that failed: fixtures of our own making that follow each producer's
layout (tests/data/hardening/), read through the public entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from realistsynth.errors import ParseError
from realistsynth.importing import read_records

DATA = Path(__file__).parent.parent / "data" / "hardening"


def test_web_of_science_bibtex_with_bracketed_field_names() -> None:
    result = read_records(DATA / "wos_savedrecs.bib")
    assert result.report.format == "bibtex"
    assert not result.report.skipped
    first, second = result.records
    assert first.doi == "10.1136/bmjopen-2021-055463"
    assert [a.family for a in first.authors] == ["Aunger", "Millar", "Greenhalgh"]
    assert first.extra["Usage-Count-(Last-180-days)"] == ("2",)
    assert first.extra["Unique-ID"] == ("WOS:000512345600001",)
    assert second.pages == "151-160"


def test_scopus_csv_rows_with_a_trailing_comma() -> None:
    result = read_records(DATA / "scopus_trailing_comma.csv")
    assert result.report.format == "csv"
    assert [r.title for r in result.records] == [
        "When trust, confidence, and faith collide",
        "Leadership in interprofessional teams",
    ]
    assert not result.report.skipped
    assert result.records[1].pages == "151-160"


def test_ieee_xplore_csv_is_recognised() -> None:
    result = read_records(DATA / "ieee_xplore.csv")
    assert result.report.format == "csv"
    assert any("IEEE Xplore" in w for w in result.report.warnings)
    first, second = result.records
    assert first.title == "Leadership of digital health programmes: a realist synthesis"
    assert [a.family for a in first.authors] == ["Smith", "Jones"]
    assert (first.year, first.volume, first.issue, first.pages) == (2021, "25", "4", "1021-1030")
    assert second.container_title is not None
    assert second.container_title.startswith("2020 IEEE International Conference")


def test_web_of_science_tab_delimited_with_bom_and_cr_only_lines() -> None:
    data = (DATA / "wos_tab_delimited_cr.txt").read_bytes()
    assert b"\n" not in data
    assert data.startswith(b"\xef\xbb\xbf")
    result = read_records(data)
    assert result.report.format == "csv"
    first, second = result.records
    assert first.doi == "10.1136/bmjopen-2021-055463"
    assert first.pmid == "35236731"
    assert second.pages == "151-160"


def test_bibtex_entry_with_a_garbled_field_is_recovered_with_a_warning() -> None:
    result = read_records(DATA / "bibtex_garbled_field.bib")
    assert not result.report.skipped
    first, second = result.records
    assert first.doi == "10.1258/1355819054308530"
    assert first.abstract == "Evidence-based policy is a dominant theme."
    assert first.extra["unparsed"] == ("Cookie settings Accept all cookies",)
    assert any("not BibTeX" in w for w in result.report.warnings)
    assert second.title == "RAMESES publication standards: realist syntheses"


def test_a_garbled_field_that_cannot_be_recovered_still_skips_in_strict_mode() -> None:
    text = b"@article{a,\n  title = {x} junk without a comma\n}\n"
    with pytest.raises(ParseError):
        read_records(text, "bibtex", strict=True)
