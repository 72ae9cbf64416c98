"""Lineage and version diffs over three versions with every kind of refinement outcome."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.synthesis import (
    ChangeKind,
    ancestors,
    children,
    descendants,
    diff_versions,
    parents,
    roots,
    word_diff,
)

K = rs.OutcomeKind


def _cmoc(cid: str, context: str, outcome: str = "better care") -> rs.CMOC:
    return rs.CMOC(
        cid,
        context=context,
        mechanism_resource="resource",
        mechanism_reasoning="reasoning",
        outcome=outcome,
    )


@pytest.fixture
def review() -> rs.Review:
    """v1 (a b c d) -> v2 (a b2 c1 c2 e) -> v3 (a m c2).

    v1->v2: a unchanged (same id), b refined into b2, c split into c1 + c2, d refuted, e new.
    v2->v3: a unchanged, b2 and c1 merged into m, c2 unchanged, e no evidence.
    """
    r = rs.Review.new("Lineage")
    for c in [
        _cmoc("a", "in wards"),
        _cmoc("b", "in small teams"),
        _cmoc("c", "in busy clinics and in homes"),
        _cmoc("d", "everywhere"),
        _cmoc("b2", "in small stable teams"),
        _cmoc("c1", "in busy clinics"),
        _cmoc("c2", "in homes"),
        _cmoc("e", "at night"),
        _cmoc("m", "in small stable teams and busy clinics", "safer care"),
    ]:
        r.add_cmoc(c)
    r.add_theory_version(rs.TheoryVersion("v1", "Initial", cmoc_ids=["a", "b", "c", "d"]))
    r.add_theory_version(
        rs.TheoryVersion(
            "v2", "Refined", rs.VersionKind.REFINED, cmoc_ids=["a", "b2", "c1", "c2", "e"]
        )
    )
    r.add_theory_version(
        rs.TheoryVersion("v3", "Second", rs.VersionKind.ITERATION, cmoc_ids=["a", "m", "c2"])
    )
    r.refine(
        rs.Refinement(
            "v1",
            "v2",
            [
                rs.RefinementOutcome("a", K.SUPPORTED_UNCHANGED, "held", ["a"]),
                rs.RefinementOutcome("b", K.SUPPORTED_REFINED, "narrower", ["b2"]),
                rs.RefinementOutcome("c", K.SPLIT_INTO, "two settings", ["c1", "c2"]),
                rs.RefinementOutcome("d", K.REFUTED, "contrary evidence"),
            ],
        )
    )
    r.refine(
        rs.Refinement(
            "v2",
            "v3",
            [
                rs.RefinementOutcome("a", K.SUPPORTED_UNCHANGED, "held", ["a"]),
                rs.RefinementOutcome("b2", K.MERGED_INTO, "same mechanism", ["m"]),
                rs.RefinementOutcome("c1", K.MERGED_INTO, "same mechanism", ["m"]),
                rs.RefinementOutcome("c2", K.SUPPORTED_UNCHANGED, "held", ["c2"]),
                rs.RefinementOutcome("e", K.NO_EVIDENCE, "nothing found"),
            ],
        )
    )
    return r


def test_ancestors_and_descendants_cross_versions(review: rs.Review) -> None:
    assert descendants(review, "c") == ("c1", "c2", "m")
    assert descendants(review, "b") == ("b2", "m")
    assert set(ancestors(review, "m")) == {"b2", "c1", "b", "c"}
    assert ancestors(review, "m")[:2] == ("b2", "c1")  # nearest first
    assert set(roots(review, "m")) == {"b", "c"}
    # carried unchanged under the same id: no self-lineage
    assert ancestors(review, "a") == ()
    assert descendants(review, "a") == ()
    assert descendants(review, "d") == ()
    assert [s.kind for s in children(review, "d")] == [K.REFUTED]
    assert {s.source for s in parents(review, "m")} == {"b2", "c1"}


def test_diff_one_step(review: rs.Review) -> None:
    result = diff_versions(review, "v1", "v2")
    by_kind = {k: [(e.before, e.after) for e in result.of_kind(k)] for k in ChangeKind}
    assert by_kind[ChangeKind.KEPT] == [(("a",), ("a",))]
    assert by_kind[ChangeKind.CHANGED] == [(("b",), ("b2",))]
    assert by_kind[ChangeKind.SPLIT] == [(("c",), ("c1", "c2"))]
    assert by_kind[ChangeKind.REFUTED] == [(("d",), ())]
    assert by_kind[ChangeKind.NOT_TESTED] == []
    assert by_kind[ChangeKind.NEW] == [((), ("e",))]
    assert by_kind[ChangeKind.MERGED] == []
    (changed,) = result.of_kind(ChangeKind.CHANGED)
    (comparison,) = changed.comparisons
    assert comparison.changed_parts == ("context",)
    context = comparison.parts[0]
    assert [(o.op, o.text) for o in context.ops] == [
        ("equal", "in small"),
        ("insert", "stable"),
        ("equal", "teams"),
    ]
    assert context.render() == "in small {+stable+} teams"
    assert result.of_kind(ChangeKind.REFUTED)[0].recorded == ("refuted",)
    assert "dropped" not in result.render().lower()


def test_diff_across_two_refinements(review: rs.Review) -> None:
    result = diff_versions(review, "v1", "v3")
    assert result.counts() == {
        "kept": 1,
        "changed": 0,
        "merged": 1,
        "split": 1,
        "refuted": 1,
        "not-tested": 0,
        "unaccounted": 0,
        "new": 0,
    }
    (merged,) = result.of_kind(ChangeKind.MERGED)
    assert merged.before == ("b", "c")
    assert merged.after == ("m",)
    assert {(c.before, c.after) for c in merged.comparisons} == {("b", "m"), ("c", "m")}
    (split,) = result.of_kind(ChangeKind.SPLIT)
    assert split.before == ("c",)
    assert split.after == ("m", "c2")
    data = result.to_dict()
    assert data["from"] == "v1"
    counts = data["counts"]
    assert isinstance(counts, dict)
    assert counts["merged"] == 1
    assert "MERGED     b + c -> m" in result.render()


def test_diff_of_unrelated_versions_matches_by_id() -> None:
    r = rs.Review.new("Unrelated")
    for c in (_cmoc("x", "here"), _cmoc("y", "there"), _cmoc("z", "elsewhere")):
        r.add_cmoc(c)
    r.add_theory_version(rs.TheoryVersion("one", "One", cmoc_ids=["x", "y"]))
    r.add_theory_version(rs.TheoryVersion("two", "Two", cmoc_ids=["y", "z"]))
    result = diff_versions(r, "one", "two")
    assert [(e.kind.value, e.before, e.after) for e in result.entries] == [
        ("kept", ("y",), ("y",)),
        ("new", (), ("z",)),
        ("unaccounted", ("x",), ()),
    ]


def test_unknown_version_is_named(review: rs.Review) -> None:
    with pytest.raises(rs.UnknownReferenceError, match=r"v9.*versions: v1, v2, v3"):
        diff_versions(review, "v1", "v9")


def test_refinement_must_account_for_every_prior_cmoc(review: rs.Review) -> None:
    review.add_theory_version(rs.TheoryVersion("v4", "Third", cmoc_ids=["a"]))
    with pytest.raises(rs.RefinementError, match="'m' of 'v3' is unaccounted for"):
        review.refine(
            rs.Refinement(
                "v3",
                "v4",
                [
                    rs.RefinementOutcome("a", K.SUPPORTED_UNCHANGED, "held", ["a"]),
                    rs.RefinementOutcome("c2", K.NO_EVIDENCE, "none"),
                ],
            )
        )
    with pytest.raises(rs.RefinementError, match="points at 'zz'"):
        review.refine(
            rs.Refinement(
                "v3",
                "v4",
                [
                    rs.RefinementOutcome("a", K.SUPPORTED_UNCHANGED, "held", ["a"]),
                    rs.RefinementOutcome("m", K.SUPPORTED_REFINED, "r", ["zz"]),
                    rs.RefinementOutcome("c2", K.NO_EVIDENCE, "none"),
                ],
            )
        )
    assert len(review.refinements) == 2  # nothing half-applied


words = st.lists(st.sampled_from(["a", "b", "c", "care", "trust", "(C)", "x,"]), max_size=12)


@given(words, words)
def test_word_diff_rebuilds_both_texts(old: list[str], new: list[str]) -> None:
    ops = word_diff(" ".join(old), " ".join(new))
    rebuilt_old = " ".join(o.text for o in ops if o.op in ("equal", "delete")).split()
    rebuilt_new = " ".join(o.text for o in ops if o.op in ("equal", "insert")).split()
    assert rebuilt_old == old
    assert rebuilt_new == new
    assert all(o.op in ("equal", "delete", "insert") and o.text for o in ops)
    if old == new:
        assert all(o.op == "equal" for o in ops)
