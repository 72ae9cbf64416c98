"""``plugins``: what is installed, what each plugin provides, and which failed to load."""

from __future__ import annotations

import click

from realistsynth.cli.common import console, emit_json

__all__ = ["plugins"]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def plugins(as_json: bool) -> None:
    """List built-in and third-party plugins, what they provide, and load errors."""
    from realistsynth.plugins import get_plugin_manager

    manager = get_plugin_manager()
    manager.collect(everything=True)  # every place to plug in, so that every problem shows
    if as_json:
        emit_json(
            {
                "plugins": [
                    {
                        "name": p.name,
                        "version": p.version,
                        "builtin": p.builtin,
                        "module": p.module,
                        "provides": {k: list(v) for k, v in p.provides.items()},
                    }
                    for p in manager.plugins
                ],
                "problems": [
                    {
                        "plugin": p.plugin,
                        "version": p.version,
                        "error": p.error,
                        "traceback": p.traceback,
                    }
                    for p in manager.problems
                ],
            }
        )
        return
    from rich.markup import escape
    from rich.table import Table

    out = console()
    for builtin, title in ((True, "Built-in plugins"), (False, "Third-party plugins")):
        table = Table(title=title, title_justify="left")
        table.add_column("plugin", style="bold")
        table.add_column("version")
        table.add_column("provides")
        rows = [p for p in manager.plugins if p.builtin is builtin]
        for p in rows:
            provides = "; ".join(
                f"{k.replace('_', ' ')}: {', '.join(v)}" for k, v in p.provides.items()
            )
            table.add_row(escape(p.name), p.version or "-", escape(provides) or "-")
        if rows:
            out.print(table)
        elif not builtin:
            out.print("No third-party plugins installed.")
    if manager.problems:
        table = Table(title="Plugins that failed to load", title_justify="left", style="red")
        table.add_column("plugin", style="bold")
        table.add_column("version")
        table.add_column("error")
        for problem in manager.problems:
            table.add_row(escape(problem.plugin), problem.version or "-", escape(problem.error))
        out.print(table)
        out.print("Run `realistsynth --debug plugins` to see their tracebacks.")
