"""The importers' unchecked ``Record`` construction (``model.records._trusted_record``) must
give exactly what the validated constructor gives from the same values, and must set every
attribute of ``Record``."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from core.strategies import provenances, records
from hypothesis import given, settings
from hypothesis import strategies as st

from realistsynth.importing import read_records
from realistsynth.model.records import (
    Name,
    Provenance,
    Record,
    _trusted_record,
    _unchecked_provenance,
    _unchecked_record,
    _with_extra,
)

_LISTS = ("authors", "editors", "keywords", "issn", "isbn")
DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def _rebuild(record: Record, *, with_nones: bool) -> Record:
    """``record`` made again by the unchecked path, from plain lists and dicts."""
    values = attrs.asdict(record, recurse=False)
    single = {
        name: value
        for name, value in values.items()
        if name not in (*_LISTS, "id", "provenance", "extra") and (with_nones or value is not None)
    }
    return _trusted_record(
        record.id,
        record.provenance,
        single,
        list(record.authors),
        list(record.editors),
        list(record.keywords),
        list(record.issn),
        list(record.isbn),
        {tag: list(texts) for tag, texts in record.extra.items()},
    )


@settings(deadline=None)
@given(record=records("ris-1"), with_nones=st.booleans())
def test_unchecked_construction_equals_validated(record: Record, with_nones: bool) -> None:
    rebuilt = _rebuild(record, with_nones=with_nones)
    assert rebuilt == record
    assert hash(rebuilt) == hash(record)
    assert repr(rebuilt) == repr(record)
    for field in attrs.fields(Record):  # same types too: tuples stay tuples, dicts dicts
        assert type(getattr(rebuilt, field.name)) is type(getattr(record, field.name))
    assert attrs.evolve(rebuilt) == record  # and the validated constructor accepts it


def test_every_record_field_is_set() -> None:
    """A field added to ``Record`` must be added to ``_trusted_record`` too: this list is
    the one to update, after the function."""
    assert [f.name for f in attrs.fields(Record)] == [
        "id",
        "type",
        "title",
        "authors",
        "editors",
        "issued",
        "container_title",
        "container_title_short",
        "volume",
        "issue",
        "pages",
        "doi",
        "pmid",
        "pmcid",
        "issn",
        "isbn",
        "url",
        "publisher",
        "publisher_place",
        "edition",
        "number",
        "abstract",
        "keywords",
        "language",
        "note",
        "provenance",
        "extra",
    ]
    bare = _trusted_record("r", (), {}, [], [], [], [], [], {})
    assert bare == Record("r")
    for field in attrs.fields(Record):
        getattr(bare, field.name)  # every slot is filled


def test_unchecked_construction_still_refuses_a_bad_type_or_field() -> None:
    with pytest.raises(ValueError, match="CSL item type"):
        _trusted_record("r", (), {"type": "journal"}, [], [], [], [], [], {})
    with pytest.raises(TypeError, match="authors"):
        _trusted_record("r", (), {"authors": [Name("A")]}, [], [], [], [], [], {})
    with pytest.raises(TypeError, match="colour"):
        _trusted_record("r", (), {"colour": "red"}, [], [], [], [], [], {})


@pytest.mark.parametrize("path", sorted(p for p in DATA.iterdir() if p.suffix != ".md"))
def test_imported_records_pass_the_validated_constructor(path: Path) -> None:
    """What the tagged importers build unchecked, the checked constructor accepts and
    reproduces: the values were valid."""
    for record in read_records(path).records:
        assert attrs.evolve(record) == record
        assert all(isinstance(p, Provenance) for p in record.provenance)


@pytest.mark.parametrize(
    ("cls", "build"), [(Record, _unchecked_record), (Provenance, _unchecked_provenance)]
)
def test_positional_constructors_take_the_fields_in_class_order(
    cls: type[attrs.AttrsInstance], build: Callable[..., object]
) -> None:
    """The positional builders name their parameters after the class's fields, in order;
    a field added, removed or moved in the class fails here until they follow."""
    assert list(inspect.signature(build).parameters) == [f.name for f in attrs.fields(cls)]


@settings(deadline=None)
@given(record=records("ris-7"), provenance=provenances(["s1"], ["r1"]))
def test_positional_constructors_give_the_validated_objects(
    record: Record, provenance: Provenance
) -> None:
    rebuilt = _unchecked_record(*attrs.astuple(record, recurse=False))
    assert rebuilt == record
    assert repr(rebuilt) == repr(record)
    again = _unchecked_provenance(*attrs.astuple(provenance, recurse=False))
    assert again == provenance
    assert hash(again) == hash(provenance)


@given(
    record=records("ris-3"),
    extra=st.dictionaries(
        st.sampled_from(["NL", "L2", "N1"]), st.lists(st.text(max_size=5), max_size=2).map(tuple)
    ),
)
def test_a_record_with_new_extra_equals_the_evolved_one(
    record: Record, extra: dict[str, tuple[str, ...]]
) -> None:
    """``_with_extra`` (an importer's trailer lines) skips the validators: it must give
    what ``attrs.evolve`` gives, equal and hashing the same, every other field kept."""
    copied = _with_extra(record, extra)
    evolved = attrs.evolve(record, extra=extra)
    assert copied == evolved
    assert hash(copied) == hash(evolved)
    assert copied.extra == extra
