"""What every command shares: error handling, JSON output, the rich console, review I/O.

:func:`handle_errors` is where a command's guarantees live, so every command gets them by
being decorated with it and by typing its paths with :func:`review_path` / :func:`output_path`:

* the project files named by REVIEW arguments are locked for the whole command
  (:func:`realistsynth.store.lock.review_lock`), so two processes never lose each other's
  changes by a load-modify-save race;
* an output path that is the review itself, or one of the command's input files (under any
  spelling: ``./r.json``, a symlink, a hard link), is refused before anything is written;
* every realistsynth error, and an operating-system error (a full disk, a vanished share),
  becomes one clear message and exit status 1; with ``--json`` that message is JSON on
  stdout, in the stable shape ``{"error": {"code", "message", "where"}}`` (see
  :func:`error_as_dict`).

Text that comes from data (titles, abstracts, file names, review questions) goes through
:func:`safe` before it reaches the terminal: rich markup in it is escaped, and control
characters and bidirectional overrides are removed, so a record cannot move the cursor, clear
the screen, make a hyperlink, or reorder what the reader sees.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from realistsynth.errors import RealistsynthError

__all__ = [
    "OutputPath",
    "ReviewPath",
    "bidi_warning",
    "console",
    "emit_json",
    "error_as_dict",
    "error_code",
    "error_console",
    "handle_errors",
    "output_path",
    "plain",
    "review_path",
    "safe",
]

P = ParamSpec("P")
R = TypeVar("R")

_REVIEWS = "realistsynth.reviews"
_OUTPUTS = "realistsynth.outputs"

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) with the marks that steer them
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: object) -> str:
    """``text`` without terminal control characters or bidirectional overrides.

    >>> plain("ok\\x1b[2J\\u202egnp.exe")
    'ok[2Jgnp.exe'
    """
    return _UNSAFE.sub("", str(text))


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_warning(path: Path) -> str | None:
    """A warning when the written file ``path`` (HTML, Markdown) holds bidirectional
    embeddings, overrides or isolates from the data: a browser shows such text in another
    order than it is stored (the "Trojan Source" trick), so a reader may see other words than
    the review holds. ``None`` when there are none."""
    try:
        text = path.read_text(encoding="utf-8", errors="ignore")
    except OSError:
        return None
    count = len(_BIDI.findall(text))
    if not count:
        return None
    return (
        f"{path} holds {count} bidirectional override character(s) from the data: parts of "
        "it may display in another order than stored; check the records they come from"
    )


def safe(text: object) -> str:
    """``text`` ready to go into rich markup: :func:`plain`, then markup escaped.

    >>> safe("How [for whom] works")
    'How \\\\[for whom] works'
    """
    from rich.markup import escape

    return escape(plain(text))


@functools.cache
def _safe_console_class() -> Any:
    from rich.console import Console
    from rich.errors import MarkupError

    class SafeConsole(Console):
        """A console that removes control characters and bidirectional overrides from every
        string it renders (printed text, table cells, titles), and that prints a string whose
        markup is broken as plain text instead of raising."""

        def render_str(self, text: str, **kwargs: Any) -> Any:
            text = plain(text)
            try:
                return super().render_str(text, **kwargs)
            except MarkupError:
                return super().render_str(text, **{**kwargs, "markup": False})

    return SafeConsole


def console() -> Any:
    """A rich console on stdout that is safe for text from data (see :func:`plain`); imported
    lazily: rich.console takes ~30 ms to import."""
    return _safe_console_class()(highlight=False, soft_wrap=True)


def error_console() -> Any:
    """A rich console on stderr, safe like :func:`console`."""
    return _safe_console_class()(stderr=True, highlight=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def error_code(exc: BaseException) -> str:
    """The stable code of an error: its class name in kebab case without ``Error``
    (``RecordImportError`` -> ``record-import``); ``usage`` for command-line mistakes,
    ``os`` for operating-system errors."""
    if isinstance(exc, click.ClickException):
        return "usage"
    if isinstance(exc, OSError):
        return "os"
    name = type(exc).__name__.removesuffix("Error") or type(exc).__name__
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()


def error_as_dict(exc: BaseException) -> dict[str, Any]:
    """An error as plain data: ``code`` (:func:`error_code`), ``message`` (what went wrong,
    without the place), ``where`` (the file and line, row, or id path; empty when the place is
    the whole input), and ``problems`` (one message each) when the error lists several."""
    if isinstance(exc, RealistsynthError):
        message, where = exc.message, exc.where
    elif isinstance(exc, click.ClickException):
        message = exc.format_message()
        param = getattr(exc, "param", None)
        where = getattr(exc, "param_hint", None) or (param.name if param is not None else "")
        where = where if isinstance(where, str) else " / ".join(where)
    elif isinstance(exc, OSError):
        message, where = exc.strerror or str(exc), str(exc.filename or "")
    else:
        message, where = str(exc), ""
    out: dict[str, Any] = {"code": error_code(exc), "message": message, "where": where}
    problems = getattr(exc, "problems", None)
    if isinstance(problems, list):
        out["problems"] = [str(p) for p in problems]
    return out


def _report(exc: BaseException, as_json: bool) -> None:
    if as_json:
        emit_json({"error": error_as_dict(exc)})
        return
    if isinstance(exc, OSError) and not isinstance(exc, RealistsynthError):
        text = f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc)
    else:
        text = str(exc)
    error_console().print(f"[bold red]error:[/] {safe(text)}")


class ReviewPath(click.Path):
    """The click type of a REVIEW argument: a project file, noted so that the command holds
    its lock and refuses to write an output over it."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if ctx is not None:
            ctx.meta.setdefault(_REVIEWS, []).append(Path(os.fsdecode(path)))
        return path


class OutputPath(click.Path):
    """The click type of a file a command writes: noted so that it is refused when it is the
    review or an input."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if ctx is not None:
            ctx.meta.setdefault(_OUTPUTS, []).append(Path(os.fsdecode(path)))
        return path


def review_path(exists: bool = True) -> click.Path:
    """The click type of a REVIEW argument (a project file)."""
    return ReviewPath(exists=exists, dir_okay=False, path_type=Path)


def output_path() -> click.Path:
    """The click type of an output file (``--out``)."""
    return OutputPath(dir_okay=False, path_type=Path)


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def _paths_in(value: Any) -> Iterator[Path]:
    if isinstance(value, Path):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            if isinstance(item, Path):
                yield item


def _check_outputs(ctx: click.Context) -> None:
    outputs: list[Path] = ctx.meta.get(_OUTPUTS, [])
    if not outputs:
        return
    reviews: list[Path] = ctx.meta.get(_REVIEWS, [])
    inputs = [
        path
        for value in ctx.params.values()
        for path in _paths_in(value)
        if path not in outputs and path not in reviews and path.is_file()
    ]
    from realistsynth.errors import ExportError

    for out in outputs:
        for review in reviews:
            if _same_file(out, review):
                raise ExportError(
                    f"is the review {review} itself: writing there would destroy it; choose "
                    "another output file",
                    where=str(out),
                )
        for source in inputs:
            if _same_file(out, source):
                raise ExportError(
                    f"is the input {source}: writing there would destroy it; choose another "
                    "output file",
                    where=str(out),
                )


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Run a command with the guarantees of the module docstring: reviews locked, outputs
    checked, errors reported (as JSON with ``--json``) with exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        as_json = bool(kwargs.get("as_json"))
        ctx = click.get_current_context(silent=True)
        try:
            with contextlib.ExitStack() as stack:
                if ctx is not None:
                    _check_outputs(ctx)
                    from realistsynth.store.lock import lock_path, review_lock

                    reviews = {lock_path(p): p for p in ctx.meta.get(_REVIEWS, [])}
                    for key in sorted(reviews):  # one order everywhere: no deadlock
                        stack.enter_context(review_lock(reviews[key]))
                return func(*args, **kwargs)
        except RealistsynthError as exc:
            _report(exc, as_json)
            raise SystemExit(1) from None
        except click.ClickException as exc:
            if not as_json:
                raise
            _report(exc, as_json)
            raise SystemExit(exc.exit_code) from None
        except OSError as exc:
            # a full disk or a vanished share met outside our own writers: still no traceback
            _report(exc, as_json)
            raise SystemExit(1) from None

    return wrapper
