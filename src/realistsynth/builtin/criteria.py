"""Built-in appraisal criteria: realist relevance, richness and rigour after Dada et al. (2023).

Each criterion has a judgement scale, passing levels (so it can act as a gate in the flow, as in
the worked example) and requires a rationale, since realist appraisal is a reasoned judgement,
not a score.
"""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.model.appraisal import CriteriaSet, Criterion

__all__ = ["REALIST_RRR", "realistsynth_register_criteria_sets"]

REALIST_RRR = CriteriaSet(
    name="realist-rrr",
    title="Relevance, richness and rigour (realist appraisal)",
    version="2023",
    citation="Dada, S., Dalkin, S., Gilmore, B., Hunter, R. and Mukumbang, F.C. (2023), "
    "“Applying and reporting relevance, richness and rigour in realist evidence appraisals: "
    "Advancing key concepts in realist reviews”, Research Synthesis Methods, "
    "doi: 10.1002/jrsm.1630.",
    criteria=(
        Criterion(
            id="relevance",
            name="Relevance",
            question="Can the source contribute to building or testing the programme theory?",
            scale=("relevant", "partly relevant", "not relevant"),
            passing=("relevant", "partly relevant"),
            rationale_required=True,
            guidance="Judge against the programme theory, not the study's topic alone.",
        ),
        Criterion(
            id="richness",
            name="Richness",
            question="Is the source conceptually rich enough (thick rather than thin "
            "description) to explain how and why outcomes occur?",
            scale=("conceptually rich", "thick", "thin"),
            passing=("conceptually rich", "thick"),
            rationale_required=True,
            guidance="Thick description gives context, mechanism or outcome detail; "
            "conceptual richness also offers explanation or theory.",
        ),
        Criterion(
            id="rigour",
            name="Rigour",
            question="Are the data used to build or test the theory trustworthy and credible?",
            scale=("trustworthy", "partly trustworthy", "not trustworthy"),
            passing=("trustworthy", "partly trustworthy"),
            rationale_required=True,
            guidance="Judge the data points used, not the whole study: robust points from "
            "weaker studies may be used (Pawson 2006).",
        ),
    ),
)


@hookimpl
def realistsynth_register_criteria_sets() -> list[CriteriaSet]:
    """The built-in criteria sets."""
    return [REALIST_RRR]
