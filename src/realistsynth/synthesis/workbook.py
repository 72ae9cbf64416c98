"""The synthesis workbook: extracts and CMOCs edited in Excel, applied back all or nothing.

Many realist teams extract and build CMOCs in spreadsheets. The workbook has:

* **Documents**: the included documents (and any other record with extracts), read-only;
* **Extracts**: one row per coding of a passage: the extract (id, document, quoted text,
  page, elements of the heuristic, if-then-because statement, memos, tags) and one evidence
  link (CMOC and role; a row without a CMOC is a passage not yet tied to one). An extract
  linked to two CMOCs has two rows; they must agree on the passage;
* **CMOCs <version>**: one sheet per theory version (id, theme, C, M-Res, M-Rea, O,
  if-then-because statement, narrative, label);
* **Lists**: the review's own ids, feeding the drop-downs (documents, CMOCs, elements, roles,
  themes); and the hidden ``realistsynth`` sheet saying what the workbook is.

Existing rows carry a hidden check code of what they are attached to (extract, document, link,
CMOC; version and CMOC): a row re-pointed at another document or CMOC is refused (add a new
row instead), as are rows pasted between sheets. New rows (no check code) add extracts, links
and CMOCs. Import is all or nothing, lists every bad row by sheet and row, says what changed
(:attr:`SynthesisImportResult.diff`), and re-importing the same workbook changes nothing.
Rows deleted from the workbook are not deleted from the review.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from realistsynth.errors import CodingImportError, RealistsynthError, ReviewError
from realistsynth.model.common import Location
from realistsynth.model.extraction import CodedExtract, Memo
from realistsynth.model.review import Review
from realistsynth.model.theory import CMOC, EvidenceLink, EvidenceRole, EvidenceTarget
from realistsynth.protocols import ExportReport
from realistsynth.workbook.cells import CellAudit
from realistsynth.workbook.editable import (
    add_list_validation,
    bounded_rows,
    cell_text,
    fit_row_height,
    other_review,
    read_meta,
    reading_workbook,
    row_check,
    save_workbook,
    write_cell,
    write_meta,
)

__all__ = [
    "CMOC_COLUMNS",
    "EXTRACT_COLUMNS",
    "WORKBOOK_FORMAT",
    "SynthesisImportResult",
    "export_synthesis_workbook",
    "import_synthesis_workbook",
]

#: Written into the hidden sheet so a synthesis workbook can be recognised.
WORKBOOK_FORMAT = "realistsynth-synthesis-workbook"
_MEMO_SEPARATOR = "\n---\n"

EXTRACT_COLUMNS: tuple[str, ...] = (
    "extract",
    "document",
    "quoted text",
    "page",
    "elements",
    "CMOC",
    "role",
    "if-then-because",
    "memos",
    "tags",
    "link",
    "check",
)
CMOC_COLUMNS: tuple[str, ...] = (
    "id",
    "theme",
    "context (C)",
    "mechanism resource (M-Res)",
    "mechanism reasoning (M-Rea)",
    "outcome (O)",
    "if-then-because statement",
    "narrative",
    "label",
    "check",
)
_CMOC_FIELDS = (
    "id",
    "theme_id",
    "context",
    "mechanism_resource",
    "mechanism_reasoning",
    "outcome",
    "statement",
    "narrative",
    "label",
)
_DOC_COLUMNS = ("id", "citation", "title", "year", "journal", "DOI")
_ROLES = [r.value for r in EvidenceRole]
_WIDE = {
    "quoted text": 60,
    "if-then-because": 40,
    "if-then-because statement": 45,
    "memos": 30,
    "narrative": 60,
}


def _letter(columns: tuple[str, ...], name: str) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(columns.index(name) + 1))


def _extract_check(ex: CodedExtract, link: EvidenceLink | None) -> str:
    if link is None:
        return row_check("extract", ex.id, ex.record_id)
    return row_check("extract", ex.id, ex.record_id, link.id, link.cmoc_id)


def _cmoc_check(version_id: str, cmoc_id: str) -> str:
    return row_check("cmoc", version_id, cmoc_id)


def _documents(review: Review) -> list[str]:
    ids: dict[str, None] = {}
    try:
        for rid in review.included():
            ids.setdefault(rid, None)
    except RealistsynthError:
        pass
    for ex in review.extracts.values():
        ids.setdefault(ex.record_id, None)
    return list(ids)


def _cmoc_sheet_title(version_id: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", f"CMOCs {version_id}")[:31]
    title, n = base, 2
    while title in taken:
        title, n = f"{base[:28]}~{n}", n + 1
    return title


# Complexity (radon 53): writes the workbook's sheets one after another, each a short block
# sharing the styles; splitting it sheet by sheet would lower the figure (left to the
# workbook's owner: issue 21 did not change this module).
def export_synthesis_workbook(
    review: Review, path: str | os.PathLike[str], *, reviewer: str | None = None
) -> ExportReport:
    """Write the synthesis workbook of ``review``.

    :param reviewer: the reviewer the workbook is for (recorded; new memos are theirs).
    :raises UnknownReferenceError: an unknown reviewer.
    :raises ExportError: the file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    from realistsynth.errors import UnknownReferenceError

    if reviewer is not None and reviewer not in review.reviewers:
        raise UnknownReferenceError(f"no reviewer {reviewer!r}", where=f"reviewers/{reviewer}")
    audit = CellAudit()
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    wrap = Alignment(wrap_text=True, vertical="top")

    def header(ws: Any, columns: tuple[str, ...]) -> None:
        for c, name in enumerate(columns, start=1):
            cell = write_cell(ws, 1, c, name, audit)
            cell.font = bold
            cell.fill = head_fill
        ws.freeze_panes = "B2"

    # -- Documents
    docs = _documents(review)
    ws = wb.create_sheet("Documents")
    header(ws, _DOC_COLUMNS)
    for r, rid in enumerate(docs, start=2):
        rec = review.records[rid]
        doc_values = [
            rid,
            rec.label(),
            rec.title or "",
            rec.year,
            rec.container_title or "",
            rec.doi,
        ]
        for c, value in enumerate(doc_values, start=1):
            write_cell(ws, r, c, value, audit).alignment = wrap
    for letter, width in zip("ABCDEF", (22, 24, 70, 7, 30, 26), strict=True):
        ws.column_dimensions[letter].width = width
    for r in range(2, len(docs) + 2):
        fit_row_height(ws, r)
    ws.protection.sheet = True

    # -- Lists (drop-down sources)
    lists = wb.create_sheet("Lists")
    heuristic = review.heuristic
    elements = [c.code for c in heuristic.codes] if heuristic else []
    themes = [t.id for t in review.framework.themes] if review.framework else []
    columns: dict[str, list[str]] = {
        "documents": docs,
        "CMOCs": list(review.cmocs),
        "elements": elements,
        "roles": _ROLES,
        "themes": themes,
    }
    ranges: dict[str, str] = {}
    for c, (name, items) in enumerate(columns.items(), start=1):
        write_cell(lists, 1, c, name, audit).font = bold
        for r, item in enumerate(items, start=2):
            write_cell(lists, r, c, item, audit)
        letter = "ABCDE"[c - 1]
        ranges[name] = f"=Lists!${letter}$2:${letter}${max(len(items), 1) + 1}"
        lists.column_dimensions[letter].width = 22

    # -- Extracts
    ws = wb.create_sheet("Extracts", index=1)
    header(ws, EXTRACT_COLUMNS)
    row = 1
    for ex in review.extracts.values():
        links: list[EvidenceLink | None] = [
            e
            for e in review.evidence.values()
            if e.target is EvidenceTarget.EXTRACT and e.target_id == ex.id
        ]
        for link in links or [None]:
            row += 1
            row_values = [
                ex.id,
                ex.record_id,
                ex.text,
                ex.location.page if ex.location else None,
                "; ".join(ex.codes),
                link.cmoc_id if link else None,
                link.role.value if link else None,
                ex.statement,
                _MEMO_SEPARATOR.join(m.text for m in ex.memos),
                "; ".join(ex.tags),
                link.id if link else None,
                _extract_check(ex, link),
            ]
            for c, value in enumerate(row_values, start=1):
                cell = write_cell(ws, row, c, value, audit)
                cell.alignment = wrap
                if EXTRACT_COLUMNS[c - 1] not in ("extract", "link", "check"):
                    cell.protection = Protection(locked=False)
    last = row + 200  # room for new rows, with the drop-downs
    for r in range(row + 1, last + 1):
        for c in range(1, len(EXTRACT_COLUMNS)):
            ws.cell(row=r, column=c).protection = Protection(locked=False)

    def col(name: str) -> str:
        return _letter(EXTRACT_COLUMNS, name)

    add_list_validation(
        ws,
        ranges["documents"],
        f"{col('document')}2:{col('document')}{last}",
        title="Document",
        message="Choose a document id (sheet Documents).",
    )
    add_list_validation(
        ws,
        ranges["CMOCs"],
        f"{col('CMOC')}2:{col('CMOC')}{last}",
        title="CMOC",
        message="Choose a CMOC id (sheet Lists).",
    )
    add_list_validation(
        ws,
        '"' + ",".join(_ROLES) + '"',
        f"{col('role')}2:{col('role')}{last}",
        title="Role",
        message="Choose supports, refutes, refines or contextualises.",
    )
    if elements:
        add_list_validation(
            ws,
            ranges["elements"],
            f"{col('elements')}2:{col('elements')}{last}",
            title="Element",
            message="An element of the heuristic; type several separated by ';'.",
            strict=False,
        )
    widths = {"extract": 14, "document": 18, "page": 6, "elements": 12, "CMOC": 14, "role": 13}
    for name in EXTRACT_COLUMNS:
        ws.column_dimensions[col(name)].width = _WIDE.get(name, widths.get(name, 14))
    ws.column_dimensions[col("check")].hidden = True
    for r in range(2, row + 1):
        fit_row_height(ws, r)
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.auto_filter.ref = f"A1:{col('link')}{max(row, 2)}"

    # -- CMOCs, one sheet per theory version (CMOCs in no version get their own sheet)
    meta_rows: list[tuple[str, str]] = [
        ("format", WORKBOOK_FORMAT),
        ("version", "1"),
        ("review", review.meta.title),
        ("reviewer", reviewer or ""),
    ]
    groups = [(v.id, list(v.cmoc_ids)) for v in review.theory_versions.values()]
    placed = {cid for _, ids in groups for cid in ids}
    loose = [cid for cid in review.cmocs if cid not in placed]
    if loose or not groups:
        groups.append(("", loose))
    taken = set(wb.sheetnames)

    def ccol(name: str) -> str:
        return _letter(CMOC_COLUMNS, name)

    for index, (version_id, ids) in enumerate(groups):
        title = _cmoc_sheet_title(version_id or "unplaced", taken)
        taken.add(title)
        ws = wb.create_sheet(title, index=2 + index)
        meta_rows.append(("cmoc-sheet", f"{title}\t{version_id}"))
        header(ws, CMOC_COLUMNS)
        for r, cid in enumerate(ids, start=2):
            cmoc = review.cmocs[cid]
            cmoc_values = [
                *(getattr(cmoc, f) for f in _CMOC_FIELDS),
                _cmoc_check(version_id, cid),
            ]
            for k, value in enumerate(cmoc_values, start=1):
                cell = write_cell(ws, r, k, value, audit)
                cell.alignment = wrap
                if 1 < k < len(CMOC_COLUMNS):
                    cell.protection = Protection(locked=False)
        cmoc_last = len(ids) + 101
        for r in range(len(ids) + 2, cmoc_last + 1):
            for k in range(1, len(CMOC_COLUMNS)):
                ws.cell(row=r, column=k).protection = Protection(locked=False)
        if themes:
            add_list_validation(
                ws,
                ranges["themes"],
                f"{ccol('theme')}2:{ccol('theme')}{cmoc_last}",
                title="Theme",
                message="Choose a theme of the organising framework.",
            )
        for name in CMOC_COLUMNS:
            ws.column_dimensions[ccol(name)].width = _WIDE.get(name, 30)
        ws.column_dimensions[ccol("id")].width = 16
        ws.column_dimensions[ccol("theme")].width = 18
        ws.column_dimensions[ccol("check")].hidden = True
        for r in range(2, len(ids) + 2):
            fit_row_height(ws, r)
        ws.protection.sheet = True
    write_meta(wb, meta_rows, audit)
    for sheet in wb.worksheets:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    save_workbook(wb, Path(path))
    return ExportReport(warnings=audit.warnings())


# ---------------------------------------------------------------------- import


@frozen
class SynthesisImportResult:
    """What an import changed: counts, and a line per change."""

    extracts_added: int
    extracts_changed: int
    links_added: int
    links_changed: int
    cmocs_added: int
    cmocs_changed: int
    unchanged_rows: int
    diff: tuple[str, ...]

    @property
    def changed(self) -> bool:
        """Whether anything was applied."""
        return bool(self.diff)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for ``--json``)."""
        return {
            "extracts_added": self.extracts_added,
            "extracts_changed": self.extracts_changed,
            "links_added": self.links_added,
            "links_changed": self.links_changed,
            "cmocs_added": self.cmocs_added,
            "cmocs_changed": self.cmocs_changed,
            "unchanged_rows": self.unchanged_rows,
            "diff": list(self.diff),
        }


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,\n]", text) if p.strip()]


def _fields_diff(what: str, old: Any, new: Any, names: tuple[str, ...]) -> list[str]:
    out = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(f"{what}: {name} {_short(a)} -> {_short(b)}")
    return out


def _short(value: Any) -> str:
    if isinstance(value, tuple):
        value = "; ".join(m.text if isinstance(m, Memo) else str(m) for m in value)
    text = "(empty)" if value in (None, "") else str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


class _Rows:
    def __init__(self, review: Review, reviewer: str | None) -> None:
        self.review = review
        self.trial = Review.from_document(review.to_document(), strict=False)
        self.reviewer = reviewer
        self.problems: list[str] = []
        self.ops: list[Callable[[Review], None]] = []
        self.diff: list[str] = []
        self.counts = dict.fromkeys(("ex+", "ex~", "ln+", "ln~", "c+", "c~", "same"), 0)

    def do(self, where: str, op: Callable[[Review], None]) -> bool:
        try:
            op(self.trial)
        except (ReviewError, ValueError) as exc:
            self.problems.append(f"{where}: {exc}")
            return False
        self.ops.append(op)
        return True

    # ------------------------------------------------------------------ CMOCs

    def cmoc_row(self, where: str, version_id: str, cells: dict[str, str]) -> None:
        cid = cells["id"]
        values: dict[str, Any] = {
            f: (cells[col] or None)
            for f, col in zip(_CMOC_FIELDS[1:], CMOC_COLUMNS[1:-1], strict=True)
        }
        existing = self.trial.cmocs.get(cid)
        if cells["check"]:
            if cells["check"] != _cmoc_check(version_id, cid):
                self.problems.append(
                    f"{where}: the id {cid!r} was altered or the row comes from another sheet "
                    "(its check code does not match); add a new row instead"
                )
                return
            assert existing is not None or cid not in self.review.cmocs
            if existing is None:
                self.problems.append(f"{where}: the review has no CMOC {cid!r}")
                return
            try:
                new = attrs.evolve(existing, **values)
            except ValueError as exc:
                self.problems.append(f"{where}: {exc}")
                return
            if new == existing:
                self.counts["same"] += 1
                return
            if self.do(where, partial(Review.add_cmoc, cmoc=new, replace=True)):
                self.counts["c~"] += 1
                self.diff += _fields_diff(f"CMOC {cid}", existing, new, _CMOC_FIELDS[1:])
            return
        if existing is not None:
            self.problems.append(
                f"{where}: CMOC {cid!r} exists already; edit its row instead of adding one"
            )
            return
        try:
            new = CMOC(cid, **values)
        except (ValueError, TypeError) as exc:
            self.problems.append(f"{where}: {exc}")
            return
        if self.do(where, partial(Review.add_cmoc, cmoc=new)):
            self.counts["c+"] += 1
            self.diff.append(f"CMOC {cid}: new")
            version = self.trial.theory_versions.get(version_id) if version_id else None
            if version is not None:
                revised = attrs.evolve(version, cmoc_ids=(*version.cmoc_ids, cid))
                self.do(where, partial(Review.replace_theory_version, version=revised))
                self.diff.append(f"theory version {version_id}: holds {cid}")

    # ------------------------------------------------------------------ extracts

    def extract_rows(self, rows: list[tuple[str, dict[str, str]]]) -> None:
        groups: dict[str, list[tuple[str, dict[str, str]]]] = {}
        taken = set(self.trial.extracts)
        for where, cells in rows:
            eid = cells["extract"]
            if not eid:
                eid = _next_id("ex", taken)
                taken.add(eid)
                cells = {**cells, "extract": eid}
            groups.setdefault(eid, []).append((where, cells))
        for eid, group in groups.items():
            self.extract_group(eid, group)

    # Complexity (radon 36): checks one extract's rows for each way a row can be edited out of
    # step (re-pointed, emptied, duplicated), one problem message per way.
    def extract_group(self, eid: str, group: list[tuple[str, dict[str, str]]]) -> None:
        where, first = group[0]
        existing = self.trial.extracts.get(eid)
        for w, cells in group:
            if not cells["check"]:
                continue
            parts = [eid, cells["document"]]
            if cells["link"]:
                parts += [cells["link"], cells["CMOC"]]
            if existing is None or cells["check"] != row_check("extract", *parts):
                self.problems.append(
                    f"{w}: the row was re-pointed (its extract, document, link or CMOC no "
                    "longer matches its check code); add a new row instead"
                )
                return
        # the rows of one extract agree on the passage; when the team edited only one of its
        # rows, that row's change counts (changed rows must agree among themselves)
        first = dict(first)
        current = _extract_cells(existing) if existing is not None else {}
        for column in _PASSAGE_COLUMNS:
            values = {cells[column] for _, cells in group}
            if len(values) > 1:
                values.discard(current.get(column, ""))
            if len(values) > 1:
                self.problems.append(
                    f"{where}: the rows of extract {eid!r} give different {column} values "
                    f"({', '.join(sorted(repr(v[:30]) for v in values))}); make them agree"
                )
                return
            first[column] = values.pop() if values else current.get(column, "")
        memo_texts = [m for m in first["memos"].split(_MEMO_SEPARATOR.strip()) if m.strip()]
        memo_texts = [m.strip("\n") for m in memo_texts]
        old_memos = {m.text: m for m in existing.memos} if existing else {}
        memos = tuple(old_memos.get(t) or Memo(t, author=self.reviewer) for t in memo_texts)
        fields: dict[str, Any] = {
            "record_id": first["document"],
            "text": first["quoted text"],
            "codes": tuple(_split(first["elements"])),
            "statement": first["if-then-because"] or None,
            "memos": memos,
            "tags": tuple(_split(first["tags"])),
        }
        page = first["page"] or None
        try:
            if existing is None:
                location = Location(page=page) if page else None
                new = CodedExtract(eid, location=location, coder=self.reviewer, **fields)
            else:
                if existing.record_id != fields["record_id"]:
                    self.problems.append(
                        f"{where}: extract {eid!r} is of {existing.record_id!r}; a row may not "
                        "move it to another document"
                    )
                    return
                location = existing.location
                if (location.page if location else None) != page:
                    location = attrs.evolve(location or Location(), page=page)
                if existing.span is not None and fields["text"] != existing.text:
                    self.problems.append(
                        f"{where}: extract {eid!r} quotes its source text at fixed offsets; "
                        "its quoted text cannot be edited here (recode it in the source)"
                    )
                    return
                new = attrs.evolve(existing, location=location, **fields)
        except (ValueError, TypeError) as exc:
            self.problems.append(f"{where}: {exc}")
            return
        if existing is None:
            if self.do(where, partial(Review.add_extract, extract=new)):
                self.counts["ex+"] += 1
                self.diff.append(f"extract {eid}: new, of {new.record_id}")
        elif new != existing:
            if self.do(where, partial(Review.add_extract, extract=new, replace=True)):
                self.counts["ex~"] += 1
                self.diff += _fields_diff(
                    f"extract {eid}",
                    existing,
                    new,
                    ("text", "codes", "statement", "memos", "tags", "location"),
                )
        else:
            self.counts["same"] += 1
        for w, cells in group:
            self.link_row(w, eid, cells)

    def link_row(self, where: str, eid: str, cells: dict[str, str]) -> None:
        cmoc_id, role_text = cells["CMOC"], cells["role"] or "supports"
        if role_text not in _ROLES:
            self.problems.append(f"{where}: role {role_text!r} is not one of {_ROLES}")
            return
        role = EvidenceRole(role_text)
        link_id = cells["link"]
        existing = self.trial.evidence.get(link_id) if link_id else None
        if not cmoc_id:
            if existing is not None:
                self.problems.append(
                    f"{where}: the CMOC of link {link_id!r} was cleared; links are not removed "
                    "from a workbook"
                )
            return
        if existing is not None:
            if existing.role is role:
                return
            new = attrs.evolve(existing, role=role)
            if self.do(where, partial(Review.add_evidence, link=new, replace=True)):
                self.counts["ln~"] += 1
                self.diff.append(
                    f"link {link_id}: {eid} {existing.role.value} -> {role.value} {cmoc_id}"
                )
            return
        new_id = link_id or _next_id("ev", set(self.trial.evidence))
        link = EvidenceLink(new_id, cmoc_id, EvidenceTarget.EXTRACT, eid, role)
        if self.do(where, partial(Review.add_evidence, link=link)):
            self.counts["ln+"] += 1
            self.diff.append(f"link {new_id}: {eid} {role.value} {cmoc_id}")


_PASSAGE_COLUMNS = (
    "document",
    "quoted text",
    "page",
    "elements",
    "if-then-because",
    "memos",
    "tags",
)


def _extract_cells(ex: CodedExtract) -> dict[str, str]:
    """What the export writes for an extract, as the importer reads it back."""
    values = {
        "document": ex.record_id,
        "quoted text": ex.text,
        "page": (ex.location.page if ex.location else None) or "",
        "elements": "; ".join(ex.codes),
        "if-then-because": ex.statement or "",
        "memos": _MEMO_SEPARATOR.join(m.text for m in ex.memos),
        "tags": "; ".join(ex.tags),
    }
    return {k: cell_text(v) for k, v in values.items()}


def _next_id(prefix: str, taken: set[str]) -> str:
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


def _sheet_rows(
    wb: Any, title: str, columns: tuple[str, ...], problems: list[str]
) -> list[tuple[str, dict[str, str]]]:
    ws = wb[title]
    rows = bounded_rows(ws)
    head = [cell_text(v) for v in next(rows, (1, ()))[1]]
    if tuple(head[: len(columns)]) != columns:
        problems.append(f"sheet {title!r}: the header row was changed")
        return []
    out = []
    for n, values in rows:
        cells = {
            name: cell_text(values[i]) if i < len(values) else "" for i, name in enumerate(columns)
        }
        if any(cells.values()):
            out.append((f"sheet {title}, row {n}", cells))
    return out


def import_synthesis_workbook(
    review: Review,
    path: str | os.PathLike[str],
    *,
    reviewer: str | None = None,
    dry_run: bool = False,
) -> SynthesisImportResult:
    """Apply the new and changed rows of a synthesis workbook to ``review``, all or nothing.

    :param reviewer: who edited it (the coder of new extracts, the author of new memos);
        default: the reviewer the workbook was written for.
    :param dry_run: check and report the diff, change nothing.
    :raises CodingImportError: listing every bad row; the review is unchanged.
    """
    p = Path(path)

    def error(problems: list[str], where: str) -> CodingImportError:
        return CodingImportError(problems, where=where)

    with reading_workbook(p, error) as wb:
        meta = read_meta(wb)
        info = dict(meta or [])
        if info.get("format") != WORKBOOK_FORMAT:
            raise CodingImportError(
                ["not a realistsynth synthesis workbook (no hidden sheet saying so)"],
                where=str(p),
            )
        problem = other_review(meta, review.meta.title)
        if problem is not None:
            raise CodingImportError([problem], where=str(p))
        who = reviewer or info.get("reviewer") or None
        if who is not None and who not in review.reviewers:
            raise CodingImportError([f"{who!r} is not a reviewer of this review"], where=str(p))
        job = _Rows(review, who)
        problems: list[str] = []
        cmoc_sheets = [v.split("\t", 1) for k, v in meta or [] if k == "cmoc-sheet" and "\t" in v]
        for title, version_id in cmoc_sheets:
            if title not in wb.sheetnames:
                problems.append(f"sheet {title!r} is missing")
                continue
            for where, cells in _sheet_rows(wb, title, CMOC_COLUMNS, problems):
                if not cells["id"]:
                    problems.append(f"{where}: a CMOC without an id")
                    continue
                job.cmoc_row(where, version_id, cells)
        if "Extracts" not in wb.sheetnames:
            problems.append("sheet 'Extracts' is missing")
        else:
            rows = _sheet_rows(wb, "Extracts", EXTRACT_COLUMNS, problems)
            job.extract_rows(rows)
    problems += job.problems
    if problems:
        raise CodingImportError(problems, where=str(p))
    if not dry_run:
        for op in job.ops:
            op(review)
    c = job.counts
    return SynthesisImportResult(
        c["ex+"], c["ex~"], c["ln+"], c["ln~"], c["c+"], c["c~"], c["same"], tuple(job.diff)
    )
