"""A small review touching every part of the model that the workbook shows (test helper)."""

from __future__ import annotations

import datetime as dt

from realistsynth.builtin.criteria import REALIST_RRR
from realistsynth.builtin.frameworks import DOING_THINGS_DIFFERENTLY
from realistsynth.builtin.heuristics import DALKIN
from realistsynth.model import (
    CMOC,
    CodedExtract,
    ConceptBlock,
    DateWindow,
    Decision,
    EvidenceLink,
    EvidenceRole,
    EvidenceTarget,
    FieldDefinition,
    FieldType,
    Informant,
    Judgement,
    Limiter,
    LimiterKind,
    Location,
    Name,
    OutcomeKind,
    PartialDate,
    Provenance,
    Quotation,
    Record,
    Refinement,
    RefinementOutcome,
    Resolution,
    ResolutionMethod,
    Reviewer,
    ScreeningStage,
    SearchRun,
    SearchStrategy,
    Source,
    StudyCharacteristics,
    TheoryVersion,
    Verdict,
    VersionKind,
)
from realistsynth.model.review import Review

HOSTILE_TITLE = '=HYPERLINK("http://evil.example","click")'


def sample_review() -> Review:
    review = Review.new("ICS leadership sample", question="How does ICS leadership work?")
    for initials in ("LK", "RG", "MT"):
        review.add_reviewer(Reviewer(initials))
    review.set_strategy(
        SearchStrategy(
            window=DateWindow(dt.date(2022, 9, 15), dt.date(2022, 10, 1)),
            query='Integrat* AND (health OR care OR "health care") AND leader*',
            concept_blocks=[ConceptBlock("Integration", "Integrat*")],
            limiters=[Limiter(LimiterKind.LANGUAGE, "English language")],
        )
    )
    review.add_source(Source("cinahl", "CINAHL", platform="EBSCOhost"))
    review.add_search_run(
        SearchRun(
            "run-1", "cinahl", date=dt.date(2022, 9, 15), query="Integrat* AND leader*", hits=3
        )
    )
    prov = [Provenance(file="cinahl.ris", source_id="cinahl", search_run_id="run-1")]
    records = [
        Record(
            "aunger2022",
            title="How, when, and why do inter-organisational collaborations work?",
            authors=[Name("Aunger", "J.A."), Name("Millar", "R."), Name("Greenhalgh", "J.")],
            issued=PartialDate(2022),
            container_title="PLOS ONE",
            provenance=prov,
        ),
        Record(
            "aunger2022b",
            title="Collaboration over competition?",
            authors=[Name("Aunger", "J.A."), Name("Millar", "R."), Name("Mannion", "R.")],
            issued=PartialDate(2022),
            container_title="BMC Health Services Research",
            provenance=prov,
        ),
        Record(
            "bell2022",
            title=HOSTILE_TITLE,
            authors=[Name("Bell", "L.")],
            issued=PartialDate(2022),
            abstract="Bad\x0bcontrol\x00chars here",
            provenance=prov,
        ),
        Record(
            "long2021",
            title="Long abstract",
            authors=[Name(literal="NHS England")],
            issued=PartialDate(2021),
            abstract="x" * 40000,
        ),
    ]
    review.add_records(records)
    review.add_stage(ScreeningStage("ta", "Title and abstract", required_reviewers=2))
    review.add_stage(ScreeningStage("ft", "Full text", required_reviewers=2))
    for rid in ("aunger2022", "aunger2022b", "bell2022"):
        for who in ("LK", "RG"):
            review.record_decision(Decision("ta", rid, who, Verdict.INCLUDE))
    review.record_decision(Decision("ta", "long2021", "LK", Verdict.INCLUDE))
    review.record_decision(Decision("ta", "long2021", "RG", Verdict.EXCLUDE))
    for rid in ("aunger2022", "aunger2022b"):
        for who in ("LK", "RG"):
            review.record_decision(Decision("ft", rid, who, Verdict.INCLUDE))
    review.record_decision(Decision("ft", "bell2022", "LK", Verdict.INCLUDE))
    review.record_decision(Decision("ft", "bell2022", "RG", Verdict.EXCLUDE))
    review.resolve(
        Resolution(
            "ft",
            "bell2022",
            Verdict.INCLUDE,
            ResolutionMethod.THIRD_REVIEWER,
            by=["MT"],
            rationale="Relevant after discussion",
        )
    )
    review.adopt_criteria_set(REALIST_RRR)
    review.add_judgement(
        Judgement(
            "aunger2022", "realist-rrr", "relevance", "relevant", "LK", rationale="Informs CMOC 1"
        )
    )
    review.define_field(FieldDefinition("location", "Location"))
    review.define_field(
        FieldDefinition("design", "Design", FieldType.CHOICE, allowed=["qualitative", "mixed"])
    )
    review.set_characteristics(
        StudyCharacteristics("aunger2022", {"location": "England", "design": "qualitative"})
    )
    review.set_heuristic(DALKIN)
    review.add_extract(
        CodedExtract(
            "ex-1",
            "aunger2022",
            "Trust grew when leaders shared power.",
            codes=["C", "O"],
            location=Location(page="7"),
        )
    )
    review.add_informant(Informant("i1", "1"))
    review.add_quotation(
        Quotation("q1", "You have to be creative", informant_id="i1", codes=["M-Rea"])
    )
    review.adopt_framework(DOING_THINGS_DIFFERENTLY)
    review.add_cmoc(
        CMOC(
            "i-cmoc-1",
            context="C1",
            mechanism_resource="MR1",
            mechanism_reasoning="MA1",
            outcome="O1",
            theme_id="being",
            label="CMOC 1",
        )
    )
    review.add_cmoc(
        CMOC("i-cmoc-2", statement="An initial statement", theme_id="being", label="CMOC 2")
    )
    review.add_cmoc(
        CMOC(
            "r-cmoc-1",
            context="Refined C",
            outcome="Refined O",
            theme_id="being",
            label="Refined CMOC 1",
        )
    )
    review.add_theory_version(
        TheoryVersion("irpt", "Initial rough programme theory", cmoc_ids=["i-cmoc-1", "i-cmoc-2"])
    )
    review.add_theory_version(
        TheoryVersion("rpt", "Refined programme theory", VersionKind.REFINED, cmoc_ids=["r-cmoc-1"])
    )
    review.refine(
        Refinement(
            "irpt",
            "rpt",
            [
                RefinementOutcome(
                    "i-cmoc-1",
                    OutcomeKind.SUPPORTED_REFINED,
                    "Evidence refined it",
                    targets=["r-cmoc-1"],
                ),
                RefinementOutcome("i-cmoc-2", OutcomeKind.NO_EVIDENCE, "Nothing found"),
            ],
        )
    )
    review.add_evidence(EvidenceLink("ev-1", "i-cmoc-1", EvidenceTarget.QUOTATION, "q1"))
    review.add_evidence(EvidenceLink("ev-2", "r-cmoc-1", EvidenceTarget.RECORD, "aunger2022"))
    review.add_evidence(
        EvidenceLink("ev-3", "r-cmoc-1", EvidenceTarget.EXTRACT, "ex-1", role=EvidenceRole.REFINES)
    )
    review.add_evidence(EvidenceLink("ev-4", "r-cmoc-1", EvidenceTarget.RECORD, "aunger2022b"))
    return review
