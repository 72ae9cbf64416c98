"""Web of Science advanced search: field tags ``TS=()``, ``TI=()``, ``AB=()``, ``NEAR/x``.

Syntax from the Web of Science help (https://webofscience.help.clarivate.com/Content/search-
operators.html and .../advanced-search-query-builder.html): tags ``TI`` (title), ``AB``
(abstract), ``AK`` (author keywords), ``TS`` (topic: title, abstract, author keywords and
Keywords Plus), ``ALL``; operators processed NEAR/x, SAME, NOT, AND, OR; ``NEAR/x`` finds
terms at most ``x`` words apart and cannot contain AND; ``*`` and ``?`` as in the neutral
syntax. The Core Collection has no subject headings.
"""

from __future__ import annotations

from realistsynth.query.ast import And, Field, Heading, Near, Node, Or, Phrase, Term
from realistsynth.query.dialect import BaseDialect, RenderContext
from realistsynth.query.precedence import WOS

__all__ = ["WebOfScienceDialect"]

_TAGS: dict[Field | None, tuple[str, ...]] = {
    Field.TITLE: ("TI",),
    Field.ABSTRACT: ("AB",),
    Field.TITLE_ABSTRACT: ("TI", "AB"),
    Field.KEYWORDS: ("AK",),
    Field.TEXT_WORDS: ("TS",),
    Field.SUBJECT: ("TS",),
    Field.ALL: ("ALL",),
    None: ("ALL",),
}


class WebOfScienceDialect(BaseDialect):
    """Web of Science Core Collection advanced search."""

    name = "wos"
    title = "Web of Science"
    documentation = "https://webofscience.help.clarivate.com/Content/search-operators.html"
    precedence = WOS

    def _tagged(self, body: str, field: Field | None, node: Node, ctx: RenderContext) -> str:
        if field is Field.TEXT_WORDS:
            ctx.note("Web of Science TS= also searches Keywords Plus")
        if field is Field.SUBJECT:
            ctx.loss("field", node, "Web of Science has no subject field: searched in TS=")
        if field is None:
            ctx.note("Web of Science advanced search needs a tag: untagged terms use ALL=")
        tags = _TAGS[field]
        if len(tags) == 1:
            return f"{tags[0]}=({body})"
        return "(" + " OR ".join(f"{t}=({body})" for t in tags) + ")"

    def wraps(self, field: Field, node: And | Or) -> bool:
        return len(_TAGS[field]) == 1 or isinstance(node, Or)

    def wrap_field(self, body: str, field: Field, node: Node, ctx: RenderContext) -> str:
        return self._tagged(body, field, node, ctx)

    def term(self, node: Term, ctx: RenderContext) -> str:
        return self._tagged(self.bare(node, ctx), node.field, node, ctx)

    def phrase(self, node: Phrase, ctx: RenderContext) -> str:
        return self._tagged(self.bare(node, ctx), node.field, node, ctx)

    def heading(self, node: Heading, ctx: RenderContext) -> str:
        ctx.loss(
            "heading",
            node,
            "the Web of Science Core Collection has no subject headings: the heading is "
            "searched as a topic phrase",
        )
        return f'TS=("{node.name}")'

    def near(self, node: Near, ctx: RenderContext) -> str:
        left, right = self.near_operand(node.left, ctx), self.near_operand(node.right, ctx)
        return self._tagged(
            f"{left} NEAR/{node.distance} {right}",
            node.field,
            node,
            ctx,
        )
