"""Appraisal: criteria sets, and reviewers' judgements of documents and of data against them.

A :class:`CriteriaSet` is contributed by a plugin (the built-in realist relevance / richness /
rigour set after Dada et al. 2023, a CASP checklist ...) and *adopted* by a review, which keeps
its own copy so that the project file means the same thing on a machine without the plugin.

Realist appraisal is not done at one level. Relevance and richness are judged of a document
against the programme theory; rigour is judged of the *data* a document gives, the fragment
that supports or refutes a CMOC, so that "robust data points from methodologically weaker
studies" can be used (Pawson 2006). A :class:`Judgement` therefore targets a record, a coded
extract or an evidence link (:class:`JudgementTarget`), and each :class:`Criterion` says which
targets it applies to. A criterion's passing levels say what counts as passing; whether a
criterion *excludes* documents is the review's choice (a gate stage), never the criterion's.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from attrs import field, frozen

from realistsynth.model.common import PlainData, check_id, non_empty, str_tuple


def _criterion_tuple(items: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return tuple(items)


__all__ = ["CriteriaSet", "Criterion", "Judgement", "JudgementTarget"]


class JudgementTarget(enum.Enum):
    """What a judgement is about: a whole document, or one datum of it."""

    #: a record (a document): relevance and richness are judged here.
    RECORD = "record"
    #: a coded extract (a passage of a document): a datum.
    EXTRACT = "extract"
    #: an evidence link (the tie between a datum and a CMOC): a datum as used.
    EVIDENCE = "evidence"

    @property
    def is_data(self) -> bool:
        """Whether the target is a datum (an extract or an evidence link), not a document."""
        return self is not JudgementTarget.RECORD


def _targets(items: Iterable[JudgementTarget | str]) -> tuple[JudgementTarget, ...]:
    if isinstance(items, (str, JudgementTarget)):
        items = (items,)
    out = tuple(JudgementTarget(i) for i in items)
    return tuple(dict.fromkeys(out))


@frozen
class Criterion:
    """One appraisal question with its judgement scale.

    :ivar scale: the allowed judgements, in order (``("yes", "partly", "no")``).
    :ivar passing: the judgements that count as passing: they let a record through when a
        review makes the criterion a gate, and mark a datum as trustworthy for data targets.
    :ivar rationale_required: whether a judgement without a rationale is rejected.
    :ivar applies_to: what the criterion can be applied to (records by default; realist
        rigour applies to extracts and evidence links).
    """

    id: str = field(validator=check_id)
    name: str = field(validator=non_empty)
    question: str = field(validator=non_empty)
    scale: tuple[str, ...] = field(converter=str_tuple)
    passing: tuple[str, ...] = field(default=(), converter=str_tuple)
    rationale_required: bool = False
    guidance: str | None = None
    applies_to: tuple[JudgementTarget, ...] = field(
        default=(JudgementTarget.RECORD,), converter=_targets
    )

    def __attrs_post_init__(self) -> None:
        if not self.scale:
            raise ValueError(f"criterion {self.id!r} has an empty judgement scale")
        unknown = [p for p in self.passing if p not in self.scale]
        if unknown:
            raise ValueError(f"criterion {self.id!r}: passing levels {unknown} not on its scale")
        if not self.applies_to:
            raise ValueError(f"criterion {self.id!r} applies to nothing")

    def applies(self, target: JudgementTarget) -> bool:
        """Whether the criterion can be applied to ``target``."""
        return target in self.applies_to

    @property
    def data_level(self) -> bool:
        """Whether the criterion judges data (extracts or evidence links)."""
        return any(t.is_data for t in self.applies_to)


@frozen
class CriteriaSet:
    """A named, versioned set of appraisal criteria."""

    name: str = field(validator=check_id)
    title: str = field(validator=non_empty)
    criteria: tuple[Criterion, ...] = field(converter=_criterion_tuple)
    version: str | None = None
    citation: str | None = None

    def __attrs_post_init__(self) -> None:
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError(f"criteria set {self.name!r} repeats a criterion id")

    def criterion(self, criterion_id: str) -> Criterion | None:
        """The criterion with ``criterion_id``, if the set has it."""
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def for_target(self, target: JudgementTarget) -> tuple[Criterion, ...]:
        """The criteria that apply to ``target``."""
        return tuple(c for c in self.criteria if c.applies(target))


@frozen
class Judgement(PlainData):
    """One reviewer's judgement of one record, extract or evidence link against a criterion.

    ``target_id`` is first so that ``Judgement("aunger2022", "realist-rrr", "relevance", ...)``
    judges a record, as before data-level appraisal existed.
    """

    target_id: str = field(validator=check_id)
    criteria_set: str = field(validator=check_id)
    criterion: str = field(validator=check_id)
    level: str = field(validator=non_empty)
    reviewer: str = field(validator=check_id)
    rationale: str | None = None
    at: dt.datetime | None = None
    target: JudgementTarget = JudgementTarget.RECORD

    @property
    def record_id(self) -> str | None:
        """The judged record's id, when the target is a record."""
        return self.target_id if self.target is JudgementTarget.RECORD else None

    @property
    def key(self) -> tuple[str, str, str, str]:
        """(target kind, target id, criteria set, criterion): one judgement per reviewer each."""
        return (self.target.value, self.target_id, self.criteria_set, self.criterion)
