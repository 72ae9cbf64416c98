"""Checking that what a plugin returns has the shape the contract asks for.

``isinstance(x, SomeProtocol)`` with :func:`typing.runtime_checkable` looks at member *names*
only: a ``render`` that returns ``str`` where a :class:`~realistsynth.query.Rendering` is
required, or an ``export`` that takes one argument instead of three, passes it and fails
later, far from the plugin that is wrong. This module checks the *structure* a contribution
declares, once, when the registry collects it:

* every member the protocol names exists; a method is callable with the protocol's arguments
  (:meth:`inspect.Signature.bind`); a property holds a value of the annotated class;
* where the plugin annotates a method's return type, that type is a subclass of the one the
  protocol requires (annotations the plugin does not write are not guessed);
* a hook that contributes *many* things returns an iterable of them, not a ``str`` (iterated
  by its characters), ``bytes`` or a mapping (iterated by its keys).

Return values of calls (``export()`` returning ``None``) are checked where they are made, with
:func:`check_return`, so that the message names the plugin, the call and what came back.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["check_return", "conformance_problems", "contributions_problem"]


def _protocol_members(protocol: type) -> list[str]:
    members = getattr(protocol, "__protocol_attrs__", None)
    if members is None:  # Python < 3.12 keeps them private
        from typing import _get_protocol_attrs  # type: ignore[attr-defined]

        members = _get_protocol_attrs(protocol)
    return sorted(m for m in members if not m.startswith("_"))


def _resolve(annotation: object, function: Any) -> object:
    """An annotation as an object; a string is evaluated in the function's module, and one
    that cannot be (a name imported only for type checkers) is ``None``: not checked."""
    if not isinstance(annotation, str):
        return annotation
    namespace = getattr(inspect.unwrap(function), "__globals__", {})
    try:
        return eval(annotation, dict(namespace))
    except Exception:
        return None


def _return_type(function: Any) -> type | None:
    try:
        annotation = inspect.signature(function).return_annotation
    except (TypeError, ValueError):
        return None
    if annotation is inspect.Signature.empty:
        return None
    resolved = _resolve(annotation, function)
    return resolved if isinstance(resolved, type) else None


def _describe(annotation: type) -> str:
    return annotation.__qualname__


def conformance_problems(obj: object, protocol: type) -> list[str]:
    """What ``obj`` lacks or gets wrong, structurally, as an implementation of ``protocol``.

    :param obj: a contribution (an importer, an exporter, a dialect ...).
    :param protocol: the :class:`typing.Protocol` it claims to implement.
    :return: one message per problem; empty when ``obj`` fits.
    """
    problems: list[str] = []
    for member in _protocol_members(protocol):
        declared = inspect.getattr_static(protocol, member, None)
        if not hasattr(obj, member):
            problems.append(f"has no {member!r}")
            continue
        value = getattr(obj, member)
        if isinstance(declared, property):
            expected = _return_type(declared.fget)
            if expected is not None and not isinstance(value, expected):
                problems.append(f"{member!r} is {value!r}, not {_describe(expected)}")
            continue
        if not inspect.isfunction(declared):
            continue
        if not callable(value):
            problems.append(f"{member!r} is {value!r}, not a method")
            continue
        wanted = [p for p in inspect.signature(declared).parameters.values() if p.name != "self"]
        try:
            signature = inspect.signature(value)
        except (TypeError, ValueError):  # builtins without a signature: nothing to check
            continue
        try:
            signature.bind(*(object() for _ in wanted))
        except TypeError:
            names = ", ".join(p.name for p in wanted)
            problems.append(
                f"{member}{signature} cannot be called as {member}({names}), "
                "which is how realistsynth calls it"
            )
        expected = _return_type(declared)
        actual = _return_type(value)
        if expected is not None and actual is not None and not issubclass(actual, expected):
            problems.append(
                f"{member}() is declared to return {_describe(actual)}, "
                f"but {_describe(expected)} is required"
            )
    return problems


def contributions_problem(result: object, what: str) -> str | None:
    """Why ``result`` is not what a contribution hook returns (an iterable of ``what``), or
    ``None`` when it is one.

    :param result: what the hook returned.
    :param what: the contributions, in words (``"exporters"``).
    """
    if result is None:
        return f"returned None, not a list of {what}"
    if isinstance(result, str | bytes | bytearray | Mapping):
        # iterating would yield characters or keys, never the contributions meant
        return f"returned a {type(result).__name__}, not a list of {what}"
    if not isinstance(result, Iterable):
        return f"returned {result!r:.60}, not a list of {what}"
    return None


def check_return(value: object, expected: type, *, plugin: str, call: str) -> None:
    """Raise :class:`~realistsynth.errors.PluginError` unless ``value`` is an ``expected``.

    :param value: what the plugin's method returned.
    :param expected: the class the contract requires.
    :param plugin: the plugin (or contribution) to name in the message.
    :param call: the call that returned it, e.g. ``"exporter 'titles': export()"``.
    :raises PluginError: naming the plugin, the call, what was required and what came back.
    """
    if isinstance(value, expected):
        return
    from realistsynth.errors import PluginError

    raise PluginError(
        f"plugin {plugin!r}: {call} returned {type(value).__name__} {value!r:.80}, "
        f"but {_describe(expected)} is required"
    )
