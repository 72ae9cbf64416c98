"""Consultations: the people a review talked to and what their input changed.

Realist reviews, and rapid realist reviews above all, are shaped by the people consulted: a
local reference group, content experts, key informants, workshops, patient and public
involvement (Saul et al. 2013; RAMESES item 7 asks how such input changed the review). A
:class:`Consultation` records one such occasion: when, of which kind, who took part (as
anonymised groups, a role and a count; names only when the review says they may be given), the
theory version shown, what came back, and the version it helped build. Which refinement
outcomes it informed is not stored here but on the outcomes themselves
(:attr:`~realistsynth.model.RefinementOutcome.consultations`), as outcomes cite evidence: a
fact is stored once, and :meth:`realistsynth.model.Review.outcomes_informed_by` reads it back.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs
from attrs import field, frozen

from realistsynth.model.common import PartialDate, check_id, non_empty, str_tuple

__all__ = ["Consultation", "ConsultationKind", "ParticipantGroup"]


class ConsultationKind(enum.Enum):
    """Who was consulted, by the roles rapid realist reviews name (Saul et al. 2013)."""

    REFERENCE_GROUP = "reference-group"
    CONTENT_EXPERT = "content-expert"
    KEY_INFORMANT = "key-informant"
    WORKSHOP = "workshop"
    PATIENT_PUBLIC = "patient-and-public-involvement"


@frozen
class ParticipantGroup:
    """Anonymised participants: a role and how many, when known (``None``: not reported)."""

    role: str = field(validator=non_empty)
    count: int | None = field(
        default=None,
        validator=attrs.validators.optional(
            attrs.validators.and_(attrs.validators.instance_of(int), attrs.validators.ge(1))
        ),
    )


def _groups(items: Iterable[ParticipantGroup]) -> tuple[ParticipantGroup, ...]:
    return tuple(items)


@frozen
class Consultation:
    """One consultation of people outside the review team.

    :ivar participants: who took part, as anonymised groups.
    :ivar names_disclosed: the participants agreed to be named and the review names them in
        ``participant_names``; without it, names are refused.
    :ivar informant_ids: the review's (anonymised) informants who took part, when their words
        are kept as quotations.
    :ivar version_shown: the theory version put to the participants, if any.
    :ivar feedback: what was fed back.
    :ivar contributed_to: the theory version their input helped build.
    """

    id: str = field(validator=check_id)
    kind: ConsultationKind
    title: str = field(validator=non_empty)
    date: PartialDate | None = None
    participants: tuple[ParticipantGroup, ...] = field(default=(), converter=_groups)
    names_disclosed: bool = False
    participant_names: tuple[str, ...] = field(default=(), converter=str_tuple)
    informant_ids: tuple[str, ...] = field(default=(), converter=str_tuple)
    version_shown: str | None = None
    feedback: str | None = None
    contributed_to: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.participant_names and not self.names_disclosed:
            raise ValueError(
                f"consultation {self.id!r} names participants: set names_disclosed only when "
                "they agreed to be named, or record them as anonymised groups"
            )
        if len(set(self.informant_ids)) != len(self.informant_ids):
            raise ValueError(f"consultation {self.id!r} lists an informant twice")

    @property
    def participant_count(self) -> int | None:
        """How many took part in all (``None`` when a group's count is not reported)."""
        counts = [g.count for g in self.participants]
        if not counts or any(c is None for c in counts):
            return None
        return sum(c for c in counts if c is not None)
