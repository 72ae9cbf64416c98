"""The contract of a query dialect: render the neutral tree for one platform, parse it back.

A dialect (:class:`QueryDialect`) has a stable ``name`` (``pubmed``, ``ovid`` ...), a human
``title`` and :meth:`~QueryDialect.render`, which returns a :class:`Rendering`: the text to
paste into the platform and every :class:`Loss`, i.e. every part of the query the platform
cannot express and what was searched instead. Nothing is dropped silently: a query with no
losses finds on that platform what the neutral query says.

Parsing is optional: a dialect that can read its platform's syntax back into the tree sets
``can_parse = True`` and implements ``parse(text)`` (:class:`ParsingDialect`); use
:func:`can_parse` rather than ``isinstance`` to ask.

:class:`BaseDialect` is a convenience for writing dialects: it walks the tree, brackets every
group, and leaves words, phrases, headings and proximity to the subclass.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from attrs import frozen

from realistsynth.errors import QueryError
from realistsynth.query.ast import (
    WILDCARDS,
    And,
    Field,
    Heading,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Query,
    Term,
)
from realistsynth.query.neutral import format_query
from realistsynth.query.precedence import Precedence

__all__ = [
    "BaseDialect",
    "Loss",
    "ParsingDialect",
    "QueryDialect",
    "RenderContext",
    "Rendering",
    "can_parse",
    "shared_field",
]


@frozen
class Loss:
    """Something a platform cannot express, and what its rendering searches instead.

    :ivar feature: a short code (``wildcard``, ``field``, ``proximity``, ``heading``,
        ``explode``, ``operator-word``).
    :ivar fragment: the part of the query concerned, in neutral syntax.
    :ivar message: what was done, in words.
    """

    feature: str
    fragment: str
    message: str


@frozen
class Rendering:
    """A query written for one platform: the text, what it could not express, and notes."""

    dialect: str
    text: str
    losses: tuple[Loss, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        """Whether the platform can run exactly the neutral query."""
        return not self.losses

    def as_dict(self) -> dict[str, object]:
        """Text, exactness, losses and notes as plain JSON-ready values (without the dialect,
        which callers use as a key or report next to it)."""
        return {
            "text": self.text,
            "exact": self.exact,
            "losses": [
                {"feature": x.feature, "fragment": x.fragment, "message": x.message}
                for x in self.losses
            ],
            "notes": list(self.notes),
        }


@runtime_checkable
class QueryDialect(Protocol):
    """Renders queries for one search platform (``pubmed``, ``ovid`` ...)."""

    @property
    def name(self) -> str:
        """The name."""
        ...

    @property
    def title(self) -> str:
        """The title."""
        ...

    def render(self, query: Query) -> Rendering:
        """The query in this platform's syntax, with what it could not express."""
        ...


@runtime_checkable
class ParsingDialect(QueryDialect, Protocol):
    """A dialect that can also read its platform's syntax back into the neutral tree."""

    can_parse: bool

    def parse(self, text: str) -> Query:
        """The neutral tree of ``text``.

        :raises realistsynth.errors.QuerySyntaxError: with the position of the problem.
        """
        ...


def can_parse(dialect: object) -> bool:
    """Whether ``dialect`` offers ``parse`` (its ``can_parse`` attribute is true)."""
    return bool(getattr(dialect, "can_parse", False)) and callable(getattr(dialect, "parse", None))


class RenderContext:
    """What one rendering has collected so far: losses and notes, without duplicates."""

    def __init__(self) -> None:
        self.losses: list[Loss] = []
        self.notes: list[str] = []

    def loss(self, feature: str, node: Node, message: str) -> None:
        """Record that ``node`` could not be expressed exactly."""
        item = Loss(feature, format_query(node), message)
        if item not in self.losses:
            self.losses.append(item)

    def note(self, message: str) -> None:
        """Record something worth knowing that does not change the meaning."""
        if message not in self.notes:
            self.notes.append(message)


def shared_field(node: Node) -> Field | None:
    """The field every operand of an AND/OR of words and phrases shares, if any."""
    if not isinstance(node, And | Or):
        return None
    fields = {o.field if isinstance(o, Term | Phrase) else "x" for o in node.operands}
    only = fields.pop() if len(fields) == 1 else None
    return only if isinstance(only, Field) else None


def truncate_at_wildcard(word: str) -> str:
    """``word`` cut at its first wildcard and truncated there (``wom?n`` -> ``wom*``)."""
    cut = min((word.index(c) for c in WILDCARDS if c in word), default=len(word))
    return word[:cut] + "*" if cut < len(word) else word


class BaseDialect:
    """A dialect that brackets every group and delegates leaves to its subclass.

    Subclasses set ``name``, ``title``, ``documentation`` (the syntax page), the operator words
    and implement :meth:`term`, :meth:`phrase`, :meth:`heading` and :meth:`near`.
    """

    name: str = ""
    title: str = ""
    documentation: str = ""
    precedence: Precedence | None = None
    can_parse: bool = False
    and_word = "AND"
    or_word = "OR"
    not_word = "NOT"

    def render(self, query: Query) -> Rendering:
        """The query in this platform's syntax, with what it could not express."""
        ctx = RenderContext()
        text = self.node(query, ctx)
        return Rendering(self.name, text, tuple(ctx.losses), tuple(ctx.notes))

    def parse(self, text: str) -> Query:
        """Read this platform's syntax (only where ``can_parse`` is true)."""
        raise QueryError(f"realistsynth cannot read {self.title} syntax (yet)", where=self.name)

    # -- walking

    def node(self, node: Node, ctx: RenderContext) -> str:
        """The text of any node."""
        if isinstance(node, Term):
            return self.term(node, ctx)
        if isinstance(node, Phrase):
            return self.phrase(node, ctx)
        if isinstance(node, Heading):
            return self.heading(node, ctx)
        if isinstance(node, Near):
            return self.near(node, ctx)
        if isinstance(node, Not):
            return (
                f"{self.child(node.include, ctx)} {self.not_word} {self.child(node.exclude, ctx)}"
            )
        word = self.and_word if isinstance(node, And) else self.or_word
        field = shared_field(node)
        if field is not None and self.wraps(field, node):
            body = f" {word} ".join(self.bare(o, ctx) for o in node.operands)  # type: ignore[arg-type]
            return self.wrap_field(body, field, node, ctx)
        return f" {word} ".join(self.child(o, ctx) for o in node.operands)

    def child(self, node: Node, ctx: RenderContext) -> str:
        """The text of an operand of a group: bracketed when it is a group itself."""
        text = self.node(node, ctx)
        field = shared_field(node)
        if field is not None and self.wraps(field, node):  # type: ignore[arg-type]
            return text
        return f"({text})" if isinstance(node, And | Or | Not) else text

    # -- one field for a whole group, for platforms that can write ``TI (a OR b)``

    def wraps(self, field: Field, node: And | Or) -> bool:
        """Whether ``node``, a group of words all in ``field``, is written with the field once
        (:meth:`wrap_field`); the default writes the field on every word.

        Only where it means the same: ``TI (a AND b)`` is ``TI a AND TI b``, but
        ``(TI (a AND b) OR AB (a AND b))`` is narrower than ``tiab:a AND tiab:b``.
        """
        return False

    def bare(self, node: Term | Phrase, ctx: RenderContext) -> str:
        """A word or phrase without its field (inside :meth:`wrap_field` and proximity); by
        default the word itself, or the phrase's words in double quotes."""
        return node.text if isinstance(node, Term) else '"' + " ".join(node.words) + '"'

    def wrap_field(self, body: str, field: Field, node: Node, ctx: RenderContext) -> str:
        """``body`` (bare operands joined by one operator) searched in ``field``,
        self-contained (bracketed if it needs to be)."""
        raise NotImplementedError

    # -- leaves, for subclasses

    def term(self, node: Term, ctx: RenderContext) -> str:
        """A single word with its field."""
        raise NotImplementedError

    def phrase(self, node: Phrase, ctx: RenderContext) -> str:
        """A phrase with its field."""
        raise NotImplementedError

    def heading(self, node: Heading, ctx: RenderContext) -> str:
        """A subject heading."""
        raise NotImplementedError

    def near(self, node: Near, ctx: RenderContext) -> str:
        """A proximity search, self-contained (bracketed if it needs to be)."""
        raise NotImplementedError

    def near_operand(self, operand: Term | Phrase | Or, ctx: RenderContext) -> str:
        """One side of a proximity search, without its field: :meth:`bare`, or a bracketed
        OR of bare words and phrases."""
        if isinstance(operand, Or):
            inner = f" {self.or_word} ".join(self.near_operand(o, ctx) for o in operand.operands)  # type: ignore[arg-type]
            return f"({inner})"
        return self.bare(operand, ctx)
