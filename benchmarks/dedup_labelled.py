"""Loading the labelled de-duplication sets of the literature-deduplication benchmark.

The sets (CSV files ``records_pre_merged.csv`` and ``merged_record_ids.csv`` per folder, as
published by the bib-dedupe project) are *not* part of this repository: pass the folder that
holds them. This module imports their records with realistsynth's own CSV importer (the
public ``read_records``, as ``realistsynth import`` does), turns their ``merged_ids`` column
into the true groups, and measures pairwise precision and recall.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import attrs

from realistsynth.importing import read_records
from realistsynth.model.records import Record

__all__ = ["load_records", "load_truth", "pairs_of", "precision_recall", "set_folders"]


def set_folders(root: Path) -> list[Path]:
    """Every benchmark set under ``root`` (a folder with ``merged_record_ids.csv``)."""
    return sorted(p.parent for p in root.glob("*/merged_record_ids.csv"))


def load_records(folder: Path) -> list[Record]:
    """The records of one set, imported as a user imports the files: through
    :func:`realistsynth.importing.read_records`, whose CSV importer recognises the set's
    CoLRev / bib-dedupe layout (``formats/tabular_mappings.py``). Each record's id is then the
    set's own ``ID`` (kept in its provenance), which the true groups name."""
    out: list[Record] = []
    for file in sorted(folder.glob("records_pre_merged*.csv")):
        result = read_records(file, strict=True)
        for record in result.records:
            source_id = record.provenance[0].source_record_id
            assert source_id is not None, f"{file}: a record without its ID"
            out.append(attrs.evolve(record, id=source_id))
    return out


def load_truth(folder: Path) -> list[frozenset[str]]:
    """The true duplicate groups of one set (groups of two or more)."""
    groups = []
    with (folder / "merged_record_ids.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ids = frozenset(p.strip() for p in row["merged_ids"].split(";") if p.strip())
            if len(ids) > 1:
                groups.append(ids)
    return groups


def pairs_of(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    """Every unordered pair within each group."""
    out: set[tuple[str, str]] = set()
    for group in groups:
        for a, b in combinations(sorted(group), 2):
            out.add((a, b))
    return out


def precision_recall(
    found: set[tuple[str, str]], truth: set[tuple[str, str]]
) -> tuple[float, float]:
    """Pairwise precision and recall (1.0 when there is nothing to find or nothing found)."""
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    return precision, recall
