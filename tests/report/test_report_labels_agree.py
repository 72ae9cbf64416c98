"""Every author-year label a reader sees in the report (the scoping list of theory documents,
the contribution matrix's rows, the CMOC and confidence tables) carries the same a/b suffix
as the work's entry in the report's reference list: one rule, the list's order
(:func:`realistsynth.report.document.record_labels`).

The worked example has two Department of Health and Social Care documents of 2022 and five
NHS England and NHS Improvement documents of 2021; Emerald Harvard and APA order them
differently (APA by title within a year), so the labels must follow the style in use.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

import realistsynth as rs
from realistsynth.examples import build_example
from realistsynth.exporting import RecordSelection, export_to_path, select_records
from realistsynth.model.labels import author_year_labels
from realistsynth.references import format_references
from realistsynth.report.document import BulletList, Table, build_report, record_labels
from realistsynth.report.inputs import gather_inputs
from realistsynth.tables import table
from realistsynth.workbook.review_sheets import _cmoc_name


@pytest.fixture(scope="module")
def review() -> rs.Review:
    return build_example("ics-leadership")


def _shown_labels(text: str, review: rs.Review) -> set[str]:
    """The suffixed author-year labels in ``text`` (``Name, 2022a``)."""
    bases = {re.escape(r.label()) for r in review.records.values()}
    pattern = re.compile(rf"(?:{'|'.join(sorted(bases, key=len, reverse=True))})[a-z]+\b")
    return set(pattern.findall(text))


@pytest.mark.parametrize("style", ["emerald-harvard", "apa"])
def test_every_label_agrees_with_the_reference_list(review: rs.Review, style: str) -> None:
    bibliography = format_references(select_records(review, RecordSelection.CITED), style)
    expected = {
        ref.record_id: review.records[ref.record_id].label() + (ref.year_suffix or "")
        for ref in bibliography.references
    }
    suffixed = {rid for rid, label in expected.items() if label != review.records[rid].label()}
    assert len(suffixed) >= 7, "the example's namesakes (DHSC 2022, NHSE/I 2021) are listed"

    inputs = gather_inputs(review, style=style)
    labels = record_labels(review, inputs)
    for rid, label in expected.items():
        assert labels[rid] == label, (rid, labels[rid], label)

    report = build_report(review, inputs)
    blocks = [b for s in report.sections if s.assessment.item.key != "references" for b in s.blocks]
    # the scoping list: "label: title (kind)", each title naming its record
    scoping = next(
        b
        for s in report.sections
        if s.assessment.item.key == "scoping"
        for b in s.blocks
        if isinstance(b, BulletList)
    )
    by_title = {r.title: rid for rid, r in review.records.items() if r.title}
    checked = 0
    for item in scoping.items:
        label, _, rest = item.partition(": ")
        found = next((by_title[t] for t in by_title if rest.startswith(t)), None)
        if found is not None and found in suffixed:
            assert label == expected[found], item
            checked += 1
    assert checked >= 7
    # every suffixed label anywhere in the report's tables and lists is a listed work's label
    text = "\n".join(
        "\n".join(c for row in b.rows for c in row)
        if isinstance(b, Table)
        else "\n".join(b.items)
        if isinstance(b, BulletList)
        else ""
        for b in blocks
    )
    shown = _shown_labels(text, review)
    assert shown, "no suffixed label in the report"
    assert shown <= {expected[rid] for rid in suffixed}


def test_without_a_list_the_letters_follow_date_then_title(review: rs.Review) -> None:
    labels = author_year_labels(review.records.values())
    two = sorted(
        (rid for rid in review.records if labels[rid].startswith("Department of Health and")),
        key=labels.__getitem__,
    )
    titles = [review.records[rid].title or "" for rid in two if labels[rid][-1] in "ab"]
    assert titles == sorted(titles, key=str.casefold)


@pytest.mark.parametrize("style", ["emerald-harvard", "apa"])
def test_the_workbook_and_the_matrix_table_in_a_style_label_as_the_report_does(
    style: str, tmp_path: Path
) -> None:
    """``export --to xlsx --option style=S`` and ``table(review, "matrix", style=S)`` show each
    source with the label the report in style ``S`` gives it. The worked example's namesakes
    (DHSC 2022, NHSE/I 2021) are theory-gleaning documents, in no matrix: here they are linked
    as evidence, and under Emerald Harvard their report labels are not the default (date,
    then title) ones, so the option is what makes the three agree."""
    review = build_example("ics-leadership")
    labels = record_labels(review, gather_inputs(review, style=style))
    default = author_year_labels(review.records.values())
    namesakes = sorted(rid for rid, label in labels.items() if label[-1] in "abcde")
    assert len(namesakes) >= 7
    version = list(review.theory_versions.values())[-1]
    cmocs = list(version.cmoc_ids)
    # each namesake marks a CMOC of its own (its row tells which record it is); those whose
    # label the style changes first
    namesakes.sort(key=lambda rid: default[rid] == labels[rid])
    linked = dict(zip(namesakes, cmocs, strict=False))
    for number, (rid, cmoc_id) in enumerate(linked.items()):
        review.add_evidence(
            rs.EvidenceLink(f"namesake-{number}", cmoc_id, rs.EvidenceTarget.RECORD, rid)
        )
    if style == "emerald-harvard":
        assert any(default[rid] != labels[rid] for rid in namesakes)

    path = tmp_path / "review.xlsx"
    export_to_path(review, "xlsx", path, {"style": style, "sheets": ["matrix"]})
    workbook = openpyxl.load_workbook(path, read_only=True)
    sheet = workbook[f"Matrix {version.name}"[:31]]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    header = rows[0]
    by_source = {row[0]: row for row in rows[1:]}
    for rid, cmoc_id in linked.items():
        row = by_source[f"({labels[rid]})"]
        column = header.index(_cmoc_name(review.cmocs[cmoc_id]))
        assert row[column] == "x", (rid, labels[rid])
        # no other namesake's CMOC is marked on this row
        others = {header.index(_cmoc_name(review.cmocs[c])) for r, c in linked.items() if r != rid}
        assert all(row[i] is None for i in others if i != column), (rid, row)

    for mark in table(review, "matrix", style=style):
        if mark["record_id"] in linked:
            assert mark["source"] == f"({labels[str(mark['record_id'])]})"
