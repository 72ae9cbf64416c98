"""Hypothesis strategies for records that a bibliographic format can carry.

The text alphabet is deliberately nasty for BibTeX (the ten LaTeX specials, ``--``, quote
ligatures, the non-breaking space, accents, braces) while staying within what every format
keeps: single spaces, no leading or trailing space (BibTeX collapses whitespace).
"""

from __future__ import annotations

from hypothesis import strategies as st

from realistsynth.formats.bibtex_writer import MAPPED_FIELDS
from realistsynth.formats.csl_json import RESERVED_KEYS
from realistsynth.model import CSL_TYPES, Name, PartialDate, Record

_CHARS = [
    *list("abcdeXYZ019 .,:;!?'\"`-()[]/@*+=<>|\\{}$&%#_~^"),
    "é",
    "ø",
    "ł",
    "ß",
    "Ž",
    "–",
    "—",
    "“",
    "\xa0",
    "ı",
    "β",
    "中",
]
_WORD_CHARS = [c for c in _CHARS if c not in (" ", "\u00a0")]


def _single_spaced(text: str) -> bool:
    return bool(text) and "  " not in text and text == text.strip(" ")


texts = st.text(st.sampled_from(_CHARS), min_size=1, max_size=40).filter(_single_spaced)
words = st.text(st.sampled_from(_WORD_CHARS), min_size=1, max_size=12)
keyword_texts = texts.filter(lambda t: "," not in t and ";" not in t and t.strip())

persons = st.builds(
    Name,
    family=texts.filter(str.strip),
    given=st.none() | texts,
    particle=st.none() | st.sampled_from(["van", "von", "de la", "van der", "d'", "du"]),
    suffix=st.none() | st.sampled_from(["Jr.", "III", "Sr"]),
)
organisations = st.builds(Name, literal=texts)
names = st.lists(persons | organisations, max_size=4)

dates = st.builds(PartialDate, st.integers(1500, 2199), st.none() | st.integers(1, 12)).flatmap(
    lambda d: (
        st.just(d)
        if d.month is None
        else st.builds(
            PartialDate, st.just(d.year), st.just(d.month), st.none() | st.integers(1, 28)
        )
    )
)
pages = st.from_regex(r"[eS]?[1-9][0-9]{0,3}(-[eS]?[1-9][0-9]{0,3})?", fullmatch=True)
dois = st.from_regex(r"10\.[0-9]{4,6}/[a-z0-9_()/-]{0,12}[a-z0-9]", fullmatch=True)
urls = st.from_regex(r"https://example\.org/[A-Za-z0-9._~%/-]{0,20}", fullmatch=True)
issns = st.lists(st.from_regex(r"[0-9]{4}-[0-9]{3}[0-9X]", fullmatch=True), max_size=2, unique=True)
isbns = st.lists(st.from_regex(r"97[89][0-9]{10}", fullmatch=True), max_size=2, unique=True)
ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,20}", fullmatch=True)


def _extra_key(reserved: frozenset[str]) -> st.SearchStrategy[str]:
    return st.from_regex(r"x-[a-z][a-z0-9-]{0,8}", fullmatch=True).filter(
        lambda k: k.lower() not in reserved
    )


def records(*, extra_reserved: frozenset[str]) -> st.SearchStrategy[Record]:
    """Records whose every field a format can carry (extra keys avoid ``extra_reserved``)."""
    optional = st.none() | texts
    return st.builds(
        Record,
        id=ids,
        type=st.sampled_from(sorted(CSL_TYPES)),
        title=optional,
        authors=names,
        editors=names,
        issued=st.none() | dates,
        container_title=optional,
        container_title_short=optional,
        volume=optional,
        issue=optional,
        pages=st.none() | pages,
        doi=st.none() | dois,
        pmid=st.none() | st.from_regex(r"[1-9][0-9]{0,8}", fullmatch=True),
        pmcid=st.none() | st.from_regex(r"PMC[0-9]{1,8}", fullmatch=True),
        issn=issns,
        isbn=isbns,
        url=st.none() | urls,
        publisher=optional,
        publisher_place=optional,
        edition=optional,
        number=optional,
        abstract=optional,
        keywords=st.lists(keyword_texts, max_size=3),
        language=optional,
        note=optional,
        extra=st.dictionaries(
            _extra_key(extra_reserved),
            st.lists(texts, min_size=1, max_size=2).map(tuple),
            max_size=3,
        ),
    )


bibtex_records = records(extra_reserved=MAPPED_FIELDS | {"author-others", "editor-others"})
csl_records = records(extra_reserved=RESERVED_KEYS)
