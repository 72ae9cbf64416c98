"""Appraisal: criteria sets and reviewers' judgements against them.

A :class:`CriteriaSet` is contributed by a plugin (the built-in realist relevance / richness /
rigour set after Dada et al. 2023, a CASP checklist ...) and *adopted* by a review, which keeps
its own copy so that the project file means the same thing on a machine without the plugin.
A :class:`Judgement` applies one criterion to one record, with the rationale realist appraisal
asks for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import field, frozen

from realistsynth.model.common import check_id, non_empty, str_tuple


def _criterion_tuple(items: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return tuple(items)


__all__ = ["CriteriaSet", "Criterion", "Judgement"]


@frozen
class Criterion:
    """One appraisal question with its judgement scale.

    :ivar scale: the allowed judgements, in order (``("yes", "partly", "no")``).
    :ivar passing: the judgements that let a record through when the criterion is a gate.
    :ivar rationale_required: whether a judgement without a rationale is rejected.
    """

    id: str = field(validator=check_id)
    name: str = field(validator=non_empty)
    question: str = field(validator=non_empty)
    scale: tuple[str, ...] = field(converter=str_tuple)
    passing: tuple[str, ...] = field(default=(), converter=str_tuple)
    rationale_required: bool = False
    guidance: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.scale:
            raise ValueError(f"criterion {self.id!r} has an empty judgement scale")
        unknown = [p for p in self.passing if p not in self.scale]
        if unknown:
            raise ValueError(f"criterion {self.id!r}: passing levels {unknown} not on its scale")


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


@frozen
class Judgement:
    """One reviewer's judgement of one record against one criterion."""

    record_id: str = field(validator=check_id)
    criteria_set: str = field(validator=check_id)
    criterion: str = field(validator=check_id)
    level: str = field(validator=non_empty)
    reviewer: str = field(validator=check_id)
    rationale: str | None = None
    at: dt.datetime | None = None
