"""A :class:`~realistsynth.synthesis.graph.TheoryGraph` drawn as one self-contained SVG,
laid out here (no Graphviz, no browser, no network), like the flow diagram.

The layout is a grid, which is what makes it safe at any size: boxes never overlap because
each has a cell of its own.

* A theory graph stacks its groups (the theories first, then the themes in the framework's
  order) as bands of one width; within a band the CMOCs fill rows of up to four boxes. A row
  is as tall as its tallest box.
* A lineage graph puts each version in a column, left to right; a later column is ordered by
  the positions of each CMOC's parents (the barycentre heuristic), which keeps most edges
  short and uncrossed.

Box text is measured (:mod:`realistsynth.selection.text_metrics`) and wrapped to the box
width; a statement longer than :data:`MAX_LINES` lines ends in an ellipsis, and the whole
statement is the box's tooltip (``<title>``). Edges are gentle curves between box borders,
coloured by kind (a legend says which), dashed when interpreted, with the kind written along
them. The same graph always gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from attrs import frozen

from realistsynth.selection.text_metrics import text_width, wrap
from realistsynth.synthesis.graph import GraphEdge, GraphNode, TheoryGraph

__all__ = ["BOX_WIDTH", "MAX_LINES", "render_graph_svg"]

FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif"
FONT_SIZE = 11.0
TITLE_SIZE = 15.0
LABEL_SIZE = 9.5
LINE = FONT_SIZE * 1.3
PAD = 8.0
#: Width of a CMOC box, in SVG units.
BOX_WIDTH = 230.0
#: Lines of statement shown in a box before the ellipsis.
MAX_LINES = 10
MAX_COLUMNS = 4
H_GAP = 64.0
V_GAP = 48.0
GROUP_PAD = 18.0
GROUP_HEAD = 26.0
GROUP_GAP = 28.0
LINEAGE_GAP = 230.0
MARGIN = 20.0
INK = "#1f2933"
MUTED = "#52606d"
GROUP_FILL = "#f3f6f9"
GROUP_STROKE = "#bcccdc"
THEORY_FILL = "#fff4e0"
FATE_FILL = "#eceff1"

#: Colour of each known edge kind; other kinds (plugins') are drawn in grey.
COLOURS: dict[str, str] = {
    "leads-to": "#1d4ed8",
    "nested-in": "#7c3aed",
    "rival-of": "#b91c1c",
    "moderates": "#b45309",
    "framed-initial-theory": "#0f766e",
    "used-to-interpret": "#0f766e",
    "tested-against": "#0f766e",
    "supported-unchanged": "#15803d",
    "supported-refined": "#15803d",
    "supported": "#15803d",
    "revised": "#15803d",
    "merged-into": "#1d4ed8",
    "merged": "#1d4ed8",
    "split-into": "#7c3aed",
    "split": "#7c3aed",
}
OTHER_COLOUR = "#616e7c"


@frozen
class _Box:
    node: GraphNode
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    title_lines: tuple[str, ...]

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@frozen
class _Panel:
    id: str
    title: str
    x: float
    y: float
    w: float
    h: float
    notes: tuple[str, ...] = ()

    @property
    def head(self) -> float:
        return GROUP_HEAD + len(self.notes) * LINE


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _text_lines(node: GraphNode, width: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
    inner = width - 2 * PAD
    titles = tuple(wrap(node.title, inner, FONT_SIZE, bold=True))
    lines = wrap(node.text, inner, FONT_SIZE) if node.text else []
    if len(lines) > MAX_LINES:
        last = lines[MAX_LINES - 1]
        while last and text_width(last + " …", FONT_SIZE) > inner:
            last = last[:-1]
        lines = [*lines[: MAX_LINES - 1], last.rstrip() + " …"]
    if node.fate:
        lines.extend(wrap(f"{node.fate.replace('-', ' ')}: not carried forward", inner, FONT_SIZE))
    return titles, tuple(lines)


def _height(titles: Sequence[str], lines: Sequence[str]) -> float:
    gap = 4.0 if lines else 0.0
    return 2 * PAD + (len(titles) + len(lines)) * LINE - (LINE - FONT_SIZE) + gap


def _measure(node: GraphNode) -> tuple[tuple[str, ...], tuple[str, ...], float]:
    titles, lines = _text_lines(node, BOX_WIDTH)
    return titles, lines, _height(titles, lines)


def _annotations(graph: TheoryGraph) -> dict[str, list[str]]:
    """What edges to a whole group say (a theory used on a theme), as lines of text for the
    group's heading: drawn as text, not as edges that would cross the groups between."""
    node_ids = {n.id for n in graph.nodes}
    by_group: dict[str, dict[str, list[str]]] = {}
    for edge in graph.edges:
        if edge.target in node_ids:
            continue
        source = graph.node(edge.source)
        per = by_group.setdefault(edge.target, {})
        per.setdefault(edge.label, []).append(source.title if source else edge.source)
    return {
        group: [f"{label}: {'; '.join(names)}" for label, names in per.items()]
        for group, per in by_group.items()
    }


def _layout_theory(graph: TheoryGraph) -> tuple[list[_Panel], list[_Box]]:
    # each group is a panel of up to MAX_COLUMNS boxes a row; panels flow left to right and
    # wrap at the width of the widest possible panel
    page = MAX_COLUMNS * BOX_WIDTH + (MAX_COLUMNS - 1) * H_GAP + 2 * GROUP_PAD
    panels: list[_Panel] = []
    boxes: list[_Box] = []
    x, y = MARGIN, MARGIN + TITLE_SIZE * 2
    row_bottom = y
    annotations = _annotations(graph)
    for group in graph.groups:
        members = graph.members(group.id)
        if not members:
            continue
        columns = min(MAX_COLUMNS, len(members))
        inner_w = columns * BOX_WIDTH + (columns - 1) * H_GAP
        panel_w = inner_w + 2 * GROUP_PAD
        if x > MARGIN and x + panel_w > MARGIN + page:
            x, y = MARGIN, row_bottom + GROUP_GAP
        top = y
        notes = tuple(
            line
            for text in annotations.get(group.id, ())
            for line in wrap(text, inner_w, FONT_SIZE)
        )
        by = top + GROUP_HEAD + len(notes) * LINE + GROUP_PAD
        placed: list[_Box] = []
        for start in range(0, len(members), columns):
            row = members[start : start + columns]
            measured = [_measure(n) for n in row]
            row_h = max(h for *_, h in measured)
            # a short last row is centred in the panel
            offset = (inner_w - (len(row) * BOX_WIDTH + (len(row) - 1) * H_GAP)) / 2
            for i, (node, (titles, lines, h)) in enumerate(zip(row, measured, strict=True)):
                bx = x + GROUP_PAD + offset + i * (BOX_WIDTH + H_GAP)
                placed.append(_Box(node, bx, by, BOX_WIDTH, h, lines, titles))
            by += row_h + V_GAP
        boxes.extend(placed)
        panel_h = by - V_GAP + GROUP_PAD - top
        panels.append(_Panel(group.id, group.title, x, top, panel_w, panel_h, notes))
        row_bottom = max(row_bottom, top + panel_h)
        x += panel_w + H_GAP
    # panels of one row share the row's height, so the bands line up
    rows: dict[float, float] = {}
    for p in panels:
        rows[p.y] = max(rows.get(p.y, 0.0), p.h)
    panels = [_Panel(p.id, p.title, p.x, p.y, p.w, rows[p.y], p.notes) for p in panels]
    return panels, boxes


def _layout_lineage(graph: TheoryGraph) -> tuple[list[_Panel], list[_Box]]:
    parents: dict[str, list[str]] = {}
    for edge in graph.edges:
        parents.setdefault(edge.target, []).append(edge.source)
    position: dict[str, float] = {}
    columns: list[list[GraphNode]] = []
    for group in graph.groups:
        members = list(graph.members(group.id))

        def centre(node: GraphNode, members: list[GraphNode] = members) -> float:
            known = [position[p] for p in parents.get(node.id, ()) if p in position]
            return sum(known) / len(known) if known else float(members.index(node))

        if columns:
            members.sort(key=centre)
        for i, node in enumerate(members):
            position[node.id] = float(i)
        columns.append(members)
    panels: list[_Panel] = []
    boxes: list[_Box] = []
    top = MARGIN + TITLE_SIZE * 2
    x = MARGIN
    centre_y: dict[str, float] = {}
    for group, members in zip(graph.groups, columns, strict=True):
        y = top + GROUP_HEAD + GROUP_PAD
        for node in members:
            titles, lines, h = _measure(node)
            # level with its parents when there is room, never above the box before it
            known = [centre_y[p] for p in parents.get(node.id, ()) if p in centre_y]
            if known:
                y = max(y, sum(known) / len(known) - h / 2)
            boxes.append(_Box(node, x + GROUP_PAD, y, BOX_WIDTH, h, lines, titles))
            centre_y[node.id] = y + h / 2
            y += h + V_GAP / 2
        panels.append(_Panel(group.id, group.title, x, top, BOX_WIDTH + 2 * GROUP_PAD, y - top))
        x += BOX_WIDTH + 2 * GROUP_PAD + LINEAGE_GAP
    # all columns as tall as the tallest
    bottom = max((p.y + p.h for p in panels), default=top)
    panels = [_Panel(p.id, p.title, p.x, p.y, p.w, bottom - p.y) for p in panels]
    return panels, boxes


def _border_point(box: _Box | _Panel, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the centre of ``box`` to ``towards`` leaves the box."""
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    if isinstance(box, _Panel):
        cy = box.y + GROUP_HEAD / 2
        h = GROUP_HEAD
    else:
        h = box.h
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (box.w / 2) / abs(dx) if dx else math.inf,
        (h / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


Point = tuple[float, float]


def _edge_path(start: Point, end: Point, bend: float) -> tuple[str, Point]:
    """A quadratic curve from ``start`` to ``end`` bowed by ``bend`` of its length, and its
    control point."""
    (x1, y1), (x2, y2) = start, end
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    qx, qy = mx + nx * length * bend, my + ny * length * bend
    path = f"M{_fmt(x1)},{_fmt(y1)} Q{_fmt(qx)},{_fmt(qy)} {_fmt(x2)},{_fmt(y2)}"
    return path, (qx, qy)


def _along(start: Point, control: Point, end: Point, t: float) -> Point:
    u = 1 - t
    return (
        u * u * start[0] + 2 * u * t * control[0] + t * t * end[0],
        u * u * start[1] + 2 * u * t * control[1] + t * t * end[1],
    )


Rect = tuple[float, float, float, float]


def _hits(a: Rect, b: Rect) -> bool:
    return not (
        a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
    )


def _colour(kind: str) -> str:
    return COLOURS.get(kind, OTHER_COLOUR)


def _marker_id(colour: str) -> str:
    return "arrow-" + colour.lstrip("#")


def _draw_box(box: _Box) -> list[str]:
    node = box.node
    fill = THEORY_FILL if node.kind == "theory" else FATE_FILL if node.fate else "#ffffff"
    out = [
        f'<g class="node" data-id="{escape(node.id)}">',
        f"<title>{escape(node.title)}: {escape(node.text)}</title>",
        f'<rect class="box" x="{_fmt(box.x)}" y="{_fmt(box.y)}" width="{_fmt(box.w)}" '
        f'height="{_fmt(box.h)}" rx="4" fill="{fill}" stroke="{INK}" stroke-width="1"/>',
    ]
    baseline = box.y + PAD + FONT_SIZE * 0.8
    for i, line in enumerate(box.title_lines):
        out.append(
            f'<text x="{_fmt(box.x + PAD)}" y="{_fmt(baseline + i * LINE)}" '
            f'font-weight="bold">{escape(line)}</text>'
        )
    baseline += len(box.title_lines) * LINE + 4
    for i, line in enumerate(box.lines):
        out.append(
            f'<text x="{_fmt(box.x + PAD)}" y="{_fmt(baseline + i * LINE)}">{escape(line)}</text>'
        )
    out.append("</g>")
    return out


def _draw_panel(panel: _Panel) -> list[str]:
    out = [
        f'<g class="group" data-id="{escape(panel.id)}">',
        f'<rect x="{_fmt(panel.x)}" y="{_fmt(panel.y)}" width="{_fmt(panel.w)}" '
        f'height="{_fmt(panel.h)}" rx="6" fill="{GROUP_FILL}" stroke="{GROUP_STROKE}"/>',
        f'<text x="{_fmt(panel.x + GROUP_PAD)}" y="{_fmt(panel.y + GROUP_HEAD * 0.68)}" '
        f'font-weight="bold" font-size="{_fmt(FONT_SIZE + 1)}" fill="{MUTED}">'
        f"{escape(panel.title)}</text>",
    ]
    for i, line in enumerate(panel.notes):
        out.append(
            f'<text class="group-note" x="{_fmt(panel.x + GROUP_PAD)}" '
            f'y="{_fmt(panel.y + GROUP_HEAD * 0.68 + (i + 1) * LINE)}" font-style="italic" '
            f'fill="{MUTED}">{escape(line)}</text>'
        )
    out.append("</g>")
    return out


def _draw_edge(
    edge: GraphEdge,
    source: _Box,
    target: _Box,
    lineage: bool,
    taken: list[Rect],
) -> tuple[list[str], list[str]]:
    """The edge's path, and its label where the label covers no box and no other label.

    ``taken`` holds the boxes and the labels placed so far; a placed label is added to it.
    A lineage edge is always labelled (beside its source, before edges converge on a merged
    target); a theory edge whose every candidate place is taken goes without, and the
    legend's colours say its kind.
    """
    colour = _colour(edge.kind)
    if lineage:
        start = (source.x + source.w, source.cy)
        end = (target.x, target.y + target.h / 2)
        path, control = _edge_path(start, end, 0.0)
        candidates = (0.3, 0.22, 0.38, 0.46, 0.14)
    else:
        start = _border_point(source, (target.cx, target.cy))
        end = _border_point(target, (source.cx, source.cy))
        path, control = _edge_path(start, end, 0.12)
        candidates = (0.5, 0.38, 0.62, 0.26, 0.74)
    dash = ' stroke-dasharray="6 4"' if edge.dashed else ""
    marker = f' marker-end="url(#{_marker_id(colour)})"' if edge.directed else ""
    tip = f"{edge.source} {edge.label} {edge.target}" + (f": {edge.note}" if edge.note else "")
    lines = [
        f'<path class="edge" data-kind="{escape(edge.kind)}" d="{path}" fill="none" '
        f'stroke="{colour}" stroke-width="1.6"{dash}{marker}><title>{escape(tip)}</title></path>'
    ]
    text = edge.label + (" (feedback loop)" if edge.feedback_loop else "")
    width = text_width(text, LABEL_SIZE) + 4
    place: Point | None = None
    for t in candidates:
        x, y = _along(start, control, end, t)
        rect = (x - width / 2, y - LABEL_SIZE - 2, width, LABEL_SIZE + 4)
        if not any(_hits(rect, other) for other in taken):
            place = (x, y)
            taken.append(rect)
            break
    if place is None and lineage:
        place = _along(start, control, end, candidates[0])
    labels: list[str] = []
    if place is not None:
        labels.append(
            f'<text class="edge-label" x="{_fmt(place[0])}" y="{_fmt(place[1] - 3)}" '
            f'text-anchor="middle" font-size="{_fmt(LABEL_SIZE)}" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(text)}</text>'
        )
    return lines, labels


def _legend(graph: TheoryGraph, x: float, y: float) -> tuple[list[str], float]:
    node_ids = {n.id for n in graph.nodes}
    drawn = [e for e in graph.edges if e.target in node_ids]
    kinds = list(dict.fromkeys((e.kind, e.label, e.directed) for e in drawn))
    out: list[str] = []
    cx = x
    for kind, label, directed in kinds:
        colour = _colour(kind)
        marker = f' marker-end="url(#{_marker_id(colour)})"' if directed else ""
        out.append(
            f'<line x1="{_fmt(cx)}" y1="{_fmt(y)}" x2="{_fmt(cx + 28)}" y2="{_fmt(y)}" '
            f'stroke="{colour}" stroke-width="1.6"{marker}/>'
        )
        out.append(f'<text x="{_fmt(cx + 34)}" y="{_fmt(y + 4)}">{escape(label)}</text>')
        cx += 34 + text_width(label, FONT_SIZE) + 24
    if any(e.dashed for e in drawn):
        out.append(
            f'<line x1="{_fmt(cx)}" y1="{_fmt(y)}" x2="{_fmt(cx + 28)}" y2="{_fmt(y)}" '
            f'stroke="{MUTED}" stroke-width="1.6" stroke-dasharray="6 4"/>'
        )
        text = "interpreted (a reading, not the authors' words)"
        out.append(f'<text x="{_fmt(cx + 34)}" y="{_fmt(y + 4)}">{escape(text)}</text>')
        cx += 34 + text_width(text, FONT_SIZE) + 24
    return out, cx


def render_graph_svg(graph: TheoryGraph) -> str:
    """The SVG text of ``graph``: groups as shaded bands or columns, CMOCs as boxes, typed
    edges with their kind, and a legend of the edge kinds."""
    lineage = graph.kind == "lineage"
    panels, boxes = _layout_lineage(graph) if lineage else _layout_theory(graph)
    by_id = {b.node.id: b for b in boxes}
    taken: list[Rect] = [(b.x, b.y, b.w, b.h) for b in boxes]
    taken.extend((p.x, p.y, p.w, p.head) for p in panels)
    edge_lines: list[str] = []
    label_lines: list[str] = []
    for edge in graph.edges:
        source = by_id.get(edge.source)
        target = by_id.get(edge.target)
        # an edge to a whole group is written in the group's heading (see _annotations)
        if source is None or target is None:
            continue
        drawn, labels = _draw_edge(edge, source, target, lineage, taken)
        edge_lines.extend(drawn)
        label_lines.extend(labels)
    right = max([p.x + p.w for p in panels] + [MARGIN + 200.0])
    bottom = max([p.y + p.h for p in panels] + [MARGIN + TITLE_SIZE * 2])
    legend, legend_right = _legend(graph, MARGIN, bottom + 22)
    width = max(right, legend_right) + MARGIN
    height = bottom + (44 if legend else 10) + MARGIN / 2
    colours = sorted({_colour(e.kind) for e in graph.edges if e.directed})
    desc = (
        f"{sum(1 for n in graph.nodes if n.kind == 'cmoc')} CMOCs in {len(panels)} groups, "
        f"{len(graph.edges)} edges"
    )
    head = [
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{_fmt(width)}" height="{_fmt(height)}" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" role="img" '
        'aria-labelledby="graph-title graph-desc">',
        f'<title id="graph-title">{escape(graph.title)}</title>',
        f'<desc id="graph-desc">{escape(desc)}</desc>',
        "<defs>",
        *(
            f'<marker id="{_marker_id(c)}" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
            for c in colours
        ),
        "</defs>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<g font-family="{FONT_FAMILY}" font-size="{_fmt(FONT_SIZE)}" fill="{INK}">',
        f'<text x="{_fmt(MARGIN)}" y="{_fmt(MARGIN + TITLE_SIZE)}" font-weight="bold" '
        f'font-size="{_fmt(TITLE_SIZE)}">{escape(graph.title)}</text>',
    ]
    body: list[str] = []
    for panel in panels:
        body.extend(_draw_panel(panel))
    body.extend(edge_lines)
    for box in boxes:
        body.extend(_draw_box(box))
    body.extend(label_lines)
    body.extend(legend)
    return "\n".join([*head, *body, "</g>", "</svg>"]) + "\n"
