"""Warnings about what silently changes meaning from one platform to another.

Each rule looks at the query *as typed* (tokens and bracket levels, not only the tree), so a
finding points at a character position. The rules:

``mixed-operators``
    Different operators at one bracket level without brackets (``a AND b OR c``). Platforms
    group them differently (PubMed left to right; Ovid and EBSCOhost AND first; Scopus and
    ProQuest OR first); the finding lists each distinct reading and which platforms give it.
``truncated-phrase``
    A wildcard inside a quoted phrase: some platforms ignore it or refuse it.
``hyphenated-term``
    A hyphen in a word: platforms index ``social-care`` as one word, two words or a phrase.
``short-stem``
    Truncation after fewer than four characters (``car*`` finds care, career, carbon ...).
``curly-quotes``
    Curly quotation marks, which some platforms do not recognise; renderings use straight ones.
``lowercase-operator``
    ``and``/``or``/``not`` in lower case: PubMed reads lower-case operators as search words.
``proximity``
    ``NEAR/n``: the distance counts differently per platform and not every platform has it.
``redundant-term``
    A word or phrase ORed with a term that already finds every record it finds
    (``care OR "health care"``): harmless, but often a sign that the grouping is not what was
    meant.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence

from attrs import frozen

from realistsynth.query.ast import Node, Or, Phrase, Term, iter_nodes
from realistsynth.query.neutral import ParsedQuery, Token, format_query, read_query
from realistsynth.query.precedence import (
    EBSCO,
    NEUTRAL,
    OVID,
    PROQUEST,
    PUBMED,
    SCOPUS,
    WOS,
    Precedence,
)

__all__ = [
    "DOCUMENTED_PRECEDENCES",
    "MIN_STEM",
    "QueryFinding",
    "Reading",
    "Severity",
    "lint_query",
]

#: Platforms whose documentation states how unbracketed operators group.
DOCUMENTED_PRECEDENCES: tuple[Precedence, ...] = (PUBMED, OVID, EBSCO, PROQUEST, SCOPUS, WOS)
#: Truncation stems shorter than this many characters are flagged.
MIN_STEM = 4


class Severity(enum.Enum):
    """How much a finding matters."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@frozen
class Reading:
    """How some platforms read an unbracketed query: the tree, written with every bracket."""

    platforms: tuple[str, ...]
    query: str


@frozen
class QueryFinding:
    """One problem or caution about a query, at a character position."""

    code: str
    severity: Severity
    message: str
    position: int | None = None
    readings: tuple[Reading, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """Plain data (for JSON)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "position": self.position,
            "readings": [{"platforms": list(r.platforms), "query": r.query} for r in self.readings],
        }


def _readings(parsed: ParsedQuery, precedences: Sequence[Precedence]) -> tuple[Reading, ...]:
    by_text: dict[str, list[str]] = {}
    for precedence in (NEUTRAL, *precedences):
        try:
            text = format_query(parsed.build(precedence))
        except Exception as exc:  # a grouping that is invalid on that platform
            text = f"(not valid: {exc})"
        by_text.setdefault(text, []).append(
            "realistsynth" if precedence is NEUTRAL else precedence.name
        )
    return tuple(Reading(tuple(p), q) for q, p in by_text.items())


def lint_query(
    query: str | ParsedQuery, precedences: Iterable[Precedence] = DOCUMENTED_PRECEDENCES
) -> list[QueryFinding]:
    """Every lint finding for a neutral query, in order of position.

    :raises realistsynth.errors.QuerySyntaxError: if ``query`` is text that does not parse.
    """
    parsed = read_query(query) if isinstance(query, str) else query
    precedences = tuple(precedences)
    findings: list[QueryFinding] = []

    mixed = [g for g in parsed.root.groups() if len({o.op for o in g.operators()}) > 1]
    if mixed:
        readings = _readings(parsed, precedences)
        for group in mixed:
            ops = sorted({o.op.value for o in group.operators()})
            first = group.operators()[0].position
            findings.append(
                QueryFinding(
                    "mixed-operators",
                    Severity.WARNING if len(readings) > 1 else Severity.INFO,
                    f"{' and '.join(ops)} are mixed without brackets: platforms group them "
                    f"differently ({len(readings)} different readings); add brackets",
                    first,
                    readings if len(readings) > 1 else (),
                )
            )

    for token in parsed.tokens:
        if token.kind == "phrase":
            if token.curly and not any(f.code == "curly-quotes" for f in findings):
                count = sum(1 for t in parsed.tokens if t.kind == "phrase" and t.curly)
                findings.append(
                    QueryFinding(
                        "curly-quotes",
                        Severity.INFO,
                        f"{count} phrase(s) in curly quotation marks: some platforms do not "
                        "treat them as quotes; translations use straight ones",
                        token.start,
                    )
                )
            if any(c in token.text for c in "*?"):
                findings.append(
                    QueryFinding(
                        "truncated-phrase",
                        Severity.WARNING,
                        f'wildcard inside the phrase "{token.text}": Scopus and the Cochrane '
                        "Library ignore wildcards in quotes (translations rewrite it), other "
                        "platforms differ in what they match",
                        token.start,
                    )
                )
            words = token.text.split()
        elif token.kind == "word":
            words = [token.text]
        elif token.kind == "op":
            if token.text != token.text.upper():
                findings.append(
                    QueryFinding(
                        "lowercase-operator",
                        Severity.INFO,
                        f"lower-case operator {token.text!r}: PubMed needs capitals (translations "
                        "write each platform's form)",
                        token.start,
                    )
                )
            if token.text.upper().startswith("NEAR"):
                findings.append(
                    QueryFinding(
                        "proximity",
                        Severity.WARNING,
                        f"{token.text.upper()}: at most n words between, in any order; Ovid "
                        "counts differently (adj n+1), PubMed allows it only in title and "
                        "title/abstract, and not every platform can nest OR in it",
                        token.start,
                    )
                )
            continue
        else:
            continue
        for word in words:
            offset = token.start + (token.text.find(word) + 1 if token.kind == "phrase" else 0)
            core = word.strip("-")
            if "-" in core:
                findings.append(
                    QueryFinding(
                        "hyphenated-term",
                        Severity.WARNING,
                        f"hyphenated {word!r}: platforms index it as one word, two words or a "
                        f'phrase; consider ({word} OR "{word.replace("-", " ")}" OR '
                        f"{word.replace('-', '')})",
                        offset,
                    )
                )
            if "*" in word:
                stem = word[: word.index("*")]
                if len(stem.rstrip("?")) < MIN_STEM:
                    findings.append(
                        QueryFinding(
                            "short-stem",
                            Severity.WARNING,
                            f"{word!r} truncates after {len(stem)} character(s): it finds many "
                            "unrelated words, and some platforms refuse short stems",
                            offset,
                        )
                    )
    findings.extend(_redundant(parsed))
    findings.sort(key=lambda f: f.position if f.position is not None else -1)
    return findings


def _pattern(term: str) -> re.Pattern[str]:
    # '?' may not stand for a literal '*' of the other word, or 'a?' would swallow 'a*'
    parts = [".*" if c == "*" else "[^*]" if c == "?" else re.escape(c) for c in term]
    return re.compile("".join(parts), re.IGNORECASE)


def _position(tokens: Sequence[Token], node: Term | Phrase) -> int | None:
    for token in tokens:
        if isinstance(node, Term) and token.kind == "word" and token.text == node.text:
            return token.start
        if (
            isinstance(node, Phrase)
            and token.kind == "phrase"
            and tuple(token.text.split()) == node.words
        ):
            return token.start
    return None


def _redundant(parsed: ParsedQuery) -> list[QueryFinding]:
    findings = []
    tree: Node = parsed.build()
    for node in iter_nodes(tree):
        if not isinstance(node, Or):
            continue
        terms = [o for o in node.operands if isinstance(o, Term)]
        for operand in node.operands:
            if not isinstance(operand, Term | Phrase):
                continue
            words = operand.words if isinstance(operand, Phrase) else (operand.text,)
            for term in terms:
                if term == operand or term.field is not operand.field:
                    continue
                if any(_pattern(term.text).fullmatch(w) for w in words):
                    findings.append(
                        QueryFinding(
                            "redundant-term",
                            Severity.INFO,
                            f"{format_query(operand)} adds nothing: {format_query(term)} is "
                            "ORed with it and already finds every record it finds",
                            _position(parsed.tokens, operand),
                        )
                    )
                    break
    return findings
