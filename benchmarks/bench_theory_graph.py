"""Drawing a large programme theory: 40 CMOCs in four themes with 60 typed links (the size the
issue asks to stay legible), through the public API a user calls.

    python benchmarks/bench_theory_graph.py [CMOCS] [LINKS]

Target (issue 15): the SVG in under a second, with no overlapping boxes. Printed beside it:
the DOT, Mermaid and GraphML writers, and Graphviz ``dot -Tsvg`` laying out the same graph from
our DOT (the peer a user would otherwise reach for; wall-clock time of the subprocess, since
its work is not in this process). Our times are CPU seconds (``time.process_time``), best of
five runs, so other work on a shared machine inflates them less.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time

from _words import WORDS

import realistsynth as rs
from realistsynth.synthesis import render_graph, theory_graph


def build(cmocs: int, links: int, seed: int = 7) -> rs.Review:
    """A review with ``cmocs`` CMOCs over the Doing Things Differently themes and ``links``
    links of the four built-in kinds (chains only forward, so no cycle is refused)."""
    rng = random.Random(seed)
    review = rs.Review.new("Benchmark theory")
    framework = rs.get_plugin_manager(load_entry_points=False).framework("doing-things-differently")
    review.adopt_framework(framework)
    themes = [t.id for t in framework.themes]
    ids = [f"c{i}" for i in range(cmocs)]
    for i, cid in enumerate(ids):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(20, 70)))
        review.add_cmoc(rs.CMOC(cid, statement=text, theme_id=themes[i % 4], label=f"CMOC {i + 1}"))
    review.add_theory_version(rs.TheoryVersion("v", "Benchmark theory", cmoc_ids=ids))
    kinds = ["leads-to", "nested-in", "rival-of", "moderates"]
    seen: set[tuple[str, int, int]] = set()
    while len(review.cmoc_links) < links:
        a, b = sorted(rng.sample(range(cmocs), 2))
        kind = rng.choice(kinds)
        if (kind, a, b) in seen:
            continue
        seen.add((kind, a, b))
        review.add_cmoc_link(rs.CMOCLink(f"l{len(review.cmoc_links)}", "v", ids[a], ids[b], kind))
    return review


def best(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    cmocs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    links = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    review = build(cmocs, links)
    print(f"{cmocs} CMOCs, {links} links (CPU seconds, best of 5)")
    for fmt in ("svg", "dot", "mermaid", "graphml"):
        seconds = best(lambda fmt=fmt: render_graph(theory_graph(review), fmt))
        print(f"  realistsynth {fmt:<8} {seconds:8.4f} s")
    dot = shutil.which("dot")
    if dot is None:
        print("  graphviz dot -Tsvg  not installed")
        return
    text = render_graph(theory_graph(review), "dot").encode()
    walls = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([dot, "-Tsvg"], input=text, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
    print(f"  graphviz dot -Tsvg    {min(walls):8.4f} s (wall clock, best of 3)")


if __name__ == "__main__":
    main()
