"""Hypothesis strategies for canonical query trees (shared by the query property tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from realistsynth.query.ast import (
    Field,
    Heading,
    Near,
    Not,
    Phrase,
    Term,
    Vocabulary,
    make_and,
    make_or,
)

RESERVED = {"and", "or", "not", "exp", "near", "adj"}

_stem = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7)


@st.composite
def words(draw: st.DrawFn, wildcards: bool = True) -> str:
    word = draw(_stem)
    if draw(st.booleans()) and len(word) > 1:
        cut = draw(st.integers(1, len(word) - 1))
        word = word[:cut] + draw(st.sampled_from(["-", "?"] if wildcards else ["-"])) + word[cut:]
    if wildcards and draw(st.integers(0, 3)) == 0:
        word += "*"
    return word


def plain_words(wildcards: bool = True) -> st.SearchStrategy[str]:
    return words(wildcards).filter(lambda w: w.lower() not in RESERVED and not w.startswith("adj"))


fields = st.sampled_from([None, *Field])
terms = st.builds(Term, plain_words(), fields)
phrases = st.builds(Phrase, st.lists(plain_words(), min_size=1, max_size=3), fields)
heading_names = (
    st.lists(
        st.sampled_from(
            ["Leadership", "Delivery", "of", "Health", "Care,", "Integrated", "Nurses"]
        ),
        min_size=1,
        max_size=4,
    )
    .map(" ".join)
    .filter(lambda n: not n.endswith(","))
)
headings = st.builds(Heading, heading_names, st.sampled_from(list(Vocabulary)), st.booleans())

_bare = st.one_of(
    st.builds(Term, plain_words()),
    st.builds(Phrase, st.lists(plain_words(), min_size=1, max_size=2)),
)
_near_operand = st.one_of(_bare, st.lists(_bare, min_size=2, max_size=3, unique=True).map(make_or))
nears = st.builds(Near, _near_operand, _near_operand, st.integers(0, 20), fields)

leaves = st.one_of(terms, phrases, headings, nears)


def _composite(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.lists(children, min_size=2, max_size=3).map(make_and),
        st.lists(children, min_size=2, max_size=3).map(make_or),
        st.builds(Not, children, children),
    )


queries = st.recursive(leaves, _composite, max_leaves=8)
