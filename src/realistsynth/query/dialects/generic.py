"""The generic dialect: the neutral syntax itself, every group bracketed.

Its text runs unchanged wherever the platform understands ``AND``/``OR``/``NOT``, brackets,
quotes and ``*``; it is also what the lint uses to show how a platform would read a query.
"""

from __future__ import annotations

from realistsynth.query.ast import Query, Term, iter_nodes
from realistsynth.query.dialect import RenderContext, Rendering
from realistsynth.query.neutral import format_query, is_operator_word, parse_query
from realistsynth.query.precedence import NEUTRAL

__all__ = ["GenericDialect"]


class GenericDialect:
    """realistsynth's neutral syntax (``ti:``/``ab:``/``tiab:`` prefixes, ``NEAR/n``)."""

    name = "generic"
    title = "Generic (neutral syntax)"
    documentation = "docs/search.md"
    precedence = NEUTRAL
    can_parse = True

    def render(self, query: Query) -> Rendering:
        """The neutral text of ``query``; a word that is an operator is quoted (a loss)."""
        ctx = RenderContext()
        for node in iter_nodes(query):
            if isinstance(node, Term) and is_operator_word(node.text):
                ctx.loss(
                    "operator-word", node, f"the word {node.text!r} is quoted to keep it a word"
                )
        return Rendering(self.name, format_query(query), tuple(ctx.losses), tuple(ctx.notes))

    def parse(self, text: str) -> Query:
        """Read the neutral syntax."""
        return parse_query(text)
