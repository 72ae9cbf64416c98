"""``realistsynth import`` and ``realistsynth export`` on real files and real project files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.model import (
    Decision,
    ScreeningStage,
    SearchRun,
    Source,
    Verdict,
)

DATA = Path(__file__).parent.parent / "data" / "importers"
BROKEN = (
    b"TY  - JOUR\nTI  - Good\nER  - \nAU  - Orphan, A.\nER  - \nTY  - JOUR\nTI  - Two\nER  - \n"
)


@pytest.fixture
def review(tmp_path: Path) -> Path:
    path = tmp_path / "review.json"
    project = rs.Review.new("ICS leadership")
    project.add_source(Source("scopus", "Scopus"))
    project.add_search_run(SearchRun("scopus-2023", "scopus"))
    rs.save(project, path)
    return path


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


def test_import_several_files_with_provenance(review: Path) -> None:
    code, out = _run(
        "import", review, DATA / "scopus.ris", DATA / "pubmed.nbib",
        "--source", "scopus", "--search-run", "scopus-2023",
    )  # fmt: skip
    assert code == 0, out
    assert "scopus.ris: ris, utf-8; 2 record(s) read, 0 skipped" in out
    assert "Added 4 record(s)" in out
    project = rs.load(review)
    assert list(project.records) == ["haddad2022", "novak2021", "aunger2022", "clarke2018"]
    prov = project.records["aunger2022"].provenance[0]
    assert (prov.source_id, prov.search_run_id, prov.format) == ("scopus", "scopus-2023", "medline")
    assert prov.source_record_id == "36012345"


def test_import_json_report(review: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ris"
    broken.write_bytes(BROKEN)
    code, out = _run("import", review, broken, "--json")
    assert code == 0
    data = json.loads(out)
    (report,) = data["files"]
    assert report["format"] == "ris"
    assert report["records_read"] == 2
    assert report["skipped"] == [
        {
            "index": 1,
            "line": 4,
            "reason": "tag lines outside a record (no 'TY  - ' line before them)",
        }
    ]
    assert report["ids"] == ["goodnd", "twond"]
    assert data["records_added"] == 2
    assert len(rs.load(review).records) == 2


def test_strict_failure_saves_nothing(review: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ris"
    broken.write_bytes(BROKEN)
    before = review.read_bytes()
    code, out = _run("import", review, DATA / "scopus.ris", broken, "--strict")
    assert code == 1
    assert "broken.ris:4:" in out
    assert review.read_bytes() == before


def test_unknown_source_is_refused_before_reading(review: Path) -> None:
    code, out = _run("import", review, DATA / "scopus.ris", "--source", "embase")
    assert code == 1
    assert "no source 'embase'" in out


def test_forced_format(review: Path) -> None:
    code, out = _run("import", review, DATA / "wos.ris", "--format", "medline")
    assert code == 1
    assert "no MEDLINE record found" in out


def test_export_ris_all_and_included_only(review: Path, tmp_path: Path) -> None:
    assert _run("import", review, DATA / "scopus.ris", DATA / "mendeley.ris")[0] == 0
    out = tmp_path / "all.ris"
    code, text = _run("export", review, "--to", "ris", "--out", out)
    assert code == 0, text
    back = rs.read_records(out)
    assert [r.title for r in back.records] == [r.title for r in rs.load(review).records.values()]

    code, text = _run("export", review, "--to", "ris", "--out", tmp_path / "inc.ris",
                      "--included-only")  # fmt: skip
    assert code == 1
    assert "no selection stage" in text
    assert not (tmp_path / "inc.ris").exists()

    project = rs.load(review)
    project.add_reviewer(rs.Reviewer("LK"))
    project.add_stage(ScreeningStage("ta", "Title and abstract"))
    ids = list(project.records)
    project.record_decision(Decision("ta", ids[1], "LK", Verdict.INCLUDE))
    project.record_decision(Decision("ta", ids[2], "LK", Verdict.EXCLUDE, reason=None))
    rs.save(project, review)
    code, text = _run("export", review, "--to", "ris", "--out", tmp_path / "inc.ris",
                      "--included-only")  # fmt: skip
    assert code == 0, text
    (only,) = rs.read_records(tmp_path / "inc.ris").records
    assert only.title == project.records[ids[1]].title


def test_export_unknown_exporter_lists_the_known(review: Path, tmp_path: Path) -> None:
    code, out = _run("export", review, "--to", "nope", "--out", tmp_path / "x")
    assert code == 1
    assert "no exporter named 'nope'" in out
    assert "ris" in out
    assert list(tmp_path.iterdir()) == [review]


def test_failing_exporter_leaves_the_old_file(review: Path, tmp_path: Path) -> None:
    from realistsynth.errors import ExportError
    from realistsynth.exporting import export_to_path
    from realistsynth.testing import plugin_manager_with

    class Broken:
        name = "broken"
        title = "Broken"
        suffix = ".txt"
        options = ()

        def export(
            self, review: rs.Review, stream: IO[bytes], options: Mapping[str, object]
        ) -> rs.ExportReport:
            stream.write(b"half")
            raise ValueError("boom")

    class Plugin:
        @rs.hookimpl
        def realistsynth_register_exporters(self) -> list[object]:
            return [Broken()]

    target = tmp_path / "out.txt"
    target.write_text("old")
    manager = plugin_manager_with(Plugin())
    with pytest.raises(ExportError, match="exporter 'broken' failed: ValueError: boom"):
        export_to_path(rs.load(review), "broken", target, plugin_manager=manager)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "review.json"]


PLUGIN_SOURCE = '''
"""A third-party exporter: one title per line."""
from realistsynth import ExportReport, hookimpl


class TitlesExporter:
    name = "titles"
    title = "Titles, one per line"
    suffix = ".txt"

    def export(self, review, stream, options):
        for record in review.records.values():
            stream.write((record.title or "").encode("utf-8") + b"\\n")
        return ExportReport(["written by a plugin"])


@hookimpl
def realistsynth_register_exporters():
    return [TitlesExporter()]
'''


def test_export_dispatches_to_an_installed_plugin(review: Path, tmp_path: Path) -> None:
    """A real plugin package, pip-installed, is reachable with --to."""
    package = tmp_path / "pkg"
    (package / "titles_exporter").mkdir(parents=True)
    (package / "titles_exporter" / "__init__.py").write_text(PLUGIN_SOURCE)
    (package / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            [project]
            name = "titles-exporter"
            version = "0.1"
            [project.entry-points.realistsynth]
            titles = "titles_exporter"
            """
        )
    )
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(package)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    assert _run("import", review, DATA / "mendeley.ris")[0] == 0
    out = tmp_path / "titles.txt"
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", "from realistsynth.cli import main; main()", "export",
         str(review), "--to", "titles", "--out", str(out)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").splitlines() == [
        "Inclusive leadership and staff voice in NHS trusts",
        "Realist approaches to leadership research",
    ]
    assert "written by a plugin" in done.stderr


@pytest.mark.parametrize("flag", ["--pause-gc", "--no-pause-gc"])
def test_import_pauses_the_collector_only_while_it_reads(
    review: Path, flag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command owns its process: with --pause-gc the collector is off while the files are
    read and on again after; with --no-pause-gc it is never switched."""
    import gc

    from realistsynth.importing import read_records

    seen: list[bool] = []

    def spying(*args: Any, **kwargs: Any) -> Any:  # whatever the command passes, passed on
        seen.append(gc.isenabled())
        return read_records(*args, **kwargs)

    monkeypatch.setattr("realistsynth.importing.read_records", spying)
    gc.enable()
    code, out = _run("import", review, DATA / "scopus.ris", flag)
    assert code == 0, out
    assert seen == [flag == "--no-pause-gc"]
    assert gc.isenabled()
