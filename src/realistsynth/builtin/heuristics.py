"""Built-in configuration heuristics for coding extracts: CMO (Pawson and Tilley 1997),
Dalkin et al.'s (2015) C / M-Res / M-Rea / O, and ICAMO (intervention, context, actor,
mechanism, outcome; Mukumbang et al. 2018). Definitions are generic; a review replaces them
with its own operational definitions (the worked example's Table 1) when it adopts one."""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.model.extraction import CodeDefinition, ConfigurationHeuristic

__all__ = ["CMO", "DALKIN", "ICAMO", "realistsynth_register_heuristics"]

_CONTEXT = CodeDefinition(
    "C", "Context", "Conditions that trigger or modify whether and how mechanisms operate."
)
_OUTCOME = CodeDefinition("O", "Outcome", "Intended or unintended results of the programme.")

CMO = ConfigurationHeuristic(
    name="cmo",
    title="Context + Mechanism = Outcome",
    codes=(
        _CONTEXT,
        CodeDefinition(
            "M", "Mechanism", "Resources offered and how people respond to them (reasoning)."
        ),
        _OUTCOME,
    ),
    formula="C + M = O",
    citation="Pawson, R. and Tilley, N. (1997), Realistic Evaluation, Sage, London.",
)

DALKIN = ConfigurationHeuristic(
    name="dalkin",
    title="Mechanism split into resource and reasoning (Dalkin et al. 2015)",
    codes=(
        _CONTEXT,
        CodeDefinition("M-Res", "Mechanism (resource)", "What the programme offers or introduces."),
        CodeDefinition(
            "M-Rea",
            "Mechanism (reasoning)",
            "How people's reasoning or responses change in reaction to the resource.",
        ),
        _OUTCOME,
    ),
    formula="M(resource) + C → M(reasoning) = O",
    citation="Dalkin, S.M., Greenhalgh, J., Jones, D., Cunningham, B. and Lhussier, M. (2015), "
    "“What’s in a mechanism? Development of a key concept in realist evaluation”, "
    "Implementation Science, Vol. 10 No. 1, p. 49, doi: 10.1186/s13012-015-0237-x.",
)

ICAMO = ConfigurationHeuristic(
    name="icamo",
    title="Intervention-Context-Actor-Mechanism-Outcome",
    codes=(
        CodeDefinition("I", "Intervention", "The programme or its components."),
        _CONTEXT,
        CodeDefinition("A", "Actor", "The people whose reasoning the mechanism engages."),
        CodeDefinition("M", "Mechanism", "The actors' response to the intervention's resources."),
        _OUTCOME,
    ),
    formula="I + C + A + M = O",
    citation="Mukumbang, F.C., Marchal, B., Van Belle, S. and van Wyk, B. (2018), "
    "“Unearthing how, why, for whom and under what health system conditions the antiretroviral "
    "treatment adherence club intervention in South Africa works”, PLOS ONE, 13(1), e0191019.",
)


@hookimpl
def realistsynth_register_heuristics() -> list[ConfigurationHeuristic]:
    """The built-in heuristics."""
    return [CMO, DALKIN, ICAMO]
