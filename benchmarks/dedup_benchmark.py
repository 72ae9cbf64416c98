"""De-duplication benchmark: accuracy and speed, ours beside bib-dedupe's, in the same run.

Usage::

    python benchmarks/dedup_benchmark.py [DATA_FOLDER] [--sizes 10000,30000,100000]
                                         [--no-peer] [--misses]

``DATA_FOLDER`` (or the environment variable ``REALISTSYNTH_DEDUP_DATA``) holds the labelled
sets of the literature-deduplication benchmark, one folder per set with
``records_pre_merged*.csv`` and ``merged_record_ids.csv`` (published with bib-dedupe; not part
of this repository). Without it the labelled part is skipped with a message. bib-dedupe is
run when it is installed (in the ``bench`` extra, ``pip install -e ".[bench]"``: a
benchmark-only tool, never a dependency of realistsynth).

Recall is printed twice: on the raw labels, and with the labelled pairs that the issue says
to keep apart (notices and the items they concern, conference abstracts and journal articles)
set aside for both tools, by the written rules of ``dedup_classes.py``. ``--misses`` lists
every true pair we do not merge with its class, so each can be checked by hand.

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
from typing import cast

sys.path.insert(0, str(Path(__file__).parent))

from dedup_classes import KEEP_APART, classify_pairs
from dedup_labelled import (
    load_records,
    load_truth,
    pairs_of,
    precision_recall,
    set_folders,
)

from realistsynth.dedup import find_links
from realistsynth.model.dedup import DuplicateLink, LinkVerdict, PairDecision, cluster_records
from realistsynth.model.records import Record


def _pairs(
    record_ids: list[str], links: list[DuplicateLink], decisions: list[PairDecision]
) -> set[tuple[str, str]]:
    clusters = cluster_records(record_ids, links, decisions)
    groups: dict[str, list[str]] = {}
    for rid, cid in clusters.items():
        groups.setdefault(cid, []).append(rid)
    found: set[tuple[str, str]] = pairs_of(g for g in groups.values() if len(g) > 1)
    return found


def ours(records: list[Record], truth: set[tuple[str, str]]) -> dict[str, object]:
    """Our figures on one labelled set.

    ``p``/``r``: automatic merges only. ``r_queue``: recall once a reviewer has decided the
    queue correctly (simulated from the truth), i.e. what the review queue makes reachable.
    ``related``: true pairs that we keep apart on purpose as related items (errata, replies,
    conference and journal versions), which some labelled sets count as duplicates.
    ``found``: the pairs merged automatically.
    """
    ids = [r.id for r in records]
    start = time.perf_counter()
    links, _ = find_links(records)
    cluster_records(ids, links)
    seconds = time.perf_counter() - start
    found = _pairs(ids, links, [])
    precision, recall = precision_recall(found, truth)
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
        "found": found,
    }


def peer(folder: Path) -> tuple[set[tuple[str, str]], float] | None:
    """bib-dedupe's merged pairs and seconds on one set, or None if not installed."""
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
    start = time.perf_counter()
    matched = match(block(prep(frame, verbosity_level=0), verbosity_level=0), verbosity_level=0)
    groups = cluster.get_connected_components(matched)
    seconds = time.perf_counter() - start
    return pairs_of(g for g in groups if len(g) > 1), seconds


def _recall_kept(found: set[tuple[str, str]], kept: set[tuple[str, str]]) -> float:
    return len(found & kept) / len(kept) if kept else 1.0


def _print_misses(
    records: list[Record],
    truth: set[tuple[str, str]],
    found: set[tuple[str, str]],
    classes: dict[tuple[str, str], str],
    peer_found: set[tuple[str, str]] | None,
) -> None:
    titles = {r.id: (r.title or "(no title)") for r in records}
    for a, b in sorted(truth - found):
        by_peer = "?" if peer_found is None else "yes" if (a, b) in peer_found else "no"
        print(f"    {a} {b} class={classes.get((a, b), '-')} bib-dedupe={by_peer}")
        print(f"      {titles[a][:100]}\n      {titles[b][:100]}")


def labelled(root: Path, with_peer: bool, misses: bool) -> None:
    print(f"Labelled sets in {root}")
    head = f"{'set':20} {'n':>6} | {'ours P':>7} {'R':>6} {'R kept':>6} {'time':>7}"
    head += f" {'queue':>5} {'R+q':>6} {'rel':>4} | {'bib-dedupe P':>12} {'R':>6} {'R kept':>6}"
    print(head + f" {'time':>7} | speed-up")
    for folder in set_folders(root):
        records = load_records(folder)
        truth = pairs_of(load_truth(folder))
        o = ours(records, truth)
        classes = classify_pairs(sorted(truth), records)
        kept = truth - set(classes)
        found: set[tuple[str, str]] = o["found"]  # type: ignore[assignment]
        line = (
            f"{folder.name:20} {o['n']:6d} | {o['p']:7.4f} {o['r']:6.4f} "
            f"{_recall_kept(found, kept):6.4f} {o['s']:6.2f}s "
            f"{o['queue']:5d} {o['r_queue']:6.4f} {o['related']:4d}"
        )
        other = peer(folder) if with_peer else None
        if other is None:
            print(line + " | (bib-dedupe not run)")
        else:
            peer_found, ps = other
            pp, pr = precision_recall(peer_found, truth)
            print(
                line + f" | {pp:12.4f} {pr:6.4f} {_recall_kept(peer_found, kept):6.4f} "
                f"{ps:6.2f}s | {ps / cast(float, o['s']):6.0f}x"
            )
        if misses:
            print(f"  set aside ({', '.join(KEEP_APART)}): {len(classes)} of {len(truth)} pairs")
            _print_misses(records, truth, found, classes, other[0] if other else None)
    print(
        "R kept: recall with the pairs the issue says to keep apart set aside (erratum, "
        "retraction, comment and reply notices; conference abstract and journal article: "
        "benchmarks/dedup_classes.py); R+q: recall once the review queue is decided "
        "(simulated from the truth); rel: true pairs kept apart on purpose as related items"
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
    parser.add_argument(
        "--misses", action="store_true", help="list every true pair we do not merge, classified"
    )
    args = parser.parse_args()
    if args.data and Path(args.data).is_dir() and set_folders(Path(args.data)):
        labelled(Path(args.data), not args.no_peer, args.misses)
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
