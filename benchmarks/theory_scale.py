"""How the theory queries scale: contribution matrix, lint, lineage and diff on a large theory.

A realist review holds tens of CMOCs and tens to hundreds of sources; this builds one far
larger (default: 5 versions of 100 CMOCs, 2,000 included sources, 20,000 evidence links) to
show that nothing is quadratic in the evidence. No other library models CMOCs, so there is no
peer figure to print beside ours; teams do this by hand in Excel.

    python benchmarks/theory_scale.py [--cmocs 100] [--versions 5] [--sources 2000]
"""

from __future__ import annotations

import argparse
import random
import time

import realistsynth as rs
from realistsynth.synthesis import ancestors, contribution_matrix, diff_versions, lint


def build(cmocs: int, versions: int, sources: int, links: int, seed: int = 1) -> rs.Review:
    rng = random.Random(seed)
    review = rs.Review.new("Scale")
    framework = rs.get_plugin_manager(load_entry_points=False).framework("doing-things-differently")
    review.adopt_framework(framework)
    themes = [t.id for t in framework.themes]
    review.add_records(rs.Record(f"s{i}", title=f"Source {i}") for i in range(sources))
    previous: list[str] = []
    for v in range(versions):
        ids = [f"v{v}-c{i}" for i in range(cmocs)]
        for cid in ids:
            cited = " ".join(f"[@s{rng.randrange(sources)}]" for _ in range(8))
            review.add_cmoc(
                rs.CMOC(
                    cid,
                    theme_id=rng.choice(themes),
                    context=f"In the context {cid} of many words here",
                    mechanism_resource="a resource offered to people in the system",
                    mechanism_reasoning="people reason about it and respond",
                    outcome=f"an outcome {rng.random():.3f} for the population",
                    narrative=f"Evidence says so {cited}.",
                )
            )
        statements = [rs.ThemeStatement(t, f"Statement of {t}") for t in themes]
        review.add_theory_version(
            rs.TheoryVersion(f"v{v}", f"v{v}", cmoc_ids=ids, theme_statements=statements)
        )
        if previous:
            outcomes = [
                rs.RefinementOutcome(p, rs.OutcomeKind.SUPPORTED_REFINED, "r", [ids[i]])
                for i, p in enumerate(previous)
            ]
            review.refine(rs.Refinement(f"v{v - 1}", f"v{v}", outcomes))
        previous = ids
    for i in range(links):
        review.add_evidence(
            rs.EvidenceLink(
                f"e{i}",
                rng.choice(previous),
                rs.EvidenceTarget.RECORD,
                f"s{rng.randrange(sources)}",
            )
        )
    return review


def timed(label: str, func, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func(*args)
    print(f"{label:40} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cmocs", type=int, default=100)
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--links", type=int, default=20000)
    a = parser.parse_args()
    print(f"{a.versions} versions x {a.cmocs} CMOCs, {a.sources} sources, {a.links} evidence links")
    review = timed("build (all invariants checked)", build, a.cmocs, a.versions, a.sources, a.links)
    last = f"v{a.versions - 1}"
    matrix = timed("contribution matrix of the last version", contribution_matrix, review, last)
    print(f"{'':40} {len(matrix.cells)} contributing cells")
    findings = timed("lint", lint, review)
    print(f"{'':40} {len(findings)} findings")
    timed("diff first -> last version", diff_versions, review, "v0", last)
    timed("ancestors of one CMOC of the last version", ancestors, review, f"{last}-c0")
    text = timed("save to JSON text", rs.dumps, review)
    timed("load from JSON text (all checks)", rs.loads, text)


if __name__ == "__main__":
    main()
