"""The worked example with coding added, for the REFI-QDA and synthesis-workbook tests.

The worked example (examples/ics-leadership, Knight et al. 2024) reports record-level
evidence and informant quotations, not coded passages; :func:`with_coding` codes a few
passages the way a team codes in NVivo. Named without ``test_`` so pytest does not collect it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import attrs

import realistsynth as rs

ROOT = Path(__file__).resolve().parents[2]


def worked_example() -> rs.Review:
    name = "_coding_ics_build_review"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, ROOT / "examples" / "ics-leadership" / "build_review.py"
        )
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    review: rs.Review = sys.modules[name].build()
    return review


def with_coding(review: rs.Review) -> rs.Review:
    """The worked example with passages coded the way a team codes in NVivo: a kept text with
    an emoji before a passage, extracts tied to the refined CMOCs, memos, a statement."""
    links = [e for e in review.evidence.values() if e.target is rs.EvidenceTarget.RECORD][:6]
    reviewer = next(iter(review.reviewers))
    first = links[0].target_id
    text = "Interview notes 😀 — leaders said trust grew when boards met in person.\r\nMore."
    passage = "trust grew when boards met in person."
    source = rs.SourceText(first, text, name="notes.txt")
    review.set_source_text(source)
    start = len(text[: text.index(passage)].encode("utf-16-le")) // 2
    review.add_extract(
        rs.CodedExtract(
            "x-0",
            first,
            passage,
            codes=["C", "O"],
            coder=reviewer,
            span=rs.TextSpan(source.sha256, start, start + len(passage)),
            tags=["Theme/being"],
            memos=[rs.Memo("presence is the resource", author=reviewer, title="Retroduction")],
            statement="If boards meet in person, then trust grows, because ...",
        )
    )
    review.add_evidence(
        rs.EvidenceLink("x-ev-0", links[0].cmoc_id, rs.EvidenceTarget.EXTRACT, "x-0")
    )
    review.add_evidence(
        rs.EvidenceLink(
            "x-ev-0b", links[1].cmoc_id, rs.EvidenceTarget.EXTRACT, "x-0", rs.EvidenceRole.REFUTES
        )
    )
    for n, link in enumerate(links[1:], start=1):
        record = review.records[link.target_id]
        review.add_extract(
            rs.CodedExtract(
                f"x-{n}",
                record.id,
                record.title or record.id,
                codes=["M-Res"] if n % 2 else [],
                location=rs.Location(page=str(n)),
                note="title as a stand-in passage",
            )
        )
        review.add_evidence(
            rs.EvidenceLink(f"x-ev-{n}", link.cmoc_id, rs.EvidenceTarget.EXTRACT, f"x-{n}")
        )
    cmoc = review.cmocs[links[0].cmoc_id]
    review.add_cmoc(attrs.evolve(cmoc, memos=[rs.Memo("check with stakeholders")]), replace=True)
    return review


def without_coding(review: rs.Review) -> rs.Review:
    """The same review before any coding: what a fresh review to import into looks like."""
    doc = review.to_document()
    return rs.Review.from_document(
        attrs.evolve(
            doc,
            extracts=(),
            source_texts=(),
            evidence=tuple(e for e in doc.evidence if e.target is not rs.EvidenceTarget.EXTRACT),
            cmocs=tuple(attrs.evolve(c, memos=()) for c in doc.cmocs),
            # assessments cite the coded evidence: they come after the coding
            confidence_assessments=(),
        )
    )
