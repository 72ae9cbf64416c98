"""Selection: screening stages, reviewers' decisions, resolutions and declared counts.

Stages are ordered. A stage is *record-level* (decisions are kept per record) or *declared*
(only a count survives, as with the worked example's 5,716 title/abstract records); a *gate*
stage takes its outcome from an appraisal criterion instead of from decisions, so that realist
relevance / richness / rigour gates appear in the flow without typing any verdict twice.

Records found by other methods (citation searching, websites, organisations, experts: PRISMA
2020's second arm, see :class:`~realistsynth.model.search.Arm`) are not screened by title and
abstract: PRISMA 2020 has them enter at "reports sought for retrieval / assessed for
eligibility". The stage where they enter is marked with ``other_methods_entry`` (at most one
stage); such a record has not reached, and takes no decision at, any earlier stage. A review
that marks no stage keeps every record in one line through every stage.

A record's status at a stage is derived, never stored: a resolution wins; otherwise the
decisions of the required number of reviewers, if they agree; otherwise it is a conflict or
still pending.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs
from attrs import field, frozen

from realistsynth.model.common import PlainData, check_id, non_empty, str_tuple


def _exclusionreason_tuple(items: Iterable[ExclusionReason]) -> tuple[ExclusionReason, ...]:
    return tuple(items)


__all__ = [
    "Decision",
    "DeclaredCount",
    "ExclusionReason",
    "GateCriterion",
    "Resolution",
    "ResolutionMethod",
    "ScreeningStage",
    "StageKind",
    "StageStatus",
    "Verdict",
]


class Verdict(enum.Enum):
    """A screening verdict."""

    INCLUDE = "include"
    EXCLUDE = "exclude"
    MAYBE = "maybe"


class StageKind(enum.Enum):
    """How a stage's outcomes are known."""

    #: reviewers' decisions per record
    RECORDS = "records"
    #: only declared counts survive (records were not kept)
    DECLARED = "declared"
    #: outcome taken from an appraisal criterion's judgements
    GATE = "gate"


class ResolutionMethod(enum.Enum):
    """How a conflict was settled."""

    CONSENSUS = "consensus"
    THIRD_REVIEWER = "third-reviewer"
    SINGLE_REVIEWER = "single-reviewer"


@frozen
class ExclusionReason:
    """A reason from a stage's controlled list (``code`` is what decisions store)."""

    code: str = field(validator=check_id)
    label: str = field(validator=non_empty)


@frozen
class GateCriterion:
    """The appraisal criterion whose judgements decide a gate stage."""

    criteria_set: str = field(validator=check_id)
    criterion: str = field(validator=check_id)


@frozen
class ScreeningStage:
    """One step of selection, in the review's order of stages.

    :ivar required_reviewers: how many independent decisions settle a record (2 for dual
        screening); disagreement among them is a conflict.
    :ivar reasons: the controlled list of exclusion reasons for this stage.
    :ivar other_methods_entry: records found only by other methods (PRISMA 2020's second
        arm) enter selection at this stage, with no decision at the stages before it.
    """

    id: str = field(validator=check_id)
    name: str = field(validator=non_empty)
    kind: StageKind = StageKind.RECORDS
    required_reviewers: int = field(default=1, validator=attrs.validators.ge(1))
    reasons: tuple[ExclusionReason, ...] = field(default=(), converter=_exclusionreason_tuple)
    gate: GateCriterion | None = None
    description: str | None = None
    other_methods_entry: bool = False

    def __attrs_post_init__(self) -> None:
        if (self.kind is StageKind.GATE) != (self.gate is not None):
            raise ValueError(f"stage {self.id!r}: a gate stage needs a criterion, and only it")
        codes = [r.code for r in self.reasons]
        if len(set(codes)) != len(codes):
            raise ValueError(f"stage {self.id!r}: exclusion reason codes repeat")

    def reason(self, code: str) -> ExclusionReason | None:
        """The reason with ``code``, if the stage lists it."""
        return next((r for r in self.reasons if r.code == code), None)

    def reason_named(self, text: str) -> ExclusionReason | None:
        """The reason whose code or label (as the screening workbook shows it) is ``text``,
        in any case, if the stage lists one."""
        wanted = text.strip().casefold()
        return next(
            (r for r in self.reasons if wanted in (r.code.casefold(), r.label.casefold())), None
        )


@frozen
class Decision(PlainData):
    """One reviewer's verdict on one record at one stage."""

    stage_id: str = field(validator=check_id)
    record_id: str = field(validator=check_id)
    reviewer: str = field(validator=check_id)
    verdict: Verdict
    reason: str | None = None
    note: str | None = None
    at: dt.datetime | None = None


@frozen
class Resolution:
    """The settled verdict on a record at a stage where reviewers disagreed (or to override).

    :ivar by: initials of who resolved it (the pair in consensus, or the third reviewer).
    """

    stage_id: str = field(validator=check_id)
    record_id: str = field(validator=check_id)
    verdict: Verdict
    method: ResolutionMethod
    by: tuple[str, ...] = field(default=(), converter=str_tuple)
    reason: str | None = None
    rationale: str | None = None
    at: dt.datetime | None = None

    def __attrs_post_init__(self) -> None:
        if self.verdict is Verdict.MAYBE:
            raise ValueError("a resolution must include or exclude, not 'maybe'")
        if not self.by:
            raise ValueError("a resolution names who resolved it")


@frozen
class DeclaredCount:
    """A count reported for a stage (or for a source at identification) whose records were
    not kept, or kept only in part. Derived counts are checked against it.

    :ivar measure: what is counted at the stage: ``entered`` (screened/assessed),
        ``included``, ``excluded``, ``identified`` or ``duplicates``.
    """

    stage_id: str = field(validator=check_id)
    measure: str = field(
        validator=attrs.validators.in_(
            ("identified", "duplicates", "entered", "included", "excluded", "not-retrieved")
        )
    )
    count: int = field(validator=attrs.validators.ge(0))
    source_id: str | None = None
    reason: str | None = None
    note: str | None = None


class StageStatus(enum.Enum):
    """A record's derived status at one stage."""

    INCLUDE = "include"
    EXCLUDE = "exclude"
    #: reviewers disagree (or someone said 'maybe') and nobody resolved it
    CONFLICT = "conflict"
    #: fewer decisions than the stage requires
    PENDING = "pending"
