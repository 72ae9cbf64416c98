"""``realistsynth refs``: a review's reference list in a citation style, as text, HTML or
Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from realistsynth.cli.common import (
    console,
    error_console,
    handle_errors,
    output_path,
    plain,
    review_path,
)

__all__ = ["refs"]


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
    type=output_path(),
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
    from realistsynth.atomic import atomic_write
    from realistsynth.exporting import records_for_export
    from realistsynth.references import ReferenceCache, ReferenceFormatter

    review = rs.load(review_file)
    records = records_for_export(review, {"included_only": included_only})
    formatter = ReferenceFormatter(
        style, plugins=rs.get_plugin_manager(), cache=ReferenceCache(cache_dir)
    )
    text = formatter.format(records, fmt).render()
    if out is None:
        # the terminal gets no control characters or bidi overrides from a record
        click.echo(plain(text), nl=False)
        return
    with atomic_write(out) as handle:
        handle.write(text.encode("utf-8"))
    if not records:
        error_console().print("[yellow]warning:[/] no records to format")
    console().print(f"Wrote {len(records)} reference(s) in {formatter.style.name} to {out}")
