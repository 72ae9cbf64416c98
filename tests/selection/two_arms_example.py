"""The two-arm review drawn in the docs (docs/img/two-arms-flow.svg): a database search, a
website, and two seeds chased both ways through the local stand-in for OpenAlex.

Redraw the SVG with ``python tests/selection/two_arms_example.py``; the PNG beside it is its
screenshot in headless Chromium (see the brief's command), taken after redrawing.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "search")]

from pytest_httpserver import HTTPServer  # noqa: E402
from search.chase_server import FakeServices  # noqa: E402

import realistsynth as rs  # noqa: E402
from realistsynth.search.chase import chase_citations  # noqa: E402
from realistsynth.search.http import PoliteClient  # noqa: E402
from realistsynth.selection import default_stages  # noqa: E402
from realistsynth.selection.flow import compute_flow  # noqa: E402
from realistsynth.selection.flow_svg import render_flow_svg  # noqa: E402

SVG = ROOT / "docs" / "img" / "two-arms-flow.svg"


def build() -> rs.Review:
    """The review, chased through a server on 127.0.0.1 that stops again."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        fake = FakeServices(server)
        review = rs.Review.new("ICS leadership")
        review.add_reviewer(rs.Reviewer("LK"))
        review.add_source(rs.Source("cinahl", "CINAHL"))
        review.add_source(rs.Source("medline", "MEDLINE"))
        review.add_source(rs.Source("kingsfund", "The King's Fund", kind=rs.SourceKind.WEBSITE))
        db = rs.Provenance(source_id="cinahl")
        review.add_records(
            [
                rs.Record(
                    "knight2024", title="ICS leadership", doi="10.1000/seed-a", provenance=[db]
                ),
                rs.Record(
                    "berg2021",
                    title="Boundary spanning",
                    pmid="2000",
                    provenance=[db, rs.Provenance(source_id="medline")],
                ),
                rs.Record(
                    "here2017",
                    title="Leading across boundaries",
                    doi="10.1000/already-here",
                    provenance=[db],
                ),
                rs.Record(
                    "kf2022",
                    title="Leading together",
                    provenance=[rs.Provenance(source_id="kingsfund")],
                ),
                rs.Record("policy1", title="NHS Long Term Plan", type="report"),
            ]
        )
        review.add_theory_document(rs.TheoryDocument("policy1"))
        for stage in default_stages(1):
            review.add_stage(stage)
        for rid in ("knight2024", "berg2021", "here2017"):
            review.record_decision(rs.Decision("title-abstract", rid, "LK", rs.Verdict.INCLUDE))
        client = PoliteClient(fake.url, sleep=lambda seconds: None)
        chase_citations(review, ["knight2024", "berg2021"], direction="both", client=client)
    finally:
        server.stop()
    for rid in ("knight2024", "berg2021"):
        review.record_decision(rs.Decision("full-text", rid, "LK", rs.Verdict.INCLUDE))
    review.record_decision(rs.Decision("full-text", "here2017", "LK", rs.Verdict.EXCLUDE))
    others = [r for r in review.records_at("full-text") if review.arm_of(r) is rs.Arm.OTHER_METHODS]
    for i, rid in enumerate(others):
        verdict = rs.Verdict.INCLUDE if i % 2 else rs.Verdict.EXCLUDE
        review.record_decision(rs.Decision("full-text", rid, "LK", verdict))
    return review


def render() -> str:
    """The docs figure's SVG text."""
    return render_flow_svg(compute_flow(build()))


if __name__ == "__main__":
    SVG.write_text(render(), encoding="utf-8")
    print(f"wrote {SVG}")
