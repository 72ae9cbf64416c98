"""EBSCOhost (CINAHL, Business Source Complete, MEDLINE via EBSCO): field codes before terms.

Syntax from EBSCO's search help (field codes ``TI``, ``AB``, ``KW``, ``SU``, ``TX``; headings
``(MH "Heading")`` and exploded ``(MH "Heading+")``; proximity ``Nn``, at most ``n`` words
between in any order; ``*`` truncates, ``?`` stands for exactly one character, but a ``?`` at
the end of a word is removed): https://connect.ebsco.com/s/article/Searching-with-Field-Codes
and https://libguides.sdu.dk/EBSCO-english/proximity. EBSCOhost has no title-or-abstract
field code, so ``tiab:`` becomes ``(TI x OR AB x)``, which finds the same records.
"""

from __future__ import annotations

from realistsynth.query.ast import And, Field, Heading, Near, Node, Or, Phrase, Term, Vocabulary
from realistsynth.query.dialect import BaseDialect, RenderContext
from realistsynth.query.precedence import EBSCO

__all__ = ["EbscoDialect"]

_CODES: dict[Field, tuple[str, ...]] = {
    Field.TITLE: ("TI",),
    Field.ABSTRACT: ("AB",),
    Field.TITLE_ABSTRACT: ("TI", "AB"),
    Field.KEYWORDS: ("KW",),
    Field.TEXT_WORDS: ("TI", "AB", "KW"),
    Field.SUBJECT: ("SU",),
    Field.ALL: ("TX",),
}


class EbscoDialect(BaseDialect):
    """EBSCOhost advanced search (one search box, field codes typed in)."""

    name = "ebsco"
    title = "EBSCOhost (CINAHL, Business Source Complete)"
    documentation = "https://connect.ebsco.com/s/article/Searching-with-Field-Codes"
    precedence = EBSCO

    def _word(self, word: str, node: Node, ctx: RenderContext) -> str:
        if word.endswith("?"):
            ctx.loss(
                "wildcard",
                node,
                f"EBSCOhost removes a '?' at the end of a word: {word!r} searched as "
                f"{word.rstrip('?') + '*'!r} (broader)",
            )
            return word.rstrip("?") + "*"
        return word

    def _fielded(self, body: str, field: Field | None) -> str:
        if field is None:
            return body
        codes = _CODES[field]
        if len(codes) == 1:
            return f"{codes[0]} {body}"
        return "(" + " OR ".join(f"{code} {body}" for code in codes) + ")"

    def bare(self, node: Term | Phrase, ctx: RenderContext) -> str:
        if isinstance(node, Term):
            return self._word(node.text, node, ctx)
        return '"' + " ".join(self._word(w, node, ctx) for w in node.words) + '"'

    def wraps(self, field: Field, node: And | Or) -> bool:
        return len(_CODES[field]) == 1 or isinstance(node, Or)

    def wrap_field(self, body: str, field: Field, node: Node, ctx: RenderContext) -> str:
        return self._fielded(f"({body})", field)

    def term(self, node: Term, ctx: RenderContext) -> str:
        return self._fielded(self._word(node.text, node, ctx), node.field)

    def phrase(self, node: Phrase, ctx: RenderContext) -> str:
        words = " ".join(self._word(w, node, ctx) for w in node.words)
        return self._fielded(f'"{words}"', node.field)

    def heading(self, node: Heading, ctx: RenderContext) -> str:
        ctx.note(
            "EBSCOhost (MH ...) searches the thesaurus of the open database: run MeSH headings "
            "in MEDLINE, CINAHL headings in CINAHL"
        )
        if node.vocabulary is Vocabulary.SUBJECT:
            return f'(SU "{node.name}")' if not node.explode else f'(MH "{node.name}+")'
        return f'(MH "{node.name}{"+" if node.explode else ""}")'

    def near(self, node: Near, ctx: RenderContext) -> str:
        def side(operand: Node) -> str:
            if isinstance(operand, Or):
                return "(" + " OR ".join(side(o) for o in operand.operands) + ")"
            if isinstance(operand, Term):
                return self._word(operand.text, node, ctx)
            assert isinstance(operand, Phrase)
            return '"' + " ".join(self._word(w, node, ctx) for w in operand.words) + '"'

        body = f"({side(node.left)} N{node.distance} {side(node.right)})"
        return self._fielded(body, node.field)
