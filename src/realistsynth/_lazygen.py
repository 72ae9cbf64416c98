"""The generated part of each lazy package's ``__init__.py``, written from one list.

Each package whose public names load on first use (:mod:`realistsynth._lazy`) lists them
once, in ``_HOMES`` (home module -> names). The ``TYPE_CHECKING`` imports that type checkers
and documentation tools read, the hook that installs ``__getattr__`` and ``__dir__``, and
``__all__`` are written from it between two marker lines by ``python -m
realistsynth._lazygen``; ``tests/startup/test_lazy_public_api.py`` checks that every block is
current, as the hook reference's test does for ``docs/reference/hooks.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["BEGIN", "END", "LAZY_PACKAGES", "current_text", "main", "render_block"]

#: The packages whose public names load on first use.
LAZY_PACKAGES = (
    "realistsynth",
    "realistsynth.model",
    "realistsynth.query",
    "realistsynth.references",
)
BEGIN = "# --- generated from _HOMES by `python -m realistsynth._lazygen`: do not edit by hand ---"
END = "# --- end of the generated block ---"
#: public names a package binds eagerly, listed in ``__all__`` beside the lazy ones
EAGER_NAMES = ("__version__",)


def _kind(name: str) -> int:
    """Constants, then classes, then the rest: the order ruff's isort and RUF022 keep."""
    if name.upper() == name and not name.startswith("_"):
        return 0
    return 1 if name[:1].isupper() else 2


def _import_key(name: str) -> tuple[int, str]:
    return _kind(name), name.lower()  # isort compares names without case


def _all_key(name: str) -> tuple[int, str]:
    return _kind(name), name  # RUF022 compares them with case


def render_block(homes: Mapping[str, Iterable[str]], eager: Iterable[str] = ()) -> str:
    """The generated block of a package with these ``homes`` (and ``eager`` names).

    :param homes: home module -> the public names it provides (the package's ``_HOMES``).
    :param eager: public names the package binds itself (``__version__``).
    """
    lines = [BEGIN, "if TYPE_CHECKING:"]
    for module in sorted(homes):
        names = sorted(set(homes[module]), key=_import_key)
        one_line = f"    from {module} import {', '.join(names)}"
        if len(one_line) <= 100:
            lines.append(one_line)
        else:
            lines.append(f"    from {module} import (")
            lines.extend(f"        {name}," for name in names)
            lines.append("    )")
    lines += [
        "",
        "if not TYPE_CHECKING:",
        "    from realistsynth import _lazy",
        "",
        "    __getattr__, __dir__ = _lazy.lazy_exports(globals(), _HOMES)",
        "",
        "__all__ = [",
    ]
    public = {name for names in homes.values() for name in names} | set(eager)
    lines.extend(f'    "{name}",' for name in sorted(public, key=_all_key))
    lines += ["]", END]
    return "\n".join(lines) + "\n"


def current_text(package: str) -> tuple[Path, str, str]:
    """The package's ``__init__.py``, its text, and its text with the block regenerated.

    :raises ValueError: the file has no generated block.
    """
    module = importlib.import_module(package)
    path = Path(str(module.__file__))
    text = path.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{path}: no generated block ({BEGIN!r} ... {END!r})")
    eager = [name for name in EAGER_NAMES if name in vars(module)]
    block = render_block(vars(module)["_HOMES"], eager)
    return path, text, text[:start] + block + text[end + len(END) + 1 :]


def main() -> None:
    """Regenerate the block of every lazy package; print the files that changed."""
    for package in LAZY_PACKAGES:
        path, text, wanted = current_text(package)
        if wanted != text:
            path.write_text(wanted, encoding="utf-8")
            print(f"regenerated {path}")


if __name__ == "__main__":
    main()
