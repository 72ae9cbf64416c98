"""``search``: record sources, the strategy and search runs; show checks and the appendix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import (
    console,
    emit_json,
    error_console,
    handle_errors,
    review_path,
)
from realistsynth.model.search import SourceKind

__all__ = ["search"]

# the model is already loaded with the realistsynth package, so the choices come from it
_KINDS = [k.value for k in SourceKind]


def _day(value: str | None, what: str) -> dt.date | None:
    from realistsynth.errors import InvalidValueError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValueError(f"{what} {value!r} is not a date YYYY-MM-DD") from None


@click.group()
def search() -> None:
    """Record the search strategy, its sources and runs (RAMESES item 8)."""


@search.command("add-source")
@click.argument("path", type=review_path())
@click.option("--id", "source_id", required=True, help="Stable id, e.g. cinahl.")
@click.option("--name", required=True, help="Name as reported, e.g. 'CINAHL'.")
@click.option("--kind", type=click.Choice(_KINDS), default="database", show_default=True)
@click.option("--platform", help="Interface, e.g. EBSCOhost.")
@click.option("--url", help="Web address (grey literature sites).")
@click.option("--note", help="Free text (e.g. the keywords used on a website).")
@handle_errors
def add_source(
    path: Path,
    source_id: str,
    name: str,
    kind: str,
    platform: str | None,
    url: str | None,
    note: str | None,
) -> None:
    """Add a source (database, register, website, journal ...) to the review in PATH."""
    import realistsynth as rs
    from realistsynth.errors import InvalidValueError

    review = rs.load(path)
    try:
        source = rs.Source(source_id, name, rs.SourceKind(kind), platform, url, note)
    except ValueError as exc:
        raise InvalidValueError(str(exc), where=f"sources/{source_id}") from None
    review.add_source(source)
    rs.save(review, path)
    console().print(f"Added source [bold]{source_id}[/]")


@search.command("add-run")
@click.argument("path", type=review_path())
@click.option("--source", "source_id", required=True, help="Id of the source searched.")
@click.option("--date", "day", required=True, help="Day of the search, YYYY-MM-DD.")
@click.option("--query", "query_text", required=True, help="The query exactly as run.")
@click.option("--hits", type=click.IntRange(min=0), required=True, help="Hits reported.")
@click.option("--platform", help="Interface used (defaults to the source's).")
@click.option("--file", "files", multiple=True, help="Export file of this run (repeatable).")
@click.option("--id", "run_id", help="Run id (default: SOURCE-N).")
@click.option("--note", help="Free text.")
@click.option("--replace", is_flag=True, help="Replace the run with this --id (to correct it).")
@click.option(
    "--round",
    "round_",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Search round: 1 the main search, 2+ iterative searches.",
)
@click.option("--purpose", help="Why this (iterative) search: what the theory needs.")
@click.option("--for-cmoc", "cmocs", multiple=True, help="CMOC it is meant to test.")
@click.option("--for-theme", "themes", multiple=True, help="Theme it is meant to inform.")
@handle_errors
def add_run(
    path: Path,
    source_id: str,
    day: str,
    query_text: str,
    hits: int,
    platform: str | None,
    files: tuple[str, ...],
    run_id: str | None,
    note: str | None,
    replace: bool,
    round_: int,
    purpose: str | None,
    cmocs: tuple[str, ...],
    themes: tuple[str, ...],
) -> None:
    """Record one search run of a source in the review in PATH."""
    import realistsynth as rs
    from realistsynth.errors import InvalidValueError

    review = rs.load(path)
    if run_id is None:
        n = 1
        while f"{source_id}-{n}" in review.search_runs:
            n += 1
        run_id = f"{source_id}-{n}"
    try:
        if (cmocs or themes) and not purpose:
            purpose = "test and strengthen " + ", ".join(cmocs + themes)
        goal = rs.SearchPurpose(purpose, cmoc_ids=cmocs, theme_ids=themes) if purpose else None
        run = rs.SearchRun(
            run_id,
            source_id,
            _day(day, "--date"),
            platform,
            query_text,
            hits,
            files,
            note,
            round=round_,
            purpose=goal,
        )
    except ValueError as exc:
        raise InvalidValueError(str(exc), where=f"search_runs/{run_id}") from None
    if replace and run_id not in review.search_runs:
        raise InvalidValueError(f"no run {run_id!r} to replace", where=f"search_runs/{run_id}")
    review.add_search_run(run, replace=replace)
    rs.save(review, path)
    console().print(f"Added run [bold]{run_id}[/] ({hits} hits)")


@search.command("set-strategy")
@click.argument("path", type=review_path())
@click.option("--start", help="First day of searching, YYYY-MM-DD.")
@click.option("--end", help="Last day of searching, YYYY-MM-DD.")
@click.option("--query", "query_text", help="The search terms as one query.")
@click.option(
    "--block",
    "blocks",
    multiple=True,
    help="A concept block NAME=QUERY (repeatable), for block-structured strategies.",
)
@click.option(
    "--limiter",
    "limiters",
    multiple=True,
    help="KIND:VALUE with KIND language, publication-type, field or other (repeatable).",
)
@click.option("--from-year", type=int, help="Earliest publication year.")
@click.option("--to-year", type=int, help="Latest publication year.")
@click.option("--range-note", help="Why this publication range.")
@click.option("--note", help="Anything else about the strategy.")
@handle_errors
def set_strategy(
    path: Path,
    start: str | None,
    end: str | None,
    query_text: str | None,
    blocks: tuple[str, ...],
    limiters: tuple[str, ...],
    from_year: int | None,
    to_year: int | None,
    range_note: str | None,
    note: str | None,
) -> None:
    """Set (replace) the search strategy of the review in PATH."""
    import realistsynth as rs
    from realistsynth.errors import InvalidValueError

    review = rs.load(path)
    parsed = []
    for item in limiters:
        kind, _, value = item.partition(":")
        try:
            parsed.append(rs.Limiter(rs.LimiterKind(kind), value))
        except ValueError:
            raise InvalidValueError(
                f"--limiter {item!r} is not KIND:VALUE with KIND one of "
                "language, publication-type, field, other"
            ) from None
    concept_blocks = []
    for item in blocks:
        name, sep, text = item.partition("=")
        try:
            if not sep:
                raise ValueError
            concept_blocks.append(rs.ConceptBlock(name.strip(), text.strip()))
        except ValueError:
            raise InvalidValueError(f"--block {item!r} is not NAME=QUERY") from None
    try:
        window = rs.DateWindow(_day(start, "--start"), _day(end, "--end"))
        pub = None
        if from_year is not None or to_year is not None or range_note:
            pub = rs.PublicationRange(
                rs.PartialDate(from_year) if from_year is not None else None,
                rs.PartialDate(to_year) if to_year is not None else None,
                range_note,
            )
        strategy = rs.SearchStrategy(
            window=window,
            query=query_text,
            concept_blocks=concept_blocks,
            limiters=parsed,
            publication_range=pub,
            note=note,
        )
    except ValueError as exc:
        raise InvalidValueError(str(exc), where="strategy") from None
    review.set_strategy(strategy)
    rs.save(review, path)
    console().print("Search strategy set")


@search.command()
@click.argument("path", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON (checks, appendix rows, runs).")
@click.option("--markdown", is_flag=True, help="Print the strategy appendix as Markdown.")
@handle_errors
def show(path: Path, as_json: bool, markdown: bool) -> None:
    """Show the search record of PATH: checks, runs and the strategy appendix."""
    import realistsynth as rs
    from realistsynth.search.checks import check_search
    from realistsynth.search.report import run_rows, strategy_markdown, strategy_rows

    review = rs.load(path)
    findings = check_search(review)
    if as_json:
        data: dict[str, Any] = {
            "findings": [f.as_dict() for f in findings],
            "strategy": strategy_rows(review),
            "runs": run_rows(review),
        }
        if markdown:
            data["markdown"] = strategy_markdown(review)
        emit_json(data)
        return
    if markdown:
        click.echo(strategy_markdown(review), nl=False)
        return
    from rich.markup import escape
    from rich.table import Table

    out = console()
    table = Table(title="Search runs", title_justify="left")
    for column in ("run", "round", "source", "platform", "date", "hits", "imported", "query"):
        table.add_column(column)
    for row in run_rows(review):
        table.add_row(
            escape(row["run"]),
            str(row["round"]),
            escape(row["source"]),
            escape(row["platform"]),
            row["date"],
            "-" if row["hits"] is None else str(row["hits"]),
            str(row["records_imported"]),
            escape(row["query"]),
        )
    out.print(table)
    colour = {"info": "cyan", "warning": "yellow", "error": "red"}
    for f in findings:
        out.print(
            f"[{colour[f.severity.value]}]{f.severity.value}[/] {escape(f.where)}: "
            f"{escape(f.message)}"
        )
    if not findings:
        out.print("[green]no findings[/]")


@search.command("chase")
@click.argument("path", type=review_path())
@click.option("--seed", "seeds", multiple=True, help="Id of a seed record (repeatable).")
@click.option(
    "--seeds-from-stage",
    "stage_id",
    help="Use every record included at this stage as a seed (e.g. full-text).",
)
@click.option(
    "--direction",
    type=click.Choice(["backward", "forward", "both"]),
    required=True,
    help="backward: the seeds' references; forward: works citing them.",
)
@click.option(
    "--service",
    type=click.Choice(["openalex", "crossref"]),
    default="openalex",
    show_default=True,
    help="Crossref goes backward only (its open API has no 'cited by').",
)
@click.option("--round", "round_", type=click.IntRange(min=1), help="Search round (default 2+).")
@click.option("--purpose", help="Why this chase: what the theory needs.")
@click.option("--for-cmoc", "cmocs", multiple=True, help="CMOC the chase is meant to test.")
@click.option("--for-theme", "themes", multiple=True, help="Theme it is meant to inform.")
@click.option("--mailto", envvar="REALISTSYNTH_MAILTO", help="Contact e-mail (polite pool).")
@click.option("--api-key", envvar="OPENALEX_API_KEY", help="OpenAlex API key (sent, never stored).")
@click.option("--api-url", help="Another API root (a mirror, a test server).")
@click.option("--source", "source_id", help="Citation-searching source to record the run under.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def chase(
    path: Path,
    seeds: tuple[str, ...],
    stage_id: str | None,
    direction: str,
    service: str,
    round_: int | None,
    purpose: str | None,
    cmocs: tuple[str, ...],
    themes: tuple[str, ...],
    mailto: str | None,
    api_key: str | None,
    api_url: str | None,
    source_id: str | None,
    as_json: bool,
) -> None:
    """Chase citations of seed records through OpenAlex or Crossref (RAMESES item 8).

    Found works become records with their provenance (service, seed, direction, round, query
    URL, time); works the review holds already are linked, not added twice; a re-run adds
    only what is new. Nothing is saved unless the whole chase succeeded.
    """
    import realistsynth as rs
    from realistsynth.errors import InvalidValueError
    from realistsynth.model.screening import StageStatus
    from realistsynth.search.chase import chase_citations

    review = rs.load(path)
    chosen = list(seeds)
    if stage_id is not None:
        if stage_id not in review.stages:
            raise InvalidValueError(f"no stage {stage_id!r}", where="--seeds-from-stage")
        chosen += review.records_at(stage_id, StageStatus.INCLUDE)
    if not chosen:
        raise InvalidValueError("give --seed RECORD_ID or --seeds-from-stage STAGE", where="seeds")
    if (cmocs or themes) and not purpose:
        purpose = "test and strengthen " + ", ".join(cmocs + themes)
    goal = rs.SearchPurpose(purpose, cmoc_ids=cmocs, theme_ids=themes) if purpose else None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("chasing citations"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("requests"),
        console=error_console(),
        disable=as_json,
        transient=True,
    )
    with bar:
        task = bar.add_task("chase", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        result = chase_citations(
            review,
            chosen,
            direction=direction,
            service=service,
            round=round_,
            purpose=goal,
            mailto=mailto,
            api_key=api_key,
            api_url=api_url,
            source_id=source_id,
            progress=progress,
        )
    if not result.nothing_new:
        rs.save(review, path)
    data = {
        "service": result.service.value,
        "source": result.source_id,
        "run": None if result.run is None else result.run.id,
        "round": None if result.run is None else result.run.round,
        "found": result.found,
        "added": list(result.added),
        "linked": list(result.linked),
        "known": result.known,
        "per_seed": [
            {
                "seed": s.seed_id,
                "direction": s.direction.value,
                "found": s.found,
                "new": s.new,
                "already_held": s.existing,
            }
            for s in result.per_seed
        ],
        "warnings": list(result.warnings),
        "requests": list(result.query_urls),
    }
    if as_json:
        emit_json(data)
        return
    from rich.markup import escape

    out = console()
    if result.nothing_new:
        out.print(f"Nothing new: all {result.found} findings were already recorded.")
    else:
        assert result.run is not None
        out.print(
            f"Run [bold]{result.run.id}[/] (round {result.run.round}): {result.found} findings, "
            f"{len(result.added)} new records, {len(result.linked)} already held and linked, "
            f"{result.known} known from earlier runs"
        )
    for s in result.per_seed:
        out.print(
            f"  {escape(s.seed_id)} {s.direction.value}: {s.found} found, {s.new} new, "
            f"{s.existing} already held"
        )
    for warning in result.warnings:
        out.print(f"[yellow]warning[/] {escape(warning)}")
