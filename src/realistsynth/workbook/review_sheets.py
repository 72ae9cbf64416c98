"""The built-in workbook sheets that need only the core model.

Each builder turns one part of a review into plain tables
(:class:`~realistsynth.workbook.sheets.SheetData`):
search strategy and runs, records, the screening log, appraisal judgements, study
characteristics, extracts, quotations, CMOC tables per theory version, refinement outcomes
and the contribution matrix (laid out like the worked example's Supplementary File 1).
Large tables are generators, so a 100,000-record screening log is never held twice.
Derived values (a record's status at a stage, conflicts) are computed here from the review,
never read from a stored copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from realistsynth.exporting import (
    CONTROL_CHARACTERS,
    RecordSelection,
    WriterCapacity,
    select_records,
)
from realistsynth.model.appraisal import Judgement, JudgementTarget
from realistsynth.model.screening import ResolutionMethod, StageKind, StageStatus, Verdict
from realistsynth.model.search import SearchRun
from realistsynth.model.theory import CMOC, EvidenceTarget
from realistsynth.search.checks import records_per_run
from realistsynth.synthesis.confidence import confidence_levels
from realistsynth.synthesis.data_appraisal import DataAppraisal, appraise_evidence
from realistsynth.synthesis.queries import MATRIX_CAPTION
from realistsynth.workbook.sheets import (
    CellValue,
    Column,
    SheetContext,
    SheetData,
    SheetRegistry,
    SheetSpec,
)

if TYPE_CHECKING:
    from realistsynth.model.review import Review

__all__ = ["RECORDS_SHEET_CAPACITY", "default_sheets", "sheet_title"]

#: What the Records sheet holds, read back by the xlsx importer (its ``Id`` column reads back
#: as the source's record id, the year alone of the date).
RECORDS_SHEET_CAPACITY = WriterCapacity(
    "xlsx",
    "xlsx",
    frozenset(
        [
            "type",
            "title",
            "authors",
            "year",
            "container_title",
            "volume",
            "issue",
            "pages",
            "doi",
            "url",
            "publisher",
            "abstract",
        ]
    ),
    left_out=CONTROL_CHARACTERS - {"\x7f"},  # XML holds DEL
    options={"sheets": ["records"]},
    limits="the columns it has not (editors, month and day, short title, PMID, PMCID, ISSN, "
    "ISBN, place, edition, number, keywords, language, note, `extra`: the sheet is for "
    "people, the other writers move records); a person with no given name whose family "
    "name has several words",
)

Row = Sequence[CellValue]

#: long data sheets (records, screening log) get fitted row heights up to this many rows
FIT_ROWS_UP_TO = 5000


def sheet_title(text: str) -> str:
    """A valid Excel sheet title: no ``[]:*?/\\``, at most 31 characters; a longer one is cut
    at a word and ends with "…", so that a reader sees that it was cut.

    >>> sheet_title("CMOCs Initial rough programme theory")
    'CMOCs Initial rough programme…'
    """
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip() or "Sheet"
    cleaned = " ".join(cleaned.split())
    if len(cleaned) <= 31:
        return cleaned
    cut = cleaned[:30]
    if " " in cut and cleaned[30] != " ":
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def version_name(review: Review, version_id: str) -> str:
    """The name people gave a theory version (its id if it has none, or no such version)."""
    version = review.theory_versions.get(version_id)
    return version.name if version is not None else version_id


def _purpose(run: SearchRun) -> str | None:
    """A run's purpose and what it serves, as one cell (iterative searching, RAMESES 8)."""
    if run.purpose is None:
        return None
    links = [*run.purpose.cmoc_ids, *run.purpose.theme_ids, *run.purpose.theory_ids]
    return run.purpose.text + (f" (for {', '.join(links)})" if links else "")


def _join(values: Iterable[str]) -> str:
    return "; ".join(v for v in values if v)


# ---------------------------------------------------------------- search


def search_sheets(review: Review) -> Iterator[SheetData]:
    """The strategy as key/value rows, then one row per search run."""
    strategy = review.strategy
    rows: list[Row] = []
    if strategy is not None:
        if strategy.window is not None:
            rows.append(
                ("Search dates", f"{strategy.window.start or ''} – {strategy.window.end or ''}")
            )
        if strategy.query:
            rows.append(("Query", strategy.query))
        for block in strategy.concept_blocks:
            rows.append((f"Concept: {block.name}", block.query))
        for limiter in strategy.limiters:
            rows.append((f"Limiter ({limiter.kind.value})", limiter.value))
        pub = strategy.publication_range
        if pub is not None:
            text = f"{pub.start or ''} – {pub.end or ''}"
            rows.append(("Publication dates", f"{text} ({pub.note})" if pub.note else text))
        if strategy.note:
            rows.append(("Note", strategy.note))
    for source in review.sources.values():
        rows.append(
            (
                f"Source ({source.kind.value})",
                _join([source.name, source.platform or "", source.url or ""]),
            )
        )
    yield SheetData(
        "Search strategy",
        [Column("Item", 28), Column("Value", 100, wrap=True)],
        rows,
        fit_rows=True,
    )
    # counted as the search checks and the report's run table count them
    imported = records_per_run(review)
    runs = [
        (
            run.id,
            review.sources[run.source_id].name
            if run.source_id in review.sources
            else run.source_id,
            run.date.isoformat() if run.date else None,
            run.platform,
            run.query,
            run.hits,
            imported[run.id],
            _join(run.files),
            run.note,
            run.round,
            _purpose(run),
            _join(run.seeds),
            run.direction.value if run.direction else None,
        )
        for run in review.search_runs.values()
    ]
    yield SheetData(
        "Search runs",
        [
            Column("Run", 14),
            Column("Source", 24),
            Column("Date", 12),
            Column("Platform", 16),
            Column("Query as run", 60, wrap=True),
            Column("Hits reported", 12),
            Column("Records imported", 12),
            Column("Files", 24, wrap=True),
            Column("Note", 40, wrap=True),
            Column("Round", 8),
            Column("Purpose", 40, wrap=True),
            Column("Seeds", 24, wrap=True),
            Column("Direction", 12),
        ],
        runs,
        fit_rows=True,
    )


# ---------------------------------------------------------------- records


def records_sheet(review: Review, context: SheetContext | None = None) -> Iterator[SheetData]:
    """One row per record with its bibliographic fields and where it came from; a record that
    is a duplicate of another names that one (its cluster's canonical record) in *Duplicate
    of*. By default every finding (the sheet is the audit trail of what was imported); the
    context's record selection (the shared ``records`` option) may ask for fewer."""
    selection = RecordSelection.ALL
    if context is not None and context.records is not None:
        selection = context.records
    records = select_records(review, selection)

    def rows() -> Iterator[Row]:
        for r in records:
            cluster = review.cluster_id_of(r.id)
            yield (
                r.id,
                cluster if cluster != r.id else None,
                r.type,
                # an organisation in braces reads back as one name ("and" inside it included)
                _join(
                    f"{{{a.literal}}}" if a.literal is not None else a.display() for a in r.authors
                ),
                r.year,
                r.title,
                r.container_title,
                r.volume,
                r.issue,
                r.pages,
                r.doi,
                r.url,
                r.publisher,
                _join(sorted({p.source_id or p.file or "" for p in r.provenance})),
                r.abstract,
            )

    yield SheetData(
        "Records",
        [
            Column("Id", 18),
            Column("Duplicate of", 16),
            Column("Type", 14),
            Column("Authors", 40, wrap=True),
            Column("Year", 7),
            Column("Title", 60, wrap=True),
            Column("Journal / container", 30, wrap=True),
            Column("Volume", 8),
            Column("Issue", 7),
            Column("Pages", 10),
            Column("DOI", 28),
            Column("URL", 28),
            Column("Publisher", 20),
            Column("Sources", 20),
            # not wrapped: a wrapped abstract makes every row a page tall; the cell keeps
            # the whole text, and the printout shows its start
            Column("Abstract", 80),
        ],
        rows(),
        # rows as tall as their wrapped titles and authors (LibreOffice overlaps the lines of a
        # row without a height); beyond a few thousand rows the cost outweighs it
        fit_rows=len(records) <= FIT_ROWS_UP_TO,
        empty=f"No records: the selection records={selection.value} holds none.",
    )


# ---------------------------------------------------------------- screening


def screening_sheets(review: Review) -> Iterator[SheetData]:
    """The screening log: per record and record-level stage reached, every decision, the
    resolution and the derived status; then the unresolved conflicts."""
    stages = [s for s in review.stages.values() if s.kind is StageKind.RECORDS]
    # the conflicts table reuses what the log found when the log was written first (as the
    # workbook writer does); read on its own, it computes them itself
    found: list[Row] = []
    log_done = False

    # this generator runs once per record and stage (100,000s of times): enum values are
    # looked up in plain dicts and the joins skipped when there is nothing to join
    verdict_text = {v: v.value for v in Verdict}
    status_text = {v: v.value for v in StageStatus}
    method_text = {m: m.value for m in ResolutionMethod}
    decisions_on, resolution_on = review.decisions_on, review.resolution_on
    reached, status_of = review.reached, review.status

    def log() -> Iterator[Row]:
        nonlocal log_done
        for record in review.records.values():
            rid = record.id
            for stage in stages:
                sid = stage.id
                decisions = decisions_on(sid, rid)
                resolution = resolution_on(sid, rid)
                if not decisions and resolution is None and not reached(sid, rid):
                    continue
                status = status_of(sid, rid)
                parts = []
                notes = []
                reasons = set()
                for d in decisions.values():
                    text = f"{d.reviewer}: {verdict_text[d.verdict]}"
                    if d.reason:
                        text += f" ({d.reason})"
                        reasons.add(d.reason)
                    parts.append(text)
                    if d.note:
                        notes.append(d.note)
                verdicts = "; ".join(parts)
                reason = resolution.reason if resolution is not None else None
                if reason is None and status is StageStatus.EXCLUDE and reasons:
                    reason = "; ".join(sorted(reasons))
                if status is StageStatus.CONFLICT and decisions:
                    found.append((rid, record.title, stage.name, verdicts))
                if resolution is None:
                    yield (
                        rid,
                        record.title,
                        stage.name,
                        verdicts,
                        None,
                        None,
                        None,
                        status_text[status],
                        reason,
                        "; ".join(notes) or None,
                    )
                else:
                    yield (
                        rid,
                        record.title,
                        stage.name,
                        verdicts,
                        verdict_text[resolution.verdict],
                        method_text[resolution.method],
                        _join(resolution.by),
                        status_text[status],
                        reason or None,
                        "; ".join(notes) or None,
                    )
        log_done = True

    yield SheetData(
        "Screening log",
        [
            Column("Record", 18),
            Column("Title", 60, wrap=True),
            Column("Stage", 20),
            Column("Decisions", 40, wrap=True),
            Column("Resolution", 12),
            Column("Resolution method", 16),
            Column("Resolved by", 12),
            Column("Status", 10),
            Column("Exclusion reason", 24, wrap=True),
            Column("Notes", 40, wrap=True),
        ],
        log(),
    )

    def conflicts() -> Iterator[Row]:
        if log_done:
            yield from found
            return
        for record in review.records.values():
            for stage in stages:
                decisions = review.decisions_on(stage.id, record.id)
                if decisions and review.status(stage.id, record.id) is StageStatus.CONFLICT:
                    yield (
                        record.id,
                        record.title,
                        stage.name,
                        _join(
                            f"{d.reviewer}: {d.verdict.value}"
                            + (f" ({d.reason})" if d.reason else "")
                            for d in decisions.values()
                        ),
                    )

    yield SheetData(
        "Conflicts",
        [
            Column("Record", 18),
            Column("Title", 60, wrap=True),
            Column("Stage", 20),
            Column("Decisions", 40, wrap=True),
        ],
        conflicts(),
        empty="No conflicts: no record has reviewers who disagree and nobody resolved it.",
    )


# ---------------------------------------------------------------- appraisal and extraction


def _judged_record(review: Review, j: Judgement) -> str | None:
    """The record a judgement is about, directly or through an extract or evidence link."""
    if j.target is JudgementTarget.RECORD:
        return j.target_id
    if j.target is JudgementTarget.EXTRACT:
        extract = review.extracts.get(j.target_id)
        return extract.record_id if extract else None
    link = review.evidence.get(j.target_id)
    return _source_record(review, link.target, link.target_id) if link else None


def appraisal_sheet(review: Review) -> Iterator[SheetData]:
    """One row per judgement: of a document (record) or of a datum (extract, evidence link)."""
    rows = []
    for j in review.judgements:
        criteria = review.criteria_sets.get(j.criteria_set)
        criterion = criteria.criterion(j.criterion) if criteria else None
        record_id = _judged_record(review, j)
        rows.append(
            (
                record_id,
                review.records[record_id].label()
                if record_id is not None and record_id in review.records
                else None,
                j.target.value,
                None if j.target is JudgementTarget.RECORD else j.target_id,
                j.criteria_set,
                criterion.name if criterion else j.criterion,
                j.level,
                j.reviewer,
                j.rationale,
            )
        )
    yield SheetData(
        "Appraisal",
        [
            Column("Record", 18),
            Column("Source", 28),
            Column("Judged", 10),
            Column("Datum", 24),
            Column("Criteria set", 16),
            Column("Criterion", 18),
            Column("Judgement", 12),
            Column("Reviewer", 10),
            Column("Rationale", 70, wrap=True),
        ],
        rows,
        fit_rows=True,
    )


def characteristics_sheet(review: Review) -> Iterator[SheetData]:
    """One row per record with characteristics; one column per form field (then any extra)."""
    names = list(review.extraction_fields)
    for c in review.characteristics.values():
        names += [k for k in c.values if k not in names]
    labels = [
        review.extraction_fields[n].label if n in review.extraction_fields else n for n in names
    ]
    rows = []
    for c in review.characteristics.values():
        record = review.records.get(c.record_id)
        cells: list[CellValue] = [c.record_id, record.label() if record else None]
        for n in names:
            value = c.values.get(n)
            cells.append("; ".join(value) if isinstance(value, tuple) else value)
        rows.append(cells)
    yield SheetData(
        "Study characteristics",
        [Column("Record", 18), Column("Source", 28)] + [Column(t, 30, wrap=True) for t in labels],
        rows,
        fit_rows=True,
    )


def extracts_sheet(review: Review) -> Iterator[SheetData]:
    """One row per coded extract."""
    rows = [
        (
            e.id,
            e.record_id,
            review.records[e.record_id].label() if e.record_id in review.records else None,
            str(e.location) if e.location else None,
            _join(e.codes),
            e.text,
            e.coder,
            e.note,
        )
        for e in review.extracts.values()
    ]
    yield SheetData(
        "Extracts",
        [
            Column("Extract", 14),
            Column("Record", 18),
            Column("Source", 28),
            Column("Location", 14),
            Column("Codes", 16),
            Column("Text", 80, wrap=True),
            Column("Coder", 8),
            Column("Note", 40, wrap=True),
        ],
        rows,
        fit_rows=True,
    )


def _quotation_source(review: Review, informant_id: str | None, record_id: str | None) -> str:
    if informant_id is not None:
        informant = review.informants.get(informant_id)
        return f"[{informant.label}]" if informant else informant_id
    record = review.records.get(record_id or "")
    return record.label() if record else (record_id or "")


def quotations_sheet(review: Review) -> Iterator[SheetData]:
    """One row per quotation, with the CMOCs it is linked to as evidence."""
    linked: dict[str, list[str]] = {}
    for link in review.evidence.values():
        if link.target is EvidenceTarget.QUOTATION:
            linked.setdefault(link.target_id, []).append(link.cmoc_id)
    rows = [
        (
            q.id,
            _quotation_source(review, q.informant_id, q.record_id),
            str(q.location) if q.location else None,
            _join(q.codes),
            q.text,
            _join(linked.get(q.id, [])),
            q.note,
        )
        for q in review.quotations.values()
    ]
    yield SheetData(
        "Quotations",
        [
            Column("Quotation", 12),
            Column("Informant / source", 24),
            Column("Location", 14),
            Column("Codes", 14),
            Column("Text", 80, wrap=True),
            Column("Linked CMOCs", 18),
            Column("Note", 30, wrap=True),
        ],
        rows,
        fit_rows=True,
    )


# ---------------------------------------------------------------- theory


def _cmoc_name(cmoc: CMOC) -> str:
    return cmoc.label or cmoc.id


def _evidence_text(
    review: Review,
    cmoc_id: str,
    labels: dict[str, str],
    appraisal: Mapping[str, DataAppraisal] | None = None,
) -> tuple[str, str]:
    quotations, evidence = [], []
    appraisal = appraisal or appraise_evidence(review)
    for link in review.evidence.values():
        if link.cmoc_id != cmoc_id:
            continue
        trust = appraisal[link.id].trust
        caveat = "" if trust.counts else f"; {trust.label}, not counted"
        if link.target is EvidenceTarget.QUOTATION:
            q = review.quotations.get(link.target_id)
            if q is not None:
                who = _quotation_source(review, q.informant_id, q.record_id)
                quotations.append(f"“{q.text}” {who}" + (f" ({caveat[2:]})" if caveat else ""))
            continue
        record_id = link.target_id
        if link.target is EvidenceTarget.EXTRACT:
            extract = review.extracts.get(link.target_id)
            record_id = extract.record_id if extract else link.target_id
        label = labels.get(record_id, record_id)
        evidence.append(f"{label} ({link.role.value}{caveat})")
    return "\n".join(quotations), "; ".join(dict.fromkeys(evidence))


def cmoc_sheets(review: Review, context: SheetContext) -> Iterator[SheetData]:
    """One CMOC table per theory version (CMOCs in no version get a table of their own)."""
    framework = review.framework
    labels = context.labels(review)
    appraisal = appraise_evidence(review)
    placed: set[str] = set()
    # the name people gave the version (cut to Excel's 31 characters at a word if need be)
    versions = [(v.name, v.cmoc_ids) for v in review.theory_versions.values()]
    for _, ids in versions:
        placed.update(ids)
    loose = tuple(c for c in review.cmocs if c not in placed)
    if loose:
        versions.append(("Unversioned", loose))
    for name, ids in versions:
        rows = []
        for cmoc_id in ids:
            cmoc = review.cmocs[cmoc_id]
            theme = framework.theme(cmoc.theme_id) if framework and cmoc.theme_id else None
            quotations, evidence = _evidence_text(review, cmoc_id, labels, appraisal)
            rows.append(
                (
                    _cmoc_name(cmoc),
                    theme.name if theme else cmoc.theme_id,
                    cmoc.context,
                    cmoc.mechanism_resource,
                    cmoc.mechanism_reasoning,
                    cmoc.outcome,
                    cmoc.statement,
                    quotations or None,
                    evidence or None,
                )
            )
        yield SheetData(
            sheet_title(f"CMOCs {name}"),
            [
                Column("CMOC", 12),
                Column("Theme", 18, wrap=True),
                Column("Context", 36, wrap=True),
                Column("Mechanism (resource)", 36, wrap=True),
                Column("Mechanism (reasoning)", 36, wrap=True),
                Column("Outcome", 36, wrap=True),
                Column("Statement", 50, wrap=True),
                Column("Linked quotations", 50, wrap=True),
                Column("Evidence", 40, wrap=True),
            ],
            rows,
            fit_rows=True,
        )


def refinement_sheet(review: Review) -> Iterator[SheetData]:
    """The lineage table: every prior CMOC, its outcome, its targets and the rationale."""
    rows = []
    for refinement in review.refinements:
        for outcome in refinement.outcomes:
            prior = review.cmocs.get(outcome.cmoc_id)
            targets = [review.cmocs[t] for t in outcome.targets if t in review.cmocs]
            rows.append(
                (
                    version_name(review, refinement.from_version),
                    version_name(review, refinement.to_version),
                    _cmoc_name(prior) if prior else outcome.cmoc_id,
                    outcome.kind.label,
                    _join(_cmoc_name(t) for t in targets) or None,
                    outcome.rationale,
                )
            )
    yield SheetData(
        "Refinement",
        [
            Column("From version", 24, wrap=True),
            Column("To version", 24, wrap=True),
            Column("Prior CMOC", 14),
            Column("Outcome", 20),
            Column("Became", 20),
            Column("Rationale", 80, wrap=True),
        ],
        rows,
        fit_rows=True,
    )


def links_sheet(review: Review, context: SheetContext) -> Iterator[SheetData]:
    """The links between CMOCs, version by version: from, kind, to, and why."""
    labels = context.labels(review)
    kinds = review.link_kinds
    rows = []
    for version in review.theory_versions.values():
        for link in review.links_of(version.id):
            source, target = review.cmocs.get(link.source), review.cmocs.get(link.target)
            evidence = []
            for item in link.evidence:
                record_id = _source_record(review, item.target, item.target_id)
                where = labels.get(record_id, record_id) if record_id else item.target_id
                evidence.append(f"{where} ({item.role.value})")
            rows.append(
                (
                    version.name,
                    _cmoc_name(source) if source else link.source,
                    kinds[link.kind].title if link.kind in kinds else link.kind,
                    _cmoc_name(target) if target else link.target,
                    "yes" if link.interpreted else None,
                    "yes" if link.feedback_loop else None,
                    link.rationale,
                    "; ".join(evidence) or None,
                )
            )
    yield SheetData(
        "Links",
        [
            Column("Version", 24, wrap=True),
            Column("From CMOC", 14),
            Column("Link", 14),
            Column("To CMOC", 14),
            Column("Interpreted", 11),
            Column("Feedback loop", 12),
            Column("Rationale", 70, wrap=True),
            Column("Evidence", 40, wrap=True),
        ],
        rows,
        fit_rows=True,
    )


def _source_record(review: Review, target: EvidenceTarget, target_id: str) -> str | None:
    if target is EvidenceTarget.RECORD:
        return target_id
    if target is EvidenceTarget.EXTRACT:
        extract = review.extracts.get(target_id)
        return extract.record_id if extract else None
    quotation = review.quotations.get(target_id)
    return quotation.record_id if quotation else None


def contribution_matrices(review: Review, context: SheetContext) -> Iterator[SheetData]:
    """Per theory version with evidence: sources (author-year labels) × CMOCs, "x" marks.

    Laid out like the worked example's Supplementary File 1: a ``Source`` column of labels
    such as ``(Aunger et al., 2022a)`` in alphabetical order, one column per CMOC. A source
    whose data for a CMOC were all judged not trustworthy (or disputed) is marked "(x)" and not
    counted. Below the sources, the number of sources per CMOC and, beside it, the confidence
    in each CMOC; a closing note says that the counts are not strength of evidence.
    """
    labels = context.labels(review)
    appraisal = appraise_evidence(review)
    for version in review.theory_versions.values():
        cmoc_ids = list(version.cmoc_ids)
        marks: dict[str, dict[str, bool]] = {}
        for link in review.evidence.values():
            if link.cmoc_id not in cmoc_ids:
                continue
            record_id = _source_record(review, link.target, link.target_id)
            if record_id is not None and record_id in review.records:
                per = marks.setdefault(record_id, {})
                per[link.cmoc_id] = per.get(link.cmoc_id, False) or appraisal[link.id].trust.counts
        if not marks:
            continue
        order = sorted(marks, key=lambda r: (labels[r].casefold(), r))
        rows: list[list[CellValue]] = [
            [
                f"({labels[r]})",
                *(None if c not in marks[r] else "x" if marks[r][c] else "(x)" for c in cmoc_ids),
            ]
            for r in order
        ]
        counts = [sum(1 for r in order if marks[r].get(c)) for c in cmoc_ids]
        rows.append(["Sources counted", *counts])
        levels = confidence_levels(review, version.id)
        if levels:
            rows.append(["Confidence", *(levels.get(c) for c in cmoc_ids)])
        rows.append([MATRIX_CAPTION, *(None for _ in cmoc_ids)])
        yield SheetData(
            sheet_title(f"Matrix {version.name}"),
            [Column("Source", 36, wrap=True)]
            + [Column(_cmoc_name(review.cmocs[c]), 10) for c in cmoc_ids],
            rows,
            fit_rows=True,
        )


def confidence_sheet(review: Review, context: SheetContext) -> Iterator[SheetData]:
    """One row per component judgement of every confidence assessment, with the evidence
    behind it and each datum's data-level appraisal."""
    if not review.confidence_assessments:
        return
    appraisal = appraise_evidence(review)
    labels = context.labels(review)

    def source(link_id: str) -> str:
        # the source a datum comes from reads better than the link's id
        link = review.evidence.get(link_id)
        record_id = _source_record(review, link.target, link.target_id) if link else None
        label = f"({labels[record_id]})" if record_id in labels else link_id
        doubtful = link_id in appraisal and not appraisal[link_id].trust.counts
        return label + (" (doubtful)" if doubtful else "")

    rows = []
    for a in review.confidence_assessments:
        cmoc = review.cmocs.get(a.cmoc_id)
        approach = review.confidence_approaches.get(a.approach)
        for judged in a.components:
            component = approach.component(judged.component) if approach else None
            evidence = [source(e) for e in judged.evidence]
            rows.append(
                (
                    version_name(review, a.version_id),
                    _cmoc_name(cmoc) if cmoc else a.cmoc_id,
                    approach.title if approach else a.approach,
                    a.level,
                    component.name if component else judged.component,
                    judged.judgement,
                    judged.rationale + (" [our reading]" if judged.interpreted else ""),
                    _join(evidence) or None,
                    _join(source(e) for e in a.disconfirming) or None,
                )
            )
    yield SheetData(
        "Confidence",
        [
            Column("Version", 12),
            Column("CMOC", 12),
            Column("Approach", 24),
            Column("Overall", 12),
            Column("Component", 22),
            Column("Judgement", 22),
            Column("Rationale", 70, wrap=True),
            Column("Evidence", 30, wrap=True),
            Column("Disconfirming evidence considered", 30, wrap=True),
        ],
        rows,
        fit_rows=True,
    )


def flow_sheet(review: Review) -> Iterator[SheetData]:
    """The flow of records: counts per stage (derived, or declared where records were not
    kept) and every mismatch between declared and derived counts."""
    from realistsynth.selection.flow import compute_flow

    if not review.stages:
        return
    flow = compute_flow(review)
    rows: list[tuple[str | int | None, ...]] = [
        ("Identified", flow.identified, None, None, "", ""),
        ("Duplicates removed", flow.duplicates, None, None, "", ""),
    ]
    for stage in flow.stages:
        reasons = "; ".join(f"{r.label}: {r.count}" for r in stage.reasons)
        rows.append(
            (
                stage.name,
                stage.entered,
                stage.excluded,
                stage.included,
                "declared" if stage.declared else "derived",
                reasons,
            )
        )
    rows.append(("Included in the synthesis", flow.included, None, None, "", ""))
    rows.extend((f"Mismatch: {f.where}", None, None, None, "", f.message) for f in flow.findings)
    yield SheetData(
        "Flow",
        [
            Column("Stage", 34, wrap=True),
            Column("Entered", 10),
            Column("Excluded", 10),
            Column("Included", 10),
            Column("Counts", 10),
            Column("Reasons / note", 60, wrap=True),
        ],
        rows,
        fit_rows=True,
    )


def agreement_sheet(review: Review) -> Iterator[SheetData]:
    """Agreement per stage and reviewer pair: percent agreement, Cohen's kappa and Gwet's AC1,
    each with its 95% confidence interval."""
    from realistsynth.selection.screening import stage_agreement

    def cell(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    rows = []
    for stage in review.stages.values():
        if stage.kind is StageKind.DECLARED:
            continue
        for pair in stage_agreement(review, stage.id):
            a = pair.agreement
            rows.append(
                (
                    stage.name,
                    " & ".join(pair.reviewers),
                    a.n,
                    a.disagreements,
                    cell(a.percent.value),
                    cell(a.kappa.value),
                    cell(a.kappa.low),
                    cell(a.kappa.high),
                    cell(a.ac1.value),
                    cell(a.ac1.low),
                    cell(a.ac1.high),
                )
            )
    yield SheetData(
        "Agreement",
        [
            Column("Stage", 24, wrap=True),
            Column("Reviewers", 12),
            Column("Records", 9),
            Column("Disagreements", 13),
            Column("Agreement", 10),
            Column("Kappa", 9),
            Column("Kappa low", 10),
            Column("Kappa high", 10),
            Column("AC1", 9),
            Column("AC1 low", 9),
            Column("AC1 high", 9),
        ],
        rows,
        empty="No agreement figures: no stage has two reviewers' decisions on the same records.",
    )


def default_sheets() -> SheetRegistry:
    """A fresh registry of the built-in sheets, in workbook order."""
    return SheetRegistry(
        [
            SheetSpec("search", "Search strategy and runs", search_sheets),
            SheetSpec("records", "Records", records_sheet),
            SheetSpec("flow", "Flow of records (counts per stage)", flow_sheet),
            SheetSpec("screening", "Screening log and conflicts", screening_sheets),
            SheetSpec("agreement", "Agreement per stage and reviewer pair", agreement_sheet),
            SheetSpec("appraisal", "Appraisal judgements", appraisal_sheet),
            SheetSpec("characteristics", "Study characteristics", characteristics_sheet),
            SheetSpec("extracts", "Coded extracts", extracts_sheet),
            SheetSpec("quotations", "Quotations", quotations_sheet),
            SheetSpec("cmocs", "CMOC tables per theory version", cmoc_sheets),
            SheetSpec("refinement", "Refinement outcomes (lineage)", refinement_sheet),
            SheetSpec("links", "Links between CMOCs, per theory version", links_sheet),
            SheetSpec("matrix", "Contribution matrix per theory version", contribution_matrices),
            SheetSpec("confidence", "Confidence in each CMOC", confidence_sheet),
        ]
    )
