"""Boolean search queries: a neutral syntax, its typed tree, lint, and per-platform dialects.

Why our own and not a library: the closest one, ``search-query`` 0.15 (CoLRev, MIT), parses
and lints PubMed, EBSCOhost and Web of Science syntax but has no Ovid, ProQuest, Scopus or
Cochrane syntax, builds a mutable tree with parent links, and prints its warnings to stdout
while parsing. Measured in one run (``benchmarks/query_translate.py``, 2 cores), parsing PubMed
and writing EBSCOhost: 7,300 queries/s here against 218/s for the worked example's query,
824/s against 16/s for a 6-block x 15-term strategy. Its redundant-term lint inspired ours.

>>> from realistsynth.query import parse_query, format_query
>>> format_query(parse_query("leader* AND (health OR care)"))
'leader* AND (health OR care)'
"""

from typing import TYPE_CHECKING

# Home module of each public name, imported on first use (see realistsynth._lazy): the
# plugin registry needs QueryDialect, not the checker and the linter.
_HOMES: dict[str, tuple[str, ...]] = {
    "realistsynth.query.ast": (
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
    ),
    "realistsynth.query.check": (
        "QueryCheck",
        "check_query",
    ),
    "realistsynth.query.dialect": (
        "BaseDialect",
        "Loss",
        "ParsingDialect",
        "QueryDialect",
        "Rendering",
        "can_parse",
    ),
    "realistsynth.query.lint": (
        "QueryFinding",
        "Reading",
        "Severity",
        "lint_query",
    ),
    "realistsynth.query.neutral": (
        "format_query",
        "parse_query",
        "read_query",
    ),
    "realistsynth.query.precedence": ("Precedence",),
}

# --- generated from _HOMES by `python -m realistsynth._lazygen`: do not edit by hand ---
if TYPE_CHECKING:
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
        canonical,
    )
    from realistsynth.query.check import QueryCheck, check_query
    from realistsynth.query.dialect import (
        BaseDialect,
        Loss,
        ParsingDialect,
        QueryDialect,
        Rendering,
        can_parse,
    )
    from realistsynth.query.lint import QueryFinding, Reading, Severity, lint_query
    from realistsynth.query.neutral import format_query, parse_query, read_query
    from realistsynth.query.precedence import Precedence

if not TYPE_CHECKING:
    from realistsynth import _lazy

    __getattr__, __dir__ = _lazy.lazy_exports(globals(), _HOMES)

__all__ = [
    "And",
    "BaseDialect",
    "Field",
    "Heading",
    "Loss",
    "Near",
    "Node",
    "Not",
    "Or",
    "ParsingDialect",
    "Phrase",
    "Precedence",
    "Query",
    "QueryCheck",
    "QueryDialect",
    "QueryFinding",
    "Reading",
    "Rendering",
    "Severity",
    "Term",
    "Vocabulary",
    "can_parse",
    "canonical",
    "check_query",
    "format_query",
    "lint_query",
    "parse_query",
    "read_query",
]
# --- end of the generated block ---
