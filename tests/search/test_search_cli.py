"""The ``query`` and ``search`` commands, run through click's runner on real files."""

from __future__ import annotations

import json

from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli

PRINTED = (
    "Integrat* AND health OR care OR “health care” OR “health servic*” OR healthcare OR "
    "social-care OR “social care” OR NHS AND system* AND leader*"
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_query_check_json_lists_readings_and_losses():
    result = run("query", "check", PRINTED, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["valid"]
    mixed = next(f for f in data["findings"] if f["code"] == "mixed-operators")
    assert len(mixed["readings"]) == 3
    assert set(data["renderings"]) >= {
        "pubmed",
        "ovid",
        "ebsco",
        "proquest",
        "scopus",
        "wos",
        "cochrane",
        "generic",
    }


def test_query_check_syntax_error_exits_1_with_caret():
    result = CliRunner().invoke(cli, ["query", "check", "leader* AND (health"])
    assert result.exit_code == 1
    assert "never closed" in result.output
    assert "            ^" in result.output


def test_query_check_strict_fails_on_warnings():
    assert run("query", "check", "social-care").exit_code == 0
    assert CliRunner().invoke(cli, ["query", "check", "social-care", "--strict"]).exit_code == 1


def test_query_translate_to_each_platform():
    result = run("query", "translate", 'tiab:leader* AND exp mh:"Leadership"', "--to", "ovid")
    assert result.output.strip() == "leader*.ti,ab. and exp Leadership/"
    result = run(
        "query",
        "translate",
        "leader*[tiab] AND Leadership[mh]",
        "--from",
        "pubmed",
        "--to",
        "generic",
    )
    assert result.output.strip() == 'tiab:leader* AND exp mh:"Leadership"'


def test_query_translate_reports_losses():
    result = CliRunner().invoke(cli, ["query", "translate", "ab:wom?n", "--to", "pubmed", "--json"])
    data = json.loads(result.output)
    assert data["text"] == "wom*[tiab]"
    assert not data["exact"]
    assert {x["feature"] for x in data["losses"]} == {"field", "wildcard"}


def test_query_translate_unknown_dialect():
    result = CliRunner().invoke(cli, ["query", "translate", "a", "--to", "nope"])
    assert result.exit_code == 1
    assert "no query dialect 'nope'" in result.output


def test_search_commands_record_and_show(tmp_path):
    path = tmp_path / "r.json"
    assert run("new", str(path), "--title", "ICS").exit_code == 0
    assert (
        run(
            "search",
            "set-strategy",
            str(path),
            "--start",
            "2022-09-15",
            "--end",
            "2022-10-01",
            "--query",
            PRINTED,
            "--limiter",
            "language:English language only",
            "--limiter",
            "field:Abstract",
            "--from-year",
            "2017",
            "--to-year",
            "2022",
        ).exit_code
        == 0
    )
    assert (
        run(
            "search",
            "add-source",
            str(path),
            "--id",
            "cinahl",
            "--name",
            "CINAHL",
            "--platform",
            "EBSCOhost",
        ).exit_code
        == 0
    )
    assert (
        run(
            "search",
            "add-source",
            str(path),
            "--id",
            "kf",
            "--name",
            "The King’s Fund",
            "--kind",
            "grey-literature",
        ).exit_code
        == 0
    )
    result = run(
        "search",
        "add-run",
        str(path),
        "--source",
        "cinahl",
        "--date",
        "2022-09-20",
        "--query",
        "TI leader*",
        "--hits",
        "120",
        "--file",
        "cinahl.ris",
    )
    assert result.exit_code == 0
    review = rs.load(path)
    run_ = review.search_runs["cinahl-1"]
    assert (run_.hits, run_.files, run_.platform) == (120, ("cinahl.ris",), None)
    data = json.loads(run("search", "show", str(path), "--json").output)
    assert data["runs"][0]["platform"] == "EBSCOhost"
    codes = {f["code"] for f in data["findings"]}
    assert {c for c in codes if not c.startswith("query-")} == {
        "hits-mismatch",
        "file-not-imported",
        "source-never-run",
    }
    assert "query-mixed-operators" in codes
    md = run("search", "show", str(path), "--markdown").output
    assert md.startswith("## Search strategy")
    assert "| CINAHL | EBSCOhost | 2022-09-20 | `TI leader*` | 120 | 0 |" in md


def test_search_add_run_refuses_unknown_source_and_bad_date(tmp_path):
    path = tmp_path / "r.json"
    run("new", str(path), "--title", "ICS")
    before = path.read_bytes()
    bad = CliRunner().invoke(
        cli,
        [
            "search",
            "add-run",
            str(path),
            "--source",
            "nope",
            "--date",
            "2022-09-20",
            "--query",
            "q",
            "--hits",
            "1",
        ],
    )
    assert bad.exit_code == 1
    assert "unknown source" in bad.output
    bad = CliRunner().invoke(
        cli,
        [
            "search",
            "add-run",
            str(path),
            "--source",
            "nope",
            "--date",
            "20/9/2022",
            "--query",
            "q",
            "--hits",
            "1",
        ],
    )
    assert bad.exit_code == 1
    assert "not a date" in bad.output
    assert path.read_bytes() == before


def test_query_translate_ovid_lines():
    result = run("query", "translate", "(leader* OR manag*) AND system*", "--to", "ovid", "--lines")
    assert result.output.splitlines() == [
        "1 leader*.mp.",
        "2 manag*.mp.",
        "3 or/1-2",
        "4 system*.mp.",
        "5 and/3-4",
    ]
    bad = CliRunner().invoke(cli, ["query", "translate", "a", "--to", "pubmed", "--lines"])
    assert bad.exit_code == 1
    assert "no line-by-line form" in bad.output


def test_search_add_run_replace_corrects_a_run(tmp_path):
    path = tmp_path / "r.json"
    run("new", str(path), "--title", "ICS")
    run("search", "add-source", str(path), "--id", "cinahl", "--name", "CINAHL")
    args = [
        "search",
        "add-run",
        str(path),
        "--source",
        "cinahl",
        "--date",
        "2022-09-20",
        "--query",
        "q",
    ]
    assert run(*args, "--hits", "10").exit_code == 0
    again = CliRunner().invoke(cli, [*args, "--hits", "12", "--id", "cinahl-1"])
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert run(*args, "--hits", "12", "--id", "cinahl-1", "--replace").exit_code == 0
    assert rs.load(path).search_runs["cinahl-1"].hits == 12
    missing = CliRunner().invoke(cli, [*args, "--hits", "1", "--id", "nope-1", "--replace"])
    assert missing.exit_code == 1
    assert "no run 'nope-1'" in missing.output


def test_search_set_strategy_with_concept_blocks(tmp_path):
    path = tmp_path / "r.json"
    run("new", str(path), "--title", "ICS")
    result = run(
        "search",
        "set-strategy",
        str(path),
        "--block",
        "setting=integrat* AND (health OR care)",
        "--block",
        "leadership=leader* OR manag*",
        "--note",
        "blocks combined with AND",
    )
    assert result.exit_code == 0
    strategy = rs.load(path).strategy
    assert strategy is not None
    assert [(b.name, b.query) for b in strategy.concept_blocks] == [
        ("setting", "integrat* AND (health OR care)"),
        ("leadership", "leader* OR manag*"),
    ]
    md = run("search", "show", str(path), "--markdown").output
    assert "- setting: `integrat* AND (health OR care)`" in md
    assert "blocks combined with AND" in md
    bad = CliRunner().invoke(cli, ["search", "set-strategy", str(path), "--block", "no equals"])
    assert bad.exit_code == 1
    assert "NAME=QUERY" in bad.output


def test_add_run_records_round_and_purpose(tmp_path):
    path = tmp_path / "review.json"
    review = rs.Review.new("Iterative")
    review.add_source(rs.Source("kf", "The King’s Fund", kind=rs.SourceKind.WEBSITE))
    review.add_cmoc(rs.CMOC("cmoc-6", context="Trust"))
    rs.save(review, path)
    args = ["search", "add-run", str(path), "--source", "kf", "--date", "2023-02-01"]
    args += ["--query", "leadership integrated care", "--hits", "12", "--round", "2"]
    result = run(*args, "--purpose", "find evidence for trust", "--for-cmoc", "cmoc-6")
    assert result.exit_code == 0, result.output
    stored = rs.load(path).search_runs["kf-1"]
    assert stored.round == 2
    assert stored.purpose == rs.SearchPurpose("find evidence for trust", cmoc_ids=["cmoc-6"])
    bad = CliRunner().invoke(cli, [*args, "--for-cmoc", "cmoc-99"])
    assert bad.exit_code != 0
    assert "cmoc-99" in bad.output
