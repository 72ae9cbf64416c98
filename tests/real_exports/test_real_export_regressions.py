"""Focused regressions for the importer bugs that the real exports revealed, each on a small
hand-made file that imitates the exporter's quirk (the invented records are not copied from
the samples; see tests/data/real-exports/README.md for the exporters)."""

from __future__ import annotations

import pytest

from realistsynth.errors import ParseError
from realistsynth.importing import read_records

# AIS eLibrary's EndNote tagged export: %T first, %0 second or missing, two blank lines apart
AIS_REFER = """\
%T Governing Platform Work: A Field Study
%0 Journal Article
%A Doe, Jane
%B Management Information Systems Quarterly
%D 2021
%P 1-20


%T Volume 45, Issue 3 Table of Contents
%B Management Information Systems Quarterly
%D 2021


%T A Conference Paper Without Type
%A Roe, Richard
%B Research Papers
%D 2017
"""


def test_refer_records_start_at_any_tag_after_a_blank_line() -> None:
    result = read_records(AIS_REFER.encode())
    assert result.report.format == "endnote-tagged"
    assert result.report.skipped == ()
    titles = [r.title for r in result.records]
    assert titles == [
        "Governing Platform Work: A Field Study",
        "Volume 45, Issue 3 Table of Contents",
        "A Conference Paper Without Type",
    ]
    first, toc, paper = result.records
    assert first.type == "article-journal"  # its %0 came second
    assert [a.family for a in first.authors] == ["Doe"]
    assert "%0" not in first.extra
    assert toc.type == paper.type == "document"
    assert [r.year for r in result.records] == [2021, 2021, 2017]
    assert [r.provenance[0].line for r in result.records] == [1, 9, 14]


def test_endnote_records_without_blank_lines_still_split_at_each_type_line() -> None:
    text = "%0 Journal Article\n%T One\n%0 Book\n%T Two\n"
    result = read_records(text.encode())
    assert [(r.type, r.title) for r in result.records] == [
        ("article-journal", "One"),
        ("book", "Two"),
    ]


def test_refer_type_line_after_a_blank_line_starts_a_new_record() -> None:
    text = "%T One\n\n%0 Journal Article\n%T Two\n"
    result = read_records(text.encode(), format="endnote-tagged")
    assert [(r.type, r.title) for r in result.records] == [
        ("document", "One"),
        ("article-journal", "Two"),
    ]


def test_endnote_text_with_no_tag_line_is_still_not_a_record() -> None:
    with pytest.raises(ParseError, match="record found"):
        read_records(b"just some words\n", format="endnote-tagged")


# Ovid's RIS: record numbers before TY, and an NL tag plus link lines AFTER each ER
OVID_TRAILERS = """\
1.
TY  - JOUR
T1  - First record
Y1  - 2019//
ER  -
NL  - J Invented Stud
Link to the Ovid Full Text or citation: https://ovid.example/first

2.
TY  - JOUR
T1  - Second record
ER  -
NL  - Invented Rev
"""


def test_ovid_tag_lines_after_er_belong_to_the_record_before() -> None:
    result = read_records(OVID_TRAILERS.encode())
    assert result.report.format == "ris"
    assert result.report.skipped == ()
    first, second = result.records
    assert first.title == "First record"
    assert first.extra["NL"] == (
        "J Invented Stud\nLink to the Ovid Full Text or citation: https://ovid.example/first",
    )
    assert second.extra["NL"] == ("Invented Rev",)
    assert [r.provenance[0].index for r in result.records] == [0, 1]
    assert any("after their end" in w for w in result.report.warnings)


def test_tag_lines_closed_by_er_without_ty_are_still_a_broken_record() -> None:
    text = "TY  - JOUR\nTI  - One\nER  -\nAU  - Orphan, Tag\nER  -\nTY  - JOUR\nTI  - Two\nER  -\n"
    result = read_records(text.encode())
    assert [r.title for r in result.records] == ["One", "Two"]
    (skip,) = result.report.skipped
    assert skip.line == 4
    assert "outside a record" in skip.reason


# ERIC's MEDLINE-style .nbib: a blank first line, records that start at OWN, no PMID
ERIC_NBIB = """
OWN - ERIC
TI  - Invented Study of Tutoring
AU  - Doe, Jane
AID - https://doi.org/10.9999/invented.1
OID - EJ0000001
DP  - 2019
PT  - Journal Articles

OWN - ERIC
TI  - Invented Report on Schools
AU  - Roe, Richard
OID - ED0000002
DP  - 2020
"""


def test_eric_records_start_at_own_and_are_recognised() -> None:
    result = read_records(ERIC_NBIB.encode())
    assert result.report.format == "medline"
    assert result.report.skipped == ()
    first, second = result.records
    assert (first.title, first.doi, first.year) == (
        "Invented Study of Tutoring",
        "10.9999/invented.1",
        2019,
    )
    assert first.pmid is None
    assert [r.provenance[0].source_record_id for r in result.records] == [
        "EJ0000001",
        "ED0000002",
    ]
    assert second.extra["OWN"] == ("ERIC",)


def test_pubmed_own_line_inside_a_record_does_not_split_it() -> None:
    text = "PMID- 1\nOWN - NLM\nTI  - One\n\nPMID- 2\nOWN - NLM\nTI  - Two\n"
    result = read_records(text.encode())
    assert [(r.pmid, r.title) for r in result.records] == [("1", "One"), ("2", "Two")]


def test_bibtex_entry_key_with_a_space_as_scopus_writes_it() -> None:
    text = (
        "@ARTICLE{De Invented2022,\n  author = {De Invented, A.},\n  title = {One},\n"
        "  year = {2022},\n  source = {Scopus},\n}\n\n"
        "@ARTICLE{Plain2021,\n  title = {Two},\n  year = {2021}\n}\n"
    )
    result = read_records(text.encode())
    assert result.report.format == "bibtex"
    assert result.report.skipped == ()
    assert [r.title for r in result.records] == ["One", "Two"]
    assert result.records[0].provenance[0].source_record_id == "De Invented2022"


def test_bibtex_key_followed_by_a_field_is_still_broken() -> None:
    result = read_records(b"@article{Bad key = {x},\n title = {T}}\n", format="bibtex")
    (skip,) = result.report.skipped
    assert "after the entry key" in skip.reason


EMBASE_CSV = (
    "Title,Author Names,Source,Abstract,Emtree Medical Index Terms,Open URL Link\n"
    '"An invented case report","Doe J., Roe R.A.",'
    '"Invented Journal of Cases (2019) 54 (83-86). Date of Publication: 1 Jan 2019",'
    '"Abstract text.","human, case report",http://resolver.example/?sid=EMBASE\n'
    '"Another invented study","Poe E.",'
    '"Invented Reviews (2011) 17:1 (130-134). Date of Publication: January 7, 2011",,,\n'
)


def test_embase_csv_source_cell_gives_journal_volume_issue_pages_and_date() -> None:
    result = read_records(EMBASE_CSV.encode())
    assert result.report.format == "csv"
    assert any("Embase CSV" in w for w in result.report.warnings)
    first, second = result.records
    assert [a.family for a in first.authors] == ["Doe", "Roe"]
    assert (first.container_title, first.volume, first.issue, first.pages) == (
        "Invented Journal of Cases",
        "54",
        None,
        "83-86",
    )
    assert first.issued is not None
    assert (first.issued.year, first.issued.month, first.issued.day) == (2019, 1, 1)
    assert first.extra["Source"] == (
        "Invented Journal of Cases (2019) 54 (83-86). Date of Publication: 1 Jan 2019",
    )
    assert first.extra["Emtree Medical Index Terms"] == ("human, case report",)
    assert (second.volume, second.issue, second.year) == ("17", "1", 2011)


def test_springerlink_csv_is_recognised_and_keeps_run_together_authors() -> None:
    text = (
        "Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,"
        "Item DOI,Authors,Publication Year,URL,Content Type\n"
        '"An invented chapter","Invented Handbook","Invented Series",,,"10.9999/ch1",'
        '"Jane DoeRichard Roe","2021","https://link.example/ch1","Chapter"\n'
    )
    result = read_records(text.encode())
    (record,) = result.records
    assert any("SpringerLink" in w for w in result.report.warnings)
    assert (record.title, record.doi, record.year, record.type) == (
        "An invented chapter",
        "10.9999/ch1",
        2021,
        "chapter",
    )
    assert record.authors == ()
    assert record.extra["Authors"] == ("Jane DoeRichard Roe",)
    assert record.extra["Book Series Title"] == ("Invented Series",)


def test_ieee_csv_authors_given_name_first_split_at_commas() -> None:
    text = (
        '"Title","Authors","Affiliations","Abstract","Publication","Category","DOI"\n'
        '"An invented magazine piece","Jane Doe, Richard Roe","Invented University, Elsewhere",'
        '"Abstract.","Computer","Magazine","10.9999/mc.1"\n'
    )
    result = read_records(text.encode())
    (record,) = result.records
    assert any("IEEE CSV" in w for w in result.report.warnings)
    assert [(a.given, a.family) for a in record.authors] == [("Jane", "Doe"), ("Richard", "Roe")]
    assert (record.type, record.container_title, record.doi) == (
        "article-magazine",
        "Computer",
        "10.9999/mc.1",
    )
    assert record.extra["Affiliations"] == ("Invented University, Elsewhere",)


def test_scopus_numbered_field_names_with_a_no_break_space() -> None:
    text = (
        "@ARTICLE{Doe2023,\nauthor={Doe, J.},\ntitle={One},\nyear={2023},\n"
        "funding_text\u00a01={We thank the invented foundation.},\n"
        "funding_text\u00a02={And a second invented funder.},\nsource={Scopus},\n}\n"
    )
    result = read_records(text.encode())
    (record,) = result.records
    assert result.report.skipped == ()
    assert record.extra["funding_text 1"] == ("We thank the invented foundation.",)
    assert record.extra["funding_text 2"] == ("And a second invented funder.",)


def test_scopus_abstract_with_unbalanced_braces_is_read_to_the_end_of_its_line() -> None:
    text = (
        "@ARTICLE{Early2013,\ntitle={One},\n"
        "abstract={An anisotropy Ku of ∼}7× 106 erg/cc was found.},\n"
        "author_keywords={films},\nsource={Scopus},\n}\n\n"
        "@ARTICLE{Open2013,\ntitle={Two},\n"
        "abstract={A {never closed brace. © IEEE.},\nsource={Scopus},\n}\n\n"
        "@ARTICLE{Fine2014,\ntitle={Three},\nsource={Scopus},\n}\n"
    )
    result = read_records(text.encode())
    assert result.report.skipped == ()
    assert [r.title for r in result.records] == ["One", "Two", "Three"]
    assert "7× 106 erg/cc was found." in (result.records[0].abstract or "")
    assert result.records[0].keywords == ("films",)
    assert "never closed brace" in (result.records[1].abstract or "")
    unbalanced = [w for w in result.report.warnings if "unbalanced braces" in w]
    assert [w.split(":")[0] for w in unbalanced] == ["line 3", "line 10"]


def test_text_after_a_value_without_scopus_line_layout_is_kept_aside_with_a_warning() -> None:
    # issue 19: an entry with a garbled field is recovered, not skipped whole; the stray text
    # is kept in the 'unparsed' field and the reader is warned
    text = "@article{a,\n title = {x} y, year = 2020}\n"
    result = read_records(text.encode(), format="bibtex")
    assert result.report.skipped == ()
    (record,) = result.records
    assert (record.title, record.year, record.extra["unparsed"]) == ("x", 2020, ("y",))
    assert any("after the value of field 'title'" in w for w in result.report.warnings)
