"""Screening workbooks: one sheet per reviewer to screen in Excel, read back row by row.

A workbook carries, besides the visible sheets, a hidden ``realistsynth`` sheet naming the
review, the stage and which sheet belongs to which reviewer, and a hidden check code on every
row (a short hash of stage, reviewer and record id). The id column is protected; the check code
catches what protection cannot (a sheet unprotected and an id typed over, rows pasted from a
colleague's sheet). Decision and reason cells are drop-down lists (data validation), but Excel
lets a paste bypass validation, so every value is checked again on import.

Import is all or nothing (:func:`realistsynth.selection.apply_decisions`): every bad row is
reported with its sheet and row number and nothing is applied unless every row is valid.
Re-importing the same workbook changes nothing. Every cell written goes through
:func:`realistsynth.workbook.cells.safe_cell`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from realistsynth.errors import (
    DecisionImportError,
    UnknownReferenceError,
)
from realistsynth.model.records import Record
from realistsynth.model.review import Review
from realistsynth.model.screening import Decision, ScreeningStage, StageKind, Verdict
from realistsynth.protocols import ExportReport
from realistsynth.selection.screening import (
    ApplyResult,
    Sourced,
    apply_decisions,
    blinded_queue,
    require_stage,
)
from realistsynth.workbook.cells import CellAudit
from realistsynth.workbook.editable import (
    META_SHEET,
    add_list_validation,
    bounded_rows,
    cell_text,
    other_review,
    read_meta,
    reading_workbook,
    row_check,
    save_workbook,
    uncached_formulas,
    write_cell,
    write_meta,
)

__all__ = [
    "COLUMNS",
    "WORKBOOK_FORMAT",
    "WorkbookRows",
    "check_code",
    "export_workbook",
    "import_workbook",
    "read_workbook",
]

#: Written into the hidden sheet so a screening workbook can be recognised.
WORKBOOK_FORMAT = "realistsynth-screening-workbook"
_FORMAT_VERSION = "1"
_META_SHEET = META_SHEET
_REASONS_SHEET = "Reasons"

#: The visible columns of a reviewer's sheet, in order; ``check`` is hidden.
COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "authors",
    "year",
    "journal",
    "abstract",
    "decision",
    "reason",
    "note",
    "check",
)
_EDITABLE = ("decision", "reason", "note")
_WIDTHS = {"id": 22, "title": 60, "authors": 30, "year": 7, "journal": 28, "abstract": 90}


def _col(name: str) -> int:
    return COLUMNS.index(name) + 1


def _letter(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(_col(name)))


def check_code(stage_id: str, reviewer: str, record_id: str) -> str:
    """The check code of one row (not a secret: it detects edits, it does not prevent them)."""
    return row_check(stage_id, reviewer, record_id)


def _reason_choices(stage: ScreeningStage) -> list[str]:
    # labels read better in a drop-down; codes are used only if two labels coincide
    labels = [r.label for r in stage.reasons]
    return labels if len(set(labels)) == len(labels) else [r.code for r in stage.reasons]


def _authors(record: Record) -> str:
    return "; ".join(a.display() for a in record.authors)


def _row_values(record: Record, decision: Decision | None, stage: ScreeningStage) -> list[Any]:
    reason = ""
    if decision is not None and decision.reason is not None:
        found = stage.reason(decision.reason)
        choices = _reason_choices(stage)
        reason = found.label if found is not None and found.label in choices else decision.reason
    return [
        record.id,
        record.title or "",
        _authors(record),
        record.year,
        record.container_title or "",
        record.abstract or "",
        decision.verdict.value if decision is not None else "",
        reason,
        (decision.note or "") if decision is not None else "",
    ]


def _sheet_title(reviewer: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", reviewer)[:31]


_write = write_cell


def export_workbook(
    review: Review,
    stage_id: str,
    path: str | os.PathLike[str],
    *,
    reviewers: Sequence[str] = (),
    include_decided: bool = False,
) -> ExportReport:
    """Write a screening workbook for a stage, one sheet per reviewer.

    :param reviewers: whose sheets to write (initials); by default every reviewer of the team.
    :param include_decided: also list records the reviewer already decided, with their own
        decision filled in; by default a sheet is the reviewer's blinded queue.
    :raises UnknownReferenceError: for an unknown stage or reviewer.
    :raises ExportError: if the file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, Protection

    stage = require_stage(review, stage_id)
    if stage.kind is not StageKind.RECORDS:
        raise UnknownReferenceError(
            f"stage {stage_id!r} is a {stage.kind.value} stage: it has no screening",
            where=f"stages/{stage_id}",
        )
    team = list(reviewers) or list(review.reviewers)
    if not team:
        raise UnknownReferenceError("the review has no reviewers to screen", where="reviewers")
    audit = CellAudit()
    wb = Workbook()
    wb.remove(wb.active)
    choices = _reason_choices(stage)
    reasons_ws = wb.create_sheet(_REASONS_SHEET)
    for c, head in enumerate(("reason (drop-down value)", "code", "label"), start=1):
        _write(reasons_ws, 1, c, head, audit).font = Font(bold=True)
    for r, (choice, reason) in enumerate(zip(choices, stage.reasons, strict=True), start=2):
        for c, value in enumerate((choice, reason.code, reason.label), start=1):
            _write(reasons_ws, r, c, value, audit)
    reasons_ws.column_dimensions["A"].width = 40
    reasons_ws.column_dimensions["C"].width = 40
    meta_rows: list[tuple[str, str]] = [
        ("format", WORKBOOK_FORMAT),
        ("version", _FORMAT_VERSION),
        ("review", review.meta.title),
        ("stage", stage.id),
    ]
    pending = {r: set(blinded_queue(review, stage_id, r)) for r in team}
    for reviewer in team:
        # Excel sheet titles: at most 31 characters, none of []:*?/\ ; openpyxl renames a
        # title already taken, and the hidden sheet records the title actually given
        ws = wb.create_sheet(_sheet_title(reviewer), index=len(wb.sheetnames) - 1)
        meta_rows.append(("sheet", f"{ws.title}\t{reviewer}"))
        for c, head in enumerate(COLUMNS, start=1):
            _write(ws, 1, c, head, audit).font = Font(bold=True)
        row = 1
        for rid in review.records_at(stage_id):
            if rid not in pending[reviewer] and not include_decided:
                continue
            row += 1
            own = review.decisions_on(stage_id, rid).get(reviewer)
            values = [
                *_row_values(review.records[rid], own, stage),
                check_code(stage.id, reviewer, rid),
            ]
            for c, value in enumerate(values, start=1):
                cell = _write(ws, row, c, value, audit)
                if COLUMNS[c - 1] in _EDITABLE:
                    cell.protection = Protection(locked=False)
                if COLUMNS[c - 1] in ("title", "abstract"):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        last = max(row, 2)
        add_list_validation(
            ws,
            '"' + ",".join(v.value for v in Verdict) + '"',
            f"{_letter('decision')}2:{_letter('decision')}{last}",
            title="Decision",
            message="Choose include, exclude or maybe.",
        )
        if choices:
            add_list_validation(
                ws,
                f"='{_REASONS_SHEET}'!$A$2:$A${len(choices) + 1}",
                f"{_letter('reason')}2:{_letter('reason')}{last}",
                title="Reason",
                message="Choose a reason from the list (sheet Reasons).",
            )
        for name, width in _WIDTHS.items():
            ws.column_dimensions[_letter(name)].width = width
        ws.column_dimensions[_letter("check")].hidden = True
        ws.freeze_panes = "B2"
        ws.protection.sheet = True
        # reviewers may still sort, filter and resize; they may not edit ids
        ws.protection.autoFilter = False
        ws.protection.sort = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.auto_filter.ref = f"A1:{_letter('note')}{last}"
    write_meta(wb, meta_rows, audit)
    save_workbook(wb, Path(path))
    return ExportReport(warnings=audit.warnings())


@frozen
class WorkbookRows:
    """What a screening workbook holds: its stage, and the decisions of its filled rows."""

    stage_id: str
    reviewers: tuple[str, ...]
    items: tuple[Sourced, ...]


_text = cell_text


def _error(problems: list[str], where: str) -> DecisionImportError:
    return DecisionImportError(problems, where=where)


def _meta(wb: Any, where: str, review: Review) -> tuple[str, dict[str, str]]:
    rows = read_meta(wb)
    if rows is None:
        raise DecisionImportError(
            [f"no hidden '{_META_SHEET}' sheet: not a realistsynth screening workbook"],
            where=where,
        )
    problem = other_review(rows, review.meta.title)
    if problem is not None:
        raise DecisionImportError([problem], where=where)
    stage = ""
    sheets: dict[str, str] = {}
    fmt = ""
    for key, value in rows:
        if key == "format":
            fmt = value
        elif key == "stage":
            stage = value
        elif key == "sheet" and "\t" in value:
            title, reviewer = value.split("\t", 1)
            sheets[title] = reviewer
    if fmt != WORKBOOK_FORMAT or not stage or not sheets:
        raise DecisionImportError(
            ["its hidden sheet does not describe a screening workbook"], where=where
        )
    return stage, sheets


def read_workbook(
    review: Review, path: str | os.PathLike[str], *, reviewer: str | None = None
) -> WorkbookRows:
    """Read the decisions of a screening workbook, checking every row against the review.

    Empty rows (no decision, reason or note) are skipped: not screened yet.

    :param reviewer: if given, the workbook must be this reviewer's (one sheet, theirs).
    :raises DecisionImportError: listing every bad row (and nothing is returned).
    """
    p = Path(path)
    with reading_workbook(p, _error) as wb:
        return _read(review, wb, p, reviewer)


# Complexity (radon 37): reads a screening workbook back and collects every problem at once
# (missing sheets, unknown reviewers, edited ids, bad decisions) before anything is imported.
def _read(review: Review, wb: Any, p: Path, reviewer: str | None) -> WorkbookRows:
    stage_id, sheets = _meta(wb, str(p), review)
    problems: list[str] = []
    stage = review.stages.get(stage_id)
    if stage is None:
        raise DecisionImportError([f"the review has no stage {stage_id!r}"], where=str(p))
    for title, initials in sheets.items():
        if title not in wb.sheetnames:
            problems.append(f"sheet {title!r} of reviewer {initials} is missing")
        if initials not in review.reviewers:
            problems.append(f"sheet {title!r}: {initials!r} is not a reviewer of this review")
    if reviewer is not None and set(sheets.values()) != {reviewer}:
        owners = ", ".join(sorted(set(sheets.values())))
        problems.append(f"the workbook holds the sheets of {owners}, not of {reviewer}")
    by_choice = {
        c.casefold(): r.code for c, r in zip(_reason_choices(stage), stage.reasons, strict=True)
    }
    by_choice.update({r.code.casefold(): r.code for r in stage.reasons})
    by_choice.update({r.label.casefold(): r.code for r in stage.reasons})
    verdicts = {v.value: v for v in Verdict}
    items: list[Sourced] = []
    uncached = uncached_formulas(p)
    editable_columns = {COLUMNS.index(name) + 1: name for name in _EDITABLE}
    for title, initials in sheets.items():
        if title not in wb.sheetnames:
            continue
        ws = wb[title]
        header = [_text(v) for _, row in bounded_rows(ws, min_row=1, max_row=1) for v in row]
        if tuple(header[: len(COLUMNS)]) != COLUMNS:
            problems.append(f"sheet {title!r}: the header row was changed")
            continue
        for n, values in bounded_rows(ws, min_row=2):
            cells = {
                name: _text(values[i]) if i < len(values) else "" for i, name in enumerate(COLUMNS)
            }
            where = f"sheet {title}, row {n}"
            formulas = [
                name for col, name in editable_columns.items() if (title, n, col) in uncached
            ]
            if formulas:
                problems.append(
                    f"{where}: the {', '.join(formulas)} cell holds a formula with no computed "
                    "value (it would read as 'not screened'); type the decision as text"
                )
                continue
            if not any(cells[name] for name in _EDITABLE):
                if cells["id"] and cells["id"] not in review.records:
                    problems.append(f"{where}: unknown record id {cells['id']!r}")
                continue
            rid = cells["id"]
            if not rid:
                problems.append(f"{where}: a decision without a record id")
                continue
            if rid not in review.records:
                problems.append(f"{where}: unknown record id {rid!r}")
                continue
            if cells["check"] != check_code(stage_id, initials, rid):
                problems.append(
                    f"{where}: the id {rid!r} was altered or the row comes from another "
                    "sheet (its check code does not match)"
                )
                continue
            verdict = verdicts.get(cells["decision"].casefold())
            if verdict is None:
                problems.append(
                    f"{where}: decision {cells['decision']!r} is not one of "
                    + ", ".join(verdicts)
                    + ("" if cells["decision"] else " (a reason or note needs a decision)")
                )
                continue
            reason: str | None = None
            if cells["reason"]:
                reason = by_choice.get(cells["reason"].casefold())
                if reason is None:
                    problems.append(
                        f"{where}: reason {cells['reason']!r} is not in stage "
                        f"{stage_id!r}'s list (see sheet {_REASONS_SHEET})"
                    )
                    continue
            decision_args: dict[str, Any] = {
                "stage_id": stage_id,
                "record_id": rid,
                "reviewer": initials,
                "verdict": verdict,
                "reason": reason,
                "note": cells["note"] or None,
            }
            try:
                item = Decision(**decision_args)
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
                continue
            items.append(Sourced(item, where))
    if problems:
        raise DecisionImportError(problems, where=str(p))
    return WorkbookRows(stage_id, tuple(sheets.values()), tuple(items))


def import_workbook(
    review: Review, path: str | os.PathLike[str], *, reviewer: str | None = None
) -> ApplyResult:
    """Read a screening workbook and apply its decisions to ``review``, all or nothing.

    :raises DecisionImportError: listing every bad row; the review is unchanged.
    """
    rows = read_workbook(review, path, reviewer=reviewer)
    return apply_decisions(review, rows.items, where=str(path))
