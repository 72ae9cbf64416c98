"""Structure and unstructure hooks for the project file's bulk classes: :class:`Record`,
:class:`Provenance` and :class:`Name`.

A review holds one record (with its names and provenance) per imported work, so loading a
100,000-record file structures some 600,000 such values. cattrs' generated hooks with detailed
validation spend most of their time in per-field dispatch, error bookkeeping and attrs'
keyword ``__init__``, which then runs each validator again; the hooks here take about a third
off a load with the collector paused (figures in ``docs/benchmarks.md``).

The hooks here take a *fast path* for values in the exact form realistsynth writes (text as
``str``, lists as ``list``, known keys only): each value is checked once, by the same rules
as the classes' validators (id pattern, CSL type, a name's family-or-literal rule, a partial
date's range, a whole number's 64-bit range), and the object is built through the trusted
constructors of :mod:`realistsynth.model.records`. Anything else (a number where text is
expected, an unknown key, a bad id ...) falls back to the converter's own generated hook, so a
file that is wrong in any way gets exactly the messages and paths it got before, and a file
that cattrs would accept by coercion is coerced the same way. ``tests/core/test_record_hooks.py``
proves that both paths give equal objects on generated records, and equal errors otherwise.

Unstructuring goes the other way with the same shape: one dict per record holding only the
fields that differ from their defaults, in field order (the order cattrs writes), so the file's
bytes do not change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from cattrs.preconf.orjson import OrjsonConverter

from realistsynth.model.common import ID_PATTERN, PartialDate
from realistsynth.model.records import (
    CSL_TYPES,
    Name,
    Provenance,
    Record,
    _unchecked_provenance,
    _unchecked_record,
)

__all__ = ["register_record_hooks"]

_NAME_KEYS = frozenset(a.name for a in attrs.fields(Name))
_PROVENANCE_KEYS = frozenset(a.name for a in attrs.fields(Provenance))
_RECORD_KEYS = frozenset(a.name for a in attrs.fields(Record))
_RECORD_LISTS = ("issn", "isbn", "keywords")
_INT_MIN, _INT_MAX = -(2**63), 2**64 - 1
_new = object.__new__
_EMPTY: dict[str, Any] = {}
_EMPTY_LIST: list[Any] = []
_set_family, _set_given, _set_literal, _set_particle, _set_suffix = (
    Name.__dict__[a.name].__set__ for a in attrs.fields(Name)
)


class _Slow(Exception):
    """The value is not in the written form: the converter's own hook must decide."""


def _text(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _Slow


def _whole(value: Any) -> int | None:
    if value is None or (type(value) is int and _INT_MIN <= value <= _INT_MAX):
        return value
    raise _Slow


def _key(value: Any) -> str:
    if type(value) is not str:
        raise _Slow
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise _Slow
    for item in value:
        if type(item) is not str:
            raise _Slow
    return tuple(value)


def _name(data: Any) -> Name:
    if type(data) is not dict or not _NAME_KEYS.issuperset(data):
        raise _Slow
    get = data.get
    family, given, literal = _text(get("family")), _text(get("given")), _text(get("literal"))
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
    _set_particle(name, _text(get("particle")))
    _set_suffix(name, _text(get("suffix")))
    return name


def _names(value: Any) -> tuple[Name, ...]:
    if type(value) is not list:
        raise _Slow
    return tuple([_name(item) for item in value])


def _provenance(data: Any) -> Provenance:
    if type(data) is not dict or not _PROVENANCE_KEYS.issuperset(data):
        raise _Slow
    get = data.get
    if get("direction") is not None or get("retrieved_at") is not None:
        # rare (citation chasing, web services): the converter's hooks read enums and times
        raise _Slow
    return _unchecked_provenance(
        _text(get("file")),
        _text(get("sha256")),
        _whole(get("index")),
        _whole(get("line")),
        _text(get("format")),
        _text(get("source_id")),
        _text(get("search_run_id")),
        _text(get("source_record_id")),
        _text(get("seed_id")),
        None,
        _text(get("query_url")),
        None,
    )


def _issued(value: Any) -> PartialDate | None:
    if value is None:
        return None
    if type(value) is str:
        try:
            return PartialDate.parse(value)  # its validators run here, once
        except ValueError:
            raise _Slow from None
    raise _Slow


def _record(data: Any) -> Record:
    if type(data) is not dict or not _RECORD_KEYS.issuperset(data):
        raise _Slow
    get = data.get
    record_id = get("id")
    if type(record_id) is not str or not ID_PATTERN.match(record_id):
        raise _Slow
    kind = get("type", "article-journal")
    if type(kind) is not str or kind not in CSL_TYPES:
        raise _Slow
    # absent is the default; an explicit null is not, and goes to the converter's hook
    extra = get("extra", _EMPTY)
    if type(extra) is not dict:
        raise _Slow
    extra_t = {_key(key): _texts(values) for key, values in extra.items()}
    provenance = get("provenance", _EMPTY_LIST)
    if type(provenance) is not list:
        raise _Slow
    return _unchecked_record(
        record_id,
        kind,
        _text(get("title")),
        _names(get("authors", _EMPTY_LIST)),
        _names(get("editors", _EMPTY_LIST)),
        _issued(get("issued")),
        _text(get("container_title")),
        _text(get("container_title_short")),
        _text(get("volume")),
        _text(get("issue")),
        _text(get("pages")),
        _text(get("doi")),
        _text(get("pmid")),
        _text(get("pmcid")),
        _texts(get("issn", _EMPTY_LIST)),
        _texts(get("isbn", _EMPTY_LIST)),
        _text(get("url")),
        _text(get("publisher")),
        _text(get("publisher_place")),
        _text(get("edition")),
        _text(get("number")),
        _text(get("abstract")),
        _texts(get("keywords", _EMPTY_LIST)),
        _text(get("language")),
        _text(get("note")),
        tuple([_provenance(p) for p in provenance]),
        extra_t,
    )


def _with_fallback(
    fast: Callable[[Any], Any], slow: Callable[[Any, type], Any]
) -> Callable[[Any, type], Any]:
    def structure(data: Any, cls: type) -> Any:
        try:
            return fast(data)
        except _Slow:
            return slow(data, cls)

    return structure


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


def _make_unstructure_provenance(
    slow: Callable[[Any], Any],
) -> Callable[[Provenance], dict[str, Any]]:
    fields = tuple(a.name for a in attrs.fields(Provenance))

    def unstructure(p: Provenance) -> dict[str, Any]:
        if p.direction is not None or p.retrieved_at is not None:
            result: dict[str, Any] = slow(p)
            return result
        out: dict[str, Any] = {}
        for name in fields:
            value = getattr(p, name)
            if value is not None:
                out[name] = value
        return out

    return unstructure


def _make_unstructure_record(
    unstructure_provenance: Callable[[Provenance], dict[str, Any]],
) -> Callable[[Record], dict[str, Any]]:
    # (name, kind) in field order; kinds: text, names, date, texts, provenance, extra
    plan: list[tuple[str, str]] = []
    for a in attrs.fields(Record):
        if a.name in ("id", "type"):
            plan.append((a.name, a.name))
        elif a.name in ("authors", "editors"):
            plan.append((a.name, "names"))
        elif a.name == "issued":
            plan.append((a.name, "date"))
        elif a.name in _RECORD_LISTS:
            plan.append((a.name, "texts"))
        elif a.name == "provenance":
            plan.append((a.name, "provenance"))
        elif a.name == "extra":
            plan.append((a.name, "extra"))
        else:
            plan.append((a.name, "text"))
    lines = ["def unstructure(r):", "    out = {'id': r.id}"]
    for name, kind in plan[1:]:
        if kind == "type":
            lines.append("    if r.type != 'article-journal':\n        out['type'] = r.type")
        elif kind == "text":
            lines.append(f"    v = r.{name}\n    if v is not None:\n        out[{name!r}] = v")
        elif kind == "names":
            lines.append(
                f"    v = r.{name}\n    if v:\n        out[{name!r}] = [name(n) for n in v]"
            )
        elif kind == "date":
            lines.append(f"    v = r.{name}\n    if v is not None:\n        out[{name!r}] = str(v)")
        elif kind == "texts":
            lines.append(f"    v = r.{name}\n    if v:\n        out[{name!r}] = list(v)")
        elif kind == "provenance":
            lines.append(
                f"    v = r.{name}\n    if v:\n        out[{name!r}] = [prov(p) for p in v]"
            )
        else:
            lines.append(
                f"    v = r.{name}\n    if v:\n"
                f"        out[{name!r}] = {{k: list(vs) for k, vs in v.items()}}"
            )
    lines.append("    return out")
    namespace: dict[str, Any] = {"name": _unstructure_name, "prov": unstructure_provenance}
    # generated from the class's own fields, once per converter
    exec("\n".join(lines), namespace)
    result: Callable[[Record], dict[str, Any]] = namespace["unstructure"]
    return result


def register_record_hooks(converter: OrjsonConverter) -> None:
    """Put the fast hooks for :class:`Record`, :class:`Provenance` and :class:`Name` on
    ``converter``, each falling back to the hook the converter had made for its class."""
    for cls, fast in ((Name, _name), (Provenance, _provenance), (Record, _record)):
        converter.register_structure_hook(
            cls, _with_fallback(fast, converter.get_structure_hook(cls))
        )
    converter.register_unstructure_hook(Name, _unstructure_name)
    unstructure_provenance = _make_unstructure_provenance(
        converter.get_unstructure_hook(Provenance)
    )
    converter.register_unstructure_hook(Provenance, unstructure_provenance)
    converter.register_unstructure_hook(Record, _make_unstructure_record(unstructure_provenance))
