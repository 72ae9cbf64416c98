"""Syntax errors carry positions and a caret; lint rules one by one."""

from __future__ import annotations

import pytest

from realistsynth.errors import QuerySyntaxError, RealistsynthError
from realistsynth.query import check_query, lint_query, parse_query


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("leader* AND (health OR care", 12, "never closed"),
        ("leader* AND health)", 18, "no opening"),
        ('leader* AND "health care', 12, "never closed"),
        ("leader* AND", 8, "nothing on its right"),
        ("OR leader*", 0, "nothing on its left"),
        ("leader* AND OR care", 12, "follows another operator"),
        ("leader* care", 8, "missing operator"),
        ("xx:leader*", 0, "unknown field"),
        ("leader*[tiab]", 7, "square brackets"),
        ("leader* NEAR care", 8, "distance"),
        ("ti:a NEAR/2 ab:b", 5, "same field"),
        ('ti:(mh:"Leadership")', 0, "heading"),
    ],
)
def test_errors_say_where(text, position, words):
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(text)
    assert info.value.position == position
    assert words in info.value.message
    assert isinstance(info.value, RealistsynthError)
    line, caret = info.value.caret().split("\n")
    assert line == text
    assert caret == " " * position + "^"


def test_straight_and_curly_quotes_are_the_same_phrase():
    assert (
        parse_query('"health care"') == parse_query("“health care”") == parse_query("„health care“")
    )


def test_short_stems_are_flagged_long_ones_not():
    codes = [f.code for f in lint_query("car* OR leader*")]
    assert codes == ["short-stem"]


def test_lowercase_operators_and_proximity_are_noted():
    codes = {f.code for f in lint_query("leader* and system* NEAR/2 change")}
    assert {"lowercase-operator", "proximity", "mixed-operators"} <= codes


def test_and_not_mix_differs_on_ovid():
    # Ovid processes AND before NOT; realistsynth reads them left to right
    finding = next(f for f in lint_query("a NOT b AND c") if f.code == "mixed-operators")
    by_platform = {p: r.query for r in finding.readings for p in r.platforms}
    assert by_platform["Ovid"] == "a NOT (b AND c)"
    assert by_platform["realistsynth"] == by_platform["PubMed"] == "(a NOT b) AND c"


def test_single_operator_kind_is_not_mixed():
    assert lint_query("a OR b OR c") == []


def test_check_never_raises_and_reports_the_syntax_error():
    result = check_query("a AND (b")
    assert not result.ok
    assert result.findings[0].code == "syntax"
    assert result.caret is not None
    assert result.caret.endswith("^")


def test_redundant_terms_under_or():
    findings = [
        f
        for f in lint_query('care OR "health care" OR leader* OR leaders OR ti:leadership')
        if f.code == "redundant-term"
    ]
    assert [f.position for f in findings] == [8, 36]
    assert "care" in findings[0].message
    # a '?' does not stand for a literal '*': a? does not cover a*
    assert [f.code for f in lint_query("abcd? OR abcd*")] == ["redundant-term"]
    assert lint_query("abcd? OR abcd*")[0].position == 0
