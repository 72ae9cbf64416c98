"""Plain data out: to_dict/from_dict equal to the project-file form, the named tables, data
frames, ``realistsynth table`` and the published JSON Schema of the project file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import orjson
import pandas as pd
import pytest
from core.strategies import records
from hypothesis import given
from plugin_support import run_cli

import realistsynth as rs
from realistsynth.examples import build_example
from realistsynth.model.common import PlainData
from realistsynth.store.schema import project_file_schema
from realistsynth.tables import TABLES, table, table_names, to_dataframe

ROOT = Path(__file__).resolve().parents[2]

#: class -> the review collection it is saved under
EXCHANGED: dict[type[PlainData], str] = {
    rs.Record: "records",
    rs.Decision: "decisions",
    rs.Judgement: "judgements",
    rs.CodedExtract: "extracts",
    rs.CMOC: "cmocs",
    rs.EvidenceLink: "evidence",
    rs.TheoryVersion: "theory_versions",
}


@pytest.fixture(scope="module")
def example() -> rs.Review:
    review = build_example("ics-leadership")
    # the worked example has no coded extracts; add one
    record_id = next(iter(review.records))
    review.add_extract(rs.CodedExtract("x1", record_id, "A passage.", codes=("C",)))
    return review


@pytest.fixture(scope="module")
def screened() -> rs.Review:
    """A small review with screening decisions (the worked example declares its counts)."""
    review = rs.Review.new("Screened")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_record(rs.Record("a1", title="A"))
    review.add_stage(rs.ScreeningStage("ta", "Title and abstract", required_reviewers=1))
    review.record_decision(rs.Decision("ta", "a1", "LK", rs.Verdict.INCLUDE, note="fits"))
    return review


def _saved(review: rs.Review) -> dict[str, list[dict[str, object]]]:
    result: dict[str, list[dict[str, object]]] = orjson.loads(rs.dumps(review))["review"]
    return result


def test_to_dict_is_the_project_file_form(example: rs.Review, screened: rs.Review) -> None:
    seen: set[type[PlainData]] = set()
    for review in (example, screened):
        saved = _saved(review)
        document = review.to_document()
        for cls, collection in EXCHANGED.items():
            objects = getattr(document, collection)
            seen.update(type(o) for o in objects)
            assert [o.to_dict() for o in objects] == saved.get(collection, []), collection
            assert [cls.from_dict(d) for d in saved.get(collection, [])] == list(objects)
    assert seen == set(EXCHANGED)


@given(records("r1"))
def test_record_round_trips_through_plain_data(record: rs.Record) -> None:
    plain = record.to_dict()
    assert json.loads(json.dumps(plain)) == plain  # plain JSON types only
    assert rs.Record.from_dict(plain) == record


def test_from_dict_explains_what_is_wrong() -> None:
    with pytest.raises(rs.InvalidValueError, match=r"not a date of the form.*Record\.issued"):
        rs.Record.from_dict({"id": "a", "issued": "soon"})
    with pytest.raises(rs.InvalidValueError, match=r"extra fields found \(colour\)"):
        rs.Record.from_dict({"id": "a", "colour": "red"})
    with pytest.raises(rs.InvalidValueError, match="expected a mapping"):
        rs.CMOC.from_dict(["not", "a", "dict"])  # type: ignore[arg-type]  # refused: the point


def test_every_table_has_plain_rows(example: rs.Review, screened: rs.Review) -> None:
    assert table_names() == tuple(TABLES)
    for name in table_names():
        rows = table(screened if name == "decisions" else example, name)
        assert rows, name
        for row in rows:
            assert all(v is None or isinstance(v, str | int | float | bool) for v in row.values())
        assert len({tuple(row) for row in rows}) == 1, f"{name}: one set of columns"
    with pytest.raises(rs.RealistsynthError, match="no table named 'x'"):
        table(example, "x")


def test_tables_agree_with_the_review(example: rs.Review, screened: rs.Review) -> None:
    records = table(example, "records")
    assert [r["id"] for r in records] == list(example.records)
    assert all(r["cluster_id"] == example.cluster_id_of(str(r["id"])) for r in records)
    assert len(table(example, "decisions")) == len(example.decisions)
    (decision,) = table(screened, "decisions")
    assert decision == {
        "stage_id": "ta",
        "record_id": "a1",
        "reviewer": "LK",
        "verdict": "include",
        "reason": None,
        "note": "fits",
        "at": None,
    }
    assert len(table(example, "judgements")) == len(example.judgements)
    assert len(table(example, "evidence")) == len(example.evidence)
    outcomes = sum(len(r.outcomes) for r in example.refinements)
    assert len(table(example, "lineage")) == outcomes
    cmocs = table(example, "cmocs")
    for version in example.theory_versions.values():
        ids = [r["id"] for r in cmocs if r["version_id"] == version.id]
        assert ids == list(version.cmoc_ids)


def test_the_matrix_table_is_the_workbook_matrix(example: rs.Review) -> None:
    from realistsynth.workbook.review_sheets import contribution_matrices, sheet_title
    from realistsynth.workbook.sheets import SheetContext

    long = table(example, "matrix")
    by_title = {sheet_title(f"Matrix {v.name}"): v.id for v in example.theory_versions.values()}
    sheets = list(contribution_matrices(example, SheetContext()))
    assert sheets
    for sheet in sheets:
        version_id = by_title[sheet.title]
        rows = [list(r) for r in sheet.rows]
        cmocs = [c.title for c in sheet.columns[1:]]
        marks = {
            (row[0], cmoc): mark
            for row in rows
            if str(row[0]).startswith("(")
            for cmoc, mark in zip(cmocs, row[1:], strict=True)
            if mark
        }
        mine = {(r["source"], r["cmoc"]): r["mark"] for r in long if r["version_id"] == version_id}
        assert mine == marks


def test_to_dataframe(example: rs.Review) -> None:
    frame = to_dataframe(example, "matrix")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(table(example, "matrix")[0])
    assert len(frame) == len(table(example, "matrix"))
    wide = frame[frame.version_id == "ipt"].pivot(index="source", columns="cmoc", values="mark")
    assert set(wide.columns) <= {"CMOC " + str(i) for i in range(1, 30)}


def test_to_dataframe_without_pandas_says_how_to_get_it() -> None:
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "import realistsynth as rs\n"
        "from realistsynth.tables import to_dataframe\n"
        "try:\n"
        "    to_dataframe(rs.Review.new('T'), 'records')\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'realistsynth[pandas]'" in out.stdout


def test_table_command(example: rs.Review, tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    rs.save(example, path)
    expected = table(example, "lineage")
    as_csv = run_cli(["table", str(path), "lineage"], None)
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["cmoc_id"] for r in rows] == [r["cmoc_id"] for r in expected]
    as_json = run_cli(["table", str(path), "lineage", "--to", "json"], None)
    assert json.loads(as_json.stdout) == expected
    out = tmp_path / "cmocs.jsonl"
    run_cli(["table", str(path), "cmocs", "--to", "jsonl", "--out", str(out)], None)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines == table(example, "cmocs")
    bad = run_cli(["table", str(path), "nonsense"], None)
    assert bad.returncode == 2
    assert "records" in bad.stderr
    styled = run_cli(["table", str(path), "matrix", "--to", "json", "--style", "apa"], None)
    assert json.loads(styled.stdout) == table(example, "matrix", style="apa")
    unknown = run_cli(["table", str(path), "matrix", "--style", "no-such-style"], None)
    assert unknown.returncode == 1
    assert "no citation style named 'no-such-style'" in unknown.stderr + unknown.stdout


def test_the_schema_validates_saved_reviews_and_refuses_broken_ones(
    example: rs.Review, tmp_path: Path
) -> None:
    validator = jsonschema.Draft202012Validator(project_file_schema())
    validator.check_schema(project_file_schema())
    doc = orjson.loads(rs.dumps(example))
    assert list(validator.iter_errors(doc)) == []
    # the schema-2 fixture, once migrated and saved
    old = rs.load(ROOT / "tests" / "data" / "core" / "project-v2.json")
    assert list(validator.iter_errors(orjson.loads(rs.dumps(old)))) == []
    broken = orjson.loads(rs.dumps(example))
    broken["review"]["records"][0]["id"] = "has space"
    broken["review"]["records"][1]["colour"] = "red"
    broken["review"]["judgements"][0]["target"] = "planet"
    messages = sorted(e.message for e in validator.iter_errors(broken))
    assert len(messages) == 3, messages


def test_schema_command_and_published_copy_are_current() -> None:
    result = run_cli(["schema"], None)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == project_file_schema()
    published = ROOT / "docs" / "project-file.schema.json"
    assert json.loads(published.read_text(encoding="utf-8")) == project_file_schema(), (
        "run: realistsynth schema --out docs/project-file.schema.json"
    )
