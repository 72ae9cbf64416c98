"""The flow of records through a review, PRISMA 2020 style, computed from the data.

Every number is derived from records, decisions, resolutions and judgements where the review
holds them, and taken from :class:`~realistsynth.model.DeclaredCount` where it does not (the
worked example kept only counts for title/abstract and full-text screening). Where both exist
they are checked against each other, and so are neighbouring stages (what one stage includes
is what the next one assesses); each disagreement becomes a :class:`FlowFinding` rather than an
error, since a published flow diagram with a mismatch is still worth drawing and fixing.

PRISMA 2020 has a second arm, "identification of new studies via other methods" (citation
searching, websites, organisations, experts ...). When the review marks the stage where
records found only by other methods enter selection
(:attr:`~realistsynth.model.ScreeningStage.other_methods_entry`), the flow counts that arm
apart (:class:`OtherMethodsArm`): the database arm's identification, duplicates and stages
count database records only, and the two arms meet at the first realist gate (or, with no
gate, at "studies included"). Without the mark, every record goes through every stage as
one line, as before. Theory-gleaning documents and key informants (RAMESES item 12) are
counted apart again (:class:`TheoryGleaning`): they shape the initial theory and are not
screened.

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
from realistsynth.model.search import Arm, SourceKind

__all__ = [
    "NOT_RETRIEVED",
    "Flow",
    "FlowFinding",
    "OtherMethodsArm",
    "ReasonCount",
    "SourceCount",
    "StageFlow",
    "TheoryGleaning",
    "compute_flow",
    "flow_as_dict",
]

#: The exclusion reason code that PRISMA reports apart, as "reports not retrieved".
NOT_RETRIEVED = "not-retrieved"

DuplicatesArg = int | Callable[[Review], int] | None

#: Kinds of source whose documents and people build the initial theory: not studies
#: identified, so not in either arm (see :class:`TheoryGleaning`).
_NOT_STUDIES = frozenset({SourceKind.THEORY_GLEANING, SourceKind.KEY_INFORMANT})


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
class OtherMethodsArm:
    """PRISMA 2020's "identification of new studies via other methods".

    :ivar sources: works identified per other-methods source (citation searching,
        websites, organisations, experts ...), each work counted once per source.
    :ivar identified: works identified by other methods in all, each counted once.
    :ivar in_databases: of those, works the database arm holds too (they go through it).
    :ivar entry_stage: the stage where these records enter selection.
    :ivar stages: the arm's counts at the entry stage and the non-gate stages after it
        (reports sought, not retrieved, assessed, excluded with reasons).
    :ivar sought: reports sought for retrieval (records that entered at ``entry_stage``).
    :ivar included: records of this arm included at its last stage before the gates.
    :ivar gates: this arm's share of each realist gate after the arms meet (the flow's
        ``stages`` count both arms there).
    """

    sources: tuple[SourceCount, ...]
    identified: int
    in_databases: int
    entry_stage: str
    stages: tuple[StageFlow, ...]
    sought: int | None
    included: int | None
    gates: tuple[StageFlow, ...] = ()


@frozen
class TheoryGleaning:
    """What shaped the initial programme theory and is not screened evidence (RAMESES 12).

    :ivar documents: theory-gleaning documents the review holds, per kind (``policy``,
        ``guidance`` ...).
    :ivar informants: key informants the review holds.
    :ivar declared_documents: documents reported (a declared ``identified`` count on a
        source of kind ``theory-gleaning``), when the paper counts more than it names.
    :ivar declared_informants: key informants reported (a declared ``identified`` count on a
        source of kind ``key-informant``).
    """

    documents: tuple[tuple[str, int], ...]
    informants: int
    declared_documents: int | None = None
    declared_informants: int | None = None

    @property
    def total_documents(self) -> int:
        """Theory-gleaning documents of every kind."""
        return sum(n for _, n in self.documents)


@frozen
class Flow:
    """The whole flow: identification, every stage, what was included, and the findings.

    :ivar other_methods: the other-methods arm, when the review marks where its records
        enter selection; then ``sources``, ``identified``, ``duplicates`` and the stages
        before the first gate count the databases arm only, and ``included`` is both arms.
    :ivar theory_gleaning: documents and informants used to build the initial theory.
    """

    sources: tuple[SourceCount, ...]
    identified: int | None
    duplicates: int | None
    stages: tuple[StageFlow, ...]
    included: int | None
    findings: tuple[FlowFinding, ...]
    other_methods: OtherMethodsArm | None = None
    theory_gleaning: TheoryGleaning = TheoryGleaning((), 0)

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
    review: Review,
    declared: dict[tuple[str, str], list[DeclaredCount]],
    arm: Arm | None = None,
) -> list[SourceCount]:
    found: Counter[str] = Counter()
    if arm is Arm.OTHER_METHODS:
        # works, not findings: a work chased from two seeds is one record identified
        works: set[tuple[str, str]] = set()
        for record in review.records.values():
            if record.id in review.theory_documents:
                continue
            for prov in record.provenance:
                if prov.source_id is not None:
                    works.add((prov.source_id, review.cluster_id_of(record.id)))
        found.update(sid for sid, _ in works)
    else:
        # distinct findings per source (realistsynth.dedup.counts): a file imported twice is
        # not found twice
        found.update(identification(review).per_source)
    by_source: dict[str, int] = {}
    for (_, measure), counts in declared.items():
        if measure == "identified":
            for c in counts:
                if c.source_id is not None:
                    by_source[c.source_id] = by_source.get(c.source_id, 0) + c.count
    out = []
    for sid, source in review.sources.items():
        if arm is not None and source.kind.arm is not arm:
            continue
        if source.kind in _NOT_STUDIES:
            continue  # counted apart, in theory_gleaning
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
    review: Review,
    stage: ScreeningStage,
    role: str,
    criterion: str | None,
    arm: Arm | None = None,
) -> StageFlow:
    # theory-gleaning documents (policy papers ...) inform the initial theory; they are not
    # screened evidence and stay out of the flow
    gleaning = review.theory_documents
    reached = [
        rid
        for rid in review.records_at(stage.id)
        if rid not in gleaning and (arm is None or review.arm_of(rid) is arm)
    ]
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
    review: Review,
    duplicates: DuplicatesArg,
    declared: dict[tuple[str, str], list[DeclaredCount]],
    arms: bool = False,
) -> int | None:
    if callable(duplicates):
        return duplicates(review)
    if duplicates is not None:
        return duplicates
    declared_total = _total([c for (_, m), cs in declared.items() if m == "duplicates" for c in cs])
    if declared_total is not None:
        return declared_total
    # findings beyond one per work (realistsynth.dedup.counts, the one place that counts
    # them); only when findings come from a search: a file of records gathered by hand says
    # nothing about duplicates removed; with two arms, only the databases arm's findings of
    # its own works count
    found = identification(review, arm=Arm.DATABASES if arms else None)
    if not found.from_searches:
        return None
    return found.duplicates_removed


def _fill_and_check(
    stages: list[StageFlow],
    findings: list[FlowFinding],
    joining: dict[str, int] | None = None,
) -> list[StageFlow]:
    """Complete declared stages from their neighbours, and check neighbours agree.

    :param joining: records that join the line at a stage from elsewhere (the other-methods
        arm's inclusions, where the two arms meet), by stage id.
    """
    joining = joining or {}
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
            and s.included + joining.get(nxt.stage_id, 0) != nxt.entered
        ):
            also = joining.get(nxt.stage_id, 0)
            findings.append(
                FlowFinding(
                    f"stages/{nxt.stage_id}",
                    f"{nxt.entered} entered {nxt.name!r} but {s.included} were included "
                    f"at {s.name!r}" + (f" and {also} via other methods" if also else ""),
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


# Complexity (radon 43): the PRISMA 2020 flow in its own order (identified, duplicates,
# screened, sought, assessed, included, other methods), each a short block that reads the
# figures before it and declared counts where there are any.
def compute_flow(review: Review, *, duplicates: DuplicatesArg = None) -> Flow:
    """The flow of records through ``review``.

    :param duplicates: the number of duplicates removed before screening, or a callable that
        computes it from the review (a de-duplication step's count); by default a declared
        ``duplicates`` count, else what the records' provenance implies.
    """
    declared = _declared(review)
    findings: list[FlowFinding] = []
    entry = review.other_methods_entry()
    sources = _sources(review, declared, Arm.DATABASES if entry is not None else None)
    identified_declared = _total(
        [
            c
            for (_, m), cs in declared.items()
            if m == "identified"
            for c in cs
            if c.source_id is None
            or c.source_id not in review.sources
            or review.sources[c.source_id].kind not in _NOT_STUDIES
        ]
    )
    identified = sum(s.count for s in sources) if sources else identified_declared
    if identified_declared is not None and not sources:
        identified = identified_declared
    dup = _resolve_duplicates(review, duplicates, declared, arms=entry is not None)
    # with two arms, the non-gate stages count the databases arm only (the arms meet at the
    # first gate); ``split`` is True for a stage counted per arm
    split: dict[str, bool] = {}
    merged = False
    for stage in review.stages.values():
        merged = merged or stage.kind is StageKind.GATE
        split[stage.id] = entry is not None and not merged

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
            flow = _record_stage(
                review, stage, role, criterion, Arm.DATABASES if split[stage.id] else None
            )
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
    other = _other_methods(review, declared, entry, split) if entry is not None else None
    joining: dict[str, int] = {}
    if other is not None:
        meeting = next(
            (
                sid
                for sid, apart in split.items()
                if not apart and review.stages[sid].kind is not StageKind.DECLARED
            ),
            None,
        )
        if meeting is not None:
            joining[meeting] = other.included or 0
    stages = _fill_and_check(stages, findings, joining)
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
    if other is not None and stages and split[stages[-1].stage_id]:
        # no gate after the arms: "total studies included" adds them up
        included = None if included is None else included + (other.included or 0)
    return Flow(
        sources=tuple(sources),
        identified=identified,
        duplicates=dup,
        stages=tuple(stages),
        included=included,
        findings=tuple(findings),
        other_methods=other,
        theory_gleaning=_theory_gleaning(review, declared),
    )


def _other_methods(
    review: Review,
    declared: dict[tuple[str, str], list[DeclaredCount]],
    entry: ScreeningStage,
    split: dict[str, bool],
) -> OtherMethodsArm:
    sources = _sources(review, declared, Arm.OTHER_METHODS)
    works = set()
    in_databases = set()
    for record in review.records.values():
        if record.id in review.theory_documents:
            continue
        for prov in record.provenance:
            source = review.source_of_finding(prov)
            if source is not None and source.kind.arm is Arm.OTHER_METHODS:
                cid = review.cluster_id_of(record.id)
                works.add(cid)
                if review.arm_of(record.id) is Arm.DATABASES:
                    in_databases.add(cid)
                break
    stages: list[StageFlow] = []
    gates: list[StageFlow] = []
    started = False
    for stage in review.stages.values():
        started = started or stage.id == entry.id
        if not started or stage.kind is StageKind.DECLARED:
            continue
        if split[stage.id]:
            stages.append(_record_stage(review, stage, "eligibility", None, Arm.OTHER_METHODS))
        elif stage.kind is StageKind.GATE:
            gates.append(
                _record_stage(
                    review, stage, "gate", _criterion_name(review, stage), Arm.OTHER_METHODS
                )
            )
    return OtherMethodsArm(
        sources=tuple(sources),
        identified=len(works),
        in_databases=len(in_databases),
        entry_stage=entry.id,
        stages=tuple(stages),
        sought=stages[0].entered if stages else None,
        included=stages[-1].included if stages else None,
        gates=tuple(gates),
    )


def _criterion_name(review: Review, stage: ScreeningStage) -> str | None:
    if stage.gate is None:
        return None
    cs = review.criteria_sets.get(stage.gate.criteria_set)
    found = cs.criterion(stage.gate.criterion) if cs else None
    return found.name if found else stage.gate.criterion


def _theory_gleaning(
    review: Review, declared: dict[tuple[str, str], list[DeclaredCount]]
) -> TheoryGleaning:
    kinds = Counter(d.kind.value for d in review.theory_documents.values() if d.kind.gleans_theory)
    said: dict[SourceKind, int] = {}
    for (_, measure), counts in declared.items():
        for c in counts:
            source = review.sources.get(c.source_id or "")
            if measure == "identified" and source is not None and source.kind in _NOT_STUDIES:
                said[source.kind] = said.get(source.kind, 0) + c.count
    return TheoryGleaning(
        tuple(sorted(kinds.items())),
        len(review.informants),
        said.get(SourceKind.THEORY_GLEANING),
        said.get(SourceKind.KEY_INFORMANT),
    )


def flow_as_dict(flow: Flow) -> dict[str, Any]:
    """The flow as plain JSON-ready data, with ``prisma2020``: the same figures under the
    ``data`` keys of the PRISMA2020 R package's template (see
    :mod:`realistsynth.selection.prisma2020`)."""
    from attrs import asdict

    data = asdict(flow, recurse=True)
    data["prisma2020"] = prisma2020.prisma2020_figures(flow)
    return data


# Last, not first: prisma2020 maps the Flow defined here and imports it; the two modules
# import each other at their top level, in the open, instead of inside a function.
from realistsynth.selection import prisma2020  # noqa: E402
