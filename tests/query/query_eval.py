"""A tiny reference evaluator of neutral query trees over made-up records (tests only).

It gives tests an independent meaning to compare against: two trees are equivalent when they
select the same records, whatever their shape.
"""

from __future__ import annotations

import re

from realistsynth.query.ast import And, Field, Heading, Near, Node, Not, Or, Phrase, Term

# which record fields each neutral field searches
SEARCHED = {
    None: ("ti", "ab", "kw"),
    Field.TITLE: ("ti",),
    Field.ABSTRACT: ("ab",),
    Field.TITLE_ABSTRACT: ("ti", "ab"),
    Field.KEYWORDS: ("kw",),
    Field.TEXT_WORDS: ("ti", "ab", "kw"),
    Field.SUBJECT: ("su",),
    Field.ALL: ("ti", "ab", "kw", "su"),
}


def _matcher(word: str) -> re.Pattern[str]:
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in word), re.I
    )


def _positions(words: tuple[str, ...], tokens: list[str]) -> list[tuple[int, int]]:
    """Start and end positions where ``words`` occur consecutively."""
    pats = [_matcher(w) for w in words]
    out = []
    for i in range(len(tokens) - len(pats) + 1):
        if all(p.fullmatch(tokens[i + k]) for k, p in enumerate(pats)):
            out.append((i, i + len(pats) - 1))
    return out


def _spans(operand: Node, tokens: list[str]) -> list[tuple[int, int]]:
    if isinstance(operand, Or):
        return [s for o in operand.operands for s in _spans(o, tokens)]
    if isinstance(operand, Term):
        return _positions((operand.text,), tokens)
    assert isinstance(operand, Phrase), operand  # a proximity operand: a word, phrase or OR
    words = operand.words
    return _positions(words, tokens)


def evaluate(node: Node, record: dict[str, list[str]]) -> bool:
    """Whether ``record`` (field -> tokens; ``mh`` -> heading names) is found by ``node``."""
    if isinstance(node, And):
        return all(evaluate(o, record) for o in node.operands)
    if isinstance(node, Or):
        return any(evaluate(o, record) for o in node.operands)
    if isinstance(node, Not):
        return evaluate(node.include, record) and not evaluate(node.exclude, record)
    if isinstance(node, Heading):
        return node.name in record.get("mh", [])
    fields = SEARCHED[node.field]
    if isinstance(node, Term | Phrase):
        words = (node.text,) if isinstance(node, Term) else node.words
        return any(_positions(words, record.get(f, [])) for f in fields)
    assert isinstance(node, Near)
    for f in fields:
        tokens = record.get(f, [])
        for a0, a1 in _spans(node.left, tokens):
            for b0, b1 in _spans(node.right, tokens):
                gap = b0 - a1 - 1 if b0 > a1 else a0 - b1 - 1
                if gap <= node.distance and (a1 < b0 or b1 < a0):
                    return True
    return False
