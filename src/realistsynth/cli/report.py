"""``report``: the RAMESES report of a review, as HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from realistsynth.cli.common import console, handle_errors, output_path, review_path

__all__ = ["report"]


@click.command()
@click.argument("review", type=review_path())
@click.option(
    "--out",
    required=True,
    type=output_path(),
    help="The report file: .html for one self-contained page, .md for Markdown.",
)
@click.option("--style", help="Citation style of the reference list (see `realistsynth plugins`).")
@handle_errors
def report(review: Path, out: Path, style: str | None) -> None:
    """Write the RAMESES report of REVIEW: every item, what the data shows, and the gaps."""
    import realistsynth as rs

    name = "rameses-md" if out.suffix.lower() in (".md", ".markdown") else "rameses-html"
    result = rs.export_to_path(rs.load(review), name, out, {"style": style} if style else {})
    for warning in result.warnings:
        console().print(f"[yellow]note:[/] {warning}")
    console().print(f"Wrote [bold]{out}[/]")
