"""MEDLINE, EndNote tagged and Web of Science: broken records, strict vs lenient, sniffing,
and the doctests of the shared normalisation they rely on."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from realistsynth.errors import ParseError
from realistsynth.formats import _tagged, normalise
from realistsynth.importing import read_records

# each: a record, tag lines outside any record, a record; the broken part starts on line 4
# (EndNote tagged has no such lines: as in refer, any tag line can start a record; see
# tests/real_exports/test_real_export_regressions.py)
BROKEN = {
    "medline": "XX  - orphan before any PMID\n",
    "wos": "TI orphan before any PT\n",
}
GOOD = {
    "medline": ("PMID- 1\nTI  - One\n\n", "PMID- 2\nTI  - Two\n"),
    "wos": (
        "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI One\nER\n",
        "PT J\nTI Two\nER\nEF\n",
    ),
}


@pytest.mark.parametrize("fmt", sorted(BROKEN))
def test_orphan_tags_are_a_skipped_record(fmt: str) -> None:
    first, last = GOOD[fmt]
    if fmt == "wos":
        text = first + BROKEN[fmt] + last
        line = 6
    else:
        text = BROKEN[fmt] + first + last
        line = 1
    result = read_records(text.encode(), file_name=f"x.{fmt}")
    assert result.report.format == fmt
    assert [r.title for r in result.records] == ["One", "Two"]
    (skip,) = result.report.skipped
    assert skip.line == line
    assert "outside a record" in skip.reason
    with pytest.raises(ParseError) as caught:
        read_records(text.encode(), file_name=f"x.{fmt}", strict=True)
    assert caught.value.line == line
    assert caught.value.file == f"x.{fmt}"


@pytest.mark.parametrize("fmt", sorted(BROKEN))
def test_file_of_only_orphans_is_not_the_format(fmt: str) -> None:
    with pytest.raises(ParseError, match="record found"):
        read_records(BROKEN[fmt].encode(), format=fmt)


def test_medline_bom_whitespace_line_and_no_final_newline() -> None:
    text = "\ufeffPMID- 11\nTI  - A title\n      continued\n   \nFAU - Smith, Jane\nAU  - Smith J"
    result = read_records(text.encode("utf-8"))
    (record,) = result.records
    assert record.title == "A title continued"
    assert record.authors[0].given == "Jane"
    assert len(record.authors) == 1  # the AU after an FAU is its short form
    assert result.report.encoding == "utf-8 (BOM)"


def test_medline_book_chapter() -> None:
    text = (
        "PMID- 5\nBTI - A book on realist methods\nTI  - A chapter\nPT  - Review\n"
        "FED - Emmel, Nick\nED  - Emmel N\nISBN- 9781473971776\n"
    )
    (record,) = read_records(text.encode()).records
    assert record.type == "chapter"
    assert record.container_title == "A book on realist methods"
    assert [e.family for e in record.editors] == ["Emmel"]
    assert record.isbn == ("9781473971776",)


def test_wos_missing_er_and_ef() -> None:
    text = "PT J\nAU Smith, J\nTI One\nPT J\nTI Two\n"
    result = read_records(text.encode(), format="wos")
    assert [r.title for r in result.records] == ["One", "Two"]
    assert result.report.warnings == (
        "record at line 1 has no ER; it ends at line 3",
        "the last record (line 4) has no ER",
    )
    assert result.records[0].authors[0].family == "Smith"  # AU alone gives the authors


def test_wos_ris_is_sniffed_as_ris_and_wos_plain_as_wos() -> None:
    header = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
    assert read_records((header + "TY  - JOUR\nTI  - X\nER  - \n").encode()).report.format == "ris"
    assert read_records((header + "PT J\nTI X\nER\nEF\n").encode()).report.format == "wos"


def test_endnote_unknown_type_is_kept() -> None:
    (record,) = read_records(b"%0 Holographic Slide\n%T X\n").records
    assert record.type == "document"
    assert record.extra["%0"] == ("Holographic Slide",)


@pytest.mark.parametrize("module", [normalise, _tagged])
def test_doctests(module: ModuleType) -> None:
    failures, tried = doctest.testmod(module)
    assert tried > 0
    assert failures == 0
