"""Selection benchmarks: workbook export/import, flow, and agreement at the worked example's
scale (5,716 records screened by two reviewers).

Run: ``python benchmarks/selection_bench.py``. Prints our figure and, where a peer exists on
the machine, the peer's figure measured in the same run (statsmodels for kappa). Not a test:
no assertion, no timing threshold.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

import realistsynth as rs
from realistsynth.selection import apply_decisions, default_stages, stage_agreement
from realistsynth.selection.agreement import agreement
from realistsynth.selection.flow import compute_flow
from realistsynth.selection.screening import Sourced
from realistsynth.selection.workbook import export_workbook, import_workbook

N = 5716


def build(n: int = N) -> rs.Review:
    rng = random.Random(7)
    review = rs.Review.new("Benchmark")
    for initials in ("AL", "BO"):
        review.add_reviewer(rs.Reviewer(initials))
    review.add_records(
        rs.Record(
            f"rec{i:05d}",
            title=f"Leadership in integrated care systems, study {i}",
            abstract="Integrated care " * 40,
            issued=rs.PartialDate(2017 + i % 6),
        )
        for i in range(n)
    )
    for stage in default_stages(2):
        review.add_stage(stage)
    items = []
    for rid in review.records:
        base = rng.random() < 0.02
        for reviewer in ("AL", "BO"):
            include = base if rng.random() > 0.01 else not base
            verdict = rs.Verdict.INCLUDE if include else rs.Verdict.EXCLUDE
            reason = None if include else "off-topic"
            items.append(
                Sourced(rs.Decision("title-abstract", rid, reviewer, verdict, reason), rid)
            )
    apply_decisions(review, items)
    return review


def timed(label: str, fn, repeat: int = 1) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    per = (time.perf_counter() - start) / repeat
    print(f"{label:<58} {per * 1000:9.1f} ms")
    return result


def main() -> None:
    review = timed("build + apply 11,432 decisions (all or nothing)", build)
    assert isinstance(review, rs.Review)
    timed("compute_flow (5,716 records, 2 stages)", lambda: compute_flow(review), 3)
    timed(
        "stage_agreement (kappa + AC1 + CIs)", lambda: stage_agreement(review, "title-abstract"), 3
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ta.xlsx"
        timed(
            "export workbook, 2 sheets x 5,716 rows (--all)",
            lambda: export_workbook(review, "title-abstract", path, include_decided=True),
        )
        timed("import the same workbook (no change)", lambda: import_workbook(review, path))
    pairs = [
        (
            review.decisions_on("title-abstract", rid)["AL"].verdict.value,
            review.decisions_on("title-abstract", rid)["BO"].verdict.value,
        )
        for rid in review.records
    ]
    ours = timed("ours: kappa + AC1 from 5,716 pairs", lambda: agreement(pairs), 20)
    try:
        import numpy as np
        from statsmodels.stats.inter_rater import cohens_kappa, to_table

        codes = np.array(
            [[0 if a == "include" else 1, 0 if b == "include" else 1] for a, b in pairs]
        )
        peer = timed(
            "statsmodels: to_table + cohens_kappa from 5,716 pairs",
            lambda: cohens_kappa(to_table(codes)[0]),
            20,
        )
        print(f"kappa ours {ours.kappa.value:.6f} / statsmodels {peer.kappa:.6f}")  # type: ignore[union-attr,attr-defined]
    except ImportError:
        print("statsmodels not installed: no peer figure for kappa")


if __name__ == "__main__":
    main()
