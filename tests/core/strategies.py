"""Hypothesis strategies for every model class, and for whole valid reviews.

Kept beside the tests (not in the package) because they encode test intent: a *valid* review
is drawn by building it through the aggregate's own methods, so every generated review is one
a user could have made.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.report.standards import RAMESES_QUALITY

ID_CHARS = string.ascii_letters + string.digits + "._:-"

ids = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(string.ascii_letters + string.digits),
    st.text(ID_CHARS, max_size=12),
)
# text that exercises JSON escaping and Unicode without surrogates
texts = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
opt_texts = st.none() | texts
# source text around a coded passage: astral characters (emoji) make UTF-16 and code-point
# offsets differ
coded_text = st.text(st.sampled_from("ab \n\r\u00e9\U0001f600\U00010348"), max_size=12)
memos = st.builds(rs.Memo, texts, author=opt_texts, title=opt_texts)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
datetimes = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(
    lambda d: d.replace(microsecond=0)
)


@st.composite
def partial_dates(draw: st.DrawFn) -> rs.PartialDate:
    year = draw(st.integers(0, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    return rs.PartialDate(year, month, day)


names = st.one_of(
    st.builds(rs.Name, family=texts, given=opt_texts, particle=opt_texts, suffix=opt_texts),
    st.builds(rs.Name, literal=texts),
)


def provenances(source_ids: list[str], run_ids: list[str]) -> st.SearchStrategy[rs.Provenance]:
    return st.builds(
        rs.Provenance,
        file=opt_texts,
        sha256=st.none() | st.text("0123456789abcdef", min_size=64, max_size=64),
        index=st.none() | st.integers(0, 10**6),
        line=st.none() | st.integers(1, 10**6),
        format=st.none() | st.sampled_from(["ris", "medline", "bibtex"]),
        source_id=st.none() | st.sampled_from(source_ids) if source_ids else st.none(),
        search_run_id=st.none(),
        source_record_id=opt_texts,
        direction=st.none()
        | st.sampled_from([rs.ChaseDirection.BACKWARD, rs.ChaseDirection.FORWARD]),
        query_url=opt_texts,
        retrieved_at=st.none() | datetimes,
    )


def records(record_id: str, source_ids: list[str] | None = None) -> st.SearchStrategy[rs.Record]:
    return st.builds(
        rs.Record,
        id=st.just(record_id),
        type=st.sampled_from(sorted(rs.CSL_TYPES)),
        title=opt_texts,
        authors=st.lists(names, max_size=3),
        editors=st.lists(names, max_size=1),
        issued=st.none() | partial_dates(),
        container_title=opt_texts,
        container_title_short=opt_texts,
        volume=opt_texts,
        issue=opt_texts,
        pages=opt_texts,
        doi=opt_texts,
        pmid=opt_texts,
        pmcid=opt_texts,
        issn=st.lists(texts, max_size=2),
        isbn=st.lists(texts, max_size=2),
        url=opt_texts,
        publisher=opt_texts,
        publisher_place=opt_texts,
        edition=opt_texts,
        number=opt_texts,
        abstract=opt_texts,
        keywords=st.lists(texts, max_size=3),
        language=opt_texts,
        note=opt_texts,
        provenance=st.lists(provenances(source_ids or [], []), max_size=2),
        extra=st.dictionaries(texts, st.lists(st.text(max_size=10), max_size=2), max_size=3),
    )


@st.composite
def reviews(draw: st.DrawFn) -> rs.Review:
    """A valid review touching every model class, built through the aggregate's methods."""
    meta = rs.ReviewMeta(
        title=draw(texts),
        question=draw(opt_texts),
        review_type=draw(st.sampled_from(rs.ReviewType)),
        scope=draw(opt_texts),
        objectives=draw(st.lists(texts, max_size=2)),
        registration=draw(opt_texts),
        funding=draw(opt_texts),
        citation=draw(opt_texts),
    )
    review = rs.Review(meta)
    initials = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    for i in initials:
        review.add_reviewer(
            rs.Reviewer(i, name=draw(opt_texts), role=draw(opt_texts), orcid=draw(opt_texts))
        )
    window = draw(st.none() | st.builds(rs.DateWindow, start=dates, end=st.none()))
    review.set_strategy(
        rs.SearchStrategy(
            window=window,
            query=draw(opt_texts),
            concept_blocks=draw(st.lists(st.builds(rs.ConceptBlock, texts, texts), max_size=2)),
            limiters=draw(
                st.lists(st.builds(rs.Limiter, st.sampled_from(rs.LimiterKind), texts), max_size=2)
            ),
            publication_range=draw(
                st.none()
                | st.builds(
                    rs.PublicationRange,
                    start=st.none() | partial_dates(),
                    end=st.none() | partial_dates(),
                    note=opt_texts,
                )
            ),
            note=draw(opt_texts),
        )
    )
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    for sid in source_ids:
        review.add_source(
            rs.Source(
                sid, draw(texts), kind=draw(st.sampled_from(rs.SourceKind)), url=draw(opt_texts)
            )
        )
    run_ids: list[str] = []
    if source_ids:
        for rid in draw(st.lists(ids, max_size=2, unique=True)):
            review.add_search_run(
                rs.SearchRun(
                    rid,
                    draw(st.sampled_from(source_ids)),
                    date=draw(st.none() | dates),
                    query=draw(opt_texts),
                    hits=draw(st.none() | st.integers(0, 10**6)),
                    files=draw(st.lists(texts, max_size=2)),
                    round=draw(st.integers(1, 5)),
                    purpose=draw(st.none() | st.builds(rs.SearchPurpose, texts)),
                    service=draw(st.none() | st.sampled_from(["openalex", "crossref"])),
                )
            )
            run_ids.append(rid)
    record_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    for rid in record_ids:
        review.add_record(draw(records(rid, source_ids)))
    reasons = [rs.ExclusionReason("wrong-setting", "Wrong setting")]
    review.add_stage(
        rs.ScreeningStage("ta", "Title and abstract", required_reviewers=1, reasons=reasons)
    )
    for rid in record_ids:
        if draw(st.booleans()):
            verdict = draw(st.sampled_from(rs.Verdict))
            review.record_decision(
                rs.Decision(
                    "ta",
                    rid,
                    draw(st.sampled_from(initials)),
                    verdict,
                    reason="wrong-setting" if verdict is rs.Verdict.EXCLUDE else None,
                    note=draw(opt_texts),
                    at=draw(st.none() | datetimes),
                )
            )
        if draw(st.booleans()):
            review.resolve(
                rs.Resolution(
                    "ta",
                    rid,
                    draw(st.sampled_from([rs.Verdict.INCLUDE, rs.Verdict.EXCLUDE])),
                    draw(st.sampled_from(rs.ResolutionMethod)),
                    by=[draw(st.sampled_from(initials))],
                    rationale=draw(opt_texts),
                )
            )
    review.add_stage(rs.ScreeningStage("ft", "Full text", kind=rs.StageKind.DECLARED))
    review.declare_count(rs.DeclaredCount("ft", "entered", draw(st.integers(0, 10**5))))
    criteria = rs.CriteriaSet(
        "crit",
        draw(texts),
        [
            rs.Criterion("rel", "Relevance", draw(texts), ["yes", "no"], ["yes"], True),
            rs.Criterion(
                "rig",
                "Rigour",
                draw(texts),
                ["trustworthy", "not trustworthy"],
                ["trustworthy"],
                applies_to=draw(
                    st.lists(
                        st.sampled_from([rs.JudgementTarget.EXTRACT, rs.JudgementTarget.EVIDENCE]),
                        min_size=1,
                        unique=True,
                    )
                ),
            ),
        ],
    )
    review.adopt_criteria_set(criteria)
    review.add_stage(
        rs.ScreeningStage(
            "relevance", "Relevance", kind=rs.StageKind.GATE, gate=rs.GateCriterion("crit", "rel")
        )
    )
    for rid in review.records_at("relevance"):
        if draw(st.booleans()):
            review.add_judgement(
                rs.Judgement(
                    rid,
                    "crit",
                    "rel",
                    draw(st.sampled_from(["yes", "no"])),
                    initials[0],
                    draw(texts),
                )
            )
    review.define_field(rs.FieldDefinition("location", "Location"))
    review.define_field(
        rs.FieldDefinition("design", "Design", rs.FieldType.MULTI_CHOICE, allowed=["qual", "quant"])
    )
    review.define_field(rs.FieldDefinition("n", "Participants", rs.FieldType.INTEGER))
    review.set_characteristics(
        rs.StudyCharacteristics(
            record_ids[0],
            {
                "location": draw(texts),
                "design": tuple(draw(st.lists(st.sampled_from(["qual", "quant"]), unique=True))),
                "n": draw(st.integers(0, 10**6)),
            },
        )
    )
    heuristic = rs.ConfigurationHeuristic(
        "dalkin",
        "Dalkin",
        [rs.CodeDefinition(c, c, draw(opt_texts)) for c in ("C", "M-Res", "M-Rea", "O")],
        formula=draw(opt_texts),
    )
    review.set_heuristic(heuristic)
    review.add_extract(
        rs.CodedExtract(
            "ex1",
            record_ids[0],
            draw(texts),
            codes=draw(st.lists(st.sampled_from(["C", "M-Res", "M-Rea", "O"]), unique=True)),
            location=draw(st.none() | st.builds(rs.Location, page=opt_texts, section=opt_texts)),
            coder=initials[0],
            tags=draw(st.lists(texts, max_size=2)),
            statement=draw(opt_texts),
            memos=draw(st.lists(memos, max_size=2)),
        )
    )
    # a passage coded in a kept source text, at offsets in the exporting tool's units
    before, passage, after = draw(coded_text), draw(texts), draw(coded_text)
    full = before + passage + after
    unit = draw(st.sampled_from(rs.OffsetUnit))
    start = unit.length(before)
    review.set_source_text(rs.SourceText(record_ids[0], full, name=draw(opt_texts)))
    review.add_extract(
        rs.CodedExtract(
            "ex2",
            record_ids[0],
            passage,
            codes=["C", "O"],
            span=rs.TextSpan(
                rs.SourceText(record_ids[0], full).sha256,
                start,
                start + unit.length(passage),
                unit,
            ),
        )
    )
    review.add_theory_document(
        rs.TheoryDocument(record_ids[-1], draw(st.sampled_from(rs.TheoryDocumentKind)))
    )
    review.add_informant(rs.Informant("1", "[1]", role=draw(opt_texts)))
    review.add_quotation(rs.Quotation("q1", draw(texts), informant_id="1"))
    review.add_quotation(rs.Quotation("q2", draw(texts), record_id=record_ids[0]))
    review.adopt_framework(
        rs.OrganisingFramework(
            "fw", "Framework", [rs.Theme("being", "Being"), rs.Theme("doing", "Doing")]
        )
    )
    review.add_cmoc(
        rs.CMOC(
            "c1",
            context=draw(texts),
            outcome=draw(texts),
            theme_id="being",
            memos=draw(st.lists(memos, max_size=1)),
        )
    )
    review.add_cmoc(rs.CMOC("c2", statement=draw(texts), narrative=f"[@{record_ids[0]}]"))
    review.add_cmoc(rs.CMOC("r1", mechanism_resource=draw(texts), theme_id="doing"))
    review.add_theory_version(
        rs.TheoryVersion(
            "irpt",
            "Initial",
            rs.VersionKind.INITIAL,
            ["c1", "c2"],
            [rs.ThemeStatement("being", draw(texts))],
        )
    )
    review.add_theory_version(rs.TheoryVersion("rpt", "Refined", rs.VersionKind.REFINED, ["r1"]))
    consulted = draw(st.booleans())
    if consulted:
        review.add_consultation(
            rs.Consultation(
                "k1",
                draw(st.sampled_from(rs.ConsultationKind)),
                draw(texts),
                date=draw(st.none() | partial_dates()),
                participants=draw(
                    st.lists(
                        st.builds(rs.ParticipantGroup, texts, st.none() | st.integers(1, 50)),
                        max_size=2,
                    )
                ),
                version_shown=draw(st.sampled_from([None, "irpt"])),
                feedback=draw(opt_texts),
                contributed_to=draw(st.sampled_from([None, "rpt"])),
                note=draw(opt_texts),
            )
        )
        if draw(st.booleans()):
            review.add_consultation(
                rs.Consultation(
                    "k2",
                    rs.ConsultationKind.KEY_INFORMANT,
                    draw(texts),
                    participants=[rs.ParticipantGroup("leader", draw(st.integers(1, 9)))],
                    names_disclosed=True,
                    participant_names=draw(st.lists(texts, max_size=2)),
                    informant_ids=["1"],
                )
            )
    kind = draw(st.sampled_from([rs.OutcomeKind.SUPPORTED_REFINED, rs.OutcomeKind.MERGED_INTO]))
    review.refine(
        rs.Refinement(
            "irpt",
            "rpt",
            [
                rs.RefinementOutcome(
                    "c1", kind, draw(texts), ["r1"], consultations=["k1"] if consulted else []
                ),
                rs.RefinementOutcome("c2", rs.OutcomeKind.NO_EVIDENCE, draw(texts)),
            ],
        )
    )
    target = draw(st.sampled_from(rs.EvidenceTarget))
    target_id = {
        rs.EvidenceTarget.RECORD: record_ids[0],
        rs.EvidenceTarget.EXTRACT: "ex1",
        rs.EvidenceTarget.QUOTATION: "q1",
    }[target]
    review.add_evidence(
        rs.EvidenceLink(
            "e1", "r1", target, target_id, draw(st.sampled_from(rs.EvidenceRole)), draw(opt_texts)
        )
    )
    rigour = review.criteria_sets["crit"].criterion("rig")
    assert rigour is not None
    for data_target, data_id in (
        (rs.JudgementTarget.EXTRACT, "ex1"),
        (rs.JudgementTarget.EVIDENCE, "e1"),
    ):
        if rigour.applies(data_target) and draw(st.booleans()):
            review.add_judgement(
                rs.Judgement(
                    data_id,
                    "crit",
                    "rig",
                    draw(st.sampled_from(["trustworthy", "not trustworthy"])),
                    initials[-1],
                    draw(opt_texts),
                    target=data_target,
                )
            )
    link_kinds = ["leads-to", "nested-in", "rival-of", "moderates"]
    if draw(st.booleans()):
        review.adopt_link_kind(
            rs.LinkKind(
                "triggers",
                draw(texts),
                draw(opt_texts),
                directed=True,
                acyclic=draw(st.booleans()),
            )
        )
        link_kinds.append("triggers")
    first = draw(st.sampled_from([("c1", "c2"), ("c2", "c1")]))
    for i in range(draw(st.integers(0, 2))):
        source, target = first if i == 0 else first[::-1]
        review.add_cmoc_link(
            rs.CMOCLink(
                f"l{i}",
                "irpt",
                source,
                target,
                # a second link goes the other way or is of another kind: no duplicates or
                # cycles, which test_cmoc_links covers
                draw(st.sampled_from(link_kinds)) if i == 0 else "moderates",
                rationale=draw(opt_texts),
                evidence=[
                    rs.LinkEvidence(
                        rs.EvidenceTarget.QUOTATION,
                        "q1",
                        draw(st.sampled_from(rs.EvidenceRole)),
                        draw(opt_texts),
                    )
                ]
                if draw(st.booleans())
                else [],
                interpreted=draw(st.booleans()),
            )
        )
    if draw(st.booleans()):
        review.add_middle_range_theory(
            rs.MiddleRangeTheory(
                "mrt",
                draw(texts),
                draw(opt_texts),
                record_id=draw(st.none() | st.just(record_ids[0])),
                citation=draw(opt_texts),
                uses=[
                    rs.TheoryUse(draw(st.sampled_from(rs.TheoryRole)), cmoc_id="r1"),
                    rs.TheoryUse(rs.TheoryRole.FRAMED, theme_id="being", note=draw(opt_texts)),
                ],
            )
        )
    if len(record_ids) >= 2:
        a, b = record_ids[0], record_ids[1]
        review.set_duplicate_links(
            [
                rs.DuplicateLink.of(
                    a,
                    b,
                    draw(st.sampled_from(rs.LinkVerdict)),
                    draw(st.sampled_from(["doi", "fuzzy"])),
                    draw(st.floats(0, 1)),
                    {"title": draw(st.floats(0, 1))},
                    note=draw(opt_texts),
                )
            ]
        )
        if draw(st.booleans()):
            review.decide_pair(
                rs.PairDecision.of(a, b, same=draw(st.booleans()), reviewer=initials[0])
            )
    if draw(st.booleans()):
        review.set_report_note(draw(st.sampled_from(["rationale", "funding"])), draw(texts))
    if draw(st.booleans()):
        scale = draw(st.lists(texts, min_size=1, max_size=3, unique=True))
        levels = draw(st.lists(texts, min_size=1, max_size=4, unique=True))
        approach = rs.ConfidenceApproach(
            "conf",
            draw(texts),
            [rs.ConfidenceComponent("fit", draw(texts), draw(texts), scale)],
            levels,
            citation=draw(opt_texts),
        )
        review.adopt_confidence_approach(approach)
        review.assess_confidence(
            rs.ConfidenceAssessment(
                "rpt",
                "r1",
                "conf",
                [
                    rs.ComponentJudgement(
                        "fit",
                        draw(st.sampled_from(scale)),
                        draw(texts),
                        draw(st.lists(st.just("e1"), max_size=1)),
                        draw(st.booleans()),
                    )
                ],
                draw(st.sampled_from(levels)),
                rationale=draw(opt_texts),
                disconfirming=draw(st.lists(st.just("e1"), max_size=1)),
                assessor=draw(st.none() | st.just(initials[0])),
                interpreted=draw(st.booleans()),
            )
        )
    if draw(st.booleans()):
        reported = draw(st.sampled_from(rs.Reported))
        review.confirm_item(
            rs.ItemConfirmation(
                draw(st.sampled_from(["rameses", "rameses-ii"])),
                draw(st.sampled_from(["searching", "flow"])),
                reported,
                initials[0],
                draw(datetimes),
                where=draw(texts if reported is rs.Reported.YES else opt_texts),
                note=draw(opt_texts),
            )
        )
    if draw(st.booleans()):
        # a standard with a rating scale: the rating is checked against it, and kept
        quality = RAMESES_QUALITY
        reported = draw(st.sampled_from(rs.Reported))
        review.confirm_item(
            rs.ItemConfirmation(
                quality.name,
                draw(st.sampled_from([i.key for i in quality.items])),
                reported,
                initials[0],
                draw(datetimes),
                where=draw(texts if reported is rs.Reported.YES else opt_texts),
                note=draw(opt_texts),
                rating=draw(st.none() | st.sampled_from(quality.ratings)),
            ),
            quality,
        )
    return review
