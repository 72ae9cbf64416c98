"""``realistsynth theory show|diff|lint`` on the worked example saved to a project file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from theory.theory_ics_example import builder

import realistsynth as rs


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ics") / "ics.json"
    rs.save(builder().build(), path)
    return path


def test_show_json_has_versions_themes_evidence_and_lineage(project: Path) -> None:
    code, out = run("theory", "show", str(project), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["framework"] == "doing-things-differently"
    assert [v["id"] for v in data["versions"]] == ["irpt", "ipt"]
    refined = data["versions"][1]
    cmocs = {c["id"]: c for t in refined["themes"] for c in t["cmocs"]}
    # Supplementary File 1's 13 papers for CMOC 3, and the example's coded extracts of it
    review = rs.load(project)
    linked = [e for e in review.evidence.values() if e.cmoc_id == "refined-3"]
    papers = [e for e in linked if e.target is rs.EvidenceTarget.RECORD]
    assert len(papers) == 13
    assert cmocs["refined-3"]["evidence"]["total"] == len(linked)
    assert {s["cmoc"] for s in cmocs["refined-4"]["lineage"]["from"]} == {
        "initial-2",
        "initial-9",
    }
    delivering = next(t for t in refined["themes"] if t["theme"] == "delivering")
    assert [c["id"] for c in delivering["cmocs"]] == ["refined-4", "refined-5", "refined-6"]


def test_show_text_one_version(project: Path) -> None:
    code, out = run("theory", "show", str(project), "--version", "irpt")
    assert code == 0
    assert "Initial rough programme theory" in out
    assert "Refined programme theory" not in out
    assert "became: refined-4 (merged)" in out
    assert "became: not tested" in out
    assert "dropped" not in out.lower()


def test_show_unknown_version_fails_clearly(project: Path) -> None:
    code, out = run("theory", "show", str(project), "--version", "nope")
    assert code == 1
    assert "no theory version 'nope'" in out


def test_diff_defaults_to_the_last_two_versions(project: Path) -> None:
    code, out = run("theory", "diff", str(project), "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("irpt", "ipt")
    assert data["counts"]["merged"] == 2
    # the recorded outcome kinds are stable lowercase words
    recorded = {k for e in data["entries"] for k in e["recorded"]}
    assert recorded == {"revised", "merged", "not-tested"}
    (untested,) = [e for e in data["entries"] if e["kind"] == "not-tested"]
    assert untested["before"] == ["initial-3"]
    code, text = run("theory", "diff", str(project), "irpt", "ipt")
    assert code == 0
    assert "NOT TESTED initial-3 -> -" in text
    assert "dropped" not in text.lower()


def test_diff_needs_two_versions(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    rs.save(rs.Review.new("One"), path)
    code, out = run("theory", "diff", str(path))
    assert code == 1
    assert "needs two theory versions" in out


def test_lint_exit_status_and_json(project: Path) -> None:
    code, out = run("theory", "lint", str(project))
    assert code == 0  # warnings only
    assert "urtaranlaresgoiti2018" in out
    code, _ = run("theory", "lint", str(project), "--strict")
    assert code == 1
    code, out = run("theory", "lint", str(project), "--json")
    findings = json.loads(out)["findings"]
    assert sorted(f["code"] for f in findings) == ["cited-without-evidence", "evidence-not-cited"]
