"""The worked example's own coding: the passages in which the paper reports what its included
documents contributed (data/coded-extracts.toml) are coded extracts linked to the refined
CMOCs; the example goes to QDPX and back unchanged, informant quotations included, and its
extracts can be edited in the synthesis workbook and re-imported."""

from __future__ import annotations

import csv
import importlib.util
import re
import tomllib
import zipfile
from pathlib import Path
from typing import TypedDict

import attrs
import pytest
from coding.test_qdpx_roundtrip import validate
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.coding import export_qdpx, import_qdpx
from realistsynth.synthesis.workbook import (
    EXTRACT_COLUMNS,
    export_synthesis_workbook,
    import_synthesis_workbook,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ics-leadership"
DATA = EXAMPLE / "data"
PAPER = Path("/work/shared/reference/000_6f7f9c6f6a1cad0a.txt")
COL = {name: i + 1 for i, name in enumerate(EXTRACT_COLUMNS)}


def _build() -> rs.Review:
    spec = importlib.util.spec_from_file_location("_ics_coding_build", EXAMPLE / "build_review.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    review: rs.Review = module.build()
    return review


@pytest.fixture(scope="module")
def built() -> rs.Review:
    return _build()


def review_of(built: rs.Review) -> rs.Review:
    return rs.Review.from_document(built.to_document())


class Passage(TypedDict):
    """One ``[[passage]]`` of coded-extracts.toml (its header says what each key holds)."""

    id: str
    cmoc: int
    records: list[str]
    section: str
    text: str
    codes: list[str]
    why: str
    role: str


def _passages() -> list[Passage]:
    with (DATA / "coded-extracts.toml").open("rb") as handle:
        passages: list[Passage] = tomllib.load(handle)["passage"]
    return passages


def test_extracts_are_the_papers_passages_coded_and_linked(built: rs.Review) -> None:
    passages = _passages()
    expected = {f"{p['id']}-{r}": p for p in passages for r in p["records"]}
    assert set(built.extracts) == set(expected)
    with (DATA / "supplementary-file-1.csv").open(encoding="utf-8", newline="") as handle:
        matrix = {
            (row["record_key"], n)
            for row in csv.DictReader(handle)
            for n in range(1, 7)
            if row[f"CMOC {n}"].strip().lower() == "x"
        }
    heuristic = {c.code for c in built.heuristic.codes} if built.heuristic else set()
    for extract_id, passage in expected.items():
        ex = built.extracts[extract_id]
        assert ex.text == passage["text"]
        assert ex.location is not None
        assert ex.location.section == passage["section"]
        assert set(ex.codes) <= heuristic
        assert ex.codes
        # every coding is our reading, and says so
        assert [m.title for m in ex.memos] == ["Our reading"]
        links = [e for e in built.evidence.values() if e.target_id == extract_id]
        assert [(e.cmoc_id, e.role.value) for e in links] == [
            (f"refined-{passage['cmoc']}", passage["role"])
        ]
        # the paper ties the document to that CMOC in Supplementary File 1 as well
        assert (ex.record_id, passage["cmoc"]) in matrix
    assert {e.cmoc_id for e in built.evidence.values() if e.target is rs.EvidenceTarget.EXTRACT}
    assert len({p["cmoc"] for p in passages}) >= 5


@pytest.mark.skipif(not PAPER.is_file(), reason="the shared copy of the paper is not here")
def test_every_passage_is_printed_in_the_paper() -> None:
    raw = PAPER.read_text(encoding="utf-8")
    # the extracted text's PDF line numbers and Markdown italics are not the paper's words
    text = re.sub(r"(?m)^\d+ ", "", raw).replace("*", "")
    flat = " ".join(text.split())
    for passage in _passages():
        assert " ".join(str(passage["text"]).split()) in flat, passage["id"]


def test_the_example_goes_to_qdpx_and_back_unchanged(built: rs.Review, tmp_path: Path) -> None:
    review = review_of(built)
    before = rs.dumps(review)
    out = tmp_path / "ics.qdpx"
    report = export_qdpx(review, out)
    assert report.selections == len(review.extracts) + len(review.quotations)
    assert not report.warnings
    validate(out)
    again = import_qdpx(review, out)
    assert again.extracts_unchanged == len(review.extracts)
    assert (again.extracts_added, again.extracts_changed, again.links_added) == (0, 0, 0)
    assert rs.dumps(review) == before
    # into the same review without its coding and quotations: all of it comes back
    doc = review.to_document()
    stripped = rs.Review.from_document(
        attrs.evolve(
            doc,
            extracts=(),
            quotations=(),
            evidence=tuple(
                e
                for e in doc.evidence
                if e.target not in (rs.EvidenceTarget.EXTRACT, rs.EvidenceTarget.QUOTATION)
            ),
            judgements=tuple(
                j for j in doc.judgements if j.target is not rs.JudgementTarget.EXTRACT
            ),
            confidence_assessments=(),
            cmoc_links=(),
        )
    )
    import_qdpx(stripped, out)
    assert dict(stripped.extracts) == dict(review.extracts)
    assert dict(stripped.quotations) == dict(review.quotations)
    kinds = (rs.EvidenceTarget.EXTRACT, rs.EvidenceTarget.QUOTATION)
    assert {k: v for k, v in stripped.evidence.items() if v.target in kinds} == {
        k: v for k, v in review.evidence.items() if v.target in kinds
    }
    # each informant is a source of their quotations
    with zipfile.ZipFile(out) as archive:
        project = archive.read("project.qde").decode("utf-8")
    for informant in review.informants.values():
        assert f'name="informant {informant.label}"' in project


def test_an_extract_edited_in_the_synthesis_workbook_is_re_imported(
    built: rs.Review, tmp_path: Path
) -> None:
    review = review_of(built)
    path = tmp_path / "synthesis.xlsx"
    assert not export_synthesis_workbook(review, path, reviewer="WE").warnings
    wb = load_workbook(path)
    ws = wb["Extracts"]
    rows = {
        ws.cell(row=r, column=COL["extract"]).value: r
        for r in range(2, ws.max_row + 1)
        if ws.cell(row=r, column=COL["extract"]).value
    }
    assert set(rows) == set(review.extracts)
    target = "ipt4-processes-gordon2020"
    row = rows[target]
    assert ws.cell(row=row, column=COL["quoted text"]).value == review.extracts[target].text
    ws.cell(row=row, column=COL["elements"], value="M-Res; M-Rea")
    ws.cell(row=row, column=COL["page"], value="8")
    wb.save(path)
    others = {k: v for k, v in review.extracts.items() if k != target}
    result = import_synthesis_workbook(review, path)
    assert (result.extracts_added, result.extracts_changed) == (0, 1)
    edited = review.extracts[target]
    assert edited.codes == ("M-Res", "M-Rea")
    assert edited.location is not None
    assert edited.location.page == "8"
    assert edited.memos == built.extracts[target].memos  # the memo of our reading stays
    assert {k: v for k, v in review.extracts.items() if k != target} == others
    # and it survives the QDPX round trip as edited
    out = tmp_path / "edited.qdpx"
    export_qdpx(review, out)
    once = rs.dumps(review)
    assert import_qdpx(review, out).extracts_unchanged == len(review.extracts)
    assert rs.dumps(review) == once


def test_code_import_on_the_command_line_saves_the_quotations_it_brings(
    built: rs.Review, tmp_path: Path
) -> None:
    import json

    from click.testing import CliRunner

    from realistsynth.cli import cli

    review = review_of(built)
    out = tmp_path / "ics.qdpx"
    export_qdpx(review, out)
    doc = review.to_document()
    without = rs.Review.from_document(
        attrs.evolve(
            doc,
            quotations=(),
            evidence=tuple(e for e in doc.evidence if e.target is not rs.EvidenceTarget.QUOTATION),
            cmoc_links=tuple(
                attrs.evolve(
                    link,
                    evidence=[
                        e for e in link.evidence if e.target is not rs.EvidenceTarget.QUOTATION
                    ],
                )
                for link in doc.cmoc_links
            ),
        )
    )
    path = tmp_path / "review.json"
    rs.save(without, path)
    result = CliRunner().invoke(cli, ["code", "import", str(path), str(out), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["quotations_added"] == len(review.quotations)
    saved = rs.load(path)
    assert dict(saved.quotations) == dict(review.quotations)
    quoted = {k for k, e in review.evidence.items() if e.target is rs.EvidenceTarget.QUOTATION}
    assert {k: saved.evidence[k] for k in quoted} == {k: review.evidence[k] for k in quoted}
