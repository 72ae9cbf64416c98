"""CMO configurations, programme theories in versions, evidence, and refinement lineage.

A :class:`CMOC` is a statement in four parts (context, mechanism-resource,
mechanism-reasoning, outcome; ICAMO adds intervention and actor) with a narrative whose
citations are markers such as ``[@aunger2022]`` that resolve to records. A
:class:`TheoryVersion` (the initial rough programme theory, a refined one, later iterations)
groups CMOCs under the themes of an :class:`OrganisingFramework` and states each theme.
A :class:`Refinement` from one version to the next gives every prior CMOC exactly one
:class:`RefinementOutcome`; lineage (ancestors, descendants) is computed from those outcomes.
:class:`EvidenceLink` ties a CMOC to a record, an extract or a quotation, with its role.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

from attrs import field, frozen

from realistsynth.model.common import PlainData, check_id, non_empty, str_tuple
from realistsynth.model.extraction import Memo


def _memos(items: Iterable[Memo]) -> tuple[Memo, ...]:
    return tuple(items)


def _refinementoutcome_tuple(items: Iterable[RefinementOutcome]) -> tuple[RefinementOutcome, ...]:
    return tuple(items)


def _theme_tuple(items: Iterable[Theme]) -> tuple[Theme, ...]:
    return tuple(items)


def _statements(items: Iterable[ThemeStatement]) -> tuple[ThemeStatement, ...]:
    return tuple(items)


__all__ = [
    "CITATION_MARKER",
    "CMOC",
    "EvidenceLink",
    "EvidenceRole",
    "EvidenceTarget",
    "OrganisingFramework",
    "OutcomeKind",
    "Refinement",
    "RefinementOutcome",
    "Theme",
    "ThemeStatement",
    "TheoryVersion",
    "VersionKind",
    "cited_keys",
]

#: A citation marker in a narrative: ``[@key]`` or ``[@key1; @key2, p. 3]``.
CITATION_MARKER = re.compile(r"\[(@[^\[\]]+)\]")
_KEY = re.compile(r"@([A-Za-z0-9][A-Za-z0-9._:\-]*)")


@frozen
class Theme:
    """One theme of an organising framework."""

    id: str = field(validator=check_id)
    name: str = field(validator=non_empty)
    description: str | None = None


@frozen
class OrganisingFramework:
    """A framework whose themes organise a programme theory (contributed by plugins)."""

    name: str = field(validator=check_id)
    title: str = field(validator=non_empty)
    themes: tuple[Theme, ...] = field(default=(), converter=_theme_tuple)
    citation: str | None = None

    def __attrs_post_init__(self) -> None:
        ids = [t.id for t in self.themes]
        if len(set(ids)) != len(ids):
            raise ValueError(f"framework {self.name!r} repeats a theme id")

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with ``theme_id``, if the framework has it."""
        return next((t for t in self.themes if t.id == theme_id), None)


def cited_keys(text: str | None) -> tuple[str, ...]:
    """The record keys cited by ``[@key]`` markers in ``text``, in order, once each.

    >>> cited_keys("as shown [@aunger2022; @sims2021, p. 3] and [@aunger2022]")
    ('aunger2022', 'sims2021')
    """
    keys: dict[str, None] = {}
    for marker in CITATION_MARKER.findall(text or ""):
        for key in _KEY.findall(marker):
            keys.setdefault(key.rstrip(".:-"), None)
    return tuple(keys)


@frozen
class CMOC(PlainData):
    """A context-mechanism-outcome configuration.

    ``intervention`` and ``actor`` are used by the ICAMO heuristic and empty otherwise;
    ``memos`` keep the team's reasoning about the configuration (retroduction, doubts).
    """

    id: str = field(validator=check_id)
    context: str | None = None
    mechanism_resource: str | None = None
    mechanism_reasoning: str | None = None
    outcome: str | None = None
    theme_id: str | None = None
    label: str | None = None
    statement: str | None = None
    narrative: str | None = None
    intervention: str | None = None
    actor: str | None = None
    memos: tuple[Memo, ...] = field(default=(), converter=_memos)

    def __attrs_post_init__(self) -> None:
        parts = (self.context, self.mechanism_resource, self.mechanism_reasoning, self.outcome)
        if not any(parts) and not self.statement:
            raise ValueError(f"CMOC {self.id!r} has neither parts nor a statement")

    def cited_keys(self) -> tuple[str, ...]:
        """The record keys cited in the narrative's ``[@key]`` markers, in order, once each."""
        return cited_keys(self.narrative)


class VersionKind(enum.Enum):
    """Where a programme theory version stands in the review."""

    INITIAL = "initial"
    REFINED = "refined"
    ITERATION = "iteration"


@frozen
class ThemeStatement:
    """The programme theory's statement for one theme, in one version (the paper's Table 2)."""

    theme_id: str = field(validator=check_id)
    text: str = field(validator=non_empty)


@frozen
class TheoryVersion(PlainData):
    """One version of the programme theory: its CMOCs and theme statements."""

    id: str = field(validator=check_id)
    name: str = field(validator=non_empty)
    kind: VersionKind = VersionKind.INITIAL
    cmoc_ids: tuple[str, ...] = field(default=(), converter=str_tuple)
    theme_statements: tuple[ThemeStatement, ...] = field(default=(), converter=_statements)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if len(set(self.cmoc_ids)) != len(self.cmoc_ids):
            raise ValueError(f"theory version {self.id!r} lists a CMOC twice")
        themes = [s.theme_id for s in self.theme_statements]
        if len(set(themes)) != len(themes):
            raise ValueError(f"theory version {self.id!r} states a theme twice")

    def statement(self, theme_id: str) -> str | None:
        """The statement for ``theme_id`` in this version, if any."""
        return next((s.text for s in self.theme_statements if s.theme_id == theme_id), None)


class OutcomeKind(enum.Enum):
    """What became of a prior CMOC when the theory was refined.

    Untested is not refuted: a CMOC for which the review found no evidence either way is
    **not tested**, and stays a candidate for later reviews; only evidence against it makes it
    **refuted**. The values are stable lowercase strings (the project file, ``theory diff
    --json``). The names of earlier releases (``SUPPORTED_REFINED``, ``NO_EVIDENCE`` ...) are
    aliases, and their old values (``"no-evidence"``) are still read.
    """

    #: evidence supports it as it stands (it is carried into the next version unchanged).
    SUPPORTED = "supported"
    #: evidence supports it in a revised form (one CMOC of the next version).
    REVISED = "revised"
    #: it was merged with other CMOCs into one CMOC of the next version.
    MERGED = "merged"
    #: it was split into two or more CMOCs of the next version.
    SPLIT = "split"
    #: evidence contradicts it: it is not carried forward.
    REFUTED = "refuted"
    #: no evidence was found either way: not carried forward, and not refuted either.
    NOT_TESTED = "not-tested"

    # the names of earlier releases
    SUPPORTED_UNCHANGED = "supported"  # noqa: PIE796 (an alias)
    SUPPORTED_REFINED = "revised"  # noqa: PIE796 (an alias)
    MERGED_INTO = "merged"  # noqa: PIE796 (an alias)
    SPLIT_INTO = "split"  # noqa: PIE796 (an alias)
    NO_EVIDENCE = "not-tested"  # noqa: PIE796 (an alias)

    @classmethod
    def _missing_(cls, value: object) -> OutcomeKind | None:
        return _OLD_OUTCOME_VALUES.get(value) if isinstance(value, str) else None

    @property
    def label(self) -> str:
        """The kind in words: ``not tested``, ``revised`` ..."""
        return self.value.replace("-", " ")

    @property
    def target_count(self) -> tuple[int, int | None]:
        """How many targets the outcome takes: (at least, at most or ``None`` for any)."""
        return {
            OutcomeKind.SUPPORTED: (1, 1),
            OutcomeKind.REVISED: (1, 1),
            OutcomeKind.MERGED: (1, 1),
            OutcomeKind.SPLIT: (2, None),
            OutcomeKind.NOT_TESTED: (0, 0),
            OutcomeKind.REFUTED: (0, 0),
        }[self]


#: The values earlier releases stored, read as today's kinds.
_OLD_OUTCOME_VALUES: dict[str, OutcomeKind] = {
    "supported-unchanged": OutcomeKind.SUPPORTED,
    "supported-refined": OutcomeKind.REVISED,
    "merged-into": OutcomeKind.MERGED,
    "split-into": OutcomeKind.SPLIT,
    "no-evidence": OutcomeKind.NOT_TESTED,
}


@frozen
class RefinementOutcome:
    """The fate of one prior CMOC: its outcome, the CMOCs it became, and why.

    ``consultations`` are the ids of the consultations that informed the outcome, cited as an
    outcome cites evidence (see :class:`~realistsynth.model.Consultation`).
    """

    cmoc_id: str = field(validator=check_id)
    kind: OutcomeKind
    rationale: str = field(validator=non_empty)
    targets: tuple[str, ...] = field(default=(), converter=str_tuple)
    consultations: tuple[str, ...] = field(default=(), converter=str_tuple)

    def __attrs_post_init__(self) -> None:
        low, high = self.kind.target_count
        n = len(self.targets)
        if n < low or (high is not None and n > high):
            want = f"{low}" if low == high else f"at least {low}"
            raise ValueError(
                f"outcome {self.kind.value} of {self.cmoc_id!r} takes {want} target(s), got {n}"
            )


@frozen
class Refinement:
    """The move from one theory version to the next, one outcome per prior CMOC."""

    from_version: str = field(validator=check_id)
    to_version: str = field(validator=check_id)
    outcomes: tuple[RefinementOutcome, ...] = field(default=(), converter=_refinementoutcome_tuple)
    note: str | None = None

    def outcome(self, cmoc_id: str) -> RefinementOutcome | None:
        """The outcome recorded for prior CMOC ``cmoc_id``, if any."""
        return next((o for o in self.outcomes if o.cmoc_id == cmoc_id), None)


class EvidenceRole(enum.Enum):
    """What a piece of evidence does for a CMOC."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    REFINES = "refines"
    CONTEXTUALISES = "contextualises"


class EvidenceTarget(enum.Enum):
    """What kind of thing a piece of evidence is."""

    RECORD = "record"
    EXTRACT = "extract"
    QUOTATION = "quotation"


@frozen
class EvidenceLink(PlainData):
    """Evidence for (or against) a CMOC: a record, an extract or a quotation."""

    id: str = field(validator=check_id)
    cmoc_id: str = field(validator=check_id)
    target: EvidenceTarget
    target_id: str = field(validator=check_id)
    role: EvidenceRole = EvidenceRole.SUPPORTS
    note: str | None = None
