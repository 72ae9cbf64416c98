"""Scopus advanced search: field functions such as ``TITLE-ABS-KEY()`` and ``W/n``.

Syntax from Scopus help: field codes ``TITLE``, ``ABS``, ``TITLE-ABS``, ``TITLE-ABS-KEY``,
``AUTHKEY``, ``INDEXTERMS``, ``ALL``; ``AND``, ``OR``, ``AND NOT`` processed OR first, then
proximity, AND, AND NOT (http://help.scopus.com/robo/projects/schelp/h_bscssrchboolop.htm);
``W/n`` (any order, at most ``n`` terms between) and ``PRE/n``; proximity cannot take an
``OR`` group; wildcards inside a double-quoted phrase are treated as punctuation, so such
phrases are written with ``PRE/0`` (http://help.scopus.com/robo/projects/schelp/h_bscssrchFASTprox.htm).
"""

from __future__ import annotations

from realistsynth.query.ast import And, Field, Heading, Near, Node, Or, Phrase, Term
from realistsynth.query.dialect import BaseDialect, RenderContext
from realistsynth.query.precedence import SCOPUS

__all__ = ["ScopusDialect"]

_CODES: dict[Field | None, str] = {
    Field.TITLE: "TITLE",
    Field.ABSTRACT: "ABS",
    Field.TITLE_ABSTRACT: "TITLE-ABS",
    Field.KEYWORDS: "AUTHKEY",
    Field.TEXT_WORDS: "TITLE-ABS-KEY",
    Field.SUBJECT: "INDEXTERMS",
    Field.ALL: "ALL",
    None: "ALL",
}


def _phrase_body(words: tuple[str, ...], ctx: RenderContext) -> str:
    if any(c in w for w in words for c in "*?"):
        ctx.note("Scopus ignores wildcards inside quotes: phrases with wildcards use PRE/0")
        return " PRE/0 ".join(words)
    return '"' + " ".join(words) + '"'


class ScopusDialect(BaseDialect):
    """Scopus advanced search."""

    name = "scopus"
    title = "Scopus"
    documentation = "http://help.scopus.com/robo/projects/schelp/h_bscssrchboolop.htm"
    precedence = SCOPUS
    not_word = "AND NOT"

    def _fielded(self, body: str, field: Field | None, ctx: RenderContext) -> str:
        if field is None:
            ctx.note("Scopus advanced search needs a field: untagged terms use ALL()")
        return f"{_CODES[field]}({body})"

    def bare(self, node: Term | Phrase, ctx: RenderContext) -> str:
        if isinstance(node, Term):
            return node.text
        body = _phrase_body(node.words, ctx)
        # OR binds tighter than PRE/0 in Scopus: keep the rewritten phrase together
        return f"({body})" if " PRE/0 " in body else body

    def wraps(self, field: Field, node: And | Or) -> bool:
        return True

    def wrap_field(self, body: str, field: Field, node: Node, ctx: RenderContext) -> str:
        return self._fielded(body, field, ctx)

    def term(self, node: Term, ctx: RenderContext) -> str:
        return self._fielded(node.text, node.field, ctx)

    def phrase(self, node: Phrase, ctx: RenderContext) -> str:
        return self._fielded(_phrase_body(node.words, ctx), node.field, ctx)

    def heading(self, node: Heading, ctx: RenderContext) -> str:
        if node.explode:
            ctx.loss(
                "explode",
                node,
                "Scopus cannot explode a heading: only the heading itself is searched (INDEXTERMS)",
            )
        return f'INDEXTERMS("{node.name}")'

    def near(self, node: Near, ctx: RenderContext) -> str:
        def side(operand: Node) -> str:
            if isinstance(operand, Term):
                return operand.text
            assert isinstance(operand, Phrase)
            return _phrase_body(operand.words, ctx)

        lefts = node.left.operands if isinstance(node.left, Or) else (node.left,)
        rights = node.right.operands if isinstance(node.right, Or) else (node.right,)
        pairs = [f"{side(a)} W/{node.distance} {side(b)}" for a in lefts for b in rights]
        if len(pairs) > 1:
            ctx.note("Scopus proximity cannot take OR groups: each pair is searched")
        bodies = [self._fielded(p, node.field, ctx) for p in pairs]
        return bodies[0] if len(bodies) == 1 else "(" + " OR ".join(bodies) + ")"
