"""The flow of records through a review, PRISMA 2020 style, computed from the data.

Every number is derived from records, decisions, resolutions and judgements where the review
holds them, and taken from :class:`~realistsynth.model.DeclaredCount` where it does not (the
worked example kept only counts for title/abstract and full-text screening). Where both exist
they are checked against each other, and so are neighbouring stages (what one stage includes
is what the next one assesses); each disagreement becomes a :class:`FlowFinding` rather than an
error, since a published flow diagram with a mismatch is still worth drawing and fixing.

Duplicates removed come, in order of preference, from the ``duplicates`` argument (a number or
a callable given the review, so a de-duplication step can plug in its own count), then a
declared ``duplicates`` count, then the records' provenance (findings beyond one per record).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from attrs import frozen

from realistsynth.dedup.counts import identification
from realistsynth.model.review import Review
from realistsynth.model.screening import (
    DeclaredCount,
    ScreeningStage,
    StageKind,
    StageStatus,
)

__all__ = [
    "NOT_RETRIEVED",
    "Flow",
    "FlowFinding",
    "ReasonCount",
    "SourceCount",
    "StageFlow",
    "compute_flow",
    "flow_as_dict",
]

#: The exclusion reason code that PRISMA reports apart, as "reports not retrieved".
NOT_RETRIEVED = "not-retrieved"

DuplicatesArg = int | Callable[[Review], int] | None


@frozen
class SourceCount:
    """Records identified from one source; ``declared`` when the number was declared."""

    source_id: str
    name: str
    kind: str
    count: int
    declared: bool


@frozen
class ReasonCount:
    """Records excluded at a stage for one reason (``code`` None: no reason recorded)."""

    code: str | None
    label: str
    count: int


@frozen
class StageFlow:
    """The counts of one stage.

    :ivar role: how PRISMA names the stage: ``screening`` (the first non-gate stage),
        ``eligibility`` (later non-gate stages: full text) or ``gate`` (a realist appraisal
        gate).
    :ivar entered: records that reached the stage (screened, sought, assessed).
    :ivar not_retrieved: reports sought but not retrieved (exclusions for the reason
        ``not-retrieved``, or declared); counted apart from ``excluded``.
    :ivar undecided: records still pending or in conflict at the stage.
    """

    stage_id: str
    name: str
    kind: str
    role: str
    entered: int | None
    included: int | None
    excluded: int | None
    not_retrieved: int | None
    undecided: int
    conflicts: int
    reasons: tuple[ReasonCount, ...]
    declared: bool
    criterion: str | None = None


@frozen
class FlowFinding:
    """A disagreement between counts (declared vs derived, or between stages)."""

    where: str
    message: str


@frozen
class Flow:
    """The whole flow: identification, every stage, what was included, and the findings."""

    sources: tuple[SourceCount, ...]
    identified: int | None
    duplicates: int | None
    stages: tuple[StageFlow, ...]
    included: int | None
    findings: tuple[FlowFinding, ...]

    def stage(self, stage_id: str) -> StageFlow:
        """The counts of one stage."""
        for s in self.stages:
            if s.stage_id == stage_id:
                return s
        raise KeyError(stage_id)


def _declared(review: Review) -> dict[tuple[str, str], list[DeclaredCount]]:
    out: dict[tuple[str, str], list[DeclaredCount]] = {}
    for c in review.declared_counts:
        out.setdefault((c.stage_id, c.measure), []).append(c)
    return out


def _total(counts: list[DeclaredCount] | None, *, with_reason: bool | None = None) -> int | None:
    if not counts:
        return None
    chosen = [c for c in counts if with_reason is None or (c.reason is not None) == with_reason]
    return sum(c.count for c in chosen) if chosen else None


def _sources(
    review: Review, declared: dict[tuple[str, str], list[DeclaredCount]]
) -> list[SourceCount]:
    # distinct findings per source: a file imported twice is not found twice
    found = identification(review).per_source
    by_source: dict[str, int] = {}
    for (_, measure), counts in declared.items():
        if measure == "identified":
            for c in counts:
                if c.source_id is not None:
                    by_source[c.source_id] = by_source.get(c.source_id, 0) + c.count
    out = []
    for sid, source in review.sources.items():
        if sid in by_source:
            out.append(SourceCount(sid, source.name, source.kind.value, by_source[sid], True))
        elif found.get(sid):
            out.append(SourceCount(sid, source.name, source.kind.value, found[sid], False))
    return out


def _reason_of(review: Review, stage: ScreeningStage, record_id: str) -> str | None:
    resolution = review.resolution_on(stage.id, record_id)
    if resolution is not None:
        return resolution.reason
    reasons = [d.reason for d in review.decisions_on(stage.id, record_id).values() if d.reason]
    if not reasons:
        return None
    order = {r.code: i for i, r in enumerate(stage.reasons)}
    counted = Counter(reasons)
    # the reason most reviewers gave; ties go to the one listed first for the stage
    return min(counted, key=lambda code: (-counted[code], order.get(code, len(order)), code))


def _label(stage: ScreeningStage, code: str | None) -> str:
    if code is None:
        return "reason not recorded"
    reason = stage.reason(code)
    return reason.label if reason is not None else code


def _record_stage(
    review: Review, stage: ScreeningStage, role: str, criterion: str | None
) -> StageFlow:
    # theory-gleaning documents (policy papers ...) inform the initial theory; they are not
    # screened evidence and stay out of the flow
    gleaning = review.theory_documents
    reached = [rid for rid in review.records_at(stage.id) if rid not in gleaning]
    status_of = {rid: review.status(stage.id, rid) for rid in reached}
    statuses = Counter(status_of.values())
    entered = sum(statuses.values())
    reasons: Counter[str | None] = Counter()
    not_retrieved = 0
    if stage.kind is StageKind.RECORDS:
        for rid in (r for r, st in status_of.items() if st is StageStatus.EXCLUDE):
            code = _reason_of(review, stage, rid)
            if code == NOT_RETRIEVED:
                not_retrieved += 1
            else:
                reasons[code] += 1
    excluded = statuses[StageStatus.EXCLUDE] - not_retrieved
    order = {r.code: i for i, r in enumerate(stage.reasons)}
    grouped = tuple(
        ReasonCount(code, _label(stage, code), n)
        for code, n in sorted(
            reasons.items(),
            key=lambda kv: (kv[0] is None, order.get(kv[0] or "", len(order)), kv[0] or ""),
        )
    )
    return StageFlow(
        stage_id=stage.id,
        name=stage.name,
        kind=stage.kind.value,
        role=role,
        entered=entered,
        included=statuses[StageStatus.INCLUDE],
        excluded=excluded,
        not_retrieved=not_retrieved if role != "gate" else None,
        undecided=statuses[StageStatus.PENDING] + statuses[StageStatus.CONFLICT],
        conflicts=statuses[StageStatus.CONFLICT],
        reasons=grouped,
        declared=False,
        criterion=criterion,
    )


def _declared_stage(
    stage: ScreeningStage,
    role: str,
    declared: dict[tuple[str, str], list[DeclaredCount]],
) -> StageFlow:
    excluded_counts = declared.get((stage.id, "excluded"))
    reasons = tuple(
        ReasonCount(c.reason, _label(stage, c.reason), c.count)
        for c in excluded_counts or []
        if c.reason is not None
    )
    return StageFlow(
        stage_id=stage.id,
        name=stage.name,
        kind=stage.kind.value,
        role=role,
        entered=_total(declared.get((stage.id, "entered"))),
        included=_total(declared.get((stage.id, "included"))),
        excluded=_total(excluded_counts),
        not_retrieved=_total(declared.get((stage.id, "not-retrieved"))),
        undecided=0,
        conflicts=0,
        reasons=reasons,
        declared=True,
    )


def _resolve_duplicates(
    review: Review, duplicates: DuplicatesArg, declared: dict[tuple[str, str], list[DeclaredCount]]
) -> int | None:
    if callable(duplicates):
        return duplicates(review)
    if duplicates is not None:
        return duplicates
    declared_total = _total([c for (_, m), cs in declared.items() if m == "duplicates" for c in cs])
    if declared_total is not None:
        return declared_total
    # findings beyond one per work (see realistsynth.dedup.counts, the one place that counts
    # them); only when findings come from a search: a file of records gathered by hand says
    # nothing about duplicates removed
    found = identification(review)
    if not found.from_searches:
        return None
    return found.duplicates_removed


def _fill_and_check(stages: list[StageFlow], findings: list[FlowFinding]) -> list[StageFlow]:
    """Complete declared stages from their neighbours, and check neighbours agree."""
    out = list(stages)
    for i, s in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else None
        if s.declared:
            included, excluded = s.included, s.excluded
            if included is None and nxt is not None and nxt.entered is not None:
                included = nxt.entered
            if s.entered is not None:
                if included is None and excluded is not None:
                    included = s.entered - excluded - (s.not_retrieved or 0)
                if excluded is None and included is not None:
                    excluded = s.entered - included - (s.not_retrieved or 0)
            out[i] = StageFlow(**{**_fields(s), "included": included, "excluded": excluded})
            s = out[i]
        if (
            s.entered is not None
            and s.included is not None
            and s.excluded is not None
            and s.entered != s.included + s.excluded + (s.not_retrieved or 0) + s.undecided
        ):
            findings.append(
                FlowFinding(
                    f"stages/{s.stage_id}",
                    f"{s.entered} entered but {s.included} included + {s.excluded} excluded"
                    + (f" + {s.not_retrieved} not retrieved" if s.not_retrieved else "")
                    + (f" + {s.undecided} undecided" if s.undecided else ""),
                )
            )
        if (
            nxt is not None
            and s.included is not None
            and nxt.entered is not None
            and s.included != nxt.entered
        ):
            findings.append(
                FlowFinding(
                    f"stages/{nxt.stage_id}",
                    f"{nxt.entered} entered {nxt.name!r} but {s.included} were included "
                    f"at {s.name!r}",
                )
            )
    return out


def _fields(s: StageFlow) -> dict[str, Any]:
    from attrs import asdict

    return asdict(s, recurse=False)


def _check_declared_against_derived(
    s: StageFlow, declared: dict[tuple[str, str], list[DeclaredCount]], findings: list[FlowFinding]
) -> None:
    for measure, derived in (
        ("entered", s.entered),
        ("included", s.included),
        ("excluded", s.excluded),
        ("not-retrieved", s.not_retrieved),
    ):
        said = _total(declared.get((s.stage_id, measure)))
        if said is not None and derived is not None and said != derived:
            findings.append(
                FlowFinding(
                    f"declared_counts/{s.stage_id}/{measure}",
                    f"declared {said} {measure} at {s.name!r}, but the records give {derived}",
                )
            )


def compute_flow(review: Review, *, duplicates: DuplicatesArg = None) -> Flow:
    """The flow of records through ``review``.

    :param duplicates: the number of duplicates removed before screening, or a callable that
        computes it from the review (a de-duplication step's count); by default a declared
        ``duplicates`` count, else what the records' provenance implies.
    """
    declared = _declared(review)
    findings: list[FlowFinding] = []
    sources = _sources(review, declared)
    identified_declared = _total(
        [c for (_, m), cs in declared.items() if m == "identified" for c in cs]
    )
    identified = sum(s.count for s in sources) if sources else identified_declared
    if identified_declared is not None and not sources:
        identified = identified_declared
    dup = _resolve_duplicates(review, duplicates, declared)

    stages: list[StageFlow] = []
    seen_screening = False
    for stage in review.stages.values():
        if stage.kind is StageKind.GATE:
            role = "gate"
        elif not seen_screening:
            role, seen_screening = "screening", True
        else:
            role = "eligibility"
        criterion = None
        if stage.gate is not None:
            cs = review.criteria_sets.get(stage.gate.criteria_set)
            found = cs.criterion(stage.gate.criterion) if cs else None
            criterion = found.name if found else stage.gate.criterion
        if stage.kind is StageKind.DECLARED:
            flow = _declared_stage(stage, role, declared)
        else:
            flow = _record_stage(review, stage, role, criterion)
            declared_entered = _total(declared.get((stage.id, "entered")))
            if flow.entered == 0 and declared_entered:
                # records of this stage were not kept: the declaration is all there is
                flow = _declared_stage(stage, role, declared)
                flow = StageFlow(
                    **{**_fields(flow), "kind": stage.kind.value, "criterion": criterion}
                )
            else:
                _check_declared_against_derived(flow, declared, findings)
        stages.append(flow)
    stages = _fill_and_check(stages, findings)
    if (
        stages
        and identified is not None
        and dup is not None
        and stages[0].entered is not None
        and identified - dup != stages[0].entered
    ):
        findings.append(
            FlowFinding(
                f"stages/{stages[0].stage_id}",
                f"{identified} identified - {dup} duplicates = {identified - dup}, but "
                f"{stages[0].entered} were screened",
            )
        )
    included = stages[-1].included if stages else None
    return Flow(
        sources=tuple(sources),
        identified=identified,
        duplicates=dup,
        stages=tuple(stages),
        included=included,
        findings=tuple(findings),
    )


def flow_as_dict(flow: Flow) -> dict[str, Any]:
    """The flow as plain JSON-ready data."""
    from attrs import asdict

    return asdict(flow, recurse=True)
