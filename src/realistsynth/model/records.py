"""Bibliographic records and where each one came from.

A :class:`Record` carries the CSL-like fields a review needs to screen, cite and de-duplicate a
work, plus an ``extra`` mapping that keeps every field of the source file that no mapping knows,
under its original tag: an import never silently drops data. :class:`Provenance` says which
file, which position in it, which source and search run, and the source's own id; a record that
several sources found carries one provenance per finding.

The field set follows CSL-JSON names (``container_title`` for ``container-title`` ...) so that
the mapping to citeproc is one-to-one and documented in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
from attrs import field, frozen

from realistsynth.model.common import PartialDate, PlainData, check_id, str_tuple
from realistsynth.model.search import ChaseDirection


def _name_tuple(items: Iterable[Name]) -> tuple[Name, ...]:
    return tuple(items)


def _provenance_tuple(items: Iterable[Provenance]) -> tuple[Provenance, ...]:
    return tuple(items)


__all__ = ["CSL_TYPES", "Name", "Provenance", "Record"]

#: The item types of CSL 1.0.2; a record's ``type`` is one of them.
CSL_TYPES: frozenset[str] = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)


def _check_name(instance: Name, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if instance.literal is None and not (instance.family or "").strip():
        raise ValueError("a name needs a family name or a literal (organisation) name")
    if instance.literal is not None and (instance.family or instance.given):
        raise ValueError("a literal (organisation) name cannot also have family or given parts")


@frozen
class Name:
    """A person (family and given names) or an organisation (``literal``).

    >>> Name(family="Aunger", given="J.A.").display()
    'Aunger, J.A.'
    >>> Name(literal="NHS England").display()
    'NHS England'
    """

    family: str | None = None
    given: str | None = None
    literal: str | None = field(default=None, validator=_check_name)
    particle: str | None = None
    suffix: str | None = None

    def display(self) -> str:
        """The name as a reference manager lists it: ``Family, Given`` or the literal."""
        if self.literal is not None:
            return self.literal
        family = " ".join(p for p in (self.particle, self.family) if p)
        text = f"{family}, {self.given}" if self.given else family
        return f"{text}, {self.suffix}" if self.suffix else text


@frozen
class Provenance:
    """One finding of a record: the file and position it was read from, and from which search.

    :ivar file: the file name as given on import.
    :ivar sha256: the hex digest of the file's bytes, to tell two files of one name apart.
    :ivar index: the record's 0-based position in the file.
    :ivar line: the 1-based line where the record starts, for formats with lines.
    :ivar format: the importer that read it (``ris``, ``medline`` ...).
    :ivar source_id: the review's :class:`~realistsynth.model.search.Source` it came from.
    :ivar search_run_id: the :class:`~realistsynth.model.search.SearchRun` it came from.
    :ivar source_record_id: the source's own id for the record (RIS ``AN``, a PMID, an
        OpenAlex work id ``W2741809807`` ...).
    :ivar seed_id: for a finding by citation searching, the record whose references
        (backward) or citing works (forward) it was found among.
    :ivar direction: for a finding by citation searching, ``backward`` or ``forward``.
    :ivar query_url: the address of the query that returned it (a web service's URL).
    :ivar retrieved_at: when the service returned it (UTC).
    """

    file: str | None = None
    sha256: str | None = None
    index: int | None = None
    line: int | None = None
    format: str | None = None
    source_id: str | None = None
    search_run_id: str | None = None
    source_record_id: str | None = None
    seed_id: str | None = None
    direction: ChaseDirection | None = None
    query_url: str | None = None
    retrieved_at: dt.datetime | None = None


def _check_type(instance: Record, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in CSL_TYPES:
        raise ValueError(f"record type {value!r} is not a CSL item type")


def _freeze_extra(value: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    return {str(k): tuple(map(str, vs)) for k, vs in value.items()}


@frozen
class Record(PlainData):
    """A bibliographic record: one work as one source described it.

    Only ``id`` is required: a record without a title is still a record (it is counted, shown
    and de-duplicated with care), never dropped.
    """

    id: str = field(validator=check_id)
    type: str = field(default="article-journal", validator=_check_type)
    title: str | None = None
    authors: tuple[Name, ...] = field(default=(), converter=_name_tuple)
    editors: tuple[Name, ...] = field(default=(), converter=_name_tuple)
    issued: PartialDate | None = None
    container_title: str | None = None
    container_title_short: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    issn: tuple[str, ...] = field(default=(), converter=str_tuple)
    isbn: tuple[str, ...] = field(default=(), converter=str_tuple)
    url: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    edition: str | None = None
    number: str | None = None
    abstract: str | None = None
    keywords: tuple[str, ...] = field(default=(), converter=str_tuple)
    language: str | None = None
    note: str | None = None
    provenance: tuple[Provenance, ...] = field(default=(), converter=_provenance_tuple)
    extra: dict[str, tuple[str, ...]] = field(factory=dict, converter=_freeze_extra, hash=False)

    @property
    def year(self) -> int | None:
        """The year of ``issued``, if known."""
        return self.issued.year if self.issued else None

    def label(self) -> str:
        """An author-year label such as ``Aunger et al., 2022`` (no disambiguation)."""
        families = [a.literal or a.family or "" for a in self.authors]
        if not families:
            who = self.title or self.id
        elif len(families) == 1:
            who = families[0]
        elif len(families) == 2:
            who = f"{families[0]} and {families[1]}"
        else:
            who = f"{families[0]} et al."
        return f"{who}, {self.year if self.year is not None else 'n.d.'}"


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """The ``__set__`` of the slot ``name`` of ``cls``: it stores a value without the
    frozen class's ``__setattr__`` (which refuses) and without ``object.__setattr__``'s
    look-up of the name (measured by hand: 27 slots in 0.9 us against 1.5 us)."""
    setter: Callable[[Any, Any], None] = cls.__dict__[name].__set__
    return setter


_new = object.__new__
# one setter per attribute, in the classes' field order; module constants, like the
# converters and validators attrs builds when the classes are defined
(
    _set_id,
    _set_type,
    _set_title,
    _set_authors,
    _set_editors,
    _set_issued,
    _set_container_title,
    _set_container_title_short,
    _set_volume,
    _set_issue,
    _set_pages,
    _set_doi,
    _set_pmid,
    _set_pmcid,
    _set_issn,
    _set_isbn,
    _set_url,
    _set_publisher,
    _set_publisher_place,
    _set_edition,
    _set_number,
    _set_abstract,
    _set_keywords,
    _set_language,
    _set_note,
    _set_provenance,
    _set_extra,
) = (_slot_setter(Record, a.name) for a in attrs.fields(Record))
(
    _set_file,
    _set_sha256,
    _set_index,
    _set_line,
    _set_format,
    _set_source_id,
    _set_search_run_id,
    _set_source_record_id,
    _set_seed_id,
    _set_direction,
    _set_query_url,
    _set_retrieved_at,
) = (_slot_setter(Provenance, a.name) for a in attrs.fields(Provenance))


_set_family, _set_given, _set_literal, _set_particle, _set_suffix = (
    _slot_setter(Name, a.name) for a in attrs.fields(Name)
)


def _unchecked_person(family: str, given: str | None, suffix: str | None = None) -> Name:
    """A person's :class:`Name` without running its validator: for name parsers that have
    made sure ``family`` is not blank (the one rule a person's name has), such as
    :func:`~realistsynth.formats.normalise.split_name`, which parses every distinct author
    of an import (0.3 us against 0.6 us for the validated keyword call)."""
    name = _new(Name)
    _set_family(name, family)
    _set_given(name, given)
    _set_literal(name, None)
    _set_particle(name, None)
    _set_suffix(name, suffix)
    return name


def _unchecked_provenance(
    file: str | None,
    sha256: str | None,
    index: int | None,
    line: int | None,
    format: str | None,
    source_id: str | None,
    search_run_id: str | None,
    source_record_id: str | None,
    seed_id: str | None = None,
    direction: ChaseDirection | None = None,
    query_url: str | None = None,
    retrieved_at: dt.datetime | None = None,
) -> Provenance:
    """A :class:`Provenance` from its values, in field order, without validation
    (it has none to skip: this only spares the generated ``__init__``'s keyword handling,
    measured by hand at half the time of the keyword call: 0.35 us against 0.68 us)."""
    provenance = _new(Provenance)
    _set_file(provenance, file)
    _set_sha256(provenance, sha256)
    _set_index(provenance, index)
    _set_line(provenance, line)
    _set_format(provenance, format)
    _set_source_id(provenance, source_id)
    _set_search_run_id(provenance, search_run_id)
    _set_source_record_id(provenance, source_record_id)
    _set_seed_id(provenance, seed_id)
    _set_direction(provenance, direction)
    _set_query_url(provenance, query_url)
    _set_retrieved_at(provenance, retrieved_at)
    return provenance


def _unchecked_record(
    id: str,
    type: str,
    title: str | None,
    authors: tuple[Name, ...],
    editors: tuple[Name, ...],
    issued: PartialDate | None,
    container_title: str | None,
    container_title_short: str | None,
    volume: str | None,
    issue: str | None,
    pages: str | None,
    doi: str | None,
    pmid: str | None,
    pmcid: str | None,
    issn: tuple[str, ...],
    isbn: tuple[str, ...],
    url: str | None,
    publisher: str | None,
    publisher_place: str | None,
    edition: str | None,
    number: str | None,
    abstract: str | None,
    keywords: tuple[str, ...],
    language: str | None,
    note: str | None,
    provenance: tuple[Provenance, ...],
    extra: dict[str, tuple[str, ...]],
) -> Record:
    """A :class:`Record` from all its values, in field order and of their final types,
    with no conversion and no check at all: the base of :func:`_trusted_record` and of the
    RIS importer's generated record builders, which give values of exactly those types."""
    record = _new(Record)
    _set_id(record, id)
    _set_type(record, type)
    _set_title(record, title)
    _set_authors(record, authors)
    _set_editors(record, editors)
    _set_issued(record, issued)
    _set_container_title(record, container_title)
    _set_container_title_short(record, container_title_short)
    _set_volume(record, volume)
    _set_issue(record, issue)
    _set_pages(record, pages)
    _set_doi(record, doi)
    _set_pmid(record, pmid)
    _set_pmcid(record, pmcid)
    _set_issn(record, issn)
    _set_isbn(record, isbn)
    _set_url(record, url)
    _set_publisher(record, publisher)
    _set_publisher_place(record, publisher_place)
    _set_edition(record, edition)
    _set_number(record, number)
    _set_abstract(record, abstract)
    _set_keywords(record, keywords)
    _set_language(record, language)
    _set_note(record, note)
    _set_provenance(record, provenance)
    _set_extra(record, extra)
    return record


_RECORD_COPIERS = tuple(
    (a.name, _slot_setter(Record, a.name)) for a in attrs.fields(Record) if a.name != "extra"
)


def _with_extra(record: Record, extra: dict[str, tuple[str, ...]]) -> Record:
    """``record`` with ``extra`` in place of its own, every other value as it is, without
    the validators ``attrs.evolve`` would run again over values already checked: for
    importers that learn of more ``extra`` after building a record (Ovid's tag lines after
    ``ER``). ``extra`` must be what ``Record`` would store: text keys, tuples of text."""
    copy = _new(Record)
    for name, setter in _RECORD_COPIERS:
        setter(copy, getattr(record, name))
    _set_extra(copy, extra)
    return copy


def _trusted_record(
    record_id: str,
    provenance: tuple[Provenance, ...],
    fields: dict[str, Any],
    authors: list[Name],
    editors: list[Name],
    keywords: list[str],
    issn: list[str],
    isbn: list[str],
    extra: dict[str, list[str]],
) -> Record:
    """A :class:`Record` built from values an importer has already normalised, without
    running the converters and validators of ``Record.__init__`` again.

    Private to the line-tagged importers (``builtin/_tagged.py``), the one place that builds
    a hundred thousand records in a loop: there, ``id`` is ``<format>-<n>`` (its prefix
    checked once per file), ``type`` comes from a format's CSL mapping (checked again here,
    cheaply), every text value is a ``str``, and the lists hold :class:`Name` objects or
    ``str``; so the validated constructor would only copy them again. What it skips: the
    id pattern check, and turning arbitrary iterables into tuples.

    ``fields`` holds the single-valued fields that are set (absent ones get the class
    defaults); an unknown key, or one of the list fields, raises :class:`TypeError`.
    ``tests/core/test_trusted_record.py`` proves that the result equals (and hashes as) the
    validated construction from the same values, and that it covers every attribute of
    :class:`Record`, so a field added to the class cannot be forgotten here.

    :raises ValueError: ``fields["type"]`` is not a CSL item type.
    """
    get = fields.get
    kind = get("type", "article-journal")
    if kind not in CSL_TYPES:
        raise ValueError(f"record type {kind!r} is not a CSL item type")
    if not _SINGLE_FIELDS.issuperset(fields):
        unknown = sorted(set(fields) - _SINGLE_FIELDS)
        raise TypeError(f"Record field {unknown[0]!r} cannot be given here")
    return _unchecked_record(
        record_id,
        kind,
        get("title"),
        tuple(authors),
        tuple(editors),
        get("issued"),
        get("container_title"),
        get("container_title_short"),
        get("volume"),
        get("issue"),
        get("pages"),
        get("doi"),
        get("pmid"),
        get("pmcid"),
        tuple(issn),
        tuple(isbn),
        get("url"),
        get("publisher"),
        get("publisher_place"),
        get("edition"),
        get("number"),
        get("abstract"),
        tuple(keywords),
        get("language"),
        get("note"),
        provenance,
        {tag: tuple(values) for tag, values in extra.items()},
    )


#: The fields :func:`_trusted_record` takes from its ``fields`` mapping.
_SINGLE_FIELDS = frozenset(
    a.name
    for a in attrs.fields(Record)
    if a.name not in ("id", "provenance", "authors", "editors", "keywords", "issn", "isbn", "extra")
)
