"""One rule for which records an export writes (``records=all|canonical|included|cited``),
the defaults a reviewer expects of each exporter, and every exporter saying what it wrote.

The review: four findings of three works (``smith2020`` and ``smith2020b`` are one work found
twice), one excluded at screening, one policy document kept for theory gleaning, and one
methods reference cited only in a report note.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.errors import ExportError
from realistsynth.exporting import RecordSelection, record_selection, select_records
from realistsynth.model import (
    Decision,
    DuplicateLink,
    LinkVerdict,
    Name,
    PartialDate,
    Record,
    Review,
    Reviewer,
    ScreeningStage,
    TheoryDocument,
    Verdict,
)
from realistsynth.plugins import get_plugin_manager

_MANAGER = get_plugin_manager(load_entry_points=False)


def _record(rid: str, family: str, year: int, title: str) -> Record:
    return Record(
        rid,
        title=title,
        authors=[Name(family, "A.")],
        issued=PartialDate(year),
        container_title="Journal of Integrated Care",
    )


def review_with_duplicates() -> Review:
    review = Review.new("Records rule")
    review.add_reviewer(Reviewer("LK"))
    review.add_records(
        [
            _record("smith2020", "Smith", 2020, "Leading integrated care"),
            _record("smith2020b", "Smith", 2020, "Leading integrated care"),
            _record("jones2019", "Jones", 2019, "An excluded study"),
            _record("nhse2021", "NHS England", 2021, "ICS design framework"),
            _record("booth2018", "Booth", 2018, "Scoping and searching to support realist"),
        ]
    )
    review.set_duplicate_links(
        [DuplicateLink.of("smith2020", "smith2020b", LinkVerdict.DUPLICATE, "doi", 1.0)]
    )
    review.add_theory_document(TheoryDocument("nhse2021"))
    review.add_theory_document(TheoryDocument("booth2018", rs.TheoryDocumentKind.OTHER))
    review.add_stage(ScreeningStage("ta", "Title and abstract"))
    review.record_decision(Decision("ta", "smith2020", "LK", Verdict.INCLUDE))
    review.record_decision(Decision("ta", "jones2019", "LK", Verdict.EXCLUDE))
    review.set_report_note("realist-rationale", "A realist method [@booth2018].")
    return review


def _ids(selection: RecordSelection, review: Review | None = None) -> list[str]:
    return [r.id for r in select_records(review or review_with_duplicates(), selection)]


def test_each_selection_holds_what_its_name_says() -> None:
    assert _ids(RecordSelection.ALL) == [
        "smith2020",
        "smith2020b",
        "jones2019",
        "nhse2021",
        "booth2018",
    ]
    assert _ids(RecordSelection.CANONICAL) == ["smith2020", "jones2019", "nhse2021", "booth2018"]
    assert _ids(RecordSelection.INCLUDED) == ["smith2020"]
    assert _ids(RecordSelection.CITED) == ["smith2020", "nhse2021", "booth2018"]


def test_a_work_cited_by_marker_only_is_cited() -> None:
    review = review_with_duplicates()
    review.add_record(_record("dalkin2015", "Dalkin", 2015, "What's in a mechanism?"))
    assert "dalkin2015" not in _ids(RecordSelection.CITED, review)
    review.set_report_note("analysis", "Mechanisms as resource and reasoning [@dalkin2015, p. 3].")
    assert "dalkin2015" in _ids(RecordSelection.CITED, review)


def test_the_option_is_read_once_for_all_exporters() -> None:
    assert record_selection({}, RecordSelection.CITED) is RecordSelection.CITED
    assert record_selection({"records": "Canonical"}) is RecordSelection.CANONICAL
    assert record_selection({"included_only": "true"}) is RecordSelection.INCLUDED
    with pytest.raises(ExportError, match="must be one of all, canonical, included, cited"):
        record_selection({"records": "some"})
    with pytest.raises(ExportError, match="contradict"):
        record_selection({"records": "all", "included_only": True}, RecordSelection.CITED)


def _export(name: str, options: dict[str, object] | None = None) -> tuple[bytes, rs.ExportReport]:
    stream = io.BytesIO()
    report = _MANAGER.exporter(name).export(review_with_duplicates(), stream, options or {})
    return stream.getvalue(), report


def test_reference_list_defaults_to_the_cited_works() -> None:
    data, report = _export("references", {"style": "apa"})
    text = data.decode("utf-8")
    assert "Leading integrated care" in text
    assert text.count("Leading integrated care") == 1  # not both findings of the work
    assert "An excluded study" not in text
    assert "ICS design framework" in text
    assert "Scoping and searching" in text
    assert report.wrote == (
        "wrote 3 of 5 records: the included documents and every work the report cites "
        "(records=cited)"
    )


@pytest.mark.parametrize("name", ["ris", "bibtex", "csl-json"])
def test_bibliographic_exports_default_to_one_record_per_work(name: str) -> None:
    data, report = _export(name)
    assert data.count(b"Leading integrated care") == 1
    assert b"An excluded study" in data
    assert report.wrote is not None
    assert "records=canonical" in report.wrote
    everything, _ = _export(name, {"records": "all"})
    assert everything.count(b"Leading integrated care") == 2


def test_csv_writes_every_record_with_its_cluster() -> None:
    data, report = _export("csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["id"] for r in rows][:2] == ["smith2020", "smith2020b"]
    assert rows[1]["cluster_id"] == "smith2020"
    assert report.wrote is not None
    assert "1 of them duplicate(s) of another record" in report.wrote


def test_workbook_records_sheet_marks_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "review.xlsx"
    report = rs.export_to_path(review_with_duplicates(), "xlsx", path, {}, plugin_manager=_MANAGER)
    sheet = openpyxl.load_workbook(path)["Records"]
    header = [c.value for c in sheet[1]]
    assert "Duplicate of" in header
    column = header.index("Duplicate of")
    by_id = {row[0]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_id["smith2020b"] == "smith2020"
    assert by_id["smith2020"] in (None, "")
    assert report.wrote is not None
    assert "records=all" in report.wrote


def test_refs_and_export_commands_say_what_they_wrote(tmp_path: Path) -> None:
    project = tmp_path / "review.json"
    rs.save(review_with_duplicates(), project)
    runner = CliRunner()
    result = runner.invoke(cli, ["refs", str(project), "--out", str(tmp_path / "r.txt")])
    assert result.exit_code == 0, result.output
    assert "records=cited" in result.output
    result = runner.invoke(
        cli, ["export", str(project), "--to", "ris", "--out", str(tmp_path / "r.ris"), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert "records=canonical" in json.loads(result.output)["wrote"]
    result = runner.invoke(
        cli,
        ["export", str(project), "--to", "ris", "--records", "all", "--out", str(tmp_path / "a")],
    )
    assert result.exit_code == 0, result.output
    assert "wrote 5 of 5 records" in result.output


def test_refs_html_is_a_complete_page_unless_a_fragment_is_asked(tmp_path: Path) -> None:
    project = tmp_path / "review.json"
    rs.save(review_with_duplicates(), project)
    runner = CliRunner()
    page, fragment = tmp_path / "page.html", tmp_path / "fragment.html"
    args = ["refs", str(project), "--format", "html", "--out"]
    assert runner.invoke(cli, [*args, str(page)]).exit_code == 0
    assert runner.invoke(cli, [*args, str(fragment), "--fragment"]).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<title>References: Records rule</title>" in text
    assert "text-indent" in text
    assert "@media print" in text
    assert fragment.read_text(encoding="utf-8").startswith('<div class="csl-bib-body">')
