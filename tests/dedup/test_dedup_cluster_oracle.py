"""``cluster_records`` (union-find by size with merged "different" sets) against a naive
oracle written from its documented rule: "same" decisions first, in pair order, then duplicate
links by falling score (ties by pair), each join skipped when it would put two records decided
"different" into one cluster; a cluster is named after its smallest member."""

from __future__ import annotations

import random

from hypothesis import example, given, settings
from hypothesis import strategies as st

from realistsynth.model.dedup import DuplicateLink, LinkVerdict, PairDecision, cluster_records

_IDS = [f"r{i}" for i in range(5)]  # few records: dense links, many conflicts


def _oracle(
    ids: list[str], links: list[DuplicateLink], decisions: list[PairDecision]
) -> dict[str, str]:
    groups = [{rid} for rid in ids]
    decided = {d.pair: d.same for d in decisions}  # the last decision on a pair counts
    apart = {pair for pair, same in decided.items() if not same}

    def join(a: str, b: str) -> None:
        ga = next(g for g in groups if a in g)
        gb = next(g for g in groups if b in g)
        if ga is gb:
            return
        if any((min(x, y), max(x, y)) in apart for x in ga for y in gb):
            return
        groups.remove(gb)
        ga |= gb

    for (a, b), same in sorted(decided.items()):
        if same:
            join(a, b)
    wanted = [
        link for link in links if link.verdict is LinkVerdict.DUPLICATE and link.pair not in decided
    ]
    for link in sorted(wanted, key=lambda x: (-x.score, x.record_a, x.record_b)):
        join(link.record_a, link.record_b)
    return {rid: min(g) for g in groups for rid in g}


_pairs = st.lists(st.sampled_from(_IDS), min_size=2, max_size=2, unique=True)
_links = st.lists(
    st.builds(
        lambda pair, verdict, score: DuplicateLink.of(pair[0], pair[1], verdict, "fuzzy", score),
        _pairs,
        st.sampled_from(list(LinkVerdict)),
        st.sampled_from([0.9, 1.0]),  # two values: many ties, to be broken by the pair
    ),
    max_size=10,
    unique_by=lambda link: link.pair,
)
_decisions = st.lists(
    st.builds(
        lambda pair, same: PairDecision.of(*pair, same=same, reviewer="LK"),
        _pairs,
        st.booleans(),
    ),
    max_size=5,
)


def _dup(a: str, b: str, score: float) -> DuplicateLink:
    return DuplicateLink.of(a, b, LinkVerdict.DUPLICATE, "fuzzy", score)


@settings(deadline=None)
@given(_links, _decisions, st.randoms(use_true_random=False))
# two equally strong links of which only one can hold: the pair order decides which
@example(
    [_dup("r1", "r3", 1.0), _dup("r0", "r3", 0.9), _dup("r1", "r2", 0.9)],
    [PairDecision.of("r0", "r2", same=False, reviewer="LK")],
    random.Random(0),
)
def test_clusters_equal_the_naive_oracle_in_any_input_order(links, decisions, rnd):
    expected = _oracle(_IDS, links, decisions)
    shuffled = list(links)
    rnd.shuffle(shuffled)
    assert cluster_records(_IDS, links, decisions) == expected
    assert cluster_records(reversed(_IDS), shuffled, decisions) == expected


@settings(deadline=None)
@given(_links, _decisions)
def test_no_cluster_holds_a_pair_decided_different(links, decisions):
    clusters = cluster_records(_IDS, links, decisions)
    last = {d.pair: d.same for d in decisions}
    for (a, b), same in last.items():
        if not same:
            assert clusters[a] != clusters[b]
