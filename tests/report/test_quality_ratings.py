"""The rating scale of the RAMESES quality standards (Wong et al. 2014): each criterion rated
inadequate, adequate, good or excellent beside the answer; checked against the standard's
levels by the review (API) and the command line alike, shown in the report and the
checklist form, and kept by the project file."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from cli_support import run
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.report.checklist import CHECKLIST_HEADER, checklist_header
from realistsynth.report.standards import RAMESES, RAMESES_II, RAMESES_QUALITY

AT = dt.datetime(2026, 12, 7, 21, 0, tzinfo=dt.UTC)


def _review() -> rs.Review:
    review = rs.Review.new("A realist review of leadership", question="How?")
    review.add_reviewer(rs.Reviewer("LK", name="L. Knight"))
    return review


def _saved(tmp_path: Path) -> Path:
    path = tmp_path / "review.json"
    rs.save(_review(), path)
    return path


def _rated(item: str, rating: str | None, standard: str = "rameses-quality") -> rs.ItemConfirmation:
    return rs.ItemConfirmation(
        standard, item, rs.Reported.YES, "LK", AT, where="Methods, p. 4", rating=rating
    )


def test_the_quality_standards_declare_four_levels_worst_first() -> None:
    assert RAMESES_QUALITY.ratings == ("inadequate", "adequate", "good", "excellent")
    # the publication standards answer items; they do not rate them
    assert RAMESES.ratings == ()
    assert RAMESES_II.ratings == ()


def test_a_standard_refuses_a_scale_with_repeated_or_empty_levels() -> None:
    item = rs.StandardItem("1", "one", "Quality", "One", "Asks one thing.")
    with pytest.raises(ValueError, match="distinct, non-empty rating levels"):
        rs.ReportingStandard("mine", "Mine", (item,), ratings=("low", "low"))
    with pytest.raises(ValueError, match="distinct, non-empty rating levels"):
        rs.ReportingStandard("mine", "Mine", (item,), ratings=("low", " "))


def test_a_rating_on_the_scale_is_kept() -> None:
    review = _review()
    review.confirm_item(_rated("search", "good"), RAMESES_QUALITY)
    confirmation = review.confirmation("rameses-quality", "search")
    assert confirmation is not None
    assert confirmation.rating == "good"


@pytest.mark.parametrize(
    ("confirmation", "standard", "message"),
    [
        (_rated("search", "very good"), RAMESES_QUALITY, "'very good' is not a level"),
        (_rated("search", "Good"), RAMESES_QUALITY, "inadequate, adequate, good, excellent"),
        (_rated("searching", "good", "rameses"), RAMESES, "rameses has no rating scale"),
        (_rated("search", "good"), None, "without its standard"),
        (_rated("search", "good"), RAMESES, "not 'rameses'"),
        (_rated("nonsense", "good"), RAMESES_QUALITY, "has no item 'nonsense'"),
    ],
)
def test_a_rating_that_cannot_be_right_is_refused_and_nothing_changes(
    confirmation: rs.ItemConfirmation, standard: rs.ReportingStandard | None, message: str
) -> None:
    review = _review()
    earlier = _rated("search", "adequate")
    review.confirm_item(earlier, RAMESES_QUALITY)
    before = rs.dumps(review)
    with pytest.raises(rs.ReviewError, match=message):
        review.confirm_item(confirmation, standard)
    assert rs.dumps(review) == before
    assert review.confirmation("rameses-quality", "search") == earlier


def test_an_empty_rating_is_refused() -> None:
    with pytest.raises(ValueError, match="a rating cannot be empty"):
        _rated("search", "  ")


def test_report_confirm_rates_an_item(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    code, out = run(
        "report", "confirm", str(path), "5", "--standard", "rameses-quality",
        "--page", "Methods, p. 4", "--rating", "excellent", "--by", "LK", "--json",
    )  # fmt: skip
    assert code == 0, out
    assert json.loads(out)["rating"] == "excellent"
    confirmation = rs.load(path).confirmation("rameses-quality", "search")
    assert confirmation is not None
    assert (confirmation.rating, confirmation.where) == ("excellent", "Methods, p. 4")


def test_report_confirm_says_met_for_a_quality_standard_and_prints_the_page_as_given(
    tmp_path: Path,
) -> None:
    path = _saved(tmp_path)
    code, out = run(
        "report", "confirm", str(path), "5", "--standard", "rameses-quality",
        "--page", "Methods [2], p. 4", "--rating", "good", "--by", "LK",
    )  # fmt: skip
    assert code == 0, out
    assert "met yes, rated good, Methods [2], p. 4; confirmed by LK" in " ".join(out.split())
    code, out = run("report", "confirm", str(path), "8", "--page", "p. 3", "--by", "LK")
    assert code == 0, out
    assert "reported yes" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--standard", "rameses-quality", "--rating", "superb"], "'superb' is not a level"),
        (["--rating", "good"], "rameses has no rating scale"),
        (["--standard", "rameses-ii", "--rating", "good"], "rameses-ii has no rating scale"),
    ],
)
def test_report_confirm_refuses_a_rating_off_the_scale_and_leaves_the_file(
    tmp_path: Path, args: list[str], message: str
) -> None:
    path = _saved(tmp_path)
    before = path.read_bytes()
    code, out = run("report", "confirm", str(path), "1", "--page", "p. 1", "--by", "LK", *args)
    assert code != 0
    assert message in " ".join(out.split())
    assert path.read_bytes() == before


def _quality_review(tmp_path: Path) -> Path:
    review = _review()
    review.confirm_item(_rated("search", "good"), RAMESES_QUALITY)
    review.confirm_item(_rated("focus", None), RAMESES_QUALITY)
    path = tmp_path / "review.json"
    rs.save(review, path)
    return path


def test_the_report_shows_the_rating_beside_the_answer(tmp_path: Path) -> None:
    path = _quality_review(tmp_path)
    code, out = run(
        "report", str(path), "--standard", "rameses-quality", "--out", str(tmp_path / "r.html")
    )
    assert code == 0, out
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<th>Met</th><th>Rating</th><th>Page / section</th>" in html
    assert '<td class="answer yes">yes</td><td class="rating">good</td><td>Methods, p. 4' in html
    # answered without a rating, and not answered at all
    assert html.count('<td class="rating">-</td>') == 7
    assert "Met: <strong>yes</strong>; rating: <strong>good</strong> (Methods, p. 4" in html
    assert "can also be rated, from worst to best: inadequate, adequate, good, excellent." in html
    code, out = run(
        "report", str(path), "--standard", "rameses-quality", "--out", str(tmp_path / "r.md")
    )
    assert code == 0, out
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    rows = [line for line in md.splitlines() if line.startswith("| 5 |")]
    assert len(rows) == 1
    assert rows[0].startswith("| 5 | Developing a search strategy | yes | good | Methods, p. 4 |")
    assert "| # | Item | Met | Rating | Page / section |" in md
    assert "Met: **yes**; rating: **good** (Methods, p. 4" in md


def test_a_publication_standard_report_has_no_rating_column(tmp_path: Path) -> None:
    path = _quality_review(tmp_path)
    code, out = run("report", str(path), "--out", str(tmp_path / "r.html"))
    assert code == 0, out
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<th>Rating</th>" not in html
    assert 'class="rating"' not in html


def test_the_checklist_form_has_a_rating_column(tmp_path: Path) -> None:
    path = _quality_review(tmp_path)
    assert checklist_header(RAMESES_QUALITY)[4:6] == ("Met", "Rating")  # as the report heads it
    assert checklist_header(RAMESES) == CHECKLIST_HEADER
    code, out = run(
        "report", str(path), "--standard", "rameses-quality",
        "--checklist-out", str(tmp_path / "c.xlsx"),
    )  # fmt: skip
    assert code == 0, out
    sheet = load_workbook(tmp_path / "c.xlsx", read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == checklist_header(RAMESES_QUALITY)
    by_key = {row[0]: row for row in values[1:]}
    assert by_key["5"][4:8] == ("yes", "good", "Methods, p. 4", "LK")
    assert by_key["3"][4:6] == ("yes", None)  # answered, not rated: an empty cell
    assert by_key["1"][4:6] == ("not confirmed", None)
    code, out = run(
        "report", str(path), "--standard", "rameses-quality",
        "--checklist-out", str(tmp_path / "c.csv"),
    )  # fmt: skip
    assert code == 0, out
    with (tmp_path / "c.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[5][4:6] == ["yes", "good"]


def test_a_rating_survives_the_project_file_and_an_old_file_loads_unrated(
    tmp_path: Path,
) -> None:
    path = _quality_review(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    stored = {c["item"]: c for c in data["review"]["confirmations"]}
    assert stored["search"]["rating"] == "good"
    assert "rating" not in stored["focus"]  # the default is left out, as every default is
    again = rs.load(path)
    search = again.confirmation("rameses-quality", "search")
    assert search is not None
    assert search.rating == "good"
    focus = again.confirmation("rameses-quality", "focus")
    assert focus is not None
    assert focus.rating is None


def test_a_level_the_standard_lacks_in_a_hand_edited_file_is_marked(tmp_path: Path) -> None:
    path = _quality_review(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    for c in data["review"]["confirmations"]:
        if c["item"] == "search":
            c["rating"] = "superb"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out = run(
        "report", str(path), "--standard", "rameses-quality", "--out", str(tmp_path / "r.md")
    )
    assert code == 0, out
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "superb (not on this standard's scale)" in md
