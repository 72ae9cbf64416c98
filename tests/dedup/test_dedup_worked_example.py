"""De-duplication on the worked example's real references (Knight et al. 2024).

The 22 full-text records and 11 policy documents are distinct works: none may be merged. Each
then arrives a second time, as another database would export it, and must join its original.
The RIS files are read with a few lines here (the RIS importer is not this module's concern).
"""

from __future__ import annotations

from pathlib import Path

from realistsynth.dedup import dedup_counts, deduplicate
from realistsynth.model import Name, PartialDate, Record, Review

DATA = Path(__file__).parents[2] / "examples" / "ics-leadership" / "data"


def _read_ris(path: Path) -> list[Record]:
    records: list[Record] = []
    fields: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        tag, _, value = line.partition("  - ")
        if tag == "ER":
            pages = "-".join(fields.get("SP", []) + fields.get("EP", [])) or None
            records.append(
                Record(
                    id=fields["ID"][0],
                    type="report" if fields["TY"][0] in ("RPRT", "GOVDOC") else "article-journal",
                    title=(fields.get("TI") or [None])[0],
                    authors=[
                        Name(family=a.partition(",")[0], given=a.partition(",")[2].strip() or None)
                        for a in fields.get("AU", [])
                    ],
                    issued=PartialDate(int(fields["PY"][0][:4])) if "PY" in fields else None,
                    container_title=(fields.get("T2") or [None])[0],
                    volume=(fields.get("VL") or [None])[0],
                    issue=(fields.get("IS") or [None])[0],
                    pages=pages,
                    doi=(fields.get("DO") or [None])[0],
                )
            )
            fields = {}
        elif tag.strip():
            fields.setdefault(tag.strip(), []).append(value.strip())
    return records


def _as_another_database(rec: Record) -> Record:
    return Record(
        id=f"{rec.id}-db2",
        type=rec.type,
        title=(rec.title or "").upper() + ".",
        authors=[
            Name(family=a.family, given=(a.given or "").replace(".", "")) for a in rec.authors
        ],
        issued=rec.issued,
        container_title=rec.container_title,
        volume=rec.volume,
        pages=rec.pages,
        doi=None,
    )


def test_the_worked_examples_references_are_not_merged_and_their_copies_are():
    originals = _read_ris(DATA / "full-text-records.ris") + _read_ris(DATA / "policy-documents.ris")
    assert len(originals) == 33
    review = Review.new("ICS leadership")
    review.add_records(originals)
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
