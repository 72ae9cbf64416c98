"""De-duplication benchmark: accuracy and speed, ours beside bib-dedupe's, in the same run.

Usage::

    python benchmarks/dedup_benchmark.py [DATA_FOLDER] [--sizes 10000,30000,100000]
                                         [--no-peer]

``DATA_FOLDER`` (or the environment variable ``REALISTSYNTH_DEDUP_DATA``) holds the labelled
sets of the literature-deduplication benchmark, one folder per set with
``records_pre_merged*.csv`` and ``merged_record_ids.csv`` (published with bib-dedupe; not part
of this repository). Without it the labelled part is skipped with a message. bib-dedupe is
run when it is installed (``pip install bib-dedupe``: a benchmark-only tool, never a
dependency of realistsynth).

The synthetic part times 10k, 30k and 100k records (``dedup_corpus.py``, fixed seed), each
size in a fresh process so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from dedup_labelled import (
    load_records,
    load_truth,
    pairs_of,
    precision_recall,
    set_folders,
)

from realistsynth.dedup import find_links
from realistsynth.model.dedup import LinkVerdict, PairDecision, cluster_records


def _pairs(record_ids: list[str], links: list, decisions: list) -> set[tuple[str, str]]:
    clusters = cluster_records(record_ids, links, decisions)
    groups: dict[str, list[str]] = {}
    for rid, cid in clusters.items():
        groups.setdefault(cid, []).append(rid)
    return pairs_of(g for g in groups.values() if len(g) > 1)


def ours(folder: Path) -> dict[str, float]:
    """Our figures on one labelled set.

    ``p``/``r``: automatic merges only. ``r_queue``: recall once a reviewer has decided the
    queue correctly (simulated from the truth), i.e. what the review queue makes reachable.
    ``related``: true pairs that we keep apart on purpose as related items (errata, replies,
    conference and journal versions), which some labelled sets count as duplicates.
    """
    records = load_records(folder)
    ids = [r.id for r in records]
    truth = pairs_of(load_truth(folder))
    start = time.perf_counter()
    links, _ = find_links(records)
    cluster_records(ids, links)
    seconds = time.perf_counter() - start
    precision, recall = precision_recall(_pairs(ids, links, []), truth)
    queue = [link for link in links if link.verdict is LinkVerdict.UNCERTAIN]
    oracle = [PairDecision(x.record_a, x.record_b, x.pair in truth, "oracle") for x in queue]
    _, r_queue = precision_recall(_pairs(ids, links, oracle), truth)
    related = sum(1 for x in links if x.verdict is LinkVerdict.RELATED and x.pair in truth)
    return {
        "n": len(records),
        "p": precision,
        "r": recall,
        "s": seconds,
        "queue": len(queue),
        "r_queue": r_queue,
        "related": related,
    }


def peer(folder: Path) -> tuple[float, float, float] | None:
    """bib-dedupe's precision, recall and seconds on one set, or None if not installed."""
    try:
        import pandas as pd
        from bib_dedupe import cluster
        from bib_dedupe.bib_dedupe import block, match, prep
    except ImportError:
        return None
    frame = pd.concat(
        [pd.read_csv(p) for p in sorted(folder.glob("records_pre_merged*.csv"))],
        ignore_index=True,
    )
    truth = pairs_of(load_truth(folder))
    start = time.perf_counter()
    matched = match(block(prep(frame, verbosity_level=0), verbosity_level=0), verbosity_level=0)
    groups = cluster.get_connected_components(matched)
    seconds = time.perf_counter() - start
    found = pairs_of(g for g in groups if len(g) > 1)
    precision, recall = precision_recall(found, truth)
    return precision, recall, seconds


def labelled(root: Path, with_peer: bool) -> None:
    print(f"Labelled sets in {root}")
    head = f"{'set':20} {'n':>6} | {'ours P':>7} {'R':>6} {'time':>7} {'queue':>5} {'R+q':>6}"
    print(head + f" {'rel':>4} | {'bib-dedupe P':>12} {'R':>6} {'time':>7} | speed-up")
    for folder in set_folders(root):
        o = ours(folder)
        line = (
            f"{folder.name:20} {o['n']:6d} | {o['p']:7.4f} {o['r']:6.4f} {o['s']:6.2f}s "
            f"{o['queue']:5d} {o['r_queue']:6.4f} {o['related']:4d}"
        )
        other = peer(folder) if with_peer else None
        if other is None:
            print(line + " | (bib-dedupe not run)")
        else:
            pp, pr, ps = other
            print(line + f" | {pp:12.4f} {pr:6.4f} {ps:6.2f}s | {ps / o['s']:6.0f}x")
    print(
        "R+q: recall once the review queue is decided (simulated from the truth); "
        "rel: true pairs kept apart on purpose as related items (errata, replies, "
        "conference and journal versions)"
    )


_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {folder!r})
from dedup_corpus import make_corpus
from dedup_labelled import pairs_of, precision_recall
from realistsynth.dedup import find_links
from realistsynth.model.dedup import cluster_records
records, truth = make_corpus({n})
start = time.perf_counter()
links, comparisons = find_links(records)
clusters = cluster_records([r.id for r in records], links)
seconds = time.perf_counter() - start
groups = {{}}
for rid, cid in clusters.items():
    groups.setdefault(cid, []).append(rid)
p, r = precision_recall(pairs_of(g for g in groups.values() if len(g) > 1), pairs_of(truth))
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")]
rss = (int(hwm[0].split()[1]) if hwm else
       resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
print(json.dumps(dict(n=len(records), seconds=seconds, comparisons=comparisons, p=p, r=r,
                      rss=rss)))
"""


def synthetic(sizes: list[int]) -> None:
    print("\nSynthetic corpus (benchmarks/dedup_corpus.py, fixed seed), one process per size")
    print(f"{'n':>8} {'time':>8} {'comparisons':>12} {'P':>7} {'R':>7} {'peak RSS':>9}")
    for n in sizes:
        code = _CHILD.format(folder=str(Path(__file__).parent), n=n)
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        d = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{d['n']:8d} {d['seconds']:7.2f}s {d['comparisons']:12d} {d['p']:7.4f} "
            f"{d['r']:7.4f} {d['rss']:7.0f}MB"
        )
    print("(peak RSS includes generating the corpus in the same process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default=os.environ.get("REALISTSYNTH_DEDUP_DATA"))
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--no-peer", action="store_true", help="do not run bib-dedupe")
    args = parser.parse_args()
    if args.data and Path(args.data).is_dir() and set_folders(Path(args.data)):
        labelled(Path(args.data), not args.no_peer)
    else:
        print(
            "Labelled sets skipped: pass the folder of the literature-deduplication benchmark "
            "sets (or set REALISTSYNTH_DEDUP_DATA)."
        )
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes:
        synthetic(sizes)


if __name__ == "__main__":
    main()
