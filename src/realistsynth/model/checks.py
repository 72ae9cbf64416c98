"""The invariants of a review, one generator per kind of item.

Each function yields a :class:`~realistsynth.errors.ReviewError` per problem, naming what is
wrong and where (an id path such as ``decisions/full-text/aunger2022/LK``). The aggregate calls
the function that a change can affect and raises the first problem; :func:`all_problems` runs
every function over a whole review, which is how a loaded file is validated. One function per
rule keeps the rule in one place whichever way it is reached.

Over a whole review, what the rules need is looked up once, not once per item: the review's
mappings for the records' provenance (:func:`records`), and each record's judgements, grouped
in one pass instead of a scan of every judgement per record (quadratic before: 100,000
records and 1,000 judgements were 10^8 steps; the invariant checks are now about 3% of a
paused load of 20,000 records, ``docs/benchmarks.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from realistsynth.errors import (
    InvalidValueError,
    RefinementError,
    ReviewError,
    StageOrderError,
    UnknownReferenceError,
)
from realistsynth.model.appraisal import Judgement, JudgementTarget
from realistsynth.model.confidence import ConfidenceAssessment
from realistsynth.model.consultation import Consultation
from realistsynth.model.dedup import DuplicateLink, PairDecision
from realistsynth.model.extraction import (
    CodedExtract,
    Quotation,
    SourceText,
    StudyCharacteristics,
    TheoryDocument,
)
from realistsynth.model.records import Record
from realistsynth.model.reporting import ItemConfirmation, ReportingStandard
from realistsynth.model.review import Review
from realistsynth.model.screening import (
    Decision,
    DeclaredCount,
    Resolution,
    ScreeningStage,
    StageKind,
    Verdict,
)
from realistsynth.model.search import SearchRun, Source
from realistsynth.model.theory import (
    CMOC,
    EvidenceLink,
    EvidenceTarget,
    Refinement,
    TheoryVersion,
)
from realistsynth.model.theory_links import CMOCLink, LinkEvidence, MiddleRangeTheory

__all__ = ["all_problems"]

Problems = Iterator[ReviewError]


def _unknown(what: str, ident: str, where: str) -> UnknownReferenceError:
    return UnknownReferenceError(f"unknown {what} {ident!r}", where=where)


def search_run(review: Review, run: SearchRun) -> Problems:
    """A run names a known source; its seeds are known records and only a citation search
    has them; its purpose names known CMOCs, themes and theory versions."""
    where = f"search_runs/{run.id}"
    source = review.sources.get(run.source_id)
    if source is None:
        yield _unknown("source", run.source_id, where)
    elif (run.seeds or run.direction is not None) and not source.kind.is_citation_search:
        yield InvalidValueError(
            f"seeds and a direction belong to citation searches, but source {source.id!r} is "
            f"a {source.kind.value} source",
            where=where,
        )
    for seed in run.seeds:
        if seed not in review.records:
            yield _unknown("seed record", seed, f"{where}/seeds")
    if run.purpose is not None:
        for cid in run.purpose.cmoc_ids:
            if cid not in review.cmocs:
                yield _unknown("CMOC", cid, f"{where}/purpose")
        for tid in run.purpose.theme_ids:
            if review.framework is None or review.framework.theme(tid) is None:
                yield _unknown("theme", tid, f"{where}/purpose")
        for vid in run.purpose.theory_ids:
            if vid not in review.theory_versions:
                yield _unknown("theory version", vid, f"{where}/purpose")


def record(review: Review, rec: Record) -> Problems:
    """A record's provenance names known sources and search runs."""
    return _provenance(rec, review.sources, review.search_runs, review.records)


def records(review: Review) -> Problems:
    """:func:`record` for every record, the review's mappings looked up once (not once per
    record: a large review has a hundred thousand)."""
    sources, runs, known = review.sources, review.search_runs, review.records
    for rec in known.values():
        if rec.provenance:
            yield from _provenance(rec, sources, runs, known)


def _provenance(
    rec: Record,
    sources: Mapping[str, Source],
    runs: Mapping[str, SearchRun],
    known: Mapping[str, Record],
) -> Problems:
    for i, prov in enumerate(rec.provenance):
        where = f"records/{rec.id}/provenance/{i}"
        if prov.source_id is not None and prov.source_id not in sources:
            yield _unknown("source", prov.source_id, where)
        if prov.seed_id is not None and prov.seed_id not in known:
            yield _unknown("seed record", prov.seed_id, where)
        if prov.search_run_id is not None:
            run = runs.get(prov.search_run_id)
            if run is None:
                yield _unknown("search run", prov.search_run_id, where)
            elif prov.source_id is not None and run.source_id != prov.source_id:
                yield InvalidValueError(
                    f"search run {run.id!r} is of source {run.source_id!r}, not {prov.source_id!r}",
                    where=where,
                )


def stage(review: Review, st: ScreeningStage) -> Problems:
    """A gate stage's criterion is in an adopted criteria set; at most one stage is where
    records found by other methods enter."""
    if st.other_methods_entry:
        others = [s.id for s in review.stages.values() if s.other_methods_entry and s.id != st.id]
        if others:
            yield InvalidValueError(
                f"records found by other methods already enter at stage {others[0]!r}; "
                "mark one stage only",
                where=f"stages/{st.id}/other_methods_entry",
            )
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
        elif not cs.criterion(st.gate.criterion).applies(JudgementTarget.RECORD):  # type: ignore[union-attr]
            # a datum judged untrustworthy marks the datum; it never removes its document
            yield InvalidValueError(
                f"criterion {st.gate.criterion!r} judges data, not documents, so it cannot "
                "be a gate that excludes documents",
                where=where,
            )


def record_selection(
    review: Review,
    record_id: str,
    _changed: object = None,
    judgements: Iterable[Judgement] | None = None,
) -> Problems:
    """Every decision, resolution and judgement on one record: known references, valid
    values, and stage order (nothing at a stage the record has not reached).

    :param judgements: the record's judgements, when the caller has them grouped already
        (:func:`all_problems`: finding each record's by a scan of all judgements would make
        checking a review quadratic); looked up otherwise.
    """
    if record_id not in review.records:
        yield _unknown("record", record_id, f"records/{record_id}")
        return
    yield from _unknown_stage(review, _changed)
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
            entry = review.enters_late(record_id)
            if entry is not None and list(review.stages).index(st.id) < list(review.stages).index(
                entry.id
            ):
                yield StageOrderError(
                    f"record {record_id!r} was found only by other methods (citation "
                    f"searching, websites, experts ...), so it enters selection at stage "
                    f"{entry.id!r} (PRISMA 2020: reports sought for retrieval) and takes no "
                    f"outcome at the earlier stage {st.id!r}",
                    where=f"stages/{st.id}/{record_id}",
                )
                continue
            previous = review.previous_stage(st.id)
            assert previous is not None
            status = review.status(previous.id, record_id)
            yield StageOrderError(
                f"record {record_id!r} has outcomes at stage {st.id!r} but is "
                f"'{status.value}' at the earlier stage {previous.id!r}",
                where=f"stages/{st.id}/{record_id}",
            )
    for j in review.judgements_of(record_id) if judgements is None else judgements:
        yield from _judgement_values(review, j)


def _judgement_values(review: Review, j: Judgement) -> Problems:
    where = f"judgements/{j.target_id}/{j.criteria_set}/{j.criterion}/{j.reviewer}"
    if j.reviewer not in review.reviewers:
        yield _unknown("reviewer", j.reviewer, where)
    cs = review.criteria_sets.get(j.criteria_set)
    if cs is None:
        yield _unknown("criteria set", j.criteria_set, where)
        return
    criterion = cs.criterion(j.criterion)
    if criterion is None:
        yield _unknown(f"criterion of {cs.name}", j.criterion, where)
        return
    if not criterion.applies(j.target):
        applies = ", ".join(t.value for t in criterion.applies_to)
        yield InvalidValueError(
            f"criterion {criterion.id!r} applies to {applies}, not to a {j.target.value}",
            where=where,
        )
    if j.level not in criterion.scale:
        yield InvalidValueError(
            f"judgement {j.level!r} is not on the scale {list(criterion.scale)}", where=where
        )
    if criterion.rationale_required and not (j.rationale or "").strip():
        yield InvalidValueError(
            f"criterion {criterion.id!r} requires a rationale for every judgement",
            where=where,
        )


def data_judgement(review: Review, j: Judgement) -> Problems:
    """A judgement of a datum (extract or evidence link): its target exists, and its values
    are valid as for a record's."""
    known = review.extracts if j.target is JudgementTarget.EXTRACT else review.evidence
    if j.target_id not in known:
        yield _unknown(j.target.value, j.target_id, f"judgements/{j.target_id}")
        return
    yield from _judgement_values(review, j)


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
        yield from _quotes(ex, source, where)


def _quotes(ex: CodedExtract, source: SourceText, where: str) -> Problems:
    assert ex.span is not None
    if ex.span.source_hash != source.sha256:
        return  # coded in another version of the text: nothing to compare with
    quoted = source.quote(ex.span)
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
            yield from _quotes(ex, source, f"extracts/{ex.id}")


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
        for cid in o.consultations:
            if cid not in review.consultations:
                yield _unknown("consultation", cid, f"{where}/{o.cmoc_id}")
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
    if link.target_id not in _evidence_pool(review, link.target):
        yield _unknown(link.target.value, link.target_id, where)


def _evidence_pool(review: Review, target: EvidenceTarget) -> Mapping[str, object]:
    return {
        EvidenceTarget.RECORD: review.records,
        EvidenceTarget.EXTRACT: review.extracts,
        EvidenceTarget.QUOTATION: review.quotations,
    }[target]


def _link_evidence(review: Review, items: tuple[LinkEvidence, ...], where: str) -> Problems:
    for item in items:
        if item.target_id not in _evidence_pool(review, item.target):
            yield _unknown(item.target.value, item.target_id, where)


def _ends(link: CMOCLink, directed: bool) -> tuple[str, str]:
    if directed:
        return (link.source, link.target)
    a, b = sorted((link.source, link.target))
    return (a, b)


def _path(edges: list[tuple[str, str]], start: str, goal: str) -> list[str] | None:
    """A path ``[start, ..., goal]`` along directed ``edges``, or ``None``."""
    graph: dict[str, list[str]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
    came: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            path = [node]
            while (prev := came[path[-1]]) is not None:
                path.append(prev)
            return path[::-1]
        for nxt in graph.get(node, ()):
            if nxt not in came:
                came[nxt] = node
                queue.append(nxt)
    return None


def cmoc_link(review: Review, link: CMOCLink) -> Problems:
    """A link joins two CMOCs of its own version, by a known kind, once, with known evidence,
    and closes no cycle its kind forbids unless it is marked as a feedback loop."""
    where = f"cmoc_links/{link.id}"
    version = review.theory_versions.get(link.version_id)
    if version is None:
        yield _unknown("theory version", link.version_id, where)
    else:
        for end in (link.source, link.target):
            if end not in review.cmocs:
                yield _unknown("CMOC", end, where)
            elif end not in version.cmoc_ids:
                yield InvalidValueError(
                    f"CMOC {end!r} is not in theory version {version.id!r}: a link joins CMOCs "
                    "of its own version",
                    where=where,
                )
    yield from _link_evidence(review, link.evidence, where)
    kind = review.link_kinds.get(link.kind)
    if kind is None:
        known = ", ".join(review.link_kinds)
        yield _unknown(f"link kind (known: {known}); adopt a plugin's kind first", link.kind, where)
        return
    if link.feedback_loop and not kind.feedback_loops:
        yield InvalidValueError(
            f"a {kind.name} link cannot be marked as a feedback loop", where=where
        )
    same = [other for other in review.links_of(link.version_id) if other.kind == link.kind]
    ends = _ends(link, kind.directed)
    for other in same:
        if other.id != link.id and _ends(other, kind.directed) == ends:
            yield InvalidValueError(
                f"{link.source!r} {kind.title} {link.target!r} is already link {other.id!r}",
                where=where,
            )
    if kind.acyclic and not link.feedback_loop:
        # the link is on a cycle when its target leads back to its source
        back = _path(
            [(o.source, o.target) for o in same if not o.feedback_loop and o.id != link.id],
            link.target,
            link.source,
        )
        if back is not None:
            cycle = [link.source, *back]
            hint = (
                "; mark one link of the loop as a deliberate feedback loop"
                if kind.feedback_loops
                else ""
            )
            yield InvalidValueError(
                f"{kind.name} links form a cycle {' -> '.join(cycle)}{hint}", where=where
            )


def middle_range_theory(review: Review, theory: MiddleRangeTheory) -> Problems:
    """A theory cites a known record and informs known CMOCs and themes."""
    where = f"middle_range_theories/{theory.id}"
    if theory.record_id is not None and theory.record_id not in review.records:
        yield _unknown("record", theory.record_id, where)
    for use in theory.uses:
        if use.cmoc_id is not None and use.cmoc_id not in review.cmocs:
            yield _unknown("CMOC", use.cmoc_id, where)
        if use.theme_id is not None and (
            review.framework is None or review.framework.theme(use.theme_id) is None
        ):
            yield _unknown("theme", use.theme_id, where)


def consultation(review: Review, c: Consultation) -> Problems:
    """A consultation names known versions and informants, no more informants than took part."""
    where = f"consultations/{c.id}"
    for version_id in (c.version_shown, c.contributed_to):
        if version_id is not None and version_id not in review.theory_versions:
            yield _unknown("theory version", version_id, where)
    for informant in c.informant_ids:
        if informant not in review.informants:
            yield _unknown("informant", informant, where)
    total = c.participant_count
    if total is not None and len(c.informant_ids) > total:
        yield InvalidValueError(
            f"{len(c.informant_ids)} informants listed, but {total} participant(s) declared",
            where=where,
        )


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


def confidence_assessment(review: Review, a: ConfidenceAssessment) -> Problems:
    """A confidence assessment is of a CMOC of a known version, with an adopted approach;
    every component of the approach is judged on its scale, the level is one of the
    approach's, and every evidence link named is evidence for that CMOC."""
    where = f"confidence_assessments/{a.version_id}/{a.cmoc_id}"
    version = review.theory_versions.get(a.version_id)
    if version is None:
        yield _unknown("theory version", a.version_id, where)
    elif a.cmoc_id not in version.cmoc_ids:
        yield InvalidValueError(
            f"CMOC {a.cmoc_id!r} is not in theory version {a.version_id!r}", where=where
        )
    if a.assessor is not None and a.assessor not in review.reviewers:
        yield _unknown("reviewer", a.assessor, where)
    for link_id in a.evidence:
        link = review.evidence.get(link_id)
        if link is None:
            yield _unknown("evidence", link_id, where)
        elif link.cmoc_id != a.cmoc_id:
            yield InvalidValueError(
                f"evidence {link_id!r} is evidence for {link.cmoc_id!r}, not {a.cmoc_id!r}",
                where=where,
            )
    approach = review.confidence_approaches.get(a.approach)
    if approach is None:
        yield _unknown("confidence approach", a.approach, where)
        return
    if a.level not in approach.levels:
        yield InvalidValueError(
            f"level {a.level!r} is not one of {list(approach.levels)}", where=where
        )
    for judged in a.components:
        component = approach.component(judged.component)
        if component is None:
            yield _unknown(f"component of {approach.name}", judged.component, where)
        elif judged.judgement not in component.scale:
            yield InvalidValueError(
                f"{component.name}: {judged.judgement!r} is not on the scale "
                f"{list(component.scale)}",
                where=f"{where}/{judged.component}",
            )
    missing = [c.id for c in approach.components if a.judgement(c.id) is None]
    if missing:
        yield InvalidValueError(
            f"components not judged: {', '.join(missing)} (each needs a judgement and a rationale)",
            where=where,
        )


def confirmation(review: Review, c: ItemConfirmation) -> Problems:
    """A confirmation names a known reviewer."""
    if c.by not in review.reviewers:
        yield _unknown("reviewer", c.by, f"confirmations/{c.standard}/{c.item}")


def confirmation_against(c: ItemConfirmation, standard: ReportingStandard | None) -> Problems:
    """A confirmation being given: given its standard, it names that standard and one of its
    items, and its rating (if any) is one of the standard's levels. A rating is refused
    without the standard: the review does not know the standards' scales (they are plugin
    contributions), and an unchecked level would be reported as if it were one. (Loading a
    project file cannot run this check, having no standards; the report and the checklist
    mark a level its standard lacks.)"""
    where = f"confirmations/{c.standard}/{c.item}"
    if standard is None:
        if c.rating is not None:
            yield InvalidValueError(
                f"cannot check the rating {c.rating!r} without its standard: give the "
                f"standard {c.standard!r} to confirm_item",
                where=where,
            )
        return
    if standard.name != c.standard:
        yield InvalidValueError(
            f"the confirmation is for standard {c.standard!r}, not {standard.name!r}",
            where=where,
        )
    elif standard.item(c.item) is None:
        known = ", ".join(i.key for i in standard.items)
        yield UnknownReferenceError(
            f"{standard.name} has no item {c.item!r} (items: {known})", where=where
        )
    if c.rating is not None and not standard.ratings:
        yield InvalidValueError(
            f"{standard.name} has no rating scale: its items are answered, not rated "
            f"(leave out the rating {c.rating!r})",
            where=where,
        )
    elif c.rating is not None and c.rating not in standard.ratings:
        yield InvalidValueError(
            f"{c.rating!r} is not a level of {standard.name}'s rating scale (from worst to "
            f"best: {', '.join(standard.ratings)})",
            where=where,
        )


def _unknown_stage(review: Review, item: object) -> Problems:
    """A decision or resolution at a stage the review does not have (a typo in a stage id
    would otherwise be kept, counted nowhere, and never reported)."""
    if isinstance(item, Decision | Resolution) and item.stage_id not in review.stages:
        if isinstance(item, Decision):
            where = f"decisions/{item.stage_id}/{item.record_id}/{item.reviewer}"
        else:
            where = f"resolutions/{item.stage_id}/{item.record_id}"
        known = ", ".join(review.stages) or "none yet"
        yield UnknownReferenceError(
            f"no stage {item.stage_id!r} (the review's stages: {known})", where=where
        )


def _judgement_and_confidence_problems(review: Review) -> Problems:
    """Judgements of data, confidence assessments and reporting confirmations."""
    for j in review.judgements:
        if j.target is not JudgementTarget.RECORD:
            yield from data_judgement(review, j)
    for assessment in review.confidence_assessments:
        yield from confidence_assessment(review, assessment)
    for item_confirmation in review.confirmations:
        yield from confirmation(review, item_confirmation)


def all_problems(review: Review) -> Problems:
    """Every problem of a whole review, in a stable order."""
    for run in review.search_runs.values():
        yield from search_run(review, run)
    yield from records(review)
    for st in review.stages.values():
        yield from stage(review, st)
    # each record's judgements grouped once, in the order judgements_of gives them
    judged: dict[str, list[Judgement]] = {}
    for j in review.judgements:
        if j.target is JudgementTarget.RECORD:
            judged.setdefault(j.target_id, []).append(j)
    touched = dict.fromkeys(
        [d.record_id for d in review.decisions] + [r.record_id for r in review.resolutions]
    )
    touched.update(dict.fromkeys(judged))
    for rid in touched:
        yield from record_selection(review, rid, None, judged.get(rid, ()))
    for item in (*review.decisions, *review.resolutions):
        yield from _unknown_stage(review, item)
    yield from _judgement_and_confidence_problems(review)
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
    for c in review.consultations.values():
        yield from consultation(review, c)
    for cmoc_link_ in review.cmoc_links.values():
        yield from cmoc_link(review, cmoc_link_)
    for mrt in review.middle_range_theories.values():
        yield from middle_range_theory(review, mrt)
    for dup in review.duplicate_links:
        yield from duplicate_link(review, dup)
    for decision in review.pair_decisions:
        yield from pair_decision(review, decision)
