"""One test per hook (each contributes something through a real plugin object and finds it
in the registry), and the meta-tests that every hook has such a test and a reference section."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pytest

import realistsynth as rs
from realistsynth import hookimpl
from realistsynth.plugins.hookdoc import hook_names, hook_reference
from realistsynth.query.ast import And, Query, Term, iter_nodes
from realistsynth.query.dialect import QueryDialect, Rendering
from realistsynth.testing import plugin_manager_with

ROOT = Path(__file__).parent.parent.parent


class TinyImporter:
    name = "tiny"
    title = "Tiny test format"

    def sniff(self, head: bytes) -> int:
        return 100 if head.startswith(b"TINY") else 0

    def read(self, data: bytes, context: rs.ImportContext) -> rs.ImportResult:
        lines = data.decode().splitlines()[1:]
        records = [
            rs.Record(
                f"t{i}", title=line, provenance=[rs.Provenance(file=context.file_name, index=i)]
            )
            for i, line in enumerate(lines)
        ]
        return rs.ImportResult(
            records, rs.ImportReport(context.file_name, self.name, "utf-8", len(records))
        )


class TinyExporter:
    name = "titles"
    title = "Titles, one per line"
    suffix = ".txt"

    def export(
        self, review: rs.Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> rs.ExportReport:
        stream.write("\n".join(r.title or "" for r in review.records.values()).encode())
        return rs.ExportReport()


class TinyDialect:
    name = "tiny"
    title = "Tiny"

    def render(self, query: Query) -> Rendering:
        # all the tiny platform knows: its words, upper case, joined by AND
        words = [node.text for node in iter_nodes(query) if isinstance(node, Term)]
        return Rendering(self.name, " AND ".join(words).upper())


class Contributions:
    @hookimpl
    def realistsynth_register_importers(self) -> list[TinyImporter]:
        return [TinyImporter()]

    @hookimpl
    def realistsynth_register_exporters(self) -> list[TinyExporter]:
        return [TinyExporter()]

    @hookimpl
    def realistsynth_register_criteria_sets(self) -> list[rs.CriteriaSet]:
        return [rs.CriteriaSet("tiny", "Tiny", [rs.Criterion("q", "Q", "Q?", ["y", "n"])])]

    @hookimpl
    def realistsynth_register_frameworks(self) -> list[rs.OrganisingFramework]:
        return [rs.OrganisingFramework("tiny", "Tiny", [rs.Theme("t", "T")])]

    @hookimpl
    def realistsynth_register_heuristics(self) -> list[rs.ConfigurationHeuristic]:
        return [rs.ConfigurationHeuristic("tiny", "Tiny", [rs.CodeDefinition("X", "X")])]

    @hookimpl
    def realistsynth_register_citation_styles(self) -> list[rs.CitationStyle]:
        return [rs.CitationStyle("tiny", "Tiny", Path("tiny.csl"))]

    @hookimpl
    def realistsynth_register_query_dialects(self) -> list[TinyDialect]:
        return [TinyDialect()]

    @hookimpl
    def realistsynth_register_link_kinds(self) -> list[rs.LinkKind]:
        return [rs.LinkKind("triggers", "triggers", acyclic=True)]

    @hookimpl
    def realistsynth_register_confidence_approaches(self) -> list[rs.ConfidenceApproach]:
        return [
            rs.ConfidenceApproach(
                "tiny-confidence",
                "Tiny",
                [rs.ConfidenceComponent("fit", "Fit", "Does it fit?", ["good", "poor"])],
                ["sure", "unsure"],
            )
        ]

    @hookimpl
    def realistsynth_register_reporting_standards(self) -> list[rs.ReportingStandard]:
        return [
            rs.ReportingStandard(
                "tiny-standard",
                "Tiny standard",
                [rs.StandardItem("1", "title", "Title", "Title", "Name the method.", ["title"])],
            )
        ]


def manager() -> rs.PluginManager:
    return plugin_manager_with(Contributions())


def test_hook_realistsynth_register_importers() -> None:
    from realistsynth.importing import read_records

    result = read_records(b"TINY\nfirst\nsecond", plugin_manager=manager(), file_name="t.tiny")
    assert [r.title for r in result.records] == ["first", "second"]
    assert result.report.format == "tiny"


def test_hook_realistsynth_register_exporters() -> None:
    import io

    review = rs.Review.new("T")
    review.add_record(rs.Record("a", title="Alpha"))
    out = io.BytesIO()
    manager().exporter("titles").export(review, out, {})
    assert out.getvalue() == b"Alpha"


def test_hook_realistsynth_register_criteria_sets() -> None:
    assert manager().criteria_set("tiny").criteria[0].scale == ("y", "n")


def test_hook_realistsynth_register_frameworks() -> None:
    assert manager().framework("tiny").theme("t") is not None


def test_hook_realistsynth_register_heuristics() -> None:
    assert manager().heuristic("tiny").code("X") is not None


def test_hook_realistsynth_register_citation_styles() -> None:
    assert manager().citation_style("tiny").path == Path("tiny.csl")


def test_hook_realistsynth_register_query_dialects() -> None:
    dialect = manager().query_dialect("tiny")
    assert isinstance(dialect, QueryDialect)
    assert dialect.render(And((Term("a"), Term("b")))).text == "A AND B"


def test_hook_realistsynth_register_link_kinds() -> None:
    plugins = manager()
    kind = plugins.link_kind("triggers")
    # the built-in kinds come through the same hook, from the built-in plugin
    assert {"leads-to", "nested-in", "rival-of", "moderates", "triggers"} <= set(plugins.link_kinds)
    review = rs.Review.new("T")
    review.add_cmoc(rs.CMOC("a", statement="A"))
    review.add_cmoc(rs.CMOC("b", statement="B"))
    review.add_theory_version(rs.TheoryVersion("v", "V", cmoc_ids=["a", "b"]))
    with pytest.raises(rs.UnknownReferenceError, match="triggers"):
        review.add_cmoc_link(rs.CMOCLink("l1", "v", "a", "b", "triggers"))
    review.adopt_link_kind(kind)
    review.add_cmoc_link(rs.CMOCLink("l1", "v", "a", "b", "triggers"))
    # the adopted kind keeps its rule (acyclic) and travels with the project file
    with pytest.raises(rs.InvalidValueError, match="cycle"):
        review.add_cmoc_link(rs.CMOCLink("l2", "v", "b", "a", "triggers"))
    again = rs.loads(rs.dumps(review))
    assert again.link_kinds["triggers"] == kind
    assert [link.kind for link in again.cmoc_links.values()] == ["triggers"]


def test_hook_realistsynth_register_confidence_approaches() -> None:
    plugins = manager()
    approach = plugins.confidence_approach("tiny-confidence")
    # the built-in approaches come through the same hook
    assert {"cerqual-cmoc", "explanatory-coherence", "tiny-confidence"} <= set(
        plugins.confidence_approaches
    )
    review = rs.Review.new("T")
    review.add_cmoc(rs.CMOC("a", statement="A"))
    review.add_theory_version(rs.TheoryVersion("v", "V", cmoc_ids=["a"]))
    assessment = rs.ConfidenceAssessment(
        "v", "a", "tiny-confidence", [rs.ComponentJudgement("fit", "good", "fits the data")], "sure"
    )
    with pytest.raises(rs.UnknownReferenceError, match="tiny-confidence"):
        review.assess_confidence(assessment)
    review.adopt_confidence_approach(approach)
    review.assess_confidence(assessment)
    again = rs.loads(rs.dumps(review))
    assert again.confidence_approaches["tiny-confidence"] == approach
    assert again.confidence_of("v", "a") == assessment


def test_hook_realistsynth_register_reporting_standards() -> None:
    from realistsynth.report import assess

    plugins = manager()
    standard = plugins.reporting_standard("tiny-standard")
    assert {"rameses", "rameses-ii", "rameses-quality", "tiny-standard"} <= set(
        plugins.reporting_standards
    )
    review = rs.Review.new("A realist review of tiny things")
    (item,) = assess(review, standard)
    assert item.item.key == "title"
    assert item.suggested  # the data suggest it (the title says realist) ...
    assert item.confirmation is None  # ... but nobody has confirmed it


def test_every_hook_has_a_test() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    missing = [n for n in hook_names() if not re.search(rf"def test_hook_{n}\b", sources)]
    assert missing == []


def test_every_hook_has_a_reference_section_and_the_page_is_current() -> None:
    page = (ROOT / "docs" / "reference" / "hooks.md").read_text(encoding="utf-8")
    assert page == hook_reference(), "run: python -m realistsynth.plugins.hookdoc"
    for name in hook_names():
        assert f"## `{name}`" in page


def test_hookspecs_are_typed_and_documented() -> None:
    import inspect

    from realistsynth import hookspecs

    for name in hook_names():
        function = getattr(hookspecs, name)
        assert "return" in function.__annotations__, name
        doc = inspect.getdoc(function) or ""
        assert ":return:" in doc, name
        assert "versionadded" in doc, name


def test_hookdoc_help_writes_no_file(tmp_path: Path) -> None:
    # `--help` used to be taken as the output path and written as a file named "--help"
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "realistsynth.plugins.hookdoc", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert "hook reference" in run.stdout
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / "hooks.md"
    subprocess.run(
        [sys.executable, "-m", "realistsynth.plugins.hookdoc", str(out)], cwd=tmp_path, check=True
    )
    assert out.read_text(encoding="utf-8").startswith("#")
