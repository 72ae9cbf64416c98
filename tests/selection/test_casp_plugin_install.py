"""The CASP example plugin installs from plugins/ with pip and shows in ``realistsynth plugins``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_casp_plugin_installs_and_is_listed(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(ROOT / "plugins" / "realistsynth-casp"),
        ],
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(target), os.environ.get("PYTHONPATH", "")]),
    }
    out = subprocess.run(
        [sys.executable, "-c", "from realistsynth.cli import main; main(['plugins', '--json'])"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    data = json.loads(out.stdout)
    casp = [p for p in data["plugins"] if p["name"] == "casp"]
    assert casp, data
    assert casp[0]["builtin"] is False
    assert casp[0]["version"] == "0.1.0"
    assert casp[0]["provides"] == {"criteria_sets": ["casp-qualitative"]}
    assert data["problems"] == []

    # and the plugin's own test suite passes against this realistsynth
    tests = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(ROOT / "plugins" / "realistsynth-casp" / "tests"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
