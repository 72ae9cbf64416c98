"""The worked example's selection, built from examples/ics-leadership/data (Knight et al. 2024).

Run as a script to redraw the documentation's flow diagram:
``python tests/selection/ics_example.py docs/img/ics-leadership-flow.svg``.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import realistsynth as rs
from realistsynth.builtin.criteria import REALIST_RRR

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "ics-leadership" / "data"
SVG = ROOT / "docs" / "img" / "ics-leadership-flow.svg"

# the paper's stage names in theory.toml -> our stage ids
STAGES = {
    "title_abstract_screening": "title-abstract",
    "full_text_screening": "full-text",
    "relevance_appraisal": "relevance",
}
FAILING = {"relevance": "not relevant", "richness": "thin", "rigour": "not trustworthy"}
PASSING = {"relevance": "relevant", "richness": "conceptually rich", "rigour": "trustworthy"}


def _ris_titles() -> dict[str, tuple[str, int | None]]:
    out: dict[str, tuple[str, int | None]] = {}
    key, title, year = None, None, None
    for line in (DATA / "full-text-records.ris").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
        if not m:
            continue
        tag, value = m.groups()
        if tag == "ID":
            key = value.strip()
        elif tag == "TI":
            title = value.strip()
        elif tag == "PY":
            year = int(value[:4])
        elif tag == "ER" and key:
            out[key] = (title or key, year)
            key, title, year = None, None, None
    return out


def build() -> rs.Review:
    """The worked example's review, as far as selection goes."""
    theory = tomllib.loads((DATA / "theory.toml").read_text(encoding="utf-8"))
    review = rs.Review.new("Integrated care system leadership: a rapid realist review")
    review.add_reviewer(rs.Reviewer("LK", name="Lauren Knight"))
    review.add_reviewer(rs.Reviewer("RG", name="Rafaela Neiva Ganga"))
    review.adopt_criteria_set(REALIST_RRR)
    review.add_stage(
        rs.ScreeningStage(
            "title-abstract", "Title and abstract screening", kind=rs.StageKind.DECLARED
        )
    )
    review.add_stage(
        rs.ScreeningStage("full-text", "Full-text screening", kind=rs.StageKind.DECLARED)
    )
    for cid in ("relevance", "richness", "rigour"):
        review.add_stage(
            rs.ScreeningStage(
                cid,
                f"{cid.capitalize()} appraisal",
                kind=rs.StageKind.GATE,
                gate=rs.GateCriterion("realist-rrr", cid),
            )
        )
    titles = _ris_titles()
    for entry in theory["appraisal"]:
        title, year = titles[entry["record"]]
        review.add_record(
            rs.Record(entry["record"], title=title, issued=rs.PartialDate(year) if year else None)
        )
    for entry in theory["appraisal"]:
        for cid in ("relevance", "richness", "rigour"):
            if cid not in entry:
                continue
            level = PASSING[cid] if entry[cid] == "pass" else FAILING[cid]
            review.add_judgement(
                rs.Judgement(
                    entry["record"], "realist-rrr", cid, level, "LK", rationale="As published."
                )
            )
    for count in theory["declared_count"]:
        review.declare_count(rs.DeclaredCount(STAGES[count["stage"]], "entered", count["count"]))
    return review


def render() -> str:
    """The worked example's flow diagram."""
    from realistsynth.selection.flow import compute_flow
    from realistsynth.selection.flow_svg import render_flow_svg

    return render_flow_svg(
        compute_flow(build()),
        title="Flow of records: Integrated care system leadership, a rapid realist review",
    )


if __name__ == "__main__":
    Path(sys.argv[1] if len(sys.argv) > 1 else SVG).write_text(render(), encoding="utf-8")
