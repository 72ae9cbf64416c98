"""The fast record hooks (store/record_hooks.py) agree with cattrs' generated ones: the same
objects from valid data, the same dicts back, the same errors (with paths) from bad data."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import cattrs
import orjson
import pytest
from core.strategies import records, reviews
from hypothesis import given
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.store import project, record_hooks
from realistsynth.store.converter import shared_converter
from realistsynth.store.project import loads
from realistsynth.store.record_hooks import json_default, structure_stream


@cache
def _plain_converter() -> cattrs.Converter:
    """The project converter as it was before the fast hooks: cattrs' own hooks only."""
    from cattrs.preconf.orjson import make_converter as make_orjson

    from realistsynth.store import converter as module

    plain = make_orjson(omit_if_default=True, forbid_extra_keys=True)
    plain.register_unstructure_hook(rs.PartialDate, str)
    plain.register_structure_hook(rs.PartialDate, module._structure_partial_date)
    structure_bool = plain.get_structure_hook(bool)
    plain.register_structure_hook(int, module._structure_int)
    plain.register_structure_hook(bool, structure_bool)
    return plain


def _outcome(converter: cattrs.Converter, data: Any) -> tuple[str, Any]:
    try:
        return ("ok", converter.structure(data, rs.Record))
    except Exception as exc:  # compare what cattrs reports, whatever it is
        if isinstance(exc, cattrs.BaseValidationError):
            return ("error", cattrs.transform_error(exc, path="r"))
        return ("error", f"{type(exc).__name__}: {exc}")


@given(records("r1", ["medline"]))
def test_fast_hooks_build_and_write_records_exactly_as_cattrs_does(record: rs.Record) -> None:
    fast, plain = shared_converter(), _plain_converter()
    written = plain.unstructure(record, rs.Record)
    assert fast.unstructure(record, rs.Record) == written
    data = orjson.loads(orjson.dumps(written))  # as the file holds it (times as text)
    rebuilt = fast.structure(data, rs.Record)
    assert rebuilt == record
    assert hash(rebuilt) == hash(record)
    assert rebuilt == plain.structure(data, rs.Record)


_values = st.none() | st.integers() | st.text(max_size=5) | st.booleans() | st.floats()
_keys = st.sampled_from(
    ["id", "type", "title", "authors", "issued", "keywords", "provenance", "extra", "bogus"]
)
_leaves = _values | st.lists(_values, max_size=2)
_shapes = st.recursive(
    _leaves,
    lambda inner: (
        st.lists(inner, max_size=2)
        | st.dictionaries(
            st.sampled_from(["family", "given", "literal", "index", "line", "file", "x"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=6,
)


@given(
    st.fixed_dictionaries({"id": st.sampled_from(["r1", "", "bad id", 5])}, optional={})
    | st.dictionaries(_keys, _shapes, max_size=5),
    st.dictionaries(_keys, _shapes, max_size=4),
)
def test_fast_hooks_accept_and_refuse_what_cattrs_does(base: dict[str, Any], more: Any) -> None:
    data = {"id": "r1", **base, **more}
    fast, plain = _outcome(shared_converter(), data), _outcome(_plain_converter(), data)
    assert fast == plain


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "r1", "authors": [{"given": "A."}]}, "family name or a literal"),
        ({"id": "r1", "issued": "2020-13"}, "month"),
        ({"id": "r 1"}, "not a valid id"),
        ({"id": "r1", "type": "poem"}, "not a CSL item type"),
        ({"id": "r1", "provenance": [{"index": 2**64}]}, "64-bit"),
        ({"id": "r1", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_record_in_a_file_is_named_with_its_path(
    record: dict[str, Any], message: str
) -> None:
    text = (
        '{"format": "realistsynth-review", "schema_version": 3, "review": '
        '{"meta": {"title": "T"}, "records": [{"id": "r0"}, ' + _json(record) + "]}}"
    )
    with pytest.raises(rs.ProjectFileError, match="records") as info:
        loads(text)
    assert message in str(info.value)
    assert (
        "records[1]" in str(info.value) or "records.1" in str(info.value) or "1" in str(info.value)
    )


def _json(value: Any) -> str:
    import json

    return json.dumps(value)


def test_the_shared_converter_has_the_fast_hooks() -> None:
    converter = shared_converter()
    assert converter.get_structure_hook(rs.Record).__qualname__.startswith("_with_fallback")


# ---------------------------------------------------------------- whole files (load-scale-2)


def _plain_outcome(doc: dict[str, Any]) -> tuple[str, Any]:
    """What the cattrs-only converter makes of a parsed review: the document, or the
    messages the store would print."""
    from realistsynth.store.converter import describe_error

    try:
        return ("ok", _plain_converter().structure(doc, rs.ReviewDocument))
    except Exception as exc:  # compare what cattrs reports, whatever it is
        if isinstance(exc, cattrs.BaseValidationError):
            return (
                "error",
                cattrs.transform_error(exc, path="review", format_exception=describe_error),
            )
        return ("error", [str(exc)])


def _store_outcome(doc: dict[str, Any]) -> tuple[str, Any]:
    try:
        return ("ok", project._structure({"review": doc}, "f"))
    except rs.ProjectFileError as exc:
        return ("error", str(exc).split("\n  ")[1:])


def _written(record: rs.Record) -> dict[str, Any]:
    written: dict[str, Any] = orjson.loads(
        orjson.dumps(_plain_converter().unstructure(record, rs.Record))
    )
    return written


_items = st.one_of(
    st.builds(_written, records("r1", ["medline"])),
    st.builds(_written, records("r2", ["medline"])),
    st.builds(lambda d: {"id": "r3", **d}, st.dictionaries(_keys, _shapes, max_size=3)),
    _shapes,
)


@given(
    st.lists(_items, max_size=6),
    st.sampled_from([{}, {"reviewers": [{"initials": "LK"}]}, {"reviewers": [{"x": 1}]}]),
)
def test_a_records_list_is_structured_as_cattrs_does_it_whatever_it_holds(
    items: list[Any], other: dict[str, Any]
) -> None:
    """The consuming records stream (record_hooks.structure_stream, used by every load)
    against the cattrs-only converter on the whole review: the same document from valid
    records (also those cattrs coerces), the same messages, naming the same indexes, from bad
    ones, together with a bad value elsewhere in the review."""
    doc = {"meta": {"title": "T"}, **other, "records": items}
    expected = _plain_outcome(copy.deepcopy(doc))
    assert _store_outcome(doc) == expected


_decision_written = st.builds(
    lambda d: orjson.loads(orjson.dumps(_plain_converter().unstructure(d, rs.Decision))),
    st.builds(
        rs.Decision,
        st.sampled_from(["ta", "ft"]),
        st.sampled_from(["r1", "r2"]),
        st.sampled_from(["LK", "JA"]),
        st.sampled_from(rs.Verdict),
        reason=st.none() | st.text(max_size=5),
        note=st.none() | st.text(max_size=5),
        at=st.none() | st.datetimes(timezones=st.just(dt.UTC)),
    ),
)
_decision_keys = st.sampled_from(
    ["stage_id", "record_id", "reviewer", "verdict", "reason", "note", "at", "bogus"]
)
_decision_values = st.sampled_from(
    ["ta", "r1", "LK", "include", "maybe", "nope", "bad id", "2020-01-01T00:00:00", ""]
)
_decision_items = st.one_of(
    _decision_written,
    st.builds(
        lambda base, more: {**base, **more},
        _decision_written,
        st.dictionaries(_decision_keys, _decision_values | _values, max_size=2),
    ),
    _shapes,
)


@given(st.lists(_decision_items, max_size=5), st.lists(_items, max_size=2))
def test_a_decisions_list_is_structured_as_cattrs_does_it_whatever_it_holds(
    decisions: list[Any], items: list[Any]
) -> None:
    """The same for decisions (the stream takes records first, then decisions): the same
    document or the same messages as the cattrs-only converter."""
    doc = {"meta": {"title": "T"}, "records": items, "decisions": decisions}
    expected = _plain_outcome(copy.deepcopy(doc))
    assert _store_outcome(doc) == expected


@given(_decision_written)
def test_decisions_are_written_as_cattrs_writes_them(data: dict[str, Any]) -> None:
    decision = _plain_converter().structure(data, rs.Decision)
    written = orjson.dumps(json_default()(decision))
    assert written == orjson.dumps(_plain_converter().unstructure(decision, rs.Decision))


def test_the_records_stream_frees_what_it_has_used() -> None:
    items = [{"id": f"r{i}", "title": "T"} for i in range(3)]
    kept = list(items)
    records = structure_stream(items, rs.Record, shared_converter().get_structure_hook(rs.Record))
    assert records is not None
    assert [r.id for r in records] == ["r0", "r1", "r2"]
    assert items == []  # taken apart as it went
    assert kept[0] == {"id": "r0", "title": "T"}  # the dicts themselves are not changed


def test_a_failed_records_stream_puts_the_list_back_for_cattrs() -> None:
    items: list[Any] = [{"id": "r0", "title": "T"}, {"id": "r1", "title": 5}, {"id": "bad id"}]
    hook = shared_converter().get_structure_hook(rs.Record)
    structured = structure_stream(items, rs.Record, hook)
    assert structured is None
    # written out again: the first as the converter writes it, the coerced one too
    assert items == [{"id": "r0", "title": "T"}, {"id": "r1", "title": "5"}, {"id": "bad id"}]


def _reference_bytes(review: rs.Review) -> bytes:
    """The file as the simple path writes it: cattrs' unstructuring of the whole document
    (no fast hooks), then orjson."""
    body = _plain_converter().unstructure(review.to_document(), rs.ReviewDocument)
    doc = {"format": project.FORMAT_NAME, "schema_version": project.SCHEMA_VERSION}
    doc["review"] = body
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


@given(reviews())
def test_saving_writes_the_bytes_the_simple_path_writes(review: rs.Review) -> None:
    assert project._dump_bytes(review) == _reference_bytes(review)


def test_the_worked_example_is_written_byte_for_byte_as_the_simple_path_writes_it() -> None:
    from realistsynth.examples import build_example

    review = build_example("ics-leadership")
    assert len(review.records) > 10
    data = project._dump_bytes(review)
    assert data == _reference_bytes(review)
    assert rs.loads(data.decode("utf-8")) == review


def test_orjson_is_given_records_only() -> None:
    default = json_default()
    assert default(rs.Record("r1")) == {"id": "r1"}
    with pytest.raises(TypeError, match="not JSON serializable"):
        default(object())


def test_a_field_of_an_unknown_shape_stops_the_fast_path_from_being_made() -> None:
    @attrs.frozen
    class Odd:
        count: int = 5  # neither text nor a known shape: its check would be skipped

    with pytest.raises(TypeError, match=r"Odd\.count"):
        record_hooks._plan(Odd)


def test_a_class_that_checks_itself_after_init_gets_no_fast_path() -> None:
    with pytest.raises(TypeError, match="after __init__"):
        record_hooks._plan(rs.Resolution)


def test_every_field_of_the_bulk_classes_has_a_known_kind() -> None:
    for cls in (rs.Record, rs.Provenance, rs.Decision):
        plan = record_hooks._plan(cls)
        assert [a.name for a, _, _ in plan] == [a.name for a in attrs.fields(cls)]


def test_a_file_that_is_not_utf8_names_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    rs.save(rs.Review.new("T"), path)
    data = path.read_bytes()
    cut = data.index(b'"T"') + 1
    path.write_bytes(b"\xef\xbb\xbf" + data[:cut] + b"\xff" + data[cut:])
    with pytest.raises(rs.ProjectFileError, match=rf"not UTF-8 text \(byte {cut}\)"):
        rs.load(path)


def test_generated_functions_show_their_lines_in_tracebacks() -> None:
    """The generated structure and unstructure functions' source is in linecache under their
    own file names (as attrs does), so a traceback, pdb or a profiler shows the lines."""
    import traceback

    from realistsynth.store.record_hooks import _fast, _json

    calls: list[Callable[[], object]] = [
        lambda: _json(rs.Record)(object()),  # an object has no fields
        lambda: _fast(rs.Record)([], {}),  # a list is no record
    ]
    for call in calls:
        try:
            call()
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            assert frame.filename.startswith("<realistsynth ")
            assert frame.line, f"no source line for {frame.filename}"
        else:
            raise AssertionError("the generated function took what is no record")


@given(
    year=st.integers(0, 9999),
    month=st.none() | st.integers(1, 12),
    day=st.none() | st.integers(1, 28),
)
def test_a_partial_dates_text_is_its_formatted_fields(
    year: int, month: int | None, day: int | None
) -> None:
    """``PartialDate.__str__`` builds its text from two small tables (a save writes one a
    record): it must be the zero-padded ``YYYY[-MM[-DD]]`` of its fields."""
    if month is None:
        day = None
    date = rs.PartialDate(year, month, day)
    expected = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    assert str(date) == expected
    assert rs.PartialDate.parse(str(date)) == date
