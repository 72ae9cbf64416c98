"""Counts derived from the de-duplication result, as PRISMA asks for them.

"Records identified" per source counts every record found in a source (a record found in two
sources counts once in each); "duplicates removed" is the number of records minus the number of
clusters. Nothing here is stored: the counts follow from the records, links and decisions.
"""

from __future__ import annotations

from collections import Counter

import attrs
from attrs import frozen

from realistsynth.model.dedup import LinkVerdict
from realistsynth.model.review import Review

__all__ = ["DedupCounts", "cluster_id_of", "dedup_counts"]

#: the key under which records without a source are counted
NO_SOURCE = "(no source)"


@frozen
class DedupCounts:
    """The de-duplication figures of a review."""

    records: int
    unique: int
    duplicates_removed: int
    clusters: int
    queued: int
    related: int
    decisions: int
    per_source: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        """Plain data (for ``--json``)."""
        return attrs.asdict(self)


def dedup_counts(review: Review) -> DedupCounts:
    """The figures of the review's current de-duplication result."""
    decided = {d.pair for d in review.pair_decisions}
    per_source: Counter[str] = Counter()
    for rec in review.records.values():
        sources = {p.source_id for p in rec.provenance if p.source_id} or {NO_SOURCE}
        per_source.update(sources)
    cluster_ids = {review.cluster_id_of(rid) for rid in review.records}
    links = review.duplicate_links
    return DedupCounts(
        records=len(review.records),
        unique=len(cluster_ids),
        duplicates_removed=len(review.records) - len(cluster_ids),
        clusters=len(review.clusters()),
        queued=sum(
            1 for x in links if x.verdict is LinkVerdict.UNCERTAIN and x.pair not in decided
        ),
        related=sum(1 for x in links if x.verdict is LinkVerdict.RELATED),
        decisions=len(decided),
        per_source=dict(sorted(per_source.items())),
    )


def cluster_id_of(review: Review, record_id: str) -> str | None:
    """The duplicate-cluster id of a record, or ``None`` for an unknown record.

    :meth:`Review.cluster_id_of <realistsynth.model.review.Review.cluster_id_of>` for callers
    that would rather get ``None`` than an error for an id they did not check.
    """
    if record_id not in review.records:
        return None
    return review.cluster_id_of(record_id)
