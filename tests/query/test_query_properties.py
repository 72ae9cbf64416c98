"""Property tests: round trips through the neutral syntax and the parsing dialects, every
dialect renders every tree, and arbitrary text raises only QuerySyntaxError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from query.query_strategies import queries

from realistsynth.errors import QuerySyntaxError
from realistsynth.query import Rendering, canonical, format_query, parse_query
from realistsynth.query.ast import iter_nodes
from realistsynth.query.dialects import BUILTIN_DIALECTS, OvidDialect, PubMedDialect

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(queries)
def test_neutral_text_reads_back_as_the_same_tree(query):
    assert parse_query(format_query(query)) == query


@SETTINGS
@given(queries)
def test_generic_dialect_round_trips_exactly(query):
    dialect = BUILTIN_DIALECTS[0]
    rendering = dialect.render(query)
    assert rendering.exact
    assert dialect.parse(rendering.text) == query


@pytest.mark.parametrize("dialect", [PubMedDialect(), OvidDialect()], ids=["pubmed", "ovid"])
@SETTINGS
@given(query=queries)
def test_parsing_dialects_round_trip_what_they_can_express(dialect, query):
    rendering = dialect.render(query)
    if rendering.losses:
        return
    assert canonical(dialect.parse(rendering.text)) == canonical(query)


@pytest.mark.parametrize("dialect", BUILTIN_DIALECTS, ids=lambda d: d.name)
@SETTINGS
@given(query=queries)
def test_every_dialect_renders_every_tree_or_says_why_not(dialect, query):
    rendering = dialect.render(query)
    assert isinstance(rendering, Rendering)
    assert rendering.text.strip()
    assert rendering.dialect == dialect.name
    for loss in rendering.losses:
        assert loss.message
        assert loss.fragment


@SETTINGS
@given(query=queries)
def test_pubmed_reports_abstract_only_fields(query):
    from realistsynth.query import Field, Near, Phrase, Term

    has_ab = any(
        isinstance(n, Term | Phrase | Near) and n.field is Field.ABSTRACT for n in iter_nodes(query)
    )
    if has_ab:
        assert any(
            loss.feature in ("field", "proximity") for loss in PubMedDialect().render(query).losses
        )


@settings(deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *'ab *?()"“”: -[]/.,$#',
                "AND ",
                "OR ",
                "NOT ",
                "NEAR/2 ",
                "ti:",
                "mh:",
                "exp ",
                "adj3 ",
                ".ti.",
                "[tiab]",
                "[mh]",
                "[tiab:~2]",
                "/",
            ]
        ),
        max_size=25,
    ).map("".join)
)
def test_arbitrary_text_raises_only_query_syntax_errors(text):
    for parse in (parse_query, PubMedDialect().parse, OvidDialect().parse):
        problem = None
        try:
            parse(text)
        except QuerySyntaxError as exc:
            problem = exc
        if problem is not None:
            assert 0 <= problem.position <= len(text)
            assert "^" in problem.caret()


@SETTINGS
@given(query=queries)
def test_ovid_numbered_strategy_reads_back(query):
    dialect = OvidDialect()
    rendering = dialect.render_lines(query)
    if rendering.losses:
        return
    lines = rendering.text.split("\n")
    assert [line.split(" ", 1)[0] for line in lines] == [str(i) for i in range(1, len(lines) + 1)]
    assert canonical(dialect.parse_lines(rendering.text)) == canonical(query)
