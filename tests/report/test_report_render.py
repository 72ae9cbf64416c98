"""The RAMESES report: one section per item, data shown, gaps listed, hostile text escaped."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.report.document import Figure, ReportInputs, Table, build_report
from realistsynth.report.render import render_html, render_markdown


def theory_review() -> rs.Review:
    review = rs.Review.new("A <script>alert(1)</script> realist review & more")
    review.add_record(
        rs.Record(
            "smith2020",
            title="Trust & <b>teams</b>",
            authors=[rs.Name("Smith", "J.")],
            issued=rs.PartialDate(2020),
        )
    )
    review.add_informant(rs.Informant("1", "1"))
    review.add_quotation(rs.Quotation("q1", "we need to be <consistent>", informant_id="1"))
    review.adopt_framework(rs.OrganisingFramework("fw", "FW", [rs.Theme("being", "Being")]))
    review.add_cmoc(
        rs.CMOC(
            "c1",
            context="ICS formation",
            mechanism_resource="clear vision",
            mechanism_reasoning="sense of purpose",
            outcome="focus",
            theme_id="being",
            label="CMOC 1",
        )
    )
    review.add_cmoc(rs.CMOC("r1", statement="Refined statement", theme_id="being", label="R1"))
    review.add_theory_version(
        rs.TheoryVersion(
            "irpt",
            "Initial rough programme theory",
            cmoc_ids=["c1"],
            theme_statements=[rs.ThemeStatement("being", "Leaders communicate.")],
        )
    )
    review.add_theory_version(
        rs.TheoryVersion("rpt", "Refined programme theory", rs.VersionKind.REFINED, ["r1"])
    )
    review.refine(
        rs.Refinement(
            "irpt",
            "rpt",
            [rs.RefinementOutcome("c1", rs.OutcomeKind.SUPPORTED_REFINED, "evidence", ["r1"])],
        )
    )
    review.add_evidence(rs.EvidenceLink("e1", "c1", rs.EvidenceTarget.QUOTATION, "q1"))
    review.add_evidence(rs.EvidenceLink("e2", "r1", rs.EvidenceTarget.RECORD, "smith2020"))
    return review


def test_html_escapes_every_piece_of_data() -> None:
    page = render_html(build_report(theory_review()))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;consistent&gt;" in page
    assert "<b>teams</b>" not in page


def test_sections_follow_the_nineteen_items_and_show_the_theory() -> None:
    report = build_report(theory_review())
    assert [s.assessment.item.number for s in report.sections] == [str(n) for n in range(1, 20)]
    findings = next(s for s in report.sections if s.assessment.item.key == "findings")
    tables = [b for b in findings.blocks if isinstance(b, Table)]
    initial = tables[0]
    assert initial.rows[0][0] == "CMOC 1"
    assert "clear vision (M-Res)" in initial.rows[0][2]
    assert "“we need to be <consistent>” [1]" in initial.rows[0][4]
    refined = next(t for t in tables if t.caption == "CMOCs of Refined programme theory")
    assert refined.rows[0][3] == "Smith, 2020"
    analysis = next(s for s in report.sections if s.assessment.item.key == "analysis")
    lineage = next(b for b in analysis.blocks if isinstance(b, Table))
    assert lineage.rows == (("CMOC 1", "revised", "R1", "evidence"),)


def test_inputs_from_other_capabilities_are_placed_in_their_items() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>flow</text></svg>'
    report = build_report(theory_review(), ReportInputs(flow_svg=svg, references=("Ref A.",)))
    flow = next(s for s in report.sections if s.assessment.item.key == "flow")
    assert isinstance(flow.blocks[0], Figure)
    assert report.sections[-1].assessment.item.key == "references"
    page = render_html(report)
    assert svg in page  # the figure is inline, so the file stays self-contained
    assert "Ref A." in render_markdown(report)


def test_markdown_tables_escape_pipes() -> None:
    review = theory_review()
    review.update_meta(question="Which | what?")
    text = render_markdown(build_report(review))
    assert "*Which \\| what?*" in text
    assert "| 12 | Document flow diagram |" in text


def test_report_command_writes_html_and_markdown(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    rs.save(theory_review(), path)
    for name in ("report.html", "report.md"):
        result = CliRunner().invoke(cli, ["report", str(path), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # Markdown renderers pass raw HTML through, so the title's tag is escaped there too
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# A &lt;script>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "report.html", "report.md"]


def test_report_and_flow_exporter_include_the_flow_of_records() -> None:
    import io

    review = theory_review()
    review.add_stage(rs.ScreeningStage("ta", "Title and abstract", rs.StageKind.DECLARED))
    review.declare_count(rs.DeclaredCount("ta", "entered", 120))
    review.declare_count(rs.DeclaredCount("ta", "included", 20))
    manager = rs.get_plugin_manager(load_entry_points=False)
    out = io.BytesIO()
    manager.exporter("flow-svg").export(review, out, {})
    svg = out.getvalue().decode()
    assert svg.startswith(("<svg", "<?xml"))
    assert "120" in svg
    page = io.BytesIO()
    manager.exporter("rameses-html").export(review, page, {})
    html = page.getvalue().decode()
    assert "<figure><svg" in html or "<figure><?xml" in html
    assert "Counts at each stage" in html


def test_report_includes_the_search_appendix_and_its_checks() -> None:
    from realistsynth.report.inputs import gather_inputs

    review = theory_review()
    review.set_strategy(rs.SearchStrategy(query="leader* AND system* OR care"))
    review.add_source(rs.Source("cinahl", "CINAHL"))
    report = build_report(review, gather_inputs(review))
    searching = next(s for s in report.sections if s.assessment.item.key == "searching")
    table = next(b for b in searching.blocks if isinstance(b, Table))
    assert ("Search terms", "leader* AND system* OR care", "") in table.rows
    text = render_markdown(report)
    assert "never run" in text or "no search run" in text.lower()


def test_two_works_by_the_same_authors_in_one_year_get_distinct_labels() -> None:
    review = theory_review()
    review.add_record(
        rs.Record(
            "smith2020b",
            title="Another study",
            authors=[rs.Name("Smith", "J.")],
            issued=rs.PartialDate(2020),
        )
    )
    review.add_evidence(rs.EvidenceLink("e3", "r1", rs.EvidenceTarget.RECORD, "smith2020b"))
    findings = next(s for s in build_report(review).sections if s.assessment.item.key == "findings")
    refined = next(
        b
        for b in findings.blocks
        if isinstance(b, Table) and b.caption == "CMOCs of Refined programme theory"
    )
    assert refined.rows[0][3] == "Smith, 2020a; Smith, 2020b"


def test_flow_exporter_takes_duplicates_as_given_on_the_command_line() -> None:
    import io

    import pytest

    review = theory_review()
    review.add_stage(rs.ScreeningStage("ta", "Title and abstract", rs.StageKind.DECLARED))
    review.declare_count(rs.DeclaredCount("ta", "entered", 120))
    exporter = rs.get_plugin_manager(load_entry_points=False).exporter("flow-svg")
    for value in (37, "37"):  # `realistsynth export --option duplicates=37` passes text
        out = io.BytesIO()
        exporter.export(review, out, {"duplicates": value})
        assert "Duplicate records (n = 37)" in out.getvalue().decode()
    for bad in ("many", -1, True):
        with pytest.raises(rs.ExportError, match="'duplicates' must be a whole number"):
            exporter.export(review, io.BytesIO(), {"duplicates": bad})


def test_markdown_report_keeps_query_asterisks_and_brackets_literal() -> None:
    # unescaped, "leader* AND system*" renders as "leader<em> AND system</em>" and "[1]" as a
    # link reference: every Markdown inline marker in review data is backslash-escaped
    from realistsynth.report.inputs import gather_inputs

    review = theory_review()
    review.set_strategy(rs.SearchStrategy(query="leader* AND system_x OR `care` [mh]"))
    text = render_markdown(build_report(review, gather_inputs(review)))
    assert "leader\\* AND system\\_x OR \\`care\\` \\[mh\\]" in text
    assert "leader* AND" not in text
