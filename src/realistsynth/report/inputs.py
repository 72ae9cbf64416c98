"""Gathering what the RAMESES report includes from the other capabilities.

The report document depends only on the core model; this module is the one place that asks
the other capabilities (flow of records, search appendix and checks, reference list) for their
part, so adding a capability to the report is one change here.
"""

from __future__ import annotations

from realistsynth.model.review import Review
from realistsynth.report.document import Block, BulletList, ReportInputs, Table

__all__ = ["gather_inputs"]


def _flow(review: Review) -> tuple[str | None, Table | None, tuple[Block, ...]]:
    from realistsynth.selection.flow import compute_flow
    from realistsynth.selection.flow_svg import render_flow_svg

    if not review.stages:
        return None, None, ()
    flow = compute_flow(review)
    rows = []
    for stage in flow.stages:
        rows.append(
            (
                stage.name,
                "-" if stage.entered is None else f"{stage.entered:,}",
                "-" if stage.excluded is None else f"{stage.excluded:,}",
                "-" if stage.included is None else f"{stage.included:,}",
            )
        )
    table = Table("Counts at each stage", ("Stage", "Entered", "Excluded", "Included"), tuple(rows))
    findings: tuple[Block, ...] = ()
    if flow.findings:
        findings = (BulletList(tuple(f"{f.where}: {f.message}" for f in flow.findings)),)
    return render_flow_svg(flow), table, findings


def _search(review: Review) -> tuple[Block, ...]:
    from realistsynth.search.checks import check_search
    from realistsynth.search.report import run_rows, strategy_rows

    blocks: list[Block] = []
    rows = strategy_rows(review)
    if rows:
        blocks.append(
            Table(
                "Search strategy",
                ("Section", "Item", "Detail"),
                tuple((r["section"], r["item"], r["detail"]) for r in rows),
            )
        )
    runs = run_rows(review)
    if runs:
        blocks.append(
            Table(
                "Search runs",
                ("Source", "Platform", "Date", "Query as run", "Hits", "Records imported"),
                tuple(
                    (
                        r["source"],
                        r["platform"],
                        r["date"],
                        r["query"],
                        "" if r["hits"] is None else str(r["hits"]),
                        str(r["records_imported"]),
                    )
                    for r in runs
                ),
            )
        )
    findings = check_search(review) if review.strategy or review.sources else []
    if findings:
        blocks.append(
            BulletList(tuple(f"{f.severity.value}: {f.message} ({f.where})" for f in findings))
        )
    return tuple(blocks)


def _references(review: Review, style: str) -> tuple[str, ...]:
    """The included records' reference list (all records before any selection)."""
    from realistsynth.references import format_references

    if not review.records:
        return ()
    ids = set(review.included())
    records = [r for rid, r in review.records.items() if rid in ids]
    return tuple(ref.entry for ref in format_references(records, style, "text").references)


def gather_inputs(review: Review, *, style: str | None = None) -> ReportInputs:
    """Everything the report of ``review`` can include beyond the core model.

    :param style: the citation style of the reference list (a registered style name).
    """
    from realistsynth.report.programme_theory import programme_theory_blocks

    svg, table, findings = _flow(review)
    extra: dict[str, tuple[Block, ...]] = {"flow": findings}
    for key, blocks in programme_theory_blocks(review).items():
        extra[key] = extra.get(key, ()) + blocks
    return ReportInputs(
        flow_svg=svg,
        flow_table=table,
        search_appendix=_search(review),
        references=_references(review, style or "apa"),
        extra=extra,
    )
