"""Project-file speed: save and load a review of N realistic records.

Prints seconds for realistsynth.save / realistsynth.load beside the floor of the same JSON
written and parsed by orjson alone (no typed model, no checks), and by the standard library's
json (what a naive implementation would use), so the cost of the typed model is visible; then
the ratio to orjson against the target (at most 2x orjson's parse for a load with every
invariant checked, 2x its dump for a save), the same with the collector paused
(:func:`realistsynth.collector.paused_collector`, what a program that owns its process can
choose), the peak resident memory of a load alone in a fresh process (target: under 1.5 GB at
100,000 records), and that of the whole benchmark process (which holds two reviews).

    python benchmarks/bench_project_file.py [N]
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

import realistsynth as rs

WORDS = [
    "integrated",
    "care",
    "system",
    "leadership",
    "trust",
    "partnership",
    "governance",
    "population",
    "health",
    "accountability",
    "relationships",
    "collaboration",
    "vision",
    "purpose",
    "learning",
    "innovation",
    "digital",
    "intelligence",
    "inequalities",
    "community",
    "services",
    "redesign",
    "improvement",
    "evaluation",
    "realist",
]


def make_review(n: int, seed: int = 1) -> rs.Review:
    rng = random.Random(seed)
    review = rs.Review.new("Benchmark review")
    review.add_source(rs.Source("medline", "MEDLINE"))

    def words(k: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(k))

    review.add_records(
        rs.Record(
            f"r{i}",
            title=words(12).capitalize(),
            authors=[
                rs.Name(rng.choice(WORDS).capitalize(), "A.B.") for _ in range(rng.randint(1, 6))
            ],
            issued=rs.PartialDate(rng.randint(2000, 2024), rng.randint(1, 12)),
            container_title=words(4).title(),
            volume=str(rng.randint(1, 80)),
            issue=str(rng.randint(1, 12)),
            pages=f"{rng.randint(1, 500)}-{rng.randint(501, 900)}",
            doi=f"10.{rng.randint(1000, 9999)}/{rng.randint(10**6, 10**7)}",
            abstract=words(170),
            keywords=[words(2) for _ in range(4)],
            provenance=[
                rs.Provenance(
                    file="export.ris",
                    index=i,
                    line=i * 20 + 1,
                    format="ris",
                    source_id="medline",
                    source_record_id=str(10**7 + i),
                )
            ],
            extra={"N1": [words(5)]},
        )
        for i in range(n)
    )
    return review


# the peak is read from VmHWM: ru_maxrss of a child started by fork and exec still counts the
# parent's pages it was forked with
_LOAD_ALONE = """
import sys, time
import realistsynth as rs
start = time.perf_counter()
rs.load(sys.argv[1])
seconds = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(seconds, peak / 1024)
"""


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    review = make_review(n)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.json"
        start = time.perf_counter()
        rs.save(review, path)
        save_s = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        start = time.perf_counter()
        loaded = rs.load(path)
        load_s = time.perf_counter() - start
        assert len(loaded.records) == n
        raw = path.read_bytes()
        floors = {}
        for name, loads, dumps in (
            ("orjson alone", orjson.loads, lambda d: orjson.dumps(d, option=orjson.OPT_INDENT_2)),
            ("stdlib json", json.loads, lambda d: json.dumps(d, ensure_ascii=False, indent=2)),
        ):
            start = time.perf_counter()
            data = loads(raw)
            parse_s = time.perf_counter() - start
            start = time.perf_counter()
            dumps(data)
            floors[name] = (time.perf_counter() - start, parse_s)
        from realistsynth.collector import paused_collector

        with paused_collector():
            start = time.perf_counter()
            rs.save(review, path)
            paused_save_s = time.perf_counter() - start
            start = time.perf_counter()
            rs.load(path)
            paused_load_s = time.perf_counter() - start
            # the floors again, also paused: a ratio compares like with like
            start = time.perf_counter()
            data = orjson.loads(raw)
            paused_parse_s = time.perf_counter() - start
            start = time.perf_counter()
            orjson.dumps(data, option=orjson.OPT_INDENT_2)
            paused_dump_s = time.perf_counter() - start
            del data
        # a load measured alone: a fresh process that only reads the file
        alone = subprocess.run(
            [sys.executable, "-c", _LOAD_ALONE, str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"project file, {n:,} records, {size_mb:.0f} MB")
    print(f"{'':24}{'realistsynth':>14}" + "".join(f"{k:>14}" for k in floors))
    print(f"{'save (s)':24}{save_s:14.2f}" + "".join(f"{v[0]:14.2f}" for v in floors.values()))
    print(
        f"{'load incl. checks (s)':24}{load_s:14.2f}"
        + "".join(f"{v[1]:14.2f}" for v in floors.values())
    )
    dump_floor, parse_floor = floors["orjson alone"]
    print(
        f"ratio to orjson: save {save_s / dump_floor:.1f}x, load {load_s / parse_floor:.1f}x "
        "(target: at most 2x each)"
    )
    print(
        f"collector paused: save {paused_save_s:.2f} s ({paused_save_s / paused_dump_s:.1f}x "
        f"orjson's {paused_dump_s:.2f} s), load {paused_load_s:.2f} s "
        f"({paused_load_s / paused_parse_s:.1f}x orjson's {paused_parse_s:.2f} s)"
    )
    print(
        f"load alone in its own process: {float(alone[0]):.2f} s, peak resident memory "
        f"{float(alone[1]):,.0f} MB (target: under 1,500 MB at 100,000 records)"
    )
    print(f"peak resident memory of this benchmark process: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
