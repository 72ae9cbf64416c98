"""How each platform groups ``AND``, ``OR``, ``NOT`` and proximity when there are no brackets.

Platforms disagree, and a query such as ``a AND b OR c`` finds different records on each. A
:class:`Precedence` lists the operator tiers of one platform, tightest first; operators of one
tier are applied left to right. :func:`build` turns a flat run ``operand op operand op ...``
(one bracket level of a parsed query) into a tree under a given precedence, which is how the
lint shows what each platform would do with an unbracketed query.

The tiers are taken from each platform's documentation (``source``); where a platform does not
document them, no :class:`Precedence` is claimed and renderings always bracket every group.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from attrs import frozen

from realistsynth.errors import QuerySyntaxError
from realistsynth.query.ast import (
    Field,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Term,
    make_and,
    make_or,
)

__all__ = [
    "EBSCO",
    "MAX_DEPTH",
    "MAX_DISTANCE",
    "NEUTRAL",
    "OVID",
    "PROQUEST",
    "PUBMED",
    "SCOPUS",
    "WOS",
    "Op",
    "OpToken",
    "Precedence",
    "build",
    "check_distance",
    "check_nesting",
    "make_near",
]


class Op(enum.Enum):
    """A binary operator of the neutral syntax."""

    AND = "AND"
    OR = "OR"
    NOT = "NOT"
    NEAR = "NEAR"


@frozen
class OpToken:
    """An operator as written: which one, its proximity distance, and where it stands."""

    op: Op
    position: int
    distance: int | None = None


@frozen
class Precedence:
    """The operator tiers of one platform, tightest first, with the page that documents them."""

    name: str
    tiers: tuple[frozenset[Op], ...]
    source: str

    def tier(self, op: Op) -> int:
        """The index of ``op``'s tier (0 binds tightest)."""
        for i, tier in enumerate(self.tiers):
            if op in tier:
                return i
        return len(self.tiers)


def _tiers(*tiers: set[Op]) -> tuple[frozenset[Op], ...]:
    return tuple(frozenset(t) for t in tiers)


#: realistsynth's own reading: proximity, then AND/NOT (left to right), then OR.
NEUTRAL = Precedence(
    "neutral", _tiers({Op.NEAR}, {Op.AND, Op.NOT}, {Op.OR}), "docs/search.md#precedence"
)
#: PubMed processes Boolean operators strictly left to right.
PUBMED = Precedence(
    "PubMed",
    _tiers({Op.NEAR, Op.AND, Op.OR, Op.NOT}),
    "https://pubmed.ncbi.nlm.nih.gov/help/#combining-with-boolean-operators",
)
#: Ovid: AND is processed before NOT, OR last.
OVID = Precedence(
    "Ovid",
    _tiers({Op.NEAR}, {Op.AND}, {Op.NOT}, {Op.OR}),
    "https://www.ciap.health.nsw.gov.au/training/ebp-learning-modules/module3/"
    "combining-terms-with-boolean-operators-and-or-not-on-ovid-databases.html",
)
#: EBSCOhost: "When executing a search, And takes precedence over Or."
EBSCO = Precedence(
    "EBSCOhost",
    _tiers({Op.NEAR}, {Op.AND, Op.NOT}, {Op.OR}),
    "EBSCO help sheet 'Searching with Boolean Operators' (as quoted in "
    "https://libguides.shc.edu/c.php?g=537181&p=3675355)",
)
#: ProQuest: OR before proximity, proximity before AND, AND NOT last.
PROQUEST = Precedence(
    "ProQuest",
    _tiers({Op.OR}, {Op.NEAR}, {Op.AND}, {Op.NOT}),
    "http://proquest.umi.com/i-std/en/npc/precedence.htm",
)
#: Scopus: OR, then W/n and PRE/n, then AND, then AND NOT.
SCOPUS = Precedence(
    "Scopus",
    _tiers({Op.OR}, {Op.NEAR}, {Op.AND}, {Op.NOT}),
    "http://help.scopus.com/robo/projects/schelp/h_bscssrchboolop.htm",
)
#: Web of Science: NEAR/x, SAME, NOT, AND, OR.
WOS = Precedence(
    "Web of Science",
    _tiers({Op.NEAR}, {Op.NOT}, {Op.AND}, {Op.OR}),
    "https://webofscience.help.clarivate.com/Content/search-operators.html",
)


def _strip_field(node: Term | Phrase | Or) -> tuple[Term | Phrase | Or, set[Field | None]]:
    if isinstance(node, Or):
        parts = [_strip_field(o) for o in node.operands]  # type: ignore[arg-type]
        fields = set().union(*(f for _, f in parts))
        return Or(p for p, _ in parts), fields
    return type(node)(node.text if isinstance(node, Term) else node.words), {node.field}  # type: ignore[arg-type]


#: The deepest bracket nesting a query may have: far beyond any real search strategy, far
#: below Python's recursion limit (queries are parsed and printed recursively).
MAX_DEPTH = 100
#: The largest ``NEAR/n`` distance (no platform searches further apart).
MAX_DISTANCE = 255


def check_nesting(text: str, opening: str = "(", closing: str = ")") -> None:
    """Refuse a query whose brackets nest deeper than :data:`MAX_DEPTH` (quoted text aside).

    :raises QuerySyntaxError: at the bracket that goes too deep.
    """
    depth = 0
    quoted = False
    for position, char in enumerate(text):
        if char in '"“”„‟':
            quoted = not quoted
        elif quoted:
            continue
        elif char == opening:
            depth += 1
            if depth > MAX_DEPTH:
                raise QuerySyntaxError(
                    f"brackets nest more than {MAX_DEPTH} deep", text=text, position=position
                )
        elif char == closing:
            depth -= 1


def check_distance(distance: int, *, text: str, position: int) -> None:
    """Refuse a proximity distance beyond :data:`MAX_DISTANCE`.

    :raises QuerySyntaxError: at ``position``.
    """
    if distance > MAX_DISTANCE:
        raise QuerySyntaxError(
            f"proximity distance {distance} is beyond the largest, {MAX_DISTANCE}",
            text=text,
            position=position,
        )


def make_near(left: Node, right: Node, distance: int, *, text: str, position: int) -> Near:
    """A :class:`Near`, moving the operands' common field onto it.

    :raises QuerySyntaxError: if an operand is not a word, phrase or OR-group of them, or the
        two sides search different fields, or the distance is beyond :data:`MAX_DISTANCE`.
    """
    check_distance(distance, text=text, position=position)
    for side in (left, right):
        ok = isinstance(side, Term | Phrase) or (
            isinstance(side, Or) and all(isinstance(o, Term | Phrase) for o in side.operands)
        )
        if not ok:
            raise QuerySyntaxError(
                f"NEAR/{distance} joins words, phrases or OR-groups of them, not "
                f"{type(side).__name__} groups",
                text=text,
                position=position,
            )
    lnode, lfields = _strip_field(left)  # type: ignore[arg-type]
    rnode, rfields = _strip_field(right)  # type: ignore[arg-type]
    fields = lfields | rfields
    if len(fields) > 1:
        raise QuerySyntaxError(
            f"both sides of NEAR/{distance} must search the same field; put the field on "
            "the whole group, as in ti:(a NEAR/3 b)",
            text=text,
            position=position,
        )
    return Near(lnode, rnode, distance, fields.pop())


def _combine(op: OpToken, left: Node, right: Node, text: str) -> Node:
    if op.op is Op.AND:
        return make_and((left, right))
    if op.op is Op.OR:
        return make_or((left, right))
    if op.op is Op.NOT:
        return Not(left, right)
    assert op.distance is not None
    return make_near(left, right, op.distance, text=text, position=op.position)


def build(items: Sequence[Node | OpToken], precedence: Precedence, text: str) -> Node:
    """The tree of one bracket level ``operand op operand ...`` under ``precedence``."""
    if len(items) == 1:
        only = items[0]
        assert not isinstance(only, OpToken)
        return only
    ops = [i for i in items[1::2] if isinstance(i, OpToken)]
    loosest = max(precedence.tier(o.op) for o in ops)
    segments: list[list[Node | OpToken]] = [[]]
    joins: list[OpToken] = []
    for item in items:
        if isinstance(item, OpToken) and precedence.tier(item.op) == loosest:
            joins.append(item)
            segments.append([])
        else:
            segments[-1].append(item)
    result = build(segments[0], precedence, text)
    for join, segment in zip(joins, segments[1:], strict=True):
        result = _combine(join, result, build(segment, precedence, text), text)
    return result
