"""The OpenAlex importer: one Work, a list, or a results page, in the documented format."""

from __future__ import annotations

import json

import openalex_fixtures as fx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from importers_structured.structured_helpers import DATA, read

import realistsynth as rs
from realistsynth.formats.openalex_work import openalex_id, rebuild_abstract


def test_a_single_work_is_sniffed_and_read_whole() -> None:
    result = read(DATA / "openalex-work.json")
    assert result.report.format == "openalex"
    [record] = result.records
    assert record.title == "Integrated care system leadership: a rapid realist review"
    # OpenAlex gives "Given Family" only, so a double family name cannot be told apart
    assert [a.display() for a in record.authors] == [
        "Knight, Lucy",
        "Ganga, Rui Neiva",
        "Tucker, David",
    ]
    assert record.doi == "10.1000/seed-a"
    assert record.issued == rs.PartialDate(2024, 3, 1)
    assert record.container_title == "Journal of Health Organization and Management"
    assert record.issn == ("1477-7266", "1758-7247")
    assert (record.volume, record.issue, record.pages) == ("38", "2", "101-117")
    assert record.publisher == "Emerald Publishing"
    assert record.abstract == "Leaders of integrated care systems work across organisations"
    assert record.type == "article-journal"
    assert record.extra["openalex"] == ("W100",)
    assert record.extra["referenced_works"] == ("W101", "W102", "W103")
    assert record.provenance[0].source_record_id == "W100"
    assert record.provenance[0].format == "openalex"
    assert "concepts" not in record.extra  # bulky derived fields are left out by default


def test_a_results_page_and_a_list_read_alike() -> None:
    page = read(DATA / "openalex-page.json")
    assert [r.extra["openalex"][0] for r in page.records] == ["W101", "W102", "W201", "W200"]
    works = json.loads((DATA / "openalex-page.json").read_text())["results"]
    listed = read(json.dumps(works).encode())
    assert [r.title for r in listed.records] == [r.title for r in page.records]
    no_doi = next(r for r in page.records if r.extra["openalex"] == ("W201",))
    assert no_doi.doi is None
    assert no_doi.type == "report"
    seed_b = page.records[3]
    assert seed_b.pmid == "2000"
    assert seed_b.authors[0] == rs.Name(family="Berg", given="Ana", particle="van der")


def test_keep_all_keeps_every_other_key_as_json() -> None:
    result = read(DATA / "openalex-work.json", options={"keep_all": "true"})
    [record] = result.records
    assert json.loads(record.extra["concepts"][0])[0]["display_name"] == "Medicine"
    with pytest.raises(rs.RecordImportError, match="keep_all"):
        read(DATA / "openalex-work.json", format="openalex", options={"keep_all": "maybe"})


def test_not_works_is_a_clear_error() -> None:
    with pytest.raises(rs.ParseError, match="not OpenAlex works"):
        read(b'{"meta": {"count": 0}}', format="openalex")
    with pytest.raises(rs.ParseError, match="not valid JSON"):
        read(b'{"id": "https://openalex.org/W1", ', format="openalex")
    result = read(b'[{"id": "https://openalex.org/W1", "title": "x"}, 3]', format="openalex")
    assert result.report.records_read == 1
    assert "work 2 is int" in result.report.warnings[0]


def test_ids_and_abstracts() -> None:
    assert openalex_id("https://openalex.org/W2741809807") == "W2741809807"
    assert openalex_id("w12") == "W12"
    assert openalex_id("https://openalex.org/A12") is None
    assert rebuild_abstract({"b": [1], "a": [0, 2]}) == "a b a"
    assert rebuild_abstract({"x": ["no"], "y": [True]}) is None
    assert rebuild_abstract([1, 2]) is None


words = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    number=st.integers(1, 10**9),
    title=st.lists(words, min_size=1, max_size=6).map(" ".join),
    abstract=st.lists(words, min_size=1, max_size=30).map(" ".join),
    year=st.integers(1900, 2100),
    doi=st.none()
    | st.from_regex(r"10\.[0-9]{4,6}/[a-z0-9]([a-z0-9.]{0,10}[a-z0-9])?", fullmatch=True),
    family=st.from_regex(r"[A-Z][a-z]{1,10}", fullmatch=True),
    given_name=st.from_regex(r"[A-Z][a-z]{1,10}", fullmatch=True),
)
def test_what_the_api_says_is_what_the_record_holds(
    number: int, title: str, abstract: str, year: int, doi: str | None, family: str, given_name: str
) -> None:
    document = fx.work(
        number, title, doi=doi, year=year, authors=(f"{given_name} {family}",), abstract=abstract
    )
    [record] = read(json.dumps(document).encode()).records
    assert record.title == title
    assert record.abstract == abstract
    assert record.year == year
    assert record.doi == (doi.lower() if doi else None)
    assert record.authors == (rs.Name(family=family, given=given_name),)
    assert record.extra["openalex"] == (f"W{number}",)


def test_the_import_command_reads_openalex_json(tmp_path: object) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from realistsynth.cli import cli

    path = Path(str(tmp_path)) / "review.json"
    rs.save(rs.Review.new("OpenAlex import"), path)
    result = CliRunner().invoke(
        cli,
        ["import", str(path), str(DATA / "openalex-page.json"), "--json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert '"format": "openalex"' in result.output
    review = rs.load(path)
    assert sorted(r.extra["openalex"][0] for r in review.records.values()) == [
        "W101",
        "W102",
        "W200",
        "W201",
    ]
