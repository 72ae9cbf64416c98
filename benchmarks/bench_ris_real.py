"""RIS import on real exports, each file read on its own as users import them, beside rispy.

Every RIS sample the tests fetch (``tests/data/real-exports/manifest.toml``, cached by
``tests/real_exports/fetch_samples.py``) is read by realistsynth's public
:func:`realistsynth.importing.read_records` (one plugin manager for all files, as
``realistsynth import a.ris b.ris ...`` has) and by ``rispy.load``, alternately, in the same
process; each file's best CPU time of ``--repeat`` runs counts, and the totals are the sums
over the files. Beside them, ``pairs``: the median over the runs of rispy's time over ours
when run back to back, which a machine whose speed drifts (a shared one) moves less than it
moves the best times. CPU time, not wall time: on a shared machine wall time mostly measures the
other processes. Ours builds validated ``Record`` objects with provenance and SHA-256; rispy
gives plain dicts.

Usage::

    pip install -e ".[bench]"
    python tests/real_exports/fetch_samples.py
    python benchmarks/bench_ris_real.py [--repeat 7] [--pause-gc] [--phases]

The collector stays on (as the library leaves it) unless ``--pause-gc`` runs ours inside
:func:`realistsynth.collector.paused_collector`. Target (issue 21): at least 1.5x rispy.
``--phases`` also prints where the time goes on the largest sample, phase by phase, through
the importer's own steps (SHA-256, decoding and the split, mapping, building the
records), their sum, what decoding the whole text would cost, and rispy on the same file.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import rispy

from realistsynth.importing import read_records
from realistsynth.plugins import get_plugin_manager

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "real_exports"))
from fetch_samples import load_manifest, sample_path


def _cpu(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def _phases(path: Path, repeat: int) -> None:
    """The importer's steps on ``path``, each timed on its own (best CPU time of ``repeat``)."""
    import hashlib

    from realistsynth.formats import ris_reader
    from realistsynth.formats._tagged import FieldCollector, Memo
    from realistsynth.model.records import Provenance

    data = path.read_bytes()
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    raws = list(ris_reader._split_utf8(data, start, []))

    def mapped() -> list[FieldCollector]:
        memo = Memo()
        collectors = []
        for raw in raws:
            collector = FieldCollector(memo)
            ris_reader._map(raw, collector)
            collectors.append(collector)
        return collectors

    def map_only() -> None:
        # each collector dropped as the import drops it: none kept alive for the collector
        memo = Memo()
        for raw in raws:
            ris_reader._map(raw, FieldCollector(memo))

    collectors = mapped()
    provenance = Provenance(file=path.name, format="ris")
    steps: list[tuple[str, Callable[[], object]]] = [
        ("SHA-256", lambda: hashlib.sha256(data).hexdigest()),
        ("decoding and the split", lambda: list(ris_reader._split_utf8(data, start, []))),
        ("mapping (names parsed)", map_only),
        ("building the records", lambda: [c.record("ris-1", provenance) for c in collectors]),
    ]
    tags = sum(len(raw.tags) for raw in raws)
    print(f"\nwhere the time goes on {path.name} ({len(raws)} records, {tags} tag lines):")
    total = 0.0
    for label, step in steps:
        best = min(_cpu(step) for _ in range(repeat))
        total += best
        print(f"  {label:28} {best * 1000:7.2f} ms")
    print(f"  {'sum of the steps':28} {total * 1000:7.2f} ms")
    # beside them, what a reader of text pays before it splits anything, and the peer
    text_decoding = min(_cpu(lambda: data[start:].decode()) for _ in range(repeat))
    print(f"  {'(decoding the whole text)':28} {text_decoding * 1000:7.2f} ms")
    peer = min(_cpu(functools.partial(_rispy, path)) for _ in range(repeat))
    print(f"  {'rispy.load, the whole file':28} {peer * 1000:7.2f} ms")
    print(f"  {'1.5x rispy would be':28} {peer / 1.5 * 1000:7.2f} ms")


def _rispy(path: Path) -> object:
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        return rispy.load(handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pause-gc", action="store_true")
    parser.add_argument("--phases", action="store_true", help="where the time goes")
    args = parser.parse_args()
    manager = get_plugin_manager()
    samples = [s for s in load_manifest()["samples"] if s["format"] == "ris"]
    missing = [s["id"] for s in samples if not sample_path(s).exists()]
    if missing:
        sys.exit(f"samples not fetched ({', '.join(missing)}): run fetch_samples.py first")

    pause: Callable[[], contextlib.AbstractContextManager[None]] = contextlib.nullcontext
    if args.pause_gc:
        from realistsynth.collector import paused_collector as pause

    def ours(path: Path, data: bytes) -> object:
        with pause():
            return read_records(data, format="ris", file_name=path.name, plugin_manager=manager)

    print(
        f"{'sample':28} {'kB':>6} {'records':>7} {'ours ms':>8} {'rispy ms':>8} {'ratio':>6} "
        f"{'pairs':>6}"
    )
    total_ours = total_peer = 0.0
    all_pairs: list[float] = []
    for sample in samples:
        path = sample_path(sample)
        data = path.read_bytes()
        count = len(read_records(data, format="ris", plugin_manager=manager).records)
        best_ours = best_peer = float("inf")
        pairs: list[float] = []
        for _ in range(args.repeat):
            mine = _cpu(functools.partial(ours, path, data))
            theirs = _cpu(functools.partial(_rispy, path))
            best_ours, best_peer = min(best_ours, mine), min(best_peer, theirs)
            pairs.append(theirs / mine)
        total_ours += best_ours
        total_peer += best_peer
        paired = statistics.median(pairs)
        all_pairs.append(paired)
        print(
            f"{sample['id']:28} {len(data) / 1000:6.0f} {count:7d} {best_ours * 1000:8.2f} "
            f"{best_peer * 1000:8.2f} {best_peer / best_ours:5.2f}x {paired:5.2f}x"
        )
    gc_state = "collector paused" if args.pause_gc else "collector on"
    print(
        f"\n{len(samples)} real RIS exports, each on its own ({gc_state}): ours "
        f"{total_ours * 1000:.1f} ms, rispy {total_peer * 1000:.1f} ms, "
        f"{total_peer / total_ours:.2f}x rispy (target 1.5x)"
    )
    print(
        f"per file, the median of the back-to-back pairs' ratios: {min(all_pairs):.2f}x to "
        f"{max(all_pairs):.2f}x (median {statistics.median(all_pairs):.2f}x)"
    )
    if args.phases:
        largest = max((sample_path(s) for s in samples), key=lambda p: p.stat().st_size)
        _phases(largest, args.repeat)


if __name__ == "__main__":
    main()
