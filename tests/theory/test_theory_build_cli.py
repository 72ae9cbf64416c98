"""``theory link|add-theory|consult``: links between CMOCs, middle-range theories and
consultations added from the shell are what the Python API adds, and the model's refusals
(a cycle without a feedback-loop mark, names without consent, more informants than
participants) leave the project file unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run

import realistsynth as rs

# the worked example as a project file: the fixtures saved and project
pytest_plugins = ["theory.theory_project"]


def refused(project: Path, *args: str) -> str:
    before = project.read_bytes()
    code, out = run(*args)
    assert code == 1, out
    assert project.read_bytes() == before
    return out


def test_link_adds_what_the_api_adds(project: Path) -> None:
    review = rs.load(project)
    extract = next(iter(review.extracts))
    code, out = run(
        "theory", "link", str(project), "refined-5", "refined-6", "--kind", "leads-to",
        "--version", "ipt", "--rationale", "targeting feeds accountability",
        "--evidence", "extract", extract, "--evidence-role", "refines", "--interpreted", "--json",
    )  # fmt: skip
    assert code == 0, out
    data = json.loads(out)
    assert data["id"] == "refined-5-leads-to-refined-6"
    review.add_cmoc_link(
        rs.CMOCLink(
            "refined-5-leads-to-refined-6",
            "ipt",
            "refined-5",
            "refined-6",
            "leads-to",
            rationale="targeting feeds accountability",
            evidence=[rs.LinkEvidence(rs.EvidenceTarget.EXTRACT, extract, rs.EvidenceRole.REFINES)],
            interpreted=True,
        )
    )
    assert rs.load(project) == review


def test_a_cycle_needs_a_feedback_loop_mark_and_a_needless_mark_is_linted(
    project: Path,
) -> None:
    review = rs.load(project)
    chain = [(x.source, x.target) for x in review.links_of("ipt") if x.kind == "leads-to"]
    assert ("refined-1", "refined-2") in chain
    assert ("refined-2", "refined-6") in chain
    base = ["theory", "link", str(project), "refined-6", "refined-1", "--kind", "leads-to"]
    base += ["--version", "ipt", "--rationale", "outcomes renew the vision"]
    out = refused(project, *base)
    assert "cycle" in out
    code, out = run(*base, "--feedback-loop")
    assert code == 0, out
    # a mark on a link that closes nothing
    code, out = run(
        "theory", "link", str(project), "refined-4", "refined-5", "--kind", "leads-to",
        "--version", "ipt", "--rationale", "x", "--feedback-loop",
    )  # fmt: skip
    assert code == 0, out
    code, out = run("theory", "lint", str(project), "--json")
    found = {(f["code"], f["where"]) for f in json.loads(out)["findings"]}
    assert ("feedback-loop-closes-nothing", "cmoc_links/refined-4-leads-to-refined-5") in found
    assert ("feedback-loop-closes-nothing", "cmoc_links/refined-6-leads-to-refined-1") not in found


def test_link_refusals(project: Path) -> None:
    args = ["theory", "link", str(project), "refined-1"]
    assert "initial-1" in refused(
        project, *args, "initial-1", "--kind", "leads-to", "--version", "ipt"
    )
    assert "nope" in refused(project, *args, "refined-3", "--kind", "nope", "--version", "ipt")
    assert "itself" in refused(
        project, *args, "refined-1", "--kind", "moderates", "--version", "ipt"
    )


def test_add_theory_adds_what_the_api_adds(project: Path) -> None:
    review = rs.load(project)
    record = next(iter(review.included()))
    code, out = run(
        "theory", "add-theory", str(project), "realist-trust", "--name", "Trust in networks",
        "--record", record, "--use", "cmoc", "refined-3", "tested-against",
        "--use", "theme", "delivering", "used-to-interpret", "--json",
    )  # fmt: skip
    assert code == 0, out
    assert json.loads(out)["uses"] == [
        {"target": "refined-3", "role": "tested-against"},
        {"target": "delivering", "role": "used-to-interpret"},
    ]
    review.add_middle_range_theory(
        rs.MiddleRangeTheory(
            "realist-trust",
            "Trust in networks",
            record_id=record,
            uses=[
                rs.TheoryUse(rs.TheoryRole.TESTED_AGAINST, cmoc_id="refined-3"),
                rs.TheoryUse(rs.TheoryRole.INTERPRETED, theme_id="delivering"),
            ],
        )
    )
    assert rs.load(project) == review
    out = refused(
        project, "theory", "add-theory", str(project), "t2", "--name", "T",
        "--use", "cmoc", "no-such-cmoc", "tested-against",
    )  # fmt: skip
    assert "no-such-cmoc" in out


def test_consult_adds_what_the_api_adds_and_keeps_people_anonymous(project: Path) -> None:
    review = rs.load(project)
    informants = sorted(review.informants)[:2]
    args = ["theory", "consult", str(project), "panel", "--kind", "reference-group"]
    args += ["--title", "Local reference group", "--date", "2023-05"]
    args += ["--participants", "ICS senior leader=2", "--participants", "patient representative"]
    args += ["--version-shown", "irpt", "--contributed-to", "ipt", "--feedback", "add equity"]
    for i in informants:
        args += ["--informant", i]
    code, out = run(*args, "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["participants"] == [
        {"role": "ICS senior leader", "count": 2},
        {"role": "patient representative", "count": None},
    ]
    review.add_consultation(
        rs.Consultation(
            "panel",
            rs.ConsultationKind.REFERENCE_GROUP,
            "Local reference group",
            date=rs.PartialDate(2023, 5),
            participants=[
                rs.ParticipantGroup("ICS senior leader", 2),
                rs.ParticipantGroup("patient representative"),
            ],
            informant_ids=informants,
            version_shown="irpt",
            feedback="add equity",
            contributed_to="ipt",
        )
    )
    assert rs.load(project) == review
    base = ["theory", "consult", str(project), "c2", "--kind", "workshop", "--title", "W"]
    assert "name" in refused(project, *base, "--participants", "lead=1", "--name", "Jo Bloggs")
    assert "informant" in refused(
        project, *base, "--participants", "lead=1",
        *[x for i in sorted(review.informants) for x in ("--informant", i)],
    )  # fmt: skip
    assert "--date" in refused(project, *base, "--date", "May 2023")
    assert "count" in refused(project, *base, "--participants", "lead=two")
