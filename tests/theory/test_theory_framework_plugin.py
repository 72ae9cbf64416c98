"""Frameworks: the built-in one matches the worked example; the HLM plugin installs with pip.

The plugin test builds and installs plugins/realistsynth-framework-hlm with pip into a
temporary folder (``--no-deps --no-build-isolation --target``, so no network), then runs the
real CLI with that folder on ``PYTHONPATH`` and the plugin's own tests against it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from plugin_support import imported_from, pip_install, plugins_json
from theory.theory_ics_example import EXAMPLE, ROOT

import realistsynth as rs

PLUGIN = ROOT / "plugins" / "realistsynth-framework-hlm"


def test_doing_things_differently_matches_the_worked_example() -> None:
    framework = rs.get_plugin_manager(load_entry_points=False).framework("doing-things-differently")
    data = tomllib.loads((EXAMPLE / "data" / "theory.toml").read_text(encoding="utf-8"))
    assert {(t.id, t.name) for t in framework.themes} == {
        (t["id"], t["name"]) for t in data["framework_theme"]
    }
    # the Academy's own order of the four themes
    assert [t.name for t in framework.themes] == [
        "Being",
        "Relating & Communicating",
        "Leading & Visioning",
        "Delivering",
    ]
    assert all(t.description for t in framework.themes)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pip_install([PLUGIN], tmp_path_factory.mktemp("hlm-site"))


def test_plugin_appears_in_realistsynth_plugins(installed: Path) -> None:
    if importlib.util.find_spec("realistsynth_framework_hlm") is None:
        # without the folder on the path the plugin is absent, so the check below can fail
        before = plugins_json(None)
        assert "hlm" not in {p["name"] for p in before["plugins"]}
    assert imported_from("realistsynth_framework_hlm", installed).is_relative_to(installed)
    after = plugins_json(installed)
    plugin = next(p for p in after["plugins"] if p["name"] == "hlm")
    assert plugin["builtin"] is False
    assert plugin["version"] == "0.1.0"
    assert plugin["provides"] == {"frameworks": ["healthcare-leadership-model"]}
    assert after["problems"] == []


def test_plugin_own_tests_pass_against_the_install(installed: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(installed))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=PLUGIN,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout
