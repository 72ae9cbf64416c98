"""De-duplication of records: matching in stages, blocking, clusters, the review queue.

The pieces, each in its own module: :mod:`~realistsynth.dedup.keys` (what a record looks like
to matching), :mod:`~realistsynth.dedup.blocking` (which pairs are compared),
:mod:`~realistsynth.dedup.compare` (the rules, with a score per field),
:mod:`~realistsynth.dedup.run` (a whole run over a review), :mod:`~realistsynth.dedup.merge`
(the canonical record of a cluster), :mod:`~realistsynth.dedup.counts` (derived PRISMA counts)
and :mod:`~realistsynth.dedup.workbook` (the pair-review workbook). What is stored lives in
:mod:`realistsynth.model.dedup`.
"""

from realistsynth.dedup.compare import DedupSettings
from realistsynth.dedup.counts import DedupCounts, cluster_id_of, dedup_counts
from realistsynth.dedup.merge import canonical_record, merge_records
from realistsynth.dedup.run import DedupRun, deduplicate, find_links

__all__ = [
    "DedupCounts",
    "DedupRun",
    "DedupSettings",
    "canonical_record",
    "cluster_id_of",
    "dedup_counts",
    "deduplicate",
    "find_links",
    "merge_records",
]
