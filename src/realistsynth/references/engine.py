"""Rendering single items with citeproc-py, and the gaps of citeproc-py closed around it.

citeproc-py 0.11 renders each item correctly often enough to be worth wrapping (and it is pure
Python, with a permissive licence), but it lacks or breaks a few things, closed here:

* **Year-suffix disambiguation** (2021a, 2021b): each item is rendered with its issued year
  replaced by a sentinel year that occurs nowhere else in the item, and the sentinel's place
  is kept as a marker (:data:`~realistsynth.references.markup.YEAR_FIRST`), so that
  :mod:`realistsynth.references.bibliography` can put the year and its suffix back once it
  knows which items collide. A rendered item is then independent of the other items, which
  is what makes per-item caching possible.
* **Hyphenated given names**: citeproc-py initialises "Ji-woo" as "J.-. woo". A hyphen
  followed by a lower-case letter is hidden from it (a private-use character), so the name is
  one word: initialised "J." as citeproc-js does, printed in full "Ji-woo" by styles that do
  not initialise. "Jean-Paul" and "M-F." are left alone ("J.-P.", "M.-F.").
* **HTML injection**: data is made inert before rendering (:mod:`~realistsynth.references.markup`).
* **Page ranges**: citeproc-py shortens "1-10" to "1–0" under ``minimal`` range formats when the
  last page has more digits, and does not expand "255-72" under ``expanded``; such ranges are
  passed pre-formatted.
  The range delimiter is the style's own (AMA: "-"), not always an en dash.
* **Numeric labels**: "1.Kim" gets its space ("1. Kim") in styles that align the label.
* **Punctuation inside quotation marks** (en-US): ``”,`` becomes ``,”``; ``?.`` and "et al.."
  lose their extra full stop.
* **Typography citeproc-js applies to data**: straight apostrophes become "’"; initials
  written together ("J.M.") are spaced ("J. M.") in styles that initialise names.

Fixes that need citeproc-py's element classes (substituted titles printed twice, group
suppression, ``initialize="false"``, title case, localized date delimiters, label case) are
in :mod:`realistsynth.references.csl_parser`; disambiguation across items is in
:mod:`realistsynth.references.bibliography`.

Identifiers given to citeproc-py are positional (``r0``, ``r1`` ...): citeproc-py lower-cases
keys, so two record ids differing only in case would otherwise collide.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from typing import Any

from attrs import frozen

from realistsynth.references.markup import (
    GIVEN_HYPHEN,
    PAGE_RANGE,
    YEAR_FIRST,
    YEAR_OTHER,
    escape_data,
)
from realistsynth.references.styles import LoadedStyle

__all__ = [
    "RENDERING_REVISION",
    "RenderedItem",
    "as_rendered",
    "render_items",
    "render_with_names",
]

#: Bump when a change here alters rendered output, so caches on disk are not reused.
RENDERING_REVISION = 2

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_SENTINELS = (*tuple(range(1111, 10000, 1111)), 1234, 4321, 5678, 8765, 1357, 2468)


@frozen
class RenderedItem:
    """One item as rendered by the style, before year suffixes and numbering are settled.

    ``entry`` and ``citation`` are citeproc-py HTML with private-use markers (see
    :mod:`~realistsynth.references.markup`); ``year`` is the issued year the markers stand for.
    ``sort_key`` holds the style's bibliography sort keys (``None`` for a missing value).
    """

    entry: str
    citation: str
    year: str | None
    sort_key: tuple[str | None, ...]

    def to_json(self) -> list[Any]:
        """Plain data for a disk cache."""
        return [self.entry, self.citation, self.year, list(self.sort_key)]

    @classmethod
    def from_json(cls, data: Any) -> RenderedItem:
        """The inverse of :meth:`to_json` (raises ``ValueError`` on malformed data)."""
        if not isinstance(data, list) or len(data) != 4:
            raise ValueError("malformed cache entry")
        entry, citation, year, sort_key = data
        if not isinstance(entry, str) or not isinstance(citation, str):
            raise ValueError("malformed cache entry")
        return cls(entry, citation, year, tuple(sort_key))


_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\w)")


def _escape_value(value: Any) -> Any:
    if isinstance(value, str):
        # typographic apostrophes, as citeproc-js prints them ("King’s", "O’Brien")
        return escape_data(_APOSTROPHE.sub("\u2019", value))
    if isinstance(value, list):
        return [_escape_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _escape_value(v) for k, v in value.items()}
    return value


def as_rendered(text: str) -> str:
    """``text`` as it appears inside rendered output (inert characters, typographic
    apostrophes), to find a name in a rendered citation."""
    result: str = _escape_value(text)
    return result


_JOINED_INITIALS = re.compile(r"\b([A-Z])\.(?=[A-Z]\b)")
_LOWER_AFTER_HYPHEN = re.compile(r"(?<=\w)-([a-z])")
_RANGE = re.compile(r"^\s*(\d+)\s*[-\u2013\u2014]+\s*(\d+)\s*$")


def _prepare(item: dict[str, Any], style: LoadedStyle, key: str) -> dict[str, Any]:
    out: dict[str, Any] = _escape_value(copy.deepcopy(item))
    out["id"] = key
    for role in ("author", "editor"):
        for name in out.get(role, []):
            given = name.get("given")
            if given and "-" in given:
                given = name["given"] = _LOWER_AFTER_HYPHEN.sub(GIVEN_HYPHEN + r"\1", given)
            if given and style.initialises_names:
                # initials written together ("J.M.") are spaced as the style's initials are
                # ("J. M."), as citeproc-js does even where a list prints full given names
                name["given"] = _JOINED_INITIALS.sub(r"\1. ", given)
    page = out.get("page")
    if isinstance(page, str) and style.page_range_format:
        match = _RANGE.match(page)
        if match:
            first, last = match.groups()
            if len(last) < len(first) and style.page_range_format == "expanded":
                last = first[: len(first) - len(last)] + last
                out["page"] = first + PAGE_RANGE + last
            elif len(last) > len(first) or last == first:
                out["page"] = first + PAGE_RANGE + last
    return out


def _sentinel(item: dict[str, Any]) -> int | None:
    year = _year(item)
    if year is None or not 1000 <= year <= 9999:
        return None
    text = json.dumps(item, ensure_ascii=False)
    return next((s for s in _SENTINELS if str(s) not in text and s != year), None)


def _year(item: dict[str, Any]) -> int | None:
    try:
        year = item["issued"]["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    return year if isinstance(year, int) else None


def _mark_years(text: str, sentinel: int | None) -> str:
    if sentinel is None:
        return text
    token = str(sentinel)
    first = text.find(token)
    if first < 0:
        return text
    return text[:first] + YEAR_FIRST + text[first + len(token) :].replace(token, YEAR_OTHER)


_QUOTE_PUNCT = re.compile(r"”([.,])")
# citeproc-js drops a full stop or comma that follows a question or exclamation mark
_DOUBLE_PUNCT = re.compile(r"([?!])((?:</[a-z]+>)*)[.]")
# ... and one full stop of two ("et al.." when an abbreviation ends a name list), not "..."
_DOUBLE_STOP = re.compile(r"(?<!\.)\.((?:</[a-z]+>)*)\.(?!\.)")
_LABEL = re.compile(r"^(\d+\.)(?=\S)")


def _polish(text: str, style: LoadedStyle, *, entry: bool) -> str:
    text = text.replace(PAGE_RANGE, style.page_range_delimiter)
    if style.punctuation_in_quote:
        text = _QUOTE_PUNCT.sub(r"\1”", text)
    text = _DOUBLE_PUNCT.sub(r"\1\2", text)
    text = _DOUBLE_STOP.sub(r".\1", text)
    if entry and style.second_field_align:
        text = _LABEL.sub(r"\1 ", text)
    return text


def _plain_key(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return str(value.lower())
    except AttributeError:
        return str(value)


def render_items(
    style: LoadedStyle, items: Sequence[dict[str, Any]], wanted: Sequence[int]
) -> dict[int, RenderedItem]:
    """Render the items at positions ``wanted`` of ``items`` (CSL-JSON dicts).

    All items are registered, in order, so that numeric styles number them by position; only
    the wanted ones are rendered.
    """
    from citeproc import Citation, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    from realistsynth.references.csl_parser import fast_citation_item_class

    fast_citation_item = fast_citation_item_class()
    wanted_set = set(wanted)
    registered = items if style.numeric else [items[i] for i in sorted(wanted_set)]
    positions = list(range(len(items))) if style.numeric else sorted(wanted_set)
    keys = {pos: f"r{pos}" for pos in positions}
    sentinels: dict[int, int | None] = {}
    render_data = []
    sort_data = []
    for pos, item in zip(positions, registered, strict=True):
        prepared = _prepare(item, style, keys[pos])
        sort_data.append(prepared)
        sentinel = _sentinel(prepared) if pos in wanted_set else None
        sentinels[pos] = sentinel
        if sentinel is not None:
            shown = copy.deepcopy(prepared)
            shown["issued"]["date-parts"][0][0] = sentinel
            render_data.append(shown)
        else:
            render_data.append(prepared)
    csl = style.csl
    render_bib = CitationStylesBibliography(csl, CiteProcJSON(render_data), formatter.html)
    citations = {}
    for pos in positions:
        citation = Citation([fast_citation_item(keys[pos])])
        render_bib.register(citation)
        citations[pos] = citation
    by_key = {item.key: item for item in render_bib.items}
    out: dict[int, RenderedItem] = {}
    for pos in sorted(wanted_set):
        cite_item = by_key[keys[pos]]
        entry = str(csl.render_bibliography([cite_item])[0]) if csl.has_bibliography() else ""
        citation_text = str(render_bib.cite(citations[pos], lambda _item: None))
        sentinel = sentinels[pos]
        year = _year(items[pos])
        out[pos] = RenderedItem(
            entry=_polish(_mark_years(entry, sentinel), style, entry=True),
            citation=_polish(_mark_years(citation_text, sentinel), style, entry=False),
            year=str(year) if sentinel is not None else None,
            sort_key=(),
        )
    if style.has_bibliography_sort:
        sort_keys = _sort_keys(style, sort_data, [keys[p] for p in positions])
        for pos in out:
            rendered = out[pos]
            out[pos] = RenderedItem(
                rendered.entry, rendered.citation, rendered.year, sort_keys[keys[pos]]
            )
    return out


def _sort_keys(
    style: LoadedStyle, data: list[dict[str, Any]], keys: list[str]
) -> dict[str, tuple[str | None, ...]]:
    from citeproc import Citation, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    from realistsynth.references.csl_parser import fast_citation_item_class

    fast_citation_item = fast_citation_item_class()
    csl = style.csl
    bib = CitationStylesBibliography(csl, CiteProcJSON(data), formatter.html)
    for key in keys:
        bib.register(Citation([fast_citation_item(key)]))
    bibliography = csl.root.bibliography
    sort = bibliography.find("cs:sort", bibliography.nsmap)
    layout = bibliography.layout
    columns = [
        [_plain_key(v) for v in key_el.sort_keys(bib.items, layout)]
        for key_el in sort.findall("cs:key", sort.nsmap)
    ]
    return {item.key: tuple(col[i] for col in columns) for i, item in enumerate(bib.items)}


def render_with_names(
    style: LoadedStyle,
    items: Sequence[dict[str, Any]],
    wanted: Sequence[int],
    names: int,
    list_et_al: tuple[int, int] | None,
) -> dict[int, RenderedItem]:
    """The wanted items rendered with up to ``names`` names before "et al." in citations, and
    at least as many in list entries.

    ``style`` must be a parse of its own (its et-al settings are changed): this is how
    citations that differ only after "et al." are told apart (CSL ``disambiguate-add-names``).
    ``list_et_al`` is the original style's bibliography (et-al-use-first, et-al-min), if set.
    """
    ns = {"cs": _CSL_NS}
    citation = style.csl.root.find("cs:citation", ns)
    citation.set("et-al-use-first", str(names))
    citation.set("et-al-min", str(names + 1))
    bibliography = style.csl.root.find("cs:bibliography", ns)
    if bibliography is not None and list_et_al is not None:
        use_first = max(names, list_et_al[0])
        bibliography.set("et-al-use-first", str(use_first))
        bibliography.set("et-al-min", str(max(list_et_al[1], use_first + 1)))
    return render_items(style, items, wanted)
