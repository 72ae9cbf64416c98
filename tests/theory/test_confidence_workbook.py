"""The confidence workbook (``theory assess-export|assess-import``): a real .xlsx written,
filled with openpyxl as a person would (values chosen from the drop-downs), imported all or
nothing; the assessments equal those made through the API; every refusal leaves the project
file as it was; the worked example's six assessments come back unchanged."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from cli_support import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.builtin.confidence import CERQUAL_CMOC, EXPLANATORY_COHERENCE
from realistsynth.builtin.criteria import REALIST_RRR
from realistsynth.synthesis.confidence_workbook import (
    CONFIDENCE_COLUMNS,
    OVERALL,
    export_confidence_workbook,
    import_confidence_workbook,
    read_confidence_workbook,
)

# the worked example as a project file: the fixtures saved and project
pytest_plugins = ["theory.theory_project"]

COL = {name: i for i, name in enumerate(CONFIDENCE_COLUMNS, start=1)}


def _review() -> rs.Review:
    review = rs.Review.new("Confidence workbook")
    for initials in ("LK", "RG"):
        review.add_reviewer(rs.Reviewer(initials))
    review.add_record(rs.Record("a2020", type="article-journal", title="Able"))
    review.add_record(rs.Record("b2021", type="article-journal", title="Baker"))
    review.adopt_criteria_set(REALIST_RRR)
    review.add_cmoc(rs.CMOC("c1", context="in small teams", outcome="better care", label="One"))
    review.add_cmoc(rs.CMOC("c2", statement="large teams dilute ownership", label="Two"))
    review.add_theory_version(
        rs.TheoryVersion("v1", "Refined", rs.VersionKind.REFINED, ["c1", "c2"])
    )
    review.add_evidence(rs.EvidenceLink("e1", "c1", rs.EvidenceTarget.RECORD, "a2020"))
    review.add_evidence(
        rs.EvidenceLink("e2", "c1", rs.EvidenceTarget.RECORD, "b2021", rs.EvidenceRole.REFUTES)
    )
    review.add_evidence(rs.EvidenceLink("e3", "c2", rs.EvidenceTarget.RECORD, "b2021"))
    # e3's datum judged not trustworthy: shown, and marked as not counted
    review.add_judgement(
        rs.Judgement(
            "e3", "realist-rrr", "rigour", "not trustworthy", "LK", "hearsay",
            target=rs.JudgementTarget.EVIDENCE,
        )
    )  # fmt: skip
    return review


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "review.json"
    rs.save(_review(), path)
    return path


def _choices(book: Any, ws: Any, coordinate: str) -> list[str]:
    """The values a cell's drop-down offers, read as a spreadsheet program reads them: the
    data validation covering the cell, and the range (or quoted list) it names."""
    for dv in ws.data_validations.dataValidation:
        if coordinate in dv.sqref:
            formula = dv.formula1
            if formula.startswith('"'):
                return str(formula).strip('"').split(",")
            sheet, ref = formula.lstrip("=").split("!")
            cells = book[sheet.strip("'")][ref.replace("$", "")]
            return [str(row[0].value) for row in cells if row[0].value is not None]
    raise AssertionError(f"no drop-down on {coordinate}")


def _rows(ws: Any) -> dict[tuple[str, str], int]:
    """Row number by (CMOC, component)."""
    return {
        (ws.cell(r, COL["cmoc"]).value, ws.cell(r, COL["component"]).value): r
        for r in range(2, ws.max_row + 1)
    }


def _fill(path: Path, values: dict[tuple[str, str], dict[str, str]], *, pick: bool = True) -> None:
    """Fill cells by (CMOC, component) as a person would: a judgement, interpreted and the
    assessor given as an index are chosen from the cell's drop-down; text is typed."""
    book = load_workbook(path)
    ws = book["Confidence"]
    rows = _rows(ws)
    for key, cells in values.items():
        r = rows[key]
        for name, value in cells.items():
            cell = ws.cell(r, COL[name])
            if pick and name in ("judgement", "interpreted", "assessor") and value.isdigit():
                offered = _choices(book, ws, cell.coordinate)
                value = offered[int(value)]
            cell.value = value
    book.save(path)


def test_the_workbook_has_protected_sheets_drop_downs_and_the_evidence(tmp_path: Path) -> None:
    out = tmp_path / "confidence.xlsx"
    export_confidence_workbook(_review(), "v1", out, approach=CERQUAL_CMOC)
    book = load_workbook(out)
    assert book.sheetnames == ["Confidence", "Evidence", "Scales", "realistsynth"]
    assert book["realistsynth"].sheet_state == "hidden"
    ws = book["Confidence"]
    assert ws.protection.sheet
    assert book["Scales"].protection.sheet
    components = [c.id for c in CERQUAL_CMOC.components]
    assert list(_rows(ws)) == [
        (cmoc, component) for cmoc in ("c1", "c2") for component in [*components, OVERALL]
    ]
    rows = _rows(ws)
    first = rows[("c1", "coherence")]
    assert ws.cell(first, COL["statement"]).value == "in small teams (C) better care (O)"
    assert ws.cell(first, COL["asks"]).value.startswith("Coherence: How well does the CMOC")
    assert not ws.cell(first, COL["judgement"]).protection.locked
    assert ws.cell(first, COL["cmoc"]).protection.locked
    assert ws.cell(first, COL["assessor"]).protection.locked  # the assessor is per CMOC
    assert not ws.cell(rows[("c1", OVERALL)], COL["assessor"]).protection.locked
    assert ws.column_dimensions["L"].hidden  # the check code
    # the drop-downs: a component's scale, the overall levels, the reviewers
    assert _choices(book, ws, f"G{first}") == list(CERQUAL_CMOC.components[1].scale)
    assert _choices(book, ws, f"G{rows[('c2', OVERALL)]}") == list(CERQUAL_CMOC.levels)
    assert _choices(book, ws, f"K{rows[('c2', OVERALL)]}") == ["LK", "RG"]
    assert _choices(book, ws, f"J{first}") == ["yes", "no"]
    # the CMOC's evidence by source and role; the datum judged not trustworthy is flagged
    c2 = ws.cell(rows[("c2", "adequacy")], COL["evidence"]).value
    assert c2 == "Baker, n.d. · supports · NOT COUNTED (judged not trustworthy)"
    evidence = list(book["Evidence"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2], r[6]) for r in evidence] == [
        ("c1", "e1", "supports", "yes"),
        ("c1", "e2", "refutes", "yes"),
        ("c2", "e3", "supports", "no"),
    ]


def _c1_cells() -> dict[tuple[str, str], dict[str, str]]:
    """c1 assessed: judgements picked from the drop-downs by position, rationales typed."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    for i, component in enumerate(CERQUAL_CMOC.components):
        out[("c1", component.id)] = {
            "judgement": str(i % 2),
            "rationale": f"{component.name}: why",
            "links": "e1" if i else "e1, e2",
            "interpreted": "0" if i == 3 else "1",
        }
    out[("c1", OVERALL)] = {
        "judgement": "1",
        "rationale": "e2 is explained by team size",
        "links": "e2",
        "assessor": "1",
        "interpreted": "1",
    }
    return out


def _c1_by_the_api() -> rs.ConfidenceAssessment:
    components = [
        rs.ComponentJudgement(
            c.id, c.scale[i % 2], f"{c.name}: why", ["e1"] if i else ["e1", "e2"], i == 3
        )
        for i, c in enumerate(CERQUAL_CMOC.components)
    ]
    return rs.ConfidenceAssessment(
        "v1",
        "c1",
        "cerqual-cmoc",
        components,
        "moderate",
        rationale="e2 is explained by team size",
        disconfirming=["e2"],
        assessor="RG",
    )


def test_a_filled_workbook_records_what_the_api_records(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "confidence.xlsx"
    code, text = run("theory", "assess-export", str(small), "--version", "v1", "--out", str(out))
    assert code == 0, text
    _fill(out, _c1_cells())
    code, text = run("theory", "assess-import", str(small), str(out), "--json")
    assert code == 0, text
    assert json.loads(text) == {"recorded": 1, "dry_run": False}
    by_api = _review()
    by_api.adopt_confidence_approach(CERQUAL_CMOC)
    by_api.assess_confidence(_c1_by_the_api())
    imported = rs.load(small)
    assert imported.confidence_of("v1", "c1") == _c1_by_the_api()
    assert imported.confidence_of("v1", "c2") is None  # left empty: not assessed
    assert imported == by_api
    # the same workbook again changes nothing, not even the file
    before = small.read_bytes()
    code, text = run("theory", "assess-import", str(small), str(out), "--json")
    assert code == 0, text
    assert json.loads(text)["recorded"] == 0
    assert small.read_bytes() == before
    # exported again, the sheet shows the assessment back, and re-imports to nothing
    again = tmp_path / "again.xlsx"
    export_confidence_workbook(imported, "v1", again)
    ws = load_workbook(again)["Confidence"]
    r = _rows(ws)[("c1", OVERALL)]
    assert [ws.cell(r, COL[n]).value for n in ("judgement", "links", "assessor")] == [
        "moderate",
        "e2",
        "RG",
    ]
    assert import_confidence_workbook(imported, again) == 0


def test_dry_run_checks_and_changes_nothing(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "confidence.xlsx"
    assert run("theory", "assess-export", str(small), "--version", "v1", "--out", str(out))[0] == 0
    _fill(out, _c1_cells())
    before = small.read_bytes()
    code, text = run("theory", "assess-import", str(small), str(out), "--dry-run", "--json")
    assert code == 0, text
    assert json.loads(text) == {"recorded": 1, "dry_run": True}
    assert small.read_bytes() == before


def _meta(path: Path, key: str, value: str) -> None:
    book = load_workbook(path)
    ws = book["realistsynth"]
    for row in ws.iter_rows():
        if row[0].value == key:
            row[1].value = value
    book.save(path)


def _set(path: Path, key: tuple[str, str], column: str, value: str) -> None:
    _fill(path, {key: {column: value}}, pick=False)


OVERALL_C1 = ("c1", OVERALL)
EMPTY = {"judgement": "", "rationale": "", "links": ""}
REFUSALS = [
    # (what is done to a filled workbook, the row, what the message says)
    (lambda p: _set(p, ("c1", "coherence"), "links", "e1 nope"), "Confidence!3", "'nope'"),
    (lambda p: _set(p, ("c1", "coherence"), "links", "e3"), "Confidence!3", "for 'c2', not"),
    (lambda p: _set(p, ("c1", "adequacy"), "judgement", "fine"), "Confidence!4", "'fine' is not"),
    (lambda p: _set(p, OVERALL_C1, "judgement", "certain"), "Confidence!6", "'certain' is not"),
    (lambda p: _set(p, ("c1", "relevance"), "rationale", ""), "Confidence!5", "needs a rationale"),
    (lambda p: _set(p, ("c1", "relevance"), "judgement", ""), "Confidence!5", "without a"),
    (lambda p: _fill(p, {("c1", "relevance"): EMPTY}, pick=False), "Confidence!5", "not judged"),
    (lambda p: _fill(p, {OVERALL_C1: EMPTY}, pick=False), "Confidence!6", "no overall level"),
    (lambda p: _set(p, OVERALL_C1, "assessor", "XX"), "Confidence!6", "not a reviewer"),
    (lambda p: _set(p, OVERALL_C1, "interpreted", "maybe"), "Confidence!6", "not yes or no"),
    (lambda p: _set(p, ("c1", "coherence"), "check", "0" * 12), "Confidence!3", "check code"),
    (lambda p: _set(p, ("c1", "coherence"), "cmoc", "c2"), "Confidence!3", "check code"),
    (lambda p: _meta(p, "review", "Another review"), "review.json", "'Another review'"),
    (lambda p: _meta(p, "theory_version", "v9"), "review.json", "no theory version 'v9'"),
]


@pytest.mark.parametrize(("spoil", "where", "message"), REFUSALS)
def test_each_refusal_leaves_the_project_file_as_it_was(
    small: Path, tmp_path: Path, spoil: Any, where: str, message: str
) -> None:
    out = tmp_path / "confidence.xlsx"
    assert run("theory", "assess-export", str(small), "--version", "v1", "--out", str(out))[0] == 0
    _fill(out, _c1_cells())
    spoil(out)
    before = small.read_bytes()
    code, text = run("theory", "assess-import", str(small), str(out))
    flat = " ".join(text.split())
    assert code == 1, text
    assert "no decision was applied" in flat
    assert message in flat
    assert small.read_bytes() == before
    if where.startswith("Confidence!"):
        # the problem is named by its sheet and row
        with pytest.raises(rs.DecisionImportError) as info:
            import_confidence_workbook(rs.load(small), out, approach=CERQUAL_CMOC)
        assert [p for p in info.value.problems if p.startswith(f"{where}: ") and message in p]


def test_a_workbook_of_another_version_is_refused_row_by_row(small: Path, tmp_path: Path) -> None:
    review = rs.load(small)
    review.add_theory_version(rs.TheoryVersion("v2", "Next", rs.VersionKind.ITERATION, ["c1"]))
    rs.save(review, small)
    out = tmp_path / "confidence.xlsx"
    assert run("theory", "assess-export", str(small), "--version", "v1", "--out", str(out))[0] == 0
    _fill(out, _c1_cells())
    _meta(out, "theory_version", "v2")  # re-pointed at another version of the same review
    before = small.read_bytes()
    with pytest.raises(rs.DecisionImportError) as info:
        read_confidence_workbook(rs.load(small), out, approach=CERQUAL_CMOC)
    assert len(info.value.problems) == 10  # every row of both CMOCs
    assert all("check code" in p for p in info.value.problems)
    assert run("theory", "assess-import", str(small), str(out))[0] == 1
    assert small.read_bytes() == before


def test_every_problem_is_listed_at_once(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "confidence.xlsx"
    review = rs.load(small)
    review.adopt_confidence_approach(CERQUAL_CMOC)
    export_confidence_workbook(review, "v1", out)
    cells = _c1_cells()
    cells[("c1", "coherence")]["links"] = "nope"
    cells[("c1", "adequacy")]["judgement"] = "fine"
    cells[("c2", "coherence")] = {"judgement": "minor concerns", "rationale": "thin"}
    _fill(out, cells, pick=True)
    with pytest.raises(rs.DecisionImportError) as info:
        import_confidence_workbook(review, out)
    problems = info.value.problems
    assert problems[0].startswith("Confidence!3: no evidence link 'nope'")
    assert problems[1].startswith("Confidence!4: 'fine' is not one of")
    # c2 is half assessed: each component without a judgement, and the overall level
    assert [p.split(":")[0] for p in problems[2:]] == [
        "Confidence!7",
        "Confidence!9",
        "Confidence!10",
        "Confidence!11",
    ]
    assert len(problems) == 6
    assert review.confidence_assessments == ()


def test_a_half_assessed_cmoc_names_every_missing_row(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "confidence.xlsx"
    review = rs.load(small)
    review.adopt_confidence_approach(CERQUAL_CMOC)
    export_confidence_workbook(review, "v1", out)
    _fill(out, {("c2", "coherence"): {"judgement": "minor concerns", "rationale": "thin"}})
    with pytest.raises(rs.DecisionImportError) as info:
        import_confidence_workbook(review, out)
    assert [p.split(":")[0] for p in info.value.problems] == [
        "Confidence!7",
        "Confidence!9",
        "Confidence!10",
        "Confidence!11",
    ]
    assert review.confidence_assessments == ()


def test_the_worked_examples_six_assessments_round_trip(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "ipt.xlsx"
    code, text = run("theory", "assess-export", str(project), "--version", "ipt", "--out", str(out))
    assert code == 0, text
    review = rs.load(project)
    assessed = [a for a in review.confidence_assessments if a.version_id == "ipt"]
    assert len(assessed) == 6
    rows = read_confidence_workbook(review, out)
    assert [a for a, _ in rows.assessments] == assessed
    before = project.read_bytes()
    code, text = run("theory", "assess-import", str(project), str(out), "--json")
    assert code == 0, text
    assert json.loads(text)["recorded"] == 0
    assert project.read_bytes() == before
    # into the same review without its assessments, the workbook brings all six back
    bare = rs.Review.from_document(attrs.evolve(review.to_document(), confidence_assessments=()))
    assert import_confidence_workbook(bare, out) == 6
    assert bare == review


def test_the_approach_is_adopted_from_the_plugins_when_needed(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "confidence.xlsx"
    code, text = run(
        "theory", "assess-export", str(small), "--version", "v1",
        "--approach", "explanatory-coherence", "--out", str(out),
    )  # fmt: skip
    assert code == 0, text
    assert rs.load(small).confidence_approaches == {}  # exporting changes nothing
    cells: dict[tuple[str, str], dict[str, str]] = {
        ("c2", c): {"judgement": "0", "rationale": f"{c}: why", "links": "e3"}
        for c in ("consilience", "simplicity", "analogy")
    }
    cells[("c2", OVERALL)] = {"judgement": "2", "assessor": "0"}
    _fill(out, cells)
    code, text = run("theory", "assess-import", str(small), str(out))
    assert code == 0, text
    review = rs.load(small)
    assert list(review.confidence_approaches) == ["explanatory-coherence"]
    assessment = review.confidence_of("v1", "c2")
    assert assessment is not None
    assert (assessment.level, assessment.assessor, assessment.rationale) == ("low", "LK", None)
    assert [c.judgement for c in assessment.components] == ["strong"] * 3


def test_not_a_confidence_workbook(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "appraisal.xlsx"
    assert run("appraise", "export", str(small), "--out", str(out))[0] == 0
    before = small.read_bytes()
    code, text = run("theory", "assess-import", str(small), str(out))
    assert code == 1
    assert "does not describe a confidence workbook" in " ".join(text.split())
    assert small.read_bytes() == before


def _cell_text(text: str) -> str:
    """What a cell can hold and gives back: no control characters or lone surrogates, no
    surrounding spaces (the reader trims), never empty."""
    kept = "".join(
        ch
        for ch in text
        if (ch in "\t\n\r" or ord(ch) >= 32)
        and not 0xD800 <= ord(ch) <= 0xDFFF
        and ch not in "\ufffe\uffff"
    )
    return kept.strip() or "why"


_texts = st.text(min_size=1, max_size=60).map(_cell_text)
_component = st.tuples(
    st.sampled_from(CERQUAL_CMOC.components[0].scale),
    _texts,
    st.lists(st.sampled_from(["e1", "e2"]), unique=True),
    st.booleans(),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.tuples(_component, _component, _component, _component),
    st.sampled_from(CERQUAL_CMOC.levels),
    st.one_of(st.none(), _texts),
    st.lists(st.sampled_from(["e1", "e2"]), unique=True),
    st.sampled_from([None, "LK", "RG"]),
    st.booleans(),
)
def test_any_assessment_round_trips_through_a_workbook(
    components: tuple[tuple[str, str, list[str], bool], ...],
    level: str,
    rationale: str | None,
    disconfirming: list[str],
    assessor: str | None,
    interpreted: bool,
) -> None:
    source = _review()
    source.adopt_confidence_approach(CERQUAL_CMOC)
    assessment = rs.ConfidenceAssessment(
        "v1",
        "c1",
        "cerqual-cmoc",
        [
            rs.ComponentJudgement(c.id, judgement, why, links, flag)
            for c, (judgement, why, links, flag) in zip(
                CERQUAL_CMOC.components, components, strict=True
            )
        ],
        level,
        rationale=rationale,
        disconfirming=disconfirming,
        assessor=assessor,
        interpreted=interpreted,
    )
    source.assess_confidence(assessment)
    target = _review()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "confidence.xlsx"
        export_confidence_workbook(source, "v1", path)
        assert import_confidence_workbook(target, path, approach=CERQUAL_CMOC) == 1
        assert import_confidence_workbook(target, path) == 0
    assert target.confidence_of("v1", "c1") == assessment
    assert target == source


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_confidence_workbook(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "confidence.xlsx"
        path.write_bytes(data)
        with pytest.raises(rs.DecisionImportError):
            import_confidence_workbook(_review(), path)


def test_a_cmoc_assessed_with_another_approach_starts_afresh(tmp_path: Path) -> None:
    review = _review()
    review.adopt_confidence_approach(CERQUAL_CMOC)
    review.assess_confidence(_c1_by_the_api())
    out = tmp_path / "coherence.xlsx"
    export_confidence_workbook(review, "v1", out, approach=EXPLANATORY_COHERENCE)
    ws = load_workbook(out)["Confidence"]
    rows = _rows(ws)
    assert {ws.cell(r, COL["judgement"]).value for r in rows.values()} == {None}
    # a string names an approach the review adopted; others are refused
    with pytest.raises(rs.UnknownReferenceError, match="explanatory-coherence"):
        export_confidence_workbook(review, "v1", out, approach="explanatory-coherence")
    with pytest.raises(rs.UnknownReferenceError, match="v9"):
        export_confidence_workbook(review, "v9", out)
