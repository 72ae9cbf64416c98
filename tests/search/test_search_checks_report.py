"""Search checks and the strategy appendix, on the worked example's published strategy."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

import realistsynth as rs
from realistsynth.search.checks import (
    Severity,
    check_search,
    hits_versus_records,
    records_per_run,
    runs_outside_window,
    sources_never_run,
)
from realistsynth.search.report import run_rows, strategy_markdown, strategy_rows

DATA = Path(__file__).parents[2] / "examples" / "ics-leadership" / "data" / "search-strategy.toml"


def worked_example() -> rs.Review:
    """The published strategy of Knight et al. (2024), from the transcribed appendix."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    review = rs.Review.new("Integrated care system leadership: a rapid realist review")
    kinds = {"English language only": rs.LimiterKind.LANGUAGE, "Abstract": rs.LimiterKind.FIELD}
    review.set_strategy(
        rs.SearchStrategy(
            window=rs.DateWindow(data["dates"]["start"], data["dates"]["end"]),
            query=data["terms"]["as_printed"],
            limiters=[rs.Limiter(kinds[v], v) for v in data["limiters"]["items"]],
            publication_range=rs.PublicationRange(
                rs.PartialDate(data["date_range"]["from_year"]),
                rs.PartialDate(data["date_range"]["to_year"]),
                data["date_range"]["note"],
            ),
        )
    )
    for db in data["database"]:
        review.add_source(rs.Source(db["id"], db["name"]))
    grey = data["grey_literature"]
    review.add_source(
        rs.Source(
            "google-scholar",
            grey["search_engines"][0],
            rs.SourceKind.GREY_LITERATURE,
            note="keywords: " + ", ".join(grey["keywords"]),
        )
    )
    for i, site in enumerate(grey["example_sites"], 1):
        review.add_source(rs.Source(f"site-{i}", site, rs.SourceKind.GREY_LITERATURE))
    for i, journal in enumerate(data["hand_search"]["journals"], 1):
        review.add_source(
            rs.Source(
                f"journal-{i}",
                journal,
                rs.SourceKind.HAND_SEARCH,
                note=f"term: {data['hand_search']['term']}",
            )
        )
    return review


@pytest.fixture
def review() -> rs.Review:
    return worked_example()


def add_records(review: rs.Review, run_id: str, source_id: str, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        review.add_record(
            rs.Record(
                f"{run_id}-r{i}",
                provenance=[
                    rs.Provenance(file="x.ris", index=i, source_id=source_id, search_run_id=run_id)
                ],
            )
        )


def test_appendix_markdown_holds_every_published_element(review):
    md = strategy_markdown(review)
    assert "**Search dates:** 15 September 2022 to 1 October 2022" in md
    # the query is in a code span, so its asterisks stay literal
    assert "`Integrat* AND health OR care OR “health care”" in md
    assert "**Limiters:** English language only (language); Abstract (field)" in md
    assert "**Date range:** 2017–2022 (In June 2017, NHS England selected ten pilot areas" in md
    for name in ("MEDLINE", "ABI Inform", "Emerald", "Business Source Complete"):
        assert f"- {name}\n" in md
    assert "### Grey literature" in md
    assert "- The King’s Fund" in md
    assert "### Hand-searching" in md
    assert "- Journal of Integrated Care — term: leadership and systems" in md
    assert (
        md.index("### Databases") < md.index("### Grey literature") < md.index("### Hand-searching")
    )


def test_appendix_rows_are_plain_data(review):
    rows = strategy_rows(review)
    assert rows[0] == {
        "section": "Search dates",
        "item": "15 September 2022 to 1 October 2022",
        "detail": "",
    }
    sections = [r["section"] for r in rows]
    assert sections.count("Databases") == 8
    assert sections.count("Hand-searching") == 3
    assert sections.count("Grey literature") == 10
    assert all(isinstance(v, str) for r in rows for v in r.values())


def test_sources_never_run(review):
    findings = sources_never_run(review)
    assert len(findings) == 8 + 10 + 3
    by_where = {f.where: f for f in findings}
    assert by_where["sources/cinahl"].severity is Severity.WARNING
    assert by_where["sources/journal-1"].severity is Severity.INFO


def test_hits_against_records_imported(review):
    review.add_search_run(
        rs.SearchRun("cinahl-1", "cinahl", dt.date(2022, 9, 20), "EBSCOhost", "q", hits=5)
    )
    review.add_search_run(
        rs.SearchRun("medline-1", "medline", dt.date(2022, 9, 21), "Ovid", "q", hits=3)
    )
    review.add_search_run(
        rs.SearchRun("pubmed-1", "pubmed", dt.date(2022, 9, 22), None, "q", hits=2)
    )
    review.add_search_run(rs.SearchRun("emerald-1", "emerald", dt.date(2022, 9, 22), None, "q"))
    add_records(review, "cinahl-1", "cinahl", 5)
    add_records(review, "medline-1", "medline", 4)
    add_records(review, "emerald-1", "emerald", 1)
    assert records_per_run(review) == {"cinahl-1": 5, "medline-1": 4, "emerald-1": 1}
    findings = {f.where: f for f in hits_versus_records(review)}
    assert "search_runs/cinahl-1" not in findings
    assert (
        findings["search_runs/medline-1"].message == "3 hit(s) reported, 4 record(s) imported (+1)"
    )
    assert findings["search_runs/pubmed-1"].code == "hits-mismatch"
    assert "no record imported" in findings["search_runs/pubmed-1"].message
    assert findings["search_runs/emerald-1"].code == "hits-missing"
    rows = {r["run"]: r for r in run_rows(review)}
    assert rows["medline-1"]["hits"] == 3
    assert rows["medline-1"]["records_imported"] == 4
    md = strategy_markdown(review)
    assert "| MEDLINE | Ovid | 2022-09-21 | `q` | 3 | 4 |" in md


def test_a_record_found_by_two_runs_counts_for_both(review):
    review.add_search_run(rs.SearchRun("cinahl-1", "cinahl", dt.date(2022, 9, 20), hits=1))
    review.add_search_run(rs.SearchRun("medline-1", "medline", dt.date(2022, 9, 21), hits=1))
    review.add_record(
        rs.Record(
            "merged",
            provenance=[
                rs.Provenance(source_id="cinahl", search_run_id="cinahl-1"),
                rs.Provenance(source_id="medline", search_run_id="medline-1"),
            ],
        )
    )
    assert hits_versus_records(review) == []


def test_runs_outside_the_window(review):
    review.add_search_run(rs.SearchRun("cinahl-1", "cinahl", dt.date(2022, 9, 15), query="q"))
    review.add_search_run(rs.SearchRun("cinahl-2", "cinahl", dt.date(2022, 10, 2), query="q"))
    review.add_search_run(rs.SearchRun("cinahl-3", "cinahl", None, query="q"))
    findings = {f.where: f.code for f in runs_outside_window(review)}
    assert findings == {
        "search_runs/cinahl-2": "run-outside-window",
        "search_runs/cinahl-3": "run-undated",
    }


def test_check_search_runs_everything_and_survives_a_save(review, tmp_path):
    review.add_search_run(rs.SearchRun("cinahl-1", "cinahl", dt.date(2022, 10, 9), hits=4))
    path = tmp_path / "review.json"
    rs.save(review, path)
    codes = [f.code for f in check_search(rs.load(path))]
    assert {"hits-mismatch", "run-outside-window", "source-never-run", "run-without-query"} <= set(
        codes
    )


def test_the_strategy_query_is_linted(review):
    from realistsynth.search.checks import strategy_query_findings

    findings = strategy_query_findings(review)
    codes = [f.code for f in findings]
    assert "query-mixed-operators" in codes
    assert all(f.where == "strategy/query" for f in findings)
    mixed = next(f for f in findings if f.code == "query-mixed-operators")
    assert mixed.severity is Severity.WARNING
    assert mixed.message.endswith("(column 11)")


def test_a_platform_syntax_strategy_query_is_noted_not_failed():
    from realistsynth.search.checks import strategy_query_findings

    review = rs.Review.new("x")
    review.set_strategy(rs.SearchStrategy(query="leader*[tiab] AND (health"))
    [finding] = strategy_query_findings(review)
    assert finding.code == "query-syntax"
    assert finding.severity is Severity.INFO


def test_export_files_without_imported_records(review):
    from realistsynth.search.checks import files_not_imported

    review.add_search_run(
        rs.SearchRun("cinahl-1", "cinahl", dt.date(2022, 9, 20), files=["a.ris", "b.ris"], hits=1)
    )
    review.add_record(
        rs.Record(
            "r1",
            provenance=[rs.Provenance(file="a.ris", source_id="cinahl", search_run_id="cinahl-1")],
        )
    )
    [finding] = files_not_imported(review)
    assert finding.where == "search_runs/cinahl-1"
    assert "'b.ris'" in finding.message
