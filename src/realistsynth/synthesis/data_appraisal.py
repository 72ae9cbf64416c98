"""How far each datum behind a CMOC can be trusted, from the data-level appraisal.

Realist reviews judge rigour per data point, not per study (Pawson 2006; Dada et al. 2023):
a fragment of a weak study may be trustworthy and a fragment of a strong one not. A judgement
of an evidence link, or of the coded extract an evidence link points at, against a criterion
that applies to data (the built-in realist rigour) says so. This module reads those
judgements, for every evidence link, into a :class:`DatumTrust`:

* **trusted**: every such judgement is at one of the criterion's passing levels;
* **untrusted**: every one is at a failing level (the datum is *judged not trustworthy*);
* **disputed**: reviewers' judgements pass and fail;
* **unappraised**: no data-level judgement was made.

Untrusted and disputed data are shown as such wherever evidence is counted (``theory show``,
the contribution matrix, the workbook, the report) and are never counted as support; the
document they come from stays in the review. Nothing is stored: trust is computed from the
judgements on each call.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from attrs import field, frozen

from realistsynth.model.appraisal import Judgement, JudgementTarget
from realistsynth.model.review import Review
from realistsynth.model.theory import EvidenceLink, EvidenceRole, EvidenceTarget

__all__ = [
    "DataAppraisal",
    "DatumTrust",
    "appraise_evidence",
    "counted_links",
    "data_judgements",
]


class DatumTrust(enum.Enum):
    """What the data-level appraisal says of one datum."""

    TRUSTED = "trusted"
    UNTRUSTED = "untrusted"
    DISPUTED = "disputed"
    UNAPPRAISED = "unappraised"

    @property
    def counts(self) -> bool:
        """Whether evidence resting on the datum is counted (trusted or not appraised)."""
        return self in (DatumTrust.TRUSTED, DatumTrust.UNAPPRAISED)

    @property
    def label(self) -> str:
        """How the trust reads in tables: "judged not trustworthy", "disputed" ..."""
        return {
            DatumTrust.TRUSTED: "judged trustworthy",
            DatumTrust.UNTRUSTED: "judged not trustworthy",
            DatumTrust.DISPUTED: "trustworthiness disputed",
            DatumTrust.UNAPPRAISED: "not appraised",
        }[self]


@frozen
class DataAppraisal:
    """The trust of one evidence link's datum and the judgements it rests on."""

    link_id: str
    trust: DatumTrust
    judgements: tuple[Judgement, ...] = field(default=())

    @property
    def rationales(self) -> tuple[str, ...]:
        """The judgements' rationales, once each."""
        return tuple(dict.fromkeys(j.rationale for j in self.judgements if j.rationale))


def data_judgements(review: Review, link: EvidenceLink) -> tuple[Judgement, ...]:
    """The data-level judgements bearing on one evidence link: of the link itself and, when it
    points at a coded extract, of that extract."""
    targets = [(JudgementTarget.EVIDENCE, link.id)]
    if link.target is EvidenceTarget.EXTRACT:
        targets.append((JudgementTarget.EXTRACT, link.target_id))
    out: list[Judgement] = []
    for target, target_id in targets:
        out.extend(review.judgements_of(target_id, target))
    return tuple(out)


def _passes(review: Review, judgement: Judgement) -> bool | None:
    cs = review.criteria_sets.get(judgement.criteria_set)
    criterion = cs.criterion(judgement.criterion) if cs else None
    if criterion is None or not criterion.passing:
        return None  # a criterion without passing levels says nothing about trust
    return judgement.level in criterion.passing


def _trust(review: Review, judgements: Iterable[Judgement]) -> DatumTrust:
    verdicts = {_passes(review, j) for j in judgements} - {None}
    if not verdicts:
        return DatumTrust.UNAPPRAISED
    if verdicts == {True}:
        return DatumTrust.TRUSTED
    if verdicts == {False}:
        return DatumTrust.UNTRUSTED
    return DatumTrust.DISPUTED


def appraise_evidence(review: Review) -> Mapping[str, DataAppraisal]:
    """The data appraisal of every evidence link, by link id."""
    out: dict[str, DataAppraisal] = {}
    for link in review.evidence.values():
        judgements = data_judgements(review, link)
        out[link.id] = DataAppraisal(link.id, _trust(review, judgements), judgements)
    return MappingProxyType(out)


def counted_links(
    links: Iterable[EvidenceLink],
    appraisal: Mapping[str, DataAppraisal],
    role: EvidenceRole | None = None,
) -> tuple[EvidenceLink, ...]:
    """The links whose data count (see :attr:`DatumTrust.counts`), optionally of one role."""
    return tuple(
        link
        for link in links
        if (role is None or link.role is role)
        and (link.id not in appraisal or appraisal[link.id].trust.counts)
    )
