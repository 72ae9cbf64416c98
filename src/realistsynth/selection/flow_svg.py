"""The flow diagram as a self-contained SVG, laid out here (no Graphviz, no browser, no
network): PRISMA 2020-like boxes for identification, screening and inclusion, with the
realist appraisal gates between screening and inclusion.

When the flow has PRISMA 2020's second arm (records found by other methods) the diagram
follows the PRISMA 2020 template: a title box over each arm ("... via databases and
registers", "... via other methods"), the other arm's identification, reports sought / not
retrieved and assessed / excluded boxes in two more columns on the right, level with the
database arm's, and an arrow from its last box into the box where the arms meet (the first
realist gate, or "sources included"). Theory-gleaning documents and key informants, which
shape the initial theory and are not screened, get a dashed box beside identification.

Boxes are sized from measured text (:mod:`realistsynth.selection.text_metrics`: the fonts
asked for are metric-compatible, so the measurement holds in any of them), text stays text (it
can be selected, searched and edited in a vector editor), and the output is deterministic: the
same flow gives the same bytes, so a diagram committed to a paper's repository diffs cleanly.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from attrs import frozen

from realistsynth.selection.flow import Flow, StageFlow
from realistsynth.selection.text_metrics import text_width, wrap

__all__ = ["render_flow_svg"]

FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif"
FONT_SIZE = 12.0
LINE = FONT_SIZE * 1.35
PAD = 10.0
MARGIN = 16.0
BAND = 26.0
BAND_GAP = 12.0
MAIN_W = 290.0
SIDE_W = 290.0
COL_GAP = 48.0
ROW_GAP = 30.0
INK = "#1f2933"
BAND_FILL = "#d6e4f0"
GATE_FILL = "#e7f0e4"
HEAD_FILL = "#f3e8c8"
OTHER_HEAD_FILL = "#e4e4e4"
DASHED = 'stroke-width="1" stroke-dasharray="5 3"'


@frozen
class _Para:
    text: str
    bold: bool = False
    indent: float = 0.0


@frozen
class _Row:
    phase: str
    main: tuple[_Para, ...]
    side: tuple[_Para, ...] | None
    #: which step of PRISMA 2020 this row is, for putting the other arm level with it
    step: str = ""


def _n(value: int | None) -> str:
    return "not reported" if value is None else f"{value:,}"


def _identification(flow: Flow) -> _Row:
    main: list[_Para] = [_Para(f"Records identified (n = {_n(flow.identified)})", bold=True)]
    if flow.sources:
        main.append(_Para("from:"))
        main.extend(_Para(f"{s.name} (n = {s.count:,})", indent=12) for s in flow.sources)
    side = (
        _Para("Records removed before screening:", bold=True),
        _Para(f"Duplicate records (n = {_n(flow.duplicates)})", indent=12),
    )
    return _Row("Identification", tuple(main), side, "identification")


def _reasons(stage: StageFlow) -> list[_Para]:
    if not stage.reasons:
        return [_Para("Reasons not reported", indent=12)] if stage.excluded else []
    return [_Para(f"{r.label} (n = {r.count:,})", indent=12) for r in stage.reasons]


def _undecided(stage: StageFlow) -> list[_Para]:
    if not stage.undecided:
        return []
    text = f"Awaiting a decision (n = {stage.undecided:,}"
    text += f", of which {stage.conflicts:,} in conflict)" if stage.conflicts else ")"
    return [_Para(text)]


def _stage_rows(
    stage: StageFlow, first_eligibility: bool, always_sought: bool = False
) -> list[_Row]:
    if stage.role == "screening":
        side = [_Para(f"Records excluded (n = {_n(stage.excluded)})", bold=True)]
        if stage.reasons:
            side.extend(_reasons(stage))
        side.extend(_undecided(stage))
        return [
            _Row(
                "Screening",
                (_Para(f"Records screened (n = {_n(stage.entered)})", bold=True),),
                tuple(side),
            )
        ]
    if stage.role == "eligibility":
        rows = []
        assessed = stage.entered
        if stage.not_retrieved or (always_sought and first_eligibility):
            rows.append(
                _Row(
                    "Screening",
                    (_Para(f"Reports sought for retrieval (n = {_n(stage.entered)})", bold=True),),
                    (
                        _Para(
                            f"Reports not retrieved (n = {_n(stage.not_retrieved or 0)})",
                            bold=True,
                        ),
                    ),
                    "sought",
                )
            )
            assessed = None if stage.entered is None else stage.entered - (stage.not_retrieved or 0)
        what = "Reports assessed for eligibility" if first_eligibility else stage.name
        side = [_Para(f"Reports excluded (n = {_n(stage.excluded)})", bold=True)]
        side.extend(_reasons(stage))
        side.extend(_undecided(stage))
        rows.append(
            _Row(
                "Screening",
                (_Para(f"{what} (n = {_n(assessed)})", bold=True),),
                tuple(side),
                "assessed" if first_eligibility else "",
            )
        )
        return rows
    criterion = (stage.criterion or stage.name).lower()
    side = [_Para(f"Excluded on {criterion} (n = {_n(stage.excluded)})", bold=True)]
    side.extend(_undecided(stage))
    return [
        _Row(
            "Realist appraisal",
            (_Para(f"Assessed for {criterion} (n = {_n(stage.entered)})", bold=True),),
            tuple(side),
            "gate",
        )
    ]


def _rows(flow: Flow) -> list[_Row]:
    rows = [_identification(flow)]
    first_eligibility = True
    two_arms = flow.other_methods is not None
    for stage in flow.stages:
        rows.extend(_stage_rows(stage, first_eligibility and stage.role == "eligibility", two_arms))
        if stage.role == "eligibility":
            first_eligibility = False
    rows.append(
        _Row(
            "Included",
            (_Para(f"Sources included in the synthesis (n = {_n(flow.included)})", bold=True),),
            None,
            "included",
        )
    )
    return rows


def _other_boxes(flow: Flow) -> dict[str, tuple[tuple[_Para, ...], tuple[_Para, ...] | None]]:
    """The other arm's boxes (main, side) by the step of the row they stand level with."""
    out: dict[str, tuple[tuple[_Para, ...], tuple[_Para, ...] | None]] = {}
    other = flow.other_methods
    gleaning = flow.theory_gleaning
    gleaned: tuple[_Para, ...] | None = None
    if (
        gleaning.total_documents
        or gleaning.informants
        or gleaning.declared_documents
        or gleaning.declared_informants
    ):
        paras = [_Para("Used to build the initial programme theory (not screened):", bold=True)]
        for kind, count in gleaning.documents:
            label = kind.replace("-", " ").capitalize()
            paras.append(_Para(f"{label} documents (n = {count:,})", indent=12))
        if gleaning.declared_documents not in (None, gleaning.total_documents):
            paras.append(
                _Para(f"Documents reported in all (n = {gleaning.declared_documents:,})", indent=12)
            )
        informants = gleaning.declared_informants or gleaning.informants
        if informants:
            quoted = (
                f"; {gleaning.informants:,} quoted"
                if gleaning.informants and gleaning.informants != informants
                else ""
            )
            paras.append(_Para(f"Key informants (n = {informants:,}{quoted})", indent=12))
        gleaned = tuple(paras)
    if other is None:
        if gleaned is not None:
            out["identification"] = (gleaned, None)
        return out
    main = [_Para(f"Records identified (n = {other.identified:,})", bold=True)]
    if other.sources:
        main.append(_Para("from:"))
        main.extend(_Para(f"{s.name} (n = {s.count:,})", indent=12) for s in other.sources)
    if other.in_databases:
        main.append(_Para(f"of which also found via databases (n = {other.in_databases:,})"))
    out["identification"] = (tuple(main), gleaned)
    if other.stages:
        first = other.stages[0]
        out["sought"] = (
            (_Para(f"Reports sought for retrieval (n = {_n(first.entered)})", bold=True),),
            (_Para(f"Reports not retrieved (n = {_n(first.not_retrieved or 0)})", bold=True),),
        )
        assessed = None if first.entered is None else first.entered - (first.not_retrieved or 0)
        side = [_Para(f"Reports excluded (n = {_n(first.excluded)})", bold=True)]
        side.extend(_reasons(first))
        side.extend(_undecided(first))
        out["assessed"] = (
            (_Para(f"Reports assessed for eligibility (n = {_n(assessed)})", bold=True),),
            tuple(side),
        )
    return out


@frozen
class _Laid:
    lines: tuple[tuple[str, bool, float], ...]
    height: float


def _lay(paras: Sequence[_Para], width: float) -> _Laid:
    lines: list[tuple[str, bool, float]] = []
    for p in paras:
        for line in wrap(p.text, width - 2 * PAD - p.indent, FONT_SIZE, bold=p.bold):
            lines.append((line, p.bold, p.indent))
    return _Laid(tuple(lines), len(lines) * LINE + 2 * PAD - (LINE - FONT_SIZE))


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _box(x: float, y: float, w: float, laid: _Laid, fill: str = "#ffffff") -> list[str]:
    out = [
        f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(laid.height)}" '
        f'rx="3" fill="{fill}" stroke="{INK}" stroke-width="1"/>'
    ]
    baseline = y + PAD + FONT_SIZE * 0.8
    for i, (text, bold, indent) in enumerate(laid.lines):
        weight = ' font-weight="bold"' if bold else ""
        out.append(
            f'<text x="{_fmt(x + PAD + indent)}" y="{_fmt(baseline + i * LINE)}"{weight}>'
            f"{escape(text)}</text>"
        )
    return out


def _band(x: float, top: float, bottom: float, label: str) -> list[str]:
    cx, cy = x + BAND / 2, (top + bottom) / 2
    return [
        f'<rect x="{_fmt(x)}" y="{_fmt(top)}" width="{_fmt(BAND)}" height="{_fmt(bottom - top)}" '
        f'rx="4" fill="{BAND_FILL}"/>',
        f'<text x="{_fmt(cx)}" y="{_fmt(cy)}" font-weight="bold" text-anchor="middle" '
        f'dominant-baseline="central" transform="rotate(-90 {_fmt(cx)} {_fmt(cy)})">'
        f"{escape(label)}</text>",
    ]


def _stretch_for_bands(laid: list[tuple[_Row, _Laid, _Laid | None, float]]) -> list[float]:
    """Row heights, grown where a phase's band is too short for its rotated label."""
    heights = [h for *_, h in laid]
    i = 0
    while i < len(laid):
        j = i
        while j + 1 < len(laid) and laid[j + 1][0].phase == laid[i][0].phase:
            j += 1
        span = sum(heights[i : j + 1]) + ROW_GAP * (j - i)
        need = text_width(laid[i][0].phase, FONT_SIZE, bold=True) + 2 * PAD
        if span < need:
            extra = (need - span) / (j - i + 1)
            for k in range(i, j + 1):
                heights[k] += extra
        i = j + 1
    return heights


# Complexity (radon 37): lays out the diagram's boxes top to bottom, one short block per band
# (identification, screening, included) and per optional side box; the coordinates carry over.
def render_flow_svg(flow: Flow, *, title: str = "Flow of records through the review") -> str:
    """The SVG text of the flow diagram.

    :param title: the diagram's accessible title (``<title>``; not drawn).
    """
    main_x = MARGIN + BAND + BAND_GAP
    side_x = main_x + MAIN_W + COL_GAP
    other_x = side_x + SIDE_W + COL_GAP
    other_side_x = other_x + MAIN_W + COL_GAP
    body: list[str] = []
    bands: list[tuple[str, float, float]] = []
    y = MARGIN
    previous_bottom: float | None = None
    center_x = main_x + MAIN_W / 2
    other_center = other_x + MAIN_W / 2
    others = _other_boxes(flow)
    two_arms = flow.other_methods is not None
    if two_arms:
        # PRISMA 2020's title boxes over the two arms
        head = _lay(
            (_Para("Identification of new studies via databases and registers", True),),
            MAIN_W + COL_GAP + SIDE_W,
        )
        other_head = _lay(
            (_Para("Identification of new studies via other methods", True),),
            MAIN_W + COL_GAP + SIDE_W,
        )
        body.extend(_box(main_x, y, MAIN_W + COL_GAP + SIDE_W, head, HEAD_FILL))
        body.extend(_box(other_x, y, MAIN_W + COL_GAP + SIDE_W, other_head, OTHER_HEAD_FILL))
        y += max(head.height, other_head.height) + ROW_GAP
    laid = []
    for row in _rows(flow):
        main = _lay(row.main, MAIN_W)
        side = _lay(row.side, SIDE_W) if row.side is not None else None
        extra = others.get(row.step)
        other_main = _lay(extra[0], MAIN_W) if extra else None
        other_side = _lay(extra[1], SIDE_W) if extra and extra[1] is not None else None
        heights = [b.height for b in (main, side, other_main, other_side) if b is not None]
        laid.append((row, main, side, max(heights), other_main, other_side))
    heights = _stretch_for_bands([(r, m, s, h) for r, m, s, h, *_ in laid])
    other_bottom: float | None = None
    merge_target: tuple[float, float] | None = None
    for (row, main, side, _, other_main, other_side), height in zip(laid, heights, strict=True):
        main_y = y + (height - main.height) / 2
        fill = GATE_FILL if row.phase == "Realist appraisal" else "#ffffff"
        body.extend(_box(main_x, main_y, MAIN_W, main, fill))
        if previous_bottom is not None:
            body.append(
                f'<line x1="{_fmt(center_x)}" y1="{_fmt(previous_bottom)}" x2="{_fmt(center_x)}" '
                f'y2="{_fmt(main_y - 1)}" stroke="{INK}" marker-end="url(#arrow)"/>'
            )
        if side is not None:
            side_y = y + (height - side.height) / 2
            body.extend(_box(side_x, side_y, SIDE_W, side))
            mid = y + height / 2
            body.append(
                f'<line x1="{_fmt(main_x + MAIN_W)}" y1="{_fmt(mid)}" x2="{_fmt(side_x - 1)}" '
                f'y2="{_fmt(mid)}" stroke="{INK}" marker-end="url(#arrow)"/>'
            )
        if (
            two_arms
            and other_bottom is not None
            and merge_target is None
            and row.step
            in (
                "gate",
                "included",
            )
        ):
            merge_target = (y - ROW_GAP / 2, main_y)
        if other_main is not None:
            other_y = y + (height - other_main.height) / 2
            box = _box(other_x, other_y, MAIN_W, other_main)
            if not two_arms:  # only the theory-gleaning box stands there
                box[0] = box[0].replace('stroke-width="1"', DASHED)
            body.extend(box)
            if two_arms and other_bottom is not None:
                body.append(
                    f'<line x1="{_fmt(other_center)}" y1="{_fmt(other_bottom)}" '
                    f'x2="{_fmt(other_center)}" y2="{_fmt(other_y - 1)}" stroke="{INK}" '
                    'marker-end="url(#arrow)"/>'
                )
            if two_arms:
                other_bottom = other_y + other_main.height
        if other_side is not None:
            gleaning = not two_arms or row.step == "identification"
            side_left = other_side_x if two_arms else other_x
            other_side_y = y + (height - other_side.height) / 2
            box = _box(side_left, other_side_y, SIDE_W, other_side)
            if gleaning:
                box[0] = box[0].replace(
                    'stroke-width="1"', 'stroke-width="1" stroke-dasharray="5 3"'
                )
            body.extend(box)
            if not gleaning:
                mid = y + height / 2
                body.append(
                    f'<line x1="{_fmt(other_x + MAIN_W)}" y1="{_fmt(mid)}" '
                    f'x2="{_fmt(other_side_x - 1)}" y2="{_fmt(mid)}" stroke="{INK}" '
                    'marker-end="url(#arrow)"/>'
                )
        previous_bottom = main_y + main.height
        if bands and bands[-1][0] == row.phase:
            bands[-1] = (row.phase, bands[-1][1], y + height)
        else:
            bands.append((row.phase, y, y + height))
        y += height + ROW_GAP
    if merge_target is not None and other_bottom is not None:
        # the other arm joins where the arms meet: down its column, across the gap above
        # the meeting box, and into that box beside the databases arm's arrow
        gap_y, target_y = merge_target
        join_x = center_x + MAIN_W / 4
        body.append(
            f'<polyline points="{_fmt(other_center)},{_fmt(other_bottom)} '
            f"{_fmt(other_center)},{_fmt(gap_y)} {_fmt(join_x)},{_fmt(gap_y)} "
            f'{_fmt(join_x)},{_fmt(target_y - 1)}" fill="none" stroke="{INK}" '
            'marker-end="url(#arrow)"/>'
        )
    for label, top, bottom in bands:
        body[:0] = _band(MARGIN, top, bottom, label)
    if two_arms:
        width = other_side_x + SIDE_W + MARGIN
    elif others:
        width = other_x + SIDE_W + MARGIN
    else:
        width = side_x + SIDE_W + MARGIN
    height = y - ROW_GAP + MARGIN
    desc = "; ".join(
        f"{s.name}: {_n(s.entered)} in, {_n(s.included)} included" for s in flow.stages
    )
    if flow.other_methods is not None:
        desc += (
            f"; other methods: {flow.other_methods.identified} identified, "
            f"{_n(flow.other_methods.sought)} sought, {_n(flow.other_methods.included)} included"
        )
    head_lines = [
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{_fmt(width)}" height="{_fmt(height)}" viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        'role="img" aria-labelledby="flow-title flow-desc">',
        f'<title id="flow-title">{escape(title)}</title>',
        f'<desc id="flow-desc">{escape(desc)}</desc>',
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>',
        "</defs>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<g font-family="{FONT_FAMILY}" font-size="{_fmt(FONT_SIZE)}" fill="{INK}">',
    ]
    return "\n".join([*head_lines, *body, "</g>", "</svg>"]) + "\n"
