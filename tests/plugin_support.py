"""Installing real plugin packages for tests, and asking the CLI what it sees.

Shared by every test that proves a plugin package installs with pip and appears in
``realistsynth plugins`` (the faulty examples, CASP, the Healthcare Leadership Model).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def pip_install(packages: Sequence[Path], target: Path) -> Path:
    """Install ``packages`` (project folders) with pip into ``target``, offline, no deps."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            *map(str, packages),
        ],
        check=True,
        capture_output=True,
    )
    return target


def run_cli(args: Sequence[str], pythonpath: Path | None) -> subprocess.CompletedProcess[str]:
    """Run ``realistsynth ARGS`` in a fresh interpreter that sees ``pythonpath`` (only)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-m", "realistsynth.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def plugins_json(pythonpath: Path | None) -> dict[str, Any]:
    """What ``realistsynth plugins --json`` reports with ``pythonpath`` installed."""
    result = run_cli(["plugins", "--json"], pythonpath)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def imported_from(module: str, pythonpath: Path) -> Path:
    """Where a fresh interpreter that sees ``pythonpath`` imports ``module`` from.

    A development environment may also have the plugin installed (editable); asserting that
    the module comes from ``pythonpath`` keeps an install test able to fail.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}; print({module}.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return Path(result.stdout.strip())
