"""BibTeX import speed and memory: realistsynth against bibtexparser v2, in the same run.

Generates (with ``corpus_bibtex.py``) one file of 100,000 entries whose ~1,200-character
abstracts carry LaTeX accents, then measures, each in a fresh subprocess so that peak RSS
(``resource.getrusage``) belongs to that reader alone:

* realistsynth's BibTeX importer (parsing, LaTeX decoding, names, records with provenance)
  on the whole file and on the first 2,000 entries;
* bibtexparser v2 with its ``LatexDecodingMiddleware`` on the first 2,000 entries only: at
  roughly 150 records/s it would need over ten minutes for 100,000;
* bibtexparser v2 without LaTeX decoding on the whole file, for scale.

bibtexparser is a benchmark-only dependency (in the ``bench`` extra:
``pip install -e ".[bench]"``), never a dependency of realistsynth.
Run: ``python benchmarks/bench_bibtex.py [N] [REPEAT]``; each reader runs REPEAT times
(default 3) and the fastest run is shown, since a shared machine's load only ever slows a run
down.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLICE = 2000


def _child(kind: str, path: str) -> None:
    data = Path(path).read_bytes()
    start = time.perf_counter()
    if kind == "realistsynth":
        from realistsynth.formats.bibtex_reader import BibtexImporter
        from realistsynth.protocols import ImportContext

        result = BibtexImporter().read(data, ImportContext(path, "0" * 64))
        count = len(result.records)
        check = result.records[0].abstract or ""
    else:
        import bibtexparser
        from bibtexparser.middlewares import LatexDecodingMiddleware

        middleware = [LatexDecodingMiddleware()] if kind == "bibtexparser+latex" else []
        library = bibtexparser.parse_string(data.decode("utf-8"), append_middleware=middleware)
        count = len(library.entries)
        check = str(library.entries[0].fields_dict["abstract"].value)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"records": count, "seconds": seconds, "peak_mb": peak_kb / 1024, "sample": check[:90]}
        )
    )


def _run(kind: str, path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _write_slice(full: Path, part: Path, entries: int) -> None:
    """The first ``entries`` entries of ``full``, streamed so the parent stays small."""
    seen = 0
    with full.open(encoding="utf-8") as source, part.open("w", encoding="utf-8") as target:
        for line in source:
            if line.startswith("@"):
                seen += 1
                if seen > entries:
                    return
            target.write(line)


def main(count: int, repeat: int) -> None:
    # The parent never holds the corpus: on Linux a child's ru_maxrss starts from the
    # parent's peak at fork, so a big parent would inflate every child's figure.
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "corpus.bib"
        with full.open("wb") as out:
            subprocess.run(
                [sys.executable, str(HERE / "corpus_bibtex.py"), str(count)], check=True, stdout=out
            )
        part = Path(tmp) / "slice.bib"
        _write_slice(full, part, SLICE)
        size_mb = full.stat().st_size / 1e6
        print(
            f"corpus: {count:,} entries, {size_mb:.0f} MB; slice: first {SLICE:,} entries; "
            f"best of {repeat} runs each, peak RSS the largest\n"
        )
        rows = [
            ("realistsynth (LaTeX decoded)", "realistsynth", full),
            ("realistsynth (LaTeX decoded), slice", "realistsynth", part),
            ("bibtexparser 2 + LatexDecodingMiddleware, slice", "bibtexparser+latex", part),
            ("bibtexparser 2, no LaTeX decoding", "bibtexparser", full),
        ]
        if importlib.util.find_spec("bibtexparser") is None:
            rows = rows[:2]
            print('bibtexparser is not installed (pip install -e ".[bench]"): ours alone\n')
        results = {}
        print(f"{'reader':<50} {'records':>9} {'seconds':>9} {'records/s':>11} {'peak MB':>8}")
        for label, kind, path in rows:
            runs = [_run(kind, path) for _ in range(repeat)]
            r = min(runs, key=lambda run: float(run["seconds"]))  # type: ignore[arg-type]
            r["peak_mb"] = max(float(run["peak_mb"]) for run in runs)  # type: ignore[arg-type]
            results[label] = r
            rate = float(r["records"]) / float(r["seconds"])  # type: ignore[arg-type]
            print(
                f"{label:<50} {r['records']:>9,} {r['seconds']:>9.2f} {rate:>11,.0f} "
                f"{r['peak_mb']:>8.0f}"
            )
        ours = results["realistsynth (LaTeX decoded)"]
        if len(rows) == 2:
            return
        theirs = results["bibtexparser 2 + LatexDecodingMiddleware, slice"]
        ratio = (float(ours["records"]) / float(ours["seconds"])) / (  # type: ignore[arg-type]
            float(theirs["records"]) / float(theirs["seconds"])  # type: ignore[arg-type]
        )
        print(
            f"\nrealistsynth with LaTeX decoding is {ratio:,.0f}x bibtexparser 2 with "
            "LatexDecodingMiddleware (records/s; theirs measured on the slice)"
        )
        print("first abstract, ours:  ", ours["sample"])
        print("first abstract, theirs:", theirs["sample"])


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
            int(sys.argv[2]) if len(sys.argv) > 2 else 3,
        )
