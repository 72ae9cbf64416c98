"""The whole selection of a small review through real workbooks: two reviewers, three stages,
conflicts and resolutions; then the flow and the agreement figures, computed by hand below."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from selection.selection_helpers import fill_workbook

import realistsynth as rs
from realistsynth.selection import blinded_queue, conflicts, stage_agreement
from realistsynth.selection.flow import compute_flow
from realistsynth.selection.workbook import export_workbook, import_workbook

OFF = "Not about the review's topic"
POP = "Wrong population or setting"
LANG = "Not in an included language"
NPT = "Cannot inform the programme theory"
NR = "Full text could not be retrieved"
# (AL, BO) at title/abstract: decision, reason label as picked from the drop-down
TA: Answers = {
    "r01": (("include", ""), ("include", "")),
    "r02": (("include", ""), ("include", "")),
    "r03": (("include", ""), ("include", "")),
    "r04": (("include", ""), ("exclude", OFF)),
    "r05": (("exclude", OFF), ("exclude", OFF)),
    "r06": (("exclude", OFF), ("exclude", OFF)),
    "r07": (("exclude", POP), ("exclude", POP)),
    "r08": (("exclude", OFF), ("include", "")),
    "r09": (("exclude", LANG), ("exclude", LANG)),
    "r10": (("maybe", ""), ("exclude", OFF)),
}
FT: Answers = {
    "r01": (("include", ""), ("include", "")),
    "r02": (("include", ""), ("exclude", NPT)),
    "r03": (("exclude", NR), ("exclude", NR)),
    "r04": (("exclude", NPT), ("exclude", NPT)),
}
WHEN = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)
#: record id -> (AL's, BO's) (decision, reason label)
Answers = dict[str, tuple[tuple[str, str], tuple[str, str]]]


def _screen(review: rs.Review, stage: str, answers: Answers, folder: Path) -> None:
    for i, reviewer in enumerate(("AL", "BO")):
        book = folder / f"{stage}-{reviewer}.xlsx"
        export_workbook(review, stage, book, reviewers=[reviewer])
        assert blinded_queue(review, stage, reviewer) == list(answers)
        fill_workbook(book, reviewer, {rid: (*pair[i], "") for rid, pair in answers.items()})
        result = import_workbook(review, book, reviewer=reviewer)
        assert result.added == len(answers)
        assert blinded_queue(review, stage, reviewer) == []
        # importing the same workbook again changes nothing
        before = rs.dumps(review)
        again = import_workbook(review, book, reviewer=reviewer)
        assert (again.added, again.changed, again.unchanged) == (0, 0, len(answers))
        assert rs.dumps(review) == before


def _resolve(
    review: rs.Review, stage: str, rid: str, verdict: str, method: str, by: list[str], **kw: str
) -> None:
    review.resolve(
        rs.Resolution(
            stage, rid, rs.Verdict(verdict), rs.ResolutionMethod(method), by=by, at=WHEN, **kw
        )
    )


@pytest.fixture
def screened(review: rs.Review, tmp_path: Path) -> rs.Review:
    _screen(review, "title-abstract", TA, tmp_path)
    assert [c.record_id for c in conflicts(review, "title-abstract")] == ["r04", "r08", "r10"]
    _resolve(
        review,
        "title-abstract",
        "r04",
        "include",
        "third-reviewer",
        ["CH"],
        rationale="Mentions ICS boards in the abstract",
    )
    _resolve(
        review, "title-abstract", "r08", "exclude", "consensus", ["AL", "BO"], reason="off-topic"
    )
    _resolve(
        review, "title-abstract", "r10", "exclude", "third-reviewer", ["CH"], reason="off-topic"
    )
    assert conflicts(review, "title-abstract") == []
    _screen(review, "full-text", FT, tmp_path)
    assert [c.record_id for c in conflicts(review, "full-text")] == ["r02"]
    _resolve(review, "full-text", "r02", "include", "consensus", ["AL", "BO"])
    review.add_judgement(
        rs.Judgement(
            "r01", "realist-rrr", "relevance", "relevant", "AL", rationale="Informs CMOC 2"
        )
    )
    review.add_judgement(
        rs.Judgement(
            "r02",
            "realist-rrr",
            "relevance",
            "not relevant",
            "AL",
            rationale="About hospital boards only",
        )
    )
    return review


def test_statuses_after_the_round_trip(screened: rs.Review) -> None:
    status = rs.StageStatus
    assert screened.records_at("title-abstract", status.INCLUDE) == ["r01", "r02", "r03", "r04"]
    assert screened.records_at("full-text", status.INCLUDE) == ["r01", "r02"]
    assert screened.records_at("relevance", status.INCLUDE) == ["r01"]
    d = screened.decisions_on("title-abstract", "r04")["BO"]
    assert (d.verdict, d.reason) == (rs.Verdict.EXCLUDE, "off-topic")
    assert d.at is not None


def test_flow_counts(screened: rs.Review) -> None:
    flow = compute_flow(screened)
    assert [(s.name, s.count) for s in flow.sources] == [("MEDLINE", 6), ("CINAHL", 6)]
    assert flow.identified == 12
    assert flow.duplicates == 2  # r01 and r02 were found in both sources
    ta = flow.stage("title-abstract")
    assert (ta.entered, ta.included, ta.excluded, ta.undecided) == (10, 4, 6, 0)
    assert [(r.code, r.count) for r in ta.reasons] == [
        ("off-topic", 4),  # r05, r06, and r08, r10 by their resolutions
        ("wrong-population", 1),
        ("language", 1),
    ]
    ft = flow.stage("full-text")
    assert (ft.entered, ft.not_retrieved, ft.excluded, ft.included) == (4, 1, 1, 2)
    assert [(r.code, r.count) for r in ft.reasons] == [("no-programme-theory", 1)]
    gate = flow.stage("relevance")
    assert (gate.entered, gate.included, gate.excluded, gate.role) == (2, 1, 1, "gate")
    assert flow.included == 1
    assert flow.findings == ()


def test_agreement_figures(screened: rs.Review) -> None:
    (ta,) = stage_agreement(screened, "title-abstract")
    assert ta.reviewers == ("AL", "BO")
    a = ta.agreement
    assert a.categories == ("include", "exclude", "maybe")
    assert a.table == ((3, 1, 0), (1, 4, 0), (0, 1, 0))
    # by hand: pa = 7/10; pe(kappa) = .4*.4 + .5*.6 + .1*0 = .46; kappa = .24/.54
    assert a.percent.value == pytest.approx(0.7)
    assert a.kappa.value == pytest.approx(0.24 / 0.54)
    # pi = (.4, .55, .05); pe(AC1) = (.24 + .2475 + .0475) / 2 = .2675
    assert a.ac1.value == pytest.approx((0.7 - 0.2675) / (1 - 0.2675))
    (ft,) = stage_agreement(screened, "full-text")
    assert ft.agreement.table == ((1, 1), (0, 2))
    assert ft.agreement.kappa.value == pytest.approx(0.5)
    assert ft.agreement.ac1.value == pytest.approx(0.28125 / 0.53125)


def test_the_screened_review_survives_save_and_load(screened: rs.Review, tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    rs.save(screened, path)
    loaded = rs.load(path)
    assert loaded == screened
    rs.save(loaded, path)
    assert path.read_text(encoding="utf-8") == rs.dumps(screened)
    assert compute_flow(loaded) == compute_flow(screened)


def test_re_export_with_decided_rows_round_trips_unchanged(
    screened: rs.Review, tmp_path: Path
) -> None:
    book = tmp_path / "all.xlsx"
    export_workbook(screened, "title-abstract", book, include_decided=True)
    before = rs.dumps(screened)
    result = import_workbook(screened, book)
    assert (result.added, result.changed) == (0, 0)
    # AL's and BO's sheets carry their 10 decisions each; CH decided nothing
    assert result.unchanged == 20
    assert rs.dumps(screened) == before


def test_agreement_at_a_gate_uses_the_criterion_levels(screened: rs.Review) -> None:
    screened.add_judgement(
        rs.Judgement(
            "r01",
            "realist-rrr",
            "relevance",
            "partly relevant",
            "BO",
            rationale="Only the board chapter",
        )
    )
    screened.add_judgement(
        rs.Judgement(
            "r02", "realist-rrr", "relevance", "not relevant", "BO", rationale="Hospital boards"
        )
    )
    (pair,) = stage_agreement(screened, "relevance")
    assert pair.agreement.categories == ("relevant", "partly relevant", "not relevant")
    assert pair.agreement.table == ((0, 1, 0), (0, 0, 0), (0, 0, 1))
    assert pair.agreement.percent.value == 0.5
