"""Appraisal workbooks: one sheet per reviewer to appraise documents and data in Excel.

Teams that appraise in a spreadsheet get a workbook with one sheet per reviewer: one row per
thing to judge (a record for relevance and richness, an extract or an evidence link for
rigour, whatever the criteria set says each criterion applies to) and per criterion, with the
reviewer's own earlier judgement filled in. The judgement cell is a drop-down of the
criterion's scale (from a *Scales* sheet); the rationale is free text; every other cell is
protected. The machinery is the screening workbook's (:mod:`realistsynth.workbook.editable`):
safe cells, a hidden ``realistsynth`` sheet saying what the workbook is and whose each sheet
is, a hidden check code per row that catches a row re-pointed at another target, an atomic
save, and a forgiving reader.

Import is all or nothing: every row is checked (sheet and reviewer known, check code intact,
level on the scale, rationale present where the criterion asks for one, the judgement
accepted by the review) on a copy of the review, every bad row is reported with its sheet and
row number, and nothing is applied unless every row is valid. Rows with no judgement are
skipped (not appraised yet); re-importing the same workbook changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from realistsynth.errors import DecisionImportError, RealistsynthError, UnknownReferenceError
from realistsynth.model.appraisal import CriteriaSet, Criterion, Judgement, JudgementTarget
from realistsynth.model.review import Review
from realistsynth.protocols import ExportReport
from realistsynth.workbook.cells import CellAudit
from realistsynth.workbook.editable import (
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
    "APPRAISAL_COLUMNS",
    "APPRAISAL_FORMAT",
    "AppraisalRows",
    "export_appraisal_workbook",
    "import_appraisal_workbook",
    "read_appraisal_workbook",
]

#: What the hidden sheet says an appraisal workbook is.
APPRAISAL_FORMAT = "realistsynth-appraisal"
_VERSION = "1"
_SCALES = "Scales"

#: The columns of each reviewer's sheet, in order.
APPRAISAL_COLUMNS: tuple[str, ...] = (
    "judged",
    "id",
    "source",
    "what",
    "criterion",
    "judgement",
    "rationale",
    "check",
)
_EDITABLE = {"judgement", "rationale"}
_WIDTHS = {
    "judged": 10,
    "id": 22,
    "source": 26,
    "what": 60,
    "criterion": 14,
    "judgement": 20,
    "rationale": 60,
}


def _col(name: str) -> int:
    return APPRAISAL_COLUMNS.index(name) + 1


def _letter(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(_col(name)))


def check_code(reviewer: str, target: JudgementTarget, target_id: str, criterion: str) -> str:
    """The check code of one row."""
    return row_check("appraisal", reviewer, target.value, target_id, criterion)


def _targets(review: Review, target: JudgementTarget) -> list[tuple[str, str, str]]:
    """(id, source label, what) of everything of one kind that can be judged."""
    if target is JudgementTarget.RECORD:
        return [
            (rid, review.records[rid].label(), review.records[rid].title or "")
            for rid in review.candidates()
        ]
    if target is JudgementTarget.EXTRACT:
        return [
            (
                e.id,
                review.records[e.record_id].label() if e.record_id in review.records else "",
                e.text,
            )
            for e in review.extracts.values()
        ]
    from realistsynth.synthesis.queries import evidence_record

    out = []
    for link in review.evidence.values():
        rid = evidence_record(review, link)
        source = review.records[rid].label() if rid and rid in review.records else ""
        cmoc = review.cmocs.get(link.cmoc_id)
        what = f"{link.role.value} {cmoc.label or cmoc.id if cmoc else link.cmoc_id}"
        if link.target.value == "quotation" and link.target_id in review.quotations:
            what += f": “{review.quotations[link.target_id].text}”"
        elif link.target.value == "extract" and link.target_id in review.extracts:
            what += f": “{review.extracts[link.target_id].text}”"
        out.append((link.id, source, what))
    return out


def _rows_for(
    review: Review,
    cs: CriteriaSet,
    criterion: Criterion,
    target: JudgementTarget,
    candidates: dict[JudgementTarget, list[tuple[str, str, str]]],
) -> list[tuple[str, str, str]]:
    """The rows of one criterion and target: at a gate, only the records that reached it."""
    rows = candidates[target]
    if target is not JudgementTarget.RECORD:
        return rows
    gate = next(
        (
            st
            for st in review.stages.values()
            if st.gate is not None
            and (st.gate.criteria_set, st.gate.criterion) == (cs.name, criterion.id)
        ),
        None,
    )
    if gate is None:
        return rows
    reached = set(review.records_at(gate.id))
    return [r for r in rows if r[0] in reached]


def _sheet_title(reviewer: str) -> str:
    return f"Appraisal {reviewer}"[:31]


def export_appraisal_workbook(
    review: Review,
    criteria_set: str,
    path: str | os.PathLike[str],
    *,
    reviewers: Sequence[str] = (),
    criteria: Sequence[str] = (),
) -> ExportReport:
    """Write an appraisal workbook for one adopted criteria set, one sheet per reviewer.

    :param reviewers: whose sheets to write (initials); by default every reviewer.
    :param criteria: which criteria (ids); by default every criterion of the set.
    :raises UnknownReferenceError: for an unknown criteria set, criterion or reviewer.
    :raises ExportError: if the file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, Protection

    cs = _criteria_set(review, criteria_set)
    chosen = _criteria(cs, criteria)
    team = list(reviewers) or list(review.reviewers)
    for initials in team:
        if initials not in review.reviewers:
            raise UnknownReferenceError(f"unknown reviewer {initials!r}", where="reviewers")
    if not team:
        raise UnknownReferenceError("the review has no reviewers to appraise", where="reviewers")
    audit = CellAudit()
    wb = Workbook()
    wb.remove(wb.active)
    scales = wb.create_sheet(_SCALES)
    scale_range: dict[str, str] = {}
    for c, criterion in enumerate(chosen, start=1):
        from openpyxl.utils import get_column_letter

        write_cell(scales, 1, c, criterion.id, audit).font = Font(bold=True)
        for r, level in enumerate(criterion.scale, start=2):
            write_cell(scales, r, c, level, audit)
        letter = get_column_letter(c)
        scale_range[criterion.id] = f"='{_SCALES}'!${letter}$2:${letter}${len(criterion.scale) + 1}"
        scales.column_dimensions[letter].width = 24
    scales.protection.sheet = True  # the drop-down lists read from it
    meta: list[tuple[str, str]] = [
        ("format", APPRAISAL_FORMAT),
        ("version", _VERSION),
        ("review", review.meta.title),
        ("criteria_set", cs.name),
    ]
    candidates = {t: _targets(review, t) for t in JudgementTarget}
    for reviewer in team:
        ws = wb.create_sheet(_sheet_title(reviewer), index=len(wb.sheetnames) - 1)
        meta.append(("sheet", f"{ws.title}\t{reviewer}"))
        for c, head in enumerate(APPRAISAL_COLUMNS, start=1):
            write_cell(ws, 1, c, head, audit).font = Font(bold=True)
        row = 1
        for criterion in chosen:
            first = row + 1
            for target in criterion.applies_to:
                for target_id, source, what in _rows_for(review, cs, criterion, target, candidates):
                    row += 1
                    own = review.judgements_of(target_id, target)
                    mine = next(
                        (
                            j
                            for j in own
                            if j.reviewer == reviewer
                            and (j.criteria_set, j.criterion) == (cs.name, criterion.id)
                        ),
                        None,
                    )
                    values = (
                        target.value,
                        target_id,
                        source,
                        what,
                        criterion.id,
                        mine.level if mine else None,
                        mine.rationale if mine else None,
                        check_code(reviewer, target, target_id, criterion.id),
                    )
                    for c, value in enumerate(values, start=1):
                        cell = write_cell(ws, row, c, value, audit)
                        if APPRAISAL_COLUMNS[c - 1] in _EDITABLE:
                            cell.protection = Protection(locked=False)
                        if APPRAISAL_COLUMNS[c - 1] in ("what", "rationale"):
                            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row >= first:
                add_list_validation(
                    ws,
                    scale_range[criterion.id],
                    f"{_letter('judgement')}{first}:{_letter('judgement')}{row}",
                    title=criterion.name,
                    message=f"Choose a level of {criterion.name} (sheet {_SCALES}).",
                )
        for name, width in _WIDTHS.items():
            ws.column_dimensions[_letter(name)].width = width
        ws.column_dimensions[_letter("check")].hidden = True
        ws.freeze_panes = "C2"
        ws.protection.sheet = True
        # reviewers may sort, filter and resize; they may not edit what a row is about
        ws.protection.autoFilter = False
        ws.protection.sort = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.auto_filter.ref = f"A1:{_letter('rationale')}{max(row, 2)}"
    write_meta(wb, meta, audit)
    save_workbook(wb, Path(path))
    return ExportReport(warnings=audit.warnings())


def _criteria_set(review: Review, name: str) -> CriteriaSet:
    cs = review.criteria_sets.get(name)
    if cs is None:
        known = ", ".join(review.criteria_sets) or "none"
        raise UnknownReferenceError(
            f"the review has adopted no criteria set {name!r} (adopted: {known})",
            where=f"criteria_sets/{name}",
        )
    return cs


def _criteria(cs: CriteriaSet, ids: Sequence[str]) -> list[Criterion]:
    if not ids:
        return list(cs.criteria)
    out = []
    for cid in ids:
        criterion = cs.criterion(cid)
        if criterion is None:
            raise UnknownReferenceError(
                f"criteria set {cs.name!r} has no criterion {cid!r}", where=f"criteria/{cid}"
            )
        out.append(criterion)
    return out


@frozen
class AppraisalRows:
    """The judgements an appraisal workbook holds (its filled rows), each with its place."""

    criteria_set: str
    judgements: tuple[tuple[Judgement, str], ...]


def _error(problems: list[str], where: str) -> DecisionImportError:
    return DecisionImportError(problems, where=where)


def _meta(wb: Any, where: str, review: Review) -> tuple[str, dict[str, str]]:
    rows = read_meta(wb)
    if rows is None:
        raise DecisionImportError(
            ["no hidden 'realistsynth' sheet: not a realistsynth appraisal workbook"],
            where=where,
        )
    problem = other_review(rows, review.meta.title)
    if problem is not None:
        raise DecisionImportError([problem], where=where)
    values = dict(r for r in rows if r[0] != "sheet")
    sheets = dict(value.split("\t", 1) for key, value in rows if key == "sheet" and "\t" in value)
    if values.get("format") != APPRAISAL_FORMAT or not values.get("criteria_set") or not sheets:
        raise DecisionImportError(
            ["its hidden sheet does not describe an appraisal workbook"], where=where
        )
    return values["criteria_set"], sheets


def read_appraisal_workbook(review: Review, path: str | os.PathLike[str]) -> AppraisalRows:
    """Read the judgements of an appraisal workbook, checking every row.

    :raises DecisionImportError: listing every bad row (and nothing is returned).
    """
    p = Path(path)
    with reading_workbook(p, _error) as wb:
        return _read(review, wb, p)


def _read(review: Review, wb: Any, p: Path) -> AppraisalRows:
    set_name, sheets = _meta(wb, str(p), review)
    cs = review.criteria_sets.get(set_name)
    if cs is None:
        raise DecisionImportError(
            [f"the review has adopted no criteria set {set_name!r}"], where=str(p)
        )
    problems: list[str] = []
    found: list[tuple[Judgement, str]] = []
    uncached = uncached_formulas(p)
    for title, reviewer in sheets.items():
        if title not in wb.sheetnames:
            problems.append(f"sheet {title!r} of reviewer {reviewer} is missing")
            continue
        if reviewer not in review.reviewers:
            problems.append(f"sheet {title!r}: {reviewer!r} is not a reviewer of this review")
            continue
        for r, raw in bounded_rows(wb[title], min_row=2):
            where = f"{title}!{r}"
            cells = [cell_text(v) for v in (*raw, *[None] * len(APPRAISAL_COLUMNS))]
            row = dict(zip(APPRAISAL_COLUMNS, cells, strict=False))
            if (title, r, _col("judgement")) in uncached:
                problems.append(f"{where}: the judgement is a formula with no value")
                continue
            if not row["judgement"]:
                if row["rationale"]:
                    problems.append(f"{where}: a rationale without a judgement")
                continue
            problem, judgement = _judgement(cs, reviewer, row)
            if problem:
                problems.append(f"{where}: {problem}")
            elif judgement is not None:
                found.append((judgement, where))
    if problems:
        raise DecisionImportError(problems, where=str(p))
    return AppraisalRows(cs.name, tuple(found))


def _judgement(
    cs: CriteriaSet, reviewer: str, row: dict[str, str]
) -> tuple[str | None, Judgement | None]:
    try:
        target = JudgementTarget(row["judged"])
    except ValueError:
        return f"{row['judged']!r} is not record, extract or evidence", None
    if row["check"] != check_code(reviewer, target, row["id"], row["criterion"]):
        return "the row was edited or pasted from elsewhere (its check code does not match)", None
    criterion = cs.criterion(row["criterion"])
    if criterion is None:
        return f"criteria set {cs.name!r} has no criterion {row['criterion']!r}", None
    if row["judgement"] not in criterion.scale:
        return f"{row['judgement']!r} is not one of {list(criterion.scale)}", None
    if criterion.rationale_required and not row["rationale"]:
        return f"{criterion.name} needs a rationale for every judgement", None
    try:
        judgement = Judgement(
            row["id"],
            cs.name,
            criterion.id,
            row["judgement"],
            reviewer,
            row["rationale"] or None,
            target=target,
        )
    except ValueError as exc:
        return str(exc), None
    return None, judgement


def import_appraisal_workbook(review: Review, path: str | os.PathLike[str]) -> int:
    """Read an appraisal workbook and record its judgements in ``review``, all or nothing.

    Every judgement is first tried on a copy of the review, so a judgement the review refuses
    (a record judged at a gate it has not reached ...) is reported with its row and nothing is
    recorded.

    :return: how many judgements were recorded (new or changed).
    :raises DecisionImportError: listing every bad row; the review is unchanged.
    """
    rows = read_appraisal_workbook(review, path)
    trial = Review.from_document(review.to_document(), strict=False)
    problems = []
    for judgement, where in rows.judgements:
        try:
            trial.add_judgement(judgement)
        except RealistsynthError as exc:
            problems.append(f"{where}: {exc}")
    if problems:
        raise DecisionImportError(problems, where=str(path))
    changed = 0
    for judgement, _ in rows.judgements:
        per = review.judgements_on(
            judgement.target_id,
            judgement.criteria_set,
            judgement.criterion,
            target=judgement.target,
        )
        old = per.get(judgement.reviewer)
        if old is None or (old.level, old.rationale) != (judgement.level, judgement.rationale):
            review.add_judgement(judgement)
            changed += 1
    return changed
