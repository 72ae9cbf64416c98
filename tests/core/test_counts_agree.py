"""Every command counts identification from one source of truth: ``dedupe``, ``flow``,
``info``, the workbook's Flow sheet and the report's flow diagram give the same figures, on the
worked example and on a review with a re-imported file and real duplicates. A file imported
twice is warned about and its copies are neither "identified" nor "duplicates removed"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from realistsynth.cli import cli

EXAMPLE_RIS = (
    Path(__file__).resolve().parents[2] / "examples/ics-leadership/data/full-text-records.ris"
)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _first_records(n: int) -> str:
    blocks = re.split(r"(?m)^(?=TY  - )", EXAMPLE_RIS.read_text(encoding="utf-8"))
    return "".join([b for b in blocks if b.startswith("TY")][:n])


@pytest.fixture(scope="module")
def reimported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five records imported from one database export, the same export imported again, and
    two of the five found again in a second database (another file)."""
    folder = tmp_path_factory.mktemp("reimport")
    first = folder / "db1.ris"
    first.write_text(_first_records(5), encoding="utf-8")
    second = folder / "db2.ris"
    second.write_text(_first_records(2).replace("ID  - ", "ID  - db2-"), encoding="utf-8")
    review = folder / "review.json"
    _run("new", str(review), "--title", "Counts")
    _run("search", "add-source", str(review), "--id", "db1", "--name", "DB one")
    _run("search", "add-source", str(review), "--id", "db2", "--name", "DB two")
    _run("import", str(review), str(first), "--source", "db1")
    again = _run("import", str(review), str(first), "--source", "db1")
    assert "this file was imported before" in again
    _run("import", str(review), str(second), "--source", "db2")
    _run("screen", "init", str(review))
    return review


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("example")
    _run("example", "ics-leadership", "--out", str(folder))
    return folder / "review.json"


def _figures_everywhere(review: Path, tmp: Path) -> dict[str, tuple[object, object]]:
    dedupe = json.loads(_run("dedupe", str(review), "--json"))
    flow = json.loads(_run("flow", str(review), "--json"))
    info = json.loads(_run("info", str(review), "--json"))
    _run("export", str(review), "--to", "xlsx", "--out", str(tmp / "w.xlsx"))
    sheet = load_workbook(tmp / "w.xlsx")["Flow"]
    cells = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    _run("report", str(review), "--out", str(tmp / "report.md"))
    report = (tmp / "report.md").read_text(encoding="utf-8")

    def n(label: str) -> object:
        found = re.search(label + r"[^(<]*\(n = ([^)]+)\)", report)
        assert found, label
        text = found[1].replace(",", "")
        return int(text) if text.isdigit() else None

    return {
        "dedupe": (dedupe["flow_identified"], dedupe["flow_duplicates"]),
        "flow": (flow["identified"], flow["duplicates"]),
        "info": (info["identified"], info["duplicates_removed"]),
        "workbook": (cells["Identified"], cells["Duplicates removed"]),
        "report": (n("Records identified"), n("Duplicate records")),
    }


def test_counts_agree_on_a_review_with_reimports_and_duplicates(
    reimported: Path, tmp_path: Path
) -> None:
    figures = _figures_everywhere(reimported, tmp_path)
    # 5 + 2 distinct findings (the re-imported copies are not new findings); the 2 found in
    # both databases are duplicates removed, the copies are not
    assert set(figures.values()) == {(7, 2)}, figures
    dedupe = json.loads(_run("dedupe", str(reimported), "--json", "--dry-run"))
    assert dedupe["records"] == 12
    assert dedupe["repeated"] == 5
    assert (dedupe["identified"], dedupe["duplicates_removed"], dedupe["unique"]) == (7, 2, 5)
    flow = json.loads(_run("flow", str(reimported), "--json"))
    assert flow["stages"][0]["entered"] == 5  # one record per work enters screening


def test_counts_agree_on_the_worked_example(example: Path, tmp_path: Path) -> None:
    figures = _figures_everywhere(example, tmp_path)
    assert len(set(figures.values())) == 1, figures
    info = json.loads(_run("info", str(example), "--json"))
    flow = json.loads(_run("flow", str(example), "--json"))
    assert info["included"] == flow["included"] == 18
    assert info["screened"] == flow["stages"][0]["entered"]


def test_dedupe_dry_run_says_nothing_was_saved(reimported: Path) -> None:
    before = reimported.read_bytes()
    output = _run("dedupe", str(reimported), "--dry-run")
    assert "Dry run: nothing was saved" in output
    assert reimported.read_bytes() == before
    assert json.loads(_run("dedupe", str(reimported), "--dry-run", "--json"))["saved"] is False
