"""Confidence workbooks: a team assesses its confidence in each CMOC of a theory version in Excel.

The workbook is the appraisal workbook's sibling (:mod:`realistsynth.selection.appraisal_workbook`)
for judgements of CMOCs rather than of data, and shares its machinery
(:mod:`realistsynth.workbook.editable`): safe cells, protected sheets, drop-downs fed from a
*Scales* sheet, a hidden ``realistsynth`` sheet saying what the workbook is (review, theory
version, approach), a hidden check code per row that catches a row re-pointed at another CMOC
or component, an atomic save and a forgiving reader.

The *Confidence* sheet has, for one theory version and one confidence approach, one row per
CMOC and component, then one *overall* row per CMOC. Each row shows the CMOC (id, name,
statement), the component's name and the question it asks, and the CMOC's evidence links with
the source each comes from, its role, and whether its datum counts (the data-level appraisal,
:mod:`realistsynth.synthesis.data_appraisal`); an *Evidence* sheet lists the same links one per
row. The editable cells are the judgement (a drop-down of the component's scale; on the overall
row, of the approach's levels), the rationale, the evidence link ids the judgement rests on (on
the overall row, the disconfirming links considered), whether the rationale is the assessor's
reading (``interpreted``), and, on the overall row, the assessor (a drop-down of the review's
reviewers). The model keeps one assessment per CMOC and version, made by one assessor, so the
workbook has an assessor column rather than one sheet per reviewer.

Import is all or nothing: every row is checked (check code intact, CMOC still in the version,
values on their drop-downs, known evidence links of that CMOC, a rationale for every component
judgement, every component judged once a CMOC is being assessed), then every assessment is
tried on a copy of the review with :meth:`Review.assess_confidence` (the same refusals as
``theory assess``); every problem is reported with its ``Sheet!row`` and nothing is applied
unless all are accepted. A CMOC whose editable cells are all empty is skipped (not assessed
yet); an assessment equal to the review's is not recorded again, so re-importing an unchanged
workbook changes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from realistsynth.errors import DecisionImportError, RealistsynthError, UnknownReferenceError
from realistsynth.model.confidence import (
    ComponentJudgement,
    ConfidenceApproach,
    ConfidenceAssessment,
)
from realistsynth.model.review import Review
from realistsynth.protocols import ExportReport
from realistsynth.synthesis.confidence import CmocConfidence, confidence_of_version
from realistsynth.synthesis.graph import cmoc_text
from realistsynth.workbook.cells import CellAudit
from realistsynth.workbook.editable import (
    add_list_validation,
    bounded_rows,
    cell_text,
    fit_row_height,
    open_workbook,
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
    "CONFIDENCE_COLUMNS",
    "CONFIDENCE_FORMAT",
    "OVERALL",
    "ConfidenceRows",
    "export_confidence_workbook",
    "import_confidence_workbook",
    "read_confidence_workbook",
    "workbook_approach",
]

#: What the hidden sheet says a confidence workbook is.
CONFIDENCE_FORMAT = "realistsynth-confidence"
_VERSION = "1"
_SHEET = "Confidence"
_EVIDENCE = "Evidence"
_SCALES = "Scales"
#: The component column of a CMOC's overall row (no component id can be it: ids have no space).
OVERALL = "(overall)"
_YES_NO = ("yes", "no")

#: The columns of the Confidence sheet, in order.
CONFIDENCE_COLUMNS: tuple[str, ...] = (
    "cmoc",
    "name",
    "statement",
    "component",
    "asks",
    "evidence",
    "judgement",
    "rationale",
    "links",
    "interpreted",
    "assessor",
    "check",
)
_EDITABLE = ("judgement", "rationale", "links", "interpreted", "assessor")
_WRAPPED = {"statement", "asks", "evidence", "rationale", "links"}
_WIDTHS = {
    "cmoc": 12,
    "name": 14,
    "statement": 40,
    "component": 25,
    "asks": 36,
    "evidence": 34,
    "judgement": 22,
    "rationale": 50,
    "links": 24,
    "interpreted": 11,
    "assessor": 10,
}
_EVIDENCE_COLUMNS = ("cmoc", "link", "role", "source", "what", "data appraisal", "counted")
_EVIDENCE_WIDTHS = (12, 30, 14, 26, 60, 26, 9)
_LINK_SEPARATORS = re.compile(r"[\s,;]+")


def _col(name: str) -> int:
    return CONFIDENCE_COLUMNS.index(name) + 1


def _letter(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(_col(name)))


def check_code(version_id: str, approach: str, cmoc_id: str, component: str) -> str:
    """The check code of one row (a component's, or the CMOC's :data:`OVERALL` row)."""
    return row_check("confidence", version_id, approach, cmoc_id, component)


def _approach(review: Review, approach: str | ConfidenceApproach) -> ConfidenceApproach:
    if isinstance(approach, ConfidenceApproach):
        return review.confidence_approaches.get(approach.name, approach)
    found = review.confidence_approaches.get(approach)
    if found is None:
        known = ", ".join(review.confidence_approaches) or "none"
        raise UnknownReferenceError(
            f"the review has adopted no confidence approach {approach!r} (adopted: {known})",
            where=f"confidence_approaches/{approach}",
        )
    return found


def _sources(review: Review, item: CmocConfidence) -> list[tuple[str, str, str, str, str, bool]]:
    """(link, role, source label, what, trust label, counted) of each of a CMOC's links."""
    from realistsynth.synthesis.queries import evidence_record

    out = []
    for link in item.evidence:
        rid = evidence_record(review, link)
        source = review.records[rid].label() if rid and rid in review.records else ""
        if link.target.value == "quotation" and link.target_id in review.quotations:
            what = review.quotations[link.target_id].text
            source = source or "informant"
        elif link.target.value == "extract" and link.target_id in review.extracts:
            what = review.extracts[link.target_id].text
        elif rid and rid in review.records:
            what = review.records[rid].title or ""
        else:
            what = ""
        if link.note:
            what = f"{what} ({link.note})" if what else link.note
        trust = item.trust_of(link.id)
        out.append((link.id, link.role.value, source, what, trust.label, trust.counts))
    return out


def _evidence_cell(sources: list[tuple[str, str, str, str, str, bool]]) -> str:
    """The CMOC's links one per line, by source (their ids are on the Evidence sheet)."""
    return "\n".join(
        f"{source or link} · {role}" + ("" if counted else f" · NOT COUNTED ({trust})")
        for link, role, source, _, trust, counted in sources
    )


def export_confidence_workbook(
    review: Review,
    version_id: str,
    path: str | os.PathLike[str],
    *,
    approach: str | ConfidenceApproach = "cerqual-cmoc",
) -> ExportReport:
    """Write a confidence workbook for one theory version and one confidence approach.

    :param approach: the approach's name (the review must have adopted it), or the approach
        itself (the review's adopted copy is used when it has one).
    :raises UnknownReferenceError: for an unknown version, or an approach not adopted.
    :raises ExportError: if the file cannot be written.
    """
    from openpyxl import Workbook

    chosen = _approach(review, approach)
    items = confidence_of_version(review, version_id)
    audit = CellAudit()
    wb = Workbook()
    ws = wb.active
    ws.title = _SHEET
    lists = _write_scales(wb, review, chosen, audit)
    _write_confidence(ws, review, version_id, chosen, items, lists, audit)
    _write_evidence(wb, review, items, audit)
    write_meta(
        wb,
        [
            ("format", CONFIDENCE_FORMAT),
            ("version", _VERSION),
            ("review", review.meta.title),
            ("theory_version", version_id),
            ("approach", chosen.name),
        ],
        audit,
    )
    save_workbook(wb, Path(path))
    return ExportReport(warnings=audit.warnings())


def _write_scales(
    wb: Any, review: Review, chosen: ConfidenceApproach, audit: CellAudit
) -> dict[str, str]:
    """The Scales sheet the drop-downs read: each component's scale, the overall levels and
    the reviewers; the range of each, by component id, :data:`OVERALL` and ``assessor``."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    scales = wb.create_sheet(_SCALES)
    lists: dict[str, str] = {}
    columns = [(c.id, c.scale) for c in chosen.components]
    columns += [(OVERALL, chosen.levels), ("assessor", tuple(review.reviewers))]
    for c, (key, allowed) in enumerate(columns, start=1):
        letter = get_column_letter(c)
        write_cell(scales, 1, c, key, audit).font = Font(bold=True)
        for r, value in enumerate(allowed, start=2):
            write_cell(scales, r, c, value, audit)
        lists[key] = f"='{_SCALES}'!${letter}$2:${letter}${max(len(allowed), 1) + 1}"
        scales.column_dimensions[letter].width = 26
    scales.protection.sheet = True  # the drop-down lists read from it
    _print_landscape(scales)
    return lists


def _overall_asks(chosen: ConfidenceApproach) -> str:
    parts = (
        "Overall confidence in the CMOC, with reference to the components.",
        chosen.guidance,
        "Links: the disconfirming evidence considered.",
    )
    return " ".join(part for part in parts if part)


def _write_confidence(
    ws: Any,
    review: Review,
    version_id: str,
    chosen: ConfidenceApproach,
    items: Sequence[CmocConfidence],
    lists: dict[str, str],
    audit: CellAudit,
) -> None:
    """The Confidence sheet: a row per CMOC and component, an overall row per CMOC."""
    from openpyxl.styles import Font

    for c, title in enumerate(CONFIDENCE_COLUMNS, start=1):
        write_cell(ws, 1, c, title, audit).font = Font(bold=True)
    cells: dict[str, list[str]] = {key: [] for key in lists}
    cells["interpreted"] = []
    row = 1
    for item in items:
        evidence = _evidence_cell(_sources(review, item))
        mine = item.assessment
        if mine is not None and mine.approach != chosen.name:
            mine = None  # assessed with another approach: this workbook starts afresh
        cmoc = item.cmoc
        head = (cmoc.id, cmoc.label or "", cmoc_text(cmoc))
        for component in chosen.components:
            row += 1
            judged = mine.judgement(component.id) if mine else None
            values: tuple[object, ...] = (
                *head,
                component.id,
                f"{component.name}: {component.question}"
                + (f"\n{component.guidance}" if component.guidance else ""),
                evidence,
                judged.judgement if judged else None,
                judged.rationale if judged else None,
                ", ".join(judged.evidence) if judged else None,
                ("yes" if judged.interpreted else "no") if judged else None,
                None,
                check_code(version_id, chosen.name, cmoc.id, component.id),
            )
            _write_row(ws, row, values, audit, editable=_EDITABLE[:4])
            cells[component.id].append(f"{_letter('judgement')}{row}")
            cells["interpreted"].append(f"{_letter('interpreted')}{row}")
        row += 1
        last: tuple[object, ...] = (
            *head,
            OVERALL,
            _overall_asks(chosen),
            evidence,
            mine.level if mine else None,
            mine.rationale if mine else None,
            ", ".join(mine.disconfirming) if mine else None,
            ("yes" if mine.interpreted else "no") if mine else None,
            mine.assessor if mine else None,
            check_code(version_id, chosen.name, cmoc.id, OVERALL),
        )
        _write_row(ws, row, last, audit, editable=_EDITABLE, bold=True)
        for key, column in ((OVERALL, "judgement"), ("assessor", "assessor")):
            cells[key].append(f"{_letter(column)}{row}")
        cells["interpreted"].append(f"{_letter('interpreted')}{row}")
    _add_drop_downs(ws, lists, cells)
    for name, width in _WIDTHS.items():
        ws.column_dimensions[_letter(name)].width = width
    ws.column_dimensions[_letter("check")].hidden = True
    for r in range(2, row + 1):
        fit_row_height(ws, r, max_lines=20)
    ws.freeze_panes = "D2"
    _protect(ws, f"A1:{_letter('assessor')}{max(row, 2)}")
    _print_landscape(ws)


def _add_drop_downs(ws: Any, lists: dict[str, str], cells: dict[str, list[str]]) -> None:
    """One drop-down per list, on every cell that takes a value from it."""
    for key, where in cells.items():
        if not where:
            continue
        if key == "interpreted":
            formula = '"yes,no"'
            message = "yes: the rationale is the assessor's reading, not the authors' words."
        else:
            formula = lists[key]
            what = "an overall level" if key == OVERALL else f"a judgement of {key}"
            if key == "assessor":
                what = "the assessor (a reviewer's initials)"
            message = f"Choose {what} (sheet {_SCALES})."
        add_list_validation(ws, formula, " ".join(where), title=key, message=message)


def _write_evidence(
    wb: Any, review: Review, items: Sequence[CmocConfidence], audit: CellAudit
) -> None:
    """The Evidence sheet: each link of the version's CMOCs, with its id and data appraisal."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = wb.create_sheet(_EVIDENCE, index=1)
    for c, title in enumerate(_EVIDENCE_COLUMNS, start=1):
        write_cell(sheet, 1, c, title, audit).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(c)].width = _EVIDENCE_WIDTHS[c - 1]
    r = 1
    for item in items:
        for link, role, source, what, trust, counted in _sources(review, item):
            r += 1
            for c, value in enumerate(
                (item.cmoc.id, link, role, source, what, trust, "yes" if counted else "no"),
                start=1,
            ):
                cell = write_cell(sheet, r, c, value, audit)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            fit_row_height(sheet, r)
    _protect(sheet, f"A1:G{max(r, 2)}")
    sheet.freeze_panes = "C2"
    _print_landscape(sheet)


def _write_row(
    ws: Any,
    row: int,
    values: tuple[object, ...],
    audit: CellAudit,
    *,
    editable: Sequence[str],
    bold: bool = False,
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    for c, value in enumerate(values, start=1):
        name = CONFIDENCE_COLUMNS[c - 1]
        cell = write_cell(ws, row, c, value, audit)
        if name in editable:
            cell.protection = Protection(locked=False)
            # what a person fills in stands out from what the review shows them
            cell.fill = PatternFill("solid", fgColor="FFF8E1")
        cell.alignment = Alignment(wrap_text=name in _WRAPPED, vertical="top")
        if bold and name in ("component", "judgement"):
            cell.font = Font(bold=True)


def _print_landscape(ws: Any) -> None:
    """Print across one page's width, landscape, the header on every page."""
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _protect(ws: Any, ref: str) -> None:
    ws.protection.sheet = True
    # people may sort, filter and resize; they may not edit what a row is about
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.auto_filter.ref = ref


@frozen
class ConfidenceRows:
    """The assessments a confidence workbook holds (its filled CMOCs), each with the place of
    its overall row."""

    version_id: str
    approach: str
    assessments: tuple[tuple[ConfidenceAssessment, str], ...]


def _error(problems: list[str], where: str) -> DecisionImportError:
    return DecisionImportError(problems, where=where)


def _open(path: Path) -> Any:
    return open_workbook(path, _error)


def workbook_approach(path: str | os.PathLike[str]) -> str | None:
    """The name of the approach a confidence workbook says it uses, or ``None`` when it does
    not say (the import then names what is wrong).

    :raises DecisionImportError: when the file is not a workbook.
    """
    p = Path(path)
    wb = _open(p)
    try:
        values = dict(read_meta(wb) or [])
    except Exception:  # a broken hidden sheet: the import reports it
        return None
    finally:
        wb.close()
    if values.get("format") != CONFIDENCE_FORMAT:
        return None
    return values.get("approach") or None


def _meta(review: Review, wb: Any, where: str) -> dict[str, str]:
    rows = read_meta(wb)
    if rows is None:
        raise DecisionImportError(
            ["no hidden 'realistsynth' sheet: not a realistsynth confidence workbook"],
            where=where,
        )
    values = dict(rows)
    if (
        values.get("format") != CONFIDENCE_FORMAT
        or not values.get("theory_version")
        or not values.get("approach")
    ):
        raise DecisionImportError(
            ["its hidden sheet does not describe a confidence workbook"], where=where
        )
    problem = other_review(rows, review.meta.title)
    if problem is not None:
        raise DecisionImportError([problem], where=where)
    if values["theory_version"] not in review.theory_versions:
        raise DecisionImportError(
            [f"the review has no theory version {values['theory_version']!r}"], where=where
        )
    return values


def read_confidence_workbook(
    review: Review,
    path: str | os.PathLike[str],
    *,
    approach: ConfidenceApproach | None = None,
) -> ConfidenceRows:
    """Read the assessments of a confidence workbook, checking every row.

    :param approach: the workbook's approach, when the review has not adopted it yet.
    :raises DecisionImportError: listing every bad row (and nothing is returned).
    """
    p = Path(path)
    with reading_workbook(p, _error) as wb:
        return _read(review, wb, p, approach)


@frozen
class _Row:
    where: str
    values: dict[str, str]


def _read(review: Review, wb: Any, p: Path, given: ConfidenceApproach | None) -> ConfidenceRows:
    meta = _meta(review, wb, str(p))
    version_id, name = meta["theory_version"], meta["approach"]
    chosen = review.confidence_approaches.get(name)
    if chosen is None and given is not None and given.name == name:
        chosen = given
    if chosen is None:
        raise DecisionImportError(
            [f"the review has adopted no confidence approach {name!r}"], where=str(p)
        )
    if _SHEET not in wb.sheetnames:
        raise DecisionImportError([f"the sheet {_SHEET!r} is missing"], where=str(p))
    in_version = set(review.theory_versions[version_id].cmoc_ids)
    problems: list[str] = []
    by_cmoc: dict[str, dict[str, _Row]] = {}
    spoilt: set[str] = set()
    uncached = uncached_formulas(p)
    for r, raw in bounded_rows(wb[_SHEET], min_row=2):
        where = f"{_SHEET}!{r}"
        cells = [cell_text(v) for v in (*raw, *[None] * len(CONFIDENCE_COLUMNS))]
        row = dict(zip(CONFIDENCE_COLUMNS, cells, strict=False))
        if not any(row.values()):
            continue
        formulas = [n for n in _EDITABLE if (_SHEET, r, _col(n)) in uncached]
        if formulas:
            problems.append(f"{where}: the {formulas[0]} is a formula with no value")
            continue
        cmoc_id, component = row["cmoc"], row["component"]
        if row["check"] != check_code(version_id, name, cmoc_id, component):
            problems.append(
                f"{where}: the row was edited or pasted from elsewhere (its check code does "
                "not match)"
            )
            continue
        if cmoc_id not in in_version:
            problems.append(f"{where}: CMOC {cmoc_id!r} is not in theory version {version_id!r}")
            continue
        rows = by_cmoc.setdefault(cmoc_id, {})
        if component in rows:
            problems.append(f"{where}: a second row for {component} of {cmoc_id} (a copy?)")
            continue
        problem = _row_problem(review, chosen, cmoc_id, component, row)
        if problem:
            problems.append(f"{where}: {problem}")
            spoilt.add(cmoc_id)
        rows[component] = _Row(where, row)
    found = []
    for cmoc_id, rows in by_cmoc.items():
        if cmoc_id not in spoilt:  # a CMOC with a bad row is not judged whole as well
            assessment, missing = _assessment(version_id, chosen, cmoc_id, rows)
            problems.extend(missing)
            if assessment is not None:
                place = rows.get(OVERALL) or next(iter(rows.values()))
                found.append((assessment, place.where))
    if problems:
        raise DecisionImportError(problems, where=str(p))
    return ConfidenceRows(version_id, name, tuple(found))


def _links(text: str) -> list[str]:
    return [part for part in _LINK_SEPARATORS.split(text) if part]


def _row_problem(
    review: Review, chosen: ConfidenceApproach, cmoc_id: str, component: str, row: dict[str, str]
) -> str | None:
    """What is wrong with one row's own values, if anything."""
    if component == OVERALL:
        scale, what = chosen.levels, "the overall level"
    else:
        found = chosen.component(component)
        if found is None:
            return f"{chosen.name} has no component {component!r}"
        scale, what = found.scale, found.name
        if row["assessor"]:
            return "the assessor goes on the CMOC's overall row"
        if row["judgement"] and not row["rationale"]:
            return f"{found.name} needs a rationale for its judgement"
    if row["judgement"] and row["judgement"] not in scale:
        return f"{row['judgement']!r} is not one of {list(scale)} ({what})"
    if not row["judgement"] and (row["rationale"] or row["links"]):
        return f"a rationale or links without a judgement ({what})"
    if row["interpreted"] and row["interpreted"] not in _YES_NO:
        return f"interpreted is {row['interpreted']!r}, not yes or no"
    if row["assessor"] and row["assessor"] not in review.reviewers:
        return f"{row['assessor']!r} is not a reviewer of this review"
    for link_id in _links(row["links"]):
        link = review.evidence.get(link_id)
        if link is None:
            return f"no evidence link {link_id!r}"
        if link.cmoc_id != cmoc_id:
            return f"evidence {link_id!r} is evidence for {link.cmoc_id!r}, not {cmoc_id!r}"
    return None


def _assessment(
    version_id: str, chosen: ConfidenceApproach, cmoc_id: str, rows: dict[str, _Row]
) -> tuple[ConfidenceAssessment | None, list[str]]:
    """The assessment a CMOC's rows make, or the problems that stop it (or neither: a CMOC
    whose editable cells are all empty is not assessed)."""
    if not any(row.values[n] for row in rows.values() for n in _EDITABLE if n != "interpreted"):
        return None, []
    overall = rows.get(OVERALL)
    place = overall.where if overall else next(iter(rows.values())).where
    problems = []
    judged = []
    for component in chosen.components:
        row = rows.get(component.id)
        if row is None:
            problems.append(f"{place}: {cmoc_id} has no row for {component.name}")
        elif not row.values["judgement"]:
            problems.append(
                f"{row.where}: {component.name} is not judged (every component of an "
                "assessed CMOC needs a judgement and a rationale)"
            )
        else:
            judged.append(
                ComponentJudgement(
                    component.id,
                    row.values["judgement"],
                    row.values["rationale"],
                    _links(row.values["links"]),
                    row.values["interpreted"] == "yes",
                )
            )
    if overall is None:
        problems.append(f"{place}: {cmoc_id} has no overall row")
    elif not overall.values["judgement"]:
        problems.append(f"{overall.where}: {cmoc_id} has no overall level")
    if problems or overall is None:
        return None, problems
    values = overall.values
    return (
        ConfidenceAssessment(
            version_id,
            cmoc_id,
            chosen.name,
            judged,
            values["judgement"],
            rationale=values["rationale"] or None,
            disconfirming=_links(values["links"]),
            assessor=values["assessor"] or None,
            interpreted=values["interpreted"] == "yes",
        ),
        [],
    )


def import_confidence_workbook(
    review: Review,
    path: str | os.PathLike[str],
    *,
    approach: ConfidenceApproach | None = None,
) -> int:
    """Read a confidence workbook and record its assessments in ``review``, all or nothing.

    Every assessment is first tried on a copy of the review with
    :meth:`Review.assess_confidence`, so an assessment the review refuses is reported with the
    row of its CMOC's overall level and nothing is recorded.

    :param approach: the workbook's approach, adopted by the review if it has not adopted it
        yet (as ``theory assess`` adopts from the plugins).
    :return: how many assessments were recorded (new or changed).
    :raises DecisionImportError: listing every bad row; the review is unchanged.
    """
    rows = read_confidence_workbook(review, path, approach=approach)
    adopt = rows.approach not in review.confidence_approaches
    trial = Review.from_document(review.to_document(), strict=False)
    if adopt and approach is not None:
        trial.adopt_confidence_approach(approach)
    problems = []
    for assessment, where in rows.assessments:
        try:
            trial.assess_confidence(assessment)
        except RealistsynthError as exc:
            problems.append(f"{where}: {exc}")
    if problems:
        raise DecisionImportError(problems, where=str(path))
    changed = [a for a, _ in rows.assessments if review.confidence_of(a.version_id, a.cmoc_id) != a]
    if changed and adopt and approach is not None:
        review.adopt_confidence_approach(approach)
    for assessment in changed:
        review.assess_confidence(assessment)
    return len(changed)
