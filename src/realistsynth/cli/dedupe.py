"""``dedupe``: find duplicates, show the counts, and take the review queue through Excel.

``realistsynth dedupe REVIEW`` runs de-duplication and saves the links into the project file;
``dedupe review-export`` and ``dedupe review-import`` carry the uncertain pairs to reviewers and
their decisions back. The group takes REVIEW directly (``dedupe REVIEW``) as well as its
subcommands, because running is what the command is mostly for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, review_path

__all__ = ["dedupe"]


class _RunByDefault(click.Group):
    """A group whose first argument, if it is no subcommand, is the REVIEW of ``run``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_RunByDefault)
def dedupe() -> None:
    """Find duplicate records, or move the review queue through Excel.

    "realistsynth dedupe REVIEW" is short for "realistsynth dedupe run REVIEW".
    """


@dedupe.command("run")
@click.argument("path", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--dry-run", is_flag=True, help="Show what a run finds without saving the review.")
@click.option("--sure", type=float, default=None, help="Score from which a pair is merged.")
@click.option("--different", type=float, default=None, help="Score below which pairs differ.")
@handle_errors
def run(
    path: Path, as_json: bool, dry_run: bool, sure: float | None, different: float | None
) -> None:
    """Find duplicates in REVIEW, store the links, print the counts."""
    import realistsynth as rs
    from realistsynth.dedup import DedupSettings, deduplicate
    from realistsynth.dedup.counts import dedup_counts

    review = rs.load(path)
    defaults = DedupSettings()
    try:
        settings = DedupSettings(
            different=defaults.different if different is None else different,
            sure=defaults.sure if sure is None else sure,
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    result = deduplicate(review, settings)
    if not dry_run:
        rs.save(review, path)
    counts = dedup_counts(review)
    data: dict[str, Any] = {
        "file": str(path),
        "saved": not dry_run,
        "comparisons": result.comparisons,
        **counts.as_dict(),
    }
    if as_json:
        emit_json(data)
        return
    from rich.table import Table

    table = Table(title=f"De-duplication of {path.name}", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value", justify="right")
    for key in ("records", "unique", "duplicates_removed", "clusters", "queued", "related"):
        table.add_row(key.replace("_", " "), str(data[key]))
    for source, n in counts.per_source.items():
        table.add_row(f"records from {source}", str(n))
    console().print(table)
    if counts.queued:
        console().print(
            f"{counts.queued} pair(s) need a reviewer: "
            f"realistsynth dedupe review-export {path} --out pairs.xlsx"
        )


@dedupe.command("review-export")
@click.argument("path", type=review_path())
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--undecided", is_flag=True, help="Only pairs without a decision yet.")
@handle_errors
def review_export(path: Path, out: Path, undecided: bool) -> None:
    """Write the uncertain pairs of REVIEW to an .xlsx workbook for reviewers."""
    import realistsynth as rs
    from realistsynth.dedup.workbook import export_pairs

    review = rs.load(path)
    audit = export_pairs(review, out, include_decided=not undecided)
    console().print(f"Wrote {out}")
    for line in audit.warnings():
        console().print(f"[yellow]note:[/] {line}")


@dedupe.command("review-import")
@click.argument("path", type=review_path())
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def review_import(path: Path, workbook: Path, as_json: bool) -> None:
    """Apply the decisions in WORKBOOK to REVIEW (all or nothing) and save it."""
    import realistsynth as rs
    from realistsynth.dedup.counts import dedup_counts
    from realistsynth.dedup.workbook import import_pairs

    review = rs.load(path)
    changed = import_pairs(review, workbook)
    if changed:
        rs.save(review, path)
    counts = dedup_counts(review)
    if as_json:
        emit_json({"file": str(path), "changed": changed, **counts.as_dict()})
        return
    console().print(
        f"{changed} decision(s) applied; {counts.duplicates_removed} duplicate(s) removed, "
        f"{counts.queued} pair(s) still queued"
    )
