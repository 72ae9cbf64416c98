"""The invariants of a review, one generator per kind of item.

Each function yields a :class:`~realistsynth.errors.ReviewError` per problem, naming what is
wrong and where (an id path such as ``decisions/full-text/aunger2022/LK``). The aggregate calls
the function that a change can affect and raises the first problem; :func:`all_problems` runs
every function over a whole review, which is how a loaded file is validated. One function per
rule keeps the rule in one place whichever way it is reached.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from realistsynth.errors import (
    InvalidValueError,
    RefinementError,
    ReviewError,
    StageOrderError,
    UnknownReferenceError,
)
from realistsynth.model.dedup import DuplicateLink, PairDecision
from realistsynth.model.extraction import (
    CodedExtract,
    Quotation,
    SourceText,
    StudyCharacteristics,
    TheoryDocument,
)
from realistsynth.model.records import Record
from realistsynth.model.screening import (
    DeclaredCount,
    ScreeningStage,
    StageKind,
    Verdict,
)
from realistsynth.model.search import SearchRun
from realistsynth.model.theory import (
    CMOC,
    EvidenceLink,
    EvidenceTarget,
    Refinement,
    TheoryVersion,
)

if TYPE_CHECKING:
    from realistsynth.model.review import Review

__all__ = ["all_problems"]

Problems = Iterator[ReviewError]


def _unknown(what: str, ident: str, where: str) -> UnknownReferenceError:
    return UnknownReferenceError(f"unknown {what} {ident!r}", where=where)


def search_run(review: Review, run: SearchRun) -> Problems:
    """A run names a known source."""
    if run.source_id not in review.sources:
        yield _unknown("source", run.source_id, f"search_runs/{run.id}")


def record(review: Review, rec: Record) -> Problems:
    """A record's provenance names known sources and search runs."""
    for i, prov in enumerate(rec.provenance):
        where = f"records/{rec.id}/provenance/{i}"
        if prov.source_id is not None and prov.source_id not in review.sources:
            yield _unknown("source", prov.source_id, where)
        if prov.search_run_id is not None:
            run = review.search_runs.get(prov.search_run_id)
            if run is None:
                yield _unknown("search run", prov.search_run_id, where)
            elif prov.source_id is not None and run.source_id != prov.source_id:
                yield InvalidValueError(
                    f"search run {run.id!r} is of source {run.source_id!r}, not {prov.source_id!r}",
                    where=where,
                )


def stage(review: Review, st: ScreeningStage) -> Problems:
    """A gate stage's criterion is in an adopted criteria set."""
    if st.gate is not None:
        where = f"stages/{st.id}/gate"
        cs = review.criteria_sets.get(st.gate.criteria_set)
        if cs is None:
            yield _unknown("criteria set", st.gate.criteria_set, where)
        elif cs.criterion(st.gate.criterion) is None:
            yield _unknown(f"criterion of {cs.name}", st.gate.criterion, where)
        elif not cs.criterion(st.gate.criterion).passing:  # type: ignore[union-attr]
            yield InvalidValueError(
                f"criterion {st.gate.criterion!r} has no passing levels, so it cannot be a gate",
                where=where,
            )


def record_selection(review: Review, record_id: str, _changed: object = None) -> Problems:
    """Every decision, resolution and judgement on one record: known references, valid
    values, and stage order (nothing at a stage the record has not reached)."""
    if record_id not in review.records:
        yield _unknown("record", record_id, f"records/{record_id}")
        return
    for st in review.stages.values():
        decisions = review.decisions_on(st.id, record_id)
        resolution = review.resolution_on(st.id, record_id)
        acted = bool(decisions) or resolution is not None
        for reviewer, d in decisions.items():
            where = f"decisions/{st.id}/{record_id}/{reviewer}"
            if reviewer not in review.reviewers:
                yield _unknown("reviewer", reviewer, where)
            if st.kind is not StageKind.RECORDS:
                yield InvalidValueError(
                    f"stage {st.id!r} is a {st.kind.value} stage: it takes no decisions",
                    where=where,
                )
            yield from _reason(st, d.verdict, d.reason, where)
        if resolution is not None:
            where = f"resolutions/{st.id}/{record_id}"
            for who in resolution.by:
                if who not in review.reviewers:
                    yield _unknown("reviewer", who, where)
            if st.kind is not StageKind.RECORDS:
                yield InvalidValueError(f"stage {st.id!r} takes no resolutions", where=where)
            yield from _reason(st, resolution.verdict, resolution.reason, where)
        if st.gate is not None:
            acted = acted or bool(
                review.judgements_on(record_id, st.gate.criteria_set, st.gate.criterion)
            )
        if acted and not review.reached(st.id, record_id):
            previous = review.previous_stage(st.id)
            assert previous is not None
            status = review.status(previous.id, record_id)
            yield StageOrderError(
                f"record {record_id!r} has outcomes at stage {st.id!r} but is "
                f"'{status.value}' at the earlier stage {previous.id!r}",
                where=f"stages/{st.id}/{record_id}",
            )
    for j in review.judgements_of(record_id):
        where = f"judgements/{record_id}/{j.criteria_set}/{j.criterion}/{j.reviewer}"
        if j.reviewer not in review.reviewers:
            yield _unknown("reviewer", j.reviewer, where)
        cs = review.criteria_sets.get(j.criteria_set)
        if cs is None:
            yield _unknown("criteria set", j.criteria_set, where)
            continue
        criterion = cs.criterion(j.criterion)
        if criterion is None:
            yield _unknown(f"criterion of {cs.name}", j.criterion, where)
            continue
        if j.level not in criterion.scale:
            yield InvalidValueError(
                f"judgement {j.level!r} is not on the scale {list(criterion.scale)}", where=where
            )
        if criterion.rationale_required and not (j.rationale or "").strip():
            yield InvalidValueError(
                f"criterion {criterion.id!r} requires a rationale for every judgement",
                where=where,
            )


def _reason(st: ScreeningStage, verdict: Verdict, reason: str | None, where: str) -> Problems:
    if reason is not None and st.reasons and st.reason(reason) is None:
        yield InvalidValueError(
            f"reason {reason!r} is not in stage {st.id!r}'s list {[r.code for r in st.reasons]}",
            where=where,
        )
    if reason is not None and verdict is not Verdict.EXCLUDE:
        yield InvalidValueError("only an exclusion carries a reason", where=where)


def declared_count(review: Review, count: DeclaredCount) -> Problems:
    """A declared count names a known stage (and source)."""
    where = f"declared_counts/{count.stage_id}/{count.measure}"
    if count.stage_id not in review.stages:
        yield _unknown("stage", count.stage_id, where)
    if count.source_id is not None and count.source_id not in review.sources:
        yield _unknown("source", count.source_id, where)


def characteristics(review: Review, ch: StudyCharacteristics) -> Problems:
    """Study characteristics belong to a known record and fit the form."""
    where = f"characteristics/{ch.record_id}"
    if ch.record_id not in review.records:
        yield _unknown("record", ch.record_id, where)
    for name, value in ch.values.items():
        definition = review.extraction_fields.get(name)
        if definition is None:
            yield _unknown("extraction field", name, f"{where}/{name}")
            continue
        problem = definition.problem(value)
        if problem:
            yield InvalidValueError(problem, where=f"{where}/{name}")
    for name, definition in review.extraction_fields.items():
        if definition.required and name not in ch.values:
            yield InvalidValueError(f"required field {name!r} has no value", where=where)


def _codes(review: Review, codes: tuple[str, ...], where: str) -> Problems:
    if not codes:
        return
    heuristic = review.heuristic
    if heuristic is None:
        yield InvalidValueError("coded, but the review has no configuration heuristic", where=where)
        return
    for code in codes:
        if heuristic.code(code) is None:
            yield InvalidValueError(
                f"code {code!r} is not one of {heuristic.name}'s "
                f"{[c.code for c in heuristic.codes]}",
                where=where,
            )


def extract(review: Review, ex: CodedExtract) -> Problems:
    """An extract is of a known record and coded with the review's heuristic."""
    where = f"extracts/{ex.id}"
    if ex.record_id not in review.records:
        yield _unknown("record", ex.record_id, where)
    if ex.coder is not None and ex.coder not in review.reviewers:
        yield _unknown("reviewer", ex.coder, where)
    yield from _codes(review, ex.codes, where)
    source = review.source_texts.get(ex.record_id)
    if ex.span is not None and source is not None:
        yield from _quotes(ex, source.text, source.sha256, where)


def _quotes(ex: CodedExtract, text: str, sha256: str, where: str) -> Problems:
    assert ex.span is not None
    if ex.span.source_hash != sha256:
        return  # coded in another version of the text: nothing to compare with
    quoted = ex.span.quote(text)
    if quoted != ex.text:
        found = "offsets outside the text" if quoted is None else f"the text reads {quoted!r}"
        yield InvalidValueError(
            f"the quoted text does not match the source text at {ex.span.start}-{ex.span.end} "
            f"({ex.span.unit.value}): {found}",
            where=where,
        )


def source_text(review: Review, source: SourceText) -> Problems:
    """A source text belongs to a known record, and the extracts coded in it quote it."""
    where = f"source_texts/{source.record_id}"
    if source.record_id not in review.records:
        yield _unknown("record", source.record_id, where)
    for ex in review.extracts.values():
        if ex.record_id == source.record_id and ex.span is not None:
            yield from _quotes(ex, source.text, source.sha256, f"extracts/{ex.id}")


def reviewer_in_use(review: Review, initials: str) -> Problems:
    """Nothing recorded names a reviewer (checked before the reviewer leaves the team)."""
    where = f"reviewers/{initials}"
    uses = (
        sum(d.reviewer == initials for d in review.decisions)
        + sum(initials in r.by for r in review.resolutions)
        + sum(j.reviewer == initials for j in review.judgements)
        + sum(ex.coder == initials for ex in review.extracts.values())
        + sum(p.reviewer == initials for p in review.pair_decisions)
    )
    if uses:
        yield InvalidValueError(
            f"reviewer {initials!r} is named by {uses} decision(s), judgement(s) or extract(s); "
            "they cannot leave the team without losing their authorship",
            where=where,
        )


def quotation(review: Review, q: Quotation) -> Problems:
    """A quotation is of a known informant or record, coded with the heuristic."""
    where = f"quotations/{q.id}"
    if q.informant_id is not None and q.informant_id not in review.informants:
        yield _unknown("informant", q.informant_id, where)
    if q.record_id is not None and q.record_id not in review.records:
        yield _unknown("record", q.record_id, where)
    yield from _codes(review, q.codes, where)


def all_codes(review: Review) -> Problems:
    """Every extract and quotation is coded with the current heuristic."""
    for ex in review.extracts.values():
        yield from _codes(review, ex.codes, f"extracts/{ex.id}")
    for q in review.quotations.values():
        yield from _codes(review, q.codes, f"quotations/{q.id}")


def theory_document(review: Review, doc: TheoryDocument) -> Problems:
    """A theory document is a known record."""
    if doc.record_id not in review.records:
        yield _unknown("record", doc.record_id, f"theory_documents/{doc.record_id}")


def cmoc(review: Review, c: CMOC) -> Problems:
    """A CMOC's theme belongs to the review's framework."""
    if c.theme_id is None:
        return
    where = f"cmocs/{c.id}"
    if review.framework is None:
        yield InvalidValueError(
            f"CMOC has theme {c.theme_id!r} but the review has no organising framework",
            where=where,
        )
    elif review.framework.theme(c.theme_id) is None:
        yield _unknown(f"theme of {review.framework.name}", c.theme_id, where)


def all_themes(review: Review) -> Problems:
    """Every CMOC and theme statement stays within the framework."""
    for c in review.cmocs.values():
        yield from cmoc(review, c)
    for v in review.theory_versions.values():
        yield from _statements(review, v)


def _statements(review: Review, version: TheoryVersion) -> Problems:
    for s in version.theme_statements:
        where = f"theory_versions/{version.id}/theme_statements/{s.theme_id}"
        if review.framework is None or review.framework.theme(s.theme_id) is None:
            yield _unknown("theme", s.theme_id, where)


def theory_version(review: Review, version: TheoryVersion) -> Problems:
    """A version lists known CMOCs and states known themes."""
    for cid in version.cmoc_ids:
        if cid not in review.cmocs:
            yield _unknown("CMOC", cid, f"theory_versions/{version.id}")
    yield from _statements(review, version)


def refinement(review: Review, ref: Refinement) -> Problems:
    """Every CMOC of the prior version has exactly one outcome, and each outcome points at
    CMOCs of the next version."""
    where = f"refinements/{ref.from_version}->{ref.to_version}"
    prior = review.theory_versions.get(ref.from_version)
    after = review.theory_versions.get(ref.to_version)
    if prior is None:
        yield _unknown("theory version", ref.from_version, where)
    if after is None:
        yield _unknown("theory version", ref.to_version, where)
    if prior is None or after is None:
        return
    if ref.from_version == ref.to_version:
        yield RefinementError("a version cannot be refined into itself", where=where)
    counts = Counter(o.cmoc_id for o in ref.outcomes)
    for cid, n in counts.items():
        if n > 1:
            yield RefinementError(f"prior CMOC {cid!r} has {n} outcomes; give one", where=where)
        if cid not in prior.cmoc_ids:
            yield RefinementError(
                f"outcome for {cid!r}, which is not in version {prior.id!r}", where=where
            )
    for cid in prior.cmoc_ids:
        if cid not in counts:
            yield RefinementError(
                f"prior CMOC {cid!r} of {prior.id!r} is unaccounted for: record whether it was "
                "supported, refined, merged, split, refuted or found without evidence",
                where=where,
            )
    for o in ref.outcomes:
        for target in o.targets:
            if target not in after.cmoc_ids:
                yield RefinementError(
                    f"outcome of {o.cmoc_id!r} points at {target!r}, which version "
                    f"{after.id!r} does not hold",
                    where=f"{where}/{o.cmoc_id}",
                )


def evidence(review: Review, link: EvidenceLink) -> Problems:
    """Evidence links a known CMOC to a known record, extract or quotation."""
    where = f"evidence/{link.id}"
    if link.cmoc_id not in review.cmocs:
        yield _unknown("CMOC", link.cmoc_id, where)
    pool = {
        EvidenceTarget.RECORD: review.records,
        EvidenceTarget.EXTRACT: review.extracts,
        EvidenceTarget.QUOTATION: review.quotations,
    }[link.target]
    if link.target_id not in pool:
        yield _unknown(link.target.value, link.target_id, where)


def duplicate_link(review: Review, link: DuplicateLink) -> Problems:
    """A de-duplication link joins two records the review holds."""
    where = f"duplicate_links/{link.record_a}/{link.record_b}"
    for rid in link.pair:
        if rid not in review.records:
            yield _unknown("record", rid, where)


def pair_decision(review: Review, decision: PairDecision) -> Problems:
    """A pair decision is about two known records and by a known reviewer."""
    where = f"pair_decisions/{decision.record_a}/{decision.record_b}"
    for rid in decision.pair:
        if rid not in review.records:
            yield _unknown("record", rid, where)
    if decision.reviewer not in review.reviewers:
        yield _unknown("reviewer", decision.reviewer, where)


def all_problems(review: Review) -> Problems:
    """Every problem of a whole review, in a stable order."""
    for run in review.search_runs.values():
        yield from search_run(review, run)
    for rec in review.records.values():
        yield from record(review, rec)
    for st in review.stages.values():
        yield from stage(review, st)
    touched = dict.fromkeys(
        [d.record_id for d in review.decisions]
        + [r.record_id for r in review.resolutions]
        + [j.record_id for j in review.judgements]
    )
    for rid in touched:
        yield from record_selection(review, rid)
    for count in review.declared_counts:
        yield from declared_count(review, count)
    for ch in review.characteristics.values():
        yield from characteristics(review, ch)
    for ex in review.extracts.values():
        yield from extract(review, ex)
    for source in review.source_texts.values():
        if source.record_id not in review.records:
            yield _unknown("record", source.record_id, f"source_texts/{source.record_id}")
    for doc in review.theory_documents.values():
        yield from theory_document(review, doc)
    for q in review.quotations.values():
        yield from quotation(review, q)
    yield from all_themes(review)
    for v in review.theory_versions.values():
        for cid in v.cmoc_ids:
            if cid not in review.cmocs:
                yield _unknown("CMOC", cid, f"theory_versions/{v.id}")
    for ref in review.refinements:
        yield from refinement(review, ref)
    for link in review.evidence.values():
        yield from evidence(review, link)
    for dup in review.duplicate_links:
        yield from duplicate_link(review, dup)
    for decision in review.pair_decisions:
        yield from pair_decision(review, decision)
