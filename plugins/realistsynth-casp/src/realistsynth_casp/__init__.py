"""The CASP qualitative studies checklist as a realistsynth criteria set.

This package is the worked example for plugin authors: one module, one hook implementation,
one entry point (see ``pyproject.toml``). The questions paraphrase the ten questions of the
Critical Appraisal Skills Programme (CASP) Qualitative Studies Checklist (2018); the checklist
itself, with its hints, is at casp-uk.net and is licensed by CASP under CC BY-NC-SA 3.0.
Every question is answered "yes", "can't tell" or "no"; question 10 ("how valuable is the
research?") is free text in the original, so here its answer is the same scale plus the
rationale.
"""

from __future__ import annotations

from realistsynth import CriteriaSet, Criterion, hookimpl

__all__ = ["CASP_QUALITATIVE", "realistsynth_register_criteria_sets"]

_SCALE = ("yes", "can't tell", "no")

_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("aims", "Aims", "Was there a clear statement of the aims of the research?"),
    ("methodology", "Methodology", "Is a qualitative methodology appropriate?"),
    (
        "design",
        "Research design",
        "Was the research design appropriate to address the aims of the research?",
    ),
    (
        "recruitment",
        "Recruitment",
        "Was the recruitment strategy appropriate to the aims of the research?",
    ),
    (
        "data-collection",
        "Data collection",
        "Was the data collected in a way that addressed the research issue?",
    ),
    (
        "reflexivity",
        "Reflexivity",
        "Has the relationship between researcher and participants been adequately considered?",
    ),
    ("ethics", "Ethical issues", "Have ethical issues been taken into consideration?"),
    ("analysis", "Data analysis", "Was the data analysis sufficiently rigorous?"),
    ("findings", "Findings", "Is there a clear statement of findings?"),
    ("value", "Value", "How valuable is the research?"),
)

CASP_QUALITATIVE = CriteriaSet(
    name="casp-qualitative",
    title="CASP Qualitative Studies Checklist",
    version="2018",
    citation="Critical Appraisal Skills Programme (2018), CASP Qualitative Checklist, "
    "available at: https://casp-uk.net/casp-tools-checklists/",
    criteria=tuple(
        Criterion(
            id=cid,
            name=name,
            question=question,
            scale=_SCALE,
            # "yes" passes, so any question can also serve as a gate in the flow of records
            passing=("yes",),
            rationale_required=cid == "value",
        )
        for cid, name, question in _QUESTIONS
    ),
)


@hookimpl
def realistsynth_register_criteria_sets() -> list[CriteriaSet]:
    """Contribute the CASP qualitative checklist."""
    return [CASP_QUALITATIVE]
