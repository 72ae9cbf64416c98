"""Rendering a :class:`~realistsynth.report.document.Report` as one self-contained HTML file
or as Markdown.

HTML: every piece of review data is escaped (titles from databases can hold ``<script>``); the
only unescaped content is the SVG figure, which realistsynth itself generates. Styles are
inline, there are no external resources, and the file opens offline in any browser.
"""

from __future__ import annotations

import html
import re

from realistsynth.report.document import (
    Block,
    BulletList,
    Figure,
    Paragraph,
    Report,
    Table,
)
from realistsynth.report.rameses import Coverage, ItemAssessment

__all__ = ["render_html", "render_markdown"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:72rem;
margin:2rem auto;padding:0 1.5rem;color:#1f2933;line-height:1.5}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #d9e2ec;
padding-bottom:.3rem}.part>h2{font-size:1.6rem;color:#243b53}
h3{margin-top:1.8rem;font-size:1.15rem;border-bottom:1px solid #d9e2ec;padding-bottom:.2rem}
.question{color:#486581;font-style:italic}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #bcccdc;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f0f4f8}
.badge{display:inline-block;border-radius:.8rem;padding:0 .6rem;font-size:.8rem;font-weight:600}
.provided{background:#c6f7e2;color:#014d40}.partly{background:#fff3c4;color:#8d2b0b}
.missing{background:#ffe3e3;color:#610316}.answer{font-weight:600}.answer.yes{color:#014d40}
.answer.no{color:#610316}.answer.not-confirmed{color:#829ab1;font-weight:400}.gaps{color:#8d2b0b}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{color:#486581}
td{overflow-wrap:break-word}.short-first td:first-child{white-space:nowrap}
.table-wrap{overflow-x:auto}
@media print{
@page{size:A4;margin:14mm 12mm}
body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.35}
section.part{break-before:page}h2,h3,caption{break-after:avoid}
table{font-size:8.5pt;width:100%;table-layout:auto}.table-wrap{overflow:visible}
thead{display:table-header-group}tr,figure,.badge{break-inside:avoid}
td{overflow-wrap:anywhere}.short-first td:first-child{white-space:nowrap;overflow-wrap:normal}
a{color:inherit;text-decoration:none}
.badge{border:1px solid #9fb3c8}figure svg{max-height:24cm}
}
"""

#: a first column whose cells are all this short (CMOC labels, item numbers) never wraps
_SHORT_FIRST = 14


def _badge(coverage: Coverage) -> str:
    return f'<span class="badge {coverage.value}">{coverage.value}</span>'


def _answer(a: ItemAssessment) -> tuple[str, str, str]:
    """(the confirmed answer, the page or section, who confirmed it and when): the
    standard's own answer form. Data alone never answer "yes"."""
    c = a.confirmation
    if c is None:
        return ("not confirmed", "-", "-")
    when = c.at.strftime("%Y-%m-%d")
    return (c.reported.value, c.where or "-", f"{c.by}, {when}")


def _answer_header(report: Report) -> str:
    return "Met" if report.answer == "met" else "Reported"


def _rating(report: Report, a: ItemAssessment) -> str:
    """The confirmed rating as the report shows it: ``-`` when not rated, and a level the
    standard does not have (a hand-edited project file) said to be so, never passed off as
    one of its levels."""
    rating = a.confirmation.rating if a.confirmation else None
    if rating is None:
        return "-"
    if rating not in report.ratings:
        return f"{rating} (not on this standard's scale)"
    return rating


def _scale_note(report: Report) -> str:
    """One sentence naming the rating scale, for a standard that has one."""
    return (
        "Each item can also be rated, from worst to best: " + ", ".join(report.ratings) + "."
        if report.ratings
        else ""
    )


def _html_block(block: Block) -> str:
    e = html.escape
    if isinstance(block, Paragraph):
        return f"<p>{e(block.text)}</p>"
    if isinstance(block, BulletList):
        return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{e(h)}</th>" for h in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in block.rows
        )
        short = block.rows and all(len(str(row[0])) <= _SHORT_FIRST for row in block.rows if row)
        attrs = ' class="short-first"' if short else ""
        return (
            f'<div class="table-wrap"><table{attrs}><caption>{e(block.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )
    return f"<figure>{block.svg}<figcaption>{e(block.caption)}</figcaption></figure>"


#: parts of a manuscript that are printed together as its front matter: a title alone on a
#: page, then an abstract alone on the next, would waste two pages on a few lines
_FRONT_MATTER = ("Title", "Abstract")


def _part_name(section: str) -> str:
    """The report's top-level heading for an item of the manuscript part ``section``."""
    if section in _FRONT_MATTER:
        return " and ".join(_FRONT_MATTER).capitalize()
    return section


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def render_html(report: Report) -> str:
    """The report as one self-contained HTML document."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(report.title)}: {e(report.standard)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(report.title)}</h1>",
    ]
    if report.question:
        out.append(f'<p class="question">{e(report.question)}</p>')
    out.append(f"<h2>Checklist: {e(report.standard)}</h2>")
    if report.citation:
        out.append(f'<p class="question">{e(report.citation)}</p>')
    out.append(
        f"<p>The first {'four' if report.ratings else 'three'} columns after the item are the "
        "standard's answer form, filled in only by a "
        "person's confirmation (<code>realistsynth report confirm</code>). "
        "<em>Data suggest</em> is what the review's data point to; it never answers the item."
        + (f" {e(_scale_note(report))}" if report.ratings else "")
        + "</p>"
    )
    rating_head = "<th>Rating</th>" if report.ratings else ""
    out.append(
        '<table class="short-first"><thead><tr><th>#</th><th>Item</th>'
        f"<th>{_answer_header(report)}</th>{rating_head}<th>Page / section</th>"
        "<th>Confirmed by</th><th>Data suggest</th><th>From the review data</th><th>Missing</th>"
        "</tr></thead><tbody>"
    )
    for section in report.sections:
        a = section.assessment
        if not a.item.number:
            continue
        answer, where, who = _answer(a)
        rating = f'<td class="rating">{e(_rating(report, a))}</td>' if report.ratings else ""
        out.append(
            f'<tr><td>{e(a.item.number)}</td><td><a href="#{a.item.key}">{e(a.item.title)}</a>'
            f'</td><td class="answer {answer.replace(" ", "-")}">{e(answer)}</td>{rating}'
            f"<td>{e(where)}</td><td>{e(who)}</td>"
            f"<td>{_badge(a.coverage)}</td><td>{e('; '.join(a.provided)) or '-'}</td>"
            f"<td>{e('; '.join(a.missing)) or '-'}</td></tr>"
        )
    out.append("</tbody></table>")
    part = None
    for section in report.sections:
        a = section.assessment
        number = f"{a.item.number}. " if a.item.number else ""
        if _part_name(a.item.section) != part:
            if part is not None:
                out.append("</section>")
            part = _part_name(a.item.section)
            out.append(f'<section class="part" id="part-{_slug(part)}"><h2>{e(part)}</h2>')
        out.append(
            f'<section class="item" id="{a.item.key}"><h3>{number}{e(a.item.title)} '
            f"{_badge(a.coverage) if a.item.number else ''}</h3>"
        )
        out.append(f"<p><em>{e(a.item.asks)}</em></p>")
        if a.item.number:
            answer, where, who = _answer(a)
            out.append(
                f"<p>{_answer_header(report)}: <strong>{e(answer)}</strong>"
                + (
                    f"; rating: <strong>{e(_rating(report, a))}</strong>"
                    if a.confirmation and a.confirmation.rating is not None
                    else ""
                )
                + (f" ({e(where)}; confirmed by {e(who)})" if a.confirmation else "")
                + (f". {e(a.confirmation.note)}" if a.confirmation and a.confirmation.note else "")
                + "</p>"
            )
        out.extend(_html_block(b) for b in section.blocks)
        if a.missing:
            out.append('<p class="gaps">Missing: ' + e("; ".join(a.missing)) + "</p>")
        out.append("</section>")
    if part is not None:
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


#: Markdown's inline markers: review data is full of them (``leader*`` in a search query,
#: ``[1]`` in a quotation), and unescaped they turn into emphasis, links or code
_MD_MARKERS = re.compile(r"([\\|*_`\[\]])")


def _md_escape(text: str) -> str:
    return _MD_MARKERS.sub(r"\\\1", text).replace("\n", " ").replace("<", "&lt;")


def _md_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _md_escape(block.text)
    if isinstance(block, BulletList):
        return "\n".join(f"- {_md_escape(i)}" for i in block.items)
    if isinstance(block, Table):
        head = "| " + " | ".join(_md_escape(h) for h in block.header) + " |"
        rule = "|" + "|".join("---" for _ in block.header) + "|"
        rows = ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in block.rows]
        return "\n".join([f"*{_md_escape(block.caption)}*", "", head, rule, *rows])
    if isinstance(block, Figure):
        return f"{block.svg}\n\n*{_md_escape(block.caption)}*"
    raise TypeError(block)


def render_markdown(report: Report) -> str:
    """The report as Markdown (the SVG figure is inlined, which most renderers show)."""
    out = [f"# {_md_escape(report.title)}", ""]
    if report.question:
        out += [f"*{_md_escape(report.question)}*", ""]
    out += [f"## Checklist: {_md_escape(report.standard)}", ""]
    if report.citation:
        out += [f"*{_md_escape(report.citation)}*", ""]
    if report.ratings:
        out += [_md_escape(_scale_note(report)), ""]
    rating_head = " Rating |" if report.ratings else ""
    out += [
        f"| # | Item | {_answer_header(report)} |{rating_head} Page / section | Confirmed by | "
        "Data suggest | Missing |",
        "|---|---|---|" + ("---|" if report.ratings else "") + "---|---|---|---|",
    ]
    for section in report.sections:
        a = section.assessment
        if a.item.number:
            answer, where, who = _answer(a)
            rating = f" {_md_escape(_rating(report, a))} |" if report.ratings else ""
            out.append(
                f"| {a.item.number} | {_md_escape(a.item.title)} | {answer} |{rating} "
                f"{_md_escape(where)} | {_md_escape(who)} | {a.coverage.value} | "
                f"{_md_escape('; '.join(a.missing)) or '-'} |"
            )
    for section in report.sections:
        a = section.assessment
        number = f"{a.item.number}. " if a.item.number else ""
        out += ["", f"## {number}{_md_escape(a.item.title)}", "", f"*{_md_escape(a.item.asks)}*"]
        if a.item.number:
            answer, where, who = _answer(a)
            c = a.confirmation
            line = f"{_answer_header(report)}: **{answer}**"
            if c is not None and c.rating is not None:
                line += f"; rating: **{_md_escape(_rating(report, a))}**"
            if c is not None:
                line += f" ({_md_escape(where)}; confirmed by {_md_escape(who)})"
                line += f". {_md_escape(c.note)}" if c.note else ""
            out += ["", line]
        for block in section.blocks:
            out += ["", _md_block(block)]
        if a.missing:
            out += ["", "**Missing:** " + _md_escape("; ".join(a.missing))]
    return "\n".join(out) + "\n"
