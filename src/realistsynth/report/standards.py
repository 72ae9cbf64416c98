"""The reporting standards realistsynth ships: RAMESES for realist syntheses, RAMESES II for
realist evaluations, and the RAMESES quality standards for realist syntheses (contributed by
the built-in plugin :mod:`realistsynth.builtin.reporting_standards`).

Every item is paraphrased in our own words and meant to be whole: no part of what an item
asks left out, nothing added that it does not ask (item 8 of the publication standards asks
about contact with experts as well as the databases; item 12 asks for the source of each
document as well as the counts; item 16 asks for a comment on the strength of evidence as
well as strengths and limitations). The official wording is in the cited papers; use it when
you answer a journal's checklist.

What was checked against the published originals, and what could not be (the list is kept in
``docs/report.md``, section "Checked against the originals"): RAMESES II items 1 to 8 (number,
title, section, every part of what each asks) and the section of item 9 were compared with
Table 1 of Wong et al. (2016); item 2 was corrected. The other items of RAMESES II, the 19
items of RAMESES (Wong et al. 2013) and the quality standards' criteria beyond the first
title could not be read whole from here and are as first written; the quality standards'
citation was corrected to name its authors and document.

Each item names the ``topics`` of review data that can *suggest* it is covered
(:mod:`realistsynth.report.rameses` reads them). A suggestion is never a confirmation: a
person confirms each item with the page or section of the manuscript.
"""

from __future__ import annotations

import attrs

from realistsynth.protocols import ReportingStandard, StandardItem

__all__ = [
    "RAMESES",
    "RAMESES_II",
    "RAMESES_QUALITY",
]

I = StandardItem  # noqa: E741 (one letter keeps the tables below readable)


def _showing(standard: ReportingStandard, shows: dict[str, tuple[str, ...]]) -> ReportingStandard:
    """The standard with the review content the report places under some of its items."""
    items = tuple(attrs.evolve(i, shows=shows.get(i.key, i.shows)) for i in standard.items)
    return attrs.evolve(standard, items=items)


RAMESES = ReportingStandard(
    name="rameses",
    title="RAMESES publication standards: realist syntheses",
    applies_to="realist syntheses (realist reviews, rapid realist reviews)",
    citation="Wong, G., Greenhalgh, T., Westhorp, G., Buckingham, J. and Pawson, R. (2013), "
    "“RAMESES publication standards: realist syntheses”, BMC Medicine, Vol. 11, 21, "
    "doi: 10.1186/1741-7015-11-21.",
    items=(
        I(
            "1",
            "title",
            "Title",
            "Title",
            "Say in the title that the document is a realist synthesis or realist review.",
            ("title",),
        ),
        I(
            "2",
            "abstract",
            "Abstract",
            "Abstract",
            "Within the journal's requirements, summarise briefly: the background, the review "
            "question or objectives, the search strategy, how sources were selected, appraised, "
            "analysed and synthesised, the main results, and the implications for practice.",
            ("objectives", "search", "selection", "findings"),
        ),
        I(
            "3",
            "rationale",
            "Introduction",
            "Rationale for review",
            "Explain why the review is needed and what it is likely to add to what is already "
            "understood.",
            (),
        ),
        I(
            "4",
            "objectives",
            "Introduction",
            "Objectives and focus of review",
            "State the review's objective(s) and/or question(s); define the focus of the review "
            "and give the reasons for it.",
            ("objectives",),
        ),
        I(
            "5",
            "changes",
            "Methods",
            "Changes in the review process",
            "Describe briefly, and justify, any change made to the review process that was "
            "first planned.",
            (),
        ),
        I(
            "6",
            "realist-rationale",
            "Methods",
            "Rationale for using realist synthesis",
            "Explain why a realist synthesis was judged the most appropriate method.",
            (),
        ),
        I(
            "7",
            "scoping",
            "Methods",
            "Scoping the literature",
            "Describe the first, exploratory scoping of the literature, and justify it.",
            ("scoping",),
        ),
        I(
            "8",
            "searching",
            "Methods",
            "Searching processes",
            "Within the outlet's requirements, state how the iterative searching was done and "
            "why; give every source of information searched, and for electronic databases "
            "details such as the database's name, the search terms, the dates covered and the "
            "date last searched; and, if people who know the literature or the topic were "
            "contacted, say how they were identified and selected.",
            ("search", "iterations", "consultations"),
        ),
        I(
            "9",
            "selection-appraisal",
            "Methods",
            "Selection and appraisal of documents",
            "Explain how judgements were made to include or exclude data from documents, and "
            "justify them.",
            ("selection", "appraisal"),
        ),
        I(
            "10",
            "extraction",
            "Methods",
            "Data extraction",
            "Describe which data or information were extracted from the included documents, "
            "and justify that choice.",
            ("extraction",),
        ),
        I(
            "11",
            "analysis",
            "Methods",
            "Analysis and synthesis processes",
            "Describe the analysis and synthesis in detail, including the constructs analysed "
            "and the analytic process.",
            ("analysis",),
        ),
        I(
            "12",
            "flow",
            "Results",
            "Document flow diagram",
            "Give the number of documents assessed for eligibility and included, with the "
            "reasons for exclusion at each stage, and show where the documents came from (for "
            "example database searches or reference lists); adapting the standard's template "
            "diagrams is suggested.",
            ("flow", "document-sources"),
        ),
        I(
            "13",
            "characteristics",
            "Results",
            "Document characteristics",
            "Describe the characteristics of the documents included in the review.",
            ("characteristics",),
        ),
        I(
            "14",
            "findings",
            "Results",
            "Main findings",
            "Present the key findings, focused on building and testing theory.",
            ("findings",),
        ),
        I(
            "15",
            "summary",
            "Discussion",
            "Summary of findings",
            "Summarise the main findings in the light of the review's objective(s), "
            "question(s), focus and intended audience(s).",
            (),
        ),
        I(
            "16",
            "strengths-limitations",
            "Discussion",
            "Strengths, limitations and future research directions",
            "Discuss the review's strengths and its limitations, considering (at least) every "
            "step of the review process and the overall strength of the evidence behind the "
            "explanatory insights that emerged; let the limitations point to where further "
            "work is needed.",
            ("strength-of-evidence",),
        ),
        I(
            "17",
            "comparison",
            "Discussion",
            "Comparison with existing literature",
            "Where it applies, compare and contrast the findings with existing literature on "
            "the same topic (for example, other reviews).",
            (),
        ),
        I(
            "18",
            "conclusion",
            "Discussion",
            "Conclusion and recommendations",
            "List the main implications of the findings, placed in the context of other "
            "relevant literature; where appropriate, recommend for policy and practice.",
            (),
        ),
        I(
            "19",
            "funding",
            "Funding",
            "Funding",
            "Give the source of funding (if any), the funder's role (if any) and any conflicts "
            "of interest of the reviewers.",
            ("funding",),
        ),
    ),
)

RAMESES_II = ReportingStandard(
    name="rameses-ii",
    title="RAMESES II reporting standards: realist evaluations",
    applies_to="realist evaluations",
    citation="Wong, G., Westhorp, G., Manzano, A., Greenhalgh, J., Jagosh, J. and Greenhalgh, "
    "T. (2016), “RAMESES II reporting standards for realist evaluations”, BMC Medicine, "
    "Vol. 14, 96, doi: 10.1186/s12916-016-0643-1.",
    items=(
        I(
            "1",
            "title",
            "Title",
            "Title",
            "Say in the title that the document is a realist evaluation.",
            ("title",),
        ),
        I(
            "2",
            "abstract",
            "Summary or abstract",
            "Summary or abstract",
            "Give an abstract (as journal articles usually need) or a short summary (which "
            "reports and other publications usually benefit from) that briefly covers: the "
            "programme, policy or initiative evaluated and its setting, the purpose of the "
            "evaluation, the evaluation question(s) and/or objective(s), the evaluation "
            "strategy, the methods of data collection, documentation and analysis, and the key "
            "findings and conclusions; where the journal asks for it and the study suits it, "
            "add brief details of the respondents and of how they were recruited and sampled; "
            "and give enough detail for readers to see that a realist approach was used and "
            "that a realist programme theory was developed and/or refined.",
            ("objectives", "findings"),
        ),
        I(
            "3",
            "rationale",
            "Introduction",
            "Rationale for evaluation",
            "Explain the purpose of the evaluation and what it implies for the evaluation's "
            "focus and design.",
            (),
        ),
        I(
            "4",
            "programme-theory",
            "Introduction",
            "Programme theory",
            "Describe the initial programme theory (or theories) underpinning the programme, "
            "policy or initiative.",
            ("initial-theory",),
        ),
        I(
            "5",
            "questions",
            "Introduction",
            "Evaluation questions, objectives and focus",
            "State the evaluation question(s) and the objectives, and describe whether and how "
            "the programme theory was used to define the scope and focus of the evaluation.",
            ("objectives", "initial-theory"),
        ),
        I(
            "6",
            "ethics",
            "Introduction",
            "Ethical approval",
            "Say whether the evaluation needed ethical approval and obtained it from the "
            "relevant authorities, with details; if approval was judged unnecessary, say why.",
            (),
        ),
        I(
            "7",
            "realist-rationale",
            "Methods",
            "Rationale for using realist evaluation",
            "Explain why a realist evaluation approach was chosen and, if relevant, how it was "
            "adapted.",
            (),
        ),
        I(
            "8",
            "environment",
            "Methods",
            "Environment surrounding the evaluation",
            "Describe the environment in which the evaluation took place.",
            (),
        ),
        I(
            "9",
            "programme",
            "Methods",
            "Description of the programme, policy or initiative",
            "Give the relevant details of the programme, policy or initiative evaluated.",
            (),
        ),
        I(
            "10",
            "design",
            "Methods",
            "Evaluation design",
            "Describe and justify the evaluation design (what was planned, what was done and "
            "why), at least in summary or as an appendix to the document with the main "
            "findings; if it is left out, justify the omission and give a reference or link to "
            "the design; consider publishing any original design document or protocol.",
            (),
        ),
        I(
            "11",
            "data-collection",
            "Methods",
            "Data collection methods",
            "Describe and justify the data collection methods (which, why, and how they fed "
            "into developing, supporting, refuting or refining programme theory), and the "
            "steps taken to make data collection and documentation trustworthy.",
            ("extraction", "appraisal"),
        ),
        I(
            "12",
            "recruitment",
            "Methods",
            "Recruitment process and sampling strategy",
            "Describe how respondents were recruited or engaged, and how the sample contributed "
            "to developing, supporting, refuting or refining programme theory.",
            ("consultations",),
        ),
        I(
            "13",
            "analysis",
            "Methods",
            "Data analysis",
            "Describe in detail how the data were analysed: the constructs identified, the "
            "process of analysis, how the programme theory was further developed, supported, "
            "refuted and refined, and (where relevant) how the analysis changed as the "
            "evaluation unfolded.",
            ("analysis",),
        ),
        I(
            "14",
            "participants",
            "Results",
            "Details of participants",
            "Report, where applicable, who took part, what data they provided and how those "
            "data were used to develop, support, refute or refine programme theory.",
            ("consultations",),
        ),
        I(
            "15",
            "findings",
            "Results",
            "Main findings",
            "Present the key findings linked to context-mechanism-outcome configurations, and "
            "show how they were used to develop, test or refine the programme theory further.",
            ("findings",),
        ),
        I(
            "16",
            "summary",
            "Discussion",
            "Summary of findings",
            "Summarise the main findings in the light of the evaluation questions, its "
            "purpose, the programme theory and the intended audience.",
            (),
        ),
        I(
            "17",
            "strengths-limitations",
            "Discussion",
            "Strengths, limitations and future research directions",
            "Discuss the evaluation's strengths and limitations, considering (at least) every "
            "step of the evaluation and the adequacy, trustworthiness and value of the "
            "explanatory insights; where guidance on the future of the programme, its "
            "implementation or design is expected, give it; reflect the implications of the "
            "findings being realist ones.",
            ("strength-of-evidence",),
        ),
        I(
            "18",
            "comparison",
            "Discussion",
            "Comparison with existing literature",
            "Where appropriate, compare and contrast the findings with existing literature on "
            "similar programmes, policies or initiatives.",
            (),
        ),
        I(
            "19",
            "conclusion",
            "Discussion",
            "Conclusion and recommendations",
            "List the main conclusions the analyses justify and, if appropriate, give "
            "recommendations consistent with a realist approach.",
            (),
        ),
        I(
            "20",
            "funding",
            "Discussion",
            "Funding and conflict of interest",
            "Give the source of funding (if any), the funder's role (if any) and any conflicts "
            "of interest of the evaluators.",
            ("funding",),
        ),
    ),
)

RAMESES_QUALITY = ReportingStandard(
    name="rameses-quality",
    title="RAMESES quality standards for realist syntheses",
    applies_to="realist syntheses (for researchers and peer reviewers)",
    answer="met",
    citation="Wong, G., Greenhalgh, T., Westhorp, G. and Pawson, R. (2014), “Quality standards "
    "for realist syntheses and meta-narrative reviews”, part “Quality standards for realist "
    "synthesis (for researchers and peer-reviewers)”, RAMESES (Realist And Meta-narrative "
    "Evidence Syntheses: Evolving Standards) project, "
    "http://www.ramesesproject.org/media/Quality_standards_for_RS_and_MNR_v3final.pdf.",
    items=(
        I(
            "1",
            "research-problem",
            "Quality",
            "The research problem",
            "The question is one a realist synthesis can answer (how, why, for whom, in what "
            "contexts and to what extent an intervention or programme works), and the reasons "
            "for choosing a realist approach for it are given.",
            ("objectives",),
        ),
        I(
            "2",
            "principles",
            "Quality",
            "Understanding and applying the underpinning principles of realist reviews",
            "The review shows that it understands realist principles (generative causation: "
            "mechanisms fired in contexts produce outcomes) and applies them consistently in "
            "every step, including the analysis.",
            ("findings",),
        ),
        I(
            "3",
            "focus",
            "Quality",
            "Focusing the review",
            "The review's focus is set and refined, with stakeholders where that fits, so that "
            "it is manageable and answers the question; changes of focus are explained.",
            ("objectives",),
        ),
        I(
            "4",
            "programme-theory",
            "Quality",
            "Constructing and refining a realist programme theory",
            "An initial programme theory is made explicit and then tested and refined against "
            "the data, with the refinements shown.",
            ("initial-theory", "analysis"),
        ),
        I(
            "5",
            "search",
            "Quality",
            "Developing a search strategy",
            "The search is purposive and iterative, designed to find data that can build and "
            "test the programme theory, and is described.",
            ("search", "iterations"),
        ),
        I(
            "6",
            "selection-appraisal",
            "Quality",
            "Selection and appraisal of documents",
            "Documents are selected for their relevance to the programme theory, and the data "
            "used are appraised for rigour (trustworthiness), with the judgements explained.",
            ("selection", "appraisal"),
        ),
        I(
            "7",
            "extraction",
            "Quality",
            "Data extraction",
            "The data extracted are those that inform contexts, mechanisms and outcomes, and "
            "how they were extracted and organised is described.",
            ("extraction",),
        ),
        I(
            "8",
            "reporting",
            "Quality",
            "Reporting",
            "The review is reported following the RAMESES publication standards for realist "
            "syntheses.",
            (),
        ),
    ),
)

RAMESES = _showing(
    RAMESES,
    {
        "objectives": ("objectives",),
        "scoping": ("scoping",),
        "searching": ("search", "consultations"),
        "selection-appraisal": ("selection", "appraisal"),
        "extraction": ("extraction",),
        "analysis": ("analysis",),
        "flow": ("flow",),
        "characteristics": ("characteristics",),
        "findings": ("findings",),
        "funding": ("funding",),
    },
)
RAMESES_II = _showing(
    RAMESES_II,
    {
        "programme-theory": ("initial-theory",),
        "questions": ("objectives",),
        "data-collection": ("extraction", "appraisal"),
        "recruitment": ("consultations",),
        "analysis": ("analysis",),
        "findings": ("findings",),
        "funding": ("funding",),
    },
)
RAMESES_QUALITY = _showing(RAMESES_QUALITY, {})
# The quality standards rate each criterion on four levels, worst to best (Wong, Greenhalgh,
# Westhorp & Pawson 2014); the publication standards have no scale (an item is reported or
# not). Declared apart from the items' table above so that the two change independently.
RAMESES_QUALITY = attrs.evolve(
    RAMESES_QUALITY, ratings=("inadequate", "adequate", "good", "excellent")
)
