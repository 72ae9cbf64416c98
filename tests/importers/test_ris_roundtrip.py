"""Record -> RIS writer -> RIS importer gives the same Record, for every field RIS carries.

What RIS cannot carry (see realistsynth.formats.ris_writer) is left out of the strategy, and
only that: record id and provenance, name particles, a family-only name of several words,
CSL types without an RIS code, the PMID (tested apart), values with blank lines or
surrounding spaces, continuation lines that look like tag lines, and ``extra`` keys that the
importer maps to fields.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realistsynth.formats.normalise import _ORGANISATION_WORDS
from realistsynth.formats.ris_reader import CSL_TO_RIS, RIS_TYPES
from realistsynth.formats.ris_writer import RisExporter, record_to_ris
from realistsynth.importing import read_records
from realistsynth.model import Name, PartialDate, Provenance, Record, Review

DATA = Path(__file__).parent.parent / "data" / "importers"

_TAG_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9] {0,2}-")

_line = (
    st.text(
        alphabet=st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
_continuation = _line.filter(lambda s: not _TAG_LIKE.match(s))
_multiline = st.builds(
    lambda first, rest: "\n".join([first, *rest]), _line, st.lists(_continuation, max_size=3)
)
_word = st.from_regex(r"[A-Z][a-zàáäçèéëíïñóöúüýł'\-]{1,10}", fullmatch=True)
_family_words = st.lists(_word, min_size=1, max_size=2).map(" ".join)
_given = st.lists(st.from_regex(r"[A-Z](?:[a-zé]{1,8}|\.)", fullmatch=True), max_size=3).map(
    " ".join
)
_ORG_WORDS = ["Institute", "Council", "Group", "Foundation", "Trust", "Collaboration"]


def _not_organisation(text: str) -> bool:
    return _ORGANISATION_WORDS.search(text) is None


_person = st.builds(
    lambda family, given, suffix: Name(
        family=family if given or suffix else family.split()[0],
        given=given or None,
        suffix=suffix,
    ),
    _family_words.filter(_not_organisation),
    _given.filter(_not_organisation),
    st.sampled_from([None, None, None, "Jr.", "III"]),
)
_organisation = st.builds(
    lambda words, org: Name(literal=f"{words} {org}"),
    _family_words,
    st.sampled_from(_ORG_WORDS),
)
_name = st.one_of(_person, _person, _organisation)
_doi = st.builds(
    lambda prefix, suffix: f"10.{prefix}/{suffix}",
    st.integers(1000, 999999999),
    st.from_regex(r"[a-z0-9][a-z0-9._/()\-]{0,20}[a-z0-9]", fullmatch=True),
)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    first = draw(st.integers(1, 5000))
    kind = draw(st.sampled_from(["single", "range", "e", "S"]))
    if kind == "single":
        return str(first)
    last = first + draw(st.integers(0, 60))
    if kind == "range":
        return f"{first}-{last}"
    return f"{kind}{first}-{kind}{last}"


@st.composite
def _issued(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1500, 2199))
    month = draw(st.one_of(st.none(), st.integers(1, 12)))
    day = draw(st.integers(1, 28)) if month is not None and draw(st.booleans()) else None
    return PartialDate(year, month, day)


_issn = st.from_regex(r"[0-9]{4}-[0-9]{3}[0-9X]", fullmatch=True)
_isbn = st.from_regex(r"97[89][0-9]{10}", fullmatch=True)
# tags the importer keeps in extra as they are (none of them is mapped to a field)
_EXTRA_TAGS = [
    "ST",
    "Y2",
    "L1",
    "L2",
    "L4",
    "M2",
    "M3",
    "U1",
    "U2",
    "U3",
    "U5",
    "CN",
    "CA",
    "AD",
    "RP",
    "LB",
    "NV",
    "OP",
    "RN",
    "SE",
    "TT",
    "A3",
    "A4",
    "T3",
    "ID",
    "LK",
]
_extra = st.dictionaries(
    st.sampled_from(_EXTRA_TAGS), st.lists(_multiline, min_size=1, max_size=3), max_size=4
)


def _opt(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), strategy)


@st.composite
def records(draw: st.DrawFn) -> Record:
    """Records with any of the fields RIS can carry."""
    code = draw(st.sampled_from(sorted(RIS_TYPES)))
    csl = RIS_TYPES[code]
    extra = draw(_extra)
    if CSL_TO_RIS.get(csl) != code:
        extra["TY"] = [code]  # a non-canonical code is kept, and written back
    return Record(
        "r1",
        type=csl,
        title=draw(_opt(_multiline)),
        authors=draw(st.lists(_name, max_size=5)),
        editors=draw(st.lists(_name, max_size=2)),
        issued=draw(st.one_of(st.none(), _issued())),
        container_title=draw(_opt(_line)),
        container_title_short=draw(_opt(_line)),
        volume=draw(_opt(_line)),
        issue=draw(_opt(_line)),
        pages=draw(st.one_of(st.none(), _pages())),
        doi=draw(st.one_of(st.none(), _doi)),
        pmcid=draw(st.one_of(st.none(), st.from_regex(r"PMC[1-9][0-9]{0,7}", fullmatch=True))),
        issn=draw(st.lists(_issn, max_size=2)),
        isbn=draw(st.lists(_isbn, max_size=2)),
        url=draw(_opt(_line)),
        publisher=draw(_opt(_line)),
        publisher_place=draw(_opt(_line)),
        edition=draw(_opt(_line)),
        number=draw(_opt(_line)),
        abstract=draw(_opt(_multiline)),
        keywords=draw(st.lists(_line, max_size=4)),
        language=draw(_opt(_line)),
        note=draw(_opt(_multiline)),
        extra=extra,
    )


def _read_back(records_: list[Record]) -> list[Record]:
    text = "".join(record_to_ris(r) for r in records_)
    result = read_records(text.encode("utf-8"), format="ris", strict=True)
    assert result.report.warnings == ()
    return list(result.records)


def _same(original: Record, read: Record) -> None:
    assert attrs.evolve(read, id=original.id, provenance=original.provenance) == original


@settings(deadline=None)
@given(st.lists(records(), min_size=1, max_size=3))
def test_record_to_ris_and_back(items: list[Record]) -> None:
    back = _read_back(items)
    assert len(back) == len(items)
    for original, read in zip(items, back, strict=True):
        _same(original, read)


def test_pmid_is_written_as_pubmed_accession_number() -> None:
    record = Record("x", title="T", pmid="12345678")
    text = record_to_ris(record)
    assert "AN  - 12345678\nDB  - PubMed\n" in text
    (read,) = _read_back([record])
    assert read.pmid == "12345678"
    assert read.extra == {"DB": ("PubMed",)}


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.ris")))
def test_sample_files_survive_write_and_read(name: str) -> None:
    """file -> records -> RIS -> records: nothing the first import kept is lost."""
    first = read_records(DATA / name).records
    again = _read_back(list(first))
    for original, read in zip(first, again, strict=True):
        _same(original, read)


def test_extras_from_other_formats_are_not_written_as_ris_tags() -> None:
    medline = Record(
        "m",
        title="From MEDLINE",
        provenance=[Provenance(format="medline")],
        extra={"IS": ["1472-6963 (Linking)"], "MH": ["Humans"]},
    )
    review = Review.new("R")
    review.add_record(medline)
    stream = io.BytesIO()
    report = RisExporter().export(review, stream, {})
    text = stream.getvalue().decode("utf-8")
    assert "IS  -" not in text
    assert "MH  -" not in text
    assert report.warnings == (
        "1 value(s) of field 'medline IS' not written: RIS has no tag for it",
        "1 value(s) of field 'medline MH' not written: RIS has no tag for it",
    )


def test_an_er_value_in_extra_does_not_end_the_record() -> None:
    record = Record("x", title="T", extra={"ER": ["oops"], "ST": ["Short"]})
    skipped: dict[str, int] = {}
    (read,) = _read_back_text(record_to_ris(record, skipped))
    assert read.title == "T"
    assert read.extra == {"ST": ("Short",)}
    assert skipped == {"ER": 1}


def _read_back_text(text: str) -> list[Record]:
    return list(read_records(text.encode("utf-8"), format="ris", strict=True).records)
