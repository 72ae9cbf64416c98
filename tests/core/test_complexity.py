"""No function in ``src/`` over cyclomatic complexity 30 (radon grade E or F) without a
comment saying why (issue 21): a ``# Complexity (radon N)`` comment right above it (or its
decorators), whose figure is the function's own. A newcomer meets either a small function
or the reason it is not one, with a figure that is not stale."""

from __future__ import annotations

import re
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

import realistsynth

LIMIT = 30
ROOT = Path(realistsynth.__file__).parent


_STATED = re.compile(r"# Complexity \(radon (\d+)\)")


def _stated(lines: list[str], lineno: int) -> int | None:
    """The figure of the ``# Complexity (radon N)`` comment above the function at
    ``lineno`` (or its decorators), if there is one."""
    index = lineno - 2  # the line above the def
    while index >= 0 and lines[index].lstrip().startswith("@"):
        index -= 1
    while index >= 0 and lines[index].lstrip().startswith("#"):
        match = _STATED.match(lines[index].lstrip())
        if match:
            return int(match.group(1))
        index -= 1
    return None


def _functions(blocks: list[Function | Class]) -> list[Function]:
    """Every function and method, closures included (a class's figure is its methods' sum)."""
    out: list[Function] = []
    for block in blocks:
        if isinstance(block, Class):
            out += _functions(block.methods)
        else:
            out.append(block)
            out += _functions(block.closures)
    return out


def test_complex_functions_say_why() -> None:
    unexplained = []
    stale = []
    checked = 0
    for path in sorted(ROOT.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        for block in _functions(cc_visit(text)):
            checked += 1
            stated = _stated(lines, block.lineno)
            where = f"{path.relative_to(ROOT.parent)}:{block.lineno} {block.name}"
            if block.complexity > LIMIT and stated is None:
                unexplained.append(f"{where} ({block.complexity})")
            elif stated is not None and stated != block.complexity:
                stale.append(f"{where}: the comment says {stated}, radon {block.complexity}")
    assert checked > 1000
    assert unexplained == [], (
        "add a '# Complexity (radon N)' comment saying why, or split:\n" + "\n".join(unexplained)
    )
    assert stale == [], "update the figure (or split the function):\n" + "\n".join(stale)
