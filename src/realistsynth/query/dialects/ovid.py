"""Ovid (MEDLINE, Embase, PsycINFO): field suffixes ``.ti,ab.``, ``exp Heading/``, ``adjN``.

Syntax from the Ovid help on command-line syntax, truncation and operators
(http://www.ovid.com/site/help/documentation/ovidsp/en/syntax.htm, and the training note at
https://tools.ovid.com/ovidgo/searches/training.php): ``term.ti,ab.`` searches fields,
``exp Heading/`` an exploded subject heading of the open database, ``*`` or ``$`` truncates,
``#`` stands for exactly one character (Ovid's ``?`` is zero or one), ``adjN`` finds terms at
most ``N - 1`` words apart in any order, so neutral ``NEAR/n`` is ``adj(n+1)``. Adjacent
unquoted words are searched as a phrase. ``AND`` is processed before ``NOT``, ``OR`` last.

Ovid's heading syntax does not name the vocabulary: ``Heading/`` is read as a MeSH heading
(Ovid MEDLINE); other vocabularies are rendered the same way and reported.
"""

from __future__ import annotations

import re

from realistsynth.errors import QuerySyntaxError
from realistsynth.query.ast import (
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
    Vocabulary,
    make_and,
    make_or,
)
from realistsynth.query.dialect import BaseDialect, RenderContext, Rendering, shared_field
from realistsynth.query.neutral import apply_field
from realistsynth.query.precedence import OVID, Op, OpToken, build, check_nesting

__all__ = ["OvidDialect"]

_SUFFIX: dict[Field | None, str] = {
    Field.TITLE: "ti",
    Field.ABSTRACT: "ab",
    Field.TITLE_ABSTRACT: "ti,ab",
    Field.KEYWORDS: "kf",
    Field.TEXT_WORDS: "tw",
    Field.SUBJECT: "sh",
    Field.ALL: "af",
    None: "mp",
}
_READ_SUFFIX: dict[str, Field | None] = {v: k for k, v in _SUFFIX.items()}
_READ_SUFFIX.update({"ab,ti": Field.TITLE_ABSTRACT, "kw": Field.KEYWORDS})
_OPERATORS = {"and", "or", "not"}
_ADJ = re.compile(r"^adj(\d*)$", re.IGNORECASE)
_SUFFIX_RE = r"\.[A-Za-z]{2}(?:,[A-Za-z]{2})*\."
_TOKEN = re.compile(
    rf"(?P<space>\s+)|(?P<lparen>\()|(?P<rparen>\))|(?P<suffix>{_SUFFIX_RE})|(?P<slash>/)"
    rf'|(?P<phrase>"[^"]*")|(?P<word>[^\s()"/]+?)(?={_SUFFIX_RE}|[\s()"/]|$)'
)
_PLAIN_WORD = re.compile(r"^[^\s()\"/.]+$")
_NUMBERED_LINE = re.compile(r"^\s*(\d+)\.?\s+(\S.*)$")
_COMBINE = re.compile(r"^(or|and)/([\d,\s-]+)$", re.IGNORECASE)


def _line_ids(spec: str) -> list[int]:
    ids: list[int] = []
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        if not first.isdigit() or (last and not last.strip().isdigit()):
            return []
        ids.extend(range(int(first), int(last) + 1) if last else [int(first)])
    return ids


def _ovid_word(word: str) -> str:
    return word.replace("?", "#")


class OvidDialect(BaseDialect):
    """Ovid's command-line syntax (single line; MEDLINE field codes)."""

    name = "ovid"
    title = "Ovid (MEDLINE, Embase, PsycINFO)"
    documentation = "http://www.ovid.com/site/help/documentation/ovidsp/en/syntax.htm"
    precedence = OVID
    can_parse = True
    and_word = "and"
    or_word = "or"
    not_word = "not"

    # -- rendering

    def bare(self, node: Term | Phrase, ctx: RenderContext) -> str:
        if isinstance(node, Term):
            word = _ovid_word(node.text)
            if word.lower() in _OPERATORS or _ADJ.match(word) or not _PLAIN_WORD.match(word):
                ctx.loss("operator-word", node, f"{node.text!r} is quoted (searched as a phrase)")
                return f'"{word}"'
            return word
        return '"' + " ".join(_ovid_word(w) for w in node.words) + '"'

    def term(self, node: Term, ctx: RenderContext) -> str:
        return f"{self.bare(node, ctx)}.{_SUFFIX[node.field]}."

    def phrase(self, node: Phrase, ctx: RenderContext) -> str:
        return f"{self.bare(node, ctx)}.{_SUFFIX[node.field]}."

    def heading(self, node: Heading, ctx: RenderContext) -> str:
        if node.vocabulary is not Vocabulary.MESH:
            ctx.loss(
                "heading",
                node,
                "Ovid's Heading/ searches the thesaurus of the open database; it is read "
                "back as MeSH",
            )
        name = node.name
        if any(w.lower() in _OPERATORS or _ADJ.match(w) for w in name.split()) or "(" in name:
            name = f'"{name}"'
        return f"{'exp ' if node.explode else ''}{name}/"

    def near(self, node: Near, ctx: RenderContext) -> str:
        if node.distance > 98:
            ctx.loss("proximity", node, "Ovid allows at most adj99: searched with adj99")
        left, right = self.near_operand(node.left, ctx), self.near_operand(node.right, ctx)
        adj = min(node.distance + 1, 99)
        return f"({left} adj{adj} {right}).{_SUFFIX[node.field]}."

    def wraps(self, field: Field, node: And | Or) -> bool:
        # Ovid applies a suffix to every word of the bracketed group before it
        return True

    def wrap_field(self, body: str, field: Field, node: Node, ctx: RenderContext) -> str:
        return f"({body}).{_SUFFIX[field]}."

    # -- parsing

    def parse(self, text: str) -> Query:
        """Read an Ovid search: one line, or a numbered strategy (see :meth:`parse_lines`)."""
        lines = text.strip().splitlines()
        if len(lines) > 1 and _NUMBERED_LINE.match(lines[0]):
            return self.parse_lines(text)
        return self._parse(text, None)

    def parse_lines(self, text: str) -> Query:
        """Read a numbered line-by-line strategy; the last line is the query.

        Each line is ``N search`` (``N.`` also accepted); a bare number in a search refers to
        an earlier line, and ``or/1-3`` / ``and/2,4`` combine lines.
        """
        refs: dict[int, Node] = {}
        last: Node | None = None
        offset = 0
        for raw in text.splitlines(keepends=True):
            line = raw.rstrip("\r\n")
            match = _NUMBERED_LINE.match(line)
            if not line.strip():
                offset += len(raw)
                continue
            if match is None:
                raise QuerySyntaxError(
                    "each line of a numbered strategy starts with its number",
                    text=text,
                    position=offset,
                )
            number, body = int(match.group(1)), match.group(2)
            start = offset + match.start(2)
            if number in refs:
                raise QuerySyntaxError(f"line {number} appears twice", text=text, position=offset)
            combined = _COMBINE.match(body.strip())
            try:
                if combined:
                    ids = _line_ids(combined.group(2))
                    missing = [i for i in ids if i not in refs]
                    if missing or len(ids) < 2:
                        raise QuerySyntaxError(
                            f"{body.strip()} combines unknown or too few lines",
                            text=body,
                            position=0,
                        )
                    join = make_or if combined.group(1).lower() == "or" else make_and
                    node = join(refs[i] for i in ids)
                else:
                    node = self._parse(body, refs)
            except QuerySyntaxError as exc:
                raise QuerySyntaxError(
                    f"line {number}: {exc.message}", text=text, position=start + exc.position
                ) from None
            refs[number] = node
            last = node
            offset += len(raw)
        if last is None:
            raise QuerySyntaxError("empty strategy", text=text, position=0)
        return last

    def render_lines(self, query: Query) -> Rendering:
        """The query as a numbered strategy: one line per word group, then the combinations."""
        ctx = RenderContext()
        lines: list[str] = []

        def emit(node: Node) -> int:
            if isinstance(node, And | Or) and shared_field(node) is None:
                numbers = [emit(o) for o in node.operands]
                word = "and" if isinstance(node, And) else "or"
                if numbers == list(range(numbers[0], numbers[-1] + 1)):
                    lines.append(f"{word}/{numbers[0]}-{numbers[-1]}")
                else:
                    lines.append(f" {word} ".join(str(n) for n in numbers))
            elif isinstance(node, Not):
                include, exclude = emit(node.include), emit(node.exclude)
                lines.append(f"{include} not {exclude}")
            else:
                lines.append(self.node(node, ctx))
            return len(lines)

        emit(query)
        text = "\n".join(f"{i} {line}" for i, line in enumerate(lines, 1))
        return Rendering(self.name, text, tuple(ctx.losses), tuple(ctx.notes))

    # Complexity (radon 35): a hand-written parser for Ovid's line-numbered syntax; its nested
    # helpers share the parse stack, and there is one branch per kind of token.
    def _parse(self, text: str, refs: dict[int, Node] | None) -> Query:
        check_nesting(text)
        stack: list[tuple[list[Node | OpToken], int]] = []
        items: list[Node | OpToken] = []
        run: list[tuple[str, int, bool]] = []
        pending_group: Node | None = None
        pending_pos = 0

        def error(message: str, position: int) -> QuerySyntaxError:
            return QuerySyntaxError(message, text=text, position=position)

        def push(node: Node, position: int) -> None:
            if items and not isinstance(items[-1], OpToken):
                raise error("missing operator before this", position)
            items.append(node)

        def flush_group() -> None:
            nonlocal pending_group
            if pending_group is not None:
                push(pending_group, pending_pos)
                pending_group = None

        def flush(field: Field | None, position: int, heading: bool = False) -> None:
            if not run:
                return
            words = [w for w, _, _ in run]
            quoted = len(run) == 1 and run[0][2]
            start = run[0][1]
            run.clear()
            if refs is not None and len(words) == 1 and not quoted and words[0].isdigit():
                if int(words[0]) not in refs:
                    raise error(f"no earlier line {words[0]}", start)
                if field is not None or heading:
                    raise error("a line number takes no field", start)
                push(refs[int(words[0])], start)
                return
            if heading:
                explode = len(words) > 1 and words[0].lower() == "exp"
                name = " ".join(" ".join(words[1:] if explode else words).split())
                try:
                    push(Heading(name, Vocabulary.MESH, explode), start)
                except ValueError as exc:
                    raise error(str(exc), start) from None
                return
            split = [_neutral_word(w, text, start) for word in words for w in word.split()]
            if not split:
                raise error("empty quotation marks", start)
            try:
                node: Node = (
                    Term(split[0], field)
                    if len(split) == 1 and not quoted
                    else Phrase(split, field)
                )
            except ValueError as exc:
                raise error(str(exc), start) from None
            push(node, start)

        for match in _TOKEN.finditer(text):
            kind, value, pos = match.lastgroup, match.group(), match.start()
            if kind == "space":
                continue
            if kind == "suffix":
                code = value[1:-1].lower()
                if code not in _READ_SUFFIX:
                    raise error(f"field code .{code}. has no neutral equivalent", pos)
                field = _READ_SUFFIX[code]
                if pending_group is not None:
                    target = pending_group
                    pending_group = None
                    push(
                        target
                        if field is None
                        else apply_field(target, field, text=text, position=pos),
                        pending_pos,
                    )
                elif run:
                    flush(field, pos)
                else:
                    raise error("field code follows no term", pos)
                continue
            flush_group()
            if kind == "slash":
                if not run:
                    raise error("'/' follows no heading", pos)
                flush(None, pos, heading=True)
            elif kind == "word" and (value.lower() in _OPERATORS or _ADJ.match(value)):
                flush(None, pos)
                if not items or isinstance(items[-1], OpToken):
                    raise error(f"{value} has nothing on its left", pos)
                adj = _ADJ.match(value)
                if adj is None:
                    items.append(OpToken(Op(value.upper()), pos))
                elif not adj.group(1) or int(adj.group(1)) < 1:
                    raise error("adj without a number (ordered adjacency): quote the phrase", pos)
                else:
                    items.append(OpToken(Op.NEAR, pos, int(adj.group(1)) - 1))
            elif kind in ("word", "phrase"):
                after_exp = len(run) == 1 and run[0][0].lower() == "exp" and not run[0][2]
                if run and (run[-1][2] or (kind == "phrase" and not after_exp)):
                    flush(None, pos)
                run.append((value[1:-1] if kind == "phrase" else value, pos, kind == "phrase"))
            elif kind == "lparen":
                flush(None, pos)
                if items and not isinstance(items[-1], OpToken):
                    raise error("missing operator before this bracket", pos)
                stack.append((items, pos))
                items = []
            else:
                flush(None, pos)
                if not stack:
                    raise error("this closing bracket has no opening one", pos)
                if not items or isinstance(items[-1], OpToken):
                    raise error("empty or unfinished brackets", pos)
                node = build(items, OVID, text)
                items, pending_pos = stack.pop()
                pending_group = node
        flush(None, len(text))
        flush_group()
        if stack:
            raise error("this bracket is never closed", stack[-1][1])
        if not items:
            raise error("empty query", 0)
        if isinstance(items[-1], OpToken):
            raise error("operator with nothing on its right", items[-1].position)
        return build(items, OVID, text)


def _neutral_word(word: str, text: str, position: int) -> str:
    if re.search(r"\$\d", word):
        raise QuerySyntaxError(
            "limited truncation ($n) has no neutral equivalent", text=text, position=position
        )
    if "?" in word:
        raise QuerySyntaxError(
            "Ovid's optional-character wildcard ? has no neutral equivalent",
            text=text,
            position=position,
        )
    return word.replace("$", "*").replace("#", "?")
