"""The ``realistsynth dedupe`` command, run through click's runner on real files."""

from __future__ import annotations

import json

from click.testing import CliRunner
from dedup.dedup_helpers import rec
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.dedup.workbook import COLUMNS, SHEET
from realistsynth.model import Reviewer


def _project(tmp_path):
    review = rs.Review.new("CLI test")
    review.add_reviewer(Reviewer("LK"))
    review.add_records(
        [
            rec("k1"),
            rec("k2", doi=None),
            rec(
                "q1",
                title="A quite different study of nurses",
                doi=None,
                authors=[],
                pages=None,
                volume=None,
            ),
            rec(
                "q2",
                title="A quite different study of nurses",
                doi=None,
                authors=[],
                pages=None,
                volume=None,
            ),
        ]
    )
    path = tmp_path / "review.json"
    rs.save(review, path)
    return path


def test_dedupe_runs_saves_and_reports_json(tmp_path):
    path = _project(tmp_path)
    result = CliRunner().invoke(cli, ["dedupe", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["records"] == 4
    assert data["duplicates_removed"] == 1
    assert data["queued"] == 1
    assert rs.load(path).cluster_id_of("k2") == "k1"


def test_dedupe_dry_run_does_not_save(tmp_path):
    path = _project(tmp_path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["dedupe", "run", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "duplicates removed" in result.output
    assert path.read_bytes() == before


def test_review_export_and_import_round_trip(tmp_path):
    path = _project(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["dedupe", str(path)]).exit_code == 0
    out = tmp_path / "pairs.xlsx"
    result = runner.invoke(cli, ["dedupe", "review-export", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb[SHEET]
    ws.cell(row=2, column=COLUMNS.index("decision") + 1, value="same")
    ws.cell(row=2, column=COLUMNS.index("reviewer") + 1, value="LK")
    wb.save(out)
    result = runner.invoke(cli, ["dedupe", "review-import", str(path), str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["changed"] == 1
    assert data["queued"] == 0
    assert data["duplicates_removed"] == 2
    again = runner.invoke(cli, ["dedupe", "review-import", str(path), str(out), "--json"])
    assert json.loads(again.output)["changed"] == 0


def test_bad_workbook_exits_1_with_the_row(tmp_path):
    path = _project(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["dedupe", str(path)])
    out = tmp_path / "pairs.xlsx"
    runner.invoke(cli, ["dedupe", "review-export", str(path), "--out", str(out)])
    wb = load_workbook(out)
    wb[SHEET].cell(row=2, column=COLUMNS.index("decision") + 1, value="perhaps")
    wb.save(out)
    result = runner.invoke(cli, ["dedupe", "review-import", str(path), str(out)])
    assert result.exit_code == 1
    assert "pairs!2" in result.output


def test_explain_shows_the_rule_and_field_scores(tmp_path):
    path = _project(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["dedupe", str(path)])
    result = runner.invoke(cli, ["dedupe", "explain", str(path), "k2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["cluster"] == "k1"
    assert data["members"] == ["k1", "k2"]
    (link,) = data["links"]
    assert link["verdict"] == "duplicate"
    assert link["rule"].startswith("fuzzy")
    assert link["field_scores"]["title"] == 1.0
    text = runner.invoke(cli, ["dedupe", "explain", str(path), "k2"])
    assert "rule fuzzy" in text.output
    assert "title 1.00" in text.output  # field scores printed, not eaten as markup


def test_decide_different_undoes_a_merge_for_good(tmp_path):
    path = _project(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["dedupe", str(path)])
    result = runner.invoke(
        cli, ["dedupe", "decide", str(path), "k1", "k2", "different", "--reviewer", "LK"]
    )
    assert result.exit_code == 0, result.output
    runner.invoke(cli, ["dedupe", str(path)])
    review = rs.load(path)
    assert review.cluster_id_of("k2") == "k2"
    missing = runner.invoke(cli, ["dedupe", "decide", str(path), "k1", "k2", "same"])
    assert missing.exit_code == 2
    runner.invoke(cli, ["dedupe", "decide", str(path), "k1", "k2", "withdraw"])
    assert rs.load(path).cluster_id_of("k2") == "k1"
    unknown = runner.invoke(
        cli, ["dedupe", "decide", str(path), "k1", "nope", "same", "--reviewer", "LK"]
    )
    assert unknown.exit_code == 1
    assert "unknown record 'nope'" in unknown.output
