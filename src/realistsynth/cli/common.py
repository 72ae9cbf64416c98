"""What every command shares: error handling, JSON output, the rich console, review I/O."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from realistsynth.errors import RealistsynthError

__all__ = ["console", "emit_json", "error_console", "handle_errors", "review_path"]

P = ParamSpec("P")
R = TypeVar("R")


def console() -> Any:
    """A rich console on stdout (imported lazily: rich.console takes ~30 ms to import)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def error_console() -> Any:
    """A rich console on stderr."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn realistsynth errors into a clear message on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RealistsynthError as exc:
            from rich.markup import escape

            from realistsynth.plugins.manager import debugging

            if debugging():
                import traceback

                sys.stderr.write("".join(traceback.format_exception(exc)))

            error_console().print(f"[bold red]error:[/] {escape(str(exc))}")
            raise SystemExit(1) from None

    return wrapper


def review_path(exists: bool = True) -> click.Path:
    """The click type of a REVIEW argument (a project file)."""
    return click.Path(exists=exists, dir_okay=False, path_type=Path)
