"""The flow diagram as a self-contained SVG, laid out here (no Graphviz, no browser, no
network): PRISMA 2020-like boxes for identification, screening and inclusion, with the
realist appraisal gates between screening and inclusion.

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
    return _Row("Identification", tuple(main), side)


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


def _stage_rows(stage: StageFlow, first_eligibility: bool) -> list[_Row]:
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
        if stage.not_retrieved:
            rows.append(
                _Row(
                    "Screening",
                    (_Para(f"Reports sought for retrieval (n = {_n(stage.entered)})", bold=True),),
                    (_Para(f"Reports not retrieved (n = {stage.not_retrieved:,})", bold=True),),
                )
            )
            assessed = None if stage.entered is None else stage.entered - stage.not_retrieved
        what = "Reports assessed for eligibility" if first_eligibility else stage.name
        side = [_Para(f"Reports excluded (n = {_n(stage.excluded)})", bold=True)]
        side.extend(_reasons(stage))
        side.extend(_undecided(stage))
        rows.append(
            _Row("Screening", (_Para(f"{what} (n = {_n(assessed)})", bold=True),), tuple(side))
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
        )
    ]


def _rows(flow: Flow) -> list[_Row]:
    rows = [_identification(flow)]
    first_eligibility = True
    for stage in flow.stages:
        rows.extend(_stage_rows(stage, first_eligibility and stage.role == "eligibility"))
        if stage.role == "eligibility":
            first_eligibility = False
    rows.append(
        _Row(
            "Included",
            (_Para(f"Sources included in the synthesis (n = {_n(flow.included)})", bold=True),),
            None,
        )
    )
    return rows


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


def render_flow_svg(flow: Flow, *, title: str = "Flow of records through the review") -> str:
    """The SVG text of the flow diagram.

    :param title: the diagram's accessible title (``<title>``; not drawn).
    """
    main_x = MARGIN + BAND + BAND_GAP
    side_x = main_x + MAIN_W + COL_GAP
    body: list[str] = []
    bands: list[tuple[str, float, float]] = []
    y = MARGIN
    previous_bottom: float | None = None
    center_x = main_x + MAIN_W / 2
    laid = []
    for row in _rows(flow):
        main = _lay(row.main, MAIN_W)
        side = _lay(row.side, SIDE_W) if row.side is not None else None
        laid.append((row, main, side, max(main.height, side.height if side else 0.0)))
    heights = _stretch_for_bands(laid)
    for (row, main, side, _), height in zip(laid, heights, strict=True):
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
        previous_bottom = main_y + main.height
        if bands and bands[-1][0] == row.phase:
            bands[-1] = (row.phase, bands[-1][1], y + height)
        else:
            bands.append((row.phase, y, y + height))
        y += height + ROW_GAP
    for label, top, bottom in bands:
        body[:0] = _band(MARGIN, top, bottom, label)
    width = side_x + SIDE_W + MARGIN
    height = y - ROW_GAP + MARGIN
    desc = "; ".join(
        f"{s.name}: {_n(s.entered)} in, {_n(s.included)} included" for s in flow.stages
    )
    head = [
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
    return "\n".join([*head, *body, "</g>", "</svg>"]) + "\n"
