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

The standards themselves are :class:`~realistsynth.protocols.ReportingStandard` definitions
contributed by plugins (the built-in RAMESES, RAMESES II and RAMESES quality standards are
plugins too).
"""

from __future__ import annotations

import datetime as dt
import enum

from attrs import field, frozen

from realistsynth.model.common import check_id

__all__ = ["ItemConfirmation", "Reported"]


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
        standard that declares one (:attr:`ReportingStandard.ratings
        <realistsynth.protocols.ReportingStandard.ratings>`); ``None``: not rated.
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
