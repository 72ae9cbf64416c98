"""The CSV/TSV and XLSX importers: each built-in mapping, user mappings, broken rows."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from importers_structured.structured_helpers import DATA, read

from realistsynth.errors import ParseError, RecordImportError
from realistsynth.importing import read_records
from realistsynth.model import Name, PartialDate


def test_rayyan_csv() -> None:
    result = read(DATA / "rayyan.csv")
    assert result.report.format == "csv"
    hunter, bailey = result.records
    assert hunter.authors == (
        Name(family="Hunter", given="David J."),
        Name(family="Perkins", given="Neil"),
    )
    assert hunter.issued == PartialDate(2021, 1, 15)
    assert hunter.abstract == "Abstract one, with a comma."
    assert hunter.pmid == "33500001"
    assert hunter.keywords == ("leadership", "place")
    assert hunter.note == 'RAYYAN-INCLUSION: {"LK"=>"Included", "RG"=>"Included"}'
    assert hunter.provenance[0].source_record_id == "1"
    assert hunter.provenance[0].line == 2  # the row number; the header is row 1
    assert bailey.pmcid == "PMC7000001"
    assert bailey.issn == ("2398-631X",)
    assert bailey.issued == PartialDate(2020)


def test_covidence_csv() -> None:
    smith, okafor = read(DATA / "covidence.csv").records
    assert [a.display() for a in smith.authors] == ["Smith, J.", "Jones, K.", "Patel, R."]
    assert smith.issued == PartialDate(2022, 3)
    assert smith.provenance[0].source_record_id == "#101"
    assert smith.extra == {
        "Accession Number": ("35300001",),
        "Study": ("Smith 2022",),
        "Tags": ("ICS | realist",),
    }
    assert okafor.note == "Check full text"
    assert okafor.provenance[0].line == 3


def test_scopus_csv() -> None:
    millar, ahmed = read(DATA / "scopus.csv").records
    assert [a.display() for a in millar.authors] == ["Millar, R.", "Freeman, T.", "Mannion, R."]
    assert millar.number == "200"
    assert millar.pages is None
    assert millar.provenance[0].source_record_id == "2-s2.0-85000000001"
    assert millar.extra["Cited by"] == ("12",)
    assert millar.extra["Document Type"] == ("Article",)  # the CSL type cannot say it
    assert millar.extra["Author full names"][0].startswith("Millar, Ross (57000000001)")
    assert ahmed.type == "paper-conference"
    assert ahmed.pages == "1-8"
    assert ahmed.issn == ("1568-4156",)


def test_wos_tab_delimited_with_bom() -> None:
    result = read(DATA / "wos-tab.txt")
    assert result.report.encoding == "utf-8 (BOM)"
    elliott, knight = result.records
    assert elliott.authors == (Name(family="Elliott", given="I"), Name(family="Smith", given="G"))
    assert elliott.issued == PartialDate(2020, 10, 5)
    assert elliott.pages == "349-362"
    assert elliott.issn == ("1476-9018", "2042-8685")
    assert elliott.keywords == ("Leadership", "Collaboration")
    assert elliott.extra["ID"] == ("HEALTH-CARE; INTEGRATION",)
    assert elliott.extra["AF"] == ("Elliott, Imelda; Smith, Gareth",)
    assert elliott.type == "article-journal"
    assert elliott.extra["PT"] == ("J",)
    assert elliott.provenance[0].source_record_id == "WOS:000500000000001"
    assert knight.number == "e000456"
    assert knight.pmid == "36900001"


def test_wos_tab_delimited_utf16() -> None:
    text = (DATA / "wos-tab.txt").read_bytes().decode("utf-8-sig")
    result = read(text.encode("utf-16"))
    assert result.report.encoding == "utf-16-le (BOM)"
    assert result.report.records_read == 2


def test_pubmed_csv() -> None:
    robert, smith, who = read(DATA / "pubmed.csv").records
    assert [a.display() for a in robert.authors] == ["Robert, G.", "Donetto, S.", "Williams, O."]
    assert (robert.volume, robert.issue, robert.pages) == ("30", "2", "101-115")
    assert robert.container_title_short == "J Integr Care"
    assert robert.provenance[0].source_record_id == "35400001"
    assert smith.pages == "e045678"
    assert who.authors == (Name(literal="World Health Organization"),)
    assert who.volume is None


def test_zotero_csv() -> None:
    aunger, dalkin = read(DATA / "zotero.csv").records
    assert aunger.type == "article-journal"
    assert aunger.issued == PartialDate(2022, 3, 15)
    assert aunger.keywords == ("Integrated care", "Leadership")
    assert aunger.extra["Extra"] == ("PMID: 35200001",)
    assert dalkin.type == "chapter"
    assert [e.family for e in dalkin.editors] == ["Emmel", "Greenhalgh"]
    assert dalkin.provenance[0].source_record_id == "EFGH5678"


def test_lens_csv() -> None:
    smith, brown = read(DATA / "lens.csv").records
    assert smith.authors == (Name(family="Smith", given="Anna"), Name(family="Jones", given="Ben"))
    assert smith.issn == ("0960-1643", "1478-5242")
    assert smith.pages == "e500-e508"
    assert smith.extra["MeSH Terms"] == ("Leadership; Primary Health Care",)
    assert brown.type == "chapter"


def test_generic_semicolon_csv() -> None:
    result = read(DATA / "generic.csv")
    knight, formula = result.records
    assert knight.doi == "10.1108/jica-02-2022-0009"
    assert knight.issue == "2"
    assert knight.provenance[0].source_record_id == "R1"
    assert knight.extra == {"Reviewer decision": ("include",)}
    assert formula.title == '=HYPERLINK("https://example.org")'  # kept as data on import


def test_user_mapping_dict_and_toml(tmp_path: Path) -> None:
    data = b"Study title,Lead author,Pub year,Where\nA study,Knight L,2022,Leeds\n"
    with pytest.raises(ParseError, match="matches no known export"):
        read(data, format="csv")
    mapping = {"Study title": "title", "Lead author": "author", "Pub year": "year"}
    (record,) = read(data, format="csv", options={"mapping": mapping}).records
    assert record.title == "A study"
    assert record.authors == (Name(family="Knight", given="L."),)
    assert record.issued == PartialDate(2022)
    assert record.extra == {"Where": ("Leeds",)}

    toml = tmp_path / "mapping.toml"
    toml.write_text(
        '[columns]\n"Study title" = "title"\n"Lead author" = "authors"\n'
        '"Where" = "publisher_place"\n',
        encoding="utf-8",
    )
    (record,) = read(data, format="csv", options={"mapping": toml}).records
    assert record.publisher_place == "Leeds"
    assert record.extra == {"Pub year": ("2022",)}

    with pytest.raises(RecordImportError, match="unknown field 'colour'"):
        read(data, format="csv", options={"mapping": {"Where": "colour"}})


def test_user_mapping_overrides_a_detected_mapping() -> None:
    data = (DATA / "covidence.csv").read_bytes()
    result = read(data, options={"mapping": {"Study": "note", "Notes": "publisher"}})
    assert result.records[0].note == "Smith 2022"
    assert result.records[1].publisher == "Check full text"


def test_broken_row_lenient_and_strict() -> None:
    data = b"title,authors,year\nGood,Smith J,2020\nBad,Jones K,2021,extra cell\nAlso good,,2022\n"
    result = read(data, format="csv")
    assert [r.title for r in result.records] == ["Good", "Also good"]
    (skipped,) = result.report.skipped
    assert (skipped.index, skipped.line) == (1, 3)
    assert "row 3 has 4 cells but the header has 3" in skipped.reason
    assert [r.provenance[0].index for r in result.records] == [0, 2]
    with pytest.raises(ParseError) as caught:
        read(data, format="csv", strict=True)
    assert caught.value.line == 3


def test_csv_not_recognised_without_a_known_header() -> None:
    with pytest.raises(RecordImportError, match="format not recognised"):
        read(b"a,b,c\n1,2,3\n")


def _workbook_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_generic_and_covidence() -> None:
    data = _workbook_bytes(
        [
            ["Title", "Authors", "Year", "Journal", "DOI", "Volume", "Added on", "Score"],
            [
                "Leadership in ICSs",
                "Knight, L.; Tucker, D.",
                2022,
                "J Integr Care",
                "10.1108/JICA-1",
                30,
                dt.datetime(2022, 9, 20),
                4.5,
            ],
            [None, None, None, None, None, None, None, None],
            ["Second", "Okafor N", 2023.0, None, None, None, None, None],
        ]
    )
    result = read(data)
    assert result.report.format == "xlsx"
    first, second = result.records
    assert first.title == "Leadership in ICSs"
    assert [a.family for a in first.authors] == ["Knight", "Tucker"]
    assert first.issued == PartialDate(2022)
    assert first.volume == "30"
    assert first.doi == "10.1108/jica-1"
    assert first.extra == {"Added on": ("2022-09-20",), "Score": ("4.5",)}
    assert second.issued == PartialDate(2023)
    assert second.provenance[0].line == 4


def test_xlsx_rows_go_through_the_same_mappings() -> None:
    header, *rows = list((DATA / "covidence.csv").read_text(encoding="utf-8").splitlines())
    import csv

    table = list(csv.reader([header, *rows]))
    result = read(_workbook_bytes(table), format="xlsx")
    assert [r.provenance[0].source_record_id for r in result.records] == ["#101", "#102"]


def test_xlsx_garbage_is_our_error() -> None:
    good = _workbook_bytes([["Title", "Year"], ["x", 2020]])
    for data in (b"PK\x03\x04not a zip at all", good[: len(good) // 2], good[:100]):
        with pytest.raises(ParseError, match="xlsx"):
            read(data, format="xlsx")


def test_date_cells_the_date_does_not_use_are_kept() -> None:
    data = b"title,year,date,month\nA,2021,2020-05-01,June\nB,2019,,Spring\n"
    first, second = read(data, format="csv").records
    assert first.issued == PartialDate(2020, 5, 1)
    assert first.extra == {"year": ("2021",), "month": ("June",)}
    assert second.issued == PartialDate(2019)
    assert second.extra == {"month": ("Spring",)}


def test_excel_sep_hint_line() -> None:
    data = "sep=;\r\nTitle;Authors;Year\r\nÉtude;Dupont, A.;2020\r\n".encode("cp1252")
    result = read(data)
    assert result.report.format == "csv"
    (record,) = result.records
    assert (record.title, record.year, record.authors[0].family) == ("Étude", 2020, "Dupont")
    assert record.provenance[0].line == 2
    assert result.report.encoding == "cp1252"


def test_unnamed_and_repeated_headers_keep_their_cells_apart() -> None:
    # an empty header is "column N", a repeated one gets its position; a short row is read
    # with the cells it has
    data = b"Title,,Reviewer,Reviewer,Year\nLeadership in care,left,AB,CD,2021\nShort row,only\n"
    full, short = read(data, format="csv").records
    assert full.title == "Leadership in care"
    assert full.issued == PartialDate(2021)
    assert full.extra == {
        "column 2": ("left",),
        "Reviewer": ("AB",),
        "Reviewer (4)": ("CD",),
    }
    assert short.title == "Short row"
    assert short.extra == {"column 2": ("only",)}


_COLREV = (
    '"ID","ENTRYTYPE","colrev_status","author","title","year","journal","booktitle",'
    '"volume","number","pages","doi","abstract"\n'
    '"id_0000001","article","md_processed","Knight, Lisa and Neiva Ganga, Rute and Tucker, D.",'
    '"Integrated care system leadership: a rapid realist review","2024",'
    '"Journal of Integrated Care",,"32","1","1--19","10.1108/JICA-05-2023-0033",\n'
    '"id_0000002","inproceedings","md_processed","Deng, Chaoqun and Ravichandran, T.",'
    '"How consumers perceive trustworthiness of providers in the sharing economy","2017",,'
    '"Americas Conference on Information Systems",,,,,"There is limited research."\n'
)


def test_the_colrev_and_bib_dedupe_csv_layout_is_recognised() -> None:
    """bib-dedupe's labelled sets and CoLRev's records: BibTeX field names, ENTRYTYPE, authors
    joined by " and " (issue 21); read as such, not by the generic mapping."""
    result = read_records(_COLREV.encode(), file_name="records_pre_merged.csv")
    assert "CoLRev / bib-dedupe CSV" in " ".join(result.report.warnings)
    article, paper = result.records
    assert [a.family for a in article.authors] == ["Knight", "Neiva Ganga", "Tucker"]
    assert article.type == "article-journal"  # BibTeX's article, not CSL's "article"
    assert (article.container_title, article.volume, article.issue, article.pages) == (
        "Journal of Integrated Care",
        "32",
        "1",
        "1-19",
    )
    assert article.provenance[0].source_record_id == "id_0000001"
    assert paper.type == "paper-conference"
    assert paper.container_title == "Americas Conference on Information Systems"
    assert [a.given for a in paper.authors] == ["Chaoqun", "T."]
    assert paper.extra["colrev_status"] == ("md_processed",)
