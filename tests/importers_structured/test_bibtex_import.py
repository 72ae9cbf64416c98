"""The BibTeX importer on hand-made exports of each dialect, and on the syntax's corners."""

from __future__ import annotations

import pytest
from importers_structured.structured_helpers import DATA, read

from realistsynth.errors import ParseError, RecordImportError
from realistsynth.model import Name, PartialDate


def test_zotero_bibtex() -> None:
    result = read(DATA / "zotero.bib")
    assert result.report.format == "bibtex"
    assert [r.id for r in result.records] == [
        "aunger_leadership_2022",
        "pawson_realist_1997",
        "dalkin_what_2015",
    ]
    aunger, pawson, dalkin = result.records
    assert aunger.type == "article-journal"
    assert aunger.authors[0] == Name(family="Aunger", given="Justin A.")
    assert aunger.issued == PartialDate(2022, 3)
    assert aunger.pages == "128-134"
    assert aunger.doi == "10.1186/s12913-022-00001-x"
    assert aunger.issue == "3"
    assert aunger.keywords == ("Integrated care", "Leadership", "Realist review")
    assert "50% of the eligible literature on Schön's reflective practice – and" in (
        aunger.abstract or ""
    )
    assert aunger.extra["urldate"] == ("2022-09-20",)
    assert aunger.extra["shorttitle"] == ("Leadership in integrated care systems",)
    assert aunger.extra["file"][0].endswith("2022.pdf:application/pdf")
    assert pawson.type == "book"
    assert pawson.isbn == ("978-0-7619-5009-0",)
    assert pawson.publisher_place == "London"
    assert dalkin.type == "chapter"
    assert dalkin.container_title == "Doing Realist Research"
    assert [e.family for e in dalkin.editors] == ["Emmel", "Greenhalgh"]
    provenance = dalkin.provenance[0]
    assert (provenance.index, provenance.line, provenance.format) == (2, 31, "bibtex")
    assert provenance.source_record_id == "dalkin_what_2015"
    assert len(provenance.sha256 or "") == 64


def test_zotero_biblatex() -> None:
    knight, nhs = read(DATA / "zotero-biblatex.bib").records
    assert knight.title == "Integrated care system leadership: a rapid realist review"
    assert knight.issued == PartialDate(2024, 1, 15)
    assert knight.container_title == "Journal of Integrated Care"
    assert knight.container_title_short == "J. Integr. Care"
    assert knight.authors[1] == Name(family="Neiva Ganga", given="Rafaela")
    assert knight.language == "english"
    assert knight.extra["urldate"] == ("2024-02-01",)
    assert nhs.type == "report"
    assert nhs.authors == (Name(literal="NHS North West Leadership Academy"),)
    assert nhs.publisher == "NHS North West Leadership Academy"
    assert nhs.publisher_place == "Manchester"
    assert nhs.extra["type"] == ("Guidance",)
    assert nhs.extra["bibtex-entry-type"] == ("report",)


def test_mendeley_bibtex_decodes_latex_accents() -> None:
    result = read(DATA / "mendeley.bib")
    assert result.report.records_read == 2
    kozlowska, strasse = result.records
    assert [a.family for a in kozlowska.authors] == ["Kozłowska", "Müller", "Čapić"]
    assert kozlowska.authors[1].given == "Jörg"
    assert kozlowska.abstract == (
        "Background: Primary care networks in Łódź and Kraków were studied. "
        "The Öresund model was compared."
    )
    assert kozlowska.title == "Networked primary care in Poland: a qualitative study"
    assert kozlowska.pmid == "32145678"
    assert kozlowska.issn == ("2211-8837",)
    assert kozlowska.keywords == ("Integration", "Primary care", "Networks")
    assert kozlowska.extra["mendeley-groups"] == ("ICS review/Included",)
    assert strasse.type == "thesis"
    assert strasse.authors == (Name(family="Straße", given="Hanna"),)
    assert strasse.publisher == "Universität Wien"
    assert strasse.extra == {}


def test_scopus_bibtex() -> None:
    millar, ahmed = read(DATA / "scopus.bib").records
    assert millar.id == "Millar2020200"
    assert millar.pages == "200-215"
    assert millar.number == "200"
    assert millar.issue == "1"
    assert millar.keywords == ("Boards", "Governance", "Quality")
    assert millar.container_title_short == "BMC Health Serv. Res."
    assert millar.issn == ("1472-6963",)
    assert millar.extra["index_keywords"] == ("article; human; leadership",)
    assert millar.extra["source"] == ("Scopus",)
    assert ahmed.type == "paper-conference"
    assert ahmed.extra["bibtex-entry-type"] == ("conference",)


def test_wos_bibtex() -> None:
    elliott, robert = read(DATA / "wos.bib").records
    assert elliott.id == "WOS:000500000000001"
    assert elliott.provenance[0].source_record_id == "WOS:000500000000001"
    assert elliott.title == "Collaborative leadership in health and social care"
    assert elliott.issued == PartialDate(2020, 10, 5)
    assert elliott.issn == ("1476-9018", "2042-8685")
    assert elliott.abstract == (
        "Purpose The paper explores collaborative leadership. Findings Trust and shared "
        "purpose mattered."
    )
    assert elliott.extra["Research-Areas"] == ("Health Care Sciences & Services",)
    assert elliott.extra["Keywords-Plus"] == ("HEALTH-CARE; INTEGRATION",)
    assert elliott.container_title_short == "J. Integr. Care"
    assert robert.type == "paper-conference"
    assert robert.editors == (Name(family="Donetto", given="Sara"),)


def test_google_scholar_bibtex() -> None:
    records = read(DATA / "google-scholar.bib").records
    assert [r.type for r in records] == ["article-journal", "paper-conference", "book"]
    assert records[0].issue == "2"
    assert records[1].title == "Collective leadership in the NHS"
    assert records[2].authors == (Name(family="West", given="Michael A"),)


def test_cochrane_bibtex_with_record_lines() -> None:
    result = read(DATA / "cochrane.bib")
    assert [r.id for r in result.records] == ["CN-02100001", "CN-02100002", "CN-02100003"]
    first = result.records[0]
    assert first.abstract == (
        "OBJECTIVES: To assess leadership training. RESULTS: 50% of teams improved."
    )
    assert first.pmid == "34100001"  # from the note "PUBMED 34100001"
    assert first.note == "PUBMED 34100001"
    assert [p.line for r in result.records for p in r.provenance] == [2, 18, 30]
    assert result.report.warnings == ()


def test_edge_cases_lenient() -> None:
    result = read(DATA / "edge-cases.bib")
    assert [r.id for r in result.records] == [
        "latex2020",
        "nested2021",
        "latex2020",
        "entry2018",
        "last2022",
    ]
    assert [r.provenance[0].index for r in result.records] == [0, 1, 2, 4, 5]
    (skipped,) = result.report.skipped
    assert skipped.index == 3
    assert skipped.line == 26
    assert "missing comma between field 'title' and field 'author'" in skipped.reason
    assert any("key 'latex2020' also used at line 7" in w for w in result.report.warnings)

    latex = result.records[0]
    assert latex.title == (
        "The RE-AIM framework: 50% of patients & their carers – a review of β-blockers "
        "and $\\frac{a}{b}$"
    )
    assert latex.container_title == "International Journal of Integrated Care (Supplement)"
    assert latex.issued == PartialDate(2020, 12)
    assert latex.pages == "1-10"
    assert latex.note == "Smith\u00a0et al. said “hello” — then left"
    assert latex.authors == (
        Name(family="Schön", given="Donald"),
        Name(family="Błaßkowski", given="Čed"),
        Name(family="Tour", given="Émile", particle="de la"),
        Name(family="Doe", given="Jane"),
        Name(family="O'Neil", given="Patrick", suffix="Jr."),
    )
    assert result.records[1].title == "A title with deep nesting"
    no_key = result.records[3]
    assert no_key.provenance[0].source_record_id is None
    assert no_key.extra["howpublished"] == ("https://example.org",)
    assert result.records[4].issued is None
    assert result.records[4].extra["year"] == ("in press",)


def test_edge_cases_strict_raises_one_error_naming_file_and_line() -> None:
    with pytest.raises(ParseError) as caught:
        read(DATA / "edge-cases.bib", strict=True)
    error = caught.value
    assert error.line == 26
    assert error.file.endswith("edge-cases.bib")
    assert "missing comma" in str(error)
    assert "edge-cases.bib:26" in str(error)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("@article{a,\n title = {unclosed,\n year = 2020\n}\n", "not closed"),
        ("@article{a,\n title = {x},\n year 2020\n}\n", "expected '='"),
        ("@article{a,\n title = ,\n}\n", "has no value"),
        ("@article{a b title={x}}\n", "expected ','"),  # 'a b,' is a key (Scopus)
    ],
)
def test_broken_entries_are_named(text: str, reason: str) -> None:
    result = read(text.encode() + b"@article{ok, title={Fine}}\n", format="bibtex")
    assert [r.title for r in result.records] == ["Fine"]
    assert reason in result.report.skipped[0].reason


def test_unclosed_brace_costs_only_its_own_entry() -> None:
    text = "@article{a, title = {open {brace}\n\n@article{b, title = {Next}}\n"
    result = read(text.encode(), format="bibtex")
    assert [r.id for r in result.records] == ["b"]
    assert result.report.skipped[0].line == 1


def test_macros_months_and_concatenation() -> None:
    text = (
        '@STRING{ jic = "Journal of " }\n'
        '@article{a, journal = jic # {Integrated} # " Care", year = {2019}, month = SEP,\n'
        "  volume = 12, publisher = undefinedmacro}\n"
    )
    result = read(text.encode(), format="bibtex")
    (record,) = result.records
    assert record.container_title == "Journal of Integrated Care"
    assert record.issued == PartialDate(2019, 9)
    assert record.volume == "12"
    assert record.publisher == "undefinedmacro"
    assert any("undefined macro 'undefinedmacro'" in w for w in result.report.warnings)


def test_parenthesised_entries_and_quotes_protected_by_braces() -> None:
    text = '@article(p1, title = "A {"}quoted{"} word", author = "Smith, A. and Jones, B.")\n'
    (record,) = read(text.encode(), format="bibtex").records
    assert record.title == 'A "quoted" word'
    assert [a.family for a in record.authors] == ["Smith", "Jones"]


def test_repeated_field_keeps_the_first_and_the_rest_in_extra() -> None:
    text = "@article{r, title = {First}, title = {Second}}\n"
    (record,) = read(text.encode(), format="bibtex").records
    assert record.title == "First"
    assert record.extra["title"] == ("Second",)


def test_encodings(tmp_path: object) -> None:
    text = "@article{k, title = {Kozłowska and Ødegård}, year = 2020}\n"
    for data, encoding in [
        (text.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8 (BOM)"),
        (text.encode("utf-16"), "utf-16-le (BOM)"),
    ]:
        result = read(data)
        assert result.report.encoding == encoding
        assert result.records[0].title == "Kozłowska and Ødegård"
    latin = "@article{k, title = {Café}}\n".encode("cp1252")
    result = read(latin)
    assert result.records[0].title == "Café"
    assert result.report.encoding == "cp1252"
    assert "not valid UTF-8" in result.report.warnings[0]


def test_source_and_search_run_in_provenance() -> None:
    result = read(
        DATA / "google-scholar.bib", source_id="scholar", search_run_id="scholar-2022-09-15"
    )
    for record in result.records:
        assert record.provenance[0].source_id == "scholar"
        assert record.provenance[0].search_run_id == "scholar-2022-09-15"


def test_sniffed_not_by_suffix(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "export.txt"
    path.write_bytes((DATA / "cochrane.bib").read_bytes())
    assert read(path).report.format == "bibtex"


def test_empty_or_textless_file() -> None:
    result = read(b"just some text, no entries\n", format="bibtex")
    assert result.records == ()
    assert result.report.warnings == ("no BibTeX entries found",)
    with pytest.raises(RecordImportError):
        read(b"just some text, no entries\n")


def test_year_with_a_suffix_keeps_the_suffix() -> None:
    (record,) = read(b"@article{y, year = {2020a}}\n", format="bibtex").records
    assert record.issued == PartialDate(2020)
    assert record.extra["year"] == ("2020a",)
