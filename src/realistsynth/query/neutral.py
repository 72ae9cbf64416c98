"""The neutral query syntax: reading it into the tree, and writing the tree back as text.

The syntax (documented in ``docs/search.md``) is what a review team types once::

    exp mh:"Leadership" OR tiab:(leader* NEAR/3 (system* OR integrat*)) AND "health care"

* operators ``AND``, ``OR``, ``NOT``, ``NEAR/n`` (any case); brackets group;
* ``"quoted phrases"`` with straight or curly double quotation marks;
* ``*`` truncates (any number of characters), ``?`` stands for exactly one character;
* a field prefix ``ti:``, ``ab:``, ``tiab:``, ``kw:``, ``tw:``, ``su:`` or ``all:`` before a
  word, phrase or bracketed group;
* a heading ``mh:"Name"`` (MeSH), ``ch:"Name"`` (CINAHL) or ``sh:"Name"`` (the database's
  own thesaurus), exploded with a leading ``exp``.

Words written next to each other without an operator are an error: platforms disagree about
what that means (AND in PubMed, a phrase in Ovid, proximity in EBSCOhost).

Parsing keeps each bracket level as a flat run of operands and operators (:class:`Group`), so
the same text can be built into a tree under any platform's precedence
(:func:`realistsynth.query.precedence.build`); :func:`parse_query` builds it under realistsynth's
own precedence. :func:`format_query` writes a tree with every group bracketed, so its text
means the same on any reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from attrs import frozen

from realistsynth.errors import QuerySyntaxError
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
    Term,
    Vocabulary,
    resolve_annotations,
)
from realistsynth.query.precedence import NEUTRAL, Op, OpToken, Precedence, build, check_nesting

__all__ = [
    "FIELD_CODES",
    "QUOTES",
    "VOCABULARY_CODES",
    "Group",
    "Leaf",
    "ParsedQuery",
    "Token",
    "apply_field",
    "format_query",
    "is_operator_word",
    "parse_query",
    "read_query",
    "tokenize",
]

FIELD_CODES: dict[str, Field] = {f.value: f for f in Field}
VOCABULARY_CODES: dict[str, Vocabulary] = {v.value: v for v in Vocabulary}
#: Every double quotation mark a phrase may open or close with.
QUOTES = '"“”„‟'
OPEN_QUOTES = QUOTES
_CURLY = "“”„‟"
_OPERATOR_WORDS = {"and", "or", "not"}
_NEAR_RE = re.compile(r"^near/(\d+)$", re.IGNORECASE)
_SPECIAL = set("()") | set(QUOTES)


@frozen
class Token:
    """A lexical token: its kind, its text, and where it starts and ends."""

    kind: str  # word, phrase, lparen, rparen, op, field
    text: str
    start: int
    end: int
    curly: bool = False


def tokenize(text: str) -> list[Token]:
    """The tokens of a neutral query.

    :raises QuerySyntaxError: for an unclosed quotation mark, an unknown field prefix, or
        square brackets.
    """
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            tokens.append(Token("lparen" if c == "(" else "rparen", c, i, i + 1))
            i += 1
        elif c in QUOTES:
            j = i + 1
            while j < n and text[j] not in QUOTES:
                j += 1
            if j >= n:
                raise QuerySyntaxError("this quotation mark is never closed", text=text, position=i)
            curly = c in _CURLY or text[j] in _CURLY
            tokens.append(Token("phrase", text[i + 1 : j], i, j + 1, curly))
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in _SPECIAL:
                if text[j] in "[]":
                    raise QuerySyntaxError(
                        "square brackets are not part of the neutral syntax: write a field "
                        "as a prefix (ti:word), not as a tag (word[ti])",
                        text=text,
                        position=j,
                    )
                if text[j] == ":":
                    prefix = text[i:j].lower()
                    if prefix not in FIELD_CODES and prefix not in VOCABULARY_CODES:
                        known = ", ".join([*FIELD_CODES, *VOCABULARY_CODES])
                        raise QuerySyntaxError(
                            f"unknown field {text[i:j]!r} (known: {known}); quote a word "
                            "that contains a colon",
                            text=text,
                            position=i,
                        )
                    tokens.append(Token("field", prefix, i, j + 1))
                    j += 1
                    i = j
                    continue
                j += 1
            if j > i:
                word = text[i:j]
                kind = "op" if word.lower() in _OPERATOR_WORDS or _NEAR_RE.match(word) else "word"
                if kind == "word" and word.lower() == "near":
                    raise QuerySyntaxError(
                        "NEAR needs a distance: NEAR/n, with n the most words between",
                        text=text,
                        position=i,
                    )
                tokens.append(Token(kind, word, i, j))
            i = j
    return tokens


@frozen
class Leaf:
    """A word, phrase or heading as parsed, with its field already applied."""

    node: Term | Phrase | Heading
    start: int


@frozen
class Group:
    """One bracket level: operands (:class:`Leaf` or :class:`Group`) alternating with operators.

    ``field`` is a field prefix written before the bracket (``ti:( ... )``).
    """

    items: tuple[Leaf | Group | OpToken, ...]
    start: int
    field: Field | None = None

    def operators(self) -> list[OpToken]:
        """The operators of this level (not of nested groups)."""
        return [i for i in self.items if isinstance(i, OpToken)]

    def groups(self) -> Iterator[Group]:
        """This group and every nested group."""
        yield self
        for item in self.items:
            if isinstance(item, Group):
                yield from item.groups()


# Group names itself in its annotations: resolve them once it exists (typing.get_type_hints)
resolve_annotations(Group)


@frozen
class ParsedQuery:
    """A neutral query read into its bracket levels, ready to build under any precedence."""

    text: str
    tokens: tuple[Token, ...]
    root: Group

    def build(self, precedence: Precedence = NEUTRAL) -> Node:
        """The tree this text means on a platform with ``precedence``."""
        return _build_group(self.root, precedence, self.text)


def _build_group(group: Group, precedence: Precedence, text: str) -> Node:
    items: list[Node | OpToken] = []
    for item in group.items:
        if isinstance(item, Leaf):
            items.append(item.node)
        elif isinstance(item, Group):
            items.append(_build_group(item, precedence, text))
        else:
            items.append(item)
    node = build(items, precedence, text)
    if group.field is not None:
        node = apply_field(node, group.field, text=text, position=group.start)
    return node


def apply_field(node: Node, field: Field, *, text: str, position: int) -> Node:
    """``node`` with ``field`` pushed down to its words, phrases and proximity searches.

    :raises QuerySyntaxError: if part of it already searches another field, or is a heading.
    """

    def clash(what: str) -> QuerySyntaxError:
        return QuerySyntaxError(
            f"field {field.value}: cannot apply to {what}", text=text, position=position
        )

    if isinstance(node, Term | Phrase | Near):
        if node.field is not None and node.field is not field:
            raise clash(f"a part already restricted to {node.field.value}:")
        if isinstance(node, Term):
            return Term(node.text, field)
        if isinstance(node, Phrase):
            return Phrase(node.words, field)
        return Near(node.left, node.right, node.distance, field)
    if isinstance(node, Heading):
        raise clash("a subject heading")
    if isinstance(node, Not):
        return Not(
            apply_field(node.include, field, text=text, position=position),
            apply_field(node.exclude, field, text=text, position=position),
        )
    kind = And if isinstance(node, And) else Or
    return kind(apply_field(o, field, text=text, position=position) for o in node.operands)


class _Parser:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.i = 0

    def error(self, message: str, position: int) -> QuerySyntaxError:
        return QuerySyntaxError(message, text=self.text, position=position)

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def group(self, start: int, closing: Token | None, field: Field | None) -> Group:
        items: list[Leaf | Group | OpToken] = []
        expect_operand = True
        while True:
            tok = self.peek()
            if tok is None or tok.kind == "rparen":
                if tok is not None and closing is None:
                    raise self.error("this closing bracket has no opening one", tok.start)
                if tok is None and closing is not None:
                    raise self.error("this bracket is never closed", closing.start)
                if not items:
                    where = closing.start if closing is not None else 0
                    raise self.error("empty query" if closing is None else "empty brackets", where)
                if expect_operand:
                    last = items[-1]
                    assert isinstance(last, OpToken)
                    raise self.error(
                        f"{self.text[last.position :].split()[0]} has nothing on its right",
                        last.position,
                    )
                self.i += 1 if tok is not None else 0
                return Group(tuple(items), start, field)
            if tok.kind == "op":
                if expect_operand:
                    raise self.error(
                        f"{tok.text} has nothing on its left"
                        if not items
                        else f"{tok.text} follows another operator",
                        tok.start,
                    )
                self.i += 1
                match = _NEAR_RE.match(tok.text)
                if match:
                    items.append(OpToken(Op.NEAR, tok.start, int(match.group(1))))
                else:
                    items.append(OpToken(Op(tok.text.upper()), tok.start))
                expect_operand = True
                continue
            if not expect_operand:
                raise self.error(
                    "missing operator before this (write AND, OR or NOT between search "
                    "terms, or quote a phrase)",
                    tok.start,
                )
            items.append(self.operand())
            expect_operand = False

    def operand(self) -> Leaf | Group:
        tok = self.peek()
        assert tok is not None
        explode = False
        if tok.kind == "word" and tok.text.lower() == "exp":
            nxt = self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else None
            if nxt is not None and nxt.kind == "field" and nxt.text in VOCABULARY_CODES:
                explode = True
                self.i += 1
                tok = nxt
        if tok.kind == "field":
            self.i += 1
            target = self.peek()
            if target is None or target.kind in ("op", "rparen", "field"):
                raise self.error(f"{tok.text}: needs a word, phrase or group after it", tok.start)
            if tok.text in VOCABULARY_CODES:
                if target.kind not in ("word", "phrase"):
                    raise self.error(f'a heading is one name: {tok.text}:"Name"', target.start)
                self.i += 1
                name = " ".join(target.text.split())
                if not name or any(c in WILDCARDS for c in name):
                    raise self.error("a heading name has no wildcards", target.start)
                try:
                    heading = Heading(name, VOCABULARY_CODES[tok.text], explode)
                except ValueError as exc:
                    raise self.error(str(exc), target.start) from None
                return Leaf(heading, tok.start)
            return self.primary(FIELD_CODES[tok.text], tok.start)
        return self.primary(None, tok.start)

    def primary(self, field: Field | None, start: int) -> Leaf | Group:
        tok = self.peek()
        assert tok is not None
        self.i += 1
        if tok.kind == "lparen":
            return self.group(start, tok, field)
        if tok.kind == "phrase":
            words = tok.text.split()
            if not words:
                raise self.error("empty quotation marks", tok.start)
            for word in words:
                if word[0] in WILDCARDS:
                    raise self.error(
                        f"{word!r}: a wildcard cannot start a word",
                        tok.start + 1 + tok.text.index(word),
                    )
            return Leaf(Phrase(words, field), tok.start)
        if tok.kind == "word":
            if tok.text[0] in WILDCARDS:
                raise self.error(f"{tok.text!r}: a wildcard cannot start a word", tok.start)
            return Leaf(Term(tok.text, field), tok.start)
        raise self.error("unexpected text", tok.start)


def read_query(text: str) -> ParsedQuery:
    """Read neutral ``text`` into its bracket levels (no precedence applied yet).

    :raises QuerySyntaxError: with the position of the first problem.
    """
    check_nesting(text)
    tokens = tokenize(text)
    parser = _Parser(text, tokens)
    root = parser.group(0, None, None)
    return ParsedQuery(text, tuple(tokens), root)


def parse_query(text: str, precedence: Precedence = NEUTRAL) -> Node:
    """The tree of neutral query ``text``.

    >>> format_query(parse_query('ti:(leader* OR manag*) AND “health care”'))
    '(ti:leader* OR ti:manag*) AND "health care"'

    :raises QuerySyntaxError: with the position of the first problem and a caret display
        (:meth:`~realistsynth.errors.QuerySyntaxError.caret`).
    """
    return read_query(text).build(precedence)


def _field(field: Field | None) -> str:
    return f"{field.value}:" if field is not None else ""


def is_operator_word(word: str) -> bool:
    """Whether ``word`` would be read as an operator (so a search for it must be quoted)."""
    return word.lower() in _OPERATOR_WORDS or bool(_NEAR_RE.match(word))


def _word(word: str) -> str:
    return f'"{word}"' if is_operator_word(word) else word


def _bracket(node: Node) -> str:
    text = format_query(node)
    composite = isinstance(node, And | Or | Not) or (isinstance(node, Near) and node.field is None)
    return f"({text})" if composite else text


def format_query(node: Node) -> str:
    """The neutral text of ``node``, every group bracketed (the text :func:`parse_query` reads
    back into an equal tree)."""
    if isinstance(node, Term):
        return _field(node.field) + _word(node.text)
    if isinstance(node, Phrase):
        return f'{_field(node.field)}"{" ".join(node.words)}"'
    if isinstance(node, Heading):
        return f'{"exp " if node.explode else ""}{node.vocabulary.value}:"{node.name}"'
    if isinstance(node, Near):
        inner = f"{_bracket(node.left)} NEAR/{node.distance} {_bracket(node.right)}"
        return f"{node.field.value}:({inner})" if node.field is not None else inner
    if isinstance(node, Not):
        return f"{_bracket(node.include)} NOT {_bracket(node.exclude)}"
    joiner = " AND " if isinstance(node, And) else " OR "
    return joiner.join(_bracket(o) for o in node.operands)
