"""``realistsynth refs``: a review's reference list in a citation style, as text, HTML or
Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from realistsynth.cli.common import (
    bidi_warning,
    console,
    error_console,
    handle_errors,
    output_path,
    plain,
    review_path,
    safe,
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
@click.option(
    "--records",
    "selection",
    type=click.Choice(["all", "canonical", "included", "cited"]),
    default=None,
    help="Which records: every one, one per duplicate cluster, the included documents, or "
    "those plus every work the report cites (the default).",
)
@click.option(
    "--included-only",
    is_flag=True,
    hidden=True,
    help="Deprecated: --records included.",
)
@click.option(
    "--fragment",
    is_flag=True,
    help="With --format html: only the list (a <div>), to embed in a page of your own.",
)
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
    selection: str | None,
    included_only: bool,
    fragment: bool,
    out: Path | None,
    cache_dir: Path | None,
) -> None:
    """Format the references of REVIEW in a citation style."""
    from rich.markup import escape

    import realistsynth as rs
    from realistsynth.atomic import atomic_write
    from realistsynth.exporting import (
        RecordSelection,
        describe_selection,
        record_selection,
        select_records,
    )
    from realistsynth.references import ReferenceCache, ReferenceFormatter

    review = rs.load(review_file)
    chosen = record_selection(
        {"records": selection, "included_only": included_only}, RecordSelection.CITED
    )
    records = select_records(review, chosen)
    formatter = ReferenceFormatter(
        style, plugins=rs.get_plugin_manager(), cache=ReferenceCache(cache_dir)
    )
    bibliography = formatter.format(records, fmt)
    if fragment:
        text = bibliography.render()
    else:
        text = bibliography.render_page(f"References: {review.meta.title}")
    if out is None:
        # the terminal gets no control characters or bidi overrides from a record
        click.echo(plain(text), nl=False)
        return
    with atomic_write(out) as handle:
        handle.write(text.encode("utf-8"))
    bidi = bidi_warning(out) if fmt in ("html", "md") else None
    if bidi is not None:
        error_console().print(f"[yellow]warning:[/] {safe(bidi)}")
    if not records:
        error_console().print("[yellow]warning:[/] no records to format")
    console().print(
        escape(
            f"Wrote {len(records)} reference(s) in {formatter.style.name} to {out} "
            f"({describe_selection(review, chosen, len(records))})"
        ),
        highlight=False,
    )
