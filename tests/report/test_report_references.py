"""The report's reference list holds every work the report cites: the included documents, the
theory-gleaning documents, works cited by ``[@key]`` in report notes (written as in-text
citations), and the works behind the methods the review adopted."""

from __future__ import annotations

import pytest

import realistsynth as rs
from realistsynth.examples import build_example
from realistsynth.report.document import build_report
from realistsynth.report.inputs import gather_inputs


@pytest.fixture(scope="module")
def example_report() -> tuple[rs.Review, tuple[str, ...], str]:
    review = build_example("ics-leadership")
    inputs = gather_inputs(review, style="emerald-harvard")
    report = build_report(review, inputs)
    text = "\n".join(
        getattr(block, "text", "")
        for section in report.sections
        for block in section.blocks
        if hasattr(block, "text")
    )
    return review, inputs.references, text


def test_the_reference_list_holds_every_cited_work(
    example_report: tuple[rs.Review, tuple[str, ...], str],
) -> None:
    review, references, _ = example_report
    listed = "\n".join(references)
    # the 18 included documents
    for rid in review.included():
        title = review.records[rid].title
        assert title is not None
        assert title.split(":")[0][:30] in listed, rid
    # the 11 policy and guidance documents the initial theory was gleaned from
    policy = [
        d.record_id
        for d in review.theory_documents.values()
        if d.kind in (rs.TheoryDocumentKind.POLICY, rs.TheoryDocumentKind.GUIDANCE)
    ]
    assert len(policy) == 11
    assert "Integration and Innovation: Working Together" in listed
    # narrative citations: Booth et al. 2018 (a report note), Dalkin et al. 2015 (the C /
    # M-Res / M-Rea / O heuristic the review adopted), Dada et al. 2023 (the appraisal criteria)
    assert "Booth, A., Wright, J. and Briscoe, S. (2018)" in listed
    assert (
        "Dalkin, S.M., Greenhalgh, J., Jones, D., Cunningham, B. and Lhussier, M. (2015)" in listed
    )
    assert "Dada, S., Dalkin, S., Gilmore, B., Hunter, R. and Mukumbang, F.C. (2023)" in listed
    # and the organising framework's source (NHS North West Leadership Academy 2021)
    assert "NHS North West Leadership Academy (2021)" in listed
    assert len(references) == 18 + 11 + 1 + 3
    # excluded documents are not cited
    excluded = set(review.candidates()) - set(review.included())
    assert excluded
    for rid in excluded:
        assert (review.records[rid].title or "")[:40] not in listed, rid


def test_methods_works_take_their_alphabetical_place(
    example_report: tuple[rs.Review, tuple[str, ...], str],
) -> None:
    _, references, _ = example_report
    firsts = [r.split(",")[0] for r in references]
    assert firsts.index("Dada") < firsts.index("Dalkin") < firsts.index("Embuldeniya")
    assert firsts.index("Bell") < firsts.index("Booth") < firsts.index("Chang")


def test_citation_markers_in_notes_are_written_as_citations(
    example_report: tuple[rs.Review, tuple[str, ...], str],
) -> None:
    _, _, text = example_report
    assert "Mechanisms, and Outcomes (Booth et al., 2018)." in text
    assert "[@" not in text
