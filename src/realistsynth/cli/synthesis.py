"""``synthesis export|import``: the synthesis workbook, for teams that extract and build CMOCs
in Excel.

``export`` writes the included documents, the extracts with their CMOC links, and one CMOC
sheet per theory version, with drop-downs from the review's own ids. ``import`` applies new and
changed rows all or nothing (every bad row listed by sheet and row, nothing saved), prints what
changed, and changes nothing when the same workbook comes back twice.
"""

from __future__ import annotations

from pathlib import Path

import click

from realistsynth.cli.common import console, emit_json, handle_errors, output_path, review_path

__all__ = ["synthesis"]


@click.group()
def synthesis() -> None:
    """The synthesis workbook: extracts and CMOCs edited in Excel."""


@synthesis.command("export")
@click.argument("review", type=review_path())
@click.option("--out", required=True, type=output_path())
@click.option("--reviewer", help="The reviewer the workbook is for (author of new memos).")
@handle_errors
def export(review: Path, out: Path, reviewer: str | None) -> None:
    """Write the synthesis workbook of REVIEW."""
    import realistsynth as rs
    from realistsynth.synthesis.workbook import export_synthesis_workbook

    report = export_synthesis_workbook(rs.load(review), out, reviewer=reviewer)
    c = console()
    for warning in report.warnings:
        c.print(f"[yellow]warning:[/] {warning}")
    c.print(f"Wrote [bold]{out}[/]")


@synthesis.command("import")
@click.argument("review", type=review_path())
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reviewer", help="Who edited it (default: whom it was written for).")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def import_(
    review: Path, workbook: Path, reviewer: str | None, dry_run: bool, as_json: bool
) -> None:
    """Apply the new and changed rows of a synthesis workbook (all rows valid, or nothing)."""
    import realistsynth as rs
    from realistsynth.synthesis.workbook import import_synthesis_workbook

    r = rs.load(review)
    result = import_synthesis_workbook(r, workbook, reviewer=reviewer, dry_run=dry_run)
    if result.changed and not dry_run:
        rs.save(r, review)
    if as_json:
        emit_json(result.to_dict())
        return
    from rich.markup import escape

    out = console()
    for line in result.diff:
        out.print(f"  {escape(line)}")
    out.print(
        f"{workbook}: {result.extracts_added} extract(s) added, {result.extracts_changed} "
        f"changed; {result.links_added} link(s) added, {result.links_changed} changed; "
        f"{result.cmocs_added} CMOC(s) added, {result.cmocs_changed} changed; "
        f"{result.unchanged_rows} row(s) unchanged"
        + (" [dry run: nothing saved]" if dry_run else "")
    )
