"""Reporting standards as plugins, checklists a person confirms, and ``report`` refusing what
it cannot write."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from cli_support import run
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.report import assess
from realistsynth.report.checklist import CHECKLIST_HEADER
from realistsynth.report.standards import RAMESES, RAMESES_II, RAMESES_QUALITY


def test_the_standards_have_their_items_in_order_with_citations() -> None:
    assert [i.number for i in RAMESES.items] == [str(n) for n in range(1, 20)]
    assert [i.number for i in RAMESES_II.items] == [str(n) for n in range(1, 21)]
    assert len(RAMESES_QUALITY.items) == 8
    assert "10.1186/1741-7015-11-21" in (RAMESES.citation or "")
    assert "10.1186/s12916-016-0643-1" in (RAMESES_II.citation or "")
    assert RAMESES_II.item("4") is not None
    assert RAMESES_II.item("programme-theory") == RAMESES_II.item("4")


def test_no_part_of_an_item_is_dropped() -> None:
    searching, flow, limits = (RAMESES.item(n) for n in ("8", "12", "16"))
    assert searching is not None
    assert flow is not None
    assert limits is not None
    # item 8: contact with experts as well as the databases and their dates
    assert "people who know the literature" in searching.asks
    assert "date last searched" in searching.asks
    # item 12: the source of each document as well as the counts and reasons
    assert "where the documents came from" in flow.asks
    assert "reasons for exclusion" in flow.asks
    # item 16: the strength of evidence as well as strengths and limitations
    assert "strength of the evidence" in limits.asks
    assert "consultations" in searching.topics
    assert "document-sources" in flow.topics
    assert "strength-of-evidence" in limits.topics


def test_rameses_ii_abstract_asks_what_table_1_asks_and_no_more() -> None:
    # Wong et al. 2016, BMC Medicine 14:96, Table 1, item 2 (checked against the original)
    abstract = RAMESES_II.item("2")
    assert abstract is not None
    assert (abstract.key, abstract.section) == ("abstract", "Summary or abstract")
    for part in (
        "abstract",
        "short summary",
        "setting",
        "purpose of the evaluation",
        "evaluation strategy",
        "data collection, documentation and analysis",
        "key findings and conclusions",
        # where the journal asks: the respondents, their recruitment and sampling
        "respondents",
        "recruited and sampled",
        # enough to show the approach is realist and a programme theory was built or refined
        "realist approach",
        "realist programme theory was developed and/or refined",
    ):
        assert part in abstract.asks, part
    # neither is part of the item
    assert "recommendation" not in abstract.asks
    assert "several papers" not in abstract.asks


def test_the_quality_standards_cite_their_authors_and_document() -> None:
    citation = RAMESES_QUALITY.citation or ""
    assert citation.startswith("Wong, G., Greenhalgh, T., Westhorp, G. and Pawson, R. (2014)")
    assert "Quality standards for realist syntheses and meta-narrative reviews" in citation
    part = "Quality standards for realist synthesis (for researchers and peer-reviewers)"
    assert part in citation
    assert RAMESES_QUALITY.items[0].title == "The research problem"


def _review(tmp_path: Path) -> Path:
    review = rs.Review.new("A realist review of leadership", question="How?")
    review.add_reviewer(rs.Reviewer("LK", name="L. Knight"))
    review.update_meta(funding="None.")
    path = tmp_path / "review.json"
    rs.save(review, path)
    return path


def test_data_alone_never_mark_an_item_as_reported(tmp_path: Path) -> None:
    path = _review(tmp_path)
    review = rs.load(path)
    result = {a.item.key: a for a in assess(review)}
    assert result["title"].suggested  # the title says "realist" ...
    assert result["title"].confirmation is None  # ... which is a suggestion, not an answer
    code, out = run("report", str(path), "--out", str(tmp_path / "r.md"))
    assert code == 0, out
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    rows = [line for line in md.splitlines() if line.startswith("| 1 |")]
    assert rows == ["| 1 | Title | not confirmed | - | - | provided | - |"]
    assert "| yes |" not in md


def test_a_confirmation_is_stored_with_who_and_when_and_shown(tmp_path: Path) -> None:
    path = _review(tmp_path)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    code, out = run(
        "report", "confirm", str(path), "1", "--page", "Title page", "--by", "LK", "--json"
    )
    assert code == 0, out
    assert json.loads(out)["item"] == "title"
    code, out = run("report", "confirm", str(path), "changes", "--reported", "no", "--by", "LK")
    assert code == 0, out
    review = rs.load(path)
    title = review.confirmation("rameses", "title")
    assert title is not None
    assert (title.reported, title.where, title.by) == (rs.Reported.YES, "Title page", "LK")
    assert title.at >= before
    changes = review.confirmation("rameses", "changes")
    assert changes is not None
    assert changes.reported is rs.Reported.NO
    code, out = run("report", str(path), "--out", str(tmp_path / "r.html"))
    assert code == 0, out
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<td class="answer yes">yes</td><td>Title page</td><td>LK, ' in html
    assert '<td class="answer no">no</td>' in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1", "--by", "LK"], "say on which page or in which"),
        (["1", "--page", "p. 1", "--by", "ZZ"], "unknown reviewer 'ZZ'"),
        (["99", "--page", "p. 1", "--by", "LK"], "has no item '99'"),
        (["1", "--page", "p. 1", "--by", "LK", "--standard", "consort"], "consort"),
    ],
)
def test_a_confirmation_that_cannot_be_right_is_refused(
    tmp_path: Path, args: list[str], message: str
) -> None:
    path = _review(tmp_path)
    before = path.read_bytes()
    code, out = run("report", "confirm", str(path), *args)
    assert code != 0
    assert message in " ".join(out.split())
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["r.pdf", "r.docx", "report"])
def test_report_refuses_a_suffix_it_cannot_write(tmp_path: Path, name: str) -> None:
    path = _review(tmp_path)
    code, out = run("report", str(path), "--out", str(tmp_path / name))
    assert code != 0
    assert "give a file ending in .html, .htm, .md, .markdown" in " ".join(out.split())
    assert not (tmp_path / name).exists()
    code, out = run("report", str(path), "--checklist-out", str(tmp_path / "c.txt"))
    assert code != 0
    assert ".csv, .xlsx" in out


def test_the_checklist_form_as_csv_and_xlsx(tmp_path: Path) -> None:
    path = _review(tmp_path)
    run("report", "confirm", str(path), "19", "--page", "Funding, p. 12", "--by", "LK")
    code, out = run(
        "report", str(path), "--standard", "rameses-ii", "--checklist-out", str(tmp_path / "c.csv")
    )
    assert code == 0, out
    with (tmp_path / "c.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CHECKLIST_HEADER
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 21)]
    # a confirmation of RAMESES item 19 says nothing about RAMESES II
    assert {r[4] for r in rows[1:]} == {"not confirmed"}
    code, out = run("report", str(path), "--checklist-out", str(tmp_path / "c.xlsx"))
    assert code == 0, out
    sheet = load_workbook(tmp_path / "c.xlsx", read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == CHECKLIST_HEADER
    funding = values[19]
    assert funding[:2] == ("19", "Funding")
    assert funding[4:7] == ("yes", "Funding, p. 12", "LK")


def test_report_against_rameses_ii_has_twenty_items(tmp_path: Path) -> None:
    path = _review(tmp_path)
    code, out = run(
        "report", str(path), "--standard", "rameses-ii", "--out", str(tmp_path / "r.md")
    )
    assert code == 0, out
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "RAMESES II reporting standards: realist evaluations" in md
    assert md.count("| not confirmed |") == 20
