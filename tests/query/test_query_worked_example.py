"""The worked example's printed query (Knight et al. 2024, Search Strategy appendix)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from realistsynth.query import (
    And,
    Or,
    Phrase,
    Term,
    check_query,
    lint_query,
    parse_query,
    read_query,
)
from realistsynth.query.ast import Node
from realistsynth.query.dialects import BUILTIN_DIALECTS
from realistsynth.query.precedence import EBSCO, OVID, PUBMED, SCOPUS

DATA = Path(__file__).parents[2] / "examples" / "ics-leadership" / "data" / "search-strategy.toml"


@pytest.fixture(scope="module")
def printed() -> str:
    as_printed: str = tomllib.loads(DATA.read_text(encoding="utf-8"))["terms"]["as_printed"]
    return as_printed


def _middle() -> list[Node]:
    return [
        Term("health"),
        Term("care"),
        Phrase(("health", "care")),
        Phrase(("health", "servic*")),
        Term("healthcare"),
        Term("social-care"),
        Phrase(("social", "care")),
        Term("NHS"),
    ]


def test_the_printed_query_parses_with_its_curly_quotes(printed):
    assert "“" in printed
    tree = parse_query(printed)
    assert isinstance(tree, Or)
    assert tree.operands[0] == And((Term("Integrat*"), Term("health")))
    assert tree.operands[-1] == And((Term("NHS"), Term("system*"), Term("leader*")))


def test_platforms_read_the_printed_query_three_ways(printed):
    parsed = read_query(printed)
    middle = _middle()
    # PubMed, strictly left to right: everything up to NHS is one OR group, then AND, AND
    assert parsed.build(PUBMED) == And(
        (Or((And((Term("Integrat*"), middle[0])), *middle[1:])), Term("system*"), Term("leader*"))
    )
    # Ovid and EBSCOhost: AND binds first, so "Integrat* AND health" and
    # "NHS AND system* AND leader*" are two alternatives among the ORs
    expected_and_first = Or(
        (
            And((Term("Integrat*"), middle[0])),
            *middle[1:-1],
            And((Term("NHS"), Term("system*"), Term("leader*"))),
        )
    )
    assert parsed.build(OVID) == expected_and_first
    assert parsed.build(EBSCO) == expected_and_first
    # Scopus: OR first, which is probably what the authors meant
    assert parsed.build(SCOPUS) == And(
        (Term("Integrat*"), Or(middle), Term("system*"), Term("leader*"))
    )


def test_lint_flags_what_changes_between_platforms(printed):
    findings = lint_query(printed)
    codes = [f.code for f in findings]
    assert codes.count("mixed-operators") == 1
    assert "truncated-phrase" in codes  # “health servic*”
    assert "hyphenated-term" in codes  # social-care
    assert "curly-quotes" in codes
    # “health care” and “social care” add nothing next to the bare word care
    redundant = [f for f in findings if f.code == "redundant-term"]
    positions = [f.position for f in redundant if f.position is not None]
    assert len(positions) == len(redundant)
    assert [printed[p + 1 : p + 12] for p in positions] == [
        "health care",
        "social care",
    ]
    mixed = next(f for f in findings if f.code == "mixed-operators")
    assert mixed.position == printed.index("AND")
    platforms = {p for r in mixed.readings for p in r.platforms}
    assert {"PubMed", "Ovid", "EBSCOhost", "Scopus"} <= platforms
    assert len(mixed.readings) == 3
    hyphen = next(f for f in findings if f.code == "hyphenated-term")
    assert printed[hyphen.position :].startswith("social-care")


def test_check_renders_it_everywhere(printed):
    result = check_query(printed, BUILTIN_DIALECTS)
    assert result.ok
    assert {r.dialect for r in result.renderings} == {d.name for d in BUILTIN_DIALECTS}
    cochrane = next(r for r in result.renderings if r.dialect == "cochrane")
    assert "(health NEXT servic*)" in cochrane.text
    assert all("“" not in r.text for r in result.renderings)


def test_a_bracketed_version_reads_the_same_everywhere(printed):
    fixed = (
        'Integrat* AND (health OR care OR "health care" OR "health servic*" OR healthcare OR '
        'social-care OR "social care" OR NHS) AND system* AND leader*'
    )
    assert not any(f.code == "mixed-operators" for f in lint_query(fixed))
    assert parse_query(fixed) == read_query(printed).build(SCOPUS)
