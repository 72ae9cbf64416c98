"""``flow``: the PRISMA-style flow of records, as a table, JSON, or an SVG diagram."""

from __future__ import annotations

from pathlib import Path

import click

from realistsynth.cli.common import (
    console,
    emit_json,
    error_console,
    handle_errors,
    output_path,
    review_path,
)

__all__ = ["flow"]


@click.command()
@click.argument("review", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option(
    "--svg",
    "svg",
    type=output_path(),
    help="Write the flow diagram as SVG to this file.",
)
@click.option(
    "--prisma2020-csv",
    "prisma_csv",
    type=output_path(),
    help="Write the figures as the PRISMA2020 R package / Shiny app's CSV to this file.",
)
@click.option("--duplicates", type=int, help="Duplicates removed, if not in the review.")
@handle_errors
def flow(
    review: Path,
    as_json: bool,
    svg: Path | None,
    prisma_csv: Path | None,
    duplicates: int | None,
) -> None:
    """The flow of records through REVIEW: identified, screened, assessed, appraised, included."""
    import realistsynth as rs
    from realistsynth.selection.flow import compute_flow, flow_as_dict

    r = rs.load(review)
    result = compute_flow(r, duplicates=duplicates)
    if svg is not None:
        from realistsynth.selection.flow_svg import render_flow_svg

        _write_text(svg, render_flow_svg(result, title=f"Flow of records: {r.meta.title}"))
    if prisma_csv is not None:
        from realistsynth.selection.prisma2020 import prisma2020_csv

        _write_text(prisma_csv, prisma2020_csv(result))
    if as_json:
        emit_json(flow_as_dict(result))
        return
    from rich.markup import escape
    from rich.table import Table

    def n(value: int | None) -> str:
        return "-" if value is None else f"{value:,}"

    out = console()
    out.print(f"Identified: {n(result.identified)}; duplicates removed: {n(result.duplicates)}")
    table = Table(title="Flow of records", title_justify="left")
    for head in ("stage", "entered", "included", "excluded", "not retrieved", "undecided"):
        table.add_column(head)
    for s in result.stages:
        table.add_row(
            escape(s.name) + (" (declared)" if s.declared else ""),
            n(s.entered),
            n(s.included),
            n(s.excluded),
            n(s.not_retrieved),
            str(s.undecided),
        )
    out.print(table)
    other = result.other_methods
    if other is not None:
        found = ", ".join(f"{escape(s.name)} {s.count:,}" for s in other.sources) or "none"
        out.print(
            f"Other methods: {other.identified:,} identified ({found}), "
            f"{other.in_databases:,} of them also via databases; "
            f"sought {n(other.sought)}; included {n(other.included)}"
        )
        for s in other.stages:
            out.print(
                f"  {escape(s.name)}: {n(s.entered)} in, {n(s.included)} included, "
                f"{n(s.excluded)} excluded, {n(s.not_retrieved)} not retrieved"
            )
    gleaning = result.theory_gleaning
    if gleaning.total_documents or gleaning.informants:
        kinds = ", ".join(f"{kind} {count}" for kind, count in gleaning.documents)
        out.print(
            f"Theory gleaning: {gleaning.total_documents} documents ({kinds}), "
            f"{gleaning.informants} key informants"
        )
    out.print(f"Included: {n(result.included)}")
    for written in (svg, prisma_csv):
        if written is not None:
            out.print(f"Wrote [bold]{escape(str(written))}[/]")
    err = error_console()
    for finding in result.findings:
        err.print(f"[yellow]mismatch:[/] {escape(finding.where)}: {escape(finding.message)}")


def _write_text(path: Path, text: str) -> None:
    from realistsynth.atomic import atomic_write

    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8"))
