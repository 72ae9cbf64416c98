"""The labelled pairs of ``tests/data/dedup/rule_pairs.json``: each pair must get its verdict
from its rule, and every rule of :data:`realistsynth.dedup.compare.RULES` must decide at least
one pair, so that a change to any rule meets data, not only hand-built pairs in test code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from realistsynth.dedup.compare import (
    RULES,
    Comparison,
    ConflictKind,
    DedupSettings,
    Pair,
    Rule,
    compare,
)
from realistsynth.dedup.keys import prepare
from realistsynth.model import LinkVerdict, Name, PartialDate, Record

PAIRS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "data" / "dedup" / "rule_pairs.json").read_text("utf-8")
)["pairs"]


def _record(rid: str, fields: dict[str, Any]) -> Record:
    fields = dict(fields)
    authors = [
        Name(family=a.split(", ")[0], given=a.split(", ")[1]) if ", " in a else Name(family=a)
        for a in fields.pop("authors", [])
    ]
    year = fields.pop("year", None)
    return Record(id=rid, authors=authors, issued=PartialDate(year) if year else None, **fields)


def _compare(pair: dict[str, Any], rules: tuple[Rule, ...] = RULES) -> Comparison | None:
    a, b = prepare(_record("a", pair["a"])), prepare(_record("b", pair["b"]))
    return compare(a, b, DedupSettings(), rules)


@pytest.mark.parametrize("pair", PAIRS, ids=[p["name"] for p in PAIRS])
def test_each_labelled_pair_gets_its_verdict_from_its_rule(pair: dict[str, Any]) -> None:
    result = _compare(pair)
    got = None if result is None else (result.verdict.value if result.verdict else None)
    assert got == pair["verdict"], pair["why"]
    assert (None if result is None else result.rule) == pair["rule"], pair["why"]


@pytest.mark.parametrize("pair", PAIRS, ids=[p["name"] for p in PAIRS])
def test_the_verdict_does_not_depend_on_which_record_comes_first(pair: dict[str, Any]) -> None:
    swapped = {**pair, "a": pair["b"], "b": pair["a"]}
    one, other = _compare(pair), _compare(swapped)
    assert (one and (one.verdict, one.rule)) == (other and (other.verdict, other.rule))


def test_every_rule_decides_at_least_one_labelled_pair() -> None:
    deciding: set[str] = set()

    def watched(rule: Rule) -> Rule:
        def run(pair: Pair, settings: DedupSettings) -> Comparison | None:
            outcome = rule(pair, settings)
            if outcome is not None:
                deciding.add(rule.__name__)
            return outcome

        return run

    for pair in PAIRS:
        _compare(pair, tuple(watched(rule) for rule in RULES))
    assert deciding == {rule.__name__ for rule in RULES}


def test_conflicts_are_typed_and_notes_are_only_for_people() -> None:
    pair = next(p for p in PAIRS if p["name"] == "fuzzy-queued")
    result = _compare(pair)
    assert result is not None
    assert [c.kind for c in result.conflicts] == [ConflictKind.VOLUME]
    assert result.note == result.conflicts[0].text


def test_a_rule_added_before_the_others_decides_first() -> None:
    """The rule list is a plain sequence: a plugin can put its own rule in it."""

    def never_merge_registry_entries(pair: Pair, settings: DedupSettings) -> Comparison | None:
        return pair.decide(LinkVerdict.UNCERTAIN, "house-rule", "our team checks these by hand")

    pair = next(p for p in PAIRS if p["name"] == "doi-duplicate")
    result = _compare(pair, (never_merge_registry_entries, *RULES))
    assert result is not None
    assert (result.verdict, result.rule) == (LinkVerdict.UNCERTAIN, "house-rule")


def test_every_threshold_is_a_documented_setting() -> None:
    import attrs

    doc = DedupSettings.__doc__ or ""
    for setting in attrs.fields(DedupSettings):
        # attrs fields are documented as :ivar (griffe sees no signature to match :param)
        assert f":ivar {setting.name}:" in doc, setting.name
