"""A :class:`~realistsynth.synthesis.graph.TheoryGraph` as text for other tools: DOT for
Graphviz, Mermaid for Markdown documents (GitHub, MkDocs), GraphML for network tools (Gephi,
networkx, yEd). The SVG drawn without any of them is :mod:`realistsynth.synthesis.graph_svg`.

Each writer keeps the graph's meaning rather than a look: groups become DOT clusters and
Mermaid subgraphs (GraphML, which network tools read flat, gets the group as a node attribute),
edges carry their kind, undirected kinds have no arrowhead, and interpreted links are dashed.
Node ids in DOT and GraphML are the review's own ids; Mermaid, whose ids are restricted, gets
``n1``, ``n2`` ... with the review's id in the label.
"""

from __future__ import annotations

import json
import textwrap
from xml.etree import ElementTree as ET

from realistsynth.synthesis.graph import TheoryGraph

__all__ = ["FORMATS", "render_graph", "to_dot", "to_graphml", "to_mermaid"]

#: The text formats :func:`render_graph` writes (``svg`` is drawn by ``graph_svg``).
FORMATS = ("dot", "mermaid", "graphml", "svg")

_WRAP = 36


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrapped(text: str, width: int = _WRAP, lines: int = 6) -> list[str]:
    out = textwrap.wrap(text, width) or [""]
    if len(out) > lines:
        out = [*out[: lines - 1], out[lines - 1][: width - 1] + "…"]
    return out


def to_dot(graph: TheoryGraph) -> str:
    """The graph in Graphviz DOT (``dot -Tsvg`` lays it out)."""
    rankdir = "LR" if graph.kind == "lineage" else "TB"
    out = [
        "digraph programme_theory {",
        f"  label={_dot_string(graph.title)};",
        "  labelloc=t;",
        f"  rankdir={rankdir};",
        "  compound=true;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica",'
        " fontsize=10];",
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    anchors: dict[str, str] = {}
    for i, group in enumerate(graph.groups):
        out.append(f"  subgraph cluster_{i} {{")
        out.append(f"    label={_dot_string(group.title)};")
        out.append('    style="rounded,filled"; fillcolor="#f3f6f9"; color="#9aa5b1";')
        for node in graph.members(group.id):
            anchors.setdefault(group.id, node.id)
            label = "\n".join([node.title, *_wrapped(node.text)])
            if node.fate:
                label += f"\n[{node.fate}]"
            fill = ', fillcolor="#fff4e0"' if node.kind == "theory" else ""
            out.append(f"    {_dot_string(node.id)} [label={_dot_string(label)}{fill}];")
        out.append("  }")
    cluster_of = {g.id: f"cluster_{i}" for i, g in enumerate(graph.groups)}
    for edge in graph.edges:
        attrs = [f"label={_dot_string(edge.label)}", f"kind={_dot_string(edge.kind)}"]
        if not edge.directed:
            attrs.append("dir=none")
        if edge.dashed:
            attrs.append("style=dashed")
        target = edge.target
        if target in cluster_of and graph.node(target) is None:
            attrs.append(f"lhead={cluster_of[target]}")
            target = anchors[target]
        out.append(f"  {_dot_string(edge.source)} -> {_dot_string(target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _mermaid_text(text: str) -> str:
    # inside "..." Mermaid takes HTML entities; quotes, angle brackets and # need them
    return (
        text.replace("#", "#35;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("|", "#124;")
    )


def to_mermaid(graph: TheoryGraph) -> str:
    """The graph as a Mermaid flowchart (for a fenced ``mermaid`` block)."""
    ids = {node.id: f"n{i}" for i, node in enumerate(graph.nodes, 1)}
    groups = {group.id: f"g{i}" for i, group in enumerate(graph.groups, 1)}
    direction = "LR" if graph.kind == "lineage" else "TB"
    out = [
        "---",
        # a JSON string is a YAML double-quoted scalar: colons and quotes stay text
        f"title: {json.dumps(graph.title, ensure_ascii=False)}",
        "---",
        f"flowchart {direction}",
    ]
    for group in graph.groups:
        out.append(f'  subgraph {groups[group.id]}["{_mermaid_text(group.title)}"]')
        for node in graph.members(group.id):
            lines = [f"<b>{_mermaid_text(node.title)}</b>"]
            lines.extend(_mermaid_text(line) for line in _wrapped(node.text))
            if node.fate:
                lines.append(f"<i>{_mermaid_text(node.fate)}</i>")
            out.append(f'    {ids[node.id]}["{"<br/>".join(lines)}"]')
        out.append("  end")
    for edge in graph.edges:
        source = ids[edge.source]
        target = ids.get(edge.target) or groups[edge.target]
        label = _mermaid_text(edge.label)
        if not edge.directed:
            arrow = "-.-" if edge.dashed else "---"
        else:
            arrow = "-.->" if edge.dashed else "-->"
        out.append(f"  {source} {arrow}|{label}| {target}")
    return "\n".join(out) + "\n"


_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("kind", "kind"), ("title", "title"), ("text", "text"), ("group", "group"))
_EDGE_KEYS = (("kind", "kind"), ("label", "label"), ("note", "note"))


def to_graphml(graph: TheoryGraph) -> str:
    """The graph in GraphML: every node and edge with its kind, title, text and group."""
    ET.register_namespace("", _GRAPHML)
    root = ET.Element(f"{{{_GRAPHML}}}graphml")
    keys: list[tuple[str, str, str, str]] = [
        ("d0", "node", "kind", "string"),
        ("d1", "node", "title", "string"),
        ("d2", "node", "text", "string"),
        ("d3", "node", "group", "string"),
        ("d4", "node", "group_title", "string"),
        ("d5", "node", "fate", "string"),
        ("d6", "edge", "kind", "string"),
        ("d7", "edge", "label", "string"),
        ("d8", "edge", "directed", "boolean"),
        ("d9", "edge", "interpreted", "boolean"),
        ("d10", "edge", "feedback_loop", "boolean"),
        ("d11", "edge", "note", "string"),
        ("d12", "graph", "title", "string"),
        ("d13", "graph", "kind", "string"),
    ]
    for key_id, domain, name, kind in keys:
        ET.SubElement(
            root,
            f"{{{_GRAPHML}}}key",
            {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind},
        )
    g = ET.SubElement(root, f"{{{_GRAPHML}}}graph", {"id": "G", "edgedefault": "directed"})

    def data(parent: ET.Element, key: str, value: str | bool | None) -> None:
        if value is None:
            return
        item = ET.SubElement(parent, f"{{{_GRAPHML}}}data", {"key": key})
        item.text = ("true" if value else "false") if isinstance(value, bool) else value

    data(g, "d12", graph.title)
    data(g, "d13", graph.kind)
    titles = {group.id: group.title for group in graph.groups}
    node_ids = {n.id for n in graph.nodes}
    for node in graph.nodes:
        element = ET.SubElement(g, f"{{{_GRAPHML}}}node", {"id": node.id})
        data(element, "d0", node.kind)
        data(element, "d1", node.title)
        data(element, "d2", node.text)
        data(element, "d3", node.group)
        data(element, "d4", titles.get(node.group))
        data(element, "d5", node.fate)
    # a theory used on a whole theme points at the theme, which needs a node of its own here
    for target in dict.fromkeys(e.target for e in graph.edges if e.target not in node_ids):
        element = ET.SubElement(g, f"{{{_GRAPHML}}}node", {"id": f"theme:{target}"})
        data(element, "d0", "theme")
        data(element, "d1", titles.get(target, target))
    for i, edge in enumerate(graph.edges):
        target = edge.target if edge.target in node_ids else f"theme:{edge.target}"
        element = ET.SubElement(
            g,
            f"{{{_GRAPHML}}}edge",
            {"id": f"e{i}", "source": edge.source, "target": target},
        )
        data(element, "d6", edge.kind)
        data(element, "d7", edge.label)
        data(element, "d8", edge.directed)
        data(element, "d9", edge.dashed)
        data(element, "d10", edge.feedback_loop)
        data(element, "d11", edge.note)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render_graph(graph: TheoryGraph, fmt: str) -> str:
    """The graph in ``fmt`` (one of :data:`FORMATS`).

    :raises ValueError: an unknown format.
    """
    if fmt == "dot":
        return to_dot(graph)
    if fmt == "mermaid":
        return to_mermaid(graph)
    if fmt == "graphml":
        return to_graphml(graph)
    if fmt == "svg":
        from realistsynth.synthesis.graph_svg import render_graph_svg

        return render_graph_svg(graph)
    raise ValueError(f"unknown graph format {fmt!r} (one of {', '.join(FORMATS)})")
