"""Issue 19 item 12: text from data reaches the terminal as text, never as control sequences
or rich markup."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli

ESC = "\x1b[2J\x1b]8;;http://evil.example\x07"
BIDI = "\u202e"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _review(tmp_path: Path, title: str, question: str) -> Path:
    path = tmp_path / "r.json"
    review = rs.Review.new(title, question=question)
    review.add_records([rs.Record("r1", title=f"Study {ESC}of{BIDI} care", issued=None)])
    rs.save(review, path)
    return path


def test_info_prints_markup_in_the_title_and_question_as_text(tmp_path: Path) -> None:
    path = _review(tmp_path, "What works [for whom] [/x]", "[link=http://x]click[/link]")
    code, out, err = run("info", str(path))
    assert code == 0, err
    assert "[for whom]" in out
    assert "[/x]" in out
    assert "[link=http://x]click[/link]" in out
    assert "\x1b]8" not in out


def test_control_characters_and_bidi_overrides_never_reach_the_terminal(
    tmp_path: Path,
) -> None:
    path = _review(tmp_path, f"T{ESC}", f"Q{BIDI}")
    for args in (["info", str(path)], ["refs", str(path)]):
        code, out, err = run(*args)
        assert code == 0, err
        assert "\x1b" not in out
        assert "\x07" not in out
        assert BIDI not in out
    code, out, err = run("screen", "init", str(path), "--reviewers", "1")
    assert code == 0, err
    code, out, err = run(
        "screen", "queue", str(path), "--stage", "title-abstract", "--reviewer", "AB"
    )
    assert "\x1b" not in out + err


def test_bidi_overrides_in_html_and_markdown_output_are_warned_about(tmp_path: Path) -> None:
    path = _review(tmp_path, "T", "Q")
    for fmt, name in (("html", "refs.html"), ("md", "refs.md")):
        out = tmp_path / name
        code, _, err = run("refs", str(path), "--format", fmt, "--out", str(out))
        assert code == 0, err
        assert BIDI in out.read_text(encoding="utf-8")  # the data are kept as they are
        assert "bidirectional" in err
