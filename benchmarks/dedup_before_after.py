"""De-duplication before and after a change to the rules: accuracy and time, in one run.

Usage::

    python benchmarks/dedup_before_after.py [--before REV] [--sizes 10000,30000] [DATA_FOLDER]

``--before`` names a git revision (default ``HEAD``); its ``realistsynth/dedup/compare.py`` is
loaded beside the working tree's and each is run through the public :func:`find_links` on
the same records, alternately, best of ``--repeat`` runs each. Printed side by side: pairwise
precision and recall against the truth, the seconds, and how many pairs got another verdict
or rule. The records: the synthetic corpus (``dedup_corpus.py``, fixed seed, its injected
duplicates as truth), the labelled rule pairs (``tests/data/dedup/rule_pairs.json``) and,
given ``DATA_FOLDER`` (or ``REALISTSYNTH_DEDUP_DATA``), the bib-dedupe labelled sets, read
through :func:`realistsynth.importing.read_records` as a user imports them
(``dedup_labelled.py``).
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dedup_corpus import make_corpus  # noqa: E402
from dedup_labelled import load_records, load_truth, pairs_of, precision_recall, set_folders  # noqa: E402

import realistsynth.dedup.run as run  # noqa: E402
from realistsynth.dedup import find_links  # noqa: E402
from realistsynth.model import Name, PartialDate, Record  # noqa: E402
from realistsynth.model.dedup import LinkVerdict, cluster_records  # noqa: E402


def _module_at(revision: str) -> ModuleType:
    """``realistsynth.dedup.compare`` as it was at ``revision``."""
    root = HERE.parent
    text = subprocess.run(
        ["git", "show", f"{revision}:src/realistsynth/dedup/compare.py"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    folder = Path(tempfile.mkdtemp())
    path = folder / "compare_before.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("compare_before", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_with(module: ModuleType, batches: list[list[Record]]) -> tuple[list[Any], float]:
    """``find_links`` on each batch with ``module``'s ``compare`` and ``DedupSettings``; the
    links and the seconds."""
    namespace = vars(run)  # find_links reads these two names from its module
    saved = namespace["compare"], namespace["DedupSettings"]
    namespace["compare"], namespace["DedupSettings"] = module.compare, module.DedupSettings
    try:
        links: list[Any] = []
        start = time.perf_counter()
        for batch in batches:
            links += find_links(batch)[0]
        return links, time.perf_counter() - start
    finally:
        namespace["compare"], namespace["DedupSettings"] = saved


def _found(records: list[Record], links: list[Any]) -> set[tuple[str, str]]:
    clusters = cluster_records([r.id for r in records], links)
    groups: dict[str, list[str]] = {}
    for rid, cid in clusters.items():
        groups.setdefault(cid, []).append(rid)
    found: set[tuple[str, str]] = pairs_of(g for g in groups.values() if len(g) > 1)
    return found


def _rule_pairs() -> tuple[list[list[Record]], list[frozenset[str]]]:
    """Each labelled pair as a batch of its own (the pairs reuse one article's description)."""
    data = json.loads(
        (HERE.parent / "tests" / "data" / "dedup" / "rule_pairs.json").read_text("utf-8")
    )
    batches: list[list[Record]] = []
    truth: list[frozenset[str]] = []
    for number, pair in enumerate(data["pairs"]):
        ids = []
        records: list[Record] = []
        for side in ("a", "b"):
            fields = dict(pair[side])
            authors = [
                Name(family=x.split(", ")[0], given=x.split(", ")[1])
                if ", " in x
                else Name(family=x)
                for x in fields.pop("authors", [])
            ]
            year = fields.pop("year", None)
            rid = f"p{number}{side}"
            records.append(
                Record(
                    id=rid, authors=authors, issued=PartialDate(year) if year else None, **fields
                )
            )
            ids.append(rid)
        batches.append(records)
        if pair["verdict"] == "duplicate":
            truth.append(frozenset(ids))
    return batches, truth


def _measure(
    label: str,
    batches: list[list[Record]],
    truth: list[frozenset[str]],
    before: ModuleType,
    after: ModuleType,
    repeat: int,
) -> None:
    true_pairs = pairs_of(truth)
    best: dict[str, float] = {"before": float("inf"), "after": float("inf")}
    links: dict[str, list[Any]] = {}
    for _ in range(repeat):
        for name, module in (("before", before), ("after", after)):
            found, seconds = _run_with(module, batches)
            best[name] = min(best[name], seconds)
            links[name] = found

    def outcome(found: list[Any]) -> dict[tuple[str, str], tuple[LinkVerdict, str]]:
        return {x.pair: (x.verdict, x.rule) for x in found}

    one, other = outcome(links["before"]), outcome(links["after"])
    changed = sum(one.get(k) != other.get(k) for k in one.keys() | other.keys())
    records = [r for batch in batches for r in batch]
    cells = []
    for name in ("before", "after"):
        p, r = precision_recall(_found(records, links[name]), true_pairs)
        queued = sum(x.verdict is LinkVerdict.UNCERTAIN for x in links[name])
        cells.append(f"{p:.4f} {r:.4f} {queued:6d} {best[name]:7.2f}")
    print(f"{label:24} {len(records):7,} | {cells[0]} | {cells[1]} | {changed:7d}")


def _synthetic(size: int) -> tuple[list[list[Record]], list[frozenset[str]]]:
    records, truth = make_corpus(size)
    return [records], truth


def _labelled_set(folder: Path) -> tuple[list[list[Record]], list[frozenset[str]]]:
    return [load_records(folder)], load_truth(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=os.environ.get("REALISTSYNTH_DEDUP_DATA"))
    parser.add_argument("--before", default="HEAD")
    parser.add_argument("--sizes", default="10000,30000")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    before = _module_at(args.before)
    after = sys.modules["realistsynth.dedup.compare"]
    print(f"before: compare.py at {args.before}; after: the working tree")
    print(
        f"{'set':24} {'records':>7} | {'P':6} {'R':6} {'queued':>6} {'seconds':>7} "
        f"| {'P':6} {'R':6} {'queued':>6} {'seconds':>7} | changed"
    )
    sets: list[tuple[str, Callable[[], tuple[list[list[Record]], list[frozenset[str]]]]]] = [
        ("rule pairs", _rule_pairs)
    ]
    if args.data:
        for folder in set_folders(Path(args.data)):
            sets.append((folder.name, functools.partial(_labelled_set, folder)))
    for size in [int(s) for s in args.sizes.split(",") if s]:
        sets.append((f"synthetic {size:,}", functools.partial(_synthetic, size)))
    for label, load in sets:
        batches, truth = load()
        _measure(label, batches, truth, before, after, args.repeat)
    print("\nP, R: pairwise precision and recall of the automatic merges; queued: pairs left to a")
    print("reviewer; seconds: find_links, best of the runs; changed: pairs whose verdict or rule")
    print("differs between before and after (0: the same decisions).")


if __name__ == "__main__":
    main()
