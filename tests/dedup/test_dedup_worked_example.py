"""De-duplication on the worked example's real references (Knight et al. 2024).

The 22 full-text records and 11 policy documents are distinct works: none may be merged. Each
then arrives a second time, as another database would export it, and must join its original.
The RIS files are read by the RIS importer, as a user's would be.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from realistsynth.dedup import dedup_counts, deduplicate
from realistsynth.importing import import_records, read_records
from realistsynth.model import Record, Review

DATA = Path(__file__).parents[2] / "examples" / "ics-leadership" / "data"


def _as_another_database(rec: Record) -> Record:
    return Record(
        id=f"{rec.id}-db2",
        type=rec.type,
        title=(rec.title or "").upper() + ".",
        authors=[
            attrs.evolve(a, given=(a.given or "").replace(".", "") or None) for a in rec.authors
        ],
        issued=rec.issued,
        container_title=rec.container_title,
        volume=rec.volume,
        pages=rec.pages,
        doi=None,
    )


def test_the_worked_examples_references_are_not_merged_and_their_copies_are():
    review = Review.new("ICS leadership")
    for name in ("full-text-records.ris", "policy-documents.ris"):
        import_records(review, read_records(DATA / name), prefer_source_ids=True)
    originals = list(review.records.values())
    assert len(originals) == 33
    deduplicate(review)
    assert review.clusters() == {}
    assert dedup_counts(review).duplicates_removed == 0

    review.add_records([_as_another_database(r) for r in originals])
    deduplicate(review)
    counts = dedup_counts(review)
    assert counts.unique == 33
    assert counts.duplicates_removed == 33
    for rec in originals:
        assert review.cluster_id_of(f"{rec.id}-db2") == review.cluster_id_of(rec.id)
