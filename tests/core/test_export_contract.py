"""The exporter contract: declared options parsed, validated and documented by the host;
unknown, repeated and ill-typed options refused by name; options reaching only their
exporter; what export() returns checked before the file is kept."""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pytest
from plugin_support import run_cli

import realistsynth as rs
from realistsynth import hookimpl
from realistsynth.exporting import ExportOptions, export_to_path
from realistsynth.protocols import ExportOption
from realistsynth.testing import plugin_manager_with


class Echo:
    """Writes the options it received, as JSON."""

    name = "echo"
    title = "Echo the options"
    suffix = ".json"
    options = (
        ExportOption("width", int, 80, "line width"),
        ExportOption("ratio", float, None, "a ratio"),
        ExportOption("loud", bool, False, "shout"),
        ExportOption("label", str, "x", "a label", ("x", "y")),
        ExportOption("tags", tuple, (), "tags"),
    )

    def export(
        self, review: rs.Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> rs.ExportReport:
        stream.write(json.dumps(dict(options)).encode())
        return rs.ExportReport()


class ReturnsNone:
    name = "returns-none"
    title = "Forgets to return its report"
    suffix = ".txt"
    options = ()

    def export(
        self, review: rs.Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> rs.ExportReport:
        stream.write(b"text")
        return None  # type: ignore[return-value]  # the broken plugin under test


class Undeclared:
    name = "undeclared"
    title = "Written before the option contract"
    suffix = ".txt"

    def export(
        self, review: rs.Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> rs.ExportReport:
        stream.write(repr(sorted(options.items())).encode())
        return rs.ExportReport()


class Plugin:
    @hookimpl
    def realistsynth_register_exporters(self) -> list[object]:
        return [Echo(), ReturnsNone(), Undeclared()]


@pytest.fixture
def review() -> rs.Review:
    review = rs.Review.new("T")
    review.add_record(rs.Record("a", title="Alpha"))
    return review


def _echo(review: rs.Review, tmp_path: Path, options: ExportOptions) -> dict[str, object]:
    target = tmp_path / "out.json"
    export_to_path(review, "echo", target, options, plugin_manager=plugin_manager_with(Plugin()))
    result: dict[str, object] = json.loads(target.read_text())
    return result


def test_declared_options_arrive_typed_with_defaults(review: rs.Review, tmp_path: Path) -> None:
    got = _echo(review, tmp_path, [("width", "100"), ("loud", "yes"), ("tags", "a, b")])
    assert got == {
        "width": 100,
        "ratio": None,
        "loud": True,
        "label": "x",
        "tags": ["a", "b"],
    }
    got = _echo(review, tmp_path, {"ratio": 0.5, "label": "y", "tags": ["c"]})
    assert (got["ratio"], got["label"], got["tags"]) == (0.5, "y", ["c"])


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ([("colour", "red")], "exporter 'echo' has no option 'colour' (its options: label,"),
        ([("width", "1"), ("width", "2")], "option 'width' is given more than once"),
        ([("width", "wide")], "option 'width' must be a whole number, not 'wide'"),
        ([("loud", "maybe")], "option 'loud' must be a true/false, not 'maybe'"),
        ([("ratio", "nan")], "option 'ratio' must be a number, not 'nan'"),
        ([("label", "z")], "option 'label' must be a text (x, y), not 'z'"),
        ({"width": True}, "option 'width' must be a whole number, not True"),
        ({"tags": [1, 2]}, "option 'tags' must be a comma-separated list, not [1, 2]"),
    ],
)
def test_bad_options_are_errors_naming_the_option(
    review: rs.Review, tmp_path: Path, given: ExportOptions, message: str
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(rs.ExportError) as info:
        _echo(review, tmp_path, given)
    assert message in str(info.value)
    assert target.read_text() == "old"


def test_an_export_returning_none_is_refused_and_no_file_is_kept(
    review: rs.Review, tmp_path: Path
) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(rs.PluginError) as info:
        export_to_path(review, "returns-none", target, plugin_manager=plugin_manager_with(Plugin()))
    message = str(info.value)
    assert "plugin 'Plugin': exporter 'returns-none': export() returned NoneType" in message
    assert "an ExportReport is required" in message
    assert not target.exists()


def test_export_to_path_returns_the_report(review: rs.Review, tmp_path: Path) -> None:
    report = export_to_path(review, "csv", tmp_path / "r.csv")
    assert isinstance(report, rs.ExportReport)


def test_an_exporter_without_declared_options_is_deprecated_not_broken(
    review: rs.Review, tmp_path: Path
) -> None:
    target = tmp_path / "out.txt"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        export_to_path(
            review,
            "undeclared",
            target,
            {"anything": "goes"},
            plugin_manager=plugin_manager_with(Plugin()),
        )
    assert target.read_text() == "[('anything', 'goes')]"
    (warning,) = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert "exporter 'undeclared' declares no 'options'" in str(warning.message)


def test_every_builtin_exporter_declares_its_options() -> None:
    manager = rs.get_plugin_manager(load_entry_points=False)
    for name, exporter in manager.exporters.items():
        declared = getattr(exporter, "options", None)
        assert declared is not None, name
        assert all(isinstance(o, ExportOption) and o.help for o in declared), name


def test_option_declarations_are_checked() -> None:
    with pytest.raises(ValueError, match="must be an identifier"):
        ExportOption("two words", str)
    with pytest.raises(ValueError, match="an option's type must be one of"):
        ExportOption("x", list)


def test_cli_options_reach_only_their_exporter(tmp_path: Path) -> None:
    review = tmp_path / "r.json"
    assert run_cli(["new", str(review), "--title", "T"], None).returncode == 0
    out = tmp_path / "r.ris"
    result = run_cli(
        ["export", str(review), "--to", "ris", "--out", str(out), "--sheets", "Records"], None
    )
    assert result.returncode == 1
    assert "exporter 'ris' has no option 'sheets' (its options: included_only" in result.stderr
    assert not out.exists()
    result = run_cli(
        [
            "export",
            str(review),
            "--to",
            "references",
            "--out",
            str(tmp_path / "refs.txt"),
            "--option",
            "style=apa",
            "--option",
            "style=vancouver",
        ],
        None,
    )
    assert result.returncode == 1
    assert "option 'style' is given more than once" in result.stderr
    result = run_cli(["export", "--to", "flow-svg", "--help-options", "--json"], None)
    assert result.returncode == 0, result.stderr
    names = [row["name"] for row in json.loads(result.stdout)["options"]]
    assert names == ["duplicates", "title"]
