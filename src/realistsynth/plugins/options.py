"""Plugin options: declared by the plugin, parsed, validated and documented by the host.

Importer and exporter options arrive as a mapping (``read_records(options=...)``,
``export_to_path(options=...)``) or as ``KEY=VALUE`` text from the command line
(``realistsynth export --option style=apa``), so a switch may be ``True`` or the text
``"false"``. An exporter *declares* its options as :class:`~realistsynth.protocols.ExportOption`
values (name, type, default, help); :func:`parse_options` turns what the user gave into values
of the declared types, and refuses, naming the option, anything unknown, repeated or of the
wrong type, so that a typo never passes silently and an option meant for one exporter never
reaches another. :func:`flag` is the one reading of an on/off value, so the accepted spellings
are the same everywhere; callers turn the :class:`ValueError` into their own error type, which
names the file or the export.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from realistsynth.protocols import OPTION_TYPES, ExportOption

__all__ = ["OPTION_TYPES", "describe_options", "flag", "parse_options"]

_ON = frozenset({"true", "yes", "on", "1"})
_OFF = frozenset({"false", "no", "off", "0", ""})


def flag(options: Mapping[str, object], name: str, *, default: bool) -> bool:
    """The option ``name`` as a switch: a ``bool``, or text spelling one (``true``/``yes``/
    ``on``/``1``, ``false``/``no``/``off``/``0`` or empty, in any case); ``default`` when
    absent.

    >>> flag({"fast_path": "Off"}, "fast_path", default=True)
    False
    >>> flag({}, "included_only", default=False)
    False

    :raises ValueError: any other value, naming the option.
    """
    value = options.get(name, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _ON or text in _OFF:
            return text in _ON
    raise ValueError(f"option {name!r} must be true or false, not {value!r}")


def _convert(option: ExportOption, value: object) -> object:
    kind = option.type
    wrong = ValueError(
        f"option {option.name!r} must be a {OPTION_TYPES[kind]}"
        + (f" ({', '.join(option.choices)})" if option.choices else "")
        + f", not {value!r}"
    )
    if kind is bool:
        try:
            return flag({option.name: value}, option.name, default=False)
        except ValueError:
            raise wrong from None
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                raise wrong from None
        raise wrong
    if kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                raise wrong from None
        else:
            raise wrong
        if not math.isfinite(number):
            raise wrong
        return number
    if kind is tuple:
        if isinstance(value, str):
            items = tuple(part.strip() for part in value.split(",") if part.strip())
        elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            items = tuple(value)
        else:
            raise wrong
        bad = [item for item in items if option.choices and item not in option.choices]
        if bad:
            raise wrong
        return items
    if not isinstance(value, str):
        raise wrong
    if option.choices and value not in option.choices:
        raise wrong
    return value


def parse_options(
    declared: Sequence[ExportOption],
    given: Mapping[str, object] | Iterable[tuple[str, object]],
    *,
    owner: str,
) -> dict[str, object]:
    """The options ``given`` for a plugin that ``declared`` these, as values of their types.

    :param declared: the plugin's options.
    :param given: a mapping, or ``(name, value)`` pairs in the order given (so that a repeated
        option is detected); values are of the declared type or text to read as it.
    :param owner: the plugin in words, for messages (``"exporter 'csv'"``).
    :return: every declared option by name: the given value, or the default.
    :raises ValueError: an unknown, repeated or ill-typed option, naming it and ``owner``.
    """
    by_name = {option.name: option for option in declared}
    pairs = list(given.items()) if isinstance(given, Mapping) else list(given)
    seen: set[str] = set()
    values: dict[str, object] = {option.name: option.default for option in declared}
    for name, value in pairs:
        option = by_name.get(name)
        if option is None:
            known = ", ".join(sorted(by_name)) or "none"
            raise ValueError(f"{owner} has no option {name!r} (its options: {known})")
        if name in seen:
            raise ValueError(f"option {name!r} is given more than once for {owner}")
        seen.add(name)
        try:
            values[name] = _convert(option, value)
        except ValueError as exc:
            raise ValueError(f"{owner}: {exc}") from None
    return values


def describe_options(declared: Sequence[ExportOption]) -> list[dict[str, str]]:
    """One row per option, for help text: name, type, default and help.

    :param declared: the plugin's options.
    """
    rows = []
    for option in declared:
        kind = OPTION_TYPES[option.type]
        if option.choices:
            kind += ": " + ", ".join(option.choices)
        default = option.default
        if isinstance(default, tuple):
            default = ",".join(default)
        rows.append(
            {
                "name": option.name,
                "type": kind,
                "default": ""
                if default is None
                else str(default).lower()
                if isinstance(default, bool)
                else str(default),
                "help": option.help,
            }
        )
    return rows
