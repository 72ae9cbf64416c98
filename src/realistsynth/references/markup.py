"""Keeping record text inert while citeproc-py formats it, and turning its output into plain
text, HTML or Markdown.

citeproc-py inserts field values into its HTML output unescaped (a title holding
``<script>`` comes out as a live tag) and prints title markup such as ``<i>`` literally in
plain text. So before formatting, every ``&``, ``<`` and ``>`` of the data becomes a
private-use character, which no text-case rule or formatter touches, and the few markup tags
CSL allows in fields (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span class="nocase">``)
become private-use markers of their own. After formatting, :func:`to_html`, :func:`to_text`
and :func:`to_markdown` turn the markers back into escaped characters, real tags, or the
Markdown equivalent. The only tags left in the output are the style's own and the allowed
field markup: data can never inject HTML.
"""

from __future__ import annotations

import enum
import html
import re

__all__ = [
    "GIVEN_HYPHEN",
    "PAGE_RANGE",
    "YEAR_FIRST",
    "YEAR_OTHER",
    "OutputFormat",
    "escape_data",
    "to_html",
    "to_markdown",
    "to_text",
]


class OutputFormat(enum.Enum):
    """The formats references are produced in."""

    TEXT = "text"
    HTML = "html"
    MARKDOWN = "md"


#: where the first rendering of the issued year stands (receives the year suffix)
YEAR_FIRST = "\ue120"
#: where any later rendering of the issued year stands
YEAR_OTHER = "\ue121"
#: a page-range delimiter placed by us (citeproc-py would mis-shorten the range)
PAGE_RANGE = "\ue122"
#: a hyphen inside a given name that citeproc-py must not split on ("Ji-woo")
GIVEN_HYPHEN = "\ue123"

_AMP, _LT, _GT = "\ue100", "\ue101", "\ue102"
_DATA_CHARS = str.maketrans({"&": _AMP, "<": _LT, ">": _GT})

# allowed field markup (CSL "rich text" subset) -> private-use marker
_TAGS: dict[str, str] = {
    "<i>": "\ue110",
    "</i>": "\ue111",
    "<b>": "\ue112",
    "</b>": "\ue113",
    "<sup>": "\ue114",
    "</sup>": "\ue115",
    "<sub>": "\ue116",
    "</sub>": "\ue117",
    '<span class="nocase">': "\ue118",
    "</span>": "\ue119",
}
# only balanced pairs count as markup: an unclosed "<b>" in a title stays text, so that it
# cannot turn the rest of an HTML page bold
_PAIR_RE = re.compile(
    r"<(i|b|sup|sub)>(.*?)</\1>|<span class=\"nocase\">(.*?)</span>", re.IGNORECASE | re.DOTALL
)
_MARKER_TO_TAG = {v: k for k, v in _TAGS.items()}
_MARKER_TO_TAG["\ue118"] = _MARKER_TO_TAG["\ue119"] = ""
_MARKER_TO_MD = {
    "\ue110": "*",
    "\ue111": "*",
    "\ue112": "**",
    "\ue113": "**",
    "\ue114": "<sup>",
    "\ue115": "</sup>",
    "\ue116": "<sub>",
    "\ue117": "</sub>",
    "\ue118": "",
    "\ue119": "",
}
_PRIVATE = re.compile("[\ue100-\ue1ff]")


def escape_data(text: str) -> str:
    """Field text with markup replaced by markers and ``& < >`` by inert characters.

    Private-use characters already in the data are dropped first, so data cannot forge a
    marker.
    """
    text = _PRIVATE.sub("", text)
    out: list[str] = []
    pos = 0
    for match in _PAIR_RE.finditer(text):
        out.append(text[pos : match.start()].translate(_DATA_CHARS))
        tag = (match.group(1) or "").lower()
        opening, closing = (
            (f"<{tag}>", f"</{tag}>") if tag else ('<span class="nocase">', "</span>")
        )
        inner = match.group(2) if tag else match.group(3)
        out.append(_TAGS[opening] + escape_data(inner) + _TAGS[closing])
        pos = match.end()
    out.append(text[pos:].translate(_DATA_CHARS))
    return "".join(out)


def _restore(text: str, markers: dict[str, str], chars: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        ch = match.group(0)
        return markers.get(ch, chars.get(ch, ""))

    return _PRIVATE.sub(one, text)


_HTML_CHARS = {_AMP: "&amp;", _LT: "&lt;", _GT: "&gt;", GIVEN_HYPHEN: "-"}
_RAW_CHARS = {_AMP: "&", _LT: "<", _GT: ">", GIVEN_HYPHEN: "-"}


def to_html(rendered: str) -> str:
    """citeproc-py HTML output (with markers) as safe HTML."""
    return _restore(rendered, _MARKER_TO_TAG, _HTML_CHARS)


_STYLE_TAG = re.compile(r"<[^>]*>")


def to_text(rendered: str) -> str:
    """citeproc-py HTML output (with markers) as plain text."""
    text = html.unescape(_STYLE_TAG.sub("", rendered))
    return _restore(text, {}, _RAW_CHARS)


# backslash escapes keep the text readable as plain text too: an "&" is written as an entity
# only where it would otherwise start one ("&amp;" read back as "&"), and "<"/">" are escaped
# so that no text becomes raw HTML
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MD_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_STYLE_TO_MD = {"<i>": "*", "</i>": "*", "<b>": "**", "</b>": "**"}
_MD_CHARS = {_AMP: "&", _LT: "\\<", _GT: "\\>", GIVEN_HYPHEN: "-"}


def to_markdown(rendered: str) -> str:
    """citeproc-py HTML output (with markers) as Markdown (CommonMark).

    Text is escaped (``* _ [ ] ` \\ < >`` with a backslash, ``&`` as ``&amp;`` only before
    something an entity could be); the style's italics and bold become ``*`` and ``**``;
    other style tags are dropped.
    """
    out: list[str] = []
    pos = 0
    for match in _STYLE_TAG.finditer(rendered):
        out.append(_md_text(rendered[pos : match.start()]))
        out.append(_STYLE_TO_MD.get(match.group(0).lower(), ""))
        pos = match.end()
    out.append(_md_text(rendered[pos:]))
    return _MD_ENTITY_LIKE.sub("&amp;", "".join(out))


def _md_text(segment: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", html.unescape(segment))
    return _restore(text, _MARKER_TO_MD, _MD_CHARS)
