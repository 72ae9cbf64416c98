"""The search strategy and the search runs that carried it out (RAMESES item 8).

A :class:`SearchStrategy` is what the protocol says (window, query, limiters, publication
range); :class:`Source` is every place searched, of every kind (a database, a register, a grey
literature site, a hand-searched journal, citation chasing, a key informant); a
:class:`SearchRun` is one search on one source on one day, with the query as actually typed and
the hits the platform reported, so that hits can be checked against the records imported.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field, frozen

from realistsynth.model.common import PartialDate, check_id, non_empty, str_tuple


def _conceptblock_tuple(items: Iterable[ConceptBlock]) -> tuple[ConceptBlock, ...]:
    return tuple(items)


def _limiter_tuple(items: Iterable[Limiter]) -> tuple[Limiter, ...]:
    return tuple(items)


__all__ = [
    "ConceptBlock",
    "DateWindow",
    "Limiter",
    "LimiterKind",
    "PublicationRange",
    "SearchRun",
    "SearchStrategy",
    "Source",
    "SourceKind",
]


class SourceKind(enum.Enum):
    """What kind of place a source is."""

    DATABASE = "database"
    REGISTER = "register"
    GREY_LITERATURE = "grey-literature"
    HAND_SEARCH = "hand-search"
    CITATION_CHASING = "citation-chasing"
    KEY_INFORMANT = "key-informant"
    OTHER = "other"


class LimiterKind(enum.Enum):
    """What a limiter restricts."""

    LANGUAGE = "language"
    PUBLICATION_TYPE = "publication-type"
    FIELD = "field"
    OTHER = "other"


def _check_window(instance: Any, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
    if value is not None and instance.start is not None and value < instance.start:
        raise ValueError(f"window ends ({value}) before it starts ({instance.start})")


@frozen
class DateWindow:
    """The days on which searching was done (``start`` and ``end`` inclusive)."""

    start: dt.date | None = None
    end: dt.date | None = field(default=None, validator=_check_window)

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the window (open ends admit everything)."""
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@frozen
class PublicationRange:
    """The publication dates searched for, with the reason (``note``) reviewers gave."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    note: str | None = None


@frozen
class Limiter:
    """A restriction applied to every search (``English language only``, ``Abstract`` ...)."""

    kind: LimiterKind
    value: str = field(validator=non_empty)


@frozen
class ConceptBlock:
    """One concept of a block-structured strategy and its query text."""

    name: str = field(validator=non_empty)
    query: str = field(validator=non_empty)


@frozen
class SearchStrategy:
    """The search as planned: what was searched for, when, with which limits."""

    window: DateWindow | None = None
    query: str | None = None
    concept_blocks: tuple[ConceptBlock, ...] = field(default=(), converter=_conceptblock_tuple)
    limiters: tuple[Limiter, ...] = field(default=(), converter=_limiter_tuple)
    publication_range: PublicationRange | None = None
    note: str | None = None


@frozen
class Source:
    """A place searched: a database, register, website, journal, informant ..."""

    id: str = field(validator=check_id)
    name: str = field(validator=non_empty)
    kind: SourceKind = SourceKind.DATABASE
    platform: str | None = None
    url: str | None = None
    note: str | None = None


@frozen
class SearchRun:
    """One search of one source: the query as run, the day, and the hits reported.

    :ivar files: names of the export files imported from this run, for the hits-vs-records check.
    """

    id: str = field(validator=check_id)
    source_id: str = field(validator=check_id)
    date: dt.date | None = None
    platform: str | None = None
    query: str | None = None
    hits: int | None = field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(0))
    )
    files: tuple[str, ...] = field(default=(), converter=str_tuple)
    note: str | None = None
