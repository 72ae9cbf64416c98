"""The project file: round trips, byte-identical re-saves, schema errors, migrations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from core.strategies import reviews
from hypothesis import given

import realistsynth as rs
from realistsynth.store.migrations import MIGRATIONS

DATA = Path(__file__).parent.parent / "data" / "core"


@given(reviews())
def test_every_model_class_round_trips_through_the_project_file(review: rs.Review) -> None:
    text = rs.dumps(review)
    again = rs.loads(text)
    assert again == review
    assert rs.dumps(again) == text


@given(reviews())
def test_save_load_save_gives_identical_bytes(tmp_path_factory, review: rs.Review) -> None:
    folder = tmp_path_factory.mktemp("p")
    first, second = folder / "a.json", folder / "b.json"
    rs.save(review, first)
    rs.save(rs.load(first), second)
    assert first.read_bytes() == second.read_bytes()


def test_the_round_trip_test_covers_every_model_class() -> None:
    # every attrs class of the model must be reachable from ReviewDocument, so the property
    # test above really exercises each one
    import attrs

    import realistsynth.model as model

    reachable: set[type] = set()

    def walk(cls: type) -> None:
        if cls in reachable or not attrs.has(cls):
            return
        reachable.add(cls)
        for f in attrs.fields(cls):
            for arg in _types_in(f.type):
                walk(arg)

    walk(rs.ReviewDocument)
    classes = {
        obj
        for name in model.__all__
        if attrs.has(obj := getattr(model, name)) and isinstance(obj, type)
    }
    assert classes - reachable == set()


def _types_in(annotation: object) -> list[type]:
    import typing

    import realistsynth.model.review as review_module

    if isinstance(annotation, str):
        annotation = eval(annotation, vars(review_module) | vars(rs))
    out = []
    if isinstance(annotation, type):
        out.append(annotation)
    for arg in typing.get_args(annotation):
        out.extend(_types_in(arg))
    return out


def test_file_starts_with_format_and_version(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    rs.save(rs.Review.new("T"), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert list(doc)[:2] == ["format", "schema_version"]
    assert doc["schema_version"] == rs.store.SCHEMA_VERSION


def test_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"schema_version": 99, "review": {}}), encoding="utf-8")
    with pytest.raises(rs.SchemaVersionError, match=r"schema version 99.*upgrade") as info:
        rs.load(path)
    assert info.value.where == str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON.*line 1"),
        ("[]", "not a realistsynth project file"),
        ('{"schema_version": "2", "review": {}}', "is not a version"),
        ('{"schema_version": 2, "review": {"meta": {"title": " "}}}', "must not be empty"),
        (
            '{"schema_version": 2, "review": {"meta": {"title": "T"}, "records": [{"id": "a b"}]}}',
            "not a valid id",
        ),
        ('{"schema_version": 2, "review": {"meta": {"title": "T"}, "colour": 1}}', "colour"),
    ],
)
def test_malformed_files_raise_project_file_errors(text: str, message: str) -> None:
    with pytest.raises(rs.ProjectFileError, match=message):
        rs.loads(text)


def test_invariant_violations_in_a_file_are_all_reported(tmp_path: Path) -> None:
    review = rs.Review.new("T")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_record(rs.Record("a"))
    review.add_stage(rs.ScreeningStage("ta", "Title/abstract"))
    review.record_decision(rs.Decision("ta", "a", "LK", rs.Verdict.INCLUDE))
    doc = json.loads(rs.dumps(review))
    doc["review"]["decisions"].append(
        {"stage_id": "ta", "record_id": "ghost", "reviewer": "XX", "verdict": "include"}
    )
    doc["review"]["records"].append({"id": "a"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    problems = rs.check_file(path)
    assert len(problems) == 2
    assert any("records/a" in p and "twice" in p for p in problems)
    assert any("unknown record 'ghost'" in p for p in problems)
    with pytest.raises(rs.InvalidReviewError) as info:
        rs.load(path)
    assert len(info.value.problems) == 2


def test_migration_from_schema_1_fixture() -> None:
    review = rs.load(DATA / "project-v1.json")
    assert review.meta.title == "Leadership in integrated care: a pre-release draft"
    assert review.meta.review_type is rs.ReviewType.RAPID_REALIST_REVIEW
    authors = review.records["aunger2022"].authors
    assert authors[0] == rs.Name(family="Aunger", given="J.A.")
    assert review.records["nhse2021"].authors == (rs.Name(literal="NHS England"),)
    # a migrated review saves in the current schema and reloads equal
    assert rs.loads(rs.dumps(review)) == review
    assert json.loads(rs.dumps(review))["schema_version"] == rs.store.SCHEMA_VERSION


def test_every_schema_step_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(1, rs.store.SCHEMA_VERSION))


def test_migration_from_schema_2_written_by_the_last_release() -> None:
    # project-v2.json is the worked example exactly as the schema-2 release saved it
    raw = json.loads((DATA / "project-v2.json").read_text(encoding="utf-8"))
    assert raw["schema_version"] == 2
    review = rs.load(DATA / "project-v2.json")
    assert len(review.records) == len(raw["review"]["records"])
    assert set(review.cmocs) == {c["id"] for c in raw["review"]["cmocs"]}
    saved = json.loads(rs.dumps(review))
    assert saved["schema_version"] == rs.store.SCHEMA_VERSION
    assert rs.loads(rs.dumps(review)) == review
