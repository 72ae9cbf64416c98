"""Gathering what the RAMESES report includes from the other capabilities.

The report document depends only on the core model; this module is the one place that asks
the other capabilities (flow of records, search appendix and checks, reference list) for their
part, so adding a capability to the report is one change here.
"""

from __future__ import annotations

from realistsynth.model.review import Review
from realistsynth.report.document import Block, BulletList, ReportInputs, Table

__all__ = ["gather_inputs", "reference_order"]


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
    other = flow.other_methods
    if other is not None:
        for stage in other.stages:
            rows.append(
                (
                    f"{stage.name} (other methods: {other.identified:,} identified)",
                    "-" if stage.entered is None else f"{stage.entered:,}",
                    "-" if stage.excluded is None else f"{stage.excluded:,}",
                    "-" if stage.included is None else f"{stage.included:,}",
                )
            )
    gleaning = flow.theory_gleaning
    documents = gleaning.declared_documents or gleaning.total_documents
    informants = gleaning.declared_informants or gleaning.informants
    if documents or informants:
        rows.append(
            (
                f"Theory gleaning (not screened): {documents:,} documents, "
                f"{informants:,} key informants",
                "-",
                "-",
                "-",
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


def _methods_citations(review: Review) -> list[str]:
    """The works behind the methods the review adopted (its configuration heuristic, criteria
    sets and organising framework), as their plugins cite them."""
    cited = [review.heuristic.citation if review.heuristic else None]
    cited.extend(cs.citation for cs in review.criteria_sets.values())
    cited.append(review.framework.citation if review.framework else None)
    return list(dict.fromkeys(c.strip() for c in cited if c and c.strip()))


def _references(
    review: Review, style: str
) -> tuple[tuple[str, ...], dict[str, str], tuple[str, ...]]:
    """The report's reference list and each listed record's in-text citation: every work the
    report cites (:data:`~realistsynth.exporting.RecordSelection.CITED`: the included
    documents, the theory-gleaning documents, works cited by ``[@key]`` in narratives and
    notes), and the works behind the adopted methods (Dalkin et al. 2015 for the C / M-Res /
    M-Rea / O heuristic, Dada et al. 2023 for the appraisal criteria) unless a listed record
    is the same work (the same DOI). Last, the listed records' ids in the list's order."""
    from realistsynth.exporting import RecordSelection, select_records
    from realistsynth.references import format_references

    if not review.records:
        return tuple(_methods_citations(review)), {}, ()
    records = select_records(review, RecordSelection.CITED)
    bibliography = format_references(records, style, "text")
    entries = [ref.entry for ref in bibliography.references]
    dois = {r.doi.casefold() for r in records if r.doi}
    extra = [c for c in _methods_citations(review) if not any(d in c.casefold() for d in dois)]
    numbered = bool(entries) and entries[0][:1] in "[0123456789"
    for citation in extra:
        # in an author-date list a methods work takes its alphabetical place; a numbered
        # list's numbers are the style's, so they go last
        at = len(entries)
        if not numbered:
            at = next((i for i, e in enumerate(entries) if e.casefold() > citation.casefold()), at)
        entries.insert(at, citation)
    citations = {ref.record_id: ref.citation for ref in bibliography.references}
    order = tuple(ref.record_id for ref in bibliography.references)
    return tuple(entries), citations, order


def reference_order(review: Review, style: str) -> tuple[str, ...]:
    """The ids of the records the report of ``review`` lists, in the order of its reference
    list under ``style`` (a registered style name or a ``.csl`` path): what tells two works of
    one author and year apart as ``2022a``, ``2022b``
    (:func:`realistsynth.model.labels.author_year_labels`), so that a workbook or a table
    written with the same style labels every source as the report does.

    :raises RealistsynthError: ``style`` is not a style that can be loaded.
    """
    return _references(review, style)[2]


def gather_inputs(review: Review, *, style: str | None = None) -> ReportInputs:
    """Everything the report of ``review`` can include beyond the core model.

    :param style: the citation style of the reference list (a registered style name).
    """
    from realistsynth.report.programme_theory import programme_theory_blocks

    svg, table, findings = _flow(review)
    extra: dict[str, tuple[Block, ...]] = {"flow": findings}
    for key, blocks in programme_theory_blocks(review).items():
        extra[key] = extra.get(key, ()) + blocks
    references, citations, order = _references(review, style or "apa")
    return ReportInputs(
        flow_svg=svg,
        flow_table=table,
        search_appendix=_search(review),
        references=references,
        citations=citations,
        reference_order=order,
        extra=extra,
    )
