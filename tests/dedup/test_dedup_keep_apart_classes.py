"""The benchmark's written rules for the labelled pairs the issue says to keep apart.

The benchmark's recall with those pairs set aside is only as good as these rules, so each is
checked on records built by hand (``benchmarks/dedup_classes.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from realistsynth.model import Name, PartialDate, Record

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def classes():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        # a benchmarks/ script, put on sys.path just above; checked by its own mypy step
        import dedup_classes  # type: ignore[import-not-found]

        yield dedup_classes
    finally:
        sys.path.remove(str(BENCHMARKS))


def _rec(rid: str, title: str, **changes: Any) -> Record:
    base: dict[str, Any] = {
        "title": title,
        "authors": [Name(family="Hillmen", given="P.")],
        "issued": PartialDate(2010),
        "container_title": "American Journal of Hematology",
        "volume": "85",
        "issue": "8",
        "pages": "553-559",
    }
    return Record(id=rid, **{**base, **changes})


def test_notices_by_title_and_by_the_articles_erratum_note(classes):
    article = _rec(
        "a",
        "Long-term effect of eculizumab on kidney function.[Erratum appears in Am J Hematol. "
        "2010 Nov;85(11):911]",
    )
    wos = _rec("b", "Long-term effect of eculizumab (vol 85, pg 553, 2010)", pages="911")
    plain = _rec("c", "Long-term effect of eculizumab on kidney function", pages="911")
    copy = _rec("d", "Long-term effect of eculizumab on kidney function")
    reply = _rec("e", "Long-term effect of eculizumab on kidney function - Reply", pages="560")
    found = classes.classify_pairs(
        [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("a", "e")],
        [article, wos, plain, copy, reply],
    )
    # the erratum named by the note (volume 85, page 911) is a notice even with a plain title
    assert found == {("a", "b"): "notice", ("a", "c"): "notice", ("a", "e"): "notice"}


def test_conference_abstract_and_full_article_but_not_a_one_page_item(classes):
    article = _rec("a", "Eculizumab in aHUS")
    abstract = _rec(
        "b",
        "Eculizumab in aHUS",
        container_title="American Journal of Hematology.Conference: Annual Meeting",
        issue=None,
        pages="22",
    )
    supplement = _rec("c", "Eculizumab in aHUS", issue="Suppl 1", pages="S40")
    editorial = _rec("d", "Eculizumab in aHUS", pages="551-551")
    found = classes.classify_pairs(
        [("a", "b"), ("a", "c"), ("a", "d")], [article, abstract, supplement, editorial]
    )
    assert found == {("a", "b"): "abstract-article", ("a", "c"): "abstract-article"}
