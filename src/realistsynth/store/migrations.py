"""Step-by-step migrations of project files from older schema versions.

The schema version belongs to the file format, not to the package: it changes only when the
JSON shape changes. Each step takes the plain JSON object of version *n* and returns that of
version *n + 1*; :func:`migrate` chains them. Steps never touch the model classes, so an old
step keeps working however the model grows.

History:

* **1** (pre-release drafts): the review's title, question and type stood at the top of the
  ``review`` object, and names were single strings ``"Family, Given"``.
* **2**: ``review.meta`` holds the review's description; names are objects with ``family`` /
  ``given`` or ``literal``.
* **3**: the realist round (data-level appraisal, confidence, CMOC links, middle-range
  theories, consultations, purposive search runs, coded selections). Every step of this
  version's shape change is in :func:`_v2_to_v3`; ``tests/data/core/project-v2.json`` is the
  worked example as the last schema-2 release wrote it.
  Steps so far: judgements name a ``target`` and ``target_id`` (was ``record_id``); refinement
  outcome kinds are the stable words ``supported``, ``revised``, ``merged``, ``split``,
  ``refuted``, ``not-tested``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["MIGRATIONS", "migrate"]

JsonObject = dict[str, Any]


def _name_from_string(text: str) -> JsonObject:
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": text.strip()}


def _v1_to_v2(doc: JsonObject) -> JsonObject:
    review = dict(doc["review"])
    meta = {
        key: review.pop(key)
        for key in ("title", "question", "review_type", "scope", "objectives")
        if key in review
    }
    records = []
    for record in review.get("records", []):
        record = dict(record)
        for role in ("authors", "editors"):
            if role in record:
                record[role] = [
                    _name_from_string(n) if isinstance(n, str) else n for n in record[role]
                ]
        records.append(record)
    new_review: JsonObject = {"meta": meta}
    new_review.update(review)
    if records:
        new_review["records"] = records
    return {**doc, "schema_version": 2, "review": new_review}


def _judgements_target(review: JsonObject) -> None:
    """Judgements judged only records and named them ``record_id``; version 3 judges records,
    extracts or evidence links and names the target ``target`` / ``target_id``."""
    judgements = review.get("judgements")
    if not judgements:
        return
    moved = []
    for judgement in judgements:
        judgement = dict(judgement)
        if "record_id" in judgement:
            judgement["target_id"] = judgement.pop("record_id")
            judgement.setdefault("target", "record")
        moved.append(judgement)
    review["judgements"] = moved


#: Refinement outcome kinds of schema 2 and their schema-3 names (untested is not refuted).
_OUTCOME_KINDS = {
    "supported-unchanged": "supported",
    "supported-refined": "revised",
    "merged-into": "merged",
    "split-into": "split",
    "no-evidence": "not-tested",
}


def _outcome_kinds(review: JsonObject) -> None:
    """Outcome kinds become the stable lowercase words of version 3."""
    refinements = review.get("refinements")
    if not refinements:
        return
    moved = []
    for refinement in refinements:
        refinement = dict(refinement)
        refinement["outcomes"] = [
            {**o, "kind": _OUTCOME_KINDS.get(o.get("kind"), o.get("kind"))}
            for o in refinement.get("outcomes", [])
        ]
        moved.append(refinement)
    review["refinements"] = moved


def _v2_to_v3(doc: JsonObject) -> JsonObject:
    # Version 3 adds collections and fields with defaults; each change of an existing field's
    # shape is one step below, working on a copy of the review object.
    review = dict(doc.get("review", {}))
    _judgements_target(review)
    _outcome_kinds(review)
    return {**doc, "review": review}


#: ``MIGRATIONS[n]`` turns a version-*n* document into a version-*n + 1* one.
MIGRATIONS: dict[int, Callable[[JsonObject], JsonObject]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(doc: JsonObject, from_version: int, to_version: int) -> JsonObject:
    """Apply every step from ``from_version`` up to ``to_version``."""
    for version in range(from_version, to_version):
        doc = MIGRATIONS[version](doc)
    return doc
