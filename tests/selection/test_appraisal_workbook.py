"""``realistsynth appraise``: criteria sets, judgements of records, extracts and evidence
links from the shell, and the appraisal workbook (one sheet per reviewer, drop-downs,
protected, all-or-nothing import with row-level errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.builtin.criteria import REALIST_RRR
from realistsynth.selection.appraisal_workbook import (
    APPRAISAL_COLUMNS,
    export_appraisal_workbook,
    import_appraisal_workbook,
)


def _review() -> rs.Review:
    review = rs.Review.new("Appraisal")
    for initials in ("LK", "RG"):
        review.add_reviewer(rs.Reviewer(initials))
    review.add_record(rs.Record("a2020", type="article-journal", title="A study"))
    review.add_record(rs.Record("b2021", type="article-journal", title="B study"))
    review.adopt_criteria_set(REALIST_RRR)
    review.add_extract(rs.CodedExtract("ex1", "a2020", "leaders named the purpose"))
    review.add_cmoc(rs.CMOC("c1", context="a context", outcome="an outcome", label="CMOC 1"))
    review.add_evidence(rs.EvidenceLink("e1", "c1", rs.EvidenceTarget.EXTRACT, "ex1"))
    return review


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "review.json"
    rs.save(_review(), path)
    return path


def test_sets_lists_what_each_criterion_applies_to(project: Path) -> None:
    code, out = run("appraise", "sets", str(project), "--json")
    assert code == 0, out
    sets = {s["name"]: s for s in json.loads(out)["criteria_sets"]}
    rrr = sets["realist-rrr"]
    assert rrr["adopted"]
    applies = {c["id"]: c["applies_to"] for c in rrr["criteria"]}
    assert applies == {
        "relevance": ["record"],
        "richness": ["record"],
        "rigour": ["extract", "evidence"],
    }


def test_judge_a_record_an_extract_and_an_evidence_link(project: Path) -> None:
    for target, criterion, level in (
        (("record", "a2020"), "relevance", "relevant"),
        (("extract", "ex1"), "rigour", "trustworthy"),
        (("evidence", "e1"), "rigour", "not trustworthy"),
    ):
        code, out = run(
            "appraise", "judge", str(project), "--target", *target, "--criterion", criterion,
            "--level", level, "--by", "LK", "--rationale", "because",
        )  # fmt: skip
        assert code == 0, out
    code, out = run("appraise", "show", str(project), "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [(j["target"], j["id"], j["level"]) for j in data["judgements"]] == [
        ("record", "a2020", "relevant"),
        ("extract", "ex1", "trustworthy"),
        ("evidence", "e1", "not trustworthy"),
    ]
    # the extract passes, the link fails: the datum is disputed, shown and not counted
    assert data["evidence"] == {"e1": "disputed"}
    code, out = run("appraise", "show", str(project))
    assert "not counted as support" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "record", "a2020", "--criterion", "rigour", "--level", "trustworthy"],
         "applies to extract, evidence, not to a record"),
        (["--target", "evidence", "nope", "--criterion", "rigour", "--level", "trustworthy"],
         "unknown evidence 'nope'"),
        (["--target", "record", "a2020", "--criterion", "relevance", "--level", "maybe"],
         "not on the scale"),
    ],
)  # fmt: skip
def test_judge_refuses_what_the_model_refuses(project: Path, args: list[str], message: str) -> None:
    before = project.read_bytes()
    code, out = run("appraise", "judge", str(project), *args, "--by", "LK", "--rationale", "r")
    assert code != 0
    assert message in " ".join(out.split())
    assert project.read_bytes() == before


def _fill(path: Path, title: str, values: dict[tuple[str, str], tuple[str, str]]) -> None:
    """Fill judgement and rationale cells, by (id, criterion), as a reviewer would."""
    book = load_workbook(path)
    ws = book[title]
    col = {name: i for i, name in enumerate(APPRAISAL_COLUMNS, start=1)}
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(r, col["id"]).value, ws.cell(r, col["criterion"]).value)
        if key in values:
            ws.cell(r, col["judgement"]).value, ws.cell(r, col["rationale"]).value = values[key]
    book.save(path)


def test_the_workbook_has_a_protected_sheet_per_reviewer_with_drop_downs(tmp_path: Path) -> None:
    review = _review()
    out = tmp_path / "appraisal.xlsx"
    export_appraisal_workbook(review, "realist-rrr", out)
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["Appraisal LK", "Appraisal RG", "Scales"]
    assert book["Scales"].protection.sheet
    ws = book["Appraisal LK"]
    assert ws.protection.sheet
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    # relevance and richness per record; rigour per extract and per evidence link
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("record", "a2020", "relevance"),
        ("record", "b2021", "relevance"),
        ("record", "a2020", "richness"),
        ("record", "b2021", "richness"),
        ("extract", "ex1", "rigour"),
        ("evidence", "e1", "rigour"),
    ]
    judgement_col = APPRAISAL_COLUMNS.index("judgement") + 1
    assert not ws.cell(2, judgement_col).protection.locked
    assert ws.cell(2, 1).protection.locked
    formulas = sorted(dv.formula1 for dv in ws.data_validations.dataValidation)
    assert formulas == ["='Scales'!$A$2:$A$4", "='Scales'!$B$2:$B$4", "='Scales'!$C$2:$C$4"]
    assert book["realistsynth"].sheet_state == "hidden"


def test_import_records_every_filled_row_and_again_changes_nothing(tmp_path: Path) -> None:
    review = _review()
    out = tmp_path / "appraisal.xlsx"
    export_appraisal_workbook(review, "realist-rrr", out, reviewers=["LK"])
    _fill(
        out,
        "Appraisal LK",
        {
            ("a2020", "relevance"): ("relevant", "informs CMOC 1"),
            ("e1", "rigour"): ("not trustworthy", "self-report of a single leader"),
        },
    )
    assert import_appraisal_workbook(review, out) == 2
    (datum,) = review.judgements_of("e1", rs.JudgementTarget.EVIDENCE)
    assert (datum.level, datum.reviewer) == ("not trustworthy", "LK")
    assert import_appraisal_workbook(review, out) == 0
    # the exported sheet shows the reviewer's own judgements back
    export_appraisal_workbook(review, "realist-rrr", out, reviewers=["LK"])
    values = list(load_workbook(out)["Appraisal LK"].iter_rows(min_row=2, values_only=True))
    assert values[0][5:7] == ("relevant", "informs CMOC 1")


def test_import_is_all_or_nothing_with_row_level_errors(tmp_path: Path, project: Path) -> None:
    review = rs.load(project)
    out = tmp_path / "appraisal.xlsx"
    export_appraisal_workbook(review, "realist-rrr", out)
    _fill(
        out,
        "Appraisal LK",
        {
            ("a2020", "relevance"): ("relevant", "good"),
            ("b2021", "relevance"): ("somewhat", "typo"),
            ("ex1", "rigour"): ("trustworthy", ""),
        },
    )
    book = load_workbook(out)
    ws = book["Appraisal RG"]
    ws.cell(2, APPRAISAL_COLUMNS.index("id") + 1).value = "b2021"  # re-pointed row
    ws.cell(2, APPRAISAL_COLUMNS.index("judgement") + 1).value = "relevant"
    ws.cell(2, APPRAISAL_COLUMNS.index("rationale") + 1).value = "x"
    book.save(out)
    with pytest.raises(rs.DecisionImportError) as info:
        import_appraisal_workbook(review, out)
    problems = info.value.problems
    assert any(p.startswith("Appraisal LK!3: 'somewhat' is not one of") for p in problems)
    assert any(p.startswith("Appraisal LK!6: Rigour needs a rationale") for p in problems)
    assert any(p.startswith("Appraisal RG!2: the row was edited") for p in problems)
    assert len(problems) == 3
    assert review.judgements == ()  # nothing applied
    code, text = run("appraise", "import", str(project), str(out))
    assert code != 0
    assert "no decision was applied" in text
    assert rs.load(project).judgements == ()


def test_export_and_import_from_the_command_line(tmp_path: Path, project: Path) -> None:
    out = tmp_path / "appraisal.xlsx"
    code, text = run("appraise", "export", str(project), "--out", str(out), "--reviewer", "RG")
    assert code == 0, text
    _fill(out, "Appraisal RG", {("b2021", "relevance"): ("not relevant", "off theory")})
    code, text = run("appraise", "import", str(project), str(out), "--dry-run", "--json")
    assert code == 0, text
    assert json.loads(text) == {"recorded": 1, "dry_run": True}
    assert rs.load(project).judgements == ()
    code, text = run("appraise", "import", str(project), str(out))
    assert code == 0, text
    (judgement,) = rs.load(project).judgements
    assert (judgement.target_id, judgement.level) == ("b2021", "not relevant")
    code, text = run("appraise", "export", str(project), "--out", str(tmp_path / "a.csv"))
    assert code != 0
    assert ".xlsx" in text


def test_a_gate_lists_only_the_records_that_reached_it(tmp_path: Path) -> None:
    review = _review()
    for criterion in ("relevance", "richness"):
        review.add_stage(
            rs.ScreeningStage(
                criterion,
                criterion,
                rs.StageKind.GATE,
                gate=rs.GateCriterion("realist-rrr", criterion),
            )
        )
    review.add_judgement(rs.Judgement("a2020", "realist-rrr", "relevance", "relevant", "LK", "r"))
    review.add_judgement(
        rs.Judgement("b2021", "realist-rrr", "relevance", "not relevant", "LK", "r")
    )
    out = tmp_path / "appraisal.xlsx"
    export_appraisal_workbook(review, "realist-rrr", out, reviewers=["LK"], criteria=["richness"])
    rows = list(load_workbook(out)["Appraisal LK"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[4]) for r in rows] == [("a2020", "richness")]
