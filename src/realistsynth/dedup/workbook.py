"""The pair-review workbook: uncertain pairs out to Excel, reviewers' decisions back in.

One row per queued pair, the two records side by side (title, authors, year, container,
volume/issue/pages, DOI) with the rule, score and field scores that put the pair in the queue.
A reviewer fills ``decision`` (``same`` or ``different``) and ``reviewer`` (initials). Every cell
goes through :func:`realistsynth.workbook.cells.safe_cell`, so titles starting with ``=`` stay
text and control characters cannot corrupt the file.

Import is all or nothing: every row is checked first (its check code, as in the screening
workbook, so that a re-pointed record id or an added row is refused; a queued pair, a known
reviewer, a valid decision) and any problem, named by sheet and row, rejects the whole
workbook. Rows with an empty decision are skipped. Importing the same workbook twice changes
nothing, because a decision replaces the earlier decision on the same pair.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from realistsynth.atomic import atomic_write
from realistsynth.errors import DecisionImportError
from realistsynth.model.dedup import DuplicateLink, LinkVerdict, PairDecision, pair_key
from realistsynth.model.records import Record
from realistsynth.model.review import Review
from realistsynth.workbook.cells import CellAudit, safe_cell
from realistsynth.workbook.editable import (
    WorkbookLimitError,
    bounded_rows,
    open_workbook,
    row_check,
)

__all__ = ["COLUMNS", "SHEET", "export_pairs", "import_pairs", "read_pairs"]

SHEET = "pairs"
#: the workbook's columns, in order
COLUMNS = (
    "record_a",
    "record_b",
    "rule",
    "score",
    "why",
    "field_scores",
    "title_a",
    "title_b",
    "authors_a",
    "authors_b",
    "year_a",
    "year_b",
    "container_a",
    "container_b",
    "locator_a",
    "locator_b",
    "doi_a",
    "doi_b",
    "decision",
    "reviewer",
    "note",
    "check",
)
_DECISIONS = {"same": True, "different": False}


def _authors(rec: Record) -> str:
    return "; ".join(n.display() for n in rec.authors)


def _locator(rec: Record) -> str:
    parts = [rec.volume or "", f"({rec.issue})" if rec.issue else "", rec.pages or ""]
    return " ".join(p for p in parts if p)


def _row(review: Review, link: DuplicateLink) -> list[Any]:
    a, b = review.records[link.record_a], review.records[link.record_b]
    decision = review.pair_decision(link.record_a, link.record_b)
    scores = ", ".join(f"{k} {v:.2f}" for k, v in link.field_scores.items())
    return [
        link.record_a,
        link.record_b,
        link.rule,
        link.score,
        link.note or "",
        scores,
        a.title or "",
        b.title or "",
        _authors(a),
        _authors(b),
        a.year,
        b.year,
        a.container_title or "",
        b.container_title or "",
        _locator(a),
        _locator(b),
        a.doi or "",
        b.doi or "",
        ("same" if decision.same else "different") if decision else "",
        decision.reviewer if decision else "",
        (decision.note or "") if decision else "",
        pair_check(link.record_a, link.record_b),
    ]


def pair_check(record_a: str, record_b: str) -> str:
    """The check code of a pair's row: a re-pointed record id or an added row does not match
    (not a secret: it detects edits, it does not prevent them)."""
    return row_check("dedup-pair", *pair_key(record_a, record_b))


def export_pairs(
    review: Review, path: str | os.PathLike[str], *, include_decided: bool = True
) -> CellAudit:
    """Write the review queue (uncertain pairs) to an .xlsx workbook, atomically.

    :param include_decided: also list queued pairs that already have a decision (with it).
    :returns: what cell cleaning had to do (see :class:`~realistsynth.workbook.cells.CellAudit`).
    """
    from openpyxl import Workbook

    audit = CellAudit()
    # normal (not write-only) mode: the queue is small, and reviewers get a frozen header, a
    # drop-down for the decision and readable column widths
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    row_number = 1
    for link in review.duplicate_links:
        if link.verdict is not LinkVerdict.UNCERTAIN:
            continue
        if not include_decided and review.pair_decision(*link.pair) is not None:
            continue
        row_number += 1
        for column_number, (column, value) in enumerate(
            zip(COLUMNS, _row(review, link), strict=True), start=1
        ):
            clean, as_text = safe_cell(value, audit, f"{link.record_a}/{link.record_b}/{column}")
            cell = ws.cell(row=row_number, column=column_number)
            cell.value = clean
            if as_text:
                cell.data_type = "s"
    ws.freeze_panes = "C2"
    widths = {"title_a": 60, "title_b": 60, "why": 40, "field_scores": 40}
    for number, column in enumerate(COLUMNS, start=1):
        letter = ws.cell(row=1, column=number).column_letter
        ws.column_dimensions[letter].width = widths.get(column, 16)
    choice = DataValidation(type="list", formula1='"same,different"', allow_blank=True)
    decision_letter = ws.cell(row=1, column=COLUMNS.index("decision") + 1).column_letter
    choice.add(f"{decision_letter}2:{decision_letter}{max(row_number, 2)}")
    ws.add_data_validation(choice)
    with atomic_write(path) as stream:
        wb.save(stream)
    return audit


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_pairs(review: Review, path: str | os.PathLike[str]) -> list[PairDecision]:
    """The decisions in a pair-review workbook, every row checked.

    :raises DecisionImportError: listing every bad row; nothing is returned then.
    """
    where = str(path)
    wb = open_workbook(Path(path), lambda problems, w: DecisionImportError(problems, where=w))
    try:
        if SHEET not in wb.sheetnames:
            raise DecisionImportError([f"no sheet named {SHEET!r}"], where=where)
        rows = (values for _, values in bounded_rows(wb[SHEET]))
        header = [_text(h) for h in next(rows, ())]
        missing = [
            c for c in ("record_a", "record_b", "decision", "reviewer", "check") if c not in header
        ]
        if missing:
            raise DecisionImportError(
                [f"{SHEET}!1: missing column(s) {', '.join(missing)}"], where=where
            )
        col = {name: header.index(name) for name in header if name}
        problems: list[str] = []
        decisions: dict[tuple[str, str], tuple[int, PairDecision]] = {}
        queued = {
            pair_key(link.record_a, link.record_b)
            for link in review.duplicate_links
            if link.verdict is LinkVerdict.UNCERTAIN
        }
        for number, row in enumerate(rows, start=2):
            values = list(row) + [None] * (len(header) - len(row))

            def get(name: str, values: list[Any] = values) -> str:
                return _text(values[col[name]]) if name in col else ""

            verdict = get("decision").lower()
            if not verdict:
                continue
            here = f"{SHEET}!{number}"
            a, b, reviewer = get("record_a"), get("record_b"), get("reviewer")
            if verdict not in _DECISIONS:
                problems.append(f"{here}: decision {verdict!r} is not 'same' or 'different'")
                continue
            unknown = [r for r in (a, b) if r not in review.records]
            if unknown or a == b:
                what = f"unknown record(s) {', '.join(map(repr, unknown))}" if unknown else ""
                problems.append(f"{here}: {what or 'a pair needs two different records'}")
                continue
            if get("check") != pair_check(a, b):
                problems.append(
                    f"{here}: the record ids were changed or the row was added (its check code "
                    "does not match); decide only the pairs the workbook lists"
                )
                continue
            if pair_key(a, b) not in queued:
                problems.append(f"{here}: {a}, {b} is not a queued pair of this review")
                continue
            if not reviewer:
                problems.append(f"{here}: no reviewer (initials) for the decision")
                continue
            if reviewer not in review.reviewers:
                problems.append(f"{here}: unknown reviewer {reviewer!r}")
                continue
            key = pair_key(a, b)
            decision = PairDecision.of(
                a, b, same=_DECISIONS[verdict], reviewer=reviewer, note=get("note") or None
            )
            if key in decisions and decisions[key][1] != decision:
                problems.append(
                    f"{here}: the pair {key[0]}, {key[1]} was decided differently in row "
                    f"{decisions[key][0]}"
                )
                continue
            decisions[key] = (number, decision)
    except WorkbookLimitError as exc:
        raise DecisionImportError([str(exc)], where=where) from None
    finally:
        wb.close()
    if problems:
        raise DecisionImportError(problems, where=where)
    return [d for _, d in decisions.values()]


def import_pairs(review: Review, path: str | os.PathLike[str]) -> int:
    """Apply the decisions of a pair-review workbook to ``review``, all or nothing.

    :returns: how many decisions were new or changed.
    :raises DecisionImportError: listing every bad row; the review is unchanged then.
    """
    decisions = read_pairs(review, path)
    previous = {d.pair: review.pair_decision(*d.pair) for d in decisions}
    changed = 0
    try:
        for decision in decisions:
            if previous[decision.pair] != decision:
                review.decide_pair(decision)
                changed += 1
    except Exception:
        for pair, old in previous.items():
            if old is None:
                if review.pair_decision(*pair) is not None:
                    review.withdraw_pair_decision(*pair)
            else:
                review.decide_pair(old)
        raise
    return changed
