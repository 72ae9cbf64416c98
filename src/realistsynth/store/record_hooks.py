"""Structure and unstructure functions for the project file's bulk classes (:class:`Record`
with its :class:`Provenance` and :class:`Name` values, and :class:`Decision`), and the
streaming of a file's ``records`` and ``decisions`` lists.

A review holds one record (with its names and provenance) per imported work and a decision
per reviewer, record and screening stage, so loading a 100,000-record file structures some
600,000 such values or more. cattrs' generated hooks with detailed validation spend most of
their time in per-field dispatch, error bookkeeping and attrs' keyword ``__init__``, which
then runs each validator again.

**Structuring.** The functions here take a *fast path* for values in the exact form
realistsynth writes (text as ``str``, lists as ``list``, known keys only): each value is
checked once, by the same rules as the classes' validators (id pattern, CSL type, a name's
family-or-literal rule, a partial date's range, a whole number's 64-bit range, an enum's
values), and the object is built by setting its slots directly. The structuring code of
``Record``, ``Provenance`` and ``Decision`` is generated once per process from the classes'
own fields (their types, defaults, converters and validators say which check each field
gets; a field of a shape not known here, or a class that checks itself after ``__init__``,
stops the generation, so nothing added to a class can slip through unchecked). Anything else
(a number where text is expected, an unknown key, a bad id ...) falls back to the converter's
own generated hook, so a file that is wrong in any way gets exactly the messages and paths it
got before, and a file that cattrs would accept by coercion is coerced the same way. A partial
date is parsed once per distinct text in a load (a review has few).

:func:`structure_stream` structures such a list *consuming* it: each parsed dict is dropped as
soon as its object is built, so the parsed document and the review never both exist whole.
That is what keeps the cyclic garbage collector quiet: in CPython a container freed cancels
one allocated in the collector's young-generation count, so building records while freeing
their dicts triggers almost no collector passes. (The peak memory of a load is orjson's parse
itself, which this does not change.)

**Unstructuring** goes the other way with the same shape: one dict per object holding only the
fields that differ from their defaults, in field order (the order cattrs writes), so the file's
bytes do not change. :func:`json_default` gives orjson one object at a time while it writes
(orjson's ``default``), so a save never holds a dict per record either; it leaves tuples as
tuples, which orjson writes as the arrays the converter's lists would make.

Figures (100,000 records, shared 2-core machine, before and after in one session;
``docs/benchmarks.md``): a load with the collector on went from 2.7x orjson's read and parse
to 1.3x (paused: 2.6x to 1.9x-2.1x), a save to disk from 2.2x orjson's dump and the same
atomic write to 1.4x, a save to bytes from 8.7x orjson's dump to 1.6x (paused 4.7x to
1.9x-2.1x): the record writer is orjson's ``default`` itself and writes the usual name and a
single provenance inline.
``tests/core/test_record_hooks.py`` proves that the fast and cattrs-only paths give equal
objects, dicts, bytes and errors on generated values and arbitrary dicts.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import linecache
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

import attrs
import orjson
from attrs import NOTHING
from cattrs.preconf.orjson import OrjsonConverter

from realistsynth.model import records as _records
from realistsynth.model.common import ID_PATTERN, PartialDate, check_id, str_tuple
from realistsynth.model.records import CSL_TYPES, Name, Provenance, Record
from realistsynth.model.screening import Decision

__all__ = ["STREAMED", "json_default", "register_record_hooks", "structure_stream"]

_NAME_KEYS = frozenset(a.name for a in attrs.fields(Name))
_FAMILY_GIVEN = frozenset({"family", "given"})
_TEXT_OR_NONE = frozenset({str, type(None)})
_ONLY_TEXT = frozenset({str})
_INT_MIN, _INT_MAX = -(2**63), 2**64 - 1
_new = object.__new__
_EMPTY: dict[str, Any] = {}
_EMPTY_LIST: list[Any] = []
_set_family, _set_given, _set_literal, _set_particle, _set_suffix = (
    Name.__dict__[a.name].__set__ for a in attrs.fields(Name)
)


class _Slow(Exception):
    """The value is not in the written form: the converter's own hook must decide."""


def _name(data: Any) -> Name:
    if type(data) is dict and data.keys() == _FAMILY_GIVEN:
        # most names of a bibliography: a person's family and given names, nothing else
        family, given = data["family"], data["given"]
        if type(family) is not str or type(given) is not str or not family.strip():
            raise _Slow
        name = _new(Name)
        _set_family(name, family)
        _set_given(name, given)
        _set_literal(name, None)
        _set_particle(name, None)
        _set_suffix(name, None)
        return name
    if (
        type(data) is not dict
        or not _NAME_KEYS.issuperset(data)
        or not _TEXT_OR_NONE.issuperset(map(type, data.values()))
    ):
        raise _Slow
    get = data.get
    family, given, literal = get("family"), get("given"), get("literal")
    # Name's validator, once: a family name or a literal, never a literal with parts
    if literal is None:
        if not (family or "").strip():
            raise _Slow
    elif family or given:
        raise _Slow
    name = _new(Name)
    _set_family(name, family)
    _set_given(name, given)
    _set_literal(name, literal)
    _set_particle(name, get("particle"))
    _set_suffix(name, get("suffix"))
    return name


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not _ONLY_TEXT.issuperset(map(type, value)):
        raise _Slow
    return tuple(value)


def _extra(value: Any) -> dict[str, tuple[str, ...]]:
    if type(value) is not dict or not _ONLY_TEXT.issuperset(map(type, value)):
        raise _Slow
    return {key: _texts(texts) for key, texts in value.items()}


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)  # its validators run here, once
    except ValueError:
        raise _Slow from None


def _moment(text: Any) -> dt.datetime:
    # what the orjson converter does with a time (cattrs.preconf.orjson)
    if type(text) is not str:
        raise _Slow
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Slow from None


# ----------------------------------------------------------------------- field kinds


def _optional_of(hint: Any) -> Any:
    """``X`` for ``X | None``, else ``None``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0]
    return None


#: The kind of an optional field (``X | None = None``, no validator, no converter), by ``X``.
_OPTIONAL_KINDS: dict[Any, str] = {
    str: "text",
    int: "whole",
    PartialDate: "date",
    dt.datetime: "moment",
}
#: The kind of a tuple field (``tuple[X, ...] = ()``), by ``X`` and the field's converter.
_TUPLE_KINDS: dict[tuple[Any, object], str] = {
    (str, str_tuple): "texts",
    (Name, _records._name_tuple): "names",
    (Provenance, _records._provenance_tuple): "provenances",
}


def _is_enum(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, enum.Enum)


def _field_kind(cls: type, a: attrs.Attribute[Any], hint: Any) -> str:
    """How the fast path reads and writes the attribute ``a`` of ``cls``.

    :raises TypeError: a field of a shape the fast path does not know (its check would be
        skipped): teach it here.
    """
    converter: object = a.converter  # compared by identity with the model's converters
    plain = a.validator is None and converter is None
    kind = None
    if a.validator is check_id and hint is str and a.default is NOTHING:
        kind = "id"
    elif cls is Record and a.name == "type" and a.validator is _records._check_type:
        kind = "csl_type"
    elif plain and a.default is NOTHING and _is_enum(hint):
        kind = "required_enum"
    elif plain and a.default is None:
        inner = _optional_of(hint)
        kind = "enum" if _is_enum(inner) else _OPTIONAL_KINDS.get(inner)
    elif a.default == () and typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)
        if len(item) == 2 and item[1] is Ellipsis:
            kind = _TUPLE_KINDS.get((item[0], converter))
    elif hint == dict[str, tuple[str, ...]] and a.validator is None:
        kind = "extra" if converter is _records._freeze_extra else None
    if kind is None:
        raise TypeError(
            f"{cls.__name__}.{a.name} ({hint}) has a shape the project file's fast path does "
            "not know: add it to store/record_hooks.py"
        )
    return kind


def _plan(cls: type) -> list[tuple[attrs.Attribute[Any], str, Any]]:
    """``(attribute, kind, type)`` of each field of ``cls``, in field order.

    :raises TypeError: ``cls`` checks itself after ``__init__`` (``__attrs_post_init__``),
        which building by slots would skip, or has a field of an unknown shape.
    """
    if hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__} checks itself after __init__: no fast path")
    hints = typing.get_type_hints(cls)
    return [(a, _field_kind(cls, a, hints[a.name]), hints[a.name]) for a in attrs.fields(cls)]


def _make_structure(cls: type) -> Callable[[Any, dict[str, PartialDate]], Any]:
    """The fast structuring function of ``cls``: ``(data, dates) -> instance``; ``dates``
    caches partial dates by their text (one dict per load). Raises :class:`_Slow` for any
    value not in the written form."""
    plan = _plan(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": _new,
        "Slow": _Slow,
        "keys": frozenset(a.name for a, _, _ in plan),
        "match_id": ID_PATTERN.match,
        "csl_types": CSL_TYPES,
        "INT_MIN": _INT_MIN,
        "INT_MAX": _INT_MAX,
        "EMPTY_LIST": _EMPTY_LIST,
        "EMPTY": _EMPTY,
        "only_text": _ONLY_TEXT.issuperset,
        "name": _name,
        "provenance": None,  # filled in below for Record
        "date": _date,
        "moment": _moment,
        "extra": _extra,
    }
    lines = [
        "def structure(data, dates):",
        "    if type(data) is not dict or not keys.issuperset(data):",
        "        raise Slow",
        "    get = data.get",
        "    obj = new(cls)",
    ]
    for a, kind, hint in plan:
        n = a.name
        setter = f"set_{n}"
        namespace[setter] = cls.__dict__[n].__set__
        if kind == "id":
            lines += [
                f"    v = get({n!r})",
                "    if type(v) is not str or not match_id(v):",
                "        raise Slow",
            ]
        elif kind == "csl_type":
            lines += [
                f"    v = get({n!r}, {a.default!r})",
                "    if type(v) is not str or v not in csl_types:",
                "        raise Slow",
            ]
        elif kind == "text":
            lines += [
                f"    v = get({n!r})",
                "    if v is not None and type(v) is not str:",
                "        raise Slow",
            ]
        elif kind == "whole":
            lines += [
                f"    v = get({n!r})",
                "    if v is not None and (type(v) is not int or not INT_MIN <= v <= INT_MAX):",
                "        raise Slow",
            ]
        elif kind == "date":
            lines += [
                f"    v = get({n!r})",
                "    if v is not None:",
                "        if type(v) is not str:",
                "            raise Slow",
                "        d = dates.get(v)",
                "        if d is None:",
                "            d = dates[v] = date(v)",
                "        v = d",
            ]
        elif kind == "moment":
            lines += [f"    v = get({n!r})", "    if v is not None:", "        v = moment(v)"]
        elif kind == "enum":
            namespace[f"members_{n}"] = {m.value: m for m in _optional_of(hint)}
            lines += [
                f"    v = get({n!r})",
                "    if v is not None:",
                f"        v = members_{n}.get(v) if type(v) is str else None",
                "        if v is None:",
                "            raise Slow",
            ]
        elif kind == "required_enum":
            namespace[f"members_{n}"] = {m.value: m for m in hint}
            lines += [
                f"    v = get({n!r})",
                f"    v = members_{n}.get(v) if type(v) is str else None",
                "    if v is None:",
                "        raise Slow",
            ]
        elif kind == "texts":
            lines += [
                f"    v = get({n!r}, EMPTY_LIST)",
                "    if type(v) is not list or not only_text(map(type, v)):",
                "        raise Slow",
                "    v = tuple(v)",
            ]
        elif kind in ("names", "provenances"):
            call = "name(x)" if kind == "names" else "provenance(x, dates)"
            lines += [
                f"    v = get({n!r}, EMPTY_LIST)",
                "    if type(v) is not list:",
                "        raise Slow",
                f"    v = tuple([{call} for x in v])",
            ]
        else:  # extra
            lines += [
                f"    v = get({n!r}, EMPTY)",
                "    if type(v) is not dict:",
                "        raise Slow",
                "    v = extra(v) if v else {}",
            ]
        lines.append(f"    {setter}(obj, v)")
    lines.append("    return obj")
    if cls is Record:
        namespace["provenance"] = _make_structure(Provenance)
    # generated from the class's own fields, once per converter
    result: Callable[[Any, dict[str, PartialDate]], Any] = _generated(
        lines, namespace, f"structure {cls.__name__}"
    )
    return result


def _with_fallback(
    fast: Callable[[Any], Any], slow: Callable[[Any, type], Any]
) -> Callable[[Any, type], Any]:
    def structure(data: Any, cls: type) -> Any:
        try:
            return fast(data)
        except _Slow:
            return slow(data, cls)

    return structure


# ----------------------------------------------------------------------- unstructuring


def _unstructure_name(name: Name) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if name.family is not None:
        out["family"] = name.family
    if name.given is not None:
        out["given"] = name.given
    if name.literal is not None:
        out["literal"] = name.literal
    if name.particle is not None:
        out["particle"] = name.particle
    if name.suffix is not None:
        out["suffix"] = name.suffix
    return out


def _unstructure_lines(cls: type, obj: str, out: str, lists: bool, indent: str) -> list[str]:
    """The statements that put the fields of ``obj`` (an instance of ``cls``) that differ
    from their defaults (by ``!=``, as cattrs' ``omit_if_default`` compares) into the dict
    ``out``, in field order. A one-element tuple of provenance is written inline (a record
    found once, as most are: no call of its own for it)."""
    seq = "list(v)" if lists else "v"
    lines = [f"{indent}{out} = {{}}"]
    for a, kind, _ in _plan(cls):
        n = a.name
        lines.append(f"{indent}v = {obj}.{n}")
        if kind in ("id", "required_enum"):
            # required: always written (the orjson converter leaves enums for orjson)
            lines.append(f"{indent}{out}[{n!r}] = v")
            continue
        if kind == "provenances":
            lines += [
                f"{indent}if len(v) == 1:",
                f"{indent}    p = v[0]",
                *_unstructure_lines(Provenance, "p", "po", lists, indent + "    "),
                f"{indent}    {out}[{n!r}] = [po]",
                f"{indent}elif v:",
                f"{indent}    {out}[{n!r}] = [provenance(x) for x in v]",
            ]
            continue
        if kind == "csl_type":
            test, value = f"v != {a.default!r}", "v"
        elif kind in ("text", "whole", "moment"):
            test, value = "v is not None", "v"
        elif kind == "date":
            # PartialDate.__str__ called directly: str() would look it up again each time
            test, value = "v is not None", "date_text(v)"
        elif kind == "enum":
            # the orjson converter leaves enums for orjson, which writes their values
            test, value = "v is not None", "v"
        elif kind == "texts":
            test, value = "v", seq
        elif kind == "names":
            # a person with a family and a given name and nothing else, as most are, written
            # inline; any other name by _unstructure_name (a call per name saved: issue 18).
            # No literal means a family name, by Name's own rule: no need to ask
            test, value = (
                "v",
                (
                    '[{"family": x.family, "given": x.given} if x.literal is None and x.given is '
                    "not None and x.particle is None and x.suffix is None else name(x) for x in v]"
                ),
            )
        else:  # extra
            test, value = "v", "{k: list(vs) for k, vs in v.items()}" if lists else "v"
        lines += [f"{indent}if {test}:", f"{indent}    {out}[{n!r}] = {value}"]
    return lines


def _make_unstructure(
    cls: type,
    *,
    lists: bool,
    provenance: Callable[[Any], Any] | None = None,
    other: Callable[[Any], dict[str, Any]] | None = None,
) -> Callable[[Any], dict[str, Any]]:
    """The unstructuring function of ``cls`` (:func:`_unstructure_lines`).

    :param lists: tuples become lists (the converter's plain form); otherwise tuples are left
        for orjson, which writes them as the same arrays.
    :param provenance: the unstructuring function of :class:`Provenance`, for a class with a
        tuple of them (a record found more than once).
    :param other: if given, what is not exactly of ``cls`` goes to it: the function is then
        orjson's ``default`` itself, one call a record instead of two.
    """
    lines = [
        "def unstructure(r):",
        *(["    if r.__class__ is not cls:", "        return other(r)"] if other else []),
        *_unstructure_lines(cls, "r", "out", lists, "    "),
        "    return out",
    ]
    namespace: dict[str, Any] = {
        "cls": cls,
        "name": _unstructure_name,
        "provenance": provenance,
        "date_text": PartialDate.__str__,
        "other": other,
    }
    result: Callable[[Any], dict[str, Any]] = _generated(
        lines, namespace, f"unstructure {cls.__name__}{' lists' if lists else ''}"
    )
    return result


def _generated(lines: list[str], namespace: dict[str, Any], what: str) -> Any:
    """The one function that ``lines`` define, compiled in ``namespace`` under a file name
    of its own that :mod:`linecache` holds the source of (as attrs does for its generated
    methods), so that a traceback, pdb or a profiler shows the generated lines."""
    source = "\n".join(lines) + "\n"
    digest = hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest()[:12]
    filename = f"<realistsynth {what} {digest}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    name = lines[0].split()[1].split("(")[0]
    return namespace[name]


# ----------------------------------------------------------------------- whole files


#: The classes of the collections a file holds by the hundred thousand (a record each, and a
#: decision per reviewer and record at each screening stage), by their key in ``review``.
STREAMED: dict[str, type] = {"records": Record, "decisions": Decision}


def structure_stream(items: list[Any], cls: type, slow: Callable[[Any, type], Any]) -> Any:
    """The objects of a file's list of ``cls`` (one of :data:`STREAMED`), taking each parsed
    dict out of ``items`` as it is used (``items`` is empty afterwards); a tuple.

    A value not in the written form is handed to ``slow`` (the converter's own hook for
    ``cls``). If that fails, ``items`` is put back as it was, as far as the converter can tell
    (the objects built so far written out again as the file holds them: they structure to
    themselves, which the property tests prove), and ``None`` is returned: the caller
    structures the whole document with the converter, whose errors then name every bad value
    by its index.
    """
    fast = _fast(cls)
    dates: dict[str, PartialDate] = {}
    built: list[Any] = []
    append = built.append
    for i in range(len(items)):
        data = items[i]
        items[i] = None  # the parsed dict goes when ``data`` moves on
        try:
            append(fast(data, dates))
        except _Slow:
            try:
                append(slow(data, cls))
            except Exception:  # cattrs' errors: the converter reports them for the file
                items[i] = data
                # exactly as a file holds them (times as text)
                items[:i] = orjson.loads(orjson.dumps(built, default=json_default()))
                return None
    items.clear()
    return tuple(built)


@cache
def json_default() -> Callable[[Any], dict[str, Any]]:
    """orjson's ``default`` for a save: an object of a :data:`STREAMED` class as the dict the
    converter makes of it (tuples left as tuples; orjson writes them as the same arrays); for
    anything else it raises :class:`TypeError`, which orjson reports as it would without a
    default."""
    writers = {cls: _json(cls) for cls in STREAMED.values() if cls is not Record}

    def others(obj: Any) -> dict[str, Any]:
        try:
            write = writers[obj.__class__]
        except KeyError:
            raise TypeError(f"Type is not JSON serializable: {type(obj).__name__}") from None
        return write(obj)

    # records, the bulk of a file, are written by the default itself: one call a record
    provenance = _make_unstructure(Provenance, lists=False)
    return _make_unstructure(Record, lists=False, provenance=provenance, other=others)


# generated on first use (never at import time), once per process: pure functions of the
# classes, like the converter itself (store/converter.py:shared_converter)


@cache
def _fast(cls: type) -> Callable[[Any, dict[str, PartialDate]], Any]:
    return _make_structure(cls)


@cache
def _unstructure_record_lists() -> Callable[[Record], dict[str, Any]]:
    provenance = _make_unstructure(Provenance, lists=True)
    return _make_unstructure(Record, lists=True, provenance=provenance)


@cache
def _json(cls: type) -> Callable[[Any], dict[str, Any]]:
    provenance = _make_unstructure(Provenance, lists=False) if cls is Record else None
    return _make_unstructure(cls, lists=False, provenance=provenance)


def register_record_hooks(converter: OrjsonConverter) -> None:
    """Put the fast hooks for :class:`Record`, :class:`Provenance` and :class:`Name` on
    ``converter``, each falling back to the hook the converter had made for its class."""
    fast_record = _fast(Record)
    fast_provenance = _make_structure(Provenance)
    for cls, fast in (
        (Name, _name),
        (Provenance, lambda data: fast_provenance(data, {})),
        (Record, lambda data: fast_record(data, {})),
    ):
        converter.register_structure_hook(
            cls, _with_fallback(fast, converter.get_structure_hook(cls))
        )
    converter.register_unstructure_hook(Name, _unstructure_name)
    converter.register_unstructure_hook(Provenance, _make_unstructure(Provenance, lists=True))
    converter.register_unstructure_hook(Record, _unstructure_record_lists())
