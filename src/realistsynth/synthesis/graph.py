"""The programme theory as a graph, ready to draw: nodes in groups, typed edges.

Two graphs are built from a review, both as the same plain :class:`TheoryGraph` so that every
writer (DOT, Mermaid, GraphML, SVG: :mod:`realistsynth.synthesis.graph_formats` and
:mod:`realistsynth.synthesis.graph_svg`) handles one shape:

* :func:`theory_graph`: one theory version. Its CMOCs are grouped by theme (in the
  framework's order), its :class:`~realistsynth.model.CMOCLink` s are the edges, and the
  middle-range theories that informed its CMOCs or themes join as nodes of their own group,
  with an edge per use labelled with its role.
* :func:`lineage_graph`: every version side by side (one group per version, in order), with
  one edge per refinement step labelled with the outcome's kind. An outcome without targets
  (refuted, not tested) has no edge; its kind is the source node's ``fate``.

The graph is derived on demand and never stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import field, frozen

from realistsynth.errors import UnknownReferenceError
from realistsynth.model.review import Review
from realistsynth.model.theory import CMOC

__all__ = [
    "GraphEdge",
    "GraphGroup",
    "GraphNode",
    "TheoryGraph",
    "cmoc_text",
    "lineage_graph",
    "theory_graph",
]

THEORIES_GROUP = "theories"
NO_THEME_GROUP = "no-theme"


@frozen
class GraphGroup:
    """A visual group: a theme, a theory version, or the middle-range theories."""

    id: str
    title: str


@frozen
class GraphNode:
    """A CMOC or a middle-range theory.

    :ivar kind: ``cmoc`` or ``theory``.
    :ivar title: the short name shown in bold (``CMOC 3``).
    :ivar text: the statement shown under it.
    :ivar fate: for lineage graphs, the outcome kind of a step without targets.
    """

    id: str
    kind: str
    title: str
    text: str
    group: str
    fate: str | None = None


@frozen
class GraphEdge:
    """A typed edge; ``target`` may be a group id (a theory used on a whole theme).

    :ivar kind: the link kind, outcome kind or theory role (``leads-to``, ``merged-into``,
        ``used-to-interpret``).
    :ivar label: how the kind reads (``leads to``).
    :ivar directed: ``False`` for symmetric relations (``rival-of``).
    :ivar dashed: an interpreted link (a reading, not the source's words).
    :ivar note: the rationale, for tooltips and GraphML.
    """

    source: str
    target: str
    kind: str
    label: str
    directed: bool = True
    dashed: bool = False
    feedback_loop: bool = False
    note: str | None = None


def _groups(items: Iterable[GraphGroup]) -> tuple[GraphGroup, ...]:
    return tuple(items)


def _nodes(items: Iterable[GraphNode]) -> tuple[GraphNode, ...]:
    return tuple(items)


def _edges(items: Iterable[GraphEdge]) -> tuple[GraphEdge, ...]:
    return tuple(items)


@frozen
class TheoryGraph:
    """Nodes in groups and the edges between them; ``kind`` is ``theory`` or ``lineage``."""

    kind: str
    title: str
    groups: tuple[GraphGroup, ...] = field(converter=_groups)
    nodes: tuple[GraphNode, ...] = field(converter=_nodes)
    edges: tuple[GraphEdge, ...] = field(converter=_edges)

    def node(self, node_id: str) -> GraphNode | None:
        """The node with ``node_id``, if any."""
        return next((n for n in self.nodes if n.id == node_id), None)

    def members(self, group_id: str) -> tuple[GraphNode, ...]:
        """The nodes of one group, in order."""
        return tuple(n for n in self.nodes if n.group == group_id)


def cmoc_text(cmoc: CMOC) -> str:
    """What a diagram says of a CMOC: its statement, or its parts run together."""
    if cmoc.statement:
        return cmoc.statement
    parts = (
        ("I", cmoc.intervention),
        ("C", cmoc.context),
        ("A", cmoc.actor),
        ("M-Res", cmoc.mechanism_resource),
        ("M-Rea", cmoc.mechanism_reasoning),
        ("O", cmoc.outcome),
    )
    return " ".join(f"{text} ({code})" for code, text in parts if text)


def _cmoc_node(cmoc: CMOC, group: str, fate: str | None = None) -> GraphNode:
    return GraphNode(cmoc.id, "cmoc", cmoc.label or cmoc.id, cmoc_text(cmoc), group, fate)


def _version_id(review: Review, version_id: str | None) -> str:
    if not review.theory_versions:
        raise UnknownReferenceError("the review has no theory version", where="theory_versions")
    if version_id is None:
        return list(review.theory_versions)[-1]
    if version_id not in review.theory_versions:
        known = ", ".join(review.theory_versions)
        raise UnknownReferenceError(
            f"no theory version {version_id!r} (known: {known})",
            where=f"theory_versions/{version_id}",
        )
    return version_id


# Complexity (radon 31): builds the nodes, groups and edges of one version in one pass, each
# kind of edge a short block (issue 21 did not change this module).
def theory_graph(review: Review, version_id: str | None = None) -> TheoryGraph:
    """The graph of one theory version (default: the last, the final theory).

    :raises UnknownReferenceError: no such version, or no version at all.
    """
    vid = _version_id(review, version_id)
    version = review.theory_versions[vid]
    cmocs = [review.cmocs[c] for c in version.cmoc_ids]
    framework = review.framework
    order = [t.id for t in framework.themes] if framework else []
    present = {c.theme_id for c in cmocs}
    groups: list[GraphGroup] = []
    in_version = set(version.cmoc_ids)
    theories = [
        t
        for t in review.middle_range_theories.values()
        if any(
            (u.cmoc_id in in_version) or (u.theme_id is not None and u.theme_id in present)
            for u in t.uses
        )
    ]
    if theories:
        groups.append(GraphGroup(THEORIES_GROUP, "Substantive and middle-range theories"))
    for theme_id in order:
        if theme_id in present:
            theme = framework.theme(theme_id) if framework else None
            groups.append(GraphGroup(theme_id, theme.name if theme else theme_id))
    if None in present:
        groups.append(GraphGroup(NO_THEME_GROUP, "No theme"))
    nodes = [
        GraphNode(
            f"theory:{t.id}",
            "theory",
            t.name,
            t.citation or (review.records[t.record_id].title or "" if t.record_id else ""),
            THEORIES_GROUP,
        )
        for t in theories
    ]
    nodes.extend(_cmoc_node(c, c.theme_id or NO_THEME_GROUP) for c in cmocs)
    kinds = review.link_kinds
    edges = [
        GraphEdge(
            link.source,
            link.target,
            link.kind,
            kinds[link.kind].title if link.kind in kinds else link.kind,
            directed=kinds[link.kind].directed if link.kind in kinds else True,
            dashed=link.interpreted,
            feedback_loop=link.feedback_loop,
            note=link.rationale,
        )
        for link in review.links_of(vid)
    ]
    for t in theories:
        for use in t.uses:
            if use.cmoc_id is not None and use.cmoc_id not in in_version:
                continue
            if use.theme_id is not None and use.theme_id not in present:
                continue
            edges.append(
                GraphEdge(
                    f"theory:{t.id}",
                    use.target,
                    use.role.value,
                    use.role.value.replace("-", " "),
                    note=use.note,
                )
            )
    return TheoryGraph("theory", version.name, groups, nodes, edges)


def lineage_graph(review: Review) -> TheoryGraph:
    """Every theory version side by side, with one edge per refinement step and its kind.

    :raises UnknownReferenceError: the review has no theory version.
    """
    from realistsynth.synthesis.lineage import lineage_steps

    _version_id(review, None)
    steps = lineage_steps(review)
    fates = {(s.from_version, s.source): s.kind.value for s in steps if s.target is None}
    groups = [GraphGroup(v.id, v.name) for v in review.theory_versions.values()]
    nodes: list[GraphNode] = []
    seen: set[str] = set()
    for v in review.theory_versions.values():
        for cid in v.cmoc_ids:
            # a CMOC carried under the same id into the next version is drawn once, where it
            # first appears
            if cid in seen:
                continue
            seen.add(cid)
            nodes.append(_cmoc_node(review.cmocs[cid], v.id, fates.get((v.id, cid))))
    edges = [
        GraphEdge(
            s.source, s.target, s.kind.value, s.kind.value.replace("-", " "), note=s.rationale
        )
        for s in steps
        if s.target is not None and s.target != s.source
    ]
    title = "Refinement of the programme theory: " + " → ".join(g.title for g in groups)
    return TheoryGraph("lineage", title, groups, nodes, edges)
