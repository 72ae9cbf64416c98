"""The canonical record of a cluster: one record that merges what every member knows.

Nothing is overwritten or lost: each field takes the most complete value any member has (the
longest text, the longest author list, the most precise date; ties go to the member with the
smallest id, so the result does not depend on import order), list fields take the union, and
the provenance is every member's provenance, so the canonical record still says every file,
source and search run the work was found in. The members themselves stay in the review
unchanged; the canonical record is derived, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from realistsynth.errors import UnknownReferenceError
from realistsynth.model.records import Record
from realistsynth.model.review import Review

__all__ = ["canonical_record", "merge_records"]

_TEXT_FIELDS = (
    "title",
    "container_title",
    "container_title_short",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "publisher",
    "publisher_place",
    "edition",
    "number",
    "abstract",
    "language",
    "note",
)
_LIST_FIELDS = ("issn", "isbn", "keywords")


def _union(values: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for vs in values for v in vs))


def merge_records(records: Sequence[Record], record_id: str | None = None) -> Record:
    """Merge ``records`` (at least one) into one record with id ``record_id`` (default: the
    smallest member id)."""
    if not records:
        raise ValueError("merge_records needs at least one record")
    ordered = sorted(records, key=lambda r: r.id)
    values: dict[str, Any] = {"id": record_id or ordered[0].id}
    for name in _TEXT_FIELDS:
        best: str | None = None
        for rec in ordered:
            value = getattr(rec, name)
            if value and (best is None or len(value.strip()) > len(best.strip())):
                best = value
        values[name] = best
    for name in _LIST_FIELDS:
        values[name] = _union([getattr(r, name) for r in ordered])
    values["authors"] = max((r.authors for r in ordered), key=len)
    values["editors"] = max((r.editors for r in ordered), key=len)
    dates = [r.issued for r in ordered if r.issued is not None]
    values["issued"] = (
        max(dates, key=lambda d: (d.month is not None) + (d.day is not None)) if dates else None
    )
    types = [r.type for r in ordered]
    values["type"] = max(dict.fromkeys(types), key=types.count)
    values["provenance"] = tuple(p for r in ordered for p in r.provenance)
    extra: dict[str, tuple[str, ...]] = {}
    for rec in ordered:
        for key, vs in rec.extra.items():
            extra[key] = _union([extra.get(key, ()), vs])
    values["extra"] = extra
    return Record(**values)


def canonical_record(review: Review, cluster_id: str) -> Record:
    """The merged record of the cluster ``cluster_id`` (a record id; a unique record's
    canonical record is a copy of itself)."""
    if cluster_id not in review.records:
        raise UnknownReferenceError(f"no record {cluster_id!r}", where=f"records/{cluster_id}")
    cid = review.cluster_id_of(cluster_id)
    members = review.clusters().get(cid, [cluster_id])
    return merge_records([review.records[m] for m in members], cid)
