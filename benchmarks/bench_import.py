"""Import throughput and memory of realistsynth's RIS and MEDLINE importers, side by side
with rispy and nbib, measured in the same run on the same files.

Each measurement runs in a fresh Python process (so that none profits from memory another
one already took from the system); ours and the peer's alternate, ``--repeat`` times each,
and the best counts. The speed-up is computed on CPU time (user + system) of the import,
because on a shared machine wall time mostly measures the other processes; wall time is
printed beside it. Our figure is the
whole import: decoding, splitting, normalising names/DOIs/dates/pages and building validated
:class:`realistsynth.Record` objects with provenance; the peers' is parsing into plain dicts.

Usage::

    pip install -e ".[bench]"       # rispy and nbib, among the other peers
    python benchmarks/bench_import.py [--records 100000] [--repeat 2] [--dir /tmp/rs-bench]

Targets (issue 3): RIS at least 1.5x rispy, MEDLINE at least 3x nbib, peak RSS of importing
100,000 RIS records under 1.5 GB; the other rows have none (their target column is blank).

Rows: ``RIS`` reads the varied RIS corpus (``corpus_ris.py``: records laid out as sixteen real
exporters write them, mixed in the proportions of the real samples, CRLF and LF runs, cited
references, wrapped values; see ``ris_shape.py --compare``); ``MEDLINE`` the uniform corpus
(``corpus.py``); ``RIS-uni`` (with ``--uniform``) the uniform RIS corpus of the same records
as MEDLINE, every record alike, the corpus of the figures before issue 21; ``Scopus`` reads
a real Scopus export with cited references (continuation lines in most records), repeated
to the corpus's size, when the real-export samples are in their cache
(``tests/real_exports/fetch_samples.py``). (The ``-gen`` rows are gone with the learned
record pattern they compared against: the RIS importer has one path.)

Every child process keeps compiled bytecode under one ``PYTHONPYCACHEPREFIX`` in ``--dir``,
written by an untimed run before the first measurement, as an installed package has its
``.pyc`` files: where ``PYTHONDONTWRITEBYTECODE`` is set (this machine sets it) and our
sources are an editable checkout, each of our processes would otherwise compile our modules
again while the peers' installed modules are compiled already (about 0.05 s: the
``read_records`` row of ``bench_startup.py --inherit-env`` against the same row without it).

By default the garbage collector stays on, as the library leaves it: realistsynth never
switches it. ``--pause-gc`` runs ours inside :func:`realistsynth.collector.paused_collector`,
as ``realistsynth import --pause-gc`` (the command's default) does.

``--collect`` adds one full ``gc.collect()`` after each import, inside the timed part, for
ours and the peer's alike. A full collection walks every live object, and our records are
more objects than the peers' dicts (a ``Record``, its ``Provenance`` and their tuples).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

_CHILD = r"""
import gc, json, resource, sys, time
import contextlib
kind, path, collect = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
pause = sys.argv[4] == "1"
start = time.perf_counter()
cpu = time.process_time()
if kind.startswith("ours-"):
    from realistsynth.collector import paused_collector
    from realistsynth.importing import read_records
    with paused_collector() if pause else contextlib.nullcontext():
        result = read_records(path, format="medline" if kind == "ours-medline" else "ris")
    count = len(result.records)
    skipped = len(result.report.skipped)
elif kind == "rispy":
    import rispy
    # utf-8-sig: the corpus may begin with a byte-order mark, as Embase and Lens files do
    with open(path, encoding="utf-8-sig") as handle:
        count = len(rispy.load(handle))
    skipped = 0
elif kind == "nbib":
    import nbib
    count = len(nbib.read_file(path))
    skipped = 0
if collect:
    gc.collect()
cpu_seconds = time.process_time() - cpu
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "records": count, "skipped": skipped,
                  "peak_kb": peak_kb}))
"""


def _run(
    kind: str, path: Path, collect: bool, env: dict[str, str], pause: bool = False
) -> dict[str, float]:
    flags = ["1" if collect else "0", "1" if pause else "0"]
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path), *flags],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _best_pair(
    ours: str,
    peer: str,
    path: Path,
    repeat: int,
    collect: bool,
    env: dict[str, str],
    pause: bool = False,
) -> tuple[dict[str, float], ...]:
    """Best of ``repeat`` runs of each, interleaved so that both see the same machine load."""
    runs: dict[str, list[dict[str, float]]] = {ours: [], peer: []}
    for _ in range(repeat):
        for kind in (ours, peer):
            runs[kind].append(_run(kind, path, collect, env, pause and kind == ours))
    return tuple(min(runs[k], key=lambda r: r["cpu"]) for k in (ours, peer))


def _real_scopus(folder: Path, records: int) -> tuple[Path, int] | None:
    """A real Scopus export repeated to at least ``records`` records, and the export's own
    count of records, if the real-export samples were fetched
    (``tests/real_exports/fetch_samples.py``); else ``None``."""
    sys.path.insert(0, str(HERE.parent / "tests" / "real_exports"))
    from fetch_samples import cache_dir

    sample = cache_dir() / "files" / "scopus-ris-large" / "scopus.ris"
    if not sample.exists():
        return None
    data = sample.read_bytes()
    if not data.endswith(b"\n"):
        data += b"\n"
    count = data.count(b"\nER  -") + data.startswith(b"ER  -")
    copies = -(-records // count)
    target = folder / f"scopus-x{copies}.ris"
    if not target.exists():
        target.write_bytes(data * copies)
    return target, count


def main() -> None:
    """Write the corpus if needed, then measure and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/realistsynth-bench"))
    parser.add_argument("--collect", action="store_true", help="count a gc.collect() after")
    parser.add_argument(
        "--pause-gc",
        action="store_true",
        help="run ours inside realistsynth.collector.paused_collector(), as `realistsynth "
        "import --pause-gc` does (default: the collector left on, as the library leaves it)",
    )
    parser.add_argument(
        "--uniform",
        action="store_true",
        help="also read the uniform RIS corpus (every record alike; the corpus before issue 21)",
    )
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    import corpus
    import corpus_ris

    folder: Path = args.dir / str(args.records)
    folder.mkdir(parents=True, exist_ok=True)
    uniform, nbib = folder / "corpus.ris", folder / "corpus.nbib"
    # the generator's version in the name: a file of an older generator is not reused
    ris = folder / f"varied-v{corpus_ris.VERSION}.ris"
    started = time.perf_counter()
    if not ris.exists():
        corpus_ris.write_varied(ris, args.records)
    if args.uniform and not uniform.exists():
        corpus.write_ris(uniform, corpus.records(args.records))
    if not nbib.exists():
        corpus.write_medline(nbib, corpus.records(args.records))
    if time.perf_counter() - started > 1:
        print(f"corpus written in {time.perf_counter() - started:.1f} s to {folder}")

    def mb(path: Path) -> float:
        return path.stat().st_size / 1e6

    sizes = f"RIS {mb(ris):.0f} MB" + (
        f", uniform RIS {mb(uniform):.0f} MB" if args.uniform else ""
    )
    print(f"{sizes}, MEDLINE {mb(nbib):.0f} MB, {args.records:,} records each")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(args.dir / "pycache")
    # one record each: compiles every module the timed runs import
    warm_ris, warm_nbib = args.dir / "warm.ris", args.dir / "warm.nbib"
    warm_ris.write_text("TY  - JOUR\nTI  - Warm-up\nER  - \n", encoding="utf-8")
    warm_nbib.write_text("PMID- 1\nTI  - Warm-up\n\n", encoding="utf-8")
    for kind, warm in (("ours-ris", warm_ris), ("rispy", warm_ris)):
        _run(kind, warm, False, env)
    for kind in ("ours-medline", "nbib"):
        _run(kind, warm_nbib, False, env)
    runs: list[tuple[str, str, str, Path, float | None]] = [
        ("RIS", "ours-ris", "rispy", ris, 1.5),
    ]
    if args.uniform:
        runs.append(("RIS-uni", "ours-ris", "rispy", uniform, None))
    runs.append(("MEDLINE", "ours-medline", "nbib", nbib, 3.0))
    scopus = _real_scopus(args.dir, args.records)
    if scopus is not None:
        runs.append(("Scopus", "ours-ris", "rispy", scopus[0], None))
    rows = []
    for label, ours_kind, peer_kind, path, target in runs:
        ours, peer = _best_pair(
            ours_kind, peer_kind, path, args.repeat, args.collect, env, args.pause_gc
        )
        speedup = peer["cpu"] / ours["cpu"]
        rows.append((label, ours, peer, speedup, target, mb(path)))
    print()
    after = " and one full gc.collect()" if args.collect else ""
    after += "; ours with the collector paused" if args.pause_gc else "; collector on"
    print(f"times: CPU seconds of the import{after} (wall seconds); MB/s on CPU time")
    print(
        f"{'format':8} {'ours':>14} {'MB/s':>6} {'recs':>7} {'peer':>6} {'peer':>14} "
        f"{'recs':>7} {'speed-up':>9} {'target':>7} {'peak RSS':>9} {'peer peak':>10}"
    )
    for label, ours, peer, speedup, target, size in rows:
        peer_name = "nbib" if label == "MEDLINE" else "rispy"
        print(
            f"{label:8} {ours['cpu']:6.2f} ({ours['seconds']:5.2f}) {size / ours['cpu']:6.1f} "
            f"{int(ours['records']):7d} {peer_name:>6} {peer['cpu']:6.2f} "
            f"({peer['seconds']:5.2f}) {int(peer['records']):7d} {speedup:8.2f}x "
            f"{'' if target is None else f'{target:.1f}x':>7} {ours['peak_kb'] / 1024:6.0f} MB "
            f"{peer['peak_kb'] / 1024:7.0f} MB"
        )
    ris_peak = rows[0][1]["peak_kb"] / 1024
    print(
        f"\npeak RSS importing {args.records:,} RIS records: {ris_peak:.0f} MB (target < 1536 MB)"
    )
    print(
        "RIS: the varied corpus (corpus_ris.py, 16 exporters' layouts)"
        + ("; RIS-uni: the uniform corpus (corpus.py, every record alike)" if args.uniform else "")
    )
    if scopus is None:
        print("\nScopus row skipped: run tests/real_exports/fetch_samples.py for the real export")
    else:
        print(
            f"\nScopus: a real Scopus RIS export with cited references ({scopus[1]} records, "
            "tests/data/real-exports/manifest.toml: scopus-ris-large), repeated to "
            f"{args.records:,} records or more"
        )


if __name__ == "__main__":
    main()
