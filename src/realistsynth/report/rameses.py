"""Reporting-standard checklists: what a review's data *suggest* for each item, and what a
person has *confirmed*.

The standards are plugins (:class:`~realistsynth.protocols.ReportingStandard`; the built-in
RAMESES publication standards for realist syntheses, Wong et al. 2013, are
:data:`RAMESES_ITEMS`). Each item names the topics of review data that can evidence it (the
search strategy for item 8, the flow for item 12, the CMOC tables for item 14); other items
are narrative that only a manuscript supplies (rationale, limitations). :func:`assess` says,
item by item, what the data provide and what is missing, which is a *suggestion*: data alone
never mark an item as reported. A person confirms an item (reported yes / no / unclear, and
the page or section) with :meth:`~realistsynth.model.Review.confirm_item`, and the report
shows the three side by side. Narrative for any item can be kept in the review as a report
note (``Review.set_report_note``) so the suggestion can count it.
"""

from __future__ import annotations

import enum

import attrs

from realistsynth.model.reporting import ItemConfirmation
from realistsynth.model.review import Review
from realistsynth.model.screening import StageKind
from realistsynth.model.theory import VersionKind
from realistsynth.protocols import ReportingStandard, StandardItem
from realistsynth.report.standards import RAMESES

__all__ = ["RAMESES_ITEMS", "Coverage", "ItemAssessment", "RamesesItem", "assess"]


class Coverage(enum.Enum):
    """How far the review's data suggest an item is covered (never a confirmation)."""

    PROVIDED = "provided"
    PARTLY = "partly"
    MISSING = "missing"


#: An item of a standard (the name of earlier releases).
RamesesItem = StandardItem

#: The 19 items of the RAMESES publication standards for realist syntheses.
RAMESES_ITEMS: tuple[StandardItem, ...] = RAMESES.items


@attrs.frozen
class ItemAssessment:
    """One item: what the review's data suggest, what is missing, and the confirmation a
    person gave (if any)."""

    item: StandardItem
    coverage: Coverage
    provided: tuple[str, ...]
    missing: tuple[str, ...]
    confirmation: ItemConfirmation | None = None
    standard: str = "rameses"

    @property
    def suggested(self) -> bool:
        """Whether the data suggest the item may be covered (partly or fully)."""
        return self.coverage is not Coverage.MISSING


def _evidence_for(review: Review, key: str) -> list[tuple[bool, str, str]]:
    """(whether the data has it, what it provides, what is missing) per check of a topic."""
    meta = review.meta
    strategy = review.strategy
    heuristic = review.heuristic
    gleaning = [d for d in review.theory_documents.values() if d.kind.gleans_theory]
    record_level = any(s.kind is not StageKind.DECLARED for s in review.stages.values())
    refined = any(v.kind is not VersionKind.INITIAL for v in review.theory_versions.values())
    data_judgements = [j for j in review.judgements if j.target.is_data]
    later_rounds = [r for r in review.search_runs.values() if r.round > 1 or r.purpose is not None]
    consultations = review.consultations
    included = review.included()
    sourced = sum(1 for rid in included if any(p.source_id for p in review.records[rid].provenance))
    versions = list(review.theory_versions.values())
    current_cmocs = versions[-1].cmoc_ids if versions else ()
    assessed = sum(
        1 for c in current_cmocs if versions and review.confidence_of(versions[-1].id, c)
    )
    table: dict[str, list[tuple[bool, str, str]]] = {
        "title": [
            (
                "realist" in meta.title.lower(),
                "the title names the review as realist",
                "the title does not say 'realist' (item 1 asks for it)",
            )
        ],
        "objectives": [
            (bool(meta.question), "the review question", "no review question recorded"),
            (bool(meta.objectives or meta.scope), "objectives or scope", "no objectives or scope"),
        ],
        "scoping": [
            (
                bool(gleaning or review.informants),
                f"{len(gleaning)} theory-gleaning document(s) and "
                f"{len(review.informants)} key informant(s)",
                "no theory-gleaning documents or informants recorded",
            )
        ],
        "search": [
            (
                strategy is not None and bool(strategy.query or strategy.concept_blocks),
                "search terms",
                "no search query recorded",
            ),
            (
                strategy is not None and strategy.window is not None,
                "search dates",
                "no search dates recorded",
            ),
            (bool(review.sources), f"{len(review.sources)} source(s)", "no sources recorded"),
        ],
        "selection": [
            (bool(review.stages), f"{len(review.stages)} selection stage(s)", "no stages"),
        ],
        "appraisal": [
            (
                bool(review.criteria_sets),
                "appraisal criteria: " + ", ".join(review.criteria_sets),
                "no appraisal criteria adopted",
            ),
            (
                bool(data_judgements),
                f"{len(data_judgements)} judgement(s) of data (extracts, evidence links)",
                "no data-level appraisal (rigour of the data used)",
            ),
        ],
        "iterations": [
            (
                bool(later_rounds),
                f"{len(later_rounds)} later or purposive search run(s)",
                "no iterative or purposive search recorded",
            )
        ],
        # contact with experts and stakeholders (RAMESES item 8; RAMESES II items 12, 14):
        # the consultations of the review (issue 15) and its key informants
        "consultations": [
            (
                bool(consultations or review.informants),
                f"{len(consultations)} consultation(s) and {len(review.informants)} key "
                "informant(s)",
                "no consultation or key informant recorded",
            )
        ],
        "initial-theory": [
            (
                any(v.kind is VersionKind.INITIAL for v in review.theory_versions.values()),
                "an initial programme theory",
                "no initial programme theory",
            )
        ],
        "document-sources": [
            (
                bool(included) and sourced == len(included),
                f"the source of {sourced} of {len(included)} included document(s)",
                f"the source of {len(included) - sourced} of {len(included)} included "
                "document(s) is not recorded",
            )
        ],
        "strength-of-evidence": [
            (
                bool(current_cmocs) and assessed == len(current_cmocs),
                f"confidence assessed for {assessed} of {len(current_cmocs)} CMOC(s)",
                f"no confidence assessment for {len(current_cmocs) - assessed} of "
                f"{len(current_cmocs)} CMOC(s) of the latest version",
            )
        ],
        "extraction": [
            (bool(review.extraction_fields), "a study-characteristics form", "no extraction form"),
            (
                heuristic is not None,
                f"coding heuristic: {heuristic.title if heuristic else ''}",
                "no configuration heuristic (C/M/O codes) set",
            ),
        ],
        "analysis": [
            (
                bool(review.theory_versions),
                f"{len(review.theory_versions)} programme theory version(s)",
                "no programme theory versions",
            ),
            (bool(review.refinements), "refinement outcomes", "no refinement recorded"),
        ],
        "flow": [
            (
                record_level or bool(review.declared_counts),
                "counts at each stage, derived from decisions or declared",
                "no selection data to draw a flow diagram from",
            )
        ],
        "characteristics": [
            (
                bool(review.characteristics),
                f"characteristics of {len(review.characteristics)} document(s)",
                "no study characteristics extracted",
            )
        ],
        "findings": [
            (refined, "a refined programme theory", "no refined programme theory"),
            (
                bool(review.evidence),
                f"{len(review.evidence)} evidence link(s)",
                "no evidence linked to CMOCs",
            ),
        ],
        "funding": [(bool(meta.funding), "funding statement", "no funding statement recorded")],
    }
    return table.get(key, [])


def _check(review: Review, item: StandardItem) -> tuple[list[str], list[str]]:
    """(what the data provide, what is missing) for one item."""
    checks = [c for topic in item.topics for c in _evidence_for(review, topic)]
    have = [present for ok, present, _ in checks if ok]
    lack = [absent for ok, _, absent in checks if not ok]
    if review.report_notes.get(item.key):
        have.append("a report note written by the team")
    elif not checks:
        lack.append("narrative for the manuscript (no review data can evidence this item)")
    return have, lack


def assess(review: Review, standard: ReportingStandard = RAMESES) -> list[ItemAssessment]:
    """Every item of ``standard`` (RAMESES by default) with what the review's data suggest,
    what is missing, and the confirmation a person gave."""
    out = []
    for item in standard.items:
        have, lack = _check(review, item)
        if not lack:
            coverage = Coverage.PROVIDED
        elif have:
            coverage = Coverage.PARTLY
        else:
            coverage = Coverage.MISSING
        confirmation = review.confirmation(standard.name, item.key)
        out.append(
            ItemAssessment(item, coverage, tuple(have), tuple(lack), confirmation, standard.name)
        )
    return out
