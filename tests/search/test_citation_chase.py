"""Citation chasing through a local server that answers like OpenAlex and Crossref."""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer
from search.chase_server import FakeServices
from werkzeug import Response

import realistsynth as rs
from realistsynth.search.chase import ChaseResult, chase_citations
from realistsynth.search.http import PoliteClient
from realistsynth.selection.flow import compute_flow


@pytest.fixture
def services(httpserver: HTTPServer) -> FakeServices:
    return FakeServices(httpserver)


def _review() -> rs.Review:
    review = rs.Review.new("ICS leadership")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_source(rs.Source("cinahl", "CINAHL"))
    review.add_search_run(rs.SearchRun("cinahl-1", "cinahl"))
    db = rs.Provenance(source_id="cinahl", search_run_id="cinahl-1")
    review.add_records(
        [
            rs.Record("knight2024", title="ICS leadership", doi="10.1000/seed-a", provenance=[db]),
            rs.Record("berg2021", title="Boundary spanning", pmid="2000", provenance=[db]),
            rs.Record(
                "here2017",
                title="Leading across boundaries",
                doi="10.1000/Already-Here",
                provenance=[db],
            ),
        ]
    )
    review.add_cmoc(rs.CMOC("cmoc-1", context="Trust between partners"))
    review.add_stage(rs.ScreeningStage("ta", "Title and abstract"))
    review.add_stage(rs.ScreeningStage("ft", "Full text", other_methods_entry=True))
    return review


def _client(services: FakeServices, waits: list[float] | None = None) -> PoliteClient:
    return PoliteClient(
        services.url,
        mailto="team@example.org",
        backoff=0.5,
        sleep=(waits if waits is not None else []).append,
    )


def _chase(review: rs.Review, services: FakeServices) -> ChaseResult:
    return chase_citations(
        review,
        ["knight2024", "berg2021"],
        direction="both",
        client=_client(services),
        purpose=rs.SearchPurpose("strengthen CMOC 1", cmoc_ids=["cmoc-1"]),
    )


def test_two_seeds_both_ways_give_exactly_the_expected_records(services: FakeServices) -> None:
    review = _review()
    result = chase_citations(
        review,
        ["knight2024", "berg2021"],
        direction="both",
        client=_client(services),
        purpose=rs.SearchPurpose("strengthen CMOC 1", cmoc_ids=["cmoc-1"]),
    )
    assert result.run is not None
    # W101, W102, W103 (held: here2017) back from A; W102, W201 back from B;
    # W301, W302 cite A; W302, W303 cite B
    assert result.found == 9
    assert result.linked == ("here2017",)
    assert result.known == 0
    new = {review.records[rid].extra["openalex"][0]: review.records[rid] for rid in result.added}
    assert sorted(new) == ["W101", "W102", "W201", "W301", "W302", "W303"]
    assert new["W201"].doi is None
    assert new["W201"].type == "report"

    def trail(record: rs.Record) -> list[tuple[str | None, str | None]]:
        return [(p.seed_id, p.direction.value if p.direction else None) for p in record.provenance]

    assert trail(new["W102"]) == [("knight2024", "backward"), ("berg2021", "backward")]
    assert trail(new["W302"]) == [("knight2024", "forward"), ("berg2021", "forward")]
    assert trail(review.records["here2017"])[1:] == [("knight2024", "backward")]
    prov = new["W303"].provenance[0]
    assert prov.source_id == "citations-openalex"
    assert prov.search_run_id == result.run.id
    assert prov.source_record_id == "W303"
    assert prov.format == "openalex"
    assert prov.query_url is not None
    assert prov.query_url.startswith(services.url + "/works?filter=cites%3AW100%7CW200")
    assert "mailto=team%40example.org" in prov.query_url
    assert prov.retrieved_at is not None
    assert prov.retrieved_at.tzinfo is not None
    run = review.search_runs[result.run.id]
    assert run.seeds == ("knight2024", "berg2021")
    assert run.direction is rs.ChaseDirection.BOTH
    assert run.round == 2
    assert run.service == "openalex"
    assert run.purpose is not None
    assert run.purpose.cmoc_ids == ("cmoc-1",)
    assert review.sources["citations-openalex"].kind is rs.SourceKind.CITATION_CHASING
    assert [
        (s.seed_id, s.direction.value, s.found, s.new, s.existing) for s in result.per_seed
    ] == [
        ("knight2024", "backward", 3, 2, 1),
        ("knight2024", "forward", 2, 2, 0),
        ("berg2021", "backward", 2, 1, 0),
        ("berg2021", "forward", 2, 1, 0),
    ]
    # politeness: identification, and one OR-filter per batch of ids
    first = services.requests[0]
    assert first.args["mailto"] == "team@example.org"
    assert "realistsynth/" in first.headers["User-Agent"]
    assert "mailto:team@example.org" in first.headers["User-Agent"]
    filters = [r.args["filter"] for r in services.requests]
    assert filters[:3] == ["doi:10.1000/seed-a", "pmid:2000", "openalex:W101|W102|W103|W201"]
    assert filters[3:] == ["cites:W100|W200"] * 4  # one work a page, and the empty last one
    # the new records entered selection where PRISMA 2020 puts other methods' records
    assert all(review.arm_of(rid) is rs.Arm.OTHER_METHODS for rid in result.added)
    assert review.records_at("ft") == list(result.added)
    flow = compute_flow(review)
    assert flow.other_methods is not None
    assert [(s.source_id, s.count) for s in flow.other_methods.sources] == [
        ("citations-openalex", 7)
    ]
    assert flow.other_methods.sought == 6


def test_a_second_run_adds_nothing(services: FakeServices) -> None:
    review = _review()
    _chase(review, services)
    before = review.to_document()
    again = _chase(review, services)
    assert again.nothing_new
    assert again.known == 9
    assert review.to_document() == before


def test_the_chase_survives_a_save_and_load(services: FakeServices, tmp_path: object) -> None:
    from pathlib import Path

    review = _review()
    _chase(review, services)
    path = Path(str(tmp_path)) / "review.json"
    rs.save(review, path)
    assert rs.load(path) == review


def test_429_with_retry_after_and_a_500_are_retried(services: FakeServices) -> None:
    services.faults.extend(
        [
            Response("slow down", status=429, headers={"Retry-After": "7"}),
            Response("oops", status=500),
        ]
    )
    waits: list[float] = []
    review = _review()
    result = chase_citations(
        review, ["knight2024"], direction="backward", client=_client(services, waits)
    )
    assert waits == [7.0, 1.0]  # Retry-After honoured, then back-off 0.5 * 2**1
    assert result.added


def test_back_off_is_bounded(services: FakeServices) -> None:
    services.faults.extend([Response("x", status=503, headers={"Retry-After": "86400"})] * 2)
    waits: list[float] = []
    client = PoliteClient(services.url, sleep=waits.append, max_wait=30, retries=4)
    chase_citations(_review(), ["knight2024"], direction="backward", client=client)
    assert waits == [30, 30]


def test_a_service_that_keeps_failing_changes_nothing(services: FakeServices) -> None:
    services.faults.extend([Response("down", status=502)] * 10)
    review = _review()
    before = review.to_document()
    client = PoliteClient(services.url, sleep=lambda s: None, retries=2)
    with pytest.raises(rs.ServiceError, match="502") as caught:
        chase_citations(review, ["knight2024"], direction="both", client=client)
    assert caught.value.where.startswith(services.url + "/works?")
    assert review.to_document() == before


def test_a_malformed_body_is_a_clear_error(services: FakeServices) -> None:
    services.faults.append(Response("<html>proxy</html>", status=200))
    review = _review()
    with pytest.raises(rs.ServiceError, match="not JSON"):
        chase_citations(review, ["knight2024"], direction="backward", client=_client(services))
    services.faults.append(Response(json.dumps({"results": "no"}), status=200))
    with pytest.raises(rs.ServiceError, match="not an OpenAlex list page"):
        chase_citations(review, ["knight2024"], direction="backward", client=_client(services))
    assert "citations-openalex" not in review.sources


def test_an_unknown_seed_names_the_seed(services: FakeServices) -> None:
    review = _review()
    review.add_record(rs.Record("ghost", doi="10.1000/not-there"))
    with pytest.raises(rs.ServiceError, match=r"seed 'ghost' \(DOI 10.1000/not-there\)"):
        chase_citations(review, ["ghost"], direction="forward", client=_client(services))
    with pytest.raises(rs.UnknownReferenceError, match="nope"):
        chase_citations(review, ["nope"], client=_client(services))
    review.add_record(rs.Record("bare", title="No identifiers at all"))
    with pytest.raises(rs.InvalidValueError, match="no OpenAlex id, DOI or PMID"):
        chase_citations(review, ["bare"], client=_client(services))


def test_an_unreachable_service_is_a_clear_error() -> None:
    client = PoliteClient("http://127.0.0.1:9", sleep=lambda s: None, retries=1, timeout=2)
    with pytest.raises(rs.ServiceError, match="cannot be reached"):
        chase_citations(_review(), ["knight2024"], client=client)


def test_crossref_goes_backward_only_and_reads_message_reference(services: FakeServices) -> None:
    services.crossref["10.1000/seed-a"] = [
        {
            "key": "ref1",
            "DOI": "10.1000/w101",
            "article-title": "Collaborative leadership",
            "author": "Smith",
            "year": "2019",
            "journal-title": "BMJ Leader",
        },
        {"key": "ref2", "unstructured": "NHS England (2019) The NHS Long Term Plan. London."},
        {"key": "ref3", "DOI": "10.1000/already-here"},
    ]
    review = _review()
    with pytest.raises(rs.InvalidValueError, match="no 'cited by'"):
        chase_citations(review, ["knight2024"], service="crossref", direction="forward")
    result = chase_citations(
        review,
        ["knight2024"],
        service="crossref",
        direction="backward",
        client=_client(services),
    )
    assert result.linked == ("here2017",)
    smith, nhs = (review.records[r] for r in result.added)
    assert (smith.doi, smith.authors[0].family, smith.year) == ("10.1000/w101", "Smith", 2019)
    assert smith.container_title == "BMJ Leader"
    assert nhs.extra["unstructured"] == ("NHS England (2019) The NHS Long Term Plan. London.",)
    assert (
        smith.provenance[0].query_url
        == services.url + "/works/10.1000/seed-a?mailto=team%40example.org"
    )
    with pytest.raises(rs.InvalidValueError, match="DOI only"):
        chase_citations(review, ["berg2021"], service="crossref", direction="backward")
    review.add_record(rs.Record("ghost", doi="10.1000/not-there"))
    with pytest.raises(rs.ServiceError, match="not known to Crossref"):
        chase_citations(
            review, ["ghost"], service="crossref", direction="backward", client=_client(services)
        )


def test_the_api_key_is_sent_but_never_recorded(services: FakeServices) -> None:
    review = _review()
    client = PoliteClient(services.url, api_key="SECRET", sleep=lambda s: None)
    result = chase_citations(review, ["knight2024"], direction="backward", client=client)
    assert services.requests[0].args["api_key"] == "SECRET"
    assert all("SECRET" not in url for url in result.query_urls)
    assert "SECRET" not in json.dumps(
        [str(p) for r in review.records.values() for p in r.provenance]
    )


def test_the_cli_chases_saves_and_reports_json(services: FakeServices, tmp_path: object) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from realistsynth.cli import cli

    path = Path(str(tmp_path)) / "review.json"
    rs.save(_review(), path)
    args = [
        "search",
        "chase",
        str(path),
        "--seed",
        "knight2024",
        "--seed",
        "berg2021",
        "--direction",
        "both",
        "--api-url",
        services.url,
        "--mailto",
        "team@example.org",
        "--for-cmoc",
        "cmoc-1",
        "--round",
        "3",
        "--json",
    ]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["found"], len(data["added"]), data["linked"]) == (9, 6, ["here2017"])
    saved = rs.load(path)
    run = saved.search_runs[data["run"]]
    assert run.round == 3
    assert run.purpose is not None
    assert run.purpose.cmoc_ids == ("cmoc-1",)
    again = CliRunner().invoke(cli, args[:-1], catch_exceptions=False)
    assert "Nothing new: all 9 findings were already recorded" in again.output
    assert rs.load(path) == saved
    services.faults.extend([Response("down", status=503, headers={"Retry-After": "0"})] * 10)
    failed = CliRunner().invoke(cli, [*args[:-1], "--seed", "here2017"])
    assert failed.exit_code != 0
    assert "503" in failed.output
    assert rs.load(path) == saved


def test_the_search_appendix_reports_the_iterative_round(services: FakeServices) -> None:
    from realistsynth.search.report import run_rows, strategy_markdown

    review = _review()
    result = _chase(review, services)
    assert result.run is not None
    row = next(r for r in run_rows(review) if r["run"] == result.run.id)
    assert (row["round"], row["seeds"], row["direction"]) == (2, "knight2024; berg2021", "both")
    assert row["purpose"] == "strengthen CMOC 1 (for cmoc-1)"
    markdown = strategy_markdown(review)
    assert "### Iterative searching" in markdown
    assert "| 2 | Citation searching (OpenAlex) | strengthen CMOC 1 (for cmoc-1) |" in markdown
    assert "### Citation chasing" in markdown


def test_seeds_can_come_from_a_stage(services: FakeServices, tmp_path: object) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from realistsynth.cli import cli

    review = _review()
    review.record_decision(rs.Decision("ta", "knight2024", "LK", rs.Verdict.INCLUDE))
    review.record_decision(rs.Decision("ft", "knight2024", "LK", rs.Verdict.INCLUDE))
    path = Path(str(tmp_path)) / "review.json"
    rs.save(review, path)
    args = ["search", "chase", str(path), "--seeds-from-stage", "ft", "--direction", "backward"]
    result = CliRunner().invoke(cli, [*args, "--api-url", services.url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["seed"] for s in data["per_seed"]] == ["knight2024"]
    assert rs.load(path).search_runs[data["run"]].seeds == ("knight2024",)
    none = CliRunner().invoke(cli, ["search", "chase", str(path), "--direction", "backward"])
    assert none.exit_code != 0
    assert "--seed" in none.output
