"""The BibTeX, CSL-JSON and CSV writers: round trips through our importers, the records
table, formula safety, and the ``included_only`` option.

Round trips compare everything but provenance (neither format carries it). The generated
records stay within what each format can carry (see the writers' module docstrings): single
spaces, keywords without commas or semicolons, ``extra`` names that are not the format's own.
"""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from importers_structured.structured_helpers import read
from importers_structured.structured_strategies import bibtex_records, csl_records

from realistsynth.errors import ExportError
from realistsynth.formats.bibtex_writer import format_name, record_to_bibtex
from realistsynth.formats.csl_json import record_to_csl
from realistsynth.formats.csv_writer import COLUMNS
from realistsynth.formats.latex import decode_latex, encode_latex
from realistsynth.model import (
    Decision,
    Name,
    PartialDate,
    Provenance,
    Record,
    Review,
    Reviewer,
    ScreeningStage,
    StageKind,
    Verdict,
)
from realistsynth.plugins import get_plugin_manager
from realistsynth.protocols import ExportReport, ImportContext

_MANAGER = get_plugin_manager(load_entry_points=False)
_CONTEXT = ImportContext("round-trip", "0" * 64, strict=True)


def _without_provenance(record: Record) -> Record:
    return attrs.evolve(record, provenance=())


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=bibtex_records)
def test_bibtex_round_trip(record: Record) -> None:
    text = record_to_bibtex(record)
    result = _MANAGER.importer("bibtex").read(text.encode("utf-8"), _CONTEXT)
    assert [_without_provenance(r) for r in result.records] == [record], text


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=csl_records)
def test_csl_json_round_trip(record: Record) -> None:
    text = json.dumps([record_to_csl(record)], ensure_ascii=False)
    result = _MANAGER.importer("csl-json").read(text.encode("utf-8"), _CONTEXT)
    assert [_without_provenance(r) for r in result.records] == [record], text


@given(text=__import__("structured_strategies").texts)
def test_latex_escape_round_trip(text: str) -> None:
    assert decode_latex(encode_latex(text)) == text


def test_bibtex_writer_output_is_conventional() -> None:
    record = Record(
        "knight2024",
        title="Integrated care system leadership: 50% of ICSs & more",
        authors=[
            Name("Knight", "Lisa"),
            Name("Neiva Ganga", "Rafaela"),
            Name(literal="NHS England"),
        ],
        issued=PartialDate(2024, 1),
        container_title="Journal of Integrated Care",
        pages="45-61",
        doi="10.1108/jica-05-2023-0031",
    )
    text = record_to_bibtex(record)
    assert text.startswith("@article{knight2024,\n")
    assert "  author = {Knight, Lisa and {Neiva Ganga}, Rafaela and {NHS England}},\n" in text
    assert "  title = {Integrated care system leadership: 50\\% of ICSs \\& more},\n" in text
    assert "  month = jan,\n" in text
    assert "  pages = {45--61},\n" in text
    assert format_name(Name("Gogh", "Vincent", particle="van")) == "van Gogh, Vincent"


def test_bibtex_writer_keeps_and_others_and_entry_type() -> None:
    record = Record(
        "t1",
        type="thesis",
        authors=[Name("Straße", "Hanna")],
        extra={"author-others": ["true"], "bibtex-entry-type": ["mastersthesis"]},
    )
    text = record_to_bibtex(record)
    assert text.startswith("@mastersthesis{t1,")
    assert "author = {Straße, Hanna and others}" in text
    (back,) = read(text.encode(), format="bibtex").records
    assert _without_provenance(back) == record


def _review() -> Review:
    review = Review.new("Export test")
    review.add_reviewer(Reviewer("LK"))
    review.add_records(
        [
            Record(
                "aunger2022",
                title='=HYPERLINK("http://evil.example")',
                authors=[Name("Aunger", "J.A."), Name("Millar", "R.")],
                issued=PartialDate(2022),
                container_title="BMC Health Serv Res",
                volume="22",
                issue="3",
                pages="128-134",
                doi="10.1186/x",
                pmid="35200001",
                abstract="-5% change, @risk",
                keywords=["Leadership", "ICS"],
                provenance=[
                    Provenance(file="scopus.bib", index=3, source_record_id="Aunger2022"),
                    Provenance(file="wos.txt", index=0, source_record_id="WOS:1"),
                ],
            ),
            Record(
                "knight2024", title="Integrated care system leadership", issued=PartialDate(2024)
            ),
        ]
    )
    return review


def _export(name: str, review: Review, **options: object) -> tuple[bytes, ExportReport]:
    stream = io.BytesIO()
    report = _MANAGER.exporter(name).export(review, stream, options)
    return stream.getvalue(), report


def test_csv_records_table_and_formula_safety() -> None:
    data, report = _export("csv", _review())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["id"] == "aunger2022"
    assert first["cluster_id"] == ""
    assert first["source_file"] == "scopus.bib; wos.txt"
    assert first["index_in_file"] == "3; 0"
    assert first["source_record_id"] == "Aunger2022; WOS:1"
    assert first["title"] == '\'=HYPERLINK("http://evil.example")'
    assert first["abstract"] == "'-5% change, @risk"
    assert first["authors"] == "Aunger, J.A.; Millar, R."
    assert (first["year"], first["journal"], first["volume"], first["issue"]) == (
        "2022",
        "BMC Health Serv Res",
        "22",
        "3",
    )
    assert (first["pages"], first["doi"], first["pmid"]) == ("128-134", "10.1186/x", "35200001")
    assert len(rows) == 3
    assert "2 cell(s)" in report.warnings[0]


def test_csv_cells_read_back_by_a_spreadsheet_as_text(tmp_path: object) -> None:
    import openpyxl

    data, _ = _export("csv", _review())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    for cell in workbook.active[2]:
        assert cell.data_type != "f"  # no formula survives into a workbook


def test_included_only_is_read_as_a_switch() -> None:
    """Text from the command line counts (``option_values.flag``); anything else is refused."""
    all_records, _ = _export("csv", _review(), included_only="off")
    assert b"knight2024" in all_records
    assert b"aunger2022" in all_records
    with pytest.raises(ExportError, match="'included_only' must be true or false"):
        _export("csv", _review(), included_only="maybe")


@pytest.mark.parametrize("name", ["bibtex", "csl-json", "csv"])
def test_included_only(name: str) -> None:
    review = _review()
    with pytest.raises(ExportError, match="no selection stage yet"):  # nothing included yet
        _export(name, review, included_only=True)
    review.add_stage(ScreeningStage("ta", "Title and abstract", kind=StageKind.RECORDS))
    review.record_decision(Decision("ta", "knight2024", "LK", Verdict.INCLUDE))
    review.record_decision(Decision("ta", "aunger2022", "LK", Verdict.EXCLUDE))
    included, _ = _export(name, review, included_only=True)
    assert b"knight2024" in included
    assert b"aunger2022" not in included
    full, _ = _export(name, review)
    assert b"aunger2022" in full


def test_exports_read_back_by_the_importers() -> None:
    review = _review()
    bib, _ = _export("bibtex", review)
    assert [r.id for r in read(bib).records] == ["aunger2022", "knight2024"]
    js, _ = _export("csl-json", review)
    back = read(js).records
    assert back[0].authors == review.records["aunger2022"].authors
    table, _ = _export("csv", review)
    assert read(table).report.records_read == 2


def test_writers_report_extra_fields_they_cannot_carry() -> None:
    review = Review.new("Extras")
    review.add_record(
        Record("r1", title="T", extra={"Times Cited": ["7"], "title": ["dup"], "x-ok": ["kept"]})
    )
    bib, report = _export("bibtex", review)
    assert b"x-ok = {kept}" in bib
    assert b"Times Cited" not in bib
    assert "Times Cited, title" in report.warnings[0]
    js, report = _export("csl-json", review)
    item = json.loads(js)[0]
    assert item["x-ok"] == "kept"
    assert item["Times Cited"] == "7"
    assert item["title"] == "T"
    assert "title" in report.warnings[0]
