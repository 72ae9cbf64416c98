"""The worked example as a graph: its links (each marked as our reading), the theories it
draws on, its consultations (the declared five interviews, three informants quoted), and the
diagrams, report sections and workbook sheet they appear in."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.cli import cli

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ics-graph")
    result = CliRunner().invoke(cli, ["example", "ics-leadership", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def review(out: Path) -> rs.Review:
    return rs.load(out / "review.json")


def _node_ids(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return [g.get("data-id") or "" for g in root.iter(f"{SVG}g") if g.get("class") == "node"]


def test_theory_svg_is_the_refined_theory_and_lineage_svg_every_cmoc(
    out: Path, review: rs.Review
) -> None:
    refined = review.theory_versions["ipt"].cmoc_ids
    theory = [n for n in _node_ids(out / "theory.svg") if not n.startswith("theory:")]
    assert sorted(theory) == sorted(refined)
    lineage = _node_ids(out / "lineage.svg")
    assert sorted(lineage) == sorted(review.theory_versions["irpt"].cmoc_ids + refined)
    assert len(lineage) == 15


def test_every_link_is_marked_as_our_reading(review: rs.Review) -> None:
    links = review.links_of("ipt")
    assert links
    assert all(link.interpreted and link.rationale for link in links)
    assert review.links_of("irpt") == ()


def test_consultations_count_the_declared_interviews_without_inventing_people(
    review: rs.Review,
) -> None:
    interviews = review.consultations["key-informant-interviews"]
    assert interviews.participant_count == 5  # "five semi-structured interviews"
    assert len(interviews.informant_ids) == len(review.informants) == 3  # quoted ones only
    assert interviews.participant_names == ()
    assert interviews.contributed_to == "irpt"
    engagement = review.consultations["stakeholder-engagement"]
    assert engagement.participant_count is None  # the paper gives no number
    assert engagement.contributed_to == "ipt"


def test_theories_the_paper_draws_on(review: rs.Review) -> None:
    roles = {t.id: {u.role for u in t.uses} for t in review.middle_range_theories.values()}
    assert roles == {
        "systems-leadership": {rs.TheoryRole.INTERPRETED},
        "doing-things-differently": {rs.TheoryRole.FRAMED},
    }


def test_report_embeds_both_diagrams_and_shows_consultations(out: Path) -> None:
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 3  # flow, final theory, lineage
    assert "Refinement of the programme theory" in html
    assert "Consultations that informed the initial theory" in html
    assert "ICS senior leader (n = 5)" in html
    assert "Consultations that tested or refined the theory" in html
    assert "stakeholders of one ICS (n = not reported)" in html
    # the consultation tables stand in the scoping (7) and analysis (11) items
    scoping = html.index("Consultations that informed the initial theory")
    analysis = html.index("Consultations that tested or refined the theory")
    headings = [(m.start(), m.group(1)) for m in re.finditer(r"<h[23][^>]*>(.*?)</h[23]>", html)]
    assert "Scoping" in [h for pos, h in headings if pos < scoping][-1]
    assert "Analysis" in [h for pos, h in headings if pos < analysis][-1]


def test_workbook_links_sheet(out: Path, review: rs.Review) -> None:
    workbook = load_workbook(out / "review.xlsx", read_only=True)
    rows = [tuple(r) for r in workbook["Links"].iter_rows(values_only=True)]
    assert rows[0][:4] == ("Version", "From CMOC", "Link", "To CMOC")
    body = [r for r in rows[1:] if r[0]]
    assert len(body) == len(review.links_of("ipt"))
    assert {(r[1], r[2], r[3]) for r in body} == {
        ("CMOC 1", "leads to", "CMOC 2"),
        ("CMOC 2", "leads to", "CMOC 6"),
        ("CMOC 3", "moderates", "CMOC 2"),
    }
    assert all(r[4] == "yes" for r in body)


def test_theory_show_lists_links(out: Path) -> None:
    result = CliRunner().invoke(cli, ["theory", "show", str(out / "review.json"), "--json"])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    links = {v["id"]: v["links"] for v in data["versions"]}
    assert [(x["from"], x["kind"], x["to"]) for x in links["ipt"]] == [
        ("refined-1", "leads-to", "refined-2"),
        ("refined-2", "leads-to", "refined-6"),
        ("refined-3", "moderates", "refined-2"),
    ]
    text = CliRunner().invoke(cli, ["theory", "show", str(out / "review.json")]).output
    assert "refined-3 moderates refined-2 (interpreted)" in text
