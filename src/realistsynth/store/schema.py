"""The JSON Schema of the project file, derived from the model, for tools in other languages.

The project file's shape is fixed by the attrs classes of :mod:`realistsynth.model` and the
choices of the one converter (:mod:`realistsynth.store.converter`): fields by name, defaults
left out, enums by value, tuples as arrays, dates as ISO text, partial dates as ``YYYY[-MM[-DD]]``.
:func:`project_file_schema` walks the same classes and writes those choices down as a JSON
Schema (draft 2020-12), so that it cannot drift from what :func:`realistsynth.save` writes: the
test suite validates every project file it writes against it.

The schema says what a *well-formed* file looks like: types, required keys, no unknown keys,
id syntax, enum values. The review's invariants (every id referenced exists, stages in order
...) are beyond JSON Schema; :func:`realistsynth.check_file` checks those.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from realistsynth.model.common import ID_PATTERN, PartialDate, check_id
from realistsynth.model.extraction import FieldValue

__all__ = ["SCHEMA_ID", "project_file_schema"]

#: The ``$id`` of the published schema.
SCHEMA_ID = "https://realistsynth.readthedocs.io/en/latest/project-file.schema.json"

_PARTIAL_DATE = {
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
        {"type": "integer"},
    ],
    "description": "a partial date: YYYY, YYYY-MM or YYYY-MM-DD",
}
_FIELD_VALUE = {
    "anyOf": [
        {"type": ["string", "number", "boolean"]},
        {"type": "array", "items": {"type": "string"}},
    ]
}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    # Complexity (radon 33): one branch per kind of type annotation the project file holds (unions,
    # tuples, dicts, enums, attrs classes ...): the JSON Schema of each, in one dispatch.
    def of(self, tp: Any) -> dict[str, Any]:
        if tp is Any or tp is object:
            return {}
        if tp is PartialDate:
            return dict(_PARTIAL_DATE)
        if tp is FieldValue:
            return dict(_FIELD_VALUE)
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            options = [self.of(a) for a in args if a is not type(None)]
            if type(None) in args:
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin in (tuple, list, frozenset, set) or (
            origin is not None and str(origin) in ("collections.abc.Sequence",)
        ):
            if origin is tuple and len(args) == 2 and args[1] is not Ellipsis:
                return {"type": "array", "prefixItems": [self.of(a) for a in args]}
            item = args[0] if args else Any
            return {"type": "array", "items": self.of(item)}
        if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
            value = args[1] if len(args) == 2 else Any
            return {"type": "object", "additionalProperties": self.of(value)}
        if isinstance(tp, type):
            if issubclass(tp, bool):
                return {"type": "boolean"}
            if issubclass(tp, enum.Enum):
                return {"enum": [m.value for m in tp]}
            if issubclass(tp, int):
                return {"type": "integer"}
            if issubclass(tp, float):
                return {"type": "number"}
            if issubclass(tp, str):
                return {"type": "string"}
            if issubclass(tp, dt.datetime):
                return {"type": "string", "format": "date-time"}
            if issubclass(tp, dt.date):
                return {"type": "string", "format": "date"}
            if attrs.has(tp):
                return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: classes may refer to themselves
            self.defs[name] = self.attrs_class(cls)
        return {"$ref": f"#/$defs/{name}"}

    def attrs_class(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in attrs.fields(cls):
            if not f.init:
                continue
            key = f.alias or f.name
            schema = self.of(hints[f.name])
            if f.validator is check_id and schema.get("type") == "string":
                schema = {**schema, "pattern": ID_PATTERN.pattern}
            properties[key] = schema
            if f.default is attrs.NOTHING:
                required.append(key)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        out: dict[str, Any] = {
            "type": "object",
            "title": cls.__name__,
            "properties": properties,
            "additionalProperties": False,
        }
        if doc:
            out["description"] = doc
        if required:
            out["required"] = required
        return out


def project_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the project file this release writes."""
    from realistsynth.model.review import ReviewDocument
    from realistsynth.store.project import FORMAT_NAME, SCHEMA_VERSION

    builder = _Builder()
    review = builder.ref(ReviewDocument)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "realistsynth project file",
        "description": (
            f"A realist review as realistsynth saves it (schema version {SCHEMA_VERSION}). "
            "Review invariants (references between ids, stage order) are checked by "
            "realistsynth validate, not by this schema."
        ),
        "type": "object",
        "properties": {
            "format": {"const": FORMAT_NAME},
            "schema_version": {"const": SCHEMA_VERSION},
            "review": review,
        },
        "required": ["format", "schema_version", "review"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }
