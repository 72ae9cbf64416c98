"""Lineage of CMOCs across programme theory versions, computed from refinements.

Each :class:`~realistsynth.model.Refinement` gives every CMOC of one version an outcome that
points at the CMOCs of the next version it became (none when it was not tested, for want of
evidence either way, or was refuted). Read as edges ``prior -> target``, the refinements of a
review form a directed graph;
ancestors and descendants are walks over it, across any number of versions. Nothing is stored:
the graph is rebuilt from the refinements on each call, which for the tens of CMOCs a review
holds costs microseconds.

A CMOC carried unchanged under the *same* id (``supported`` pointing at itself) is
its own target; such self-edges are ignored by the walks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from attrs import frozen

from realistsynth.model.review import Review
from realistsynth.model.theory import OutcomeKind

__all__ = [
    "Lineage",
    "LineageStep",
    "ancestors",
    "children",
    "descendants",
    "lineage_steps",
    "parents",
    "roots",
]


@frozen
class LineageStep:
    """One edge of the lineage: what became of ``source`` in the move to ``to_version``.

    ``target`` is ``None`` for outcomes without targets (not tested, refuted).
    """

    from_version: str
    to_version: str
    source: str
    kind: OutcomeKind
    target: str | None
    rationale: str


def lineage_steps(review: Review) -> tuple[LineageStep, ...]:
    """Every lineage edge of the review, refinement by refinement, outcome by outcome."""
    steps = []
    for ref in review.refinements:
        for outcome in ref.outcomes:
            targets: Iterable[str | None] = outcome.targets or (None,)
            for target in targets:
                steps.append(
                    LineageStep(
                        ref.from_version,
                        ref.to_version,
                        outcome.cmoc_id,
                        outcome.kind,
                        target,
                        outcome.rationale,
                    )
                )
    return tuple(steps)


class Lineage:
    """The lineage graph of a review, built once from its refinements.

    The module's functions build it on each call, which is right for one question; a caller
    asking about every CMOC (``theory show``) builds one :class:`Lineage` and asks it.
    """

    __slots__ = ("_down", "_up", "steps")

    def __init__(self, steps: Iterable[LineageStep]) -> None:
        self.steps: tuple[LineageStep, ...] = tuple(steps)
        self._up: dict[str, list[str]] = {}
        self._down: dict[str, list[str]] = {}
        for s in self.steps:
            if s.target is None or s.target == s.source:
                continue
            self._up.setdefault(s.target, []).append(s.source)
            self._down.setdefault(s.source, []).append(s.target)

    @classmethod
    def of(cls, review: Review) -> Lineage:
        """The lineage of ``review`` (from :func:`lineage_steps`)."""
        return cls(lineage_steps(review))

    def parents(self, cmoc_id: str) -> tuple[LineageStep, ...]:
        """See :func:`parents`."""
        return tuple(s for s in self.steps if s.target == cmoc_id and s.source != cmoc_id)

    def children(self, cmoc_id: str) -> tuple[LineageStep, ...]:
        """See :func:`children`."""
        return tuple(s for s in self.steps if s.source == cmoc_id)

    def ancestors(self, cmoc_id: str) -> tuple[str, ...]:
        """See :func:`ancestors`."""
        return _walk(self._up, cmoc_id)

    def descendants(self, cmoc_id: str) -> tuple[str, ...]:
        """See :func:`descendants`."""
        return _walk(self._down, cmoc_id)

    def roots(self, cmoc_id: str) -> tuple[str, ...]:
        """See :func:`roots`."""
        found = [a for a in self.ancestors(cmoc_id) if not self.parents(a)]
        return tuple(found) or (cmoc_id,)


def _walk(edges: dict[str, list[str]], start: str) -> tuple[str, ...]:
    seen = {start}
    order: list[str] = []
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return tuple(order)


def parents(review: Review, cmoc_id: str) -> tuple[LineageStep, ...]:
    """The steps that led to ``cmoc_id`` (the prior CMOCs it was refined, merged or split from)."""
    return Lineage.of(review).parents(cmoc_id)


def children(review: Review, cmoc_id: str) -> tuple[LineageStep, ...]:
    """The steps that say what ``cmoc_id`` became (one per target, or one without target)."""
    return Lineage.of(review).children(cmoc_id)


def ancestors(review: Review, cmoc_id: str) -> tuple[str, ...]:
    """Every CMOC ``cmoc_id`` descends from, nearest first, across all versions."""
    return Lineage.of(review).ancestors(cmoc_id)


def descendants(review: Review, cmoc_id: str) -> tuple[str, ...]:
    """Every CMOC that descends from ``cmoc_id``, nearest first, across all versions."""
    return Lineage.of(review).descendants(cmoc_id)


def roots(review: Review, cmoc_id: str) -> tuple[str, ...]:
    """The earliest ancestors of ``cmoc_id`` (those with no parents); itself if it has none."""
    return Lineage.of(review).roots(cmoc_id)
