"""Equivalences checked by what queries find, not by their shape (reference evaluator)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from query.query_eval import evaluate
from query.query_strategies import queries

from realistsynth.query import canonical, parse_query, read_query
from realistsynth.query.precedence import PUBMED, SCOPUS

VOCAB = ["a", "ab", "abc", "b", "ba", "health", "care", "leader", "leaders", "system"]
records = st.fixed_dictionaries(
    {f: st.lists(st.sampled_from(VOCAB), max_size=6) for f in ("ti", "ab", "kw", "su")}
    | {"mh": st.lists(st.sampled_from(["Leadership", "Nurses"]), max_size=2)}
)
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(queries, st.lists(records, min_size=5, max_size=5))
def test_canonical_form_finds_the_same_records(query, recs):
    assert [evaluate(canonical(query), r) for r in recs] == [evaluate(query, r) for r in recs]


def test_a_field_on_a_group_means_the_field_on_each_word():
    tree = parse_query("ti:(health OR care) AND leader*")
    rec = {"ti": ["care"], "ab": ["leaders"]}
    assert evaluate(tree, rec)
    assert not evaluate(tree, {"ab": ["care", "leaders"]})


def test_the_readings_of_an_unbracketed_query_really_differ():
    parsed = read_query("a AND b OR c")
    only_c = {"ti": ["c"]}
    # PubMed: (a AND b) OR c finds it; Scopus: a AND (b OR c) does not
    assert evaluate(parsed.build(PUBMED), only_c)
    assert not evaluate(parsed.build(SCOPUS), only_c)


def test_near_distance_counts_words_between():
    near = parse_query("ti:(leader NEAR/1 system)")
    assert evaluate(near, {"ti": ["leader", "x", "system"]})
    assert evaluate(near, {"ti": ["system", "leader"]})
    assert not evaluate(near, {"ti": ["leader", "x", "y", "system"]})
