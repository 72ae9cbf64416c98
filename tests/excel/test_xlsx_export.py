"""The xlsx exporter: every sheet read back with openpyxl and checked against the review,
hostile data neutralised, options and plugin registration."""

from __future__ import annotations

import io
import string

import openpyxl
import pytest
from excel.xlsx_sample_review import HOSTILE_TITLE, sample_review
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realistsynth.errors import ExportError
from realistsynth.model import EvidenceTarget, StageKind
from realistsynth.testing import plugin_manager_with
from realistsynth.workbook.cells import EXCEL_CELL_LIMIT, TRUNCATION_MARKER
from realistsynth.workbook.review_sheets import default_sheets
from realistsynth.workbook.sheets import Column, SheetData, SheetRegistry, SheetSpec
from realistsynth.workbook.xlsx_writer import XlsxExporter, export_xlsx, write_workbook


@pytest.fixture(scope="module")
def review():
    return sample_review()


@pytest.fixture(scope="module")
def exported(review, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "review.xlsx"
    report = export_xlsx(review, path)
    return openpyxl.load_workbook(path), report


def rows_of(workbook, title):
    sheet = workbook[title]
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_plugin_registers_the_xlsx_exporter():
    manager = plugin_manager_with()
    exporter = manager.exporter("xlsx")
    assert exporter.suffix == ".xlsx"
    assert isinstance(exporter, XlsxExporter)


def test_every_sheet_has_a_bold_frozen_filtered_header(exported):
    workbook, _ = exported
    assert len(workbook.sheetnames) >= 12
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.b
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["A"].width > 5


def test_records_sheet_matches_the_review(exported, review):
    workbook, _ = exported
    rows = rows_of(workbook, "Records")
    assert [r["Id"] for r in rows] == list(review.records)
    for row in rows:
        record = review.records[row["Id"]]
        assert row["Year"] == record.year
        assert row["Type"] == record.type
    assert rows[0]["Authors"] == "Aunger, J.A.; Millar, R.; Greenhalgh, J."


def test_hostile_text_is_read_back_as_text(exported):
    workbook, report = exported
    sheet = workbook["Records"]
    cell = next(c for c in sheet["F"] if c.value == HOSTILE_TITLE)
    assert cell.data_type == "s"
    assert not any(c.data_type == "f" for s in workbook for row in s.iter_rows() for c in row)
    assert any("written as text" in w for w in report.warnings)


def test_control_characters_are_removed_and_counted(exported):
    workbook, report = exported
    rows = rows_of(workbook, "Records")
    bell = next(r for r in rows if r["Id"] == "bell2022")
    assert bell["Abstract"] == "Badcontrolchars here"
    assert any("removed 2 control character(s)" in w for w in report.warnings)


def test_long_text_is_cut_with_a_visible_marker_and_reported(exported):
    workbook, report = exported
    rows = rows_of(workbook, "Records")
    abstract = next(r for r in rows if r["Id"] == "long2021")["Abstract"]
    assert len(abstract) <= EXCEL_CELL_LIMIT
    assert abstract.endswith(TRUNCATION_MARKER)
    assert any("Records!O5" in w for w in report.warnings)


def test_screening_log_shows_decisions_resolutions_and_derived_status(exported, review):
    workbook, _ = exported
    rows = rows_of(workbook, "Screening log")
    stages = {s.name: s.id for s in review.stages.values() if s.kind is StageKind.RECORDS}
    expected = set()
    for rid in review.records:
        for sid in stages.values():
            if review.decisions_on(sid, rid):
                expected.add((rid, sid, review.status(sid, rid).value))
    got = {(r["Record"], stages[r["Stage"]], r["Status"]) for r in rows}
    assert got == expected
    bell_ft = next(r for r in rows if r["Record"] == "bell2022" and r["Stage"] == "Full text")
    assert bell_ft["Decisions"] == "LK: include; RG: exclude"
    assert bell_ft["Resolution"] == "include"
    assert bell_ft["Resolved by"] == "MT"
    conflicts = rows_of(workbook, "Conflicts")
    assert [(r["Record"], r["Stage"]) for r in conflicts] == [("long2021", "Title and abstract")]


def test_appraisal_characteristics_extracts_quotations(exported, review):
    workbook, _ = exported
    appraisal = rows_of(workbook, "Appraisal")
    assert [(r["Record"], r["Criterion"], r["Judgement"]) for r in appraisal] == [
        (j.record_id, "Relevance", j.level) for j in review.judgements
    ]
    characteristics = rows_of(workbook, "Study characteristics")
    assert characteristics == [
        {
            "Record": "aunger2022",
            "Source": "Aunger et al., 2022",
            "Location": "England",
            "Design": "qualitative",
        }
    ]
    extracts = rows_of(workbook, "Extracts")
    assert [(r["Extract"], r["Codes"], r["Location"]) for r in extracts] == [
        ("ex-1", "C; O", "p. 7")
    ]
    quotations = rows_of(workbook, "Quotations")
    assert quotations[0]["Informant / source"] == "[1]"
    assert quotations[0]["Linked CMOCs"] == "i-cmoc-1"


def test_cmoc_tables_per_version_with_quotations_and_evidence(exported, review):
    workbook, _ = exported
    initial = rows_of(workbook, "CMOCs Initial rough programme…")
    assert [r["CMOC"] for r in initial] == ["CMOC 1", "CMOC 2"]
    assert initial[0]["Context"] == "C1"
    assert initial[0]["Mechanism (reasoning)"] == "MA1"
    assert initial[0]["Linked quotations"] == "“You have to be creative” [1]"
    refined = rows_of(workbook, "CMOCs Refined programme theory")
    # the two Aunger et al. 2022 papers are told apart by title order: "Collaboration ..."
    # (aunger2022b) is 2022a, "How, when ..." (aunger2022) is 2022b
    assert refined[0]["Evidence"] == (
        "Aunger et al., 2022b (supports); Aunger et al., 2022b (refines); "
        "Aunger et al., 2022a (supports)"
    )


def test_refinement_lineage(exported, review):
    workbook, _ = exported
    rows = rows_of(workbook, "Refinement")
    assert [(r["Prior CMOC"], r["Outcome"], r["Became"]) for r in rows] == [
        ("CMOC 1", "revised", "Refined CMOC 1"),
        ("CMOC 2", "not tested", None),
    ]


def test_contribution_matrix_marks_every_evidence_link(exported, review):
    workbook, _ = exported
    sheet = workbook["Matrix Refined programme theory"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Source", "Refined CMOC 1")
    # independently: which records have a link (direct, or through an extract) to r-cmoc-1
    linked = set()
    for link in review.evidence.values():
        if link.cmoc_id == "r-cmoc-1":
            if link.target is EvidenceTarget.RECORD:
                linked.add(link.target_id)
            elif link.target is EvidenceTarget.EXTRACT:
                linked.add(review.extracts[link.target_id].record_id)
    sources = [row for row in values[1:] if str(row[0]).startswith("(")]
    assert len(sources) == len(linked) == 2
    assert sources == [("(Aunger et al., 2022a)", "x"), ("(Aunger et al., 2022b)", "x")]
    assert values[1 + len(sources)] == ("Sources counted", 2)
    assert "not strength of evidence" in values[-1][0]
    # the initial version has quotation evidence from an informant only: no source rows
    assert "Matrix Initial rough programme…" not in workbook.sheetnames


def test_sheets_option_selects_and_orders_by_registry(review):
    stream = io.BytesIO()
    report = XlsxExporter().export(review, stream, {"sheets": ["matrix", "records"]})
    stream.seek(0)
    workbook = openpyxl.load_workbook(stream)
    assert workbook.sheetnames == ["Records", "Matrix Refined programme theory"]
    assert report.warnings  # the hostile title and long abstract are in Records


def test_unknown_sheet_is_a_clear_error(review):
    with pytest.raises(ExportError, match=r"unknown sheet.*'nope'.*available: search"):
        XlsxExporter().export(review, io.BytesIO(), {"sheets": ["records", "nope"]})


def test_a_registry_takes_new_sheets_without_changing_the_writer(review):
    registry = default_sheets()
    registry.add(
        SheetSpec(
            "counts",
            "Counts",
            lambda r: [
                SheetData("Counts", [Column("What"), Column("n")], [("records", len(r.records))])
            ],
        )
    )
    with pytest.raises(ExportError, match="already registered"):
        registry.add(SheetSpec("counts", "Counts", lambda r: []))
    stream = io.BytesIO()
    XlsxExporter(registry).export(review, stream, {"sheets": ["counts"]})
    stream.seek(0)
    sheet = openpyxl.load_workbook(stream)["Counts"]
    assert list(sheet.iter_rows(values_only=True)) == [("What", "n"), ("records", 4)]


def test_failed_export_leaves_no_file(review, tmp_path):
    target = tmp_path / "out.xlsx"
    registry = SheetRegistry(
        [SheetSpec("bad", "Bad", lambda r: [SheetData("Bad", [Column("a")], [("x", "y")])])]
    )
    with pytest.raises(ExportError, match="row 2 has 2 cells for 1 columns"):
        export_xlsx(review, target, registry=registry)
    assert list(tmp_path.iterdir()) == []


_ANY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from("=+-@\x0b\x00"),
    max_size=60,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_ANY_TEXT, min_size=2, max_size=2), max_size=6))
def test_any_text_exports_and_reads_back_cleaned(cells):
    stream = io.BytesIO()
    write_workbook([SheetData("Fuzz", [Column("a"), Column("b", wrap=True)], cells)], stream)
    stream.seek(0)
    sheet = openpyxl.load_workbook(stream)["Fuzz"]
    got = list(sheet.iter_rows(min_row=2, values_only=True))
    illegal = set(map(chr, [*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]))
    if not cells:  # an empty table says so rather than print a bare header
        assert str(got[0][0]).startswith("Nothing to show")
        return
    assert len(got) == len(cells)
    for row_in, row_out in zip(cells, got, strict=True):
        for value_in, value_out in zip(row_in, row_out, strict=True):
            expected = "".join(ch for ch in value_in if ch not in illegal)
            # openpyxl reads an empty string back as an empty cell; Excel normalises \r\n
            assert (value_out or "") == expected or (value_out or "").replace(
                "\r", ""
            ) == expected.replace("\r", "")
    assert string  # keep the import for readability of the alphabet above


def test_conflicts_table_read_on_its_own(review):
    log, conflicts = default_sheets().select(["screening"])[0].tables(review)
    alone = list(conflicts.rows)
    assert [(r[0], r[2]) for r in alone] == [("long2021", "Title and abstract")]
    assert len(list(log.rows)) == 7


def test_search_strategy_and_runs(exported, review):
    workbook, _ = exported
    strategy = dict(workbook["Search strategy"].iter_rows(min_row=2, values_only=True))
    assert strategy["Query"] == review.strategy.query
    assert strategy["Search dates"] == "2022-09-15 – 2022-10-01"
    assert strategy["Limiter (language)"] == "English language"
    assert strategy["Source (database)"] == "CINAHL; EBSCOhost"
    runs = rows_of(workbook, "Search runs")
    assert runs == [
        {
            "Run": "run-1",
            "Source": "CINAHL",
            "Date": "2022-09-15",
            "Platform": None,
            "Query as run": "Integrat* AND leader*",
            "Hits reported": 3,
            "Records imported": 3,
            "Files": None,
            "Note": None,
            "Round": 1,
            "Purpose": None,
            "Seeds": None,
            "Direction": None,
        }
    ]


def test_records_imported_per_run_agrees_with_the_search_report():
    # a record listed twice in one run's export counts twice, in the workbook as in the
    # search checks and the RAMESES report's run table (one definition of the figure)
    from realistsynth.model import Provenance, Record
    from realistsynth.search.report import run_rows

    review = sample_review()
    twice = (
        Provenance(file="cinahl.ris", index=7, search_run_id="run-1"),
        Provenance(file="cinahl.ris", index=8, search_run_id="run-1"),
    )
    review.add_records([Record("listed-twice", title="Listed twice", provenance=twice)])
    stream = io.BytesIO()
    XlsxExporter().export(review, stream, {"sheets": ["search"]})
    stream.seek(0)
    runs = rows_of(openpyxl.load_workbook(stream), "Search runs")
    # three sample records from run-1, and the new one twice
    assert [r["Records imported"] for r in runs] == [5]
    assert [r["records_imported"] for r in run_rows(review)] == [5]
