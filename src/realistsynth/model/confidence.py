"""Confidence in CMOCs: approaches (from plugins) and a review's assessment of each CMOC.

A realist review states how much confidence it has in each CMOC of its programme theory, and
why: the number of sources behind a CMOC is not the strength of the evidence for it. How the
judgement is structured is a method choice, so it is pluggable. A
:class:`ConfidenceApproach` names its components (GRADE-CERQual's methodological limitations,
coherence, adequacy and relevance, adapted to CMOCs; or the explanatory-coherence criteria
consilience, simplicity and analogy), the scale each component is judged on, and the overall
levels, highest first. A review adopts a copy of the approach it uses, as it does criteria
sets, so that its file reads the same without the plugin.

A :class:`ConfidenceAssessment` of one CMOC *in one theory version* gives a judgement and a
rationale for every component, with the evidence links behind each, the disconfirming
evidence considered, and the overall level. ``interpreted`` marks a rationale that is the
assessor's reading rather than the words of the review's authors (the worked example's
assessments are our reading of a published paper).
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import field, frozen

from realistsynth.model.common import check_id, non_empty, str_tuple

__all__ = [
    "ComponentJudgement",
    "ConfidenceApproach",
    "ConfidenceAssessment",
    "ConfidenceComponent",
]


def _components(items: Iterable[ConfidenceComponent]) -> tuple[ConfidenceComponent, ...]:
    return tuple(items)


def _judgements(items: Iterable[ComponentJudgement]) -> tuple[ComponentJudgement, ...]:
    return tuple(items)


@frozen
class ConfidenceComponent:
    """One component of a confidence approach, with the scale it is judged on.

    :ivar scale: the allowed judgements, from least to most concern (or strongest to weakest).
    """

    id: str = field(validator=check_id)
    name: str = field(validator=non_empty)
    question: str = field(validator=non_empty)
    scale: tuple[str, ...] = field(converter=str_tuple)
    guidance: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.scale:
            raise ValueError(f"confidence component {self.id!r} has an empty scale")


@frozen
class ConfidenceApproach:
    """A way of judging confidence in a CMOC: its components and overall levels.

    :ivar levels: the overall levels, highest confidence first (``high``, ``moderate`` ...).
    """

    name: str = field(validator=check_id)
    title: str = field(validator=non_empty)
    components: tuple[ConfidenceComponent, ...] = field(converter=_components)
    levels: tuple[str, ...] = field(converter=str_tuple)
    citation: str | None = None
    guidance: str | None = None

    def __attrs_post_init__(self) -> None:
        ids = [c.id for c in self.components]
        if not ids or len(set(ids)) != len(ids):
            raise ValueError(f"confidence approach {self.name!r} needs distinct components")
        if not self.levels or len(set(self.levels)) != len(self.levels):
            raise ValueError(f"confidence approach {self.name!r} needs distinct overall levels")

    def component(self, component_id: str) -> ConfidenceComponent | None:
        """The component with ``component_id``, if the approach has it."""
        return next((c for c in self.components if c.id == component_id), None)

    @property
    def highest(self) -> str:
        """The highest overall level."""
        return self.levels[0]


@frozen
class ComponentJudgement:
    """The judgement of one component for one CMOC, its rationale and the evidence behind it.

    :ivar evidence: ids of the evidence links the judgement rests on.
    :ivar interpreted: the rationale is the assessor's reading, not the authors' words.
    """

    component: str = field(validator=check_id)
    judgement: str = field(validator=non_empty)
    rationale: str = field(validator=non_empty)
    evidence: tuple[str, ...] = field(default=(), converter=str_tuple)
    interpreted: bool = False


@frozen
class ConfidenceAssessment:
    """How much confidence the review has in one CMOC of one theory version, and why.

    :ivar components: one judgement per component of the approach.
    :ivar level: the overall level, one of the approach's levels.
    :ivar disconfirming: ids of the evidence links that refute or complicate the CMOC and
        were considered.
    :ivar assessor: the reviewer who made the assessment (initials).
    """

    version_id: str = field(validator=check_id)
    cmoc_id: str = field(validator=check_id)
    approach: str = field(validator=check_id)
    components: tuple[ComponentJudgement, ...] = field(converter=_judgements)
    level: str = field(validator=non_empty)
    rationale: str | None = None
    disconfirming: tuple[str, ...] = field(default=(), converter=str_tuple)
    assessor: str | None = None
    interpreted: bool = False

    def __attrs_post_init__(self) -> None:
        ids = [c.component for c in self.components]
        if len(set(ids)) != len(ids):
            raise ValueError(f"the assessment of {self.cmoc_id!r} judges a component twice")

    @property
    def key(self) -> tuple[str, str]:
        """(version id, CMOC id): one assessment of a CMOC per version."""
        return (self.version_id, self.cmoc_id)

    def judgement(self, component_id: str) -> ComponentJudgement | None:
        """The judgement of one component, if made."""
        return next((c for c in self.components if c.component == component_id), None)

    @property
    def evidence(self) -> tuple[str, ...]:
        """Every evidence link the assessment names, once each, in order."""
        ids = [e for c in self.components for e in c.evidence] + list(self.disconfirming)
        return tuple(dict.fromkeys(ids))

    @property
    def text(self) -> str:
        """Every rationale of the assessment, joined (what a reader of it sees)."""
        parts = [self.rationale or ""] + [c.rationale for c in self.components]
        return " ".join(p for p in parts if p)
