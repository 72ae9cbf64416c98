"""The foundation's commands: new, info, validate, plugins; exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_new_then_info_json(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    code, _, _ = run(
        "new",
        str(path),
        "--title",
        "ICS leadership",
        "--question",
        "How?",
        "--type",
        "rapid-realist-review",
    )
    assert code == 0
    code, out, _ = run("info", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "ICS leadership"
    assert data["review_type"] == "rapid-realist-review"
    assert data["records"] == 0


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    assert run("new", str(path), "--title", "A")[0] == 0
    code, _, err = run("new", str(path), "--title", "B")
    assert code == 1
    assert "already exists" in err
    assert rs.load(path).meta.title == "A"


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    review = rs.Review.new("T")
    review.add_record(rs.Record("a"))
    doc = json.loads(rs.dumps(review))
    doc["review"]["evidence"] = [
        {"id": "e1", "cmoc_id": "nope", "target": "record", "target_id": "a"},
        {"id": "e2", "cmoc_id": "nope2", "target": "quotation", "target_id": "q"},
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run("validate", str(path), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert len(data["problems"]) == 3
    code, _, err = run("validate", str(path))
    assert code == 1
    assert "3 problem(s)" in err


def test_invalid_input_exits_1_and_usage_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run("info", str(bad))
    assert code == 1
    assert "not valid JSON" in err
    assert run("info")[0] == 2
    assert run("no-such-command")[0] == 2
    assert run("info", str(tmp_path / "missing.json"))[0] == 2


def test_plugins_json_lists_builtins() -> None:
    code, out, _ = run("plugins", "--json")
    assert code == 0
    provides = {p["name"]: p["provides"] for p in json.loads(out)["plugins"]}
    assert provides["realistsynth.builtin.criteria"] == {"criteria_sets": ["realist-rrr"]}
