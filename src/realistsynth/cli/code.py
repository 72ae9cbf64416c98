"""``code import|export``: coding done in NVivo, ATLAS.ti or MAXQDA, through REFI-QDA
(``.qdpx``) projects.

``import`` applies a project to the review all or nothing (every refused selection is listed,
nothing is saved) and accounts for every coded selection: imported, merged into the extract of
the same passage, or skipped with its reason. ``export`` writes the review's extracts, CMOCs and
memos as a project the tools open.
"""

from __future__ import annotations

from pathlib import Path

import click

from realistsynth.cli.common import console, emit_json, handle_errors, output_path, review_path

__all__ = ["code"]


@click.group()
def code() -> None:
    """Coding in NVivo, ATLAS.ti or MAXQDA: REFI-QDA (.qdpx) import and export."""


@code.command("import")
@click.argument("review", type=review_path())
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "map_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML or YAML mapping of codes, sources and users (default: the convention).",
)
@click.option("--add-sources", is_flag=True, help="Add a record for each unmatched source.")
@click.option(
    "--add-cmocs",
    is_flag=True,
    help="Add a CMOC for each top-level code with C / M-res / M-rea / O children.",
)
@click.option("--dry-run", is_flag=True, help="Check and report; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def import_(
    review: Path,
    file: Path,
    map_file: Path | None,
    add_sources: bool,
    add_cmocs: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import the coded selections, codes and memos of a REFI-QDA project FILE."""
    import realistsynth as rs
    from realistsynth.coding import import_qdpx, load_mapping

    r = rs.load(review)
    mapping = load_mapping(map_file) if map_file is not None else None
    report = import_qdpx(
        r, file, mapping=mapping, add_sources=add_sources, add_cmocs=add_cmocs, dry_run=dry_run
    )
    changed = (
        report.extracts_added
        or report.extracts_changed
        or report.links_added
        or report.cmocs_added
        or report.quotations_added
        or report.quotations_changed
    )
    if not dry_run and (changed or report.records_added or report.memos_added):
        rs.save(r, review)
    if as_json:
        emit_json(report.to_dict())
        return
    from rich.markup import escape

    out = console()
    out.print(
        f"{escape(str(file))} ({escape(report.origin or 'unknown tool')}): "
        f"{report.selections} coded selection(s): {report.extracts_added} new extract(s), "
        f"{report.extracts_changed} changed, {report.extracts_unchanged} unchanged, "
        f"{report.merged} merged into a multi-code extract, {len(report.skipped)} skipped; "
        f"{report.links_added} evidence link(s), {report.memos_added} memo(s)"
        + (
            f"; informant quotations: {report.quotations_added} new, "
            f"{report.quotations_changed} changed, {report.quotations_unchanged} unchanged"
            if report.quotations_added or report.quotations_changed or report.quotations_unchanged
            else ""
        )
        + (" [dry run: nothing saved]" if dry_run else "")
    )
    tags = sum(1 for meaning in report.codes.values() if meaning.startswith("tag "))
    ignored = sum(1 for meaning in report.codes.values() if meaning == "ignored")
    out.print(
        f"  codes: {len(report.codes) - tags - ignored} as CMOCs or elements, {tags} as tags, "
        f"{ignored} ignored (--json lists each; a code becomes a CMOC element only when its "
        "first level is a CMOC id the review holds)"
    )
    if report.cmocs_added:
        out.print("  CMOCs added: " + escape(", ".join(report.cmocs_added)))
    for name, rid in report.sources.items():
        out.print(f"  source {escape(name)} -> {escape(rid) if rid else '[red]no record[/]'}")
    for skip in report.skipped:
        out.print(f"  [yellow]skipped[/] {escape(skip.where)}: {escape(skip.reason)}")
    for dropped in report.dropped_codings:
        out.print(f"  [yellow]dropped[/] {escape(dropped)}")
    for unkept in report.texts_not_kept:
        out.print(f"  [yellow]text not kept[/] {escape(unkept)}")
    for unkept in report.notes_not_kept:
        out.print(f"  [yellow]note not kept[/] {escape(unkept)}")
    if report.unknown_users:
        out.print(
            "  coders not in the team (add them with `team add`, or map them under \\[users]): "
            + escape(", ".join(report.unknown_users))
        )


@code.command("export")
@click.argument("review", type=review_path())
@click.option("--out", required=True, type=output_path())
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def export(review: Path, out: Path, as_json: bool) -> None:
    """Write REVIEW as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti or MAXQDA."""
    import realistsynth as rs
    from realistsynth.coding import export_qdpx

    report = export_qdpx(rs.load(review), out)
    if as_json:
        emit_json(
            {
                "file": report.path,
                "sources": report.sources,
                "selections": report.selections,
                "codes": report.codes,
                "notes": report.notes,
                "warnings": list(report.warnings),
            }
        )
        return
    c = console()
    for warning in report.warnings:
        c.print(f"[yellow]warning:[/] {warning}")
    c.print(
        f"Wrote [bold]{out}[/]: {report.sources} source(s), {report.selections} coded "
        f"selection(s), {report.codes} code(s)"
    )
