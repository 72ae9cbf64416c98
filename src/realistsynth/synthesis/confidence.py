"""Reading confidence assessments: each CMOC of a version with its assessment and the
evidence behind each component.

The assessments themselves are model objects (:class:`~realistsynth.model.ConfidenceAssessment`)
changed through the review; this module puts them beside the CMOCs and the evidence they name,
with each datum's data-level appraisal, for ``theory confidence``, the workbook and the report.
"""

from __future__ import annotations

from attrs import frozen

from realistsynth.model.confidence import ConfidenceAssessment
from realistsynth.model.review import Review
from realistsynth.model.theory import CMOC, EvidenceLink, EvidenceRole
from realistsynth.synthesis.data_appraisal import DatumTrust, appraise_evidence
from realistsynth.synthesis.queries import cmocs_of, evidence_by_cmoc, latest_version, version

__all__ = ["CmocConfidence", "confidence_levels", "confidence_of_version"]


@frozen
class CmocConfidence:
    """One CMOC of a version, its assessment (if any), and its evidence with each datum's
    trust."""

    version_id: str
    cmoc: CMOC
    assessment: ConfidenceAssessment | None
    evidence: tuple[EvidenceLink, ...]
    trust: tuple[tuple[str, DatumTrust], ...]

    def trust_of(self, link_id: str) -> DatumTrust:
        """The data-level trust of one of the CMOC's evidence links."""
        return dict(self.trust).get(link_id, DatumTrust.UNAPPRAISED)

    @property
    def counted_support(self) -> tuple[EvidenceLink, ...]:
        """Supporting links whose data count (trusted or not appraised)."""
        return tuple(
            link
            for link in self.evidence
            if link.role is EvidenceRole.SUPPORTS and self.trust_of(link.id).counts
        )

    @property
    def refuting(self) -> tuple[EvidenceLink, ...]:
        """Links that refute the CMOC."""
        return tuple(link for link in self.evidence if link.role is EvidenceRole.REFUTES)

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        a = self.assessment
        return {
            "version": self.version_id,
            "cmoc": self.cmoc.id,
            "label": self.cmoc.label,
            "evidence": [
                {
                    "link": link.id,
                    "role": link.role.value,
                    "target": link.target.value,
                    "target_id": link.target_id,
                    "trust": self.trust_of(link.id).value,
                }
                for link in self.evidence
            ],
            "assessment": None
            if a is None
            else {
                "approach": a.approach,
                "level": a.level,
                "rationale": a.rationale,
                "assessor": a.assessor,
                "interpreted": a.interpreted,
                "disconfirming": list(a.disconfirming),
                "components": [
                    {
                        "component": c.component,
                        "judgement": c.judgement,
                        "rationale": c.rationale,
                        "interpreted": c.interpreted,
                        "evidence": [
                            {"link": e, "trust": self.trust_of(e).value} for e in c.evidence
                        ],
                    }
                    for c in a.components
                ],
            },
        }


def confidence_of_version(
    review: Review, version_id: str | None = None
) -> tuple[CmocConfidence, ...]:
    """Every CMOC of a version (default: the latest) with its confidence assessment.

    :raises UnknownReferenceError: if the version is unknown.
    """
    if version_id is None:
        latest = latest_version(review)
        if latest is None:
            return ()
        version_id = latest.id
    version(review, version_id)
    evidence = evidence_by_cmoc(review)
    appraisal = appraise_evidence(review)
    out = []
    for cmoc in cmocs_of(review, version_id):
        links = evidence.get(cmoc.id, ())
        out.append(
            CmocConfidence(
                version_id,
                cmoc,
                review.confidence_of(version_id, cmoc.id),
                links,
                tuple((link.id, appraisal[link.id].trust) for link in links),
            )
        )
    return tuple(out)


def confidence_levels(review: Review, version_id: str) -> dict[str, str]:
    """The overall confidence level of each assessed CMOC of a version, by CMOC id."""
    return {a.cmoc_id: a.level for a in review.confidence_assessments if a.version_id == version_id}
