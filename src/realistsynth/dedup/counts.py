"""Counts derived from the de-duplication result, as PRISMA asks for them: the one place
every command counts identification from (``dedupe``, ``flow``, ``info``, the workbook and the
report all read :func:`identification`, directly or through
:func:`realistsynth.selection.flow.compute_flow`).

A *finding* is one record read from one file at one position (a provenance entry), or a record
without provenance. "Records identified" counts distinct findings: the same file imported twice
(same bytes, so the same SHA-256 and positions) gives no new finding, only *repeated* copies,
which are not duplicates a search found and are never reported as "duplicates removed".
A record found in two sources counts once in each. "Duplicates removed" is the findings minus
the works (de-duplication clusters, records holding the same finding being one work). Records
kept only as theory-gleaning documents are not search findings and are left out. Nothing here
is stored: the counts follow from the records, links and decisions.
"""

from __future__ import annotations

import attrs
from attrs import frozen

from realistsynth.model.dedup import LinkVerdict
from realistsynth.model.records import Provenance
from realistsynth.model.review import Review
from realistsynth.model.search import Arm

__all__ = ["DedupCounts", "Identification", "cluster_id_of", "dedup_counts", "identification"]

#: the key under which records without a source are counted
NO_SOURCE = "(no source)"


@frozen
class Identification:
    """What a review's records say about identification (see the module docstring).

    :ivar records: records that go through selection (theory-gleaning documents left out).
    :ivar findings: distinct findings among them ("records identified").
    :ivar repeated: copies of findings read again from a file already imported.
    :ivar works: distinct works (de-duplication clusters).
    :ivar per_source: distinct findings per source id (``(no source)`` for none).
    :ivar from_searches: whether any finding names a source or search run (only then do the
        records say anything about duplicates removed by a search).
    """

    records: int
    findings: int
    repeated: int
    works: int
    per_source: dict[str, int]
    from_searches: bool

    @property
    def duplicates_removed(self) -> int:
        """Findings beyond one per work."""
        return self.findings - self.works


def identification(review: Review, *, arm: Arm | None = None) -> Identification:
    """The identification figures of ``review``'s records.

    :param arm: only this PRISMA 2020 arm: the records whose work belongs to it
        (:meth:`Review.arm_of <realistsynth.model.review.Review.arm_of>`) and their findings
        from a source of that arm; ``None`` for every record and finding.
    """
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        parent[x] = root
        return root

    def union(a: object, b: object) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    entries = 0
    findings: set[object] = set()
    per_source: dict[str, set[object]] = {}
    from_searches = False
    records = [
        r
        for r in review.records.values()
        if r.id not in review.theory_documents and (arm is None or review.arm_of(r.id) is arm)
    ]
    counted: list[str] = []
    for rec in records:
        provenance: tuple[Provenance | None, ...] = rec.provenance or (None,)
        if arm is not None:
            provenance = tuple(p for p in provenance if _in_arm(review, p, arm))
            if not provenance:
                continue  # a work of the arm found only through the other arm's sources
        counted.append(rec.id)
        work = ("work", review.cluster_id_of(rec.id))
        find(work)
        for n, prov in enumerate(provenance):
            entries += 1
            if prov is not None and prov.sha256 is not None and prov.index is not None:
                key: object = ("file", prov.sha256, prov.index)
            else:
                key = ("record", rec.id, n)
            findings.add(key)
            # records holding the same finding are one work, merged or not
            union(work, key)
            if prov is not None and (prov.source_id or prov.search_run_id):
                from_searches = True
            source = (prov.source_id if prov is not None else None) or NO_SOURCE
            per_source.setdefault(source, set()).add(key)
    works = {find(("work", review.cluster_id_of(rid))) for rid in counted}
    return Identification(
        records=len(counted),
        findings=len(findings),
        repeated=entries - len(findings),
        works=len(works),
        per_source={k: len(v) for k, v in sorted(per_source.items())},
        from_searches=from_searches,
    )


def _in_arm(review: Review, prov: Provenance | None, arm: Arm) -> bool:
    source = review.source_of_finding(prov) if prov is not None else None
    return source is not None and source.kind.arm is arm


@frozen
class DedupCounts:
    """The de-duplication figures of a review.

    :ivar records: every record in the review.
    :ivar identified: distinct findings among the records that go through selection.
    :ivar repeated: copies of findings read again from a file already imported.
    :ivar unique: the works among them (what enters screening).
    :ivar duplicates_removed: ``identified - unique``.
    """

    records: int
    identified: int
    repeated: int
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
    found = identification(review)
    links = review.duplicate_links
    return DedupCounts(
        records=len(review.records),
        identified=found.findings,
        repeated=found.repeated,
        unique=found.works,
        duplicates_removed=found.duplicates_removed,
        clusters=len(review.clusters()),
        queued=sum(
            1 for x in links if x.verdict is LinkVerdict.UNCERTAIN and x.pair not in decided
        ),
        related=sum(1 for x in links if x.verdict is LinkVerdict.RELATED),
        decisions=len(decided),
        per_source=found.per_source,
    )


def cluster_id_of(review: Review, record_id: str) -> str | None:
    """The duplicate-cluster id of a record, or ``None`` for an unknown record.

    :meth:`Review.cluster_id_of <realistsynth.model.review.Review.cluster_id_of>` for callers
    that would rather get ``None`` than an error for an id they did not check.
    """
    if record_id not in review.records:
        return None
    return review.cluster_id_of(record_id)
