"""``table`` and ``schema``: a review's tables as CSV / JSON / JSON Lines, and the project
file's JSON Schema, for tools outside Python."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from realistsynth.cli.common import handle_errors, output_path, review_path

__all__ = ["schema", "table"]

_TABLE_NAMES = (
    "records",
    "decisions",
    "judgements",
    "extracts",
    "cmocs",
    "evidence",
    "matrix",
    "lineage",
    "flow",
)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from realistsynth.atomic import atomic_write

    with atomic_write(out) as stream:
        stream.write(text.encode("utf-8"))


@click.command()
@click.argument("review", type=review_path())
@click.argument("name", type=click.Choice(_TABLE_NAMES))
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["csv", "json", "jsonl"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    type=output_path(),
    help="File to write (atomically); standard output by default.",
)
@click.option(
    "--style",
    help="Citation style whose reference list gives author-year labels their a/b, as the "
    "report in that style does (the matrix; default: date, then title).",
)
@handle_errors
def table(review: Path, name: str, fmt: str, out: Path | None, style: str | None) -> None:
    """Print the table NAME of REVIEW (the tables the workbook shows, as plain rows)."""
    import realistsynth as rs
    from realistsynth.tables import table as build

    rows = build(rs.load(review), name, style=style)
    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    else:
        buffer = io.StringIO()
        columns = list(dict.fromkeys(key for row in rows for key in row))
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    _write(text, out)


@click.command()
@click.option(
    "--out",
    type=output_path(),
    help="File to write; standard output by default.",
)
def schema(out: Path | None) -> None:
    """Print the JSON Schema (draft 2020-12) of the project file this release writes."""
    from realistsynth.store.schema import project_file_schema

    _write(json.dumps(project_file_schema(), ensure_ascii=False, indent=2) + "\n", out)
