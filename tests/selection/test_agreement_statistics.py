"""Agreement statistics checked against published worked examples and by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realistsynth.selection.agreement import agreement, agreement_from_table

# Gwet's own published example: the cont3x3abstractors table of his irrCAC R package, whose
# README prints kappa2.table(), gwet.ac1.table() and pa2.table() results for it
# (K. L. Gwet, irrCAC 1.0, 2019, README "Computing agreement coefficients from contingency
# tables"). Those outputs are copied here as the expected values.
ABSTRACTORS = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]


def test_cohen_kappa_matches_gwets_published_example() -> None:
    a = agreement_from_table(ABSTRACTORS, ["Ectopic", "AIU", "NIU"])
    assert a.kappa.value == pytest.approx(0.7964094, abs=5e-8)
    assert a.kappa.se == pytest.approx(0.05891072, abs=5e-9)


def test_gwet_ac1_matches_gwets_published_example() -> None:
    a = agreement_from_table(ABSTRACTORS, ["Ectopic", "AIU", "NIU"])
    assert a.ac1.value == pytest.approx(0.8493305, abs=5e-8)
    assert a.ac1.se == pytest.approx(0.04321747, abs=5e-9)


def test_percent_agreement_matches_gwets_published_example() -> None:
    a = agreement_from_table(ABSTRACTORS, ["Ectopic", "AIU", "NIU"])
    assert a.percent.value == pytest.approx(0.89)
    assert a.percent.se == pytest.approx(0.03128898, abs=5e-9)
    assert a.n == 100
    assert a.disagreements == 11


def test_interval_is_value_plus_minus_normal_quantile_times_se() -> None:
    a = agreement_from_table(ABSTRACTORS, ["E", "A", "N"])
    assert a.kappa.value is not None
    assert a.kappa.se is not None
    assert a.kappa.low == pytest.approx(a.kappa.value - 1.959964 * a.kappa.se, abs=1e-6)
    assert a.kappa.high == pytest.approx(a.kappa.value + 1.959964 * a.kappa.se, abs=1e-6)


def test_textbook_two_by_two_example_by_hand() -> None:
    # 50 items; both yes 20, A yes B no 5, A no B yes 10, both no 15:
    # pa = 35/50 = 0.7; pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
    # AC1: pi_yes = (0.5+0.6)/2 = 0.55, pe = 2*0.55*0.45 = 0.495, AC1 = 0.205/0.505
    a = agreement([("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15)
    assert a.percent.value == pytest.approx(0.7)
    assert a.kappa.value == pytest.approx(0.4)
    assert a.ac1.value == pytest.approx(0.205 / 0.505)


def test_kappa_paradox_low_inclusion_rate() -> None:
    # 1,000 records, each reviewer includes 10, they agree on 2: 98.4% agreement, kappa ~0.19,
    # AC1 ~0.98: why screening reports AC1 beside kappa
    pairs = [("i", "i")] * 2 + [("i", "e")] * 8 + [("e", "i")] * 8 + [("e", "e")] * 982
    a = agreement(pairs, ["i", "e"])
    assert a.percent.value == pytest.approx(0.984)
    assert a.kappa.value == pytest.approx((0.984 - (0.01 * 0.01 + 0.99 * 0.99)) / (1 - 0.9802))
    assert a.kappa.value is not None
    assert a.ac1.value is not None
    assert a.kappa.value < 0.2 < 0.98 < a.ac1.value


def test_intervals_are_cut_at_the_bounds() -> None:
    a = agreement([("i", "i"), ("e", "e"), ("i", "e")], ["i", "e"])
    assert a.kappa.high == 1.0
    assert a.percent.high == 1.0
    assert a.kappa.low is not None
    assert a.kappa.value is not None
    assert a.kappa.se is not None
    assert a.kappa.low > a.kappa.value - 1.96 * a.kappa.se


def test_kappa_undefined_when_both_used_one_category_only() -> None:
    a = agreement([("e", "e")] * 5, ["i", "e"])
    assert a.kappa.value is None
    assert a.percent.value == 1.0
    assert a.ac1.value == pytest.approx(1.0)


def test_bad_tables_are_refused() -> None:
    with pytest.raises(ValueError, match="2 x 2"):
        agreement_from_table([[1, 2, 3]], ["a", "b"])
    with pytest.raises(ValueError, match="no item"):
        agreement_from_table([[0, 0], [0, 0]], ["a", "b"])
    with pytest.raises(ValueError, match="not one of"):
        agreement([("a", "z")], ["a", "b"])


tables = st.integers(2, 4).flatmap(
    lambda q: st.lists(
        st.lists(st.integers(0, 30), min_size=q, max_size=q), min_size=q, max_size=q
    ).filter(lambda t: sum(map(sum, t)) > 0)
)


@settings(deadline=None)
@given(tables)
def test_properties_of_any_table(table: list[list[int]]) -> None:
    cats = [str(i) for i in range(len(table))]
    a = agreement_from_table(table, cats)
    assert a.percent.value is not None
    assert 0.0 <= a.percent.value <= 1.0
    for c in (a.kappa, a.ac1):
        if c.value is not None:
            assert c.value <= 1.0 + 1e-12
            assert c.se is not None
            assert c.se >= 0
            assert not math.isnan(c.se)
            assert c.low is not None
            assert c.high is not None
            assert -1.0 <= c.low <= c.value <= c.high <= 1.0
    # swapping the two reviewers changes nothing
    swapped = agreement_from_table([list(r) for r in zip(*table, strict=True)], cats)
    for mine, theirs in ((a.kappa, swapped.kappa), (a.ac1, swapped.ac1)):
        if mine.value is not None:
            assert mine.value == pytest.approx(theirs.value)
            assert mine.se == pytest.approx(theirs.se, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["i", "e", "m"]), min_size=1, max_size=40))
def test_perfect_agreement_gives_one(labels: list[str]) -> None:
    a = agreement([(x, x) for x in labels], ["i", "e", "m"])
    assert a.percent.value == 1.0
    assert a.ac1.value == pytest.approx(1.0)
    if a.kappa.value is not None:
        assert a.kappa.value == pytest.approx(1.0)


def test_statsmodels_agrees_when_installed() -> None:
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
    res = inter_rater.cohens_kappa(ABSTRACTORS)
    a = agreement_from_table(ABSTRACTORS, ["E", "A", "N"])
    assert a.kappa.value == pytest.approx(res.kappa)
    assert a.kappa.se == pytest.approx(res.std_kappa)
