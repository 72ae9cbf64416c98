"""Benchmark: parse a query and translate it to another platform, ours beside search-query.

The peer is ``search-query`` (CoLRev, MIT, PyPI), which parses and lints PubMed, EBSCOhost and
Web of Science syntax and translates between them. Both are timed in the same run on the same
queries: the worked example's query (bracketed as the authors probably meant it) and a long
block-structured query of the size of a Cochrane-style strategy. The peer prints its lint
warnings to stdout while parsing; that output is captured and discarded (not counted out).

Run: ``python benchmarks/query_translate.py`` (the ``bench`` extra installs ``search-query`` for the
peer's column).
"""

from __future__ import annotations

import contextlib
import io
import time

from realistsynth.query.dialects import EbscoDialect, PubMedDialect

WORKED = (
    '(Integrat* AND (health OR care OR "health care" OR "health servic*" OR healthcare OR '
    'social-care OR "social care" OR NHS) AND system* AND leader*)'
)


def long_query(blocks: int = 6, terms: int = 15) -> str:
    """A block-structured PubMed query: ``blocks`` OR-blocks of ``terms`` tagged terms, ANDed."""
    parts = []
    for b in range(blocks):
        words = [f"concept{b}word{t}*[tiab]" for t in range(terms - 1)] + [f'"concept {b}"[tiab]']
        parts.append("(" + " OR ".join(words) + ")")
    return " AND ".join(parts)


def ours(text: str, n: int) -> float:
    source, target = PubMedDialect(), EbscoDialect()
    start = time.perf_counter()
    for _ in range(n):
        target.render(source.parse(text))
    return n / (time.perf_counter() - start)


def peer(text: str, n: int) -> float | None:
    try:
        from search_query.parser import parse
    except ImportError:
        return None
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        for _ in range(n):
            parse(text, platform="pubmed").translate("ebscohost").to_string()
    return n / (time.perf_counter() - start)


def main() -> None:
    cases = [
        ("worked example (PubMed -> EBSCOhost)", WORKED, 2000, 200),
        ("6 blocks x 15 terms (PubMed -> EBSCOhost)", long_query(), 300, 20),
    ]
    print(f"{'case':<45} {'realistsynth':>16} {'search-query':>16}")
    for name, text, n_ours, n_peer in cases:
        a = ours(text, n_ours)
        b = peer(text, n_peer)
        peer_text = f"{b:,.0f} q/s" if b is not None else "not installed"
        print(f"{name:<45} {a:>12,.0f} q/s {peer_text:>16}")


if __name__ == "__main__":
    main()
