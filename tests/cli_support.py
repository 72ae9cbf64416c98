"""How tests run the command line: click's runner on the ``realistsynth`` group, the exit
code and what it printed (standard output and error mixed, as a person sees them)."""

from __future__ import annotations

from click.testing import CliRunner

from realistsynth.cli import cli


def run(*args: str) -> tuple[int, str]:
    """Run ``realistsynth ARGS...``; the exit code and the output."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output
