"""The search strategy and the search runs that carried it out (RAMESES item 8).

A :class:`SearchStrategy` is what the protocol says (window, query, limiters, publication
range); :class:`Source` is every place searched, of every kind (a database, a register, a grey
literature site, a hand-searched journal, citation chasing, a key informant); a
:class:`SearchRun` is one search on one source on one day, with the query as actually typed and
the hits the platform reported, so that hits can be checked against the records imported.

A realist review searches iteratively (RAMESES item 8; Pawson 2006, ch. 4; Booth et al. 2013):
after the main search (round 1) the team searches again, purposively, where the programme
theory needs it. So a run carries its ``round`` and its :class:`SearchPurpose` (free text plus
the CMOCs, themes and theory versions it is meant to test), and a citation search its ``seeds``
(the records whose references or citations were chased) and :class:`ChaseDirection`. Each
:class:`SourceKind` belongs to one :class:`Arm` of the PRISMA 2020 flow: databases and registers,
or "other methods" (citation searching, websites, organisations, experts ...), whose records
enter selection at the stage the review marks with ``other_methods_entry``.
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
    "DATABASE_ARM_KINDS",
    "Arm",
    "ChaseDirection",
    "ConceptBlock",
    "DateWindow",
    "Limiter",
    "LimiterKind",
    "PublicationRange",
    "SearchPurpose",
    "SearchRun",
    "SearchStrategy",
    "Source",
    "SourceKind",
]


class Arm(enum.Enum):
    """The two arms of PRISMA 2020's flow: "identification of new studies via databases and
    registers" and "... via other methods"."""

    DATABASES = "databases"
    OTHER_METHODS = "other-methods"


class SourceKind(enum.Enum):
    """What kind of place a source is (see :attr:`arm` for its PRISMA 2020 arm)."""

    DATABASE = "database"
    REGISTER = "register"
    GREY_LITERATURE = "grey-literature"
    HAND_SEARCH = "hand-search"
    #: citation searching: backward (reference lists) and forward (citing works)
    CITATION_CHASING = "citation-chasing"
    KEY_INFORMANT = "key-informant"
    #: searching an organisation's website or catalogue (PRISMA 2020 "Websites")
    WEBSITE = "website"
    #: documents obtained from an organisation (PRISMA 2020 "Organisations")
    ORGANISATION = "organisation"
    #: documents suggested by content experts or the reference group
    EXPERT_SUGGESTION = "expert-suggestion"
    #: reference lists of included documents, checked by hand
    REFERENCE_LIST = "reference-list"
    #: policy and guidance documents used to build the initial programme theory (RAMESES 12)
    THEORY_GLEANING = "theory-gleaning"
    OTHER = "other"

    @property
    def arm(self) -> Arm:
        """The PRISMA 2020 arm records from this kind of source are counted in."""
        return Arm.DATABASES if self in DATABASE_ARM_KINDS else Arm.OTHER_METHODS

    @property
    def is_citation_search(self) -> bool:
        """Whether runs on this kind of source may name seeds and a direction."""
        return self in (SourceKind.CITATION_CHASING, SourceKind.REFERENCE_LIST)


#: The kinds of source PRISMA 2020 counts in its "databases and registers" arm.
DATABASE_ARM_KINDS: frozenset[SourceKind] = frozenset({SourceKind.DATABASE, SourceKind.REGISTER})


class ChaseDirection(enum.Enum):
    """Which way a citation search goes from its seeds."""

    #: the seeds' reference lists (works the seeds cite)
    BACKWARD = "backward"
    #: works that cite the seeds
    FORWARD = "forward"
    BOTH = "both"

    def covers(self, other: ChaseDirection) -> bool:
        """Whether a run in this direction covers ``other`` (``both`` covers each)."""
        return self is other or self is ChaseDirection.BOTH


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
class SearchPurpose:
    """Why a (purposive, iterative) search was run: what the team wanted to find out, and
    which parts of the programme theory it was meant to test or strengthen.

    :ivar text: the purpose in the team's words ("find evidence on how boundary spanning
        works across organisations").
    :ivar cmoc_ids: CMOCs the search is meant to test, refine or strengthen.
    :ivar theme_ids: themes of the organising framework it is meant to inform.
    :ivar theory_ids: programme theory versions it is meant to test.
    """

    text: str = field(validator=non_empty)
    cmoc_ids: tuple[str, ...] = field(default=(), converter=str_tuple)
    theme_ids: tuple[str, ...] = field(default=(), converter=str_tuple)
    theory_ids: tuple[str, ...] = field(default=(), converter=str_tuple)


def _check_round(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"round must be a whole number from 1 (the main search), not {value!r}")


@frozen
class SearchRun:
    """One search of one source: the query as run, the day, and the hits reported.

    :ivar files: names of the export files imported from this run, for the hits-vs-records check.
    :ivar round: 1 for the main search, 2, 3 ... for the iterative searches that followed.
    :ivar purpose: why the run was done and what part of the theory it was meant to test.
    :ivar seeds: for a citation search, the ids of the records whose references (backward) or
        citing works (forward) were chased.
    :ivar direction: for a citation search, which way it went from the seeds.
    :ivar service: the service that answered (``openalex``, ``crossref``), when one did.
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
    round: int = field(default=1, validator=_check_round)
    purpose: SearchPurpose | None = None
    seeds: tuple[str, ...] = field(default=(), converter=str_tuple)
    direction: ChaseDirection | None = None
    service: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.seeds and self.direction is None:
            raise ValueError(f"search run {self.id!r}: seeds need a direction (backward, forward)")
        if len(set(self.seeds)) != len(self.seeds):
            raise ValueError(f"search run {self.id!r}: a seed is listed twice")
