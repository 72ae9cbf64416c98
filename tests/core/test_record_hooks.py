"""The fast record hooks (store/record_hooks.py) agree with cattrs' generated ones: the same
objects from valid data, the same dicts back, the same errors (with paths) from bad data."""

from __future__ import annotations

from functools import cache
from typing import Any

import cattrs
import orjson
import pytest
from core.strategies import records
from hypothesis import given
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.store.converter import shared_converter
from realistsynth.store.project import loads


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
