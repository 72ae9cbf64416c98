"""ProQuest (ProQuest Central, ABI/INFORM): field codes as functions, ``NEAR/n``.

Syntax from ProQuest's search tips (https://proquest.libguides.com/proquestplatform/tips) and
its command-line field codes: ``ti()``, ``ab()``, ``su()``, ``if()`` (identifier keywords),
``noft()`` (all fields but full text), ``MESH.EXACT()`` / ``MESH.EXACT.EXPLODE()`` for MeSH,
``SU.EXACT()`` / ``SU.EXACT.EXPLODE()`` for the database's own thesaurus; ``*`` truncates,
``?`` stands for one character; ``NEAR/n`` finds terms within ``n`` words in any order. By
default ProQuest searches all fields *and full text*.
"""

from __future__ import annotations

from realistsynth.query.ast import And, Field, Heading, Near, Node, Or, Phrase, Term, Vocabulary
from realistsynth.query.dialect import BaseDialect, RenderContext
from realistsynth.query.precedence import PROQUEST

__all__ = ["ProQuestDialect"]

_CODES: dict[Field, tuple[str, ...]] = {
    Field.TITLE: ("ti",),
    Field.ABSTRACT: ("ab",),
    Field.TITLE_ABSTRACT: ("ti", "ab"),
    Field.KEYWORDS: ("if",),
    Field.TEXT_WORDS: ("noft",),
    Field.SUBJECT: ("su",),
}


class ProQuestDialect(BaseDialect):
    """ProQuest command-line / advanced search syntax."""

    name = "proquest"
    title = "ProQuest (ProQuest Central, ABI/INFORM)"
    documentation = "https://proquest.libguides.com/proquestplatform/tips"
    precedence = PROQUEST

    def _fielded(self, body: str, field: Field | None, node: Node, ctx: RenderContext) -> str:
        if field is None or field is Field.ALL:
            ctx.note(
                "ProQuest's default fields may include full text (set 'All fields (no full text)')"
            )
            return body
        if field is Field.TEXT_WORDS:
            ctx.loss(
                "field",
                node,
                "ProQuest has no title/abstract/keyword field: searched in noft() (every "
                "field but full text, broader)",
            )
        codes = _CODES[field]
        if len(codes) == 1:
            return f"{codes[0]}({body})"
        return "(" + " OR ".join(f"{code}({body})" for code in codes) + ")"

    def wraps(self, field: Field, node: And | Or) -> bool:
        return field is not Field.ALL and (len(_CODES[field]) == 1 or isinstance(node, Or))

    def wrap_field(self, body: str, field: Field, node: Node, ctx: RenderContext) -> str:
        return self._fielded(body, field, node, ctx)

    def term(self, node: Term, ctx: RenderContext) -> str:
        return self._fielded(self.bare(node, ctx), node.field, node, ctx)

    def phrase(self, node: Phrase, ctx: RenderContext) -> str:
        return self._fielded(self.bare(node, ctx), node.field, node, ctx)

    def heading(self, node: Heading, ctx: RenderContext) -> str:
        code = "MESH" if node.vocabulary is Vocabulary.MESH else "SU"
        if node.vocabulary is Vocabulary.CINAHL:
            ctx.loss(
                "heading", node, "ProQuest has no CINAHL headings: searched in its own thesaurus"
            )
        return f'{code}.EXACT{".EXPLODE" if node.explode else ""}("{node.name}")'

    def near(self, node: Near, ctx: RenderContext) -> str:
        left, right = self.near_operand(node.left, ctx), self.near_operand(node.right, ctx)
        body = f"{left} NEAR/{node.distance} {right}"
        if node.field is None or node.field is Field.ALL:
            return f"({body})"
        return self._fielded(body, node.field, node, ctx)
