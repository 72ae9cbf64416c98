"""Running de-duplication over a review: keys, blocks, comparisons, links.

:func:`find_links` is pure (records in, links out); :func:`deduplicate` stores the links in
the review, where the reviewers' pair decisions already are, and the clusters follow (see
:mod:`realistsynth.model.dedup`). A re-run replaces the links of the previous run and leaves the
decisions alone, so it is idempotent and respects every decision.

Speed: the six labelled benchmark sets (12 to 7,159 records) take 0.00 to 0.47 s where
bib-dedupe takes 0.21 to 49.4 s in the same run (25x to 242x faster); 100,000 synthetic
records take about 8 s in 620 MB on two cores (the run recorded in
``docs/benchmarks/dedup.md``, printed by ``benchmarks/dedup_benchmark.py``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence

from attrs import frozen

from realistsynth.dedup.blocking import candidate_pairs
from realistsynth.dedup.compare import RULES, Comparison, DedupSettings, Pair, Rule, compare
from realistsynth.dedup.keys import prepare
from realistsynth.extensions import DedupRule
from realistsynth.model.dedup import DuplicateLink, LinkVerdict
from realistsynth.model.records import Record
from realistsynth.model.review import Review

__all__ = ["DedupRun", "deduplicate", "find_links", "rules_with"]


def _guarded(extra: DedupRule) -> Rule:
    """A plugin's rule that cannot break a run: the first time it raises, a
    :class:`RuntimeWarning` names it, and from then on it lets the next rule decide."""
    failed = False

    def rule(pair: Pair, settings: DedupSettings) -> Comparison | None:
        nonlocal failed
        if failed:
            return None
        try:
            result = extra.rule(pair, settings)
        except Exception as exc:  # a plugin's bug must not stop de-duplication
            failed = True
            warnings.warn(
                f"de-duplication rule {extra.name!r} raised {type(exc).__name__}: {exc}; "
                "it is skipped for the rest of this run",
                RuntimeWarning,
                stacklevel=2,
            )
            return None
        if result is not None and not isinstance(result, Comparison):
            failed = True
            warnings.warn(
                f"de-duplication rule {extra.name!r} returned {result!r:.60}, not a Comparison "
                "or None; it is skipped for the rest of this run",
                RuntimeWarning,
                stacklevel=2,
            )
            return None
        return result

    rule.__name__ = extra.name
    return rule


def rules_with(extra: Iterable[DedupRule], base: Sequence[Rule] = RULES) -> tuple[Rule, ...]:
    """The ordered rule list ``base`` with each plugin rule placed before the built-in rule it
    names (last, if that name is unknown), guarded so that a failing rule is skipped.

    :param extra: plugins' rules (``PluginManager.dedup_rules.values()``).
    :param base: the rules to extend (default :data:`realistsynth.dedup.compare.RULES`).
    """
    rules = list(base)
    for rule in extra:
        names = [getattr(r, "__name__", "") for r in rules]
        at = names.index(rule.before) if rule.before in names else len(rules)
        rules.insert(at, _guarded(rule))
    return tuple(rules)


@frozen
class DedupRun:
    """What one run did: how many pairs it compared and what it found."""

    records: int
    comparisons: int
    duplicates: int
    uncertain: int
    related: int


def find_links(
    records: Iterable[Record],
    settings: DedupSettings | None = None,
    rules: Sequence[Rule] = RULES,
) -> tuple[list[DuplicateLink], int]:
    """Every duplicate, uncertain and related pair among ``records``, and the comparisons made.

    The result does not depend on the order of ``records``.

    :param rules: the rules to ask, in order (:func:`rules_with` adds plugins' rules).
    """
    settings = settings or DedupSettings()
    keys = sorted((prepare(r) for r in records), key=lambda k: k.id)
    links: list[DuplicateLink] = []
    comparisons = 0
    for i, j in candidate_pairs(keys, settings.max_block):
        comparisons += 1
        a, b = keys[i], keys[j]
        result = compare(a, b, settings, rules)
        if result is not None and result.verdict is not None:
            links.append(
                DuplicateLink(
                    a.id,
                    b.id,
                    result.verdict,
                    result.rule,
                    result.score,
                    result.fields,
                    result.note,
                )
            )
    links.sort(key=lambda link: link.pair)
    return links, comparisons


def deduplicate(
    review: Review, settings: DedupSettings | None = None, rules: Sequence[Rule] = RULES
) -> DedupRun:
    """Find duplicates among the review's records and store the links (replacing a previous
    run's); decisions already made on pairs are kept and respected.

    :param rules: the rules to ask, in order (:func:`rules_with` adds plugins' rules).
    """
    links, comparisons = find_links(review.records.values(), settings, rules)
    review.set_duplicate_links(links)
    verdicts = [link.verdict for link in links]
    return DedupRun(
        records=len(review.records),
        comparisons=comparisons,
        duplicates=verdicts.count(LinkVerdict.DUPLICATE),
        uncertain=verdicts.count(LinkVerdict.UNCERTAIN),
        related=verdicts.count(LinkVerdict.RELATED),
    )
