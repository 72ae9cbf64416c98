"""Loading the labelled de-duplication sets of the literature-deduplication benchmark.

The sets (CSV files ``records_pre_merged.csv`` and ``merged_record_ids.csv`` per folder, as
published by the bib-dedupe project) are *not* part of this repository: pass the folder that
holds them. This module turns their BibTeX-like columns into :class:`realistsynth.Record`s and
their ``merged_ids`` column into the true groups, and measures pairwise precision and recall.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from realistsynth.formats.normalise import parse_date, split_name
from realistsynth.model.records import Record

__all__ = ["load_records", "load_truth", "pairs_of", "precision_recall", "set_folders"]

_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "proceedings": "book",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "misc": "document",
    "unpublished": "manuscript",
}


def set_folders(root: Path) -> list[Path]:
    """Every benchmark set under ``root`` (a folder with ``merged_record_ids.csv``)."""
    return sorted(p.parent for p in root.glob("*/merged_record_ids.csv"))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return text if text and text.lower() != "nan" else None


def load_records(folder: Path) -> list[Record]:
    """The records of one set."""
    csv.field_size_limit(sys.maxsize)
    files = sorted(folder.glob("records_pre_merged*.csv"))
    out: list[Record] = []
    for file in files:
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                out.append(_record(row))
    return out


def _record(row: dict[str, str]) -> Record:
    authors = []
    for part in (_clean(row.get("author")) or "").split(" and "):
        name = split_name(part)
        if name is not None:
            authors.append(name)
    year = _clean(row.get("year"))
    container = _clean(row.get("journal")) or _clean(row.get("booktitle"))
    return Record(
        id=row["ID"].strip(),
        type=_TYPES.get((_clean(row.get("ENTRYTYPE")) or "article").lower(), "document"),
        title=_clean(row.get("title")),
        authors=authors,
        issued=parse_date(year.split(".")[0]) if year else None,
        container_title=container,
        volume=_clean(row.get("volume")),
        issue=_clean(row.get("number")) or _clean(row.get("issue")),
        pages=_clean(row.get("pages")),
        doi=_clean(row.get("doi")),
        abstract=_clean(row.get("abstract")),
        issn=[i for i in [_clean(row.get("issn"))] if i],
    )


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
