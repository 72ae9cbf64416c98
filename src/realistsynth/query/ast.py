"""The typed syntax tree of a boolean search query, independent of any platform.

Every node is a frozen attrs class, so two queries compare equal exactly when they mean the same
search *as written*. The tree is kept in one canonical shape, which is what makes round trips
testable: field restrictions sit on the leaves (``ti:(a OR b)`` is stored as ``ti:a OR ti:b``),
``AND`` and ``OR`` are n-ary and never directly nest in themselves (``(a AND b) AND c`` is one
``And`` of three), ``NOT`` is binary (include, exclude), as on every platform.

A proximity search (:class:`Near`) joins two operands that are words, phrases or ``OR``-groups
of them; its field belongs to the :class:`Near` node. A subject heading (:class:`Heading`) names
its vocabulary and whether narrower headings are included (explode).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs
from attrs import field, frozen

__all__ = [
    "WILDCARDS",
    "And",
    "Field",
    "Heading",
    "Near",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "Query",
    "Term",
    "Vocabulary",
    "canonical",
    "iter_nodes",
    "make_and",
    "make_or",
]

#: Truncation (any number of characters) and wildcard (exactly one character).
WILDCARDS = "*?"

#: Characters a bare word may not contain: space, grouping, quotes, the field separator.
_WORD_RE = re.compile(r"^[^\s()\"“”„‟\[\]:]+$")
_PHRASE_FORBIDDEN = re.compile(r"[\"“”„‟]")


class Field(enum.Enum):
    """Where a word is searched. ``None`` on a node means the platform's default fields."""

    TITLE = "ti"
    ABSTRACT = "ab"
    TITLE_ABSTRACT = "tiab"
    KEYWORDS = "kw"
    TEXT_WORDS = "tw"
    SUBJECT = "su"
    ALL = "all"


class Vocabulary(enum.Enum):
    """The controlled vocabulary a :class:`Heading` belongs to."""

    MESH = "mh"
    CINAHL = "ch"
    SUBJECT = "sh"


def _check_word(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _WORD_RE.match(value):
        raise ValueError(f"{value!r} is not a single search word")
    if value[0] in WILDCARDS:
        raise ValueError(f"{value!r}: a wildcard cannot start a word")


def _words(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _check_words(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        raise ValueError("a phrase needs at least one word")
    for word in value:
        if not word or any(c.isspace() for c in word) or _PHRASE_FORBIDDEN.search(word):
            raise ValueError(f"{word!r} is not a phrase word")
        if word[0] in WILDCARDS:
            raise ValueError(f"{word!r}: a wildcard cannot start a word")


def _check_heading(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise ValueError(f"heading {value!r} must be non-empty without surrounding spaces")
    if _PHRASE_FORBIDDEN.search(value) or "/" in value or "\n" in value:
        raise ValueError(f"heading {value!r} may not contain quotation marks, '/' or newlines")


def _has_wildcard(word: str) -> bool:
    return any(c in WILDCARDS for c in word)


@frozen
class Term:
    """One word, possibly with truncation ``*`` or the one-character wildcard ``?``."""

    text: str = field(validator=_check_word)
    field: Field | None = None

    @property
    def has_wildcard(self) -> bool:
        """Whether the word holds ``*`` or ``?``."""
        return _has_wildcard(self.text)


@frozen
class Phrase:
    """Words searched next to each other in this order (a "quoted phrase")."""

    words: tuple[str, ...] = field(converter=_words, validator=_check_words)
    field: Field | None = None

    @property
    def has_wildcard(self) -> bool:
        """Whether any word holds ``*`` or ``?``."""
        return any(_has_wildcard(w) for w in self.words)


@frozen
class Heading:
    """A controlled-vocabulary heading (MeSH, CINAHL Subject Headings ...).

    :ivar explode: include every narrower heading of the tree.
    """

    name: str = field(validator=_check_heading)
    vocabulary: Vocabulary = Vocabulary.MESH
    explode: bool = False


def _check_near_operand(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, Term | Phrase):
        if value.field is not None:
            raise ValueError("the field of a proximity search belongs to the Near node")
        return
    if isinstance(value, Or) and all(
        isinstance(o, Term | Phrase) and o.field is None for o in value.operands
    ):
        return
    raise ValueError("NEAR joins words, phrases, or OR-groups of words and phrases")


@frozen
class Near:
    """Two operands within ``distance`` words of each other, in either order.

    ``distance`` is the most words allowed *between* the two (``NEAR/0``: adjacent).
    """

    left: Term | Phrase | Or = field(validator=_check_near_operand)
    right: Term | Phrase | Or = field(validator=_check_near_operand)
    distance: int = field(validator=[attrs.validators.ge(0), attrs.validators.le(255)])
    field: Field | None = None


def _operands(value: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(value)


def _check_operands(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if len(value) < 2:
        raise ValueError(f"{type(instance).__name__} needs at least two operands")
    if any(type(v) is type(instance) for v in value):
        raise ValueError(f"{type(instance).__name__} directly inside itself: flatten it")


@frozen
class And:
    """Every operand must match."""

    operands: tuple[Node, ...] = field(converter=_operands, validator=_check_operands)


@frozen
class Or:
    """At least one operand must match."""

    operands: tuple[Node, ...] = field(converter=_operands, validator=_check_operands)


@frozen
class Not:
    """``include`` must match and ``exclude`` must not (``include NOT exclude``)."""

    include: Node
    exclude: Node


Node: TypeAlias = Term | Phrase | Heading | Near | And | Or | Not
#: A whole query is its root node.
Query: TypeAlias = Node


def resolve_annotations(cls: type) -> None:
    """Resolve the annotations of an attrs class that names types defined after it (itself,
    or an alias such as :data:`Node`), on the class and on its ``__init__``, so that
    ``typing.get_type_hints`` works on both: attrs writes ``__init__`` in a namespace of its
    own, where the module's names are not."""
    attrs.resolve_types(cls)
    annotations = vars(cls)["__init__"].__annotations__
    for attribute in attrs.fields(cls):
        if attribute.init and attribute.alias in annotations:
            annotations[attribute.alias] = attribute.type


# the classes above name Node, and Near names Or, before they exist
for _node_class in (Near, And, Or, Not):
    resolve_annotations(_node_class)


def make_and(operands: Iterable[Node]) -> Node:
    """An :class:`And` of ``operands``, flattening nested ``And`` (one operand: itself)."""
    flat: list[Node] = []
    for op in operands:
        flat.extend(op.operands if isinstance(op, And) else (op,))
    return flat[0] if len(flat) == 1 else And(flat)


def make_or(operands: Iterable[Node]) -> Node:
    """An :class:`Or` of ``operands``, flattening nested ``Or`` (one operand: itself)."""
    flat: list[Node] = []
    for op in operands:
        flat.extend(op.operands if isinstance(op, Or) else (op,))
    return flat[0] if len(flat) == 1 else Or(flat)


def iter_nodes(node: Node) -> Iterable[Node]:
    """Every node of the tree, parents before children."""
    yield node
    if isinstance(node, And | Or):
        for op in node.operands:
            yield from iter_nodes(op)
    elif isinstance(node, Not):
        yield from iter_nodes(node.include)
        yield from iter_nodes(node.exclude)
    elif isinstance(node, Near):
        yield from iter_nodes(node.left)
        yield from iter_nodes(node.right)


def _alternatives(operand: Term | Phrase | Or) -> tuple[Term | Phrase, ...]:
    items = operand.operands if isinstance(operand, Or) else (operand,)
    out: list[Term | Phrase] = []
    for item in items:
        if isinstance(item, Term):
            out.append(Term(item.text))
        elif isinstance(item, Phrase):
            out.append(Term(item.words[0]) if len(item.words) == 1 else item)
    return tuple(out)


def canonical(node: Node) -> Node:
    """The query with proximity distributed over ``OR`` groups.

    ``(a OR b) NEAR/2 c`` finds the same records as ``a NEAR/2 c OR b NEAR/2 c``; platforms
    that cannot nest ``OR`` in a proximity search get the second form, and tests compare
    queries in this form. Inside a proximity search a one-word phrase is its word.
    """
    if isinstance(node, And):
        return make_and(canonical(o) for o in node.operands)
    if isinstance(node, Or):
        return make_or(canonical(o) for o in node.operands)
    if isinstance(node, Not):
        return Not(canonical(node.include), canonical(node.exclude))
    if isinstance(node, Near):
        return make_or(
            Near(left, right, node.distance, node.field)
            for left in _alternatives(node.left)
            for right in _alternatives(node.right)
        )
    return node
