"""Turning command-line text into model values, with errors that say which option was wrong.

The model's value objects validate themselves and raise :class:`ValueError`; a command turns
that into an :class:`~realistsynth.errors.InvalidValueError` naming the option, so the user
sees ``error: --id: 'a b' is not a valid id`` and exit status 1, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from realistsynth.errors import InvalidValueError

__all__ = ["model_value", "next_id", "text_argument"]

T = TypeVar("T")


def model_value(build: Callable[[], T], *, where: str) -> T:
    """Call ``build``; a :class:`ValueError` or :class:`TypeError` becomes an
    :class:`InvalidValueError` at ``where``."""
    try:
        return build()
    except (ValueError, TypeError) as exc:
        raise InvalidValueError(str(exc), where=where) from None


def next_id(prefix: str, taken: Iterable[str]) -> str:
    """The first ``prefix-N`` (N = 1, 2, ...) that is not ``taken``."""
    used = set(taken)
    n = len(used) + 1
    for candidate in range(1, n + 1):
        if f"{prefix}-{candidate}" not in used:
            return f"{prefix}-{candidate}"
    return f"{prefix}-{n + 1}"  # pragma: no cover - the loop always finds one


def text_argument(text: str | None, file: Path | None, *, what: str) -> str | None:
    """The text given inline or read from a UTF-8 file (``-`` is not special), never both."""
    if text is not None and file is not None:
        raise InvalidValueError(f"give {what} inline or from a file, not both", where=str(file))
    if file is None:
        return text
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidValueError(f"cannot read {what}: {exc}", where=str(file)) from None
