"""Properties of lineage and diffs over randomly refined theories of several versions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.synthesis import ChangeKind, ancestors, descendants, diff_versions

K = rs.OutcomeKind
FATES = st.sampled_from(["unchanged", "refined", "merge", "split", "drop"])


@st.composite
def refined_reviews(draw: st.DrawFn) -> rs.Review:
    """A review of 2-4 versions, each refined from the previous with random outcomes."""
    review = rs.Review.new("Random theory")
    counter = iter(range(10_000))

    def new_cmoc() -> str:
        cid = f"c{next(counter)}"
        review.add_cmoc(rs.CMOC(cid, statement=f"statement {cid}"))
        return cid

    current = [new_cmoc() for _ in range(draw(st.integers(1, 5)))]
    review.add_theory_version(rs.TheoryVersion("v0", "v0", cmoc_ids=current))
    for step in range(1, draw(st.integers(2, 4))):
        nxt: list[str] = []
        outcomes = []
        merge_target: str | None = None
        for cid in current:
            fate = draw(FATES)
            if fate == "unchanged":
                nxt.append(cid)
                outcomes.append(rs.RefinementOutcome(cid, K.SUPPORTED_UNCHANGED, "r", [cid]))
            elif fate == "refined":
                t = new_cmoc()
                nxt.append(t)
                outcomes.append(rs.RefinementOutcome(cid, K.SUPPORTED_REFINED, "r", [t]))
            elif fate == "merge":
                if merge_target is None:
                    merge_target = new_cmoc()
                    nxt.append(merge_target)
                outcomes.append(rs.RefinementOutcome(cid, K.MERGED_INTO, "r", [merge_target]))
            elif fate == "split":
                ts = [new_cmoc(), new_cmoc()]
                nxt += ts
                outcomes.append(rs.RefinementOutcome(cid, K.SPLIT_INTO, "r", ts))
            else:
                outcomes.append(rs.RefinementOutcome(cid, K.NO_EVIDENCE, "r"))
        nxt += [new_cmoc() for _ in range(draw(st.integers(0, 2)))]
        review.add_theory_version(rs.TheoryVersion(f"v{step}", f"v{step}", cmoc_ids=nxt))
        review.refine(rs.Refinement(f"v{step - 1}", f"v{step}", outcomes))
        current = nxt
    return review


@settings(max_examples=60, deadline=None)
@given(refined_reviews())
def test_ancestors_and_descendants_are_inverse(review: rs.Review) -> None:
    for a in review.cmocs:
        for d in descendants(review, a):
            assert a in ancestors(review, d)
        for p in ancestors(review, a):
            assert a in descendants(review, p)
        assert a not in descendants(review, a)


@settings(max_examples=60, deadline=None)
@given(refined_reviews())
def test_diff_accounts_for_every_cmoc_of_both_versions(review: rs.Review) -> None:
    versions = list(review.theory_versions.values())
    first, last = versions[0], versions[-1]
    result = diff_versions(review, first.id, last.id)
    before = [c for e in result.entries for c in e.before]
    after = {c for e in result.entries for c in e.after}
    assert set(before) == set(first.cmoc_ids)
    assert after == set(last.cmoc_ids)
    reached = set(last.cmoc_ids)
    for e in result.entries:
        for cid in e.before:
            lineage = {cid, *descendants(review, cid)} & reached
            if e.kind in (ChangeKind.REFUTED, ChangeKind.NOT_TESTED, ChangeKind.UNACCOUNTED):
                assert not lineage
            else:
                assert lineage
        if e.kind is ChangeKind.NEW:
            (new,) = e.after
            assert not set(ancestors(review, new)) & set(first.cmoc_ids)
        if e.kind is ChangeKind.SPLIT:
            assert len(e.after) >= 2
        if e.kind is ChangeKind.MERGED:
            assert len(e.before) >= 2
