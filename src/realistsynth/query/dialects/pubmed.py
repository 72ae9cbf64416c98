"""PubMed: field tags in square brackets, ``*`` truncation, proximity as ``"a b"[tiab:~N]``.

Syntax from the PubMed User Guide (https://pubmed.ncbi.nlm.nih.gov/help/): Boolean operators
in capitals, processed left to right; search field tags ``[ti]``, ``[tiab]``, ``[ot]`` (other
term: author keywords), ``[tw]``, ``[all]``, ``[mh]`` (MeSH, exploded) and ``[mh:noexp]``;
truncation ``*`` at the end of a word only, and no single-character wildcard; proximity only
in ``[ti]`` and ``[tiab]``, between plain words. PubMed has no abstract-only field tag. Untagged
terms go through Automatic Term Mapping.
"""

from __future__ import annotations

import re

from realistsynth.errors import QuerySyntaxError
from realistsynth.query.ast import (
    Field,
    Heading,
    Near,
    Node,
    Or,
    Phrase,
    Query,
    Term,
    Vocabulary,
    make_and,
)
from realistsynth.query.dialect import BaseDialect, RenderContext, truncate_at_wildcard
from realistsynth.query.precedence import PUBMED, Op, OpToken, build, check_distance, check_nesting

__all__ = ["PubMedDialect"]

_TAGS: dict[Field | None, str] = {
    Field.TITLE: "ti",
    Field.ABSTRACT: "tiab",
    Field.TITLE_ABSTRACT: "tiab",
    Field.KEYWORDS: "ot",
    Field.TEXT_WORDS: "tw",
    Field.SUBJECT: "mh",
    Field.ALL: "all",
}
_READ_TAGS: dict[str, Field] = {
    "ti": Field.TITLE,
    "title": Field.TITLE,
    "tiab": Field.TITLE_ABSTRACT,
    "title/abstract": Field.TITLE_ABSTRACT,
    "ot": Field.KEYWORDS,
    "other term": Field.KEYWORDS,
    "tw": Field.TEXT_WORDS,
    "text word": Field.TEXT_WORDS,
    "all": Field.ALL,
    "all fields": Field.ALL,
}
_HEADING_TAGS = {"mh": True, "mesh terms": True, "mesh": True, "mh:noexp": False}
_PROXIMITY_TAG = re.compile(r"^(ti|title|tiab|title/abstract):~(\d+)$")
_TOKEN = re.compile(
    r"(?P<space>\s+)|(?P<lparen>\()|(?P<rparen>\))|(?P<tag>\[[^\]]*\])"
    r'|(?P<phrase>"[^"]*")|(?P<word>[^\s()\[\]"]+)'
)


class PubMedDialect(BaseDialect):
    """PubMed (NCBI), as typed into the search box or Advanced Search."""

    name = "pubmed"
    title = "PubMed"
    documentation = "https://pubmed.ncbi.nlm.nih.gov/help/#search-tags"
    precedence = PUBMED
    can_parse = True

    # -- rendering

    def _word(self, word: str, node: Node, ctx: RenderContext) -> str:
        internal = any(c in word[:-1] for c in "*?") or word.endswith("?")
        if internal:
            short = truncate_at_wildcard(word)
            ctx.loss(
                "wildcard",
                node,
                f"PubMed truncates only at the end of a word and has no one-character "
                f"wildcard: {word!r} searched as {short!r} (broader)",
            )
            return short
        return word

    def _tag(self, field: Field | None, node: Node, ctx: RenderContext) -> str:
        if field is None:
            ctx.note("untagged terms go through PubMed's Automatic Term Mapping")
            return ""
        if field is Field.ABSTRACT:
            ctx.loss("field", node, "PubMed has no abstract-only tag: searched in [tiab]")
        if field is Field.SUBJECT:
            ctx.loss("field", node, "PubMed has no subject-word field: searched as [mh]")
        return f"[{_TAGS[field]}]"

    def term(self, node: Term, ctx: RenderContext) -> str:
        return self._word(node.text, node, ctx) + self._tag(node.field, node, ctx)

    def phrase(self, node: Phrase, ctx: RenderContext) -> str:
        words = " ".join(self._word(w, node, ctx) for w in node.words)
        return f'"{words}"{self._tag(node.field, node, ctx)}'

    def heading(self, node: Heading, ctx: RenderContext) -> str:
        if node.vocabulary is not Vocabulary.MESH:
            ctx.loss("heading", node, "PubMed indexes MeSH only: searched as a MeSH heading")
        return f'"{node.name}"[{"mh" if node.explode else "mh:noexp"}]'

    def near(self, node: Near, ctx: RenderContext) -> str:
        field = node.field
        if field not in (Field.TITLE, Field.TITLE_ABSTRACT):
            ctx.loss(
                "proximity",
                node,
                "PubMed searches proximity only in [ti] or [tiab]: searched in [tiab]",
            )
            field = Field.TITLE_ABSTRACT
        tag = "ti" if field is Field.TITLE else "tiab"
        pairs = [
            (left, right)
            for left in (node.left.operands if isinstance(node.left, Or) else (node.left,))
            for right in (node.right.operands if isinstance(node.right, Or) else (node.right,))
        ]
        if len(pairs) > 1:
            ctx.note("PubMed cannot nest OR in a proximity search: each pair is searched")
        parts = []
        for left, right in pairs:
            words = [*_words_of(left), *_words_of(right)]
            if any(c in w for w in words for c in "*?"):
                ctx.loss(
                    "proximity",
                    node,
                    "PubMed proximity does not take truncation or wildcards: searched with AND "
                    "(broader)",
                )
                parts.append(
                    "("
                    + " AND ".join(self.node(_with_field(x, field), ctx) for x in (left, right))
                    + ")"
                )
                continue
            if (isinstance(left, Phrase) and len(left.words) > 1) or (
                isinstance(right, Phrase) and len(right.words) > 1
            ):
                ctx.loss(
                    "proximity",
                    node,
                    "PubMed proximity takes single words: the phrase's words are searched "
                    "in any order",
                )
            parts.append(f'"{" ".join(words)}"[{tag}:~{node.distance}]')
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    # -- parsing

    def parse(self, text: str) -> Query:
        """Read a PubMed query (tags, brackets, quotes, AND/OR/NOT, proximity tags)."""
        check_nesting(text)
        items: list[Node | OpToken] = []
        stack: list[tuple[list[Node | OpToken], int]] = []
        run: list[tuple[str, int, bool]] = []  # (text, position, quoted)

        def error(message: str, position: int) -> QuerySyntaxError:
            return QuerySyntaxError(message, text=text, position=position)

        def push_operand(node: Node, position: int) -> None:
            if items and not isinstance(items[-1], OpToken):
                items.append(OpToken(Op.AND, position))  # PubMed ANDs juxtaposed terms
            items.append(node)

        def flush(tag: str | None, position: int) -> None:
            if not run:
                if tag is not None:
                    raise error(f"field tag [{tag}] follows no term", position)
                return
            words, start = [w for w, _, _ in run], run[0][1]
            quoted = run[0][2] and len(run) == 1
            run.clear()
            try:
                leaf = self._leaf(words, quoted, tag, text, start)
            except ValueError as exc:
                raise error(str(exc), start) from None
            push_operand(leaf, start)

        for match in _TOKEN.finditer(text):
            kind, value, pos = match.lastgroup, match.group(), match.start()
            if kind == "space":
                continue
            if kind == "word" and value in ("AND", "OR", "NOT"):
                flush(None, pos)
                if not items or isinstance(items[-1], OpToken):
                    raise error(f"{value} has nothing on its left", pos)
                items.append(OpToken(Op(value), pos))
            elif kind == "word":
                if run and run[-1][2]:
                    flush(None, pos)
                run.append((value, pos, False))
            elif kind == "phrase":
                flush(None, pos)
                if not value[1:-1].split():
                    raise error("empty quotation marks", pos)
                run.append((value[1:-1], pos, True))
            elif kind == "tag":
                flush(value[1:-1].strip().lower(), pos)
            elif kind == "lparen":
                flush(None, pos)
                if items and not isinstance(items[-1], OpToken):
                    items.append(OpToken(Op.AND, pos))
                stack.append((items, pos))
                items = []
            else:
                flush(None, pos)
                if not stack:
                    raise error("this closing bracket has no opening one", pos)
                if not items:
                    raise error("empty brackets", pos)
                if isinstance(items[-1], OpToken):
                    raise error("operator with nothing on its right", items[-1].position)
                node = build(items, PUBMED, text)
                items, _ = stack.pop()
                items.append(node)
        flush(None, len(text))
        if stack:
            raise error("this bracket is never closed", stack[-1][1])
        if not items:
            raise error("empty query", 0)
        if isinstance(items[-1], OpToken):
            raise error("operator with nothing on its right", items[-1].position)
        return build(items, PUBMED, text)

    def _leaf(self, words: list[str], quoted: bool, tag: str | None, text: str, pos: int) -> Node:
        split = [w for word in words for w in word.split()]
        if tag is None:
            if quoted:
                return Phrase(split)
            return make_and(_make_term(w, None, text, pos) for w in split)
        if tag in _HEADING_TAGS:
            return Heading(" ".join(split), Vocabulary.MESH, _HEADING_TAGS[tag])
        proximity = _PROXIMITY_TAG.match(tag)
        if proximity:
            if len(split) != 2:
                raise QuerySyntaxError(
                    "only two-word proximity searches have a neutral equivalent",
                    text=text,
                    position=pos,
                )
            field = _READ_TAGS[proximity.group(1)]
            distance = int(proximity.group(2))
            check_distance(distance, text=text, position=pos)
            return Near(Term(split[0]), Term(split[1]), distance, field)
        if tag not in _READ_TAGS:
            raise QuerySyntaxError(
                f"field tag [{tag}] has no neutral equivalent", text=text, position=pos
            )
        field = _READ_TAGS[tag]
        if len(split) == 1 and not quoted:
            return _make_term(split[0], field, text, pos)
        return Phrase(split, field)


def _make_term(word: str, field: Field | None, text: str, pos: int) -> Term:
    try:
        return Term(word, field)
    except ValueError as exc:
        raise QuerySyntaxError(str(exc), text=text, position=pos) from None


def _words_of(node: Node) -> list[str]:
    if isinstance(node, Term):
        return [node.text]
    assert isinstance(node, Phrase)
    return list(node.words)


def _with_field(node: Node, field: Field) -> Node:
    if isinstance(node, Term):
        return Term(node.text, field)
    assert isinstance(node, Phrase)
    return Phrase(node.words, field)
