"""Project-file speed: save and load a review of N realistic records.

Prints seconds for ``realistsynth.save`` / ``realistsynth.load`` beside the floor of the same
file written and read by orjson alone (no typed model, no checks), each side doing the same
I/O, so the cost of the typed model is what the ratio shows (issue 18's target: at most 2x):

* save: ``realistsynth.save`` (encode, then the atomic write: temporary file, fsync, rename)
  against ``orjson.dumps`` of the parsed file plus the same :func:`realistsynth.atomic.
  atomic_write`; and, beside it, both to bytes in memory (ours: the encoding step of a save).
* load: ``realistsynth.load`` (read, parse, build the typed review, check every invariant)
  against reading the file's bytes and ``orjson.loads``.

Both sides run with the cyclic garbage collector on (Python's default, what a program gets),
in the same process state; the same again with the collector paused
(:func:`realistsynth.collector.paused_collector`, what a program that owns its process can
choose); then each load alone in a fresh process (time and peak resident memory, VmHWM;
target: under 1.5 GB at 100,000 records). ``--stdlib`` adds the standard library's json (what
a naive implementation would use); ``--screened`` adds two reviewers' decisions on every
record (a screened review's second bulk collection).

    python benchmarks/bench_project_file.py [N] [--stdlib] [--no-paused] [--no-alone] [--screened]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

import realistsynth as rs
from realistsynth.atomic import atomic_write
from realistsynth.collector import paused_collector
from realistsynth.store.project import _dump_bytes

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


def screen(review: rs.Review, seed: int = 2) -> None:
    """Two reviewers' title-and-abstract decisions on every record (a screened review holds a
    decision per reviewer, record and stage: the second bulk collection of a real file)."""
    rng = random.Random(seed)
    review.add_reviewer(rs.Reviewer("LK", name="L. Knight"))
    review.add_reviewer(rs.Reviewer("JA", name="J. Aunger"))
    reasons = [rs.ExclusionReason("wrong-setting", "Wrong setting")]
    review.add_stage(
        rs.ScreeningStage("ta", "Title and abstract", required_reviewers=2, reasons=reasons)
    )
    for record_id in list(review.records):
        for reviewer in ("LK", "JA"):
            include = rng.random() < 0.1
            review.record_decision(
                rs.Decision(
                    "ta",
                    record_id,
                    reviewer,
                    rs.Verdict.INCLUDE if include else rs.Verdict.EXCLUDE,
                    reason=None if include else "wrong-setting",
                )
            )


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
# parent's pages it was forked with; both import their library before the clock starts
_ALONE = """
import sys, time
from pathlib import Path
import orjson
import realistsynth as rs
import gc
start = time.perf_counter()
if sys.argv[2] == "orjson":
    result = orjson.loads(Path(sys.argv[1]).read_bytes())
else:
    result = rs.load(sys.argv[1])
seconds = time.perf_counter() - start
gc.collect()  # what the collector still owes for the new objects, paid by the next full pass
collected = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(seconds, peak / 1024, collected)
"""

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def _timed(work: Callable[[], object]) -> float:
    # a full collection the previous step made due (a load's million new objects) would
    # otherwise fall on whichever step allocates next: each step pays only its own
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _alone(path: Path, who: str) -> tuple[float, float, float]:
    """Seconds of a load, peak MB, and seconds of the load with one full collection after."""
    out = subprocess.run(
        [sys.executable, "-c", _ALONE, str(path), who], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def _measure(review: rs.Review, path: Path, floor_path: Path) -> dict[str, float]:
    """Seconds of each side, in one process state: the review in memory, nothing else."""
    figures = {"save": _timed(lambda: rs.save(review, path))}
    data: Any = orjson.loads(path.read_bytes())

    def orjson_save() -> None:
        with atomic_write(floor_path) as stream:
            stream.write(orjson.dumps(data, option=_OPTIONS))

    figures["orjson save"] = _timed(orjson_save)
    # each side's save again, in the other order: the first write after a load may wait on
    # the disk for the one before it; each keeps its better time
    figures["save"] = min(figures["save"], _timed(lambda: rs.save(review, path)))
    figures["orjson save"] = min(figures["orjson save"], _timed(orjson_save))
    figures["encode"] = _timed(lambda: _dump_bytes(review))
    figures["orjson dump"] = _timed(lambda: orjson.dumps(data, option=_OPTIONS))
    data = None
    gc.collect()  # the floor's dicts are gone before either side loads
    figures["load"] = _timed(lambda: rs.load(path))
    gc.collect()
    figures["orjson load"] = _timed(lambda: orjson.loads(path.read_bytes()))
    gc.collect()
    return figures


def _best(measure: Callable[[], dict[str, float]], repeat: int) -> dict[str, float]:
    """Each figure's best of ``repeat`` measurements (one machine's noise, an fsync that
    waits on the disk, is not the library's)."""
    runs = [measure() for _ in range(repeat)]
    return {key: min(run[key] for run in runs) for key in runs[0]}


def _row(label: str, ours: float, floor: float) -> str:
    return f"{label:46}{ours:10.2f}{floor:10.2f}{ours / floor:8.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("records", nargs="?", type=int, default=100_000, help="N (100,000)")
    parser.add_argument("--stdlib", action="store_true", help="also time the stdlib's json")
    parser.add_argument("--no-paused", action="store_true", help="skip the collector-paused run")
    parser.add_argument("--no-alone", action="store_true", help="skip the fresh-process loads")
    parser.add_argument(
        "--screened", action="store_true", help="add two reviewers' decisions on every record"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="best of this many measurements of each (3)"
    )
    args = parser.parse_args()
    n = args.records
    review = make_review(n)
    if args.screened:
        screen(review)
    with tempfile.TemporaryDirectory() as folder:
        path, floor_path = Path(folder) / "review.json", Path(folder) / "floor.json"
        on = _best(lambda: _measure(review, path, floor_path), args.repeat)
        size_mb = path.stat().st_size / 1e6
        paused = None
        if not args.no_paused:
            with paused_collector():
                paused = _best(lambda: _measure(review, path, floor_path), args.repeat)
        stdlib = None
        if args.stdlib:
            raw = path.read_bytes()
            start = time.perf_counter()
            data = json.loads(raw)
            stdlib_parse = time.perf_counter() - start
            stdlib = (_timed(lambda: json.dumps(data, ensure_ascii=False, indent=2)), stdlib_parse)
            del data, raw
        alone = None
        if not args.no_alone:
            del review  # the children are started from a small parent
            gc.collect()
            alone = (_alone(path, "realistsynth"), _alone(path, "orjson"))
        assert floor_path.read_bytes() == path.read_bytes()  # the floor wrote the same file
    print(
        f"project file, {n:,} records{', screened by two' if args.screened else ''}, "
        f"{size_mb:.0f} MB "
        f"(best of {args.repeat}; ratio: realistsynth / orjson alone; target at most 2x)"
    )
    runs = [("collector on", on)] + ([("collector paused", paused)] if paused else [])
    for name, f in runs:
        print(f"{name + ' (s)':46}{'realist.':>10}{'orjson':>10}{'ratio':>9}")
        print(_row("  save to disk (atomic write + fsync, both)", f["save"], f["orjson save"]))
        print(_row("  save to bytes in memory (encode / dumps)", f["encode"], f["orjson dump"]))
        print(_row("  load from disk (read + parse [+ checks])", f["load"], f["orjson load"]))
    if stdlib:
        print(f"stdlib json (collector on): dumps {stdlib[0]:.2f} s, loads {stdlib[1]:.2f} s")
    if alone:
        (ours_s, ours_mb, ours_c), (floor_s, floor_mb, floor_c) = alone
        print(
            f"load alone in a fresh process: {ours_s:.2f} s, peak {ours_mb:,.0f} MB "
            f"(orjson: {floor_s:.2f} s, peak {floor_mb:,.0f} MB; ratio {ours_s / floor_s:.1f}x); "
            "memory target: under 1,500 MB at 100,000 records"
        )
        print(
            f"  with one full collection after it (the collector's debt for the new objects): "
            f"{ours_c:.2f} s (orjson: {floor_c:.2f} s; ratio {ours_c / floor_c:.1f}x)"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this benchmark process: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
