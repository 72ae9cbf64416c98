"""Tests of the CASP plugin, runnable on their own (``pytest plugins/realistsynth-casp``)."""

from __future__ import annotations

import realistsynth_casp

import realistsynth as rs
from realistsynth.testing import plugin_manager_with


def test_the_checklist_has_ten_questions_on_a_three_point_scale() -> None:
    cs = realistsynth_casp.CASP_QUALITATIVE
    assert len(cs.criteria) == 10
    assert {c.scale for c in cs.criteria} == {("yes", "can't tell", "no")}


def test_the_plugin_registers_the_checklist() -> None:
    manager = plugin_manager_with(realistsynth_casp)
    assert "casp-qualitative" in manager.criteria_sets
    assert not manager.problems


def test_a_review_can_adopt_it_and_use_a_question_as_a_gate() -> None:
    review = rs.Review.new("r")
    review.add_reviewer(rs.Reviewer("LK"))
    review.adopt_criteria_set(realistsynth_casp.CASP_QUALITATIVE)
    review.add_stage(
        rs.ScreeningStage(
            "analysis",
            "Rigorous analysis",
            kind=rs.StageKind.GATE,
            gate=rs.GateCriterion("casp-qualitative", "analysis"),
        )
    )
    review.add_record(rs.Record("a2020"))
    review.add_judgement(rs.Judgement("a2020", "casp-qualitative", "analysis", "no", "LK"))
    assert review.status("analysis", "a2020") is rs.StageStatus.EXCLUDE
