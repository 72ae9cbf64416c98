"""RIS quirks seen in the wild: encodings, line endings, missing ER, repeated tags, lower-case
tags, blank lines, continuation lines, broken records in strict and lenient mode."""

from __future__ import annotations

import codecs

import pytest

from realistsynth.errors import ParseError, RecordImportError
from realistsynth.importing import read_records

TWO = (
    "TY  - JOUR\n"
    "AU  - Kozłowska, Olga\n"
    "TI  - Café culture and système leadership\n"
    "PY  - 2020\n"
    "ER  - \n"
    "\n"
    "TY  - BOOK\n"
    "AU  - Müller, Jörg\n"
    "TI  - Zweite Studie\n"
    "PY  - 2019\n"
    "ER  - \n"
)


def test_utf8_with_and_without_bom_read_the_same() -> None:
    plain = read_records(TWO.encode("utf-8"))
    bom = read_records(codecs.BOM_UTF8 + TWO.encode("utf-8"))
    assert [r.title for r in plain.records] == [r.title for r in bom.records]
    assert len(bom.records) == 2  # rispy loses the first record behind a BOM
    assert plain.report.encoding == "utf-8"
    assert bom.report.encoding == "utf-8 (BOM)"
    assert bom.report.warnings == ()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    if codec == "utf-16":
        data = TWO.encode("utf-16")  # platform order, BOM included
    else:
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + TWO.encode(codec)
    result = read_records(data)
    assert result.report.format == "ris"  # sniffed through the UTF-16 bytes
    assert result.report.encoding.startswith("utf-16")
    assert result.records[0].authors[0].family == "Kozłowska"
    assert result.records[1].title == "Zweite Studie"


def test_cp1252_fallback_is_a_warning() -> None:
    text = TWO.replace("Kozłowska", "Kowalska").replace("Café", "Café “quoted”")
    result = read_records(text.encode("cp1252"))
    assert result.report.encoding == "cp1252"
    assert len(result.report.warnings) == 1
    assert "not valid UTF-8" in result.report.warnings[0]
    assert result.records[0].title == "Café “quoted” culture and système leadership"


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r", "mixed"], ids=["LF", "CRLF", "CR", "mixed"])
def test_line_endings(ending: str) -> None:
    lines = TWO.split("\n")
    if ending == "mixed":
        text = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines))
    else:
        text = ending.join(lines)
    result = read_records(text.encode("utf-8"))
    assert [r.title for r in result.records] == [
        "Café culture and système leadership",
        "Zweite Studie",
    ]
    assert [r.provenance[0].line for r in result.records] == [1, 7]
    assert result.report.warnings == ()


def test_missing_final_er_keeps_the_last_record_with_a_warning() -> None:
    text = TWO.rsplit("ER  - ", 1)[0]
    result = read_records(text.encode())
    assert [r.title for r in result.records] == [
        "Café culture and système leadership",
        "Zweite Studie",
    ]
    assert result.report.warnings == ("the last record (line 7) has no ER",)


def test_ty_without_er_before_it_starts_a_new_record() -> None:
    text = TWO.replace("ER  - \n\nTY  - BOOK", "TY  - BOOK", 1)
    result = read_records(text.encode())
    assert len(result.records) == 2
    assert result.records[1].type == "book"
    assert "record at line 1 has no ER" in result.report.warnings[0]


def test_repeated_single_valued_tags_are_kept_in_extra() -> None:
    text = TWO.replace(
        "TI  - Café culture and système leadership\n",
        "TI  - Café culture and système leadership\nTI  - A second title\nTI  - A third\n"
        "DO  - 10.1000/one\nDO  - 10.1000/two\nPY  - 2021\nXY  - custom\nXY  - custom two\n",
    )
    (first, _second) = read_records(text.encode()).records
    assert first.title == "Café culture and système leadership"
    assert first.extra["TI"] == ("A second title", "A third")
    assert first.doi == "10.1000/one"
    assert first.extra["DO"] == ("10.1000/two",)
    assert first.year == 2021  # the first PY (inserted above the file's own) wins
    assert first.extra["PY"] == ("2020",)
    assert first.extra["XY"] == ("custom", "custom two")


def test_lower_case_tag_line_is_read_as_its_tag_not_as_an_author() -> None:
    text = TWO.replace("PY  - 2020\n", "py  - 2020\nkw  - leadership\n")
    result = read_records(text.encode())
    first = result.records[0]
    assert [a.family for a in first.authors] == ["Kozłowska"]
    assert first.year == 2020
    assert first.keywords == ("leadership",)
    assert result.report.warnings == ("line 4: lower-case tag 'py' read as 'PY'",)


def test_blank_lines_inside_a_record_do_not_end_it() -> None:
    text = TWO.replace("TI  - Café", "\n\nTI  - Café").replace("PY  - 2019", "\nPY  - 2019")
    result = read_records(text.encode())
    assert [r.year for r in result.records] == [2020, 2019]
    assert result.records[0].title == "Café culture and système leadership"
    assert result.report.warnings == ()


def test_continuation_lines_join_with_newline_or_space() -> None:
    text = TWO.replace(
        "PY  - 2020\n",
        "PY  - 2020\nAB  - First paragraph.\nSecond paragraph,\n    wrapped here.\n",
    )
    first = read_records(text.encode()).records[0]
    assert first.abstract == "First paragraph.\nSecond paragraph, wrapped here."


def test_keywords_on_the_lines_under_one_kw_tag_are_each_a_keyword() -> None:
    """EndNote and Rayyan write one KW tag and a keyword on each line after it (both real
    samples do); a keyword line that is wrapped (indented) stays one keyword."""
    text = TWO.replace(
        "PY  - 2020\n",
        "PY  - 2020\nKW  - Animals\nAnti-Inflammatory Agents/pharmacology\n\n"
        "Clinical Trials as Topic\n   (wrapped)\nKW  - Tagged\n",
    )
    first = read_records(text.encode()).records[0]
    assert first.keywords == (
        "Animals",
        "Anti-Inflammatory Agents/pharmacology",
        "Clinical Trials as Topic (wrapped)",
        "Tagged",
    )


def test_single_space_before_hyphen_and_empty_values() -> None:
    text = "TY - JOUR\nTI - Loose spacing\nVL  - \nAU  -\nPY - 2001\nER -\n"
    result = read_records(text.encode(), format="ris")
    (record,) = result.records
    assert record.title == "Loose spacing"
    assert record.year == 2001
    assert record.volume is None
    assert record.authors == ()


def test_unknown_type_is_a_document_and_keeps_its_code() -> None:
    (record,) = read_records(b"TY  - ODDTYPE\nTI  - X\nER  - \n").records
    assert record.type == "document"
    assert record.extra["TY"] == ("ODDTYPE",)


def test_types_map_to_csl() -> None:
    text = "".join(
        f"TY  - {code}\nTI  - {code}\nER  - \n"
        for code in ("JOUR", "BOOK", "CHAP", "RPRT", "CONF", "CPAPER", "THES", "ELEC", "WEB", "GEN")
    )
    types = [r.type for r in read_records(text.encode()).records]
    assert types == [
        "article-journal",
        "book",
        "chapter",
        "report",
        "paper-conference",
        "paper-conference",
        "thesis",
        "webpage",
        "webpage",
        "document",
    ]


BROKEN = (
    "TY  - JOUR\nTI  - Good one\nER  - \n\n"
    "AU  - Orphan, Tag\nTI  - No TY line\nER  - \n\n"
    "TY  - JOUR\nTI  - Good two\nER  - \n"
)


def test_lenient_mode_skips_only_the_broken_record_and_lists_it() -> None:
    result = read_records(BROKEN.encode(), file_name="broken.ris")
    assert [r.title for r in result.records] == ["Good one", "Good two"]
    (skip,) = result.report.skipped
    assert skip.index == 1
    assert skip.line == 5
    assert "outside a record" in skip.reason
    assert [r.provenance[0].index for r in result.records] == [0, 2]


def test_strict_mode_raises_one_parse_error_naming_file_and_line() -> None:
    with pytest.raises(ParseError) as caught:
        read_records(BROKEN.encode(), file_name="broken.ris", strict=True)
    error = caught.value
    assert error.file == "broken.ris"
    assert error.line == 5
    assert "outside a record" in str(error)
    assert str(error).startswith("broken.ris:5: record 2:")


def test_text_that_is_not_ris_fails_entirely() -> None:
    with pytest.raises(ParseError, match="no RIS record found"):
        read_records(b"just some text\nwithout tags\n", format="ris", file_name="x.txt")


def test_empty_file_reads_no_records_with_a_warning() -> None:
    result = read_records(b"\n\n", format="ris")
    assert result.records == ()
    assert result.report.warnings == ("the file holds no records",)


def test_unrecognised_content_names_the_known_formats() -> None:
    with pytest.raises(RecordImportError, match="format not recognised") as caught:
        read_records(b"<html>not a bibliography</html>", file_name="page.html")
    assert "ris" in str(caught.value)
    assert "medline" in str(caught.value)


def test_provenance_carries_the_context() -> None:
    result = read_records(
        TWO.encode(), file_name="scopus.ris", source_id="scopus", search_run_id="run-1"
    )
    prov = result.records[1].provenance[0]
    assert (prov.file, prov.index, prov.line, prov.format) == ("scopus.ris", 1, 7, "ris")
    assert (prov.source_id, prov.search_run_id) == ("scopus", "run-1")


def test_clean_and_general_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the fast path reads gives the same records as the line-by-line path."""
    from realistsynth.formats import ris_reader as ris

    clean = TWO * 30
    fast = read_records(clean.encode()).records
    # both fast paths (a clean block, a clean record) start from _line_starts
    monkeypatch.setattr(ris, "_line_starts", lambda text: None)
    slow = read_records(clean.encode()).records
    assert fast == slow
    assert len(fast) == 60
    assert fast[-1].provenance[0].line == 29 * 11 + 7


def test_small_blocks_give_the_same_records(monkeypatch: pytest.MonkeyPatch) -> None:
    from realistsynth.formats import ris_reader as ris

    text = (TWO * 20).replace("TI  - Zweite", "ti  - Zweite", 3)
    whole = read_records(text.encode())
    monkeypatch.setattr(ris, "BLOCK_CHARS", 50)
    blocks = read_records(text.encode())
    assert whole.records == blocks.records
    assert whole.report == blocks.report
