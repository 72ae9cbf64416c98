"""Hooks that evolve and checks that catch mistakes: hook arguments added after a plugin was
written, misspelt hooks, contributions of the wrong shape, and what a user sees of them."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping
from typing import IO

import pluggy
import pytest

import realistsynth as rs
from realistsynth import hookimpl, hookspecs
from realistsynth.plugins.conformance import conformance_problems
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import Exporter
from realistsynth.query.dialect import QueryDialect, Rendering
from realistsynth.testing import plugin_manager_with


class OldFramework:
    """Written for the 0.1 spec, before ``api_version`` was an argument of the hook."""

    @hookimpl
    def realistsynth_register_frameworks(self) -> list[rs.OrganisingFramework]:
        return [rs.OrganisingFramework("old-style", "Old")]


class NewFramework:
    """Written for the 1.1 spec: names the argument the hook gained."""

    seen: tuple[int, int] | None = None

    @hookimpl
    def realistsynth_register_frameworks(
        self, api_version: tuple[int, int]
    ) -> list[rs.OrganisingFramework]:
        NewFramework.seen = api_version
        return [rs.OrganisingFramework("new-style", "New")]


def test_a_plugin_written_before_an_argument_was_added_keeps_working() -> None:
    # the spec has the argument; the old implementation does not name it
    assert "api_version" in hookspecs.realistsynth_register_frameworks.__annotations__
    manager = plugin_manager_with(OldFramework(), NewFramework())
    assert manager.problems == ()
    assert {"old-style", "new-style"} <= set(manager.frameworks)
    assert NewFramework.seen == rs.API_VERSION


def test_an_added_argument_reaches_only_the_implementations_that_name_it() -> None:
    # a hookspec module of a *later* release, with one more argument than today's: the
    # registry calls through pluggy, so today's plugins still work against it
    class LaterSpecs:
        @hookspecs.hookspec
        def realistsynth_register_frameworks(
            self, api_version: tuple[int, int], locale: str
        ) -> list[rs.OrganisingFramework]:
            raise NotImplementedError

    class Later:
        @hookimpl
        def realistsynth_register_frameworks(self, locale: str) -> list[rs.OrganisingFramework]:
            return [rs.OrganisingFramework(f"later-{locale}", "Later")]

    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(LaterSpecs)

    class LaterHost(PluginManager):
        """A later release's host, which offers the added argument."""

        def host_arguments(self) -> dict[str, object]:
            return {"api_version": rs.API_VERSION, "locale": "en"}

    manager = LaterHost(pm)
    for name, plugin in (("old", OldFramework()), ("later", Later())):
        pm.register(plugin, name=name)
        manager.add_plugin(name, None, False, name)
    manager.collect()
    assert manager.problems == ()
    assert set(manager.frameworks) == {"old-style", "later-en"}


class Misspelt:
    @hookimpl
    def realistsynth_register_exporter(self) -> list[object]:
        return []


def test_a_misspelt_hook_is_reported_with_the_hook_meant() -> None:
    manager = plugin_manager_with(Misspelt())
    (problem,) = manager.problems
    assert problem.plugin == "Misspelt"
    assert "unknown hook 'realistsynth_register_exporter'" in problem.error
    assert "did you mean 'realistsynth_register_exporters'" in problem.error
    with pytest.raises(rs.PluginError, match="realistsynth_register_exporter"):
        plugin_manager_with(Misspelt(), strict=True)


def test_an_optional_hook_for_a_later_release_is_not_a_problem() -> None:
    class Future:
        @hookimpl(optionalhook=True)
        def realistsynth_register_time_machines(self) -> list[object]:
            return []

    assert plugin_manager_with(Future(), strict=True).problems == ()


class StrDialect:
    name = "str-dialect"
    title = "Returns text"

    def render(self, query: object) -> str:
        return str(query)


class ShortExporter:
    name = "short"
    title = "Takes too few arguments"
    suffix = ".txt"

    def export(self, review: rs.Review) -> rs.ExportReport:
        return rs.ExportReport()


def test_protocols_are_checked_by_structure_not_names() -> None:
    assert isinstance(StrDialect(), QueryDialect)  # what runtime_checkable alone accepts
    (problem,) = conformance_problems(StrDialect(), QueryDialect)
    assert "declared to return str, but Rendering is required" in problem
    (problem,) = conformance_problems(ShortExporter(), Exporter)
    assert "cannot be called as export(review, stream, options)" in problem

    class Wrong:
        @hookimpl
        def realistsynth_register_query_dialects(self) -> list[object]:
            return [StrDialect()]

        @hookimpl
        def realistsynth_register_exporters(self) -> list[object]:
            return [ShortExporter()]

    manager = plugin_manager_with(Wrong())
    errors = sorted(p.error for p in manager.problems)
    assert len(errors) == 2
    assert "exporter 'short' that does not fit Exporter" in errors[0]
    assert "query dialect 'str-dialect' that does not fit QueryDialect" in errors[1]
    assert "short" not in manager.exporters
    assert "str-dialect" not in manager.query_dialects


@pytest.mark.parametrize(
    ("returned", "what"),
    [
        ({"x": rs.OrganisingFramework("x", "X")}, "returned a dict, not a list"),
        ("themeless", "returned a str, not a list"),
        (None, "returned None, not a list"),
        (42, "returned 42, not a list"),
    ],
)
def test_a_list_hook_refuses_dicts_strings_and_none(returned: object, what: str) -> None:
    class Plugin:
        @hookimpl
        def realistsynth_register_frameworks(self) -> object:
            return returned

    (problem,) = plugin_manager_with(Plugin()).problems
    assert problem.plugin == "Plugin"
    assert f"realistsynth_register_frameworks {what} of frameworks" == problem.error


def test_a_raising_hook_keeps_its_traceback() -> None:
    class Raising:
        @hookimpl
        def realistsynth_register_frameworks(self) -> list[object]:
            raise LookupError("no themes today")

    (problem,) = plugin_manager_with(Raising()).problems
    assert "LookupError: no themes today" in problem.error
    assert problem.traceback.startswith("Traceback (most recent call last):")
    assert "in realistsynth_register_frameworks" in problem.traceback


def test_a_missing_capability_names_the_plugins_that_failed() -> None:
    class Raising:
        @hookimpl
        def realistsynth_register_exporters(self) -> list[object]:
            raise RuntimeError("cannot build the exporter")

    manager = plugin_manager_with(Raising())
    with pytest.raises(rs.PluginError) as info:
        manager.exporter("fancy")
    assert "no exporter named 'fancy'" in str(info.value)
    assert "plugins that failed to load or contribute: Raising" in str(info.value)


class GoodExporter:
    name = "good"
    title = "Good"
    suffix = ".txt"

    def export(
        self, review: rs.Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> rs.ExportReport:
        stream.write(b"ok")
        return rs.ExportReport()


def test_a_fitting_contribution_has_no_problems() -> None:
    assert conformance_problems(GoodExporter(), Exporter) == []

    class Dialect:
        name = "d"
        title = "D"

        def render(self, query: object) -> Rendering:
            return Rendering("d", "")

    assert conformance_problems(Dialect(), QueryDialect) == []
    out = io.BytesIO()
    GoodExporter().export(rs.Review.new("T"), out, {})
    assert out.getvalue() == b"ok"


def test_debug_prints_plugin_tracebacks(tmp_path: object) -> None:
    code = (
        "import realistsynth as rs\n"
        "class Raising:\n"
        "    @rs.hookimpl\n"
        "    def realistsynth_register_frameworks(self):\n"
        "        raise KeyError('deep inside')\n"
        "rs.get_plugin_manager(load_entry_points=False, plugins=[Raising()])\n"
    )
    env = dict(os.environ, REALISTSYNTH_DEBUG="1")
    debug = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert "Traceback (most recent call last)" in debug.stderr
    assert "KeyError: 'deep inside'" in debug.stderr
    env.pop("REALISTSYNTH_DEBUG")
    quiet = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert quiet.stderr == ""


def test_the_testing_helpers_work_without_pytest() -> None:
    code = (
        "import sys\n"
        "sys.modules['pytest'] = None  # importing pytest now fails\n"
        "from realistsynth.testing import plugin_manager_with\n"
        "assert 'themeless' in plugin_manager_with().frameworks\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
