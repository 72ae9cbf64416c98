"""The ``screen`` and ``flow`` commands end to end, on a saved project file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from selection.selection_helpers import fill_workbook, small_review

import realistsynth as rs
from realistsynth.cli import cli


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_screen_export_import_conflicts_resolve_agreement_flow(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    rs.save(small_review(), path)
    for reviewer, verdicts in (("AL", "iiie"), ("BO", "iiee")):
        book = tmp_path / f"{reviewer}.xlsx"
        code, out = _run(
            "screen",
            "export",
            str(path),
            "--stage",
            "title-abstract",
            "--reviewer",
            reviewer,
            "--out",
            str(book),
        )
        assert code == 0, out
        answers = {
            f"r0{i + 1}": ("include" if v == "i" else "exclude", "", "")
            for i, v in enumerate(verdicts)
        }
        fill_workbook(book, reviewer, answers)
        code, out = _run("screen", "import", str(path), str(book))
        assert code == 0, out
        assert "4 added" in out
        code, out = _run("screen", "import", str(path), str(book))
        assert "0 added, 0 changed, 4 unchanged" in out
    code, out = _run(
        "screen", "queue", str(path), "--stage", "title-abstract", "--reviewer", "AL", "--json"
    )
    assert [r["id"] for r in json.loads(out)] == [f"r{i:02d}" for i in range(5, 11)]
    code, out = _run("screen", "conflicts", str(path), "--stage", "title-abstract", "--json")
    assert [c["record"] for c in json.loads(out)] == ["r03"]
    code, out = _run(
        "screen",
        "resolve",
        str(path),
        "--stage",
        "title-abstract",
        "--record",
        "r03",
        "--verdict",
        "include",
        "--method",
        "third-reviewer",
        "--by",
        "CH",
        "--why",
        "Describes an ICS board",
    )
    assert code == 0, out
    resolution = rs.load(path).resolution_on("title-abstract", "r03")
    assert resolution is not None
    assert resolution.by == ("CH",)
    code, out = _run("screen", "agreement", str(path), "--json")
    (row,) = json.loads(out)
    # 4 records: 3 agree (2 include, 1 exclude), 1 disagreement
    assert row["n"] == 4
    assert row["percent_agreement"]["value"] == 0.75
    code, out = _run("flow", str(path), "--json", "--svg", str(tmp_path / "flow.svg"))
    assert code == 0, out
    flow = json.loads(out)
    assert flow["stages"][0]["entered"] == 10
    assert flow["stages"][0]["included"] == 3
    assert flow["stages"][0]["undecided"] == 6
    assert (tmp_path / "flow.svg").read_text(encoding="utf-8").startswith("<svg")


def test_import_errors_exit_1_and_leave_the_file(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    rs.save(small_review(), path)
    before = path.read_bytes()
    book = tmp_path / "AL.xlsx"
    _run(
        "screen",
        "export",
        str(path),
        "--stage",
        "title-abstract",
        "--reviewer",
        "AL",
        "--out",
        str(book),
    )
    fill_workbook(book, "AL", {"r01": ("yes", "", "")})
    code, _out = _run("screen", "import", str(path), str(book))
    assert code == 1
    assert path.read_bytes() == before


def test_screen_init_adds_default_stages(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    rs.save(rs.Review.new("x"), path)
    code, out = _run("screen", "init", str(path))
    assert code == 0, out
    assert list(rs.load(path).stages) == ["title-abstract", "full-text"]
