"""The one cattrs converter of realistsynth, private to the package.

Built fresh by :func:`make_converter` (never the global converter, so an application embedding
realistsynth can configure its own cattrs freely). The choices here fix the project file's
shape: enums by value, dates as ISO text, partial dates as ``YYYY[-MM[-DD]]``, defaults left
out, tuples as lists, and study-characteristic values as plain JSON scalars or lists.

The bulk classes of a large file (``Record``, ``Provenance``, ``Name``) get fast hooks from
:mod:`realistsynth.store.record_hooks` on top of cattrs' generated ones (a load of 100,000
records with the collector on: 1.3x orjson's read and parse, was 2.7x; see
``docs/benchmarks.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

import cattrs
from cattrs.preconf.orjson import OrjsonConverter
from cattrs.preconf.orjson import make_converter as _make_orjson_converter

from realistsynth.model.common import PartialDate
from realistsynth.model.extraction import FieldValue

__all__ = [
    "describe_error",
    "make_converter",
    "plain",
    "shared_converter",
    "structure_or_explain",
]

T = TypeVar("T")


def _structure_field_value(value: Any, _: Any) -> FieldValue:
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise ValueError(f"a multi-choice value must be a list of text, not {value!r}")
        return tuple(value)
    if isinstance(value, str | int | float | bool):
        return value
    raise ValueError(f"{value!r} is not a valid field value")


def _unstructure_field_value(value: FieldValue) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _structure_partial_date(value: Any, _: Any) -> PartialDate:
    if isinstance(value, int):
        return PartialDate(value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    return PartialDate.parse(value)


#: The integers a project file may hold: JSON readers (orjson, JavaScript's) keep 64 bits at most.
INT_RANGE = (-(2**63), 2**64 - 1)


def _structure_int(value: Any, _: Any) -> int:
    # orjson reads an integer literal beyond 64 bits as a float: such a number would be
    # accepted here, rounded, and then break every later save
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{value!r} is not a whole number")
    if not INT_RANGE[0] <= value <= INT_RANGE[1]:
        raise ValueError(f"{value!r} is beyond the 64-bit integers a project file may hold")
    return int(value)


def make_converter() -> OrjsonConverter:
    """A new converter configured for the project file."""
    converter = _make_orjson_converter(omit_if_default=True, forbid_extra_keys=True)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    # bool is a subclass of int: it keeps what cattrs does for it
    structure_bool = converter.get_structure_hook(bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, structure_bool)
    converter.register_structure_hook(FieldValue, _structure_field_value)
    converter.register_unstructure_hook(FieldValue, _unstructure_field_value)
    from realistsynth.store.record_hooks import register_record_hooks

    register_record_hooks(converter)
    return converter


@cache
def shared_converter() -> OrjsonConverter:
    """The converter of this process, built on first use (never at import time); one is
    enough because it holds no review state."""
    return make_converter()


def plain(obj: object, cls: type) -> dict[str, Any]:
    """``obj`` as the plain JSON values the project file holds for it.

    The orjson converter leaves dates and times for orjson to write; they are read back here
    as the text orjson makes of them, so the result is exactly the file's form.
    """
    import orjson

    result: dict[str, Any] = orjson.loads(orjson.dumps(shared_converter().unstructure(obj, cls)))
    return result


def describe_error(exc: BaseException, type_: type | None) -> str:
    """One cattrs failure in words; our validators' messages say why, cattrs' own only
    "invalid value"."""
    if isinstance(exc, ValueError | TypeError) and str(exc):
        return str(exc)
    from cattrs.v import format_exception

    return format_exception(exc, type_)


def structure_or_explain(data: Mapping[str, Any], cls: type[T], *, where: str) -> T:
    """``data`` structured as ``cls`` by the shared converter.

    :raises InvalidValueError: every problem, each with its path under ``where``.
    """
    from realistsynth.errors import InvalidValueError

    if not isinstance(data, Mapping):
        raise InvalidValueError(f"expected a mapping, not {type(data).__name__}", where=where)
    try:
        return shared_converter().structure(dict(data), cls)
    except Exception as exc:  # cattrs raises ExceptionGroups of any validator's errors
        if isinstance(exc, cattrs.BaseValidationError):
            messages = cattrs.transform_error(exc, path=where, format_exception=describe_error)
        else:
            messages = [f"{where}: {exc}"]
        raise InvalidValueError("; ".join(messages), where=where) from None
