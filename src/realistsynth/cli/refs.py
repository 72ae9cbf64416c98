"""``realistsynth refs``: a review's reference list in a citation style, as text, HTML or
Markdown."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, error_console, handle_errors, review_path

__all__ = ["included_records", "refs"]


def included_records(review: Any) -> list[Any]:
    """The records included at the last stage whose outcomes are known per record.

    All records when the review has no such stage.
    """
    from realistsynth.model.screening import StageKind, StageStatus

    stages = [s for s in review.stages.values() if s.kind is not StageKind.DECLARED]
    if not stages:
        return list(review.records.values())
    last = stages[-1].id
    ids = set(review.records_at(last, StageStatus.INCLUDE))
    return [r for r in review.records.values() if r.id in ids]


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@click.command()
@click.argument("review_file", metavar="REVIEW", type=review_path())
@click.option(
    "--style",
    default="apa",
    show_default=True,
    help="A citation style name (see `realistsynth plugins`) or the path of a .csl file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "html", "md"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--included-only", is_flag=True, help="Only records included at the last stage.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep rendered references here between runs.",
)
@handle_errors
def refs(
    review_file: Path,
    style: str,
    fmt: str,
    included_only: bool,
    out: Path | None,
    cache_dir: Path | None,
) -> None:
    """Format the references of REVIEW in a citation style."""
    import realistsynth as rs
    from realistsynth.references import ReferenceCache, ReferenceFormatter

    review = rs.load(review_file)
    records = included_records(review) if included_only else list(review.records.values())
    formatter = ReferenceFormatter(
        style, plugins=rs.get_plugin_manager(), cache=ReferenceCache(cache_dir)
    )
    text = formatter.format(records, fmt).render()
    if out is None:
        click.echo(text, nl=False)
        return
    _write_atomic(out, text)
    if not records:
        error_console().print("[yellow]warning:[/] no records to format")
    console().print(f"Wrote {len(records)} reference(s) in {formatter.style.name} to {out}")
