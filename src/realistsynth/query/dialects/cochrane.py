"""Cochrane Library Search Manager: field labels after terms (``:ti,ab,kw``), ``[mh]``.

Syntax from the Search Manager help (https://www.cochranelibrary.com/search-manager-help):
field labels ``:ti``, ``:ab``, ``:kw`` combined with commas after a term or bracketed group;
MeSH as ``[mh "Heading"]`` (exploded, all trees) or ``[mh ^"Heading"]`` (this term only);
``NEAR/n`` (any order) and ``NEXT`` (adjacent, in order); ``*`` truncates and ``?`` stands
for one character; phrase searching does not support wildcards, so such phrases are written
with ``NEXT``. The help does not state a precedence, so every group is bracketed.
"""

from __future__ import annotations

from realistsynth.query.ast import And, Field, Heading, Near, Node, Or, Phrase, Term, Vocabulary
from realistsynth.query.dialect import BaseDialect, RenderContext

__all__ = ["CochraneDialect"]

_LABELS: dict[Field, str] = {
    Field.TITLE: "ti",
    Field.ABSTRACT: "ab",
    Field.TITLE_ABSTRACT: "ti,ab",
    Field.KEYWORDS: "kw",
    Field.TEXT_WORDS: "ti,ab,kw",
    Field.SUBJECT: "kw",
}


def _phrase_body(words: tuple[str, ...], ctx: RenderContext) -> str:
    if any(c in w for w in words for c in "*?"):
        ctx.note("Cochrane phrases do not take wildcards: phrases with wildcards use NEXT")
        return "(" + " NEXT ".join(words) + ")" if len(words) > 1 else words[0]
    return '"' + " ".join(words) + '"'


class CochraneDialect(BaseDialect):
    """Cochrane Library (CENTRAL, CDSR) Search Manager."""

    name = "cochrane"
    title = "Cochrane Library"
    documentation = "https://www.cochranelibrary.com/search-manager-help"

    def _labelled(self, body: str, field: Field | None, node: Node, ctx: RenderContext) -> str:
        if field is None or field is Field.ALL:
            return body
        if field is Field.SUBJECT:
            ctx.loss(
                "field", node, "the Cochrane Library has no subject-word field: searched in :kw"
            )
        return f"{body}:{_LABELS[field]}"

    def bare(self, node: Term | Phrase, ctx: RenderContext) -> str:
        return node.text if isinstance(node, Term) else _phrase_body(node.words, ctx)

    def wraps(self, field: Field, node: And | Or) -> bool:
        return field is not Field.ALL and ("," not in _LABELS[field] or isinstance(node, Or))

    def wrap_field(self, body: str, field: Field, node: Node, ctx: RenderContext) -> str:
        return self._labelled(f"({body})", field, node, ctx)

    def term(self, node: Term, ctx: RenderContext) -> str:
        return self._labelled(node.text, node.field, node, ctx)

    def phrase(self, node: Phrase, ctx: RenderContext) -> str:
        return self._labelled(_phrase_body(node.words, ctx), node.field, node, ctx)

    def heading(self, node: Heading, ctx: RenderContext) -> str:
        if node.vocabulary is not Vocabulary.MESH:
            ctx.loss("heading", node, "the Cochrane Library indexes MeSH only: searched as MeSH")
        return f'[mh {"" if node.explode else "^"}"{node.name}"]'

    def near(self, node: Near, ctx: RenderContext) -> str:
        left, right = self.near_operand(node.left, ctx), self.near_operand(node.right, ctx)
        body = f"({left} NEAR/{node.distance} {right})"
        return self._labelled(body, node.field, node, ctx)
