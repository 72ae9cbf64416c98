"""Readers see the names people gave (theory versions, outcome kinds in words), never the
internal ids, in the worked example's report and workbook (sheet names and cells)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.examples import build_example

IDS = re.compile(r"\b(irpt|ipt)\b|supported-refined|merged-into|no-evidence")


@pytest.fixture(scope="module")
def review() -> rs.Review:
    return build_example("ics-leadership")


def test_workbook_sheet_names_and_cells_use_names(review: rs.Review, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("names") / "review.xlsx"
    rs.export_to_path(review, "xlsx", path)
    workbook = load_workbook(path, read_only=True)
    assert "CMOCs Refined programme theory" in workbook.sheetnames
    assert "CMOCs Initial rough programme…" in workbook.sheetnames
    assert not [n for n in workbook.sheetnames if IDS.search(n)]
    found = [
        (sheet.title, value)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str) and IDS.fullmatch(value)
    ]
    assert found == []
    refinement = list(workbook["Refinement"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert refinement[0][:2] == ("Initial rough programme theory", "Refined programme theory")


def test_report_names_versions(review: rs.Review) -> None:
    stream = io.BytesIO()
    rs.get_plugin_manager().exporter("rameses-md").export(review, stream, {})
    text = stream.getvalue().decode("utf-8")
    assert "From Initial rough programme theory to Refined programme theory:" in text
    assert "Refinement lineage: Initial rough programme theory → Refined programme theory" in text
    visible = re.sub(r"<[^>]+>", "", text)  # ids may stay in SVG attributes, not in text
    assert not IDS.search(visible), IDS.search(visible)
