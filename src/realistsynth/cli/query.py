"""``query check`` and ``query translate``: lint a neutral query, write it for each platform."""

from __future__ import annotations

import click

from realistsynth.cli.common import console, emit_json, error_console, handle_errors

__all__ = ["query"]


def _dialects() -> dict[str, object]:
    from realistsynth.plugins import get_plugin_manager

    return dict(get_plugin_manager().query_dialects)


@click.group()
def query() -> None:
    """Check boolean search queries and translate them between platforms."""


@query.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def check(text: str, as_json: bool, strict: bool) -> None:
    """Check QUERY (neutral syntax): syntax, lint, and what each platform cannot express."""
    from rich.markup import escape

    from realistsynth.query import Severity, check_query, format_query

    result = check_query(text, _dialects().values())  # type: ignore[arg-type]
    if as_json:
        emit_json(result.as_dict())
    else:
        out, err = console(), error_console()
        if result.query is None:
            finding = result.findings[0]
            err.print(
                f"[bold red]syntax error[/] at column {(finding.position or 0) + 1}: "
                f"{escape(finding.message)}"
            )
            err.print(escape(result.caret or ""), markup=True)
        else:
            out.print(f"[bold]reading:[/] {escape(format_query(result.query))}")
            colour = {"info": "cyan", "warning": "yellow", "error": "red"}
            for f in result.findings:
                where = f" (column {f.position + 1})" if f.position is not None else ""
                out.print(
                    f"[{colour[f.severity.value]}]{f.severity.value}[/] {f.code}{where}: "
                    f"{escape(f.message)}"
                )
                for reading in f.readings:
                    out.print(
                        f"    {escape(', '.join(reading.platforms))}: {escape(reading.query)}"
                    )
            if not result.findings:
                out.print("[green]no findings[/]")
    failing = result.query is None or (
        strict and any(f.severity is not Severity.INFO for f in result.findings)
    )
    if failing:
        raise SystemExit(1)


@query.command()
@click.argument("text")
@click.option("--to", "target", required=True, help="Dialect to write (see `query dialects`).")
@click.option(
    "--from", "source", default="generic", show_default=True, help="Dialect QUERY is written in."
)
@click.option(
    "--lines",
    is_flag=True,
    help="Write a numbered line-by-line strategy (dialects that can: ovid).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def translate(text: str, target: str, source: str, lines: bool, as_json: bool) -> None:
    """Translate QUERY to another platform's syntax; what it cannot express goes to stderr."""
    from rich.markup import escape

    from realistsynth.errors import PluginError, QueryError, QuerySyntaxError
    from realistsynth.query import can_parse, format_query

    dialects = _dialects()
    for name in (target, source):
        if name not in dialects:
            raise PluginError(f"no query dialect {name!r} (available: {', '.join(dialects)})")
    reader = dialects[source]
    if not can_parse(reader):
        raise QueryError(f"the {source} dialect cannot read queries", where=source)
    try:
        tree = reader.parse(text)  # type: ignore[attr-defined]
    except QuerySyntaxError as exc:
        error_console().print(f"[bold red]error:[/] {escape(str(exc))}")
        error_console().print(escape(exc.caret()))
        raise SystemExit(1) from None
    writer = dialects[target]
    if lines:
        if not callable(getattr(writer, "render_lines", None)):
            raise QueryError(f"the {target} dialect has no line-by-line form", where=target)
        rendering = writer.render_lines(tree)  # type: ignore[attr-defined]
    else:
        rendering = writer.render(tree)  # type: ignore[attr-defined]
    if as_json:
        emit_json(
            {
                "from": source,
                "to": target,
                "reading": format_query(tree),
                **rendering.as_dict(),
            }
        )
        return
    click.echo(rendering.text)
    err = error_console()
    for loss in rendering.losses:
        err.print(f"[yellow]cannot express[/] {escape(loss.fragment)}: {escape(loss.message)}")
    for note in rendering.notes:
        err.print(f"[cyan]note[/] {escape(note)}")


@query.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def dialects(as_json: bool) -> None:
    """List the query dialects (built-in and from plugins)."""
    from realistsynth.query import can_parse

    rows = [
        {
            "name": name,
            "title": getattr(d, "title", ""),
            "parse": can_parse(d),
            "documentation": getattr(d, "documentation", ""),
        }
        for name, d in _dialects().items()
    ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        click.echo(f"{row['name']:<10} {row['title']}{'  (parses)' if row['parse'] else ''}")
