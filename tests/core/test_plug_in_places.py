"""The places to plug in beyond registration (CLI commands, workbook sheets, lint rules,
report sections, de-duplication rules) and the events, through the example plugin package in
``plugins/`` really installed with pip, beside a broken variant of every hook that must be
reported, never crash the host."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import attrs
import openpyxl
import pytest
import realistsynth_extras_example as extras
from plugin_support import ROOT, pip_install, run_cli

import realistsynth as rs
from realistsynth.dedup.run import deduplicate, rules_with
from realistsynth.examples import build_example
from realistsynth.exporting import export_to_path
from realistsynth.importing import import_records, read_records
from realistsynth.selection import Sourced, apply_decisions
from realistsynth.synthesis import lint
from realistsynth.testing import plugin_manager_with

EXTRAS = ROOT / "plugins" / "realistsynth-extras-example"
BROKEN = ROOT / "tests" / "data" / "plugins-broken-hooks" / "realistsynth-broken-hooks-example"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example plugin alone, and with the broken variant, each installed with pip."""
    good = pip_install([EXTRAS], tmp_path_factory.mktemp("good"))
    both = pip_install([EXTRAS, BROKEN], tmp_path_factory.mktemp("both"))
    return {"good": good, "both": both}


@pytest.fixture(scope="module")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.json"
    rs.save(build_example("ics-leadership"), path)
    return path


def _manager() -> rs.PluginManager:
    return plugin_manager_with(extras, strict=True)


def test_the_example_plugin_uses_every_new_hook() -> None:
    from realistsynth.plugins.hookdoc import hook_names

    added = [n for n in hook_names() if not n.startswith("realistsynth_register_")]
    assert added, "no hook beyond registration"
    assert all(hasattr(extras, name) for name in added), added


def test_hook_realistsynth_cli_commands(sites: dict[str, Path], example_file: Path) -> None:
    result = run_cli(["extras", "evidence", str(example_file)], sites["good"])
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    review = rs.load(example_file)
    assert sum(counts.values()) == len(review.evidence)
    assert set(counts) == set(review.cmocs)
    assert "extras" in run_cli(["--help"], sites["good"]).stdout


def test_hook_realistsynth_workbook_sheets(tmp_path: Path) -> None:
    review = build_example("ics-leadership")
    target = tmp_path / "w.xlsx"
    export_to_path(
        review, "xlsx", target, {"sheets": "cmocs,evidence-counts"}, plugin_manager=_manager()
    )
    book = openpyxl.load_workbook(target, read_only=True)
    assert "Evidence counts" in book.sheetnames
    rows = list(book["Evidence counts"].iter_rows(values_only=True))
    assert rows[0] == ("CMOC", "Evidence links")
    assert sum(r[1] for r in rows[1:]) == len(review.evidence)


def test_hook_realistsynth_lint_rules() -> None:
    review = build_example("ics-leadership")
    cmoc = next(iter(review.cmocs.values()))
    long = " ".join(["word"] * 130)
    review.add_cmoc(attrs.evolve(cmoc, statement=long), replace=True)
    findings = lint(review, _manager().lint_rules.values())
    flagged = [f for f in findings if f.code == "long-statement"]
    assert [f.cmoc_id for f in flagged] == [cmoc.id]
    assert all(f.code != "long-statement" for f in lint(review))


def test_hook_realistsynth_report_sections(tmp_path: Path) -> None:
    review = build_example("ics-leadership")
    target = tmp_path / "report.md"
    export_to_path(review, "rameses-md", target, plugin_manager=_manager())
    text = target.read_text(encoding="utf-8")
    supported = sum(
        1 for c in review.cmocs if any(e.cmoc_id == c for e in review.evidence.values())
    )
    assert f"{supported} of {len(review.cmocs)} CMOCs have at least one evidence link" in text


def test_hook_realistsynth_dedup_rules() -> None:
    review = rs.Review.new("D")
    titles = {
        "p": "Leadership in integrated care (NCT01234567): protocol of a realist trial",
        "r": "Leadership in integrated care (NCT01234567): results of a realist trial",
        "o": "Something else entirely, about governance",
    }
    for rid, title in titles.items():
        review.add_record(rs.Record(rid, title=title, issued=rs.PartialDate(2021)))
    deduplicate(review)
    before = {link.pair: link.rule for link in review.duplicate_links}
    deduplicate(review, rules=rules_with(_manager().dedup_rules.values()))
    (link,) = review.duplicate_links
    assert (link.pair, link.rule, link.verdict) == (
        ("p", "r"),
        "same-trial-registration",
        rs.LinkVerdict.RELATED,
    )
    assert before.get(("p", "r")) != "same-trial-registration"


def _events(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture
def event_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "events.jsonl"
    monkeypatch.setenv(extras.EVENT_LOG_ENV, str(log))
    return log


def test_hook_realistsynth_review_loaded(example_file: Path, event_log: Path) -> None:
    review = rs.load(example_file, plugin_manager=_manager())
    rs.load(example_file)  # without a manager nobody is told
    (event,) = _events(event_log)
    assert event == {
        "event": "review_loaded",
        "path": str(example_file),
        "records": len(review.records),
    }


def test_hook_realistsynth_review_saved(tmp_path: Path, event_log: Path) -> None:
    target = tmp_path / "r.json"
    rs.save(rs.Review.new("T"), target, plugin_manager=_manager())
    assert _events(event_log) == [{"event": "review_saved", "path": str(target), "records": 0}]


def test_hook_realistsynth_records_imported(event_log: Path) -> None:
    review = rs.Review.new("T")
    data = b"TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nTI  - Two\nER  - \n"
    manager = _manager()
    result = read_records(data, "ris", file_name="a.ris", plugin_manager=manager)
    ids = import_records(review, result, plugin_manager=manager)
    assert _events(event_log) == [{"event": "records_imported", "file": "a.ris", "ids": ids}]


def test_hook_realistsynth_decision_recorded(event_log: Path) -> None:
    review = rs.Review.new("T")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_record(rs.Record("a1", title="A"))
    review.add_stage(rs.ScreeningStage("ta", "Title and abstract", required_reviewers=1))
    decision = rs.Decision("ta", "a1", "LK", rs.Verdict.INCLUDE)
    apply_decisions(review, [Sourced(decision, "sheet!2")], plugin_manager=_manager())
    (event,) = _events(event_log)
    assert event["event"] == "decision_recorded"
    assert (event["record_id"], event["verdict"]) == ("a1", "include")


def test_a_failing_subscriber_never_breaks_the_operation(tmp_path: Path) -> None:
    class Failing:
        @rs.hookimpl
        def realistsynth_review_saved(self) -> None:
            raise OSError("disk of the subscriber is full")

    manager = plugin_manager_with(Failing())
    target = tmp_path / "r.json"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rs.save(rs.Review.new("T"), target, plugin_manager=manager)
    assert rs.load(target).meta.title == "T"
    assert any("disk of the subscriber is full" in str(w.message) for w in caught)
    (problem,) = manager.problems
    assert problem.plugin == "Failing"
    assert "realistsynth_review_saved raised OSError" in problem.error


def test_broken_variants_are_reported_not_crashed_on(
    sites: dict[str, Path], example_file: Path, tmp_path: Path
) -> None:
    site = sites["both"]
    review = tmp_path / "review.json"
    review.write_bytes(example_file.read_bytes())
    listing = json.loads(run_cli(["plugins", "--json"], site).stdout)
    problems = {p["plugin"]: p["error"] for p in listing["problems"]}
    assert "realistsynth_cli_commands returned a str" in problems["broken-hooks-example"]
    # the working plugin's command still runs beside the broken one
    assert run_cli(["extras", "evidence", str(review)], site).returncode == 0

    book = tmp_path / "w.xlsx"
    result = run_cli(["export", str(review), "--to", "xlsx", "--out", str(book)], site)
    assert result.returncode == 0, result.stderr
    sheets = openpyxl.load_workbook(book, read_only=True)
    assert "Evidence counts" in sheets.sheetnames
    broken = sheets["A sheet whose builder raises"]
    (row,) = list(broken.iter_rows(min_row=2, values_only=True))
    assert "broken-hooks-example" in row[0]
    assert "broken on purpose" in row[0]

    result = run_cli(["theory", "lint", str(review), "--json"], site)
    codes = {f["code"]: f for f in json.loads(result.stdout)["findings"]}
    assert "the lint rule 'broken-rule' failed" in codes["rule-failed"]["message"]

    report = tmp_path / "r.md"
    result = run_cli(["export", str(review), "--to", "rameses-md", "--out", str(report)], site)
    assert result.returncode == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert "The section 'broken-section' of plugin 'broken-hooks-example' failed" in text
    assert "Evidence summary (extras example plugin)" in text

    before = len(rs.load(review).records)
    ris = tmp_path / "new.ris"
    study = (
        "TY  - JOUR\nTI  - Leadership in integrated care (NCT07654321): {part} of a realist "
        "trial\nPY  - 2023\nER  - \n"
    )
    ris.write_text(study.format(part="protocol") + study.format(part="results"), encoding="utf-8")
    log = tmp_path / "events.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(site), **{extras.EVENT_LOG_ENV: str(log)})
    result = subprocess.run(
        [sys.executable, "-m", "realistsynth.cli", "import", str(review), str(ris)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "imported subscriber broken on purpose" in result.stderr
    assert len(rs.load(review).records) == before + 2
    events = [e["event"] for e in _events(log)]
    assert events == ["review_loaded", "records_imported", "review_saved"]

    result = run_cli(["dedupe", "run", str(review)], site)
    assert result.returncode == 0, result.stderr
    assert "de-duplication rule 'broken-dedup' raised RuntimeError" in result.stderr
    # the working plugin's rule still decided the pair the broken one could not
    rules = {link.rule for link in rs.load(review).duplicate_links}
    assert "same-trial-registration" in rules
