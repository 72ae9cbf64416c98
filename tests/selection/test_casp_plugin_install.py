"""The CASP example plugin installs from plugins/ with pip and shows in ``realistsynth plugins``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from plugin_support import ROOT, imported_from, pip_install, plugins_json

CASP = ROOT / "plugins" / "realistsynth-casp"


def test_casp_plugin_installs_and_is_listed(tmp_path: Path) -> None:
    target = pip_install([CASP], tmp_path / "site")
    assert imported_from("realistsynth_casp", target).is_relative_to(target)
    data = plugins_json(target)
    casp = [p for p in data["plugins"] if p["name"] == "casp"]
    assert casp, data
    assert casp[0]["builtin"] is False
    assert casp[0]["version"] == "0.1.0"
    assert casp[0]["provides"] == {"criteria_sets": ["casp-qualitative"]}
    assert data["problems"] == []

    # and the plugin's own test suite passes against this realistsynth
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(CASP / "tests")],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(target)),
        cwd=tmp_path,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
