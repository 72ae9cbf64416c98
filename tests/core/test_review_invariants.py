"""The Review aggregate keeps its invariants: each violation raises a typed error naming what
and where, and a failed change leaves the review exactly as it was."""

from __future__ import annotations

import pytest
from core.strategies import reviews
from hypothesis import given

import realistsynth as rs


def small_review() -> rs.Review:
    review = rs.Review.new("T")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_reviewer(rs.Reviewer("RG"))
    review.add_source(rs.Source("cinahl", "CINAHL"))
    review.add_record(rs.Record("a"))
    review.add_record(rs.Record("b"))
    review.add_stage(
        rs.ScreeningStage(
            "ta",
            "Title/abstract",
            required_reviewers=2,
            reasons=[rs.ExclusionReason("setting", "Wrong setting")],
        )
    )
    review.add_stage(rs.ScreeningStage("ft", "Full text"))
    return review


def test_duplicate_ids_are_refused() -> None:
    review = small_review()
    with pytest.raises(rs.DuplicateIdError, match="record 'a' already exists") as info:
        review.add_record(rs.Record("a", title="other"))
    assert info.value.where == "record/a"
    assert review.records["a"].title is None


@pytest.mark.parametrize(
    ("change", "error", "where"),
    [
        (
            lambda r: r.record_decision(rs.Decision("ta", "zz", "LK", rs.Verdict.INCLUDE)),
            rs.UnknownReferenceError,
            "records/zz",
        ),
        (
            lambda r: r.record_decision(rs.Decision("ta", "a", "XX", rs.Verdict.INCLUDE)),
            rs.UnknownReferenceError,
            "decisions/ta/a/XX",
        ),
        (
            lambda r: r.record_decision(rs.Decision("ft", "a", "LK", rs.Verdict.INCLUDE)),
            rs.StageOrderError,
            "stages/ft/a",
        ),
        (
            lambda r: r.record_decision(
                rs.Decision("ta", "a", "LK", rs.Verdict.EXCLUDE, reason="x")
            ),
            rs.InvalidValueError,
            "decisions/ta/a/LK",
        ),
        (
            lambda r: r.add_search_run(rs.SearchRun("run", "nowhere")),
            rs.UnknownReferenceError,
            "search_runs/run",
        ),
        (
            lambda r: r.add_record(rs.Record("c", provenance=[rs.Provenance(source_id="nope")])),
            rs.UnknownReferenceError,
            "records/c/provenance/0",
        ),
        (
            lambda r: r.add_extract(rs.CodedExtract("e", "a", "text", codes=["C"])),
            rs.InvalidValueError,
            "extracts/e",
        ),
        (
            lambda r: r.add_quotation(rs.Quotation("q", "text", informant_id="9")),
            rs.UnknownReferenceError,
            "quotations/q",
        ),
        (
            lambda r: r.add_cmoc(rs.CMOC("c", context="x", theme_id="being")),
            rs.InvalidValueError,
            "cmocs/c",
        ),
        (
            lambda r: r.add_theory_version(rs.TheoryVersion("v", "V", cmoc_ids=["nope"])),
            rs.UnknownReferenceError,
            "theory_versions/v",
        ),
        (
            lambda r: r.add_evidence(rs.EvidenceLink("e", "nope", rs.EvidenceTarget.RECORD, "a")),
            rs.UnknownReferenceError,
            "evidence/e",
        ),
        (
            lambda r: r.set_characteristics(rs.StudyCharacteristics("a", {"nope": "x"})),
            rs.UnknownReferenceError,
            "characteristics/a/nope",
        ),
        (
            lambda r: r.declare_count(rs.DeclaredCount("nope", "entered", 3)),
            rs.UnknownReferenceError,
            "declared_counts/nope/entered",
        ),
    ],
)
def test_each_violation_raises_a_typed_error_and_changes_nothing(change, error, where) -> None:
    review = small_review()
    before = rs.dumps(review)
    with pytest.raises(error) as info:
        change(review)
    assert info.value.where == where
    assert rs.dumps(review) == before


def test_stage_order_follows_inclusion_and_derived_status() -> None:
    review = small_review()
    review.record_decision(rs.Decision("ta", "a", "LK", rs.Verdict.INCLUDE))
    assert review.status("ta", "a") is rs.StageStatus.PENDING
    review.record_decision(rs.Decision("ta", "a", "RG", rs.Verdict.EXCLUDE, reason="setting"))
    assert review.status("ta", "a") is rs.StageStatus.CONFLICT
    with pytest.raises(rs.StageOrderError):
        review.record_decision(rs.Decision("ft", "a", "LK", rs.Verdict.INCLUDE))
    review.resolve(
        rs.Resolution("ta", "a", rs.Verdict.INCLUDE, rs.ResolutionMethod.CONSENSUS, ["LK", "RG"])
    )
    assert review.status("ta", "a") is rs.StageStatus.INCLUDE
    review.record_decision(rs.Decision("ft", "a", "LK", rs.Verdict.INCLUDE))
    assert review.records_at("ft") == ["a"]
    # changing the earlier outcome would strand the later decision: refused, nothing changed
    with pytest.raises(rs.StageOrderError):
        review.resolve(
            rs.Resolution("ta", "a", rs.Verdict.EXCLUDE, rs.ResolutionMethod.THIRD_REVIEWER, ["LK"])
        )
    assert review.status("ta", "a") is rs.StageStatus.INCLUDE
    review.record_decision(rs.Decision("ta", "b", "LK", rs.Verdict.INCLUDE))
    # only one of the two required reviewers has decided: b has not reached full text
    with pytest.raises(rs.StageOrderError):
        review.record_decision(rs.Decision("ft", "b", "LK", rs.Verdict.INCLUDE))
    assert review.records_at("ft") == ["a"]


def test_gate_stage_takes_its_outcome_from_judgements() -> None:
    review = small_review()
    from realistsynth.builtin.criteria import REALIST_RRR

    review.adopt_criteria_set(REALIST_RRR)
    review.add_stage(
        rs.ScreeningStage(
            "relevance",
            "Relevance",
            kind=rs.StageKind.GATE,
            gate=rs.GateCriterion("realist-rrr", "relevance"),
        )
    )
    for rid in ("a", "b"):
        for who in ("LK", "RG"):
            review.record_decision(rs.Decision("ta", rid, who, rs.Verdict.INCLUDE))
        review.record_decision(rs.Decision("ft", rid, "LK", rs.Verdict.INCLUDE))
    with pytest.raises(rs.InvalidValueError, match="requires a rationale"):
        review.add_judgement(rs.Judgement("a", "realist-rrr", "relevance", "relevant", "LK"))
    with pytest.raises(rs.InvalidValueError, match="not on the scale"):
        review.add_judgement(rs.Judgement("a", "realist-rrr", "relevance", "maybe", "LK", "why"))
    review.add_judgement(
        rs.Judgement("a", "realist-rrr", "relevance", "relevant", "LK", "informs CMOC 1")
    )
    review.add_judgement(
        rs.Judgement("b", "realist-rrr", "relevance", "not relevant", "LK", "off topic")
    )
    assert review.status("relevance", "a") is rs.StageStatus.INCLUDE
    assert review.status("relevance", "b") is rs.StageStatus.EXCLUDE
    with pytest.raises(rs.InvalidValueError, match="takes no decisions"):
        review.record_decision(rs.Decision("relevance", "a", "LK", rs.Verdict.INCLUDE))


def _theory_review() -> rs.Review:
    review = small_review()
    for cid in ("c1", "c2", "c3", "r1", "r2"):
        review.add_cmoc(rs.CMOC(cid, context=f"context of {cid}"))
    review.add_theory_version(rs.TheoryVersion("irpt", "Initial", cmoc_ids=["c1", "c2", "c3"]))
    review.add_theory_version(
        rs.TheoryVersion("rpt", "Refined", rs.VersionKind.REFINED, ["r1", "r2"])
    )
    return review


def test_refinement_must_account_for_every_prior_cmoc() -> None:
    review = _theory_review()
    merged = rs.RefinementOutcome("c1", rs.OutcomeKind.MERGED_INTO, "same evidence", ["r1"])
    with pytest.raises(rs.RefinementError, match="'c2' of 'irpt' is unaccounted for"):
        review.refine(rs.Refinement("irpt", "rpt", [merged]))
    with pytest.raises(rs.RefinementError, match="points at 'r9'"):
        review.refine(
            rs.Refinement(
                "irpt",
                "rpt",
                [
                    merged,
                    rs.RefinementOutcome("c2", rs.OutcomeKind.MERGED_INTO, "same", ["r9"]),
                    rs.RefinementOutcome("c3", rs.OutcomeKind.NO_EVIDENCE, "none found"),
                ],
            )
        )
    assert review.refinements == ()
    review.refine(
        rs.Refinement(
            "irpt",
            "rpt",
            [
                merged,
                rs.RefinementOutcome("c2", rs.OutcomeKind.SPLIT_INTO, "two ideas", ["r1", "r2"]),
                rs.RefinementOutcome("c3", rs.OutcomeKind.REFUTED, "contradicted"),
            ],
        )
    )
    assert len(review.refinements) == 1


def test_outcome_kinds_check_their_target_counts() -> None:
    with pytest.raises(ValueError, match="takes at least 2"):
        rs.RefinementOutcome("c", rs.OutcomeKind.SPLIT_INTO, "why", ["r1"])
    with pytest.raises(ValueError, match="takes 0"):
        rs.RefinementOutcome("c", rs.OutcomeKind.NO_EVIDENCE, "why", ["r1"])


def test_add_records_is_all_or_nothing() -> None:
    review = small_review()
    with pytest.raises(rs.DuplicateIdError):
        review.add_records([rs.Record("c"), rs.Record("d"), rs.Record("a")])
    assert list(review.records) == ["a", "b"]


@given(reviews())
def test_generated_reviews_have_no_problems(review: rs.Review) -> None:
    assert review.problems() == []


def test_theory_documents_do_not_enter_selection() -> None:
    review = small_review()
    review.add_theory_document(rs.TheoryDocument("b", rs.TheoryDocumentKind.POLICY))
    assert review.candidates() == ["a"]
    assert review.records_at("ta") == ["a"]
