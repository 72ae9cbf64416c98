"""Appraisal of data, not only of documents: judgement targets, criteria that say what they
apply to, gates only where a review sets them, and data judged not trustworthy shown and not
counted."""

from __future__ import annotations

import json
from typing import Any

import pytest

import realistsynth as rs
from realistsynth.builtin.criteria import REALIST_RRR
from realistsynth.store.migrations import migrate
from realistsynth.synthesis import DatumTrust, appraise_evidence, contribution_matrix


def _review() -> rs.Review:
    review = rs.Review.new("Data appraisal")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_reviewer(rs.Reviewer("RG"))
    review.add_record(rs.Record("a2020", type="article-journal", title="A study"))
    review.add_record(rs.Record("b2021", type="article-journal", title="B study"))
    review.adopt_criteria_set(REALIST_RRR)
    review.add_extract(rs.CodedExtract("ex1", "a2020", "leaders named the purpose"))
    review.add_cmoc(rs.CMOC("c1", context="a context", outcome="an outcome"))
    review.add_theory_version(rs.TheoryVersion("v1", "Refined", rs.VersionKind.REFINED, ["c1"]))
    review.add_evidence(rs.EvidenceLink("e-a", "c1", rs.EvidenceTarget.EXTRACT, "ex1"))
    review.add_evidence(rs.EvidenceLink("e-b", "c1", rs.EvidenceTarget.RECORD, "b2021"))
    return review


def _rigour(
    target_id: str, level: str, target: rs.JudgementTarget, who: str = "LK"
) -> rs.Judgement:
    return rs.Judgement(
        target_id, "realist-rrr", "rigour", level, who, "why, in words", target=target
    )


def test_the_realist_set_applies_rigour_to_data_and_the_rest_to_documents() -> None:
    targets = {c.id: c.applies_to for c in REALIST_RRR.criteria}
    assert targets["relevance"] == (rs.JudgementTarget.RECORD,)
    assert targets["richness"] == (rs.JudgementTarget.RECORD,)
    assert set(targets["rigour"]) == {rs.JudgementTarget.EXTRACT, rs.JudgementTarget.EVIDENCE}


def test_adopting_a_criteria_set_without_gates_excludes_nothing() -> None:
    review = _review()
    review.add_judgement(
        rs.Judgement("a2020", "realist-rrr", "relevance", "not relevant", "LK", "off theory")
    )
    assert review.included() == ["a2020", "b2021"]


def test_a_data_criterion_cannot_be_a_document_gate() -> None:
    review = _review()
    with pytest.raises(rs.InvalidValueError, match="judges data, not documents"):
        review.add_stage(
            rs.ScreeningStage(
                "rigour",
                "Rigour",
                rs.StageKind.GATE,
                gate=rs.GateCriterion("realist-rrr", "rigour"),
            )
        )
    assert "rigour" not in review.stages


def test_a_criterion_is_applied_only_to_what_it_applies_to() -> None:
    review = _review()
    with pytest.raises(rs.InvalidValueError, match="applies to extract, evidence, not to a record"):
        review.add_judgement(
            rs.Judgement("a2020", "realist-rrr", "rigour", "trustworthy", "LK", "sound")
        )
    relevance_of_a_datum = rs.Judgement(
        "e-a", "realist-rrr", "relevance", "relevant", "LK", "x", target=rs.JudgementTarget.EVIDENCE
    )
    with pytest.raises(rs.InvalidValueError, match="applies to record, not to a evidence"):
        review.add_judgement(relevance_of_a_datum)
    with pytest.raises(rs.UnknownReferenceError, match="unknown evidence 'nope'"):
        review.add_judgement(_rigour("nope", "trustworthy", rs.JudgementTarget.EVIDENCE))
    with pytest.raises(rs.InvalidValueError, match="requires a rationale"):
        review.add_judgement(
            rs.Judgement(
                "ex1",
                "realist-rrr",
                "rigour",
                "trustworthy",
                "LK",
                target=rs.JudgementTarget.EXTRACT,
            )
        )
    assert review.judgements == ()


def test_untrusted_data_are_shown_and_not_counted_and_the_document_stays() -> None:
    review = _review()
    review.add_judgement(_rigour("ex1", "not trustworthy", rs.JudgementTarget.EXTRACT))
    review.add_judgement(_rigour("e-b", "trustworthy", rs.JudgementTarget.EVIDENCE))
    appraisal = appraise_evidence(review)
    assert appraisal["e-a"].trust is DatumTrust.UNTRUSTED
    assert appraisal["e-b"].trust is DatumTrust.TRUSTED
    assert review.included() == ["a2020", "b2021"]
    matrix = contribution_matrix(review, "v1", sources=["a2020", "b2021"])
    assert matrix.contributes("a2020", "c1")
    assert not matrix.counted("a2020", "c1")
    assert matrix.column_counts() == {"c1": 1}
    # a second reviewer who disagrees makes the datum disputed, still not counted
    review.add_judgement(_rigour("ex1", "trustworthy", rs.JudgementTarget.EXTRACT, "RG"))
    assert appraise_evidence(review)["e-a"].trust is DatumTrust.DISPUTED
    assert not DatumTrust.DISPUTED.counts


def test_a_data_judgement_round_trips_and_a_withdrawn_one_is_gone() -> None:
    review = _review()
    judgement = _rigour("e-b", "trustworthy", rs.JudgementTarget.EVIDENCE)
    review.add_judgement(judgement)
    again = rs.loads(rs.dumps(review))
    assert again == review
    assert again.judgements_of("e-b", rs.JudgementTarget.EVIDENCE) == [judgement]
    assert review.withdraw_judgement(judgement) == judgement
    assert review.judgements == ()
    with pytest.raises(rs.UnknownReferenceError):
        review.withdraw_judgement(judgement)


def test_the_schema_2_judgement_shape_is_migrated() -> None:
    doc: dict[str, Any] = {
        "schema_version": 2,
        "review": {
            "meta": {"title": "x"},
            "judgements": [
                {
                    "record_id": "a2020",
                    "criteria_set": "realist-rrr",
                    "criterion": "relevance",
                    "level": "relevant",
                    "reviewer": "LK",
                }
            ],
        },
    }
    moved = migrate(json.loads(json.dumps(doc)), 2, 3)
    assert moved["review"]["judgements"] == [
        {
            "target": "record",
            "target_id": "a2020",
            "criteria_set": "realist-rrr",
            "criterion": "relevance",
            "level": "relevant",
            "reviewer": "LK",
        }
    ]
    assert doc["review"]["judgements"][0]["record_id"] == "a2020"  # the input is not changed


def test_schema_2_outcome_kinds_become_the_stable_words() -> None:
    doc = {
        "schema_version": 2,
        "review": {
            "meta": {"title": "x"},
            "refinements": [
                {
                    "from_version": "a",
                    "to_version": "b",
                    "outcomes": [
                        {"cmoc_id": f"c{i}", "kind": kind, "rationale": "r"}
                        for i, kind in enumerate(
                            [
                                "supported-unchanged",
                                "supported-refined",
                                "merged-into",
                                "split-into",
                                "no-evidence",
                                "refuted",
                            ]
                        )
                    ],
                }
            ],
        },
    }
    moved = migrate(doc, 2, 3)
    kinds = [o["kind"] for o in moved["review"]["refinements"][0]["outcomes"]]
    assert kinds == ["supported", "revised", "merged", "split", "not-tested", "refuted"]
    assert [k.value for k in rs.OutcomeKind] == [*kinds[:4], "refuted", "not-tested"]
    # the names and values of earlier releases still mean the same kinds
    # typed as any kind: mypy takes an enum's aliases for members of their own
    old_name: rs.OutcomeKind = rs.OutcomeKind.NO_EVIDENCE
    assert old_name is rs.OutcomeKind.NOT_TESTED
    assert rs.OutcomeKind("no-evidence") is rs.OutcomeKind.NOT_TESTED
    assert rs.OutcomeKind("supported-refined") is rs.OutcomeKind.REVISED
    with pytest.raises(ValueError, match="dropped"):
        rs.OutcomeKind("dropped")


def test_the_worked_example_from_schema_2_says_not_tested() -> None:
    from pathlib import Path

    review = rs.load(Path(__file__).parents[1] / "data" / "core" / "project-v2.json")
    (refinement,) = review.refinements
    outcome = refinement.outcome("initial-3")
    assert outcome is not None
    assert outcome.kind is rs.OutcomeKind.NOT_TESTED
