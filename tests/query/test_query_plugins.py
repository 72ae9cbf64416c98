"""Dialects are plugins: the built-ins register through the hook, and a third party can add one."""

from __future__ import annotations

from realistsynth import hookimpl
from realistsynth.query import BaseDialect, QueryDialect, Term, can_parse, parse_query
from realistsynth.query.dialect import RenderContext


def test_builtin_dialects_are_registered(realistsynth_plugins):
    manager = realistsynth_plugins()
    assert not manager.problems
    names = set(manager.query_dialects)
    assert names == {"generic", "pubmed", "ovid", "ebsco", "proquest", "scopus", "wos", "cochrane"}
    assert {n for n, d in manager.query_dialects.items() if can_parse(d)} == {
        "generic",
        "pubmed",
        "ovid",
    }
    builtin = next(p for p in manager.plugins if p.module == "realistsynth.builtin.query_dialects")
    assert builtin.builtin


class Shouting(BaseDialect):
    name = "shout"
    title = "Upper case everything"

    def term(self, node: Term, ctx: RenderContext) -> str:
        return node.text.upper()


class ShoutPlugin:
    @hookimpl
    def realistsynth_register_query_dialects(self):
        return [Shouting()]


def test_a_third_party_dialect_plugs_in(realistsynth_plugins):
    manager = realistsynth_plugins(ShoutPlugin())
    dialect = manager.query_dialect("shout")
    assert isinstance(dialect, QueryDialect)
    assert not can_parse(dialect)
    assert dialect.render(parse_query("a OR (b AND c)")).text == "A OR (B AND C)"
