"""The programme theory as a graph: typed links between CMOCs, and the substantive or
middle-range theories the programme theory draws on.

A realist programme theory is not a list of CMOCs. The outcome of one CMOC can be the context
of the next (chained, or "ripple", CMOCs: Jagosh et al. 2015), one CMOC can sit inside
another, two can compete as rival explanations of the same outcome, and one can moderate
whether another fires. A :class:`CMOCLink` records one such relation between two CMOCs *of the
same theory version* (links belong to a version: the refined theory can chain its CMOCs
differently from the initial one). Its kind is a :class:`LinkKind` by name: the four built in
here, or one a plugin contributes through ``realistsynth_register_link_kinds`` and the review
adopts (a copy, like a criteria set, so the project file reads without the plugin).

A :class:`MiddleRangeTheory` is a substantive theory (systems leadership, diffusion of
innovations ...) with what it was used for: each :class:`TheoryUse` ties it to a CMOC or a
theme with the role it played (framed the initial theory, used to interpret, tested against).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from attrs import field, frozen

from realistsynth.model.common import check_id, non_empty
from realistsynth.model.theory import EvidenceRole, EvidenceTarget

__all__ = [
    "BUILTIN_LINK_KINDS",
    "LEADS_TO",
    "MODERATES",
    "NESTED_IN",
    "RIVAL_OF",
    "CMOCLink",
    "LinkEvidence",
    "LinkKind",
    "MiddleRangeTheory",
    "TheoryRole",
    "TheoryUse",
]


@frozen
class LinkKind:
    """A kind of relation between two CMOCs.

    :ivar name: the id links use (``leads-to``).
    :ivar title: how people read it (``leads to``), used as the edge label of diagrams.
    :ivar directed: ``False`` for symmetric relations (``rival-of``): the order of the two
        CMOCs carries no meaning, and a link and its mirror are the same link.
    :ivar acyclic: links of this kind must not form a cycle within one version ...
    :ivar feedback_loops: ... unless one link of the cycle is marked as a deliberate
        feedback loop (allowed only when this is ``True``).
    """

    name: str = field(validator=check_id)
    title: str = field(validator=non_empty)
    description: str | None = None
    directed: bool = True
    acyclic: bool = False
    feedback_loops: bool = False

    def __attrs_post_init__(self) -> None:
        if self.feedback_loops and not self.acyclic:
            raise ValueError(
                f"link kind {self.name!r}: feedback loops only mean something when "
                "the kind is acyclic"
            )
        if self.acyclic and not self.directed:
            raise ValueError(f"link kind {self.name!r}: an undirected kind cannot be acyclic")


#: The outcome of the first CMOC is (part of) the context of the second: a chain of CMOCs.
LEADS_TO = LinkKind(
    "leads-to",
    "leads to",
    "The outcome of the first CMOC is (part of) the context of the second (chained or "
    "'ripple' CMOCs).",
    acyclic=True,
    feedback_loops=True,
)
#: The first CMOC operates inside the second (a finer-grained configuration of it).
NESTED_IN = LinkKind(
    "nested-in",
    "nested in",
    "The first CMOC operates within the second, as a finer-grained configuration of it.",
    acyclic=True,
)
#: The two CMOCs offer competing explanations of the same outcome.
RIVAL_OF = LinkKind(
    "rival-of",
    "rival of",
    "The two CMOCs offer competing explanations of the same outcome pattern.",
    directed=False,
)
#: The first CMOC changes whether (or how strongly) the second's mechanism fires.
MODERATES = LinkKind(
    "moderates",
    "moderates",
    "The first CMOC changes whether, or how strongly, the mechanism of the second fires.",
)

#: The link kinds every review knows without adopting them.
BUILTIN_LINK_KINDS: tuple[LinkKind, ...] = (LEADS_TO, NESTED_IN, RIVAL_OF, MODERATES)


@frozen
class LinkEvidence:
    """Evidence for (or against) a link: a record, an extract or a quotation, with its role."""

    target: EvidenceTarget
    target_id: str = field(validator=check_id)
    role: EvidenceRole = EvidenceRole.SUPPORTS
    note: str | None = None


def _link_evidence(items: Iterable[LinkEvidence]) -> tuple[LinkEvidence, ...]:
    return tuple(items)


@frozen
class CMOCLink:
    """A typed relation between two CMOCs of one theory version.

    :ivar kind: the name of a :class:`LinkKind` (built in or adopted by the review).
    :ivar rationale: why the team drew the link.
    :ivar feedback_loop: this link deliberately closes a cycle (a reinforcing loop), which
        kinds such as ``leads-to`` otherwise refuse.
    :ivar interpreted: the link is an interpretation (for example the encoder's reading of a
        published theory) rather than stated by the theory's authors; diagrams draw it dashed.
    """

    id: str = field(validator=check_id)
    version_id: str = field(validator=check_id)
    source: str = field(validator=check_id)
    target: str = field(validator=check_id)
    kind: str = field(validator=check_id)
    rationale: str | None = None
    evidence: tuple[LinkEvidence, ...] = field(default=(), converter=_link_evidence)
    feedback_loop: bool = False
    interpreted: bool = False

    def __attrs_post_init__(self) -> None:
        if self.source == self.target:
            raise ValueError(f"link {self.id!r} joins CMOC {self.source!r} to itself")


class TheoryRole(enum.Enum):
    """The part a substantive or middle-range theory played in the programme theory."""

    FRAMED = "framed-initial-theory"
    INTERPRETED = "used-to-interpret"
    TESTED_AGAINST = "tested-against"


@frozen
class TheoryUse:
    """One use of a theory: on a CMOC or on a theme (exactly one), with its role."""

    role: TheoryRole
    cmoc_id: str | None = None
    theme_id: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.cmoc_id is None) == (self.theme_id is None):
            raise ValueError("a theory use names exactly one of a CMOC or a theme")

    @property
    def target(self) -> str:
        """The CMOC or theme id the use is about."""
        return self.cmoc_id if self.cmoc_id is not None else str(self.theme_id)


def _uses(items: Iterable[TheoryUse]) -> tuple[TheoryUse, ...]:
    return tuple(items)


@frozen
class MiddleRangeTheory:
    """A substantive or middle-range theory the programme theory draws on.

    :ivar record_id: the record that is its citation, when the review holds one.
    :ivar citation: the citation as text, when no record holds it.
    :ivar uses: the CMOCs and themes it informed, each with its role.
    """

    id: str = field(validator=check_id)
    name: str = field(validator=non_empty)
    description: str | None = None
    record_id: str | None = None
    citation: str | None = None
    uses: tuple[TheoryUse, ...] = field(default=(), converter=_uses)
