"""The RAMESES checklist: the 19 items of Wong et al. (2013) and what review data covers."""

from __future__ import annotations

import realistsynth as rs
from realistsynth.report import RAMESES_ITEMS, assess
from realistsynth.report.rameses import Coverage


def test_nineteen_items_in_the_published_order_and_sections() -> None:
    # Wong et al. 2013, BMC Medicine 11:21, Table 1
    assert [i.number for i in RAMESES_ITEMS] == [str(n) for n in range(1, 20)]
    sections = [i.section for i in RAMESES_ITEMS]
    assert sections[:2] == ["Title", "Abstract"]
    assert sections[2:4] == ["Introduction"] * 2
    assert sections[4:11] == ["Methods"] * 7
    assert sections[11:14] == ["Results"] * 3
    assert sections[14:18] == ["Discussion"] * 4
    assert sections[18] == "Funding"
    assert RAMESES_ITEMS[11].title == "Document flow diagram"
    assert RAMESES_ITEMS[7].title == "Searching processes"


def test_an_empty_review_is_a_checklist_of_gaps() -> None:
    review = rs.Review.new("Leadership in care")
    result = {a.item.key: a for a in assess(review)}
    assert result["title"].coverage is Coverage.MISSING
    assert result["searching"].coverage is Coverage.MISSING
    assert "no search query recorded" in result["searching"].missing
    assert all(a.coverage is Coverage.MISSING for a in result.values())


def test_data_and_notes_fill_the_checklist() -> None:
    review = rs.Review.new("Integrated care system leadership: a rapid realist review")
    review.update_meta(question="How does it work?", funding="Unfunded.")
    review.set_strategy(
        rs.SearchStrategy(
            window=rs.DateWindow(),
            query="leader*",
        )
    )
    review.add_source(rs.Source("cinahl", "CINAHL"))
    review.set_report_note("rationale", "ICSs are new and leadership is under-studied.")
    result = {a.item.key: a for a in assess(review)}
    assert result["title"].coverage is Coverage.PROVIDED
    # item 8 also asks how the search iterated and whether experts were contacted
    assert result["searching"].coverage is Coverage.PARTLY
    assert "no consultation or key informant recorded" in result["searching"].missing
    assert "no iterative or purposive search recorded" in result["searching"].missing
    assert result["funding"].coverage is Coverage.PROVIDED
    assert result["rationale"].coverage is Coverage.PROVIDED
    assert result["objectives"].coverage is Coverage.PARTLY
    assert result["strengths-limitations"].coverage is Coverage.MISSING
