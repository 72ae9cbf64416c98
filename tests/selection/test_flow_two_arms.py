"""PRISMA 2020's two arms: the flow's counts, the SVG, and the PRISMA2020 R package's CSV."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from selection import ics_example

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.selection import default_stages
from realistsynth.selection.flow import compute_flow, flow_as_dict
from realistsynth.selection.flow_svg import render_flow_svg
from realistsynth.selection.prisma2020 import CSV_COLUMNS, prisma2020_csv, prisma2020_figures

#: the ``data`` keys of the PRISMA2020 package's template, in its order (NA rows as None)
TEMPLATE_KEYS = [
    None, "previous_studies", "previous_reports", None, "database_results", "register_results",
    None, "website_results", "organisation_results", "citations_results", "duplicates",
    "excluded_automatic", "excluded_other", "records_screened", "records_excluded",
    "dbr_sought_reports", "dbr_notretrieved_reports", "other_sought_reports",
    "other_notretrieved_reports", "dbr_assessed", "dbr_excluded", "other_assessed",
    "other_excluded", "new_studies", "new_reports", "total_studies", "total_reports",
    None, None, None,
]  # fmt: skip


def _two_arms() -> rs.Review:
    review = rs.Review.new("Two arms")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_source(rs.Source("cinahl", "CINAHL"))
    review.add_source(rs.Source("web", "King's Fund", kind=rs.SourceKind.WEBSITE))
    review.add_source(rs.Source("chase", "Citation searching", kind=rs.SourceKind.CITATION_CHASING))
    review.add_source(rs.Source("experts", "Reference group", kind=rs.SourceKind.EXPERT_SUGGESTION))
    db, web, chase, expert = (
        rs.Provenance(source_id=s) for s in ("cinahl", "web", "chase", "experts")
    )
    review.add_records(
        [
            rs.Record("d1", provenance=[db]),
            rs.Record("d2", provenance=[db, chase]),  # found both ways: databases arm
            rs.Record("d3", provenance=[db]),
            rs.Record("w1", provenance=[web]),
            rs.Record("c1", provenance=[chase]),
            rs.Record("c2", provenance=[chase, chase]),  # chased from two seeds
            rs.Record("e1", provenance=[expert]),
            rs.Record("policy", type="report"),
        ]
    )
    review.add_theory_document(rs.TheoryDocument("policy"))
    review.add_informant(rs.Informant("i1", "[1]"))
    for stage in default_stages(1):
        review.add_stage(stage)
    criteria = rs.CriteriaSet(
        "realist",
        "Realist",
        [rs.Criterion("rel", "Relevance", "Relevant?", ["yes", "no"], ["yes"])],
    )
    review.adopt_criteria_set(criteria)
    review.add_stage(
        rs.ScreeningStage(
            "relevance",
            "Relevance",
            kind=rs.StageKind.GATE,
            gate=rs.GateCriterion("realist", "rel"),
        )
    )
    verdicts = {"d1": "include", "d2": "include", "d3": "exclude"}
    for rid, verdict in verdicts.items():
        review.record_decision(rs.Decision("title-abstract", rid, "LK", rs.Verdict(verdict)))
    full_text = {"d1": "include", "d2": "exclude", "w1": "include", "c1": "include",
                 "c2": "exclude", "e1": "exclude"}  # fmt: skip
    for rid, verdict in full_text.items():
        reason = "not-retrieved" if rid == "e1" else None
        review.record_decision(
            rs.Decision("full-text", rid, "LK", rs.Verdict(verdict), reason=reason)
        )
    for rid, level in {"d1": "yes", "w1": "yes", "c1": "no"}.items():
        review.add_judgement(rs.Judgement(rid, "realist", "rel", level, "LK"))
    return review


def test_the_arms_are_counted_apart_and_meet_at_the_gate() -> None:
    flow = compute_flow(_two_arms())
    assert [(s.source_id, s.count) for s in flow.sources] == [("cinahl", 3)]
    assert flow.identified == 3
    assert flow.duplicates == 0
    ft = flow.stage("full-text")
    assert (ft.entered, ft.included, ft.excluded) == (2, 1, 1)  # d1, d2 only
    other = flow.other_methods
    assert other is not None
    assert [(s.source_id, s.count) for s in other.sources] == [
        ("web", 1),
        ("chase", 3),
        ("experts", 1),
    ]
    assert (other.identified, other.in_databases, other.sought) == (5, 1, 4)
    [oft] = other.stages
    assert (oft.entered, oft.not_retrieved, oft.excluded, oft.included) == (4, 1, 1, 2)
    gate = flow.stage("relevance")
    assert (gate.entered, gate.included, gate.excluded) == (3, 2, 1)  # both arms
    assert [(g.entered, g.excluded) for g in other.gates] == [(2, 1)]
    assert flow.included == 2
    assert flow.theory_gleaning.documents == (("policy", 1),)
    assert flow.theory_gleaning.informants == 1
    assert flow.findings == ()


def test_the_prisma2020_csv_has_the_template_shape_and_adds_up() -> None:
    flow = compute_flow(_two_arms())
    rows = list(csv.reader(io.StringIO(prisma2020_csv(flow))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [None if r[0] == "NA" else r[0] for r in rows[1:]] == TEMPLATE_KEYS
    n = {r[0]: r[7] for r in rows[1:] if r[0] != "NA"}
    assert (n["database_results"], n["website_results"], n["organisation_results"]) == (
        "3",
        "1",
        "1",
    )
    assert n["citations_results"] == "3"
    assert (n["records_screened"], n["records_excluded"], n["dbr_sought_reports"]) == (
        "3",
        "1",
        "2",
    )
    assert (n["other_sought_reports"], n["other_notretrieved_reports"]) == ("4", "1")
    assert n["other_assessed"] == "3"

    def excluded(text: str) -> int:
        # as PRISMA_data reads it: split at "; ", the number after the last comma
        return sum(int(part.rsplit(",", 1)[1]) for part in text.split("; ") if part)

    assert int(n["dbr_assessed"]) - excluded(n["dbr_excluded"]) == 1  # d1
    assert int(n["other_assessed"]) - excluded(n["other_excluded"]) == 1  # w1
    assert "Excluded on relevance (realist appraisal), 1" in n["other_excluded"]
    assert n["total_studies"] == "2"
    # the tooltips sit where the package looks for them by position
    assert sum(1 for r in rows[1:] if r[5] != "NA") == 22


def test_the_worked_example_csv_reproduces_the_published_counts() -> None:
    figures = prisma2020_figures(compute_flow(ics_example.build()))
    assert (figures["records_screened"], figures["records_excluded"]) == (5716, 5617)
    assert (figures["dbr_sought_reports"], figures["dbr_assessed"]) == (99, 99)
    text = str(figures["dbr_excluded"])
    assert "Excluded on relevance (realist appraisal), 1" in text
    assert "Excluded on richness (realist appraisal), 3" in text
    assert figures["new_studies"] == 18
    assert figures["other_sought_reports"] == 0


def test_the_svg_draws_both_arms_like_the_template() -> None:
    svg = render_flow_svg(compute_flow(_two_arms()))
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Identification of new studies via databases and registers" in texts
    assert "Identification of new studies via other methods" in texts
    assert "Records identified (n = 5)" in texts
    assert "Reports sought for retrieval (n = 4)" in texts
    assert "Reports not retrieved (n = 1)" in texts
    assert "Reports assessed for eligibility (n = 3)" in texts
    assert "of which also found via databases (n = 1)" in texts
    assert "Key informants (n = 1)" in texts
    assert len(list(root.iter("{http://www.w3.org/2000/svg}polyline"))) == 1  # the arms meet
    assert svg == render_flow_svg(compute_flow(_two_arms()))  # deterministic


def test_flow_cli_writes_the_csv_and_json_carries_the_same_figures(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    rs.save(_two_arms(), path)
    out = tmp_path / "prisma.csv"
    result = CliRunner().invoke(
        cli, ["flow", str(path), "--prisma2020-csv", str(out), "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = {r["data"]: r["n"] for r in csv.DictReader(out.open()) if r["data"] != "NA"}
    assert {k: str(v) for k, v in data["prisma2020"].items()} == rows
    assert data["other_methods"]["sought"] == 4
    text = CliRunner().invoke(cli, ["flow", str(path)], catch_exceptions=False).output
    assert "Other methods: 5 identified" in text
    assert "Theory gleaning: 1 documents (policy 1), 1 key informants" in text


@pytest.mark.parametrize("review", [ics_example.build(), _two_arms()])
def test_flow_as_dict_is_json(review: rs.Review) -> None:
    assert json.loads(json.dumps(flow_as_dict(compute_flow(review))))


def test_the_worked_example_counts_its_theory_gleaning() -> None:
    review = ics_example.build()
    policy = review.sources["policy-guidance"]
    assert policy.kind is rs.SourceKind.THEORY_GLEANING
    gleaned = [r for r in review.records.values() if r.id in review.theory_documents]
    policies = [r for r in gleaned if r.provenance[0].source_id == "policy-guidance"]
    assert len(policies) == 11
    flow = compute_flow(review)
    # the methods reference the narrative cites (Booth et al. 2018) gleans no theory
    assert flow.theory_gleaning.documents == (("guidance", 4), ("policy", 7))
    assert flow.theory_gleaning.informants == 3
    assert flow.theory_gleaning.declared_documents == 13
    assert flow.theory_gleaning.declared_informants == 5
    assert flow.identified is None  # the gleaning counts are not studies identified
    assert flow.findings == ()
    texts = [
        t.text
        for t in ET.fromstring(render_flow_svg(flow)).iter("{http://www.w3.org/2000/svg}text")
    ]
    assert "Documents reported in all (n = 13)" in texts
    assert "Key informants (n = 5; 3 quoted)" in texts
    from realistsynth.report.inputs import gather_inputs

    table = gather_inputs(review).flow_table
    assert table is not None
    assert (
        "Theory gleaning (not screened): 13 documents, 5 key informants",
        "-",
        "-",
        "-",
    ) in table.rows


def test_the_docs_two_arms_figure_is_current() -> None:
    from selection import two_arms_example

    assert two_arms_example.SVG.read_text(encoding="utf-8") == two_arms_example.render(), (
        "redraw it: python tests/selection/two_arms_example.py"
    )
