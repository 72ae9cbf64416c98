"""Shared builders for the selection tests: a small dual-screened review, and workbook filling.

A module of its own (not conftest.py) so that ``import selection_helpers`` is unambiguous when
other test folders have conftest modules too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import realistsynth as rs
from realistsynth.builtin.criteria import REALIST_RRR
from realistsynth.selection import default_stages

RECORDS = [f"r{i:02d}" for i in range(1, 11)]


def small_review() -> rs.Review:
    """Ten records from two sources (two found by both), reviewers AL and BO screening, CH as
    third reviewer; stages title/abstract, full text, and the realist relevance gate."""
    review = rs.Review.new("Dual screening test")
    for initials, name in (("AL", "Alice Lee"), ("BO", "Bob Owen"), ("CH", "Chen Hu")):
        review.add_reviewer(rs.Reviewer(initials, name=name))
    review.add_source(rs.Source("medline", "MEDLINE"))
    review.add_source(rs.Source("cinahl", "CINAHL"))
    for i, rid in enumerate(RECORDS, start=1):
        provenance = [rs.Provenance(source_id="medline" if i <= 6 else "cinahl")]
        if i <= 2:
            provenance.append(rs.Provenance(source_id="cinahl"))
        review.add_record(
            rs.Record(
                rid,
                title=f"Integrated care leadership study {i}",
                authors=[rs.Name(family="Smith", given="J.")],
                issued=rs.PartialDate(2018 + i % 5),
                container_title="Journal of Integrated Care",
                doi=f"10.1234/jic.{i}",
                abstract=f"Abstract of study {i}.",
                provenance=provenance,
            )
        )
    for stage in default_stages(2):
        review.add_stage(stage)
    review.adopt_criteria_set(REALIST_RRR)
    review.add_stage(
        rs.ScreeningStage(
            "relevance",
            "Relevance appraisal",
            kind=rs.StageKind.GATE,
            gate=rs.GateCriterion("realist-rrr", "relevance"),
        )
    )
    return review


def fill_workbook(path: Path, sheet: str, answers: Mapping[str, tuple[str, str, str]]) -> None:
    """Type decisions into a reviewer's sheet as a reviewer would: (decision, reason, note)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in ("id", "decision", "reason", "note")}
    for row in range(2, ws.max_row + 1):
        rid = ws.cell(row=row, column=col["id"]).value
        if rid in answers:
            decision, reason, note = answers[rid]
            # ws.cell(value=None) leaves a cell as it was, so assign to clear
            ws.cell(row=row, column=col["decision"]).value = decision or None
            ws.cell(row=row, column=col["reason"]).value = reason or None
            ws.cell(row=row, column=col["note"]).value = note or None
    wb.save(path)
