"""``realistsynth refs`` on a real project file."""

from __future__ import annotations

from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.model import (
    Decision,
    Name,
    PartialDate,
    Record,
    Reviewer,
    ScreeningStage,
    Verdict,
)


def make_review(path):
    review = rs.Review.new("Refs")
    review.add_reviewer(Reviewer("LK"))
    review.add_stage(ScreeningStage("ta", "Title and abstract"))
    review.add_records(
        [
            Record(
                "in1",
                title="Included <b>bold</b> & safe",
                authors=[Name("Aunger", "J.A.")],
                issued=PartialDate(2021),
                container_title="BMJ Leader",
            ),
            Record(
                "in2",
                title="Second included",
                authors=[Name("Aunger", "J.A.")],
                issued=PartialDate(2021),
                container_title="BMJ Leader",
            ),
            Record("out", title="Excluded", authors=[Name("Zed", "A.")], issued=PartialDate(2020)),
        ]
    )
    review.record_decision(Decision("ta", "in1", "LK", Verdict.INCLUDE))
    review.record_decision(Decision("ta", "in2", "LK", Verdict.INCLUDE))
    review.record_decision(Decision("ta", "out", "LK", Verdict.EXCLUDE))
    rs.save(review, path)


def test_refs_writes_each_format(tmp_path):
    project = tmp_path / "review.json"
    make_review(project)
    runner = CliRunner()
    result = runner.invoke(cli, ["refs", str(project), "--style", "apa"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2  # by default the cited works: the excluded record is left out
    assert lines[0].startswith("Aunger, J. A. (2021a). Included bold & safe.")
    result = runner.invoke(cli, ["refs", str(project), "--style", "apa", "--records", "all"])
    assert len(result.output.splitlines()) == 3
    out = tmp_path / "refs.html"
    result = runner.invoke(
        cli,
        [
            "refs",
            str(project),
            "--style",
            "harvard-cite-them-right",
            "--format",
            "html",
            "--included-only",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count('class="csl-entry"') == 2
    assert "Zed" not in text
    assert "<b>bold</b> &amp; safe" in text
    md = tmp_path / "refs.md"
    result = runner.invoke(cli, ["refs", str(project), "--format", "md", "--out", str(md)])
    assert result.exit_code == 0, result.output
    assert "*BMJ Leader*" in md.read_text(encoding="utf-8")


def test_refs_unknown_style_is_a_clear_error(tmp_path):
    project = tmp_path / "review.json"
    make_review(project)
    result = CliRunner().invoke(cli, ["refs", str(project), "--style", "nope"])
    assert result.exit_code == 1
    assert "no citation style named 'nope'" in result.output
