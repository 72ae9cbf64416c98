"""The 19 RAMESES publication-standard items for realist syntheses, and what a review's data
provides for each.

The items follow Wong, Greenhalgh, Westhorp, Buckingham and Pawson (2013), "RAMESES
publication standards: realist syntheses", *BMC Medicine* 11:21, doi:10.1186/1741-7015-11-21
(their Table 1: title; abstract; introduction 3-4; methods 5-11; results 12-14; discussion
15-18; funding 19). Descriptions here are our own short paraphrases, not the standard's text.

Some items can be evidenced by review data (the search strategy for item 8, the flow for item
12, CMOC tables for item 14); others are narrative a manuscript must supply (rationale,
limitations). :func:`assess` says, item by item, what the data provides and what is missing, so
the report doubles as a checklist with gaps. Narrative for any item can be kept in the review
as a report note (``Review.set_report_note``) so the checklist can count it.
"""

from __future__ import annotations

import enum

import attrs

from realistsynth.model.review import Review
from realistsynth.model.screening import StageKind
from realistsynth.model.theory import VersionKind

__all__ = ["RAMESES_ITEMS", "Coverage", "ItemAssessment", "RamesesItem", "assess"]


class Coverage(enum.Enum):
    """How far the review's data covers an item."""

    PROVIDED = "provided"
    PARTLY = "partly"
    MISSING = "missing"


@attrs.frozen
class RamesesItem:
    """One publication-standard item."""

    number: int
    key: str
    section: str
    title: str
    asks: str


RAMESES_ITEMS: tuple[RamesesItem, ...] = (
    RamesesItem(
        1,
        "title",
        "Title",
        "Title",
        "Say in the title that the document is a realist synthesis or review.",
    ),
    RamesesItem(
        2,
        "abstract",
        "Abstract",
        "Abstract",
        "Give a structured summary: background, objectives, methods, results, conclusions.",
    ),
    RamesesItem(
        3,
        "rationale",
        "Introduction",
        "Rationale for review",
        "Explain why the review is needed and what it may add.",
    ),
    RamesesItem(
        4,
        "objectives",
        "Introduction",
        "Objectives and focus of review",
        "State the review question and objectives, and define and justify the focus.",
    ),
    RamesesItem(
        5,
        "changes",
        "Methods",
        "Changes in the review process",
        "Report and explain any change from the planned review process.",
    ),
    RamesesItem(
        6,
        "realist-rationale",
        "Methods",
        "Rationale for using realist synthesis",
        "Explain why a realist synthesis suits the question.",
    ),
    RamesesItem(
        7,
        "scoping",
        "Methods",
        "Scoping the literature",
        "Describe and justify the initial scoping of the literature.",
    ),
    RamesesItem(
        8,
        "searching",
        "Methods",
        "Searching processes",
        "State and justify the search: sources, dates, terms, and how it was iterated.",
    ),
    RamesesItem(
        9,
        "selection-appraisal",
        "Methods",
        "Selection and appraisal of documents",
        "Explain how documents were selected and appraised (relevance and rigour).",
    ),
    RamesesItem(
        10,
        "extraction",
        "Methods",
        "Data extraction",
        "Describe which data were extracted and how.",
    ),
    RamesesItem(
        11,
        "analysis",
        "Methods",
        "Analysis and synthesis processes",
        "Describe in detail how the data were analysed and synthesised.",
    ),
    RamesesItem(
        12,
        "flow",
        "Results",
        "Document flow diagram",
        "Give the number of documents at each stage, with reasons for exclusion.",
    ),
    RamesesItem(
        13,
        "characteristics",
        "Results",
        "Document characteristics",
        "Describe the documents included.",
    ),
    RamesesItem(
        14,
        "findings",
        "Results",
        "Main findings",
        "Present the main findings, focused on the programme theory and its CMOCs.",
    ),
    RamesesItem(
        15,
        "summary",
        "Discussion",
        "Summary of findings",
        "Summarise the findings in the light of the question and objectives.",
    ),
    RamesesItem(
        16,
        "strengths-limitations",
        "Discussion",
        "Strengths, limitations and future research directions",
        "Discuss strengths and limitations, and what research should follow.",
    ),
    RamesesItem(
        17,
        "comparison",
        "Discussion",
        "Comparison with existing literature",
        "Compare the findings with existing literature.",
    ),
    RamesesItem(
        18,
        "conclusion",
        "Discussion",
        "Conclusion and recommendations",
        "Give conclusions and recommendations for policy or practice.",
    ),
    RamesesItem(19, "funding", "Funding", "Funding", "State the funding and the funders' role."),
)


@attrs.frozen
class ItemAssessment:
    """What the review's data provides for one item, and what is missing."""

    item: RamesesItem
    coverage: Coverage
    provided: tuple[str, ...]
    missing: tuple[str, ...]


def _evidence_for(review: Review, key: str) -> list[tuple[bool, str, str]]:
    """(whether the data has it, what it provides, what is missing) per check of an item."""
    meta = review.meta
    strategy = review.strategy
    heuristic = review.heuristic
    record_level = any(s.kind is not StageKind.DECLARED for s in review.stages.values())
    refined = any(v.kind is not VersionKind.INITIAL for v in review.theory_versions.values())
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
                bool(review.theory_documents or review.informants),
                f"{len(review.theory_documents)} theory-gleaning document(s) and "
                f"{len(review.informants)} key informant(s)",
                "no theory-gleaning documents or informants recorded",
            )
        ],
        "searching": [
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
        "selection-appraisal": [
            (bool(review.stages), f"{len(review.stages)} selection stage(s)", "no stages"),
            (
                bool(review.criteria_sets),
                "appraisal criteria: " + ", ".join(review.criteria_sets),
                "no appraisal criteria adopted",
            ),
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


def _check(review: Review, key: str) -> tuple[list[str], list[str]]:
    """(what the data provides, what is missing) for one item."""
    checks = _evidence_for(review, key)
    have = [present for ok, present, _ in checks if ok]
    lack = [absent for ok, _, absent in checks if not ok]
    if review.report_notes.get(key):
        have.append("a report note written by the team")
    elif not checks:
        lack.append("narrative for the manuscript (no review data can evidence this item)")
    return have, lack


def assess(review: Review) -> list[ItemAssessment]:
    """Every RAMESES item with what the review provides and what is missing."""
    out = []
    for item in RAMESES_ITEMS:
        have, lack = _check(review, item.key)
        if not lack:
            coverage = Coverage.PROVIDED
        elif have:
            coverage = Coverage.PARTLY
        else:
            coverage = Coverage.MISSING
        out.append(ItemAssessment(item, coverage, tuple(have), tuple(lack)))
    return out
