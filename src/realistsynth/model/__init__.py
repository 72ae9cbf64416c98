"""The typed core model of a realist review: pure data and invariants, no I/O, no plugins.

Value objects are frozen attrs classes; :class:`Review` is the aggregate that owns them and
changes only through methods that keep its invariants.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from realistsynth.model.appraisal import CriteriaSet, Criterion, Judgement, JudgementTarget
    from realistsynth.model.common import Location, PartialDate
    from realistsynth.model.dedup import DuplicateLink, LinkVerdict, PairDecision
    from realistsynth.model.extraction import (
        CodeDefinition,
        CodedExtract,
        ConfigurationHeuristic,
        FieldDefinition,
        FieldType,
        FieldValue,
        Informant,
        Quotation,
        StudyCharacteristics,
        TheoryDocument,
        TheoryDocumentKind,
    )
    from realistsynth.model.records import CSL_TYPES, Name, Provenance, Record
    from realistsynth.model.review import (
        ReportNote,
        Review,
        ReviewDocument,
        Reviewer,
        ReviewMeta,
        ReviewType,
    )
    from realistsynth.model.screening import (
        Decision,
        DeclaredCount,
        ExclusionReason,
        GateCriterion,
        Resolution,
        ResolutionMethod,
        ScreeningStage,
        StageKind,
        StageStatus,
        Verdict,
    )
    from realistsynth.model.search import (
        ConceptBlock,
        DateWindow,
        Limiter,
        LimiterKind,
        PublicationRange,
        SearchRun,
        SearchStrategy,
        Source,
        SourceKind,
    )
    from realistsynth.model.theory import (
        CMOC,
        EvidenceLink,
        EvidenceRole,
        EvidenceTarget,
        OrganisingFramework,
        OutcomeKind,
        Refinement,
        RefinementOutcome,
        Theme,
        ThemeStatement,
        TheoryVersion,
        VersionKind,
    )

# Home module of each public name, imported on first use (see realistsynth._lazy): reading a
# file needs Record, not the Review aggregate and its invariants.
_HOMES: dict[str, tuple[str, ...]] = {
    "realistsynth.model.appraisal": (
        "CriteriaSet",
        "Criterion",
        "Judgement",
        "JudgementTarget",
    ),
    "realistsynth.model.common": (
        "Location",
        "PartialDate",
    ),
    "realistsynth.model.dedup": (
        "DuplicateLink",
        "LinkVerdict",
        "PairDecision",
    ),
    "realistsynth.model.extraction": (
        "CodeDefinition",
        "CodedExtract",
        "ConfigurationHeuristic",
        "FieldDefinition",
        "FieldType",
        "FieldValue",
        "Informant",
        "Quotation",
        "StudyCharacteristics",
        "TheoryDocument",
        "TheoryDocumentKind",
    ),
    "realistsynth.model.records": (
        "CSL_TYPES",
        "Name",
        "Provenance",
        "Record",
    ),
    "realistsynth.model.review": (
        "ReportNote",
        "Review",
        "ReviewDocument",
        "Reviewer",
        "ReviewMeta",
        "ReviewType",
    ),
    "realistsynth.model.screening": (
        "Decision",
        "DeclaredCount",
        "ExclusionReason",
        "GateCriterion",
        "Resolution",
        "ResolutionMethod",
        "ScreeningStage",
        "StageKind",
        "StageStatus",
        "Verdict",
    ),
    "realistsynth.model.search": (
        "ConceptBlock",
        "DateWindow",
        "Limiter",
        "LimiterKind",
        "PublicationRange",
        "SearchRun",
        "SearchStrategy",
        "Source",
        "SourceKind",
    ),
    "realistsynth.model.theory": (
        "CMOC",
        "EvidenceLink",
        "EvidenceRole",
        "EvidenceTarget",
        "OrganisingFramework",
        "OutcomeKind",
        "Refinement",
        "RefinementOutcome",
        "Theme",
        "ThemeStatement",
        "TheoryVersion",
        "VersionKind",
    ),
}

if not TYPE_CHECKING:
    from realistsynth import _lazy

    __getattr__, __dir__ = _lazy.lazy_exports(globals(), _HOMES)

__all__ = [
    "CMOC",
    "CSL_TYPES",
    "CodeDefinition",
    "CodedExtract",
    "ConceptBlock",
    "ConfigurationHeuristic",
    "CriteriaSet",
    "Criterion",
    "DateWindow",
    "Decision",
    "DeclaredCount",
    "DuplicateLink",
    "EvidenceLink",
    "EvidenceRole",
    "EvidenceTarget",
    "ExclusionReason",
    "FieldDefinition",
    "FieldType",
    "FieldValue",
    "GateCriterion",
    "Informant",
    "Judgement",
    "JudgementTarget",
    "Limiter",
    "LimiterKind",
    "LinkVerdict",
    "Location",
    "Name",
    "OrganisingFramework",
    "OutcomeKind",
    "PairDecision",
    "PartialDate",
    "Provenance",
    "PublicationRange",
    "Quotation",
    "Record",
    "Refinement",
    "RefinementOutcome",
    "ReportNote",
    "Resolution",
    "ResolutionMethod",
    "Review",
    "ReviewDocument",
    "ReviewMeta",
    "ReviewType",
    "Reviewer",
    "ScreeningStage",
    "SearchRun",
    "SearchStrategy",
    "Source",
    "SourceKind",
    "StageKind",
    "StageStatus",
    "StudyCharacteristics",
    "Theme",
    "ThemeStatement",
    "TheoryDocument",
    "TheoryDocumentKind",
    "TheoryVersion",
    "Verdict",
    "VersionKind",
]
