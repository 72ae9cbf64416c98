"""Built-in confidence approaches for CMOCs: GRADE-CERQual adapted, and explanatory coherence.

**GRADE-CERQual, adapted to CMOCs** (``cerqual-cmoc``). GRADE-CERQual (Lewin et al. 2018)
assesses confidence in a finding of a qualitative evidence synthesis from four components:
methodological limitations, coherence, adequacy of data and relevance, each judged as no or
very minor, minor, moderate or serious concerns, and an overall judgement of high, moderate,
low or very low confidence. Realist reviews have adapted it to CMOCs; the adaptation here
reads each component the realist way: methodological limitations from the *data-level*
rigour judgements of the data behind the CMOC (not from study designs), coherence as how well
the CMOC explains the data, including data that disconfirm or complicate it, adequacy as the
richness and quantity of data for each part of the configuration, and relevance as how far
the contexts of the data match the contexts the CMOC claims. CERQual's overall judgement
starts from high confidence and is lowered for concerns; the same is asked here.

**Explanatory coherence** (``explanatory-coherence``). Realist synthesis is inference to the
best explanation, and the criteria it borrows for judging an explanation against its rivals
are Thagard's (1978, 1989): consilience (how much of the evidence the CMOC explains),
simplicity (how few special or ad hoc assumptions it needs) and analogy (whether it fits
explanations that hold in similar situations, or a substantive theory).

Both approaches ask for a rationale per component: the judgement is a reasoned one, not a
score, and no level is computed from the components.
"""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.model.confidence import ConfidenceApproach, ConfidenceComponent

__all__ = [
    "CERQUAL_CMOC",
    "EXPLANATORY_COHERENCE",
    "realistsynth_register_confidence_approaches",
]

_CONCERNS = (
    "no or very minor concerns",
    "minor concerns",
    "moderate concerns",
    "serious concerns",
)

CERQUAL_CMOC = ConfidenceApproach(
    name="cerqual-cmoc",
    title="GRADE-CERQual, adapted to CMOCs",
    citation="Lewin, S., Booth, A., Glenton, C., Munthe-Kaas, H., Rashidian, A., Wainwright, "
    "M., Bohren, M.A., Tunçalp, Ö., Colvin, C.J., Garside, R., Carlsen, B., Langlois, E.V. and "
    "Noyes, J. (2018), “Applying GRADE-CERQual to qualitative evidence synthesis findings: "
    "introduction to the series”, Implementation Science, Vol. 13 Suppl. 1, 2, "
    "doi: 10.1186/s13012-017-0688-3.",
    levels=("high", "moderate", "low", "very low"),
    guidance="Start from high confidence that the CMOC is a reasonable representation of "
    "how outcomes come about in the contexts it names, and lower it for concerns in any "
    "component. Explain the overall level with reference to the components.",
    components=(
        ConfidenceComponent(
            "methodological-limitations",
            "Methodological limitations",
            "Were the data behind the CMOC judged trustworthy (data-level rigour), or do "
            "concerns about how they were produced weaken it?",
            _CONCERNS,
            guidance="Read the rigour judgements of the evidence links and extracts, not the "
            "designs of the studies they come from.",
        ),
        ConfidenceComponent(
            "coherence",
            "Coherence",
            "How well does the CMOC explain the data behind it, including data that "
            "disconfirm or complicate it?",
            _CONCERNS,
            guidance="Name the disconfirming data considered and how the CMOC accounts for "
            "them (or why it does not).",
        ),
        ConfidenceComponent(
            "adequacy",
            "Adequacy of data",
            "Are the data rich enough, and plentiful enough, for each part of the "
            "configuration (context, mechanism, outcome)?",
            _CONCERNS,
            guidance="Counts of sources are not adequacy: one thick account can outweigh "
            "several thin mentions. Say which parts rest on thin data.",
        ),
        ConfidenceComponent(
            "relevance",
            "Relevance",
            "How far do the contexts of the data match the contexts the CMOC claims and the "
            "review question?",
            _CONCERNS,
            guidance="Partial or indirect relevance (another setting, country or time) is a "
            "concern in proportion to how much the mechanism depends on context.",
        ),
    ),
)

_STRENGTH = ("strong", "moderate", "weak")

EXPLANATORY_COHERENCE = ConfidenceApproach(
    name="explanatory-coherence",
    title="Explanatory coherence (consilience, simplicity, analogy)",
    citation="Thagard, P. (1978), “The best explanation: criteria for theory choice”, The "
    "Journal of Philosophy, Vol. 75 No. 2, pp. 76-92, doi: 10.2307/2025686; Thagard, P. "
    "(1989), “Explanatory coherence”, Behavioral and Brain Sciences, Vol. 12 No. 3, "
    "pp. 435-467, doi: 10.1017/S0140525X00057046.",
    levels=("high", "moderate", "low"),
    guidance="Judge the CMOC as an explanation against its rivals: the level says how far it "
    "is the best available explanation of the data.",
    components=(
        ConfidenceComponent(
            "consilience",
            "Consilience",
            "How much of the evidence, and of how many kinds, does the CMOC explain?",
            _STRENGTH,
        ),
        ConfidenceComponent(
            "simplicity",
            "Simplicity",
            "Does the CMOC explain the evidence without special or ad hoc assumptions?",
            _STRENGTH,
        ),
        ConfidenceComponent(
            "analogy",
            "Analogy",
            "Does the CMOC fit explanations that hold in similar situations, or a "
            "substantive (middle-range) theory?",
            _STRENGTH,
        ),
    ),
)


@hookimpl
def realistsynth_register_confidence_approaches() -> list[ConfidenceApproach]:
    """The built-in confidence approaches."""
    return [CERQUAL_CMOC, EXPLANATORY_COHERENCE]
