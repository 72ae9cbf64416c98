"""Reading a plugin's on/off option, given in Python or as text.

Importer and exporter options arrive as a mapping (``read_records(options=...)``,
``export --option KEY=VALUE`` on the command line, a TOML file), so a switch may be ``True``
or the text ``"false"``. One reading for every plugin keeps the accepted spellings the same
everywhere; each caller turns the :class:`ValueError` into its own error type, which names
the file or the export.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["flag"]

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
