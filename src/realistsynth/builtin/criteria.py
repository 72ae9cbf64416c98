"""Built-in appraisal criteria: realist relevance, richness and rigour after Dada et al. (2023).

Each criterion has a judgement scale, passing levels and requires a rationale, since realist
appraisal is a reasoned judgement, not a score. Relevance and richness apply to documents (a
review may make them gates in its flow, as the worked example does); rigour applies to data,
the extracts and evidence links that tie a fragment of a document to a CMOC, so a datum judged
not trustworthy is marked and not counted as support, and never removes its document. Adopting
the set excludes nothing: gates are stages a review adds.

Wording: relevance and rigour follow the RAMESES definitions that Dada et al. build on (a
source is relevant if it can contribute to theory building and/or testing; rigour asks whether
the method that generated a particular piece of data is credible and trustworthy, judged per
data point, not per study). Richness follows the distinction Dada et al. draw between
conceptual richness (explanation and theory, Roen et al. 2006) and thick versus thin
description (Geertz 1973): thick description lets contexts, mechanisms or outcomes be
surfaced; thin description does not. Dada et al. stress that the three are judged against the
programme theory and reported with their reasons, which is why every criterion requires a
rationale.
"""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.model.appraisal import CriteriaSet, Criterion, JudgementTarget

__all__ = ["REALIST_RRR", "realistsynth_register_criteria_sets"]

REALIST_RRR = CriteriaSet(
    name="realist-rrr",
    title="Relevance, richness and rigour (realist appraisal)",
    version="2023",
    citation="Dada, S., Dalkin, S., Gilmore, B., Hunter, R. and Mukumbang, F.C. (2023), "
    "“Applying and reporting relevance, richness and rigour in realist evidence appraisals: "
    "Advancing key concepts in realist reviews”, Research Synthesis Methods, Vol. 14 No. 3, "
    "pp. 504-514, doi: 10.1002/jrsm.1630.",
    criteria=(
        Criterion(
            id="relevance",
            name="Relevance",
            question="Can the source contribute to building and/or testing the programme "
            "theory (its contexts, mechanisms or outcomes)?",
            scale=("relevant", "partly relevant", "not relevant"),
            passing=("relevant", "partly relevant"),
            rationale_required=True,
            guidance="Judge against the programme theory, not against the topic or the study "
            "design: a source outside the topic can still inform a mechanism. Name the part of "
            "the theory the source can speak to.",
        ),
        Criterion(
            id="richness",
            name="Richness",
            question="Does the source give enough explanation or description to surface how, "
            "for whom and in what contexts outcomes come about?",
            scale=("conceptually rich", "thick", "thin"),
            passing=("conceptually rich", "thick"),
            rationale_required=True,
            guidance="Conceptually rich: clear, well-grounded concepts and the relations "
            "between them (explanation or theory). Thick: enough description of context, "
            "implementation and outcomes for mechanisms to be surfaced. Thin: too little of "
            "either to inform the programme theory.",
        ),
        Criterion(
            id="rigour",
            name="Rigour",
            question="Was the method that generated the data used credible and trustworthy?",
            scale=("trustworthy", "partly trustworthy", "not trustworthy"),
            passing=("trustworthy", "partly trustworthy"),
            rationale_required=True,
            guidance="Judge the data points used, not the whole study: robust points from "
            "weaker studies may be used (Pawson 2006).",
            applies_to=(JudgementTarget.EXTRACT, JudgementTarget.EVIDENCE),
        ),
    ),
)


@hookimpl
def realistsynth_register_criteria_sets() -> list[CriteriaSet]:
    """The built-in criteria sets."""
    return [REALIST_RRR]
