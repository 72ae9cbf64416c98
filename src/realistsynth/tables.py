"""A review as named tables of plain rows, for data frames, CSV and other tools.

Builders of dashboards, notebooks and other tools want a review as tables, not as the object
graph: one row per record with its duplicate cluster, per decision, per judgement, per extract,
per CMOC, per evidence link, per mark of the contribution matrix, per refinement outcome, per
stage of the flow. :func:`table` gives each as a list of dicts whose values are plain scalars
(text, numbers, booleans, ``None``): lists are joined with ``"; "``, enums are their values,
dates ISO text, so that every row fits a CSV line and a data-frame row alike.

The tables are those the workbook shows (:mod:`realistsynth.workbook.review_sheets`), with
snake_case keys and ids beside the labels a person reads: the same derivations (cluster ids,
author-year labels, the evidence appraisal behind the matrix's "(x)") so the two never
disagree. The contribution matrix comes *long* (one row per source and CMOC marked), which
pivots into the workbook's wide layout (``df.pivot(index="source", columns="cmoc",
values="mark")``) and keeps one schema across theory versions.

:func:`to_dataframe` needs pandas (``pip install realistsynth[pandas]``); nothing else here
does.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from realistsynth.errors import RealistsynthError
from realistsynth.model.review import Review
from realistsynth.workbook.sheets import SheetContext, SheetData

__all__ = ["TABLES", "Row", "Scalar", "table", "table_names", "to_dataframe"]

#: A cell of a table.
Scalar = str | int | float | bool | None
#: One row of a table, by column key.
Row = dict[str, Scalar]


def _scalar(value: object) -> Scalar:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, enum.Enum):
        return _scalar(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        return "; ".join(str(_scalar(v)) for v in value)
    return str(value)


def _fields(obj: Any) -> Row:
    """Every attrs field of ``obj`` (keys as in the project file), each as a scalar."""
    return {f.name: _scalar(getattr(obj, f.name)) for f in attrs.fields(type(obj))}


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")


def _sheet_rows(sheets: Iterable[SheetData]) -> Iterator[Row]:
    for sheet in sheets:
        keys = [_key(c.title) for c in sheet.columns]
        for row in sheet.rows:
            yield dict(zip(keys, (_scalar(v) for v in row), strict=True))


def _records(review: Review, context: SheetContext) -> list[Row]:
    from realistsynth.workbook.review_sheets import records_sheet

    rows = []
    for row in _sheet_rows(records_sheet(review, context)):
        record_id = str(row["id"])
        rows.append({**row, "cluster_id": review.cluster_id_of(record_id)})
    return rows


def _decisions(review: Review, context: SheetContext) -> list[Row]:
    return [_fields(d) for d in review.decisions]


def _judgements(review: Review, context: SheetContext) -> list[Row]:
    return [_fields(j) for j in review.judgements]


def _extracts(review: Review, context: SheetContext) -> list[Row]:
    from realistsynth.workbook.review_sheets import extracts_sheet

    rows = list(_sheet_rows(extracts_sheet(review)))
    for row, extract in zip(rows, review.extracts.values(), strict=True):
        row["statement"] = extract.statement
        row["tags"] = _scalar(extract.tags)
    return rows


def _cmocs(review: Review, context: SheetContext) -> list[Row]:
    framework = review.framework
    versions = [(v.id, v.cmoc_ids) for v in review.theory_versions.values()]
    placed = {c for _, ids in versions for c in ids}
    loose = tuple(c for c in review.cmocs if c not in placed)
    if loose:
        versions.append((None, loose))  # type: ignore[arg-type]
    rows: list[Row] = []
    for version_id, ids in versions:
        for cmoc_id in ids:
            cmoc = review.cmocs[cmoc_id]
            theme = framework.theme(cmoc.theme_id) if framework and cmoc.theme_id else None
            rows.append(
                {
                    "version_id": version_id,
                    **_fields(cmoc),
                    "theme": theme.name if theme else cmoc.theme_id,
                    "evidence": sum(1 for e in review.evidence.values() if e.cmoc_id == cmoc_id),
                }
            )
    return rows


def _evidence(review: Review, context: SheetContext) -> list[Row]:
    from realistsynth.synthesis.data_appraisal import appraise_evidence
    from realistsynth.workbook.review_sheets import _source_record

    appraisal = appraise_evidence(review)
    return [
        {
            **_fields(link),
            "record_id": _source_record(review, link.target, link.target_id),
            "counted": appraisal[link.id].trust.counts,
        }
        for link in review.evidence.values()
    ]


def _matrix(review: Review, context: SheetContext) -> list[Row]:
    from realistsynth.synthesis.data_appraisal import appraise_evidence
    from realistsynth.workbook.review_sheets import _cmoc_name, _source_record

    labels = context.labels(review)
    appraisal = appraise_evidence(review)
    rows: list[Row] = []
    for version in review.theory_versions.values():
        marks: dict[tuple[str, str], bool] = {}
        for link in review.evidence.values():
            if link.cmoc_id not in version.cmoc_ids:
                continue
            record_id = _source_record(review, link.target, link.target_id)
            if record_id is None or record_id not in review.records:
                continue
            key = (record_id, link.cmoc_id)
            marks[key] = marks.get(key, False) or appraisal[link.id].trust.counts
        order = sorted(marks, key=lambda k: (labels[k[0]].casefold(), k[0], k[1]))
        for record_id, cmoc_id in order:
            counted = marks[(record_id, cmoc_id)]
            rows.append(
                {
                    "version_id": version.id,
                    "record_id": record_id,
                    "source": f"({labels[record_id]})",
                    "cmoc_id": cmoc_id,
                    "cmoc": _cmoc_name(review.cmocs[cmoc_id]),
                    "mark": "x" if counted else "(x)",
                    "counted": counted,
                }
            )
    return rows


def _lineage(review: Review, context: SheetContext) -> list[Row]:
    rows: list[Row] = []
    for refinement in review.refinements:
        for outcome in refinement.outcomes:
            rows.append(
                {
                    "from_version": refinement.from_version,
                    "to_version": refinement.to_version,
                    "cmoc_id": outcome.cmoc_id,
                    "outcome": _scalar(outcome.kind),
                    "targets": _scalar(outcome.targets),
                    "rationale": outcome.rationale,
                }
            )
    return rows


def _flow(review: Review, context: SheetContext) -> list[Row]:
    from realistsynth.workbook.review_sheets import flow_sheet

    return list(_sheet_rows(flow_sheet(review)))


#: name -> builder of every table, in the order the workbook shows them; a builder takes the
#: review and the context the workbook's sheets take (:class:`~realistsynth.workbook.sheets.
#: SheetContext`: its ``labels`` are the author-year labels in the table's style).
TABLES: dict[str, Callable[[Review, SheetContext], list[Row]]] = {
    "records": _records,
    "decisions": _decisions,
    "judgements": _judgements,
    "extracts": _extracts,
    "cmocs": _cmocs,
    "evidence": _evidence,
    "matrix": _matrix,
    "lineage": _lineage,
    "flow": _flow,
}


def table_names() -> tuple[str, ...]:
    """The names :func:`table` accepts."""
    return tuple(TABLES)


def table(review: Review, name: str, *, style: str | None = None) -> list[Row]:
    """The table called ``name`` of ``review``: one plain dict per row.

    :param review: the review.
    :param name: one of :func:`table_names` (``records``, ``decisions``, ``judgements``,
        ``extracts``, ``cmocs``, ``evidence``, ``matrix``, ``lineage``, ``flow``).
    :param style: a citation style: the matrix's author-year labels then take their a/b in
        the order of that style's reference list, as the report and the workbook in that
        style do (default: date, then title).
    :raises RealistsynthError: no table has that name (the message lists them), or the
        style cannot be loaded.
    """
    builder = TABLES.get(name)
    if builder is None:
        raise RealistsynthError(
            f"no table named {name!r} (tables: {', '.join(TABLES)})", where="tables"
        )
    order: tuple[str, ...] = ()
    if style:
        from realistsynth.report.inputs import reference_order

        order = reference_order(review, style)
    return builder(review, SheetContext(reference_order=order))


def to_dataframe(review: Review, name: str, *, style: str | None = None) -> Any:
    """The table called ``name`` as a :class:`pandas.DataFrame` (columns in table order).

    :param review: the review.
    :param name: one of :func:`table_names`.
    :param style: as for :func:`table`.
    :raises ImportError: pandas is not installed (the message says how to install it).
    """
    try:
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:
        raise ImportError(
            "realistsynth.tables.to_dataframe needs pandas: pip install 'realistsynth[pandas]' "
            "(or use realistsynth.tables.table(), which returns plain dicts)"
        ) from exc
    rows = table(review, name, style=style)
    columns = list(rows[0]) if rows else None
    return pd.DataFrame.from_records(rows, columns=columns)
