"""The plugin system: built-ins as plugins, isolation of broken third-party plugins,
duplicate names, the typed registry, and the testing helpers for plugin authors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from plugin_support import pip_install, run_cli

import realistsynth as rs
from realistsynth import hookimpl
from realistsynth.builtin import BUILTIN_PLUGINS
from realistsynth.testing import plugin_manager_with

PLUGINS = Path(__file__).parent.parent / "data" / "plugins"


@pytest.fixture(scope="session")
def faulty_plugins_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three faulty example packages, really installed with pip into one folder."""
    packages = sorted(p for p in PLUGINS.iterdir() if (p / "pyproject.toml").exists())
    return pip_install(packages, tmp_path_factory.mktemp("site"))


def _cli(args: list[str], site: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(args, site)


def test_builtins_are_ordinary_plugins() -> None:
    manager = rs.get_plugin_manager(load_entry_points=False)
    assert [p.name for p in manager.plugins] == list(BUILTIN_PLUGINS)
    assert all(p.builtin for p in manager.plugins)
    assert manager.problems == ()


def test_broken_plugins_are_reported_and_the_rest_works(faulty_plugins_dir: Path) -> None:
    result = _cli(["plugins", "--json"], faulty_plugins_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    problems = {p["plugin"]: p for p in data["problems"]}
    assert "broken on purpose" in problems["broken-example"]["error"]
    assert problems["broken-example"]["version"] == "0.0.1"
    assert "hook failed on purpose" in problems["raising-example"]["error"]
    dup = problems["dup-example"]["error"]
    assert "'themeless' is already provided by plugin 'realistsynth.builtin.frameworks'" in dup
    loaded = {p["name"]: p for p in data["plugins"]}
    # the duplicate's own framework still loads; the built-in themeless is untouched
    assert loaded["dup-example"]["provides"] == {"frameworks": ["dup-own"]}
    assert "themeless" in loaded["realistsynth.builtin.frameworks"]["provides"]["frameworks"]


def test_other_commands_still_work_beside_a_broken_plugin(
    faulty_plugins_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.json"
    assert _cli(["new", str(path), "--title", "T"], faulty_plugins_dir).returncode == 0
    result = _cli(["validate", str(path)], faulty_plugins_dir)
    assert result.returncode == 0, result.stderr
    result = _cli(["plugins"], faulty_plugins_dir)
    assert "Plugins that failed to load" in result.stdout


def test_block_list_and_strict_mode(faulty_plugins_dir: Path) -> None:
    env = dict(
        os.environ,
        PYTHONPATH=str(faulty_plugins_dir),
        REALISTSYNTH_BLOCK_PLUGINS="broken-example,raising-example,dup-example",
    )
    result = subprocess.run(
        [sys.executable, "-m", "realistsynth.cli", "plugins", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert json.loads(result.stdout)["problems"] == []
    code = (
        "import realistsynth as rs\n"
        "try:\n    rs.get_plugin_manager(strict=True)\n"
        "except rs.PluginError as e:\n    print('strict:', e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(faulty_plugins_dir)),
    ).stdout
    assert out.startswith("strict:")
    assert "broken-example" in out


class WrongKind:
    @hookimpl
    def realistsynth_register_criteria_sets(self) -> list[object]:
        return ["not a criteria set"]


def test_contributions_of_the_wrong_type_are_problems() -> None:
    manager = plugin_manager_with(WrongKind())
    assert [p.plugin for p in manager.problems] == ["WrongKind"]
    assert "not one of criteria_sets" in manager.problems[0].error
    assert "realist-rrr" in manager.criteria_sets


def test_unknown_names_list_the_known_ones() -> None:
    manager = plugin_manager_with()
    with pytest.raises(rs.PluginError, match=r"no framework named 'x' \(available: .*themeless"):
        manager.framework("x")


def test_each_manager_is_fresh() -> None:
    class Extra:
        @hookimpl
        def realistsynth_register_frameworks(self) -> list[rs.OrganisingFramework]:
            return [rs.OrganisingFramework("extra", "Extra")]

    assert "extra" in plugin_manager_with(Extra()).frameworks
    assert "extra" not in plugin_manager_with().frameworks


def test_fixture_for_plugin_authors(realistsynth_plugins) -> None:
    class Mine:
        @hookimpl
        def realistsynth_register_heuristics(self) -> list[rs.ConfigurationHeuristic]:
            return [rs.ConfigurationHeuristic("mine", "Mine", [rs.CodeDefinition("X", "X")])]

    manager = realistsynth_plugins(Mine())
    assert manager.heuristic("mine").codes[0].code == "X"


def test_importing_the_package_loads_no_plugin() -> None:
    code = (
        "import sys, realistsynth\n"
        "print(any(m.startswith('realistsynth.builtin.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
