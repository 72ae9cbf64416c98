"""Confirmations of reporting-standard items: a person says where the manuscript reports one.

A reporting standard (RAMESES for realist syntheses, RAMESES II for realist evaluations ...)
asks, item by item, whether the manuscript reports it and on which page or in which section.
A review's data can *suggest* that an item is covered (a search strategy is recorded, so item
8 may be reportable), but only a person reading the manuscript can say that it *is* reported.
An :class:`ItemConfirmation` records that answer, in the standard's own form (reported: yes /
no / unclear, and the page or section), with who gave it and when. A standard that rates its
items on a scale (the RAMESES quality standards rate each criterion inadequate, adequate, good
or excellent; Wong et al. 2014) gets the level in ``rating``, beside the answer: which levels a
standard has is the standard's business, so :meth:`~realistsynth.model.Review.confirm_item`
checks the rating against the standard it is given.

The standards themselves are :class:`ReportingStandard` definitions contributed by plugins
(the built-in RAMESES, RAMESES II and RAMESES quality standards are plugins too; the hook's
contract re-exports them from :mod:`realistsynth.protocols`). They are pure data defined here,
beside the confirmations, so that :meth:`~realistsynth.model.Review.confirm_item` can take a
standard to check a confirmation against.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from attrs import field, frozen

from realistsynth.model.common import check_id, non_empty, str_tuple

__all__ = ["ItemConfirmation", "Reported", "ReportingStandard", "StandardItem"]


class Reported(enum.Enum):
    """The answer form of a reporting checklist: is the item reported?"""

    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


@frozen
class ItemConfirmation:
    """A person's answer for one item of one reporting standard.

    :ivar standard: the standard's name (``rameses``, ``rameses-ii`` ...).
    :ivar item: the item's key within the standard (``searching``) .
    :ivar where: the page or section of the manuscript that reports it (required for ``yes``).
    :ivar by: the reviewer (initials) who confirmed it.
    :ivar at: when (UTC).
    :ivar note: a note on the answer.
    :ivar rating: the level the item is rated on the standard's scale (``good``), for a
        standard that declares one (:attr:`ReportingStandard.ratings`); ``None``: not
        rated.
    """

    standard: str = field(validator=check_id)
    item: str = field(validator=check_id)
    reported: Reported
    by: str = field(validator=check_id)
    at: dt.datetime
    where: str | None = None
    note: str | None = None
    rating: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.rating is not None and not self.rating.strip():
            raise ValueError(f"item {self.item!r}: a rating cannot be empty (leave it out)")
        if self.reported is Reported.YES and not (self.where or "").strip():
            raise ValueError(
                f"item {self.item!r} is confirmed as reported: say on which page or in which "
                "section"
            )

    @property
    def key(self) -> tuple[str, str]:
        """(standard, item)."""
        return (self.standard, self.item)


def _items(items: Iterable[StandardItem]) -> tuple[StandardItem, ...]:
    return tuple(items)


@frozen
class StandardItem:
    """One item of a reporting standard.

    :ivar number: the item's number as the standard prints it (``"8"``, ``"2a"``); empty for
        a section of a report that is no item of the standard (the reference list).
    :ivar key: a stable id, used by confirmations (``searching``).
    :ivar section: the part of the manuscript it belongs to (``Methods``).
    :ivar asks: what the item asks, paraphrased in full (no part left out).
    :ivar topics: which review data can suggest that the item is covered (``search``,
        ``flow``, ``findings`` ...; see :mod:`realistsynth.report.rameses`).
    :ivar shows: which review content the report places under the item (the same topic
        names; an abstract may be *suggested* by the search without showing it again).
    """

    number: str
    key: str = field(validator=check_id)
    section: str = field(validator=non_empty)
    title: str = field(validator=non_empty)
    asks: str = field(validator=non_empty)
    topics: tuple[str, ...] = field(default=(), converter=str_tuple)
    shows: tuple[str, ...] = field(default=(), converter=str_tuple)


@frozen
class ReportingStandard:
    """A reporting (or quality) standard as a checklist of items, with its citation.

    :ivar answer: what a person answers per item: ``reported`` (yes / no / unclear and the
        page or section, the publication standards' form) or ``met`` for quality standards
        (whose answers are read as: the review meets the item, on that page or section).
    :ivar ratings: the levels a person may rate each item on, beside the answer, in order
        from worst to best (the RAMESES quality standards' ``inadequate``, ``adequate``,
        ``good``, ``excellent``); empty for a standard without a rating scale (the
        publication standards), which then refuses any rating.
    """

    name: str = field(validator=check_id)
    title: str = field(validator=non_empty)
    items: tuple[StandardItem, ...] = field(converter=_items)
    citation: str | None = None
    applies_to: str | None = None
    answer: str = "reported"
    ratings: tuple[str, ...] = field(default=(), converter=str_tuple)

    def __attrs_post_init__(self) -> None:
        keys = [i.key for i in self.items]
        if not keys or len(set(keys)) != len(keys):
            raise ValueError(f"reporting standard {self.name!r} needs items with distinct keys")
        if any(not level.strip() for level in self.ratings) or len(set(self.ratings)) != len(
            self.ratings
        ):
            raise ValueError(
                f"reporting standard {self.name!r} needs distinct, non-empty rating levels"
            )

    def item(self, key_or_number: str) -> StandardItem | None:
        """The item with this key or number, if the standard has it."""
        return next((i for i in self.items if key_or_number in (i.key, i.number)), None)
