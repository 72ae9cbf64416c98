"""The :class:`Review` aggregate: one realist review, changed only through methods that keep
its invariants.

The aggregate holds its collections in private, insertion-ordered dicts keyed by stable ids and
hands out read-only views. Every change method applies the change, runs the checks that the
change can affect (see :mod:`realistsynth.model.checks`), and undoes the change before raising
if a check fails: a failed call leaves the review exactly as it was. Loading a project file goes
the other way: :meth:`Review.from_document` takes everything in and then runs *all* checks, so
that ``realistsynth validate`` reports every problem of a file at once.

Derived facts (a record's status at a stage, which records reached a stage, lineage) are
computed on demand from the stored decisions and outcomes, never stored beside them.

The mutable-aggregate shape (rather than a frozen one rebuilt on each change) is deliberate:
adding 100,000 imported records one by one must stay linear.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
from attrs import field, frozen

from realistsynth.errors import (
    DuplicateIdError,
    InvalidReviewError,
    ReviewError,
    UnknownReferenceError,
)
from realistsynth.model.appraisal import CriteriaSet, Judgement, JudgementTarget
from realistsynth.model.common import check_id, non_empty, str_tuple
from realistsynth.model.confidence import ConfidenceApproach, ConfidenceAssessment
from realistsynth.model.consultation import Consultation
from realistsynth.model.dedup import DuplicateLink, PairDecision, cluster_records, pair_key
from realistsynth.model.extraction import (
    CodedExtract,
    ConfigurationHeuristic,
    FieldDefinition,
    Informant,
    Quotation,
    SourceText,
    StudyCharacteristics,
    TheoryDocument,
)
from realistsynth.model.records import Record
from realistsynth.model.reporting import ItemConfirmation, ReportingStandard
from realistsynth.model.screening import (
    Decision,
    DeclaredCount,
    Resolution,
    ScreeningStage,
    StageKind,
    StageStatus,
    Verdict,
)
from realistsynth.model.search import Arm, SearchRun, SearchStrategy, Source
from realistsynth.model.theory import (
    CMOC,
    EvidenceLink,
    OrganisingFramework,
    Refinement,
    RefinementOutcome,
    TheoryVersion,
)
from realistsynth.model.theory_links import (
    BUILTIN_LINK_KINDS,
    CMOCLink,
    LinkKind,
    MiddleRangeTheory,
)

__all__ = ["ReportNote", "Review", "ReviewDocument", "ReviewMeta", "ReviewType", "Reviewer"]

T = TypeVar("T")


class ReviewType(enum.Enum):
    """The kind of review (RAMESES covers realist and meta-narrative reviews)."""

    REALIST_REVIEW = "realist-review"
    RAPID_REALIST_REVIEW = "rapid-realist-review"
    REALIST_EVALUATION = "realist-evaluation"
    META_NARRATIVE_REVIEW = "meta-narrative-review"


@frozen
class Reviewer:
    """A member of the review team, known by initials (``LK``)."""

    initials: str = field(validator=check_id)
    name: str | None = None
    role: str | None = None
    affiliation: str | None = None
    orcid: str | None = None


@frozen
class ReviewMeta:
    """What the review is: title, question, type, scope and objectives."""

    title: str = field(validator=non_empty)
    question: str | None = None
    review_type: ReviewType = ReviewType.REALIST_REVIEW
    scope: str | None = None
    objectives: tuple[str, ...] = field(default=(), converter=str_tuple)
    registration: str | None = None
    funding: str | None = None
    citation: str | None = None


@frozen
class ReportNote:
    """Narrative the team wrote for one reporting item (a RAMESES item key such as
    ``rationale`` or ``strengths-limitations``), kept with the review so reports can use it."""

    item: str = field(validator=check_id)
    text: str = field(validator=non_empty)


@frozen
class ReviewDocument:
    """A review as plain data: the shape of the project file, one tuple per collection.

    :meth:`Review.to_document` and :meth:`Review.from_document` convert; the store turns this
    into JSON. Order of every tuple is the review's insertion order, so saving is deterministic.
    """

    meta: ReviewMeta
    reviewers: tuple[Reviewer, ...] = ()
    strategy: SearchStrategy | None = None
    sources: tuple[Source, ...] = ()
    search_runs: tuple[SearchRun, ...] = ()
    records: tuple[Record, ...] = ()
    stages: tuple[ScreeningStage, ...] = ()
    decisions: tuple[Decision, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    declared_counts: tuple[DeclaredCount, ...] = ()
    criteria_sets: tuple[CriteriaSet, ...] = ()
    judgements: tuple[Judgement, ...] = ()
    extraction_fields: tuple[FieldDefinition, ...] = ()
    characteristics: tuple[StudyCharacteristics, ...] = ()
    heuristic: ConfigurationHeuristic | None = None
    extracts: tuple[CodedExtract, ...] = ()
    theory_documents: tuple[TheoryDocument, ...] = ()
    informants: tuple[Informant, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    framework: OrganisingFramework | None = None
    cmocs: tuple[CMOC, ...] = ()
    theory_versions: tuple[TheoryVersion, ...] = ()
    refinements: tuple[Refinement, ...] = ()
    evidence: tuple[EvidenceLink, ...] = ()
    report_notes: tuple[ReportNote, ...] = ()
    confidence_approaches: tuple[ConfidenceApproach, ...] = ()
    confidence_assessments: tuple[ConfidenceAssessment, ...] = ()
    confirmations: tuple[ItemConfirmation, ...] = ()
    duplicate_links: tuple[DuplicateLink, ...] = ()
    pair_decisions: tuple[PairDecision, ...] = ()
    source_texts: tuple[SourceText, ...] = ()
    link_kinds: tuple[LinkKind, ...] = ()
    cmoc_links: tuple[CMOCLink, ...] = ()
    middle_range_theories: tuple[MiddleRangeTheory, ...] = ()
    consultations: tuple[Consultation, ...] = ()


PairKey = tuple[str, str]
CountKey = tuple[str, str, str | None, str | None]


def _count_key(c: DeclaredCount) -> CountKey:
    return (c.stage_id, c.measure, c.source_id, c.reason)


def _no_checks() -> Iterator[ReviewError]:
    return iter(())


class Review:
    """One realist review and everything recorded about it.

    Build one with :meth:`Review.new`, change it only through its methods, save it with
    :func:`realistsynth.save`.

    >>> review = Review.new("ICS leadership", question="How does ICS leadership work?")
    >>> review.add_reviewer(Reviewer("LK", name="L. Knight"))
    >>> sorted(review.reviewers)
    ['LK']
    """

    def __init__(self, meta: ReviewMeta) -> None:
        self._meta = meta
        self._reviewers: dict[str, Reviewer] = {}
        self._strategy: SearchStrategy | None = None
        self._sources: dict[str, Source] = {}
        self._runs: dict[str, SearchRun] = {}
        self._records: dict[str, Record] = {}
        self._stages: dict[str, ScreeningStage] = {}
        # decisions and judgements are indexed by the pair a status is computed for, so a
        # status is a dict look-up, not a scan of every decision
        self._decisions: dict[PairKey, dict[str, Decision]] = {}
        self._resolutions: dict[PairKey, Resolution] = {}
        self._declared: dict[CountKey, DeclaredCount] = {}
        self._criteria_sets: dict[str, CriteriaSet] = {}
        self._judgements: dict[tuple[str, str, str, str], dict[str, Judgement]] = {}
        self._fields: dict[str, FieldDefinition] = {}
        self._characteristics: dict[str, StudyCharacteristics] = {}
        self._heuristic: ConfigurationHeuristic | None = None
        self._extracts: dict[str, CodedExtract] = {}
        self._theory_documents: dict[str, TheoryDocument] = {}
        self._informants: dict[str, Informant] = {}
        self._quotations: dict[str, Quotation] = {}
        self._framework: OrganisingFramework | None = None
        self._cmocs: dict[str, CMOC] = {}
        self._versions: dict[str, TheoryVersion] = {}
        self._refinements: dict[PairKey, Refinement] = {}
        self._evidence: dict[str, EvidenceLink] = {}
        self._report_notes: dict[str, ReportNote] = {}
        self._confidence_approaches: dict[str, ConfidenceApproach] = {}
        self._confidence: dict[PairKey, ConfidenceAssessment] = {}
        self._confirmations: dict[PairKey, ItemConfirmation] = {}
        self._duplicate_links: dict[PairKey, DuplicateLink] = {}
        self._pair_decisions: dict[PairKey, PairDecision] = {}
        self._source_texts: dict[str, SourceText] = {}
        self._link_kinds: dict[str, LinkKind] = {}
        self._cmoc_links: dict[str, CMOCLink] = {}
        self._theories: dict[str, MiddleRangeTheory] = {}
        self._consultations: dict[str, Consultation] = {}
        # record id -> cluster id, derived from the two above; dropped by every change to them
        self._clusters: dict[str, str] | None = None
        # cluster id -> member ids, derived from the map above (kept with the map it came from)
        self._members: tuple[dict[str, str], dict[str, list[str]]] | None = None

    # ------------------------------------------------------------------ construction

    @classmethod
    def new(
        cls,
        title: str,
        *,
        question: str | None = None,
        review_type: ReviewType = ReviewType.REALIST_REVIEW,
    ) -> Review:
        """A new, empty review."""
        return cls(ReviewMeta(title=title, question=question, review_type=review_type))

    def to_document(self) -> ReviewDocument:
        """The review as plain data (what the project file stores)."""
        return ReviewDocument(
            meta=self._meta,
            reviewers=tuple(self._reviewers.values()),
            strategy=self._strategy,
            sources=tuple(self._sources.values()),
            search_runs=tuple(self._runs.values()),
            records=tuple(self._records.values()),
            stages=tuple(self._stages.values()),
            decisions=self.decisions,
            resolutions=tuple(self._resolutions.values()),
            declared_counts=tuple(self._declared.values()),
            criteria_sets=tuple(self._criteria_sets.values()),
            judgements=self.judgements,
            extraction_fields=tuple(self._fields.values()),
            characteristics=tuple(self._characteristics.values()),
            heuristic=self._heuristic,
            extracts=tuple(self._extracts.values()),
            theory_documents=tuple(self._theory_documents.values()),
            informants=tuple(self._informants.values()),
            quotations=tuple(self._quotations.values()),
            framework=self._framework,
            cmocs=tuple(self._cmocs.values()),
            theory_versions=tuple(self._versions.values()),
            refinements=tuple(self._refinements.values()),
            evidence=tuple(self._evidence.values()),
            report_notes=tuple(self._report_notes.values()),
            confidence_approaches=tuple(self._confidence_approaches.values()),
            confidence_assessments=tuple(self._confidence.values()),
            confirmations=tuple(self._confirmations.values()),
            duplicate_links=tuple(self._duplicate_links.values()),
            pair_decisions=tuple(self._pair_decisions.values()),
            source_texts=tuple(self._source_texts.values()),
            link_kinds=tuple(self._link_kinds.values()),
            cmoc_links=tuple(self._cmoc_links.values()),
            middle_range_theories=tuple(self._theories.values()),
            consultations=tuple(self._consultations.values()),
        )

    @classmethod
    def from_document(cls, doc: ReviewDocument, *, strict: bool = True, where: str = "") -> Review:
        """Rebuild a review from plain data and check every invariant.

        :param strict: raise :class:`~realistsynth.errors.InvalidReviewError` listing every
            problem found; with ``False`` the review is returned as it is and
            :meth:`problems` lists them.
        :param where: where the document came from (a file name), for the error.
        """
        review = cls(doc.meta)
        duplicates: list[ReviewError] = []

        def fill(
            target: dict[Any, T], items: Iterable[T], key: Callable[[T], Any], what: str
        ) -> None:
            for item in items:
                k = key(item)
                if k in target:
                    where = f"{what}/{'/'.join(k) if isinstance(k, tuple) else k}"
                    duplicates.append(DuplicateIdError(f"{what} {k!r} appears twice", where=where))
                target[k] = item

        fill(review._reviewers, doc.reviewers, lambda r: r.initials, "reviewers")
        review._strategy = doc.strategy
        fill(review._sources, doc.sources, lambda s: s.id, "sources")
        fill(review._runs, doc.search_runs, lambda r: r.id, "search_runs")
        fill(review._records, doc.records, lambda r: r.id, "records")
        fill(review._stages, doc.stages, lambda s: s.id, "stages")
        for d in doc.decisions:
            per = review._decisions.setdefault((d.stage_id, d.record_id), {})
            if d.reviewer in per:
                duplicates.append(
                    DuplicateIdError(
                        f"a second decision by {d.reviewer} on {d.record_id} at {d.stage_id}",
                        where=f"decisions/{d.stage_id}/{d.record_id}/{d.reviewer}",
                    )
                )
            per[d.reviewer] = d
        fill(
            review._resolutions, doc.resolutions, lambda r: (r.stage_id, r.record_id), "resolutions"
        )
        fill(review._declared, doc.declared_counts, _count_key, "declared_counts")
        fill(review._criteria_sets, doc.criteria_sets, lambda c: c.name, "criteria_sets")
        for j in doc.judgements:
            jper = review._judgements.setdefault(j.key, {})
            if j.reviewer in jper:
                duplicates.append(
                    DuplicateIdError(
                        f"a second judgement by {j.reviewer} of {j.target.value} "
                        f"{j.target_id} on {j.criterion}",
                        where=f"judgements/{j.target_id}/{j.criteria_set}/{j.criterion}",
                    )
                )
            jper[j.reviewer] = j
        fill(review._fields, doc.extraction_fields, lambda f: f.name, "extraction_fields")
        fill(review._characteristics, doc.characteristics, lambda c: c.record_id, "characteristics")
        review._heuristic = doc.heuristic
        fill(review._extracts, doc.extracts, lambda e: e.id, "extracts")
        fill(
            review._theory_documents,
            doc.theory_documents,
            lambda t: t.record_id,
            "theory_documents",
        )
        fill(review._informants, doc.informants, lambda i: i.id, "informants")
        fill(review._quotations, doc.quotations, lambda q: q.id, "quotations")
        review._framework = doc.framework
        fill(review._cmocs, doc.cmocs, lambda c: c.id, "cmocs")
        fill(review._versions, doc.theory_versions, lambda v: v.id, "theory_versions")
        fill(
            review._refinements,
            doc.refinements,
            lambda r: (r.from_version, r.to_version),
            "refinements",
        )
        fill(review._evidence, doc.evidence, lambda e: e.id, "evidence")
        fill(review._report_notes, doc.report_notes, lambda n: n.item, "report_notes")
        fill(
            review._confidence_approaches,
            doc.confidence_approaches,
            lambda a: a.name,
            "confidence_approaches",
        )
        fill(
            review._confidence,
            doc.confidence_assessments,
            lambda a: a.key,
            "confidence_assessments",
        )
        fill(review._confirmations, doc.confirmations, lambda c: c.key, "confirmations")
        fill(
            review._duplicate_links,
            doc.duplicate_links,
            lambda link: link.pair,
            "duplicate_links",
        )
        fill(review._pair_decisions, doc.pair_decisions, lambda d: d.pair, "pair_decisions")
        fill(review._source_texts, doc.source_texts, lambda t: t.record_id, "source_texts")
        fill(review._link_kinds, doc.link_kinds, lambda k: k.name, "link_kinds")
        fill(review._cmoc_links, doc.cmoc_links, lambda k: k.id, "cmoc_links")
        fill(review._theories, doc.middle_range_theories, lambda t: t.id, "middle_range_theories")
        fill(review._consultations, doc.consultations, lambda c: c.id, "consultations")
        if strict:
            # not checked otherwise: a lenient caller asks problems() itself, if at all
            problems = duplicates + review.problems()
            if problems:
                raise InvalidReviewError(problems, where=where)
        return review

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Review):
            return NotImplemented
        return self.to_document() == other.to_document()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Review {self._meta.title!r}: {len(self._records)} records>"

    # ------------------------------------------------------------------ checking

    def problems(self) -> list[ReviewError]:
        """Every invariant the review breaks right now (empty for a review built by methods)."""
        return list(checks.all_problems(self))

    def _guarded(
        self, undo: Callable[[], None], check: Callable[[], Iterator[ReviewError]]
    ) -> None:
        """Run ``check`` after a change; on the first problem, undo and raise it."""
        for problem in check():
            undo()
            raise problem

    def _put(
        self,
        target: dict[Any, Any],
        key: Any,
        item: Any,
        check: Callable[[], Iterator[ReviewError]],
        *,
        replace: bool = False,
        what: str = "",
    ) -> None:
        had = key in target
        if had and not replace:
            raise DuplicateIdError(f"{what} {key!r} already exists", where=f"{what}/{key}")
        old = target.get(key)

        def undo() -> None:
            if had:
                target[key] = old
            else:
                del target[key]

        target[key] = item
        self._guarded(undo, check)

    def _put_nested(
        self,
        target: dict[Any, dict[str, Any]],
        key: Any,
        reviewer: str,
        item: Any,
        check: Callable[[], Iterator[ReviewError]],
    ) -> None:
        per = target.setdefault(key, {})
        had = reviewer in per
        old = per.get(reviewer)

        def undo() -> None:
            if had:
                per[reviewer] = old
            else:
                del per[reviewer]
                if not per:
                    del target[key]

        per[reviewer] = item
        self._guarded(undo, check)

    def _set_attr(self, name: str, value: Any, check: Callable[[], Iterator[ReviewError]]) -> None:
        old = getattr(self, name)
        setattr(self, name, value)
        self._guarded(lambda: setattr(self, name, old), check)

    # ------------------------------------------------------------------ read-only views

    @property
    def meta(self) -> ReviewMeta:
        """Title, question, type and scope."""
        return self._meta

    @property
    def reviewers(self) -> Mapping[str, Reviewer]:
        """The team, by initials."""
        return MappingProxyType(self._reviewers)

    @property
    def strategy(self) -> SearchStrategy | None:
        """The search strategy, if set."""
        return self._strategy

    @property
    def sources(self) -> Mapping[str, Source]:
        """Every place searched, by id."""
        return MappingProxyType(self._sources)

    @property
    def search_runs(self) -> Mapping[str, SearchRun]:
        """Every search run, by id."""
        return MappingProxyType(self._runs)

    @property
    def records(self) -> Mapping[str, Record]:
        """Every bibliographic record, by id, in import order."""
        return MappingProxyType(self._records)

    @property
    def stages(self) -> Mapping[str, ScreeningStage]:
        """The selection stages, in order."""
        return MappingProxyType(self._stages)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """Every reviewer decision."""
        return tuple(d for per in self._decisions.values() for d in per.values())

    def decisions_on(self, stage_id: str, record_id: str) -> Mapping[str, Decision]:
        """The decisions on one record at one stage, by reviewer."""
        return MappingProxyType(self._decisions.get((stage_id, record_id), {}))

    @property
    def resolutions(self) -> tuple[Resolution, ...]:
        """Every resolution of a conflict."""
        return tuple(self._resolutions.values())

    def resolution_on(self, stage_id: str, record_id: str) -> Resolution | None:
        """The resolution of one record at one stage, if any."""
        return self._resolutions.get((stage_id, record_id))

    @property
    def declared_counts(self) -> tuple[DeclaredCount, ...]:
        """Counts declared for stages whose records were not (all) kept."""
        return tuple(self._declared.values())

    @property
    def criteria_sets(self) -> Mapping[str, CriteriaSet]:
        """The appraisal criteria sets adopted by the review, by name."""
        return MappingProxyType(self._criteria_sets)

    @property
    def judgements(self) -> tuple[Judgement, ...]:
        """Every appraisal judgement."""
        return tuple(j for per in self._judgements.values() for j in per.values())

    def judgements_on(
        self,
        target_id: str,
        criteria_set: str,
        criterion: str,
        *,
        target: JudgementTarget = JudgementTarget.RECORD,
    ) -> Mapping[str, Judgement]:
        """The judgements of one record (or, with ``target``, one extract or evidence link)
        against one criterion, by reviewer."""
        key = (target.value, target_id, criteria_set, criterion)
        return MappingProxyType(self._judgements.get(key, {}))

    @property
    def extraction_fields(self) -> Mapping[str, FieldDefinition]:
        """The study-characteristics form, by field name."""
        return MappingProxyType(self._fields)

    @property
    def characteristics(self) -> Mapping[str, StudyCharacteristics]:
        """Study characteristics by record id."""
        return MappingProxyType(self._characteristics)

    @property
    def heuristic(self) -> ConfigurationHeuristic | None:
        """The configuration heuristic extracts are coded with."""
        return self._heuristic

    @property
    def extracts(self) -> Mapping[str, CodedExtract]:
        """Coded extracts by id."""
        return MappingProxyType(self._extracts)

    @property
    def theory_documents(self) -> Mapping[str, TheoryDocument]:
        """Theory-gleaning documents by record id."""
        return MappingProxyType(self._theory_documents)

    @property
    def informants(self) -> Mapping[str, Informant]:
        """Key informants by id."""
        return MappingProxyType(self._informants)

    @property
    def quotations(self) -> Mapping[str, Quotation]:
        """Quotations by id."""
        return MappingProxyType(self._quotations)

    @property
    def framework(self) -> OrganisingFramework | None:
        """The organising framework whose themes group the CMOCs."""
        return self._framework

    @property
    def cmocs(self) -> Mapping[str, CMOC]:
        """Every CMOC of every theory version, by id."""
        return MappingProxyType(self._cmocs)

    @property
    def theory_versions(self) -> Mapping[str, TheoryVersion]:
        """Programme theory versions, in order."""
        return MappingProxyType(self._versions)

    @property
    def refinements(self) -> tuple[Refinement, ...]:
        """Refinements between theory versions."""
        return tuple(self._refinements.values())

    @property
    def evidence(self) -> Mapping[str, EvidenceLink]:
        """Evidence links by id."""
        return MappingProxyType(self._evidence)

    @property
    def source_texts(self) -> Mapping[str, SourceText]:
        """The texts passages were coded in, by record id."""
        return MappingProxyType(self._source_texts)

    @property
    def link_kinds(self) -> Mapping[str, LinkKind]:
        """Every link kind links may use: the built-in ones, then those adopted, by name."""
        kinds = {k.name: k for k in BUILTIN_LINK_KINDS}
        kinds.update(self._link_kinds)
        return MappingProxyType(kinds)

    @property
    def cmoc_links(self) -> Mapping[str, CMOCLink]:
        """Typed links between CMOCs, by id, across every theory version."""
        return MappingProxyType(self._cmoc_links)

    def links_of(self, version_id: str) -> tuple[CMOCLink, ...]:
        """The links between the CMOCs of one theory version, in the order they were added."""
        return tuple(link for link in self._cmoc_links.values() if link.version_id == version_id)

    @property
    def middle_range_theories(self) -> Mapping[str, MiddleRangeTheory]:
        """Substantive and middle-range theories the programme theory draws on, by id."""
        return MappingProxyType(self._theories)

    @property
    def consultations(self) -> Mapping[str, Consultation]:
        """Consultations of people outside the team, by id, in the order they were added."""
        return MappingProxyType(self._consultations)

    def outcomes_informed_by(
        self, consultation_id: str
    ) -> tuple[tuple[Refinement, RefinementOutcome], ...]:
        """The refinement outcomes that cite a consultation, each with its refinement."""
        return tuple(
            (ref, outcome)
            for ref in self._refinements.values()
            for outcome in ref.outcomes
            if consultation_id in outcome.consultations
        )

    # ------------------------------------------------------------------ meta and team

    def update_meta(self, **changes: Any) -> None:
        """Change title, question, type, scope ... (``ReviewMeta`` field names)."""
        self._meta = attrs.evolve(self._meta, **changes)

    def add_reviewer(self, reviewer: Reviewer) -> None:
        """Add a member of the team; initials must be new."""
        self._put(self._reviewers, reviewer.initials, reviewer, _no_checks, what="reviewer")

    def remove_reviewer(self, initials: str) -> Reviewer:
        """Remove a member of the team who has not decided, judged or coded anything yet.

        :raises UnknownReferenceError: no such reviewer.
        :raises InvalidValueError: the reviewer's work is recorded (it would lose its author).
        """
        if initials not in self._reviewers:
            raise UnknownReferenceError(f"no reviewer {initials!r}", where=f"reviewers/{initials}")
        old = self._reviewers.pop(initials)

        def undo() -> None:
            self._reviewers[initials] = old

        self._guarded(undo, lambda: checks.reviewer_in_use(self, initials))
        return old

    # ------------------------------------------------------------------ search

    def set_strategy(self, strategy: SearchStrategy) -> None:
        """Set (or replace) the search strategy."""
        self._strategy = strategy

    def add_source(self, source: Source) -> None:
        """Add a place searched."""
        self._put(self._sources, source.id, source, _no_checks, what="source")

    def add_search_run(self, run: SearchRun, *, replace: bool = False) -> None:
        """Add a search run on a known source."""
        self._put(
            self._runs,
            run.id,
            run,
            lambda: checks.search_run(self, run),
            replace=replace,
            what="search run",
        )

    # ------------------------------------------------------------------ records

    def add_record(self, record: Record) -> None:
        """Add a record; its provenance must name known sources and search runs."""
        self._put(
            self._records, record.id, record, lambda: checks.record(self, record), what="record"
        )

    def add_records(self, records: Iterable[Record]) -> None:
        """Add many records, all or nothing."""
        added: list[str] = []
        try:
            for record in records:
                self.add_record(record)
                added.append(record.id)
        except ReviewError:
            for rid in added:
                del self._records[rid]
            raise

    def replace_record(self, record: Record) -> None:
        """Replace the record with the same id (corrected metadata, merged provenance)."""
        if record.id not in self._records:
            raise UnknownReferenceError(f"no record {record.id!r}", where=f"records/{record.id}")
        self._put(
            self._records,
            record.id,
            record,
            lambda: checks.record(self, record),
            replace=True,
            what="record",
        )

    # ------------------------------------------------------------------ selection

    def add_stage(self, stage: ScreeningStage) -> None:
        """Append a selection stage after the existing ones."""
        self._put(self._stages, stage.id, stage, lambda: checks.stage(self, stage), what="stage")

    def record_decision(self, decision: Decision) -> None:
        """Record (or replace) one reviewer's decision on a record at a stage.

        :raises StageOrderError: if the record was not included at the previous stage, or if
            the change would strand decisions already made at later stages.
        """
        self._put_nested(
            self._decisions,
            (decision.stage_id, decision.record_id),
            decision.reviewer,
            decision,
            lambda: checks.record_selection(self, decision.record_id, decision),
        )

    def withdraw_decision(self, stage_id: str, record_id: str, reviewer: str) -> None:
        """Remove a decision (for example one made in error)."""
        per = self._decisions.get((stage_id, record_id), {})
        if reviewer not in per:
            raise UnknownReferenceError(
                f"no decision by {reviewer} on {record_id} at {stage_id}",
                where=f"decisions/{stage_id}/{record_id}/{reviewer}",
            )
        old = per.pop(reviewer)

        def undo() -> None:
            per[reviewer] = old

        self._guarded(undo, lambda: checks.record_selection(self, record_id, None))

    def resolve(self, resolution: Resolution) -> None:
        """Record (or replace) the resolution of a record at a stage."""
        self._put(
            self._resolutions,
            (resolution.stage_id, resolution.record_id),
            resolution,
            lambda: checks.record_selection(self, resolution.record_id, resolution),
            replace=True,
            what="resolution",
        )

    def declare_count(self, count: DeclaredCount) -> None:
        """Declare (or replace) a count for a stage whose records were not (all) kept."""
        self._put(
            self._declared,
            _count_key(count),
            count,
            lambda: checks.declared_count(self, count),
            replace=True,
            what="declared count",
        )

    # ------------------------------------------------------------------ appraisal

    def adopt_criteria_set(self, criteria_set: CriteriaSet) -> None:
        """Keep a copy of a criteria set so judgements can be made against it."""
        self._put(
            self._criteria_sets, criteria_set.name, criteria_set, _no_checks, what="criteria set"
        )

    def add_judgement(self, judgement: Judgement) -> None:
        """Record (or replace) a reviewer's judgement of a record, extract or evidence link
        against a criterion.

        :raises UnknownReferenceError: the target, reviewer, criteria set or criterion is
            unknown.
        :raises InvalidValueError: the criterion does not apply to that kind of target, the
            level is not on its scale, or a required rationale is missing.
        """
        if judgement.target is JudgementTarget.RECORD:

            def check() -> Iterator[ReviewError]:
                return checks.record_selection(self, judgement.target_id, judgement)
        else:

            def check() -> Iterator[ReviewError]:
                return checks.data_judgement(self, judgement)

        self._put_nested(self._judgements, judgement.key, judgement.reviewer, judgement, check)

    def withdraw_judgement(self, judgement: Judgement) -> Judgement:
        """Remove the judgement its reviewer made of that target on that criterion.

        :raises UnknownReferenceError: there is no such judgement.
        """
        per = self._judgements.get(judgement.key, {})
        if judgement.reviewer not in per:
            raise UnknownReferenceError(
                f"no judgement by {judgement.reviewer} of {judgement.target.value} "
                f"{judgement.target_id!r} on {judgement.criterion}",
                where=f"judgements/{judgement.target_id}/{judgement.criteria_set}/"
                f"{judgement.criterion}/{judgement.reviewer}",
            )
        removed = per.pop(judgement.reviewer)
        if not per:
            del self._judgements[judgement.key]
        if removed.target is JudgementTarget.RECORD:
            for problem in checks.record_selection(self, removed.target_id):
                self._judgements.setdefault(judgement.key, {})[removed.reviewer] = removed
                raise problem
        return removed

    def judgements_of(
        self, target_id: str, target: JudgementTarget = JudgementTarget.RECORD
    ) -> list[Judgement]:
        """Every judgement of one record (or, with ``target``, one extract or evidence link)."""
        return [
            j
            for (kind, tid, _, _), per in self._judgements.items()
            if tid == target_id and kind == target.value
            for j in per.values()
        ]

    # ------------------------------------------------------------------ extraction

    def define_field(self, definition: FieldDefinition) -> None:
        """Add a field to the study-characteristics form."""
        self._put(self._fields, definition.name, definition, _no_checks, what="extraction field")

    def set_characteristics(self, characteristics: StudyCharacteristics) -> None:
        """Set (or replace) the study characteristics of a record."""
        self._put(
            self._characteristics,
            characteristics.record_id,
            characteristics,
            lambda: checks.characteristics(self, characteristics),
            replace=True,
            what="characteristics",
        )

    def set_heuristic(self, heuristic: ConfigurationHeuristic) -> None:
        """Set the configuration heuristic; existing extracts must still be coded validly."""
        self._set_attr("_heuristic", heuristic, lambda: checks.all_codes(self))

    def add_extract(self, extract: CodedExtract, *, replace: bool = False) -> None:
        """Add (or, with ``replace``, revise) a coded extract of a known record.

        An extract with a span must quote the record's :class:`SourceText` exactly when the
        span names that text's hash.
        """
        self._put(
            self._extracts,
            extract.id,
            extract,
            lambda: checks.extract(self, extract),
            replace=replace,
            what="extract",
        )

    def set_source_text(self, source: SourceText) -> None:
        """Keep (or replace) the text of a record that passages are coded in.

        :raises InvalidValueError: an extract whose span names this text's hash does not quote
            it exactly.
        """
        self._put(
            self._source_texts,
            source.record_id,
            source,
            lambda: checks.source_text(self, source),
            replace=True,
            what="source text",
        )

    def add_theory_document(self, document: TheoryDocument) -> None:
        """Mark a record as a theory-gleaning document (policy, guidance ...)."""
        self._put(
            self._theory_documents,
            document.record_id,
            document,
            lambda: checks.theory_document(self, document),
            what="theory document",
        )

    def add_informant(self, informant: Informant) -> None:
        """Add an anonymised key informant."""
        self._put(self._informants, informant.id, informant, _no_checks, what="informant")

    def add_quotation(self, quotation: Quotation, *, replace: bool = False) -> None:
        """Add (or, with ``replace``, revise) a quotation of a known informant or record."""
        self._put(
            self._quotations,
            quotation.id,
            quotation,
            lambda: checks.quotation(self, quotation),
            replace=replace,
            what="quotation",
        )

    # ------------------------------------------------------------------ theory

    def adopt_framework(self, framework: OrganisingFramework) -> None:
        """Set the organising framework; CMOC themes must stay within it."""
        self._set_attr("_framework", framework, lambda: checks.all_themes(self))

    def add_cmoc(self, cmoc: CMOC, *, replace: bool = False) -> None:
        """Add (or, with ``replace``, revise) a CMOC."""
        self._put(
            self._cmocs,
            cmoc.id,
            cmoc,
            lambda: checks.cmoc(self, cmoc),
            replace=replace,
            what="CMOC",
        )

    def add_theory_version(self, version: TheoryVersion) -> None:
        """Append a programme theory version whose CMOCs are already added."""
        self._put(
            self._versions,
            version.id,
            version,
            lambda: checks.theory_version(self, version),
            what="theory version",
        )

    def replace_theory_version(self, version: TheoryVersion) -> None:
        """Revise a theory version (its CMOCs, theme statements, name), keeping its place.

        :raises UnknownReferenceError: no version with that id, or it lists unknown CMOCs.
        :raises RefinementError: a recorded refinement from or to the version would no longer
            account for its CMOCs.
        """
        if version.id not in self._versions:
            raise UnknownReferenceError(
                f"no theory version {version.id!r}", where=f"theory_versions/{version.id}"
            )

        def check() -> Iterator[ReviewError]:
            yield from checks.theory_version(self, version)
            for ref in self._refinements.values():
                if version.id in (ref.from_version, ref.to_version):
                    yield from checks.refinement(self, ref)
            # links join CMOCs of their version: a revised version must keep the linked ones
            for link in self.links_of(version.id):
                yield from checks.cmoc_link(self, link)

        self._put(self._versions, version.id, version, check, replace=True, what="theory version")

    def refine(self, refinement: Refinement) -> None:
        """Record how one version became the next: one outcome for every prior CMOC.

        :raises RefinementError: if a prior CMOC is unaccounted for, counted twice, or an
            outcome points at a CMOC that the next version does not hold.
        """
        self._put(
            self._refinements,
            (refinement.from_version, refinement.to_version),
            refinement,
            lambda: checks.refinement(self, refinement),
            what="refinement",
        )

    def add_evidence(self, link: EvidenceLink, *, replace: bool = False) -> None:
        """Link a record, extract or quotation to a CMOC as evidence (``replace`` revises a
        link with the same id)."""
        self._put(
            self._evidence,
            link.id,
            link,
            lambda: checks.evidence(self, link),
            replace=replace,
            what="evidence",
        )

    def adopt_link_kind(self, kind: LinkKind) -> None:
        """Keep a copy of a link kind a plugin contributes, so links can use it."""
        if any(kind.name == k.name for k in BUILTIN_LINK_KINDS):
            raise DuplicateIdError(
                f"link kind {kind.name!r} is built in", where=f"link_kinds/{kind.name}"
            )
        self._put(self._link_kinds, kind.name, kind, _no_checks, what="link kind")

    def add_cmoc_link(self, link: CMOCLink) -> None:
        """Link two CMOCs of one theory version.

        :raises UnknownReferenceError: the version, a CMOC, the kind or a piece of evidence is
            unknown.
        :raises InvalidValueError: a CMOC is not in the link's version, the same link exists
            already, or the link closes a cycle its kind forbids (a ``leads-to`` cycle needs
            one link marked as a feedback loop).
        """
        self._put(
            self._cmoc_links,
            link.id,
            link,
            lambda: checks.cmoc_link(self, link),
            what="CMOC link",
        )

    def add_middle_range_theory(self, theory: MiddleRangeTheory) -> None:
        """Add a substantive or middle-range theory, with the CMOCs and themes it informed."""
        self._put(
            self._theories,
            theory.id,
            theory,
            lambda: checks.middle_range_theory(self, theory),
            what="middle-range theory",
        )

    def add_consultation(self, consultation: Consultation) -> None:
        """Add a consultation (reference group, content experts, key informants ...)."""
        self._put(
            self._consultations,
            consultation.id,
            consultation,
            lambda: checks.consultation(self, consultation),
            what="consultation",
        )

    # ------------------------------------------------------------------ confidence

    @property
    def confidence_approaches(self) -> Mapping[str, ConfidenceApproach]:
        """The confidence approaches adopted by the review, by name."""
        return MappingProxyType(self._confidence_approaches)

    @property
    def confidence_assessments(self) -> tuple[ConfidenceAssessment, ...]:
        """Every confidence assessment, in the order they were made."""
        return tuple(self._confidence.values())

    def adopt_confidence_approach(self, approach: ConfidenceApproach) -> None:
        """Keep a copy of a confidence approach so CMOCs can be assessed with it."""
        self._put(
            self._confidence_approaches,
            approach.name,
            approach,
            _no_checks,
            what="confidence approach",
        )

    def assess_confidence(self, assessment: ConfidenceAssessment) -> None:
        """Record (or replace) the confidence assessment of one CMOC of one theory version.

        :raises UnknownReferenceError: the version, CMOC, approach, component, evidence link
            or assessor is unknown.
        :raises InvalidValueError: the CMOC is not in the version, a component of the approach
            is not judged, a judgement or level is not on its scale, or an evidence link named
            is not evidence for this CMOC.
        """
        self._put(
            self._confidence,
            assessment.key,
            assessment,
            lambda: checks.confidence_assessment(self, assessment),
            replace=True,
            what="confidence assessment",
        )

    def confidence_of(self, version_id: str, cmoc_id: str) -> ConfidenceAssessment | None:
        """The confidence assessment of a CMOC in a version, if made."""
        return self._confidence.get((version_id, cmoc_id))

    # ------------------------------------------------------------------ reporting

    @property
    def confirmations(self) -> tuple[ItemConfirmation, ...]:
        """Every confirmation of a reporting-standard item, in the order they were given."""
        return tuple(self._confirmations.values())

    def confirm_item(
        self, confirmation: ItemConfirmation, standard: ReportingStandard | None = None
    ) -> None:
        """Record (or replace) a person's answer for one item of a reporting standard.

        :param confirmation: the answer.
        :param standard: the standard answered; when given, the confirmation must name it and
            one of its items. A rating can only be checked against its standard's scale, so
            a confirmation with a ``rating`` needs it.
        :raises UnknownReferenceError: the confirming reviewer is unknown, or the item is not
            one of the standard's.
        :raises InvalidValueError: the confirmation has a rating and no standard is given,
            the standard has no rating scale, or the rating is not one of its levels.
        """
        self._put(
            self._confirmations,
            confirmation.key,
            confirmation,
            lambda: itertools.chain(
                checks.confirmation(self, confirmation),
                checks.confirmation_against(confirmation, standard),
            ),
            replace=True,
            what="confirmation",
        )

    def confirmation(self, standard: str, item: str) -> ItemConfirmation | None:
        """The confirmation of one item of one standard, if given."""
        return self._confirmations.get((standard, item))

    @property
    def report_notes(self) -> Mapping[str, str]:
        """Narrative for reporting items, by item key."""
        return MappingProxyType({k: n.text for k, n in self._report_notes.items()})

    def set_report_note(self, item: str, text: str) -> None:
        """Set (or replace) the narrative for one reporting item."""
        note = ReportNote(item, text)
        self._report_notes[note.item] = note

    # ------------------------------------------------------------------ de-duplication

    @property
    def duplicate_links(self) -> tuple[DuplicateLink, ...]:
        """The pairs de-duplication found (merged or queued), each with its reason."""
        return tuple(self._duplicate_links.values())

    @property
    def pair_decisions(self) -> tuple[PairDecision, ...]:
        """Reviewers' decisions on pairs (same work / different works)."""
        return tuple(self._pair_decisions.values())

    def duplicate_link(self, a: str, b: str) -> DuplicateLink | None:
        """The link between two records, in either order, if any."""
        return self._duplicate_links.get(pair_key(a, b))

    def pair_decision(self, a: str, b: str) -> PairDecision | None:
        """The decision on two records, in either order, if any."""
        return self._pair_decisions.get(pair_key(a, b))

    def set_duplicate_links(self, links: Iterable[DuplicateLink]) -> None:
        """Replace every stored link with the result of a de-duplication run, all or nothing.

        :raises UnknownReferenceError: a link names a record the review does not hold.
        :raises DuplicateIdError: a pair appears twice.
        """
        new: dict[PairKey, DuplicateLink] = {}
        for link in links:
            if link.pair in new:
                raise DuplicateIdError(
                    f"the pair {link.record_a}, {link.record_b} appears twice",
                    where=f"duplicate_links/{link.record_a}/{link.record_b}",
                )
            new[link.pair] = link
        for link in new.values():
            for problem in checks.duplicate_link(self, link):
                raise problem
        self._duplicate_links = new
        self._clusters = None

    def remove_duplicate_link(self, a: str, b: str) -> DuplicateLink:
        """Undo one merge (or drop one queued pair): remove the link and return it.

        A later run may find the pair again; to keep two records apart for good, record a
        "different" :class:`PairDecision` instead (or as well).
        """
        key = pair_key(a, b)
        if key not in self._duplicate_links:
            raise UnknownReferenceError(
                f"no duplicate link between {key[0]!r} and {key[1]!r}",
                where=f"duplicate_links/{key[0]}/{key[1]}",
            )
        self._clusters = None
        return self._duplicate_links.pop(key)

    def decide_pair(self, decision: PairDecision) -> None:
        """Record (or replace) the decision on a pair; re-runs of de-duplication respect it."""
        self._clusters = None
        self._put(
            self._pair_decisions,
            decision.pair,
            decision,
            lambda: checks.pair_decision(self, decision),
            replace=True,
            what="pair decision",
        )

    def withdraw_pair_decision(self, a: str, b: str) -> PairDecision:
        """Remove the decision on a pair and return it."""
        key = pair_key(a, b)
        if key not in self._pair_decisions:
            raise UnknownReferenceError(
                f"no decision on the pair {key[0]!r}, {key[1]!r}",
                where=f"pair_decisions/{key[0]}/{key[1]}",
            )
        self._clusters = None
        return self._pair_decisions.pop(key)

    def _cluster_map(self) -> dict[str, str]:
        if self._clusters is None:
            self._clusters = cluster_records(
                self._records, self._duplicate_links.values(), self._pair_decisions.values()
            )
        return self._clusters

    def cluster_id_of(self, record_id: str) -> str:
        """The id of the duplicate cluster a record belongs to (its own id when it is unique).

        The cluster id is the smallest record id in the cluster. Computed once per change of
        links or decisions, then a dict look-up.

        :raises UnknownReferenceError: no such record.
        """
        if record_id not in self._records:
            raise UnknownReferenceError(f"no record {record_id!r}", where=f"records/{record_id}")
        return self._cluster_map().get(record_id, record_id)

    def clusters(self) -> dict[str, list[str]]:
        """Every cluster of two or more records: cluster id -> member ids in import order."""
        out: dict[str, list[str]] = {}
        cmap = self._cluster_map()
        for rid in self._records:
            out.setdefault(cmap.get(rid, rid), []).append(rid)
        return {cid: ids for cid, ids in out.items() if len(ids) > 1}

    # ------------------------------------------------------------------ derived

    def members_of(self, record_id: str) -> list[str]:
        """The ids of the records in the same duplicate cluster as ``record_id`` (itself
        included), in import order."""
        cmap = self._cluster_map()
        if self._members is None or self._members[0] is not cmap:
            members: dict[str, list[str]] = {}
            for rid in self._records:
                cid = cmap.get(rid)
                if cid is not None:
                    members.setdefault(cid, []).append(rid)
            self._members = (cmap, members)
        return self._members[1].get(cmap.get(record_id, record_id), [record_id])

    def source_of_finding(self, provenance: Any) -> Source | None:
        """The source a provenance entry names, directly or through its search run."""
        if provenance.source_id is not None:
            return self._sources.get(provenance.source_id)
        if provenance.search_run_id is not None:
            run = self._runs.get(provenance.search_run_id)
            if run is not None:
                return self._sources.get(run.source_id)
        return None

    def arm_of(self, record_id: str) -> Arm:
        """The PRISMA 2020 arm of a record's work: *other methods* when every finding of it
        (or of its duplicates) that names a source names an other-methods source (citation
        searching, websites, experts ...), and at least one does; otherwise *databases*.

        A finding naming no source says nothing either way, so a record read from a file
        with no source stays in the databases arm, as every record did before arms existed.

        :raises UnknownReferenceError: no such record.
        """
        if record_id not in self._records:
            raise UnknownReferenceError(f"no record {record_id!r}", where=f"records/{record_id}")
        other = False
        for rid in self.members_of(record_id):
            for prov in self._records[rid].provenance:
                source = self.source_of_finding(prov)
                if source is None:
                    continue
                if source.kind.arm is Arm.DATABASES:
                    return Arm.DATABASES
                other = True
        return Arm.OTHER_METHODS if other else Arm.DATABASES

    def other_methods_entry(self) -> ScreeningStage | None:
        """The stage where records found only by other methods enter selection (PRISMA
        2020: reports sought for retrieval), if the review marks one."""
        return next((s for s in self._stages.values() if s.other_methods_entry), None)

    def enters_late(self, record_id: str) -> ScreeningStage | None:
        """The stage a record enters selection at, when it skips earlier ones: the review's
        :meth:`other_methods_entry` for a record found only by other methods, else ``None``."""
        entry = self.other_methods_entry()
        if entry is None or self.arm_of(record_id) is not Arm.OTHER_METHODS:
            return None
        return entry

    def previous_stage(self, stage_id: str) -> ScreeningStage | None:
        """The nearest earlier stage whose outcomes are known per record (not declared)."""
        previous: ScreeningStage | None = None
        for sid, stage in self._stages.items():
            if sid == stage_id:
                return previous
            if stage.kind is not StageKind.DECLARED:
                previous = stage
        raise UnknownReferenceError(f"no stage {stage_id!r}", where=f"stages/{stage_id}")

    def reached(self, stage_id: str, record_id: str) -> bool:
        """Whether a record entered a stage: it was included at the previous record-level
        stage. A record found only by other methods, in a review that marks where those
        enter (:meth:`other_methods_entry`), reaches that stage without any decision before
        it, and no earlier stage at all."""
        entry = self.enters_late(record_id)
        if entry is None:
            previous = self.previous_stage(stage_id)
            return previous is None or self.status(previous.id, record_id) is StageStatus.INCLUDE
        ids = list(self._stages)
        if stage_id not in self._stages:
            raise UnknownReferenceError(f"no stage {stage_id!r}", where=f"stages/{stage_id}")
        position, entry_position = ids.index(stage_id), ids.index(entry.id)
        if position <= entry_position:
            return position == entry_position
        before = [
            self._stages[sid]
            for sid in ids[entry_position:position]
            if self._stages[sid].kind is not StageKind.DECLARED
        ]
        return not before or self.status(before[-1].id, record_id) is StageStatus.INCLUDE

    def status(self, stage_id: str, record_id: str) -> StageStatus:
        """The record's derived status at a stage.

        A resolution wins; otherwise the required number of reviewers must agree on include
        or exclude; gate stages take the judgements of their criterion.
        """
        stage = self._stages.get(stage_id)
        if stage is None:
            raise UnknownReferenceError(f"no stage {stage_id!r}", where=f"stages/{stage_id}")
        if stage.kind is StageKind.GATE:
            assert stage.gate is not None
            return self._gate_status(stage, record_id)
        resolution = self._resolutions.get((stage_id, record_id))
        if resolution is not None:
            return StageStatus(resolution.verdict.value)
        verdicts = [d.verdict for d in self._decisions.get((stage_id, record_id), {}).values()]
        if len(verdicts) < stage.required_reviewers:
            if verdicts and (Verdict.MAYBE in verdicts or len(set(verdicts)) > 1):
                return StageStatus.CONFLICT
            return StageStatus.PENDING
        if len(set(verdicts)) == 1 and verdicts[0] is not Verdict.MAYBE:
            return StageStatus(verdicts[0].value)
        return StageStatus.CONFLICT

    def _gate_status(self, stage: ScreeningStage, record_id: str) -> StageStatus:
        assert stage.gate is not None
        criteria_set = self._criteria_sets.get(stage.gate.criteria_set)
        criterion = criteria_set.criterion(stage.gate.criterion) if criteria_set else None
        key = (
            JudgementTarget.RECORD.value,
            record_id,
            stage.gate.criteria_set,
            stage.gate.criterion,
        )
        levels = [j.level for j in self._judgements.get(key, {}).values()]
        if not levels or criterion is None:
            return StageStatus.PENDING
        passes = {level in criterion.passing for level in levels}
        if passes == {True}:
            return StageStatus.INCLUDE
        if passes == {False}:
            return StageStatus.EXCLUDE
        return StageStatus.CONFLICT

    def candidates(self) -> list[str]:
        """Ids of the records that go through selection: one per de-duplication cluster (its
        cluster id, the smallest member id), leaving out records kept only as theory-gleaning
        documents (policy, guidance ...)."""
        cmap = self._cluster_map()
        return [
            rid
            for rid in self._records
            if rid not in self._theory_documents and cmap.get(rid, rid) == rid
        ]

    def last_record_stage(self) -> ScreeningStage | None:
        """The last stage whose outcomes are known per record (by decisions or a gate)."""
        stages = [s for s in self._stages.values() if s.kind is not StageKind.DECLARED]
        return stages[-1] if stages else None

    def included(self) -> list[str]:
        """Ids of the records included in the review: included at the last record-level
        stage; with no such stage yet, every candidate (see :meth:`candidates`)."""
        last = self.last_record_stage()
        if last is None:
            return self.candidates()
        return self.records_at(last.id, StageStatus.INCLUDE)

    def records_at(self, stage_id: str, status: StageStatus | None = None) -> list[str]:
        """Ids of the candidate records that reached a stage, optionally only those with
        ``status``."""
        out = []
        for rid in self.candidates():
            if not self.reached(stage_id, rid):
                continue
            if status is None or self.status(stage_id, rid) is status:
                out.append(rid)
        return out


# Last, not first: model.checks names Review in its annotations (typing.get_type_hints must
# resolve them), and it can only import the class once it exists. The two modules import each
# other at their top level, in the open, instead of inside functions.
from realistsynth.model import checks  # noqa: E402
