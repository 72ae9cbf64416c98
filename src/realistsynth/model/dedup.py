"""De-duplication as data: the links a run found, the reviewers' pair decisions, the clusters.

What is *stored* are pairwise facts, each with its reason: a :class:`DuplicateLink` says that a
matching rule judged two records the same work (``duplicate``), could not tell (``uncertain``:
the review queue) or found them related but distinct (``related``: an erratum and its article),
with the rule's name and a score per field; a
:class:`PairDecision` says what a reviewer decided about a pair. What is *derived* are the
clusters: :func:`cluster_records` joins records along duplicate links and "same" decisions with
union-find, and never across a "different" decision. Storing links rather than clusters makes
every merge explainable (the link carries its reason) and undoable (removing the link, or
deciding "different", splits the cluster again), and no record is ever deleted: each stays in
the review, linked to its cluster, so per-source counts and "duplicates removed" are computed.

Clusters are independent of record and link order: links are applied strongest first with ties
broken by the pair's ids, and a cluster is named after its smallest member id.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from attrs import field, frozen

from realistsynth.model.common import check_id

__all__ = [
    "DuplicateLink",
    "LinkVerdict",
    "PairDecision",
    "cluster_records",
    "pair_key",
]


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The two ids of a pair in a canonical order (smaller first)."""
    return (a, b) if a <= b else (b, a)


def _check_pair(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if instance.record_a == value:
        raise ValueError(f"a pair needs two different records, not {value!r} twice")
    if instance.record_a > value:
        raise ValueError(
            f"pair ({instance.record_a!r}, {value!r}) is not in canonical order "
            "(use the .of() constructor)"
        )


def _check_unit(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} {value!r} is not between 0 and 1")


def _scores(value: Mapping[str, float]) -> dict[str, float]:
    return {str(k): float(v) for k, v in value.items()}


class LinkVerdict(enum.Enum):
    """What a matching rule concluded about a pair."""

    #: the same work: the records join one cluster
    DUPLICATE = "duplicate"
    #: between the thresholds: a reviewer decides (the review queue)
    UNCERTAIN = "uncertain"
    #: related works, not duplicates (an erratum and its article, a protocol and its results)
    RELATED = "related"


@frozen
class DuplicateLink:
    """A pair of records a de-duplication run found, with the reason.

    :ivar record_a: the smaller id of the pair (see :meth:`of`).
    :ivar record_b: the larger id.
    :ivar verdict: duplicate (merged) or uncertain (queued for a reviewer).
    :ivar rule: the name of the rule that decided (``doi``, ``fuzzy`` ...).
    :ivar score: the overall similarity, 0 to 1.
    :ivar field_scores: one similarity per compared field, 0 to 1.
    :ivar note: why a pair is uncertain or related (``preprint and published version``).
    """

    record_a: str = field(validator=check_id)
    record_b: str = field(validator=[check_id, _check_pair])
    verdict: LinkVerdict
    rule: str
    score: float = field(validator=_check_unit)
    field_scores: dict[str, float] = field(factory=dict, converter=_scores, hash=False)
    note: str | None = None

    @classmethod
    def of(
        cls,
        a: str,
        b: str,
        verdict: LinkVerdict,
        rule: str,
        score: float,
        field_scores: Mapping[str, float] | None = None,
        note: str | None = None,
    ) -> DuplicateLink:
        """A link between ``a`` and ``b`` in either order."""
        first, second = pair_key(a, b)
        return cls(first, second, verdict, rule, score, dict(field_scores or {}), note)

    @property
    def pair(self) -> tuple[str, str]:
        """``(record_a, record_b)``."""
        return (self.record_a, self.record_b)


@frozen
class PairDecision:
    """A reviewer's decision on a pair: the same work or different works.

    Re-runs of de-duplication respect it: a "different" pair is never joined (not even through
    other records), a "same" pair always is.
    """

    record_a: str = field(validator=check_id)
    record_b: str = field(validator=[check_id, _check_pair])
    same: bool
    reviewer: str = field(validator=check_id)
    note: str | None = None

    @classmethod
    def of(
        cls, a: str, b: str, *, same: bool, reviewer: str, note: str | None = None
    ) -> PairDecision:
        """A decision on ``a`` and ``b`` in either order."""
        first, second = pair_key(a, b)
        return cls(first, second, same, reviewer, note)

    @property
    def pair(self) -> tuple[str, str]:
        """``(record_a, record_b)``."""
        return (self.record_a, self.record_b)


def cluster_records(
    record_ids: Iterable[str],
    links: Iterable[DuplicateLink],
    decisions: Iterable[PairDecision] = (),
) -> dict[str, str]:
    """The cluster id of every record: the smallest id among the records it is joined to.

    Records are joined along ``duplicate`` links and "same" decisions (decisions first, then
    links by falling score); a join that would put two records decided "different" into one
    cluster is skipped, so a reviewer's "different" splits even transitive chains.
    """
    parent: dict[str, str] = {rid: rid for rid in record_ids}
    members: dict[str, list[str]] = {}
    forbidden: dict[str, set[str]] = {}

    decided: dict[tuple[str, str], bool] = {}
    for d in decisions:
        decided[d.pair] = d.same
    for (a, b), same in decided.items():
        if not same and a in parent and b in parent:
            forbidden.setdefault(a, set()).add(b)
            forbidden.setdefault(b, set()).add(a)

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        ma = members.get(ra, [ra])
        mb = members.get(rb, [rb])
        fa = forbidden.get(ra)
        fb = forbidden.get(rb)
        if fa or fb:
            small, other = (ma, fb) if len(ma) <= len(mb) else (mb, fa)
            if other and any(m in other for m in small):
                return
        if len(ma) < len(mb):
            ra, rb, ma, mb, fa, fb = rb, ra, mb, ma, fb, fa
        parent[rb] = ra
        ma.extend(mb)
        members[ra] = ma
        members.pop(rb, None)
        if fb:
            if fa is None:
                forbidden[ra] = fb
            else:
                fa |= fb
            forbidden.pop(rb, None)

    for (a, b), same in sorted(decided.items()):
        if same and a in parent and b in parent:
            union(a, b)
    edges = sorted(
        (
            (-link.score, link.record_a, link.record_b)
            for link in links
            if link.verdict is LinkVerdict.DUPLICATE
            and link.pair not in decided
            and link.record_a in parent
            and link.record_b in parent
        ),
    )
    for _, a, b in edges:
        union(a, b)

    names: dict[str, str] = {}
    for root, group in members.items():
        names[root] = min(group)
    return {rid: names.get(find(rid), rid) for rid in parent}
