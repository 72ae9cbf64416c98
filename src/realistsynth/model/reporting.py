"""Confirmations of reporting-standard items: a person says where the manuscript reports one.

A reporting standard (RAMESES for realist syntheses, RAMESES II for realist evaluations ...)
asks, item by item, whether the manuscript reports it and on which page or in which section.
A review's data can *suggest* that an item is covered (a search strategy is recorded, so item
8 may be reportable), but only a person reading the manuscript can say that it *is* reported.
An :class:`ItemConfirmation` records that answer, in the standard's own form (reported: yes /
no / unclear, and the page or section), with who gave it and when.

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
    """

    standard: str = field(validator=check_id)
    item: str = field(validator=check_id)
    reported: Reported
    by: str = field(validator=check_id)
    at: dt.datetime
    where: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.reported is Reported.YES and not (self.where or "").strip():
            raise ValueError(
                f"item {self.item!r} is confirmed as reported: say on which page or in which "
                "section"
            )

    @property
    def key(self) -> tuple[str, str]:
        """(standard, item)."""
        return (self.standard, self.item)
