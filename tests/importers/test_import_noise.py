"""A noisy file's warnings are summarised (counts by kind, the first few of each), all of
them with ``--verbose``, none with ``--quiet``; a file imported twice is warned about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from realistsynth.cli import cli

ENTRY = (
    "@article{{dup2020,\n  title = {{Study {n}}},\n  author = {{Smith, A.}},\n"
    "  year = {{2020}}\n}}\n\n"
)


@pytest.fixture
def noisy(tmp_path: Path) -> tuple[Path, Path]:
    """30 entries sharing one key: 29 warnings of one kind."""
    bib = tmp_path / "noisy.bib"
    bib.write_text("".join(ENTRY.format(n=n) for n in range(30)), encoding="utf-8")
    review = tmp_path / "review.json"
    assert CliRunner().invoke(cli, ["new", str(review), "--title", "Noise"]).exit_code == 0
    return review, bib


def _import(review: Path, bib: Path, *flags: str) -> str:
    result = CliRunner().invoke(cli, ["import", str(review), str(bib), *flags])
    assert result.exit_code == 0, result.output
    return result.output


def test_many_warnings_are_summarised_by_kind(noisy: tuple[Path, Path]) -> None:
    output = _import(*noisy)
    assert "29 warning(s) of 1 kind(s) (--verbose for all)" in output
    assert "29 ×" in output
    assert output.count("e.g.") == 3
    assert len(output.splitlines()) < 10


def test_verbose_prints_every_warning_and_quiet_none(noisy: tuple[Path, Path]) -> None:
    review, bib = noisy
    verbose = _import(review, bib, "--verbose")
    assert verbose.count("warning:") == 29
    quiet = _import(review, bib, "--quiet")
    assert "also used at line" not in quiet
    # a second import of the same file is still said: it changes the review, not the reading
    assert "imported before" in quiet
    assert "29 warning(s) not shown (--quiet)" in quiet


def test_verbose_and_quiet_together_are_refused(noisy: tuple[Path, Path]) -> None:
    review, bib = noisy
    result = CliRunner().invoke(cli, ["import", str(review), str(bib), "-v", "-q"])
    assert result.exit_code != 0
    assert "contradict" in result.output


def test_a_file_imported_again_is_warned_about(noisy: tuple[Path, Path]) -> None:
    review, bib = noisy
    first = _import(review, bib)
    assert "imported before" not in first
    again = CliRunner().invoke(cli, ["import", str(review), str(bib), "--json", "--quiet"])
    data = json.loads(again.output)
    warning = data["files"][0]["already_imported"]
    assert "this file was imported before (same content as " in warning
    assert "noisy.bib" in warning
    assert "30 record(s)" in warning
