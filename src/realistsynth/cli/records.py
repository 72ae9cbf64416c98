"""``import`` and ``export``: bibliographic files into a review, and a review out to any
exporter.

``import`` reads every file first (with a progress bar, in bytes, that moves within each file as
the importer reports how far it has got), then adds all their
records and saves the review once, atomically: in strict mode one broken file means nothing is
saved; in lenient mode (the default) broken records are skipped and listed in the per-file
report. ``export`` dispatches to whichever exporter plugin is registered under ``--to`` and
writes through a temporary file, so a failed export leaves no half-written file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from realistsynth.cli.common import (
    console,
    emit_json,
    error_console,
    handle_errors,
    output_path,
    review_path,
)

if TYPE_CHECKING:
    from realistsynth.protocols import ProgressCallback

__all__ = ["export", "import_"]

#: A progress bar is shown when the files come to at least this many bytes (on a terminal).
PROGRESS_BYTES = 2_000_000


@click.command("import")
@click.argument("review", type=review_path())
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--format", "format_", help="Importer name (ris, medline ...); default: sniffed.")
@click.option("--source", "source_id", help="Id of the review's source the files came from.")
@click.option("--search-run", "search_run_id", help="Id of the search run the files came from.")
@click.option("--strict", is_flag=True, help="Stop at the first broken record; save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Print every warning (by default: counts by kind and the first few of each).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print no warnings, only the counts.")
@click.option(
    "--pause-gc/--no-pause-gc",
    default=True,
    show_default=True,
    help="Pause Python's cyclic garbage collector while the files are read (faster for large "
    "files; this command owns its process, the library never does this on its own).",
)
@handle_errors
def import_(
    review: Path,
    files: tuple[Path, ...],
    format_: str | None,
    source_id: str | None,
    search_run_id: str | None,
    strict: bool,
    as_json: bool,
    verbose: bool,
    quiet: bool,
    pause_gc: bool,
) -> None:
    """Import bibliographic FILES (RIS, MEDLINE, EndNote, Web of Science ...) into REVIEW."""
    import contextlib

    import realistsynth as rs
    from realistsynth.collector import paused_collector
    from realistsynth.importing import (
        already_imported,
        import_records,
        read_records,
        report_as_dict,
    )

    manager = rs.get_plugin_manager()
    project = rs.load(review, plugin_manager=manager)
    if source_id is not None and source_id not in project.sources:
        known = ", ".join(project.sources) or "none yet"
        raise rs.UnknownReferenceError(
            f"no source {source_id!r} in the review (sources: {known})", where=str(review)
        )
    if search_run_id is not None and search_run_id not in project.search_runs:
        known = ", ".join(project.search_runs) or "none yet"
        raise rs.UnknownReferenceError(
            f"no search run {search_run_id!r} in the review (search runs: {known})",
            where=str(review),
        )
    results = []
    sizes = [f.stat().st_size for f in files]
    progress = _progress(as_json or sum(sizes) < PROGRESS_BYTES)
    with progress, paused_collector() if pause_gc else contextlib.nullcontext():
        task = progress.add_task("importing", total=sum(sizes))
        before = 0
        for path, size in zip(files, sizes, strict=True):
            progress.update(task, description=f"reading {path.name}", completed=before)
            results.append(
                read_records(
                    path,
                    format_,
                    strict=strict,
                    source_id=source_id,
                    search_run_id=search_run_id,
                    plugin_manager=manager,
                    progress=_file_progress(progress, task, before, size),
                )
            )
            before += size
        progress.update(task, completed=before)
    added: list[list[str]] = []
    repeats: list[str | None] = []
    for result in results:
        # checked before each file is added, so a file given twice in one command is caught
        repeats.append(already_imported(project, result))
        added.append(import_records(project, result, plugin_manager=manager))
    rs.save(project, review, plugin_manager=manager)
    reports = []
    for result, ids, repeat in zip(results, added, repeats, strict=True):
        report: dict[str, Any] = {
            **report_as_dict(result.report),
            "ids": ids,
            "already_imported": repeat,
        }
        reports.append(report)
    if as_json:
        emit_json({"review": str(review), "files": reports, "records_added": sum(map(len, added))})
        return
    if verbose and quiet:
        raise click.UsageError("--verbose and --quiet contradict each other")
    _print_reports(reports, "all" if verbose else "none" if quiet else "summary")
    from rich.markup import escape

    console().print(f"Added {sum(map(len, added))} record(s) to [bold]{escape(str(review))}[/]")


def _file_progress(progress: Any, task: Any, before: int, size: int) -> ProgressCallback:
    """A callback moving the bar through one file's share of the bytes."""

    def moved(done: int, total: int) -> None:
        progress.update(task, completed=before + size * done // total)

    return moved


def _progress(disabled: bool) -> Any:
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=error_console(),
        disable=disabled,
        transient=True,
    )


#: with the default summary, a file's warnings are all printed up to this many; beyond it,
#: counts by kind with the first few of each
SUMMARY_FROM = 10
EXAMPLES_PER_KIND = 3


def _print_reports(reports: list[dict[str, Any]], warnings: str = "summary") -> None:
    """Print each file's report; ``warnings`` is ``all``, ``summary`` or ``none``."""
    from rich.markup import escape

    out = console()
    for report in reports:
        skipped = report["skipped"]
        out.print(
            f"[bold]{escape(report['file'])}[/]: {report['format']}, {report['encoding']}; "
            f"{report['records_read']} record(s) read, {len(skipped)} skipped"
        )
        skips = [
            f"record {skip['index'] + 1} "
            f"({'line ' + str(skip['line']) if skip['line'] is not None else '?'}): "
            f"{skip['reason']}"
            for skip in skipped
        ]
        _print_lines(out, skips, "[yellow]skipped[/]", "skipped record(s)", warnings)
        if report.get("already_imported"):
            out.print(f"  [yellow]warning:[/] {escape(report['already_imported'])}")
        _print_lines(out, report["warnings"], "[dim]warning:[/]", "warning(s)", warnings)


def _print_lines(out: Any, lines: list[str], label: str, noun: str, mode: str) -> None:
    """Every line, or (``summary``, many lines) counts by kind with the first few of each,
    or (``none``) only how many there were."""
    from rich.markup import escape

    from realistsynth.importing import group_warnings

    if not lines:
        return
    if mode == "none":
        out.print(f"  {len(lines)} {noun} not shown (--quiet)")
        return
    if mode == "all" or len(lines) <= SUMMARY_FROM:
        for line in lines:
            out.print(f"  {label} {escape(line)}")
        return
    groups = group_warnings(lines)
    out.print(f"  {len(lines)} {noun} of {len(groups)} kind(s) (--verbose for all):")
    for kind, items in groups:
        out.print(f"  [dim]{len(items):>6} ×[/] {escape(kind)}")
        for example in items[:EXAMPLES_PER_KIND]:
            out.print(f"           [dim]e.g.[/] {escape(example)}")


@click.command()
@click.argument("review", type=review_path(), required=False)
@click.option("--to", "exporter", required=True, help="Exporter name (ris, bibtex, csv ...).")
@click.option(
    "--out",
    "out",
    type=output_path(),
    help="File to write (replaced atomically); required unless --help-options.",
)
@click.option(
    "--records",
    "selection",
    type=click.Choice(["all", "canonical", "included", "cited"]),
    default=None,
    help="Which records to write (the option records): every one, one per duplicate "
    "cluster, the included documents, or those plus every work the report cites "
    "(default: the exporter's own; see --help-options).",
)
@click.option(
    "--included-only",
    is_flag=True,
    help="Only records included at the last stage (the option included_only).",
)
@click.option(
    "--sheets",
    help="For --to xlsx: the sheets to write, comma-separated (the option sheets).",
)
@click.option(
    "--option",
    "extra",
    multiple=True,
    metavar="KEY=VALUE",
    help="An option of the exporter (repeatable), e.g. --option style=apa; see --help-options.",
)
@click.option(
    "--help-options", is_flag=True, help="List the options of the exporter --to, and exit."
)
@click.option("--json", "as_json", is_flag=True, help="Print the export report as JSON.")
@handle_errors
def export(
    review: Path | None,
    exporter: str,
    out: Path | None,
    selection: str | None,
    included_only: bool,
    sheets: str | None,
    extra: tuple[str, ...],
    help_options: bool,
    as_json: bool,
) -> None:
    """Write REVIEW with the exporter called --to into --out.

    Options reach only the exporter that declares them: an option it does not know, one given
    twice, or a value of the wrong type is an error naming the option.
    """
    import realistsynth as rs
    from realistsynth.exporting import export_to_path

    if help_options:
        _print_exporter_options(exporter, as_json)
        return
    if review is None:
        raise click.UsageError("Missing argument 'REVIEW'.")
    if out is None:
        raise click.UsageError("Missing option '--out'.")
    options: list[tuple[str, object]] = []
    if included_only:
        options.append(("included_only", True))
    if selection is not None:
        options.append(("records", selection))
    if sheets is not None:
        options.append(("sheets", sheets))
    for item in extra:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--option")
        options.append((key.strip(), value))
    project = rs.load(review)
    report = export_to_path(project, exporter, out, options)
    if as_json:
        emit_json(
            {
                "file": str(out),
                "exporter": exporter,
                "wrote": report.wrote,
                "warnings": list(report.warnings),
            }
        )
        return
    from rich.markup import escape

    console().print(f"Wrote [bold]{escape(str(out))}[/] ({exporter})")
    if report.wrote:
        console().print(escape(report.wrote), highlight=False)
    for warning in report.warnings:
        error_console().print(f"[yellow]warning:[/] {escape(warning)}")


def _print_exporter_options(name: str, as_json: bool) -> None:
    from realistsynth.exporting import exporter_options
    from realistsynth.plugins import get_plugin_manager
    from realistsynth.plugins.options import describe_options

    found = get_plugin_manager().exporter(name)
    declared = exporter_options(found)
    rows = describe_options(declared) if declared is not None else []
    if as_json:
        emit_json({"exporter": name, "declared": declared is not None, "options": rows})
        return
    from rich.markup import escape
    from rich.table import Table

    out = console()
    if declared is None:
        out.print(f"Exporter {escape(name)!r} declares no options (it receives any, unchecked).")
        return
    if not rows:
        out.print(f"Exporter {escape(name)!r} takes no options.")
        return
    table = Table(title=f"Options of the exporter {name!r}", title_justify="left")
    for column in ("name", "type", "default", "help"):
        table.add_column(column, style="bold" if column == "name" else None)
    for row in rows:
        table.add_row(*(escape(row[c]) for c in ("name", "type", "default", "help")))
    out.print(table)
    out.print("Give one with --option NAME=VALUE.")
