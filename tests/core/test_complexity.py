"""No function in ``src/`` over cyclomatic complexity 30 (radon grade E or F) without a
comment saying why (issue 21): a ``# Complexity`` comment right above it (or its
decorators). A newcomer meets either a small function or the reason it is not one."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

import realistsynth

LIMIT = 30
ROOT = Path(realistsynth.__file__).parent


def _explained(lines: list[str], lineno: int) -> bool:
    index = lineno - 2  # the line above the def
    while index >= 0 and lines[index].lstrip().startswith("@"):
        index -= 1
    while index >= 0 and lines[index].lstrip().startswith("#"):
        if lines[index].lstrip().startswith("# Complexity"):
            return True
        index -= 1
    return False


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
    checked = 0
    for path in sorted(ROOT.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        for block in _functions(cc_visit(text)):
            checked += 1
            if block.complexity > LIMIT and not _explained(lines, block.lineno):
                where = path.relative_to(ROOT.parent)
                unexplained.append(f"{where}:{block.lineno} {block.name} ({block.complexity})")
    assert checked > 1000
    assert unexplained == [], "add a '# Complexity' comment saying why, or split:\n" + "\n".join(
        unexplained
    )
