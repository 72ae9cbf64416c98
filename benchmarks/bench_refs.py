"""Formatting 1,000 references in APA: realistsynth (cold, then repeated from its cache)
beside citeproc-py alone on the same CSL-JSON items, in the same run.

    python benchmarks/bench_refs.py [N] [STYLE]

Targets (issue 8): 1,000 APA references in at most 5 s on 2 cores; a repeat from the cache in
under 0.5 s.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from typing import Any

from _words import WORDS

from realistsynth.model import Name, PartialDate, Record
from realistsynth.plugins import get_plugin_manager
from realistsynth.references import ReferenceCache, ReferenceFormatter, record_to_csl

FAMILIES = [
    "Smith",
    "Jones",
    "Patel",
    "Nguyen",
    "García",
    "O'Brien",
    "Müller",
    "Okafor",
    "Chen",
    "Tanaka",
    "Rossi",
    "Dubois",
    "Cohen",
    "Hughes",
    "Ahmed",
    "Walsh",
    "Fraser",
    "Evans",
]
GIVENS = ["J.", "A.B.", "Maria", "Sarah", "K.", "L.M.", "Peter", "Chloe", "Jean-Paul", "Ji-woo"]


def records(n: int, seed: int = 8) -> list[Record]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = rng.random()
        authors = [Name(rng.choice(FAMILIES), rng.choice(GIVENS)) for _ in range(rng.randint(1, 7))]
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize()
        year = PartialDate(rng.randint(2000, 2024))
        if kind < 0.7:
            first = rng.randint(1, 500)
            out.append(
                Record(
                    f"r{i}",
                    title=title,
                    authors=authors,
                    issued=year,
                    container_title="Journal of Integrated Care",
                    volume=str(rng.randint(1, 40)),
                    issue=str(rng.randint(1, 12)),
                    pages=f"{first}-{first + 12}",
                    doi=f"10.1108/jica-{i}",
                )
            )
        elif kind < 0.85:
            out.append(
                Record(
                    f"r{i}",
                    type="book",
                    title=title,
                    authors=authors,
                    issued=year,
                    publisher="Routledge",
                    publisher_place="London",
                )
            )
        else:
            out.append(
                Record(
                    f"r{i}",
                    type="report",
                    title=title,
                    authors=[Name(literal="NHS England")],
                    issued=year,
                )
            )
    return out


def citeproc_py_alone(items: list[dict[str, Any]], path: str) -> float:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    start = time.perf_counter()
    style = CitationStylesStyle(path, validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
    citations = [Citation([CitationItem(item["id"])]) for item in items]
    for citation in citations:
        bib.register(citation)
    bib.sort()
    for citation in citations:
        bib.cite(citation, lambda _: None)
    entries = bib.bibliography()
    assert len(entries) == len(items)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    style = sys.argv[2] if len(sys.argv) > 2 else "apa"
    recs = records(n)
    plugins = get_plugin_manager()
    path = str(plugins.citation_style(style).path)
    peer = citeproc_py_alone([record_to_csl(r) for r in recs], path)
    with tempfile.TemporaryDirectory() as folder:
        cache = ReferenceCache(folder)
        # the default first, so that nothing the worker run leaves in this process helps it
        start = time.perf_counter()
        single = ReferenceFormatter(style, plugins=plugins).format(recs, "html")
        one_process = time.perf_counter() - start
        start = time.perf_counter()
        bib = ReferenceFormatter(style, plugins=plugins, cache=cache, workers=2).format(
            recs, "html"
        )
        cold = time.perf_counter() - start
        assert single == bib
        start = time.perf_counter()
        again = ReferenceFormatter(style, plugins=plugins, cache=cache).format(recs, "html")
        warm = time.perf_counter() - start
        start = time.perf_counter()
        disk = ReferenceFormatter(style, plugins=plugins, cache=ReferenceCache(folder)).format(
            recs, "html"
        )
        from_disk = time.perf_counter() - start
        assert again == bib == disk
    print(f"{n} references, style {style}")
    print(f"  citeproc-py alone (entries + citations, no fixes): {peer:6.2f} s")
    print(f"  realistsynth, cold cache, one process (default):   {one_process:6.2f} s")
    print(f"  realistsynth, cold cache, 2 worker processes:      {cold:6.2f} s")
    print(f"  realistsynth, repeat from the in-memory cache:     {warm:6.2f} s")
    print(f"  realistsynth, repeat from the disk cache:          {from_disk:6.2f} s")


if __name__ == "__main__":
    main()
