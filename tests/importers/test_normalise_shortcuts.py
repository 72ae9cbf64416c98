"""Shortcuts taken for speed in the normalisers and the RIS mapper give exactly what the
general code gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from realistsynth.formats.normalise import normalise_doi, normalise_pages, split_name
from realistsynth.formats.ris_reader import _pages
from realistsynth.model.records import Name


def _doi_the_long_way(value: str) -> str | None:
    """The steps of normalise_doi written out again, without its shortcut."""
    text = re.sub(r"\s+", "", value)
    text = re.sub(
        r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi:\s*|https?://doi\.org/)",
        "",
        text,
        flags=re.IGNORECASE,
    )
    match = re.search(r"10\.\d{4,9}/\S+", text)
    return match.group(0).rstrip(".,;").lower() if match else None


_DOIS = st.builds(
    lambda prefix, digits, suffix, tail: f"{prefix}10.{digits}/{suffix}{tail}",
    st.sampled_from(["", "doi:", "https://doi.org/", " ", "x"]),
    st.text("0123456789٣", min_size=3, max_size=10),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.sampled_from(["", ".", ",;", " ", "\u00a0", "/"]),
)


@given(value=_DOIS | st.text(max_size=20))
def test_doi_shortcut_agrees_with_the_long_way(value: str) -> None:
    if value:
        assert normalise_doi(value) == _doi_the_long_way(value)


_PAGE = st.text("0123456789", min_size=1, max_size=5) | st.sampled_from(["e12", "iii", "٣٤", "²"])


@given(start=_PAGE, end=st.none() | _PAGE)
def test_ris_page_shortcut_agrees_with_normalise_pages(start: str, end: str | None) -> None:
    text = start if end is None else f"{start}-{end}"
    assert _pages(start, end) == normalise_pages(text, expand_abbreviated=True)


_NAME_TEXT = st.lists(
    st.sampled_from([*"abAB .,;-{}", "\t", "\xa0", "\u2003", "\u200b", "é", "  ", "Jr", "NHS"]),
    max_size=16,
).map("".join) | st.sampled_from(
    ["Smith, J.A.", "Smith JA", "Neiva Ganga R.", "Anna van der Berg", "WHO"]
)


@given(text=_NAME_TEXT)
def test_names_split_without_the_validator_are_valid_names(text: str) -> None:
    """split_name builds persons without Name's validator (``_unchecked_person``): each
    must equal, and hash as, the validated construction from the same parts."""
    name = split_name(text)
    if name is not None:
        checked = Name(
            family=name.family,
            given=name.given,
            literal=name.literal,
            particle=name.particle,
            suffix=name.suffix,
        )
        assert checked == name
        assert hash(checked) == hash(name)


@given(text=_NAME_TEXT)
def test_names_skip_collapsing_whitespace_only_when_it_changes_nothing(text: str) -> None:
    """The whitespace runs are collapsed only when a text has some (``isprintable``): the
    result equals that of the text collapsed first."""
    assert split_name(text) == split_name(re.sub(r"\s+", " ", text))
