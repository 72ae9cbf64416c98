"""The ``realistsynth`` command line: a thin layer over the public API.

Commands live in small modules and are imported only when invoked (:class:`LazyGroup`), so that
``realistsynth --help`` stays fast and a problem in one command's imports cannot break the
others. Plugins are loaded only by the commands that need them.

Exit codes: 0 success, 1 invalid input or data (every :class:`~realistsynth.RealistsynthError`),
2 usage errors (click's own).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from realistsynth._version import __version__

__all__ = ["COMMANDS", "LazyGroup", "cli", "main"]

#: command name -> "module:attribute" of its click command, imported on first use
COMMANDS: dict[str, str] = {
    "new": "realistsynth.cli.project:new",
    "info": "realistsynth.cli.project:info",
    "validate": "realistsynth.cli.project:validate",
    "plugins": "realistsynth.cli.plugins:plugins",
    "report": "realistsynth.cli.report:report",
    "example": "realistsynth.cli.example:example",
    "theory": "realistsynth.cli.theory:theory",
    "appraise": "realistsynth.cli.appraise:appraise",
    "screen": "realistsynth.cli.screen:screen",
    "flow": "realistsynth.cli.flow:flow",
    "query": "realistsynth.cli.query:query",
    "search": "realistsynth.cli.search:search",
    "dedupe": "realistsynth.cli.dedupe:dedupe",
    "refs": "realistsynth.cli.refs:refs",
    "import": "realistsynth.cli.records:import_",
    "export": "realistsynth.cli.records:export",
    "table": "realistsynth.cli.data:table",
    "schema": "realistsynth.cli.data:schema",
    "team": "realistsynth.cli.team:team",
    "extract": "realistsynth.cli.extract:extract",
    "cmoc": "realistsynth.cli.cmoc:cmoc",
    "code": "realistsynth.cli.code:code",
    "synthesis": "realistsynth.cli.synthesis:synthesis",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported when first used."""

    def __init__(self, *args: object, lazy: dict[str, str] | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = dict(lazy or {})

    #: whether plugins' commands are offered too (the root group only)
    offers_plugin_commands = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = set(super().list_commands(ctx)) | set(self.lazy)
        if self.offers_plugin_commands:
            names |= set(_plugin_commands())
        return sorted(names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, attr = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            return command
        found = super().get_command(ctx, cmd_name)
        if found is None and self.offers_plugin_commands:
            # plugins are loaded only for a command that is not built in
            found = _plugin_commands().get(cmd_name)
        return found


def _plugin_commands() -> dict[str, click.Command]:
    """Commands plugins contribute (``realistsynth_cli_commands``), but none that has a
    built-in command's name."""
    from realistsynth.plugins import get_plugin_manager

    commands = get_plugin_manager().cli_commands
    return {name: command for name, command in commands.items() if name not in COMMANDS}


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="realistsynth")
@click.option(
    "--debug",
    is_flag=True,
    is_eager=True,  # before a plugin's command is looked up, so its load problems show too
    expose_value=False,
    callback=lambda ctx, param, value: _debug(value),
    help="Print the traceback of every plugin problem and of an error (REALISTSYNTH_DEBUG=1).",
)
def cli() -> None:
    """realistsynth: realist reviews as typed data, from search to RAMESES report."""


def _debug(on: bool) -> None:
    if on:
        import os

        from realistsynth.plugins.manager import DEBUG_ENV

        # the environment, not a context object: plugin managers are built deep inside the
        # API (export_to_path, read_records), and child processes inherit the setting
        os.environ[DEBUG_ENV] = "1"


cli.offers_plugin_commands = True


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``realistsynth`` script.

    With ``--json`` anywhere on the line, a usage error found before the command runs (a
    missing file, an unknown option) is JSON on stdout too, like every other error.
    """
    args = list(argv) if argv is not None else sys.argv[1:]
    if "--json" not in args:
        cli.main(args=args, prog_name="realistsynth")  # exits
    try:
        cli.main(args=args, prog_name="realistsynth", standalone_mode=False)
    except click.ClickException as exc:
        from realistsynth.cli.common import emit_json, error_as_dict

        emit_json({"error": error_as_dict(exc)})
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
