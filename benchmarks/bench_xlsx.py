"""Exporting a 100,000-record screening log: realistsynth's xlsx exporter beside bare openpyxl
write-only writing the same cells, measured in the same run; peak memory in a subprocess.

    python benchmarks/bench_xlsx.py [N]

Target (issue 8): at most 1.2x the bare openpyxl time, under 600 MB peak RSS. Times are CPU
seconds of this process (``time.process_time``), so other work on a shared machine does not
inflate one side; each figure is the best of three alternating runs. "End to end"
includes deriving every row from the review (statuses, joins); "writer alone" is given the
same rows as bare openpyxl and adds only cell safety, header, widths, wrapping and filter.
Two parts of the end-to-end time are also printed on their own: deriving the rows, and
``safe_row`` over every cell.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

from _words import WORDS

from realistsynth.model import Decision, Name, PartialDate, Record, ScreeningStage, Verdict
from realistsynth.model.review import Review, Reviewer
from realistsynth.workbook.cells import CellAudit, safe_row
from realistsynth.workbook.review_sheets import default_sheets
from realistsynth.workbook.sheets import SheetData
from realistsynth.workbook.xlsx_writer import XlsxExporter, write_workbook


def build_review(n: int) -> Review:
    rng = random.Random(1)
    review = Review.new("benchmark")
    review.add_reviewer(Reviewer("LK"))
    review.add_reviewer(Reviewer("RG"))
    review.add_stage(ScreeningStage("ta", "Title and abstract", required_reviewers=2))
    review.add_records(
        Record(
            f"r{i}",
            title=" ".join(rng.choice(WORDS) for _ in range(12)).capitalize(),
            authors=[Name("Smith", "J.")],
            issued=PartialDate(2000 + i % 24),
        )
        for i in range(n)
    )
    for i in range(n):
        first = Verdict.INCLUDE if rng.random() < 0.1 else Verdict.EXCLUDE
        second = first if rng.random() < 0.95 else Verdict.INCLUDE
        review.record_decision(Decision("ta", f"r{i}", "LK", first, reason=None))
        review.record_decision(Decision("ta", f"r{i}", "RG", second))
    return review


def ours(review: Review, path: str) -> float:
    start = time.process_time()
    with open(path, "wb") as handle:
        XlsxExporter().export(review, handle, {"sheets": ["screening"]})
    return time.process_time() - start


#: (sheet title, headers, rows) of each sheet
Tables = list[tuple[str, list[str], list[Sequence[Any]]]]


def _where(title: str, n: int) -> Callable[[int], str]:
    return lambda i: f"{title}!{i}{n}"


def bare(tables: Tables, path: str) -> float:
    from openpyxl import Workbook

    start = time.process_time()
    workbook = Workbook(write_only=True)
    for title, header, rows in tables:
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return time.process_time() - start


def writer_only(tables: Tables, columns: list[Any], path: str) -> float:
    start = time.process_time()
    with open(path, "wb") as handle:
        write_workbook(
            [
                SheetData(title, cols, rows)
                for (title, _, rows), cols in zip(tables, columns, strict=True)
            ],
            handle,
        )
    return time.process_time() - start


def derive_only(review: Review) -> float:
    """Deriving every row of the screening log and conflicts from the review, nothing written."""
    start = time.process_time()
    for table in default_sheets().select(["screening"])[0].tables(review):
        for _ in table.rows:
            pass
    return time.process_time() - start


def safety_only(tables: Tables) -> float:
    """``safe_row`` over the same rows, as the writer calls it, nothing written."""
    audit = CellAudit()
    start = time.process_time()
    for title, _, rows in tables:
        for n, row in enumerate(rows, 2):
            safe_row(row, audit, _where(title, n))
    return time.process_time() - start


def child(n: int) -> None:
    review = build_review(n)
    with tempfile.TemporaryDirectory() as folder:
        seconds = ours(review, os.path.join(folder, "ours.xlsx"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    if len(sys.argv) > 2 and sys.argv[2] == "--child":
        child(n)
        return
    start = time.process_time()
    review = build_review(n)
    built = time.process_time() - start
    spec = default_sheets().select(["screening"])[0]
    # the same cells, computed once, for the bare writer
    built_tables = list(spec.tables(review))
    tables = [(t.title, [c.title for c in t.columns], list(t.rows)) for t in built_tables]
    columns = [t.columns for t in built_tables]
    cells = sum(len(rows) * len(header) for _, header, rows in tables)
    with tempfile.TemporaryDirectory() as folder:
        # alternate runs so that machine load hits both alike
        ours_times, bare_times, writer_times, derive_times, safety_times = [], [], [], [], []
        for _ in range(3):
            bare_times.append(bare(tables, os.path.join(folder, "bare.xlsx")))
            ours_times.append(ours(review, os.path.join(folder, "ours.xlsx")))
            writer_times.append(writer_only(tables, columns, os.path.join(folder, "w.xlsx")))
            derive_times.append(derive_only(review))
            safety_times.append(safety_only(tables))
    ours_best, bare_best, writer_best = min(ours_times), min(bare_times), min(writer_times)
    out = subprocess.run(
        [sys.executable, __file__, str(n), "--child"], capture_output=True, text=True, check=True
    )
    memory = json.loads(out.stdout)
    print(
        f"{n} records, screening log: {sum(len(r) for _, _, r in tables)} rows, {cells} cells "
        f"(review built in {built:.1f} s)"
    )
    print(f"  bare openpyxl write-only, same cells:      {bare_best:6.2f} s")
    print(
        f"  realistsynth xlsx exporter (end to end):   {ours_best:6.2f} s  "
        f"({ours_best / bare_best:.2f}x)"
    )
    print(
        f"  realistsynth writer alone (same rows given): {writer_best:6.2f} s  "
        f"({writer_best / bare_best:.2f}x)"
    )
    print(
        f"  parts: deriving the rows from the review {min(derive_times):.2f} s (end to end "
        f"only); safe_row over every cell {min(safety_times):.2f} s (both)"
    )
    print(f"  realistsynth peak RSS in a subprocess (review + export): {memory['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
