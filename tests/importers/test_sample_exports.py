"""Each hand-made sample export (tests/data/importers/, see its README) is recognised by
content and read with the exact record count and key fields written into the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from realistsynth.importing import read_records

DATA = Path(__file__).parent.parent / "data" / "importers"

# file: (format, records, first record's (title start, first author, year, doi, source id))
SAMPLES = {
    "pubmed_zotero.ris": (
        "ris",
        2,
        (
            "Leadership across integrated care",
            "Okafor",
            2021,
            "10.1186/s12913-021-06123-4",
            "33726745",
        ),
    ),
    "ovid.ris": (
        "ris",
        2,
        (
            "Compassionate leadership and staff",
            "Nuñez",
            2021,
            "10.1108/jhom-02-2021-0078",
            "34561234",
        ),
    ),
    "ebsco_cinahl.ris": (
        "ris",
        2,
        ("Nurse leaders as boundary spanners", "Mensah", 2020, "10.1111/jan.14321", "142998231"),
    ),
    "proquest.ris": (
        "ris",
        2,
        (
            "Trust, power and collaboration",
            "Jagger",
            2019,
            "10.1332/030557318x15296526896531",
            "2187654321",
        ),
    ),
    "scopus.ris": (
        "ris",
        2,
        (
            "Governance and leadership in integrated",
            "Haddad",
            2022,
            "10.1016/j.healthpol.2022.06.010",
            None,
        ),
    ),
    "wos.ris": (
        "ris",
        2,
        (
            "Realist synthesis of leadership",
            "Wong",
            2020,
            "10.1136/bmjopen-2019-034567",
            "WOS:000523456700012",
        ),
    ),
    "embase.ris": (
        "ris",
        1,
        (
            "Clinical leadership in integrated care",
            "Kumar",
            2021,
            "10.1136/leader-2020-000345",
            "2011234567",
        ),
    ),
    "rayyan.ris": (
        "ris",
        2,
        ("How do system leaders build trust?", "Patel", 2023, "10.1108/jica-06-2022-0034", None),
    ),
    "endnote.ris": (
        "ris",
        2,
        ("Shared vision and accountability", "Greenwood", 2018, "10.1108/jica-01-2018-0004", "117"),
    ),
    "mendeley.ris": (
        "ris",
        2,
        (
            "Inclusive leadership and staff voice",
            "Greenfield",
            2020,
            "10.1186/s13012-020-00987-1",
            None,
        ),
    ),
    "jstor.ris": (
        "ris",
        1,
        ("Professional boundaries and the politics", "Harrison", 1995, None, None),
    ),
    "scifinder.ris": (
        "ris",
        1,
        (
            "Organisational learning in health systems",
            "Dubois",
            2019,
            "10.1080/20476965.2019.1567890",
            "2019:1234567",
        ),
    ),
    "lens.ris": (
        "ris",
        1,
        (
            "Relational leadership in health and care partnerships",
            "Ward",
            2022,
            "10.1177/13558196221098765",
            None,
        ),
    ),
    "dimensions.ris": (
        "ris",
        1,
        (
            "Collective leadership in primary care networks",
            "Singh",
            2023,
            "10.3399/bjgp.2022.0456",
            "pub.1151234567",
        ),
    ),
    "pubmed.nbib": (
        "medline",
        2,
        (
            "Leadership behaviours that enable integrated care",
            "Aunger",
            2022,
            "10.1186/s12913-022-08456-1",
            "36012345",
        ),
    ),
    "endnote_tagged.enw": (
        "endnote-tagged",
        2,
        (
            "Why do some inter-organisational collaborations",
            "Aunger",
            2021,
            "10.1108/jhom-10-2020-0421",
            "34559012",
        ),
    ),
    "wos_plain.txt": (
        "wos",
        2,
        (
            "Realist leadership: how context shapes",
            "Pawson",
            2021,
            "10.1108/jica-09-2020-0061",
            "WOS:000634567800003",
        ),
    ),
}


def test_every_sample_file_is_listed_and_documented() -> None:
    files = {p.name for p in DATA.iterdir() if p.name != "README.md"}
    assert files == set(SAMPLES)
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in SAMPLES:
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_is_read_exactly(name: str) -> None:
    fmt, count, (title, author, year, doi, source_id) = SAMPLES[name]
    result = read_records(DATA / name)  # format sniffed from content
    report = result.report
    assert report.format == fmt
    assert report.records_read == count == len(result.records)
    assert report.skipped == ()
    first = result.records[0]
    assert first.title is not None
    assert first.title.startswith(title)
    assert first.authors[0].family == author
    assert first.year == year
    assert first.doi == doi
    prov = first.provenance[0]
    assert prov.source_record_id == source_id
    assert prov.format == fmt
    assert prov.index == 0
    assert prov.file == str(DATA / name)
    assert len(prov.sha256 or "") == 64
    assert [r.provenance[0].index for r in result.records] == list(range(count))


def test_sample_is_read_the_same_from_a_suffixless_stream() -> None:
    data = (DATA / "pubmed.nbib").read_bytes()
    result = read_records(data, file_name="download")
    assert result.report.format == "medline"
    assert result.records[1].title == "Boundary spanning in health and social care partnerships."


def test_pubmed_via_zotero_fields() -> None:
    first, second = read_records(DATA / "pubmed_zotero.ris").records
    assert first.pmid == "33726745"
    assert first.pmcid == "PMC7965123"
    assert str(first.issued) == "2021-03-15"
    assert first.abstract is not None
    assert first.abstract.count("\n") == 2  # Zotero writes paragraphs as continuation lines
    assert first.keywords == ("Humans", "Leadership", "Delivery of Health Care, Integrated")
    assert first.container_title_short == "BMC Health Serv Res"
    assert first.extra["ST"] == ("Leadership across integrated care systems",)
    assert first.extra["DB"] == ("PubMed",)
    assert second.pages == "e789-e797"
    assert str(second.issued) == "2019-11"


def test_ovid_record_numbers_and_tags() -> None:
    first, second = read_records(DATA / "ovid.ris").records
    assert [a.family for a in first.authors] == ["Nuñez", "Whitfield"]
    assert first.pmid == "34561234"  # AN from an Ovid MEDLINE database
    assert first.pages == "512-530"  # "SP 512 / EP 30" written out
    assert first.container_title == "Journal of health organization and management"
    assert first.container_title_short == "J Health Organ Manag"
    assert first.abstract is not None
    assert "three trusts." in first.abstract
    assert "\n" not in first.abstract  # an indented continuation line is wrapped text
    assert first.provenance[0].line == 2
    assert second.pmid is None  # an Embase accession number is not a PMID
    assert second.extra["AN"] == ("2012345678",)
    assert second.extra["U2"] == ("L2012345678",)


def test_ebsco_journal_tags_and_partial_date() -> None:
    first, book = read_records(DATA / "ebsco_cinahl.ris").records
    assert first.container_title == "Journal of Advanced Nursing"
    assert first.extra["JO"] == ("J ADV NURS",)  # a second container title is kept
    assert str(first.issued) == "2020-05"
    assert book.type == "book"
    assert book.isbn == ("9780335226474",)
    assert book.publisher_place == "Maidenhead"


def test_scopus_notes_and_embase_links() -> None:
    first, conference = read_records(DATA / "scopus.ris").records
    assert first.note == "Export Date: 02 May 2023; Cited By: 4"
    assert first.extra["N1"][0].startswith("Correspondence Address:")
    assert first.issn == ("01688510 (ISSN)",)
    assert conference.type == "paper-conference"
    assert conference.extra["TY"] == ("CONF",)
    (embase,) = read_records(DATA / "embase.ris").records
    assert embase.extra["LK"][0].startswith("https://findit.example.ac.uk/")
    assert embase.issue is None  # "IS  - " empty
    assert embase.issn == ("2398-631X (electronic)",)


def test_rayyan_decisions_stay_in_the_note() -> None:
    first, second = read_records(DATA / "rayyan.ris").records
    assert first.note is not None
    assert first.note.startswith("RAYYAN-INCLUSION:")
    assert second.note is not None
    assert "wrong setting" in second.note


def test_endnote_and_mendeley_dialects() -> None:
    article, report = read_records(DATA / "endnote.ris").records
    assert article.pages == "190-201"
    assert article.container_title == "Journal of Integrated Care"
    assert report.type == "report"
    assert report.authors[0].literal == "The King's Fund"
    article, chapter = read_records(DATA / "mendeley.ris").records
    assert article.issn == ("17485908",)
    assert chapter.type == "chapter"
    assert chapter.editors[0].family == "Thompson"
    assert chapter.container_title == "Handbook of Health Services Research Methods"


def test_jstor_header_lines_are_not_records() -> None:
    result = read_records(DATA / "jstor.ris")
    (record,) = result.records
    assert result.report.warnings == ()
    assert record.pages == "365-380"
    assert str(record.issued) == "1995-08-01"
    assert record.provenance[0].line == 5


def test_wos_ris_header_and_month_only_date() -> None:
    first, _second = read_records(DATA / "wos.ris").records
    assert first.extra["DA"] == ("MAR",)  # no year: kept, not guessed
    assert first.extra["C7"] == ("e034567",)
    assert first.extra["AF"] == ("Wong, Geoff", "Westhorp, Gill")


def test_medline_fields() -> None:
    first, second = read_records(DATA / "pubmed.nbib").records
    assert [a.family or a.literal for a in first.authors] == [
        "Aunger",
        "Kozłowska",
        "ICS Leadership Study Group",
    ]
    assert first.authors[0].given == "Justin Avery"
    assert first.title == (
        "Leadership behaviours that enable integrated care: a realist review of system "
        "leadership in England."
    )
    assert first.pmcid == "PMC9401234"
    assert first.issn == ("1472-6963",)
    assert first.keywords == ("Integrated care systems", "Realist review")
    assert first.extra["MH"] == ("Humans", "*Leadership", "*Delivery of Health Care, Integrated")
    assert first.extra["LID"] == ("1083 [pii]",)  # the DOI is in `doi`, the pii is kept
    assert str(first.issued) == "2022-08-24"
    # a record with only AU lines keeps its authors; DOI only in LID; no final newline
    assert [a.family for a in second.authors] == ["Clarke", "Roberts"]
    assert second.authors[0].given == "J.P."
    assert second.doi == "10.1108/jhom-07-2017-0188"
    assert second.pages == "215-229"
    assert second.extra["DP"] == ("2018 Spring",)
    assert second.year == 2018


def test_endnote_tagged_fields() -> None:
    article, section = read_records(DATA / "endnote_tagged.enw").records
    assert article.keywords == ("collaboration", "realist evaluation", "integrated care")
    assert article.pmid == "34559012"
    assert str(article.issued) == "2021-12-07"
    assert article.extra["%F"] == ("Aunger2021",)
    assert section.type == "chapter"
    assert [e.family for e in section.editors] == ["Emmel", "Greenhalgh"]
    assert section.container_title == "Doing Realist Research"
    assert section.isbn == ("9781473971776",)
    assert section.edition == "1st"


def test_wos_plain_text_fields() -> None:
    first, second = read_records(DATA / "wos_plain.txt").records
    assert [a.given for a in first.authors] == ["Ray", "Nick"]
    assert first.title == (
        "Realist leadership: how context shapes what leaders can do in integrated care systems"
    )
    assert first.keywords == ("integrated care", "leadership", "realist evaluation")
    assert str(first.issued) == "2021-05-14"
    assert first.issn == ("1476-9018", "2042-8685")
    assert first.extra["CR"] == (
        "Pawson R., 2006, EVIDENCE BASED POLICY",
        "Greenhalgh T, 2011, MILBANK Q, V89, P167",
    )
    assert len(first.extra["C1"]) == 2
    assert "AU" not in first.extra  # pairs one-to-one with AF
    assert second.pmid == "35400001"
    assert second.pages == "e056789"
    assert second.authors[-1].literal == "ICS Research Collaborative"
    assert second.extra["PD"] == ("SPR",)
