"""Screening work on a review: default stages, blinded queues, conflicts, agreement per
reviewer pair, and applying a batch of decisions all together or not at all.

These are queries and one command over the :class:`~realistsynth.model.Review` aggregate; they
keep no state. Applying a batch is where every outside source of decisions (workbooks, Rayyan,
Covidence) ends up, so the all-or-nothing rule and the "same input twice changes nothing" rule
live here once: the batch is first tried on a scratch copy of the review, every problem is
collected with the row it came from, and only a clean batch touches the real review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import combinations

import attrs
from attrs import frozen

from realistsynth.errors import DecisionImportError, ReviewError, UnknownReferenceError
from realistsynth.model.appraisal import JudgementTarget
from realistsynth.model.review import Review
from realistsynth.model.screening import (
    Decision,
    ExclusionReason,
    Resolution,
    ScreeningStage,
    StageKind,
    StageStatus,
    Verdict,
)
from realistsynth.plugins.registry import PluginManager
from realistsynth.selection.agreement import Agreement, agreement

__all__ = [
    "FULL_TEXT_REASONS",
    "TITLE_ABSTRACT_REASONS",
    "ApplyResult",
    "Conflict",
    "PairAgreement",
    "Sourced",
    "apply_decisions",
    "blinded_queue",
    "conflicts",
    "default_stages",
    "stage_agreement",
]

#: Exclusion reasons offered at title/abstract screening by default.
TITLE_ABSTRACT_REASONS: tuple[ExclusionReason, ...] = (
    ExclusionReason("off-topic", "Not about the review's topic"),
    ExclusionReason("wrong-population", "Wrong population or setting"),
    ExclusionReason("wrong-publication-type", "Wrong publication type"),
    ExclusionReason("outside-dates", "Outside the publication date range"),
    ExclusionReason("language", "Not in an included language"),
)

#: Exclusion reasons offered at full-text screening by default (realist reviews include
#: sources for what they can say about the programme theory, not for their design).
FULL_TEXT_REASONS: tuple[ExclusionReason, ...] = (
    ExclusionReason("off-topic", "Not about the review's topic"),
    ExclusionReason("wrong-population", "Wrong population or setting"),
    ExclusionReason("no-programme-theory", "Cannot inform the programme theory"),
    ExclusionReason("wrong-publication-type", "Wrong publication type"),
    ExclusionReason("duplicate", "Duplicate report of an included source"),
    ExclusionReason("not-retrieved", "Full text could not be retrieved"),
)


def default_stages(
    required_reviewers: int = 2, *, other_methods_entry: bool = True
) -> tuple[ScreeningStage, ...]:
    """The usual two screening stages: title/abstract, then full text, dual screened.

    :param other_methods_entry: records found only by other methods (citation searching,
        websites, experts ...) enter at full text, as PRISMA 2020 draws them; ``False``
        sends every record through title/abstract screening.
    """
    return (
        ScreeningStage(
            id="title-abstract",
            name="Title and abstract screening",
            required_reviewers=required_reviewers,
            reasons=TITLE_ABSTRACT_REASONS,
        ),
        ScreeningStage(
            id="full-text",
            name="Full-text screening",
            required_reviewers=required_reviewers,
            reasons=FULL_TEXT_REASONS,
            other_methods_entry=other_methods_entry,
        ),
    )


def require_stage(review: Review, stage_id: str) -> ScreeningStage:
    """The stage ``stage_id`` of ``review`` (shared by the selection modules, not exported).

    :raises UnknownReferenceError: naming the stages the review has.
    """
    stage = review.stages.get(stage_id)
    if stage is None:
        known = ", ".join(review.stages) or "none"
        raise UnknownReferenceError(
            f"no stage {stage_id!r} (stages: {known})", where=f"stages/{stage_id}"
        )
    return stage


def blinded_queue(review: Review, stage_id: str, reviewer: str) -> list[str]:
    """Ids of the records waiting for ``reviewer`` at a stage, in import order.

    A record is waiting when it reached the stage and ``reviewer`` has not decided on it. The
    queue says nothing about other reviewers' decisions (nor about conflicts or resolutions),
    so that screening stays independent.
    """
    stage = require_stage(review, stage_id)
    if stage.kind is not StageKind.RECORDS:
        raise UnknownReferenceError(
            f"stage {stage_id!r} is a {stage.kind.value} stage: nobody screens records there",
            where=f"stages/{stage_id}",
        )
    if reviewer not in review.reviewers:
        raise UnknownReferenceError(f"no reviewer {reviewer!r}", where=f"reviewers/{reviewer}")
    return [
        rid
        for rid in review.records_at(stage_id)
        if reviewer not in review.decisions_on(stage_id, rid)
    ]


@frozen
class Conflict:
    """A record whose decisions at a stage disagree (or include a 'maybe'), unresolved."""

    stage_id: str
    record_id: str
    decisions: tuple[Decision, ...]


def conflicts(review: Review, stage_id: str) -> list[Conflict]:
    """Every unresolved conflict at a stage, in record order."""
    require_stage(review, stage_id)
    return [
        Conflict(stage_id, rid, tuple(review.decisions_on(stage_id, rid).values()))
        for rid in review.records_at(stage_id, StageStatus.CONFLICT)
    ]


@frozen
class PairAgreement:
    """Agreement of one pair of reviewers at one stage, on the records both decided."""

    stage_id: str
    reviewers: tuple[str, str]
    agreement: Agreement


def _ratings(review: Review, stage: ScreeningStage) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Each reviewer's rating per record at a stage, and the categories in their order."""
    by_reviewer: dict[str, dict[str, str]] = {}
    if stage.gate is not None:
        gate = stage.gate
        for j in review.judgements:
            gated = (j.criteria_set, j.criterion) == (gate.criteria_set, gate.criterion)
            if gated and j.target is JudgementTarget.RECORD:
                by_reviewer.setdefault(j.reviewer, {})[j.target_id] = j.level
        cs = review.criteria_sets.get(gate.criteria_set)
        criterion = cs.criterion(gate.criterion) if cs else None
        return by_reviewer, list(criterion.scale) if criterion else []
    for d in review.decisions:
        if d.stage_id == stage.id:
            by_reviewer.setdefault(d.reviewer, {})[d.record_id] = d.verdict.value
    return by_reviewer, [v.value for v in Verdict]


def stage_agreement(
    review: Review, stage_id: str, *, confidence: float = 0.95
) -> list[PairAgreement]:
    """Agreement per reviewer pair at a stage, from the reviewers' own ratings (before any
    resolution). Pairs who rated no record in common are left out.

    At a screening stage the ratings are the verdicts (include, exclude, maybe); at a gate they
    are the levels of its criterion (relevant, partly relevant ...). The categories are those
    that either reviewer of the pair used, in the order of the verdicts or of the scale.
    """
    stage = require_stage(review, stage_id)
    by_reviewer, order = _ratings(review, stage)
    out = []
    for a, b in combinations(sorted(by_reviewer), 2):
        common = [rid for rid in by_reviewer[a] if rid in by_reviewer[b]]
        if not common:
            continue
        pairs = [(by_reviewer[a][rid], by_reviewer[b][rid]) for rid in common]
        used = {v for pr in pairs for v in pr}
        categories = [v for v in order if v in used] + sorted(used - set(order))
        out.append(
            PairAgreement(stage_id, (a, b), agreement(pairs, categories, confidence=confidence))
        )
    return out


@frozen
class Sourced:
    """A decision or resolution to apply, with the place it was read from (``sheet!12``)."""

    item: Decision | Resolution
    where: str


@frozen
class ApplyResult:
    """What applying a batch did: how many items were new, changed, or already there."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0


def _same(old: Decision | Resolution | None, new: Decision | Resolution) -> bool:
    # the timestamp records when a decision was made, not what it is: re-reading the same
    # workbook later must not count as a change
    return old is not None and attrs.evolve(old, at=None) == attrs.evolve(new, at=None)


def _existing(review: Review, item: Decision | Resolution) -> Decision | Resolution | None:
    if isinstance(item, Decision):
        return review.decisions_on(item.stage_id, item.record_id).get(item.reviewer)
    return review.resolution_on(item.stage_id, item.record_id)


def _apply_one(review: Review, item: Decision | Resolution) -> None:
    if isinstance(item, Decision):
        review.record_decision(item)
    else:
        review.resolve(item)


def _stage_rank(review: Review) -> dict[str, int]:
    return {sid: i for i, sid in enumerate(review.stages)}


def apply_decisions(
    review: Review,
    items: Sequence[Sourced],
    *,
    now: dt.datetime | None = None,
    where: str = "",
    plugin_manager: PluginManager | None = None,
) -> ApplyResult:
    """Apply decisions and resolutions all together, or none of them.

    Items equal to what the review already holds (timestamps aside) are skipped, so applying
    the same batch twice changes nothing. New or changed items without a timestamp get ``now``.
    Items are applied stage by stage, so a batch may carry a record through several stages.

    :param plugin_manager: if given, its subscribers of ``realistsynth_decision_recorded``
        are told of each new or changed decision once the whole batch is applied.
    :raises DecisionImportError: listing every item that cannot be applied, with its place;
        the review is then left exactly as it was.
    """
    stamp = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    rank = _stage_rank(review)
    ordered = sorted(items, key=lambda s: rank.get(s.item.stage_id, -1))
    problems: list[str] = []
    todo: list[Decision | Resolution] = []
    added = changed = unchanged = 0
    scratch = Review.from_document(review.to_document(), strict=False)
    seen: dict[tuple[str, ...], str] = {}
    for sourced in ordered:
        item = sourced.item
        key: tuple[str, ...] = (
            ("d", item.stage_id, item.record_id, item.reviewer)
            if isinstance(item, Decision)
            else ("r", item.stage_id, item.record_id)
        )
        if key in seen:
            problems.append(f"{sourced.where}: repeats {seen[key]} for the same record")
            continue
        seen[key] = sourced.where
        old = _existing(review, item)
        if _same(old, item):
            unchanged += 1
            continue
        if item.at is None:
            item = attrs.evolve(item, at=stamp)
        try:
            _apply_one(scratch, item)
        except ReviewError as exc:
            problems.append(f"{sourced.where}: {exc.message}")
            continue
        todo.append(item)
        if old is None:
            added += 1
        else:
            changed += 1
    if problems:
        raise DecisionImportError(problems, where=where)
    _apply_all(review, todo)
    if plugin_manager is not None:
        for item in todo:
            if isinstance(item, Decision):
                plugin_manager.notify(
                    "realistsynth_decision_recorded", review=review, decision=item
                )
    return ApplyResult(added, changed, unchanged)


def _apply_all(review: Review, todo: Iterable[Decision | Resolution]) -> None:
    before = review.to_document()
    try:
        for item in todo:
            _apply_one(review, item)
    except ReviewError:
        # the scratch run makes this unreachable in practice; if it ever happens, put the
        # review back rather than leave half a batch in it
        restored = Review.from_document(before, strict=False)
        review.__dict__.update(restored.__dict__)
        raise
