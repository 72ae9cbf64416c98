"""Formatted references for a set of records: the entries in the style's order, each with its
in-text citation, in plain text, HTML or Markdown.

:class:`ReferenceFormatter` renders each record once per style (through the cache, see
:mod:`realistsynth.references.cache`), then settles what depends on the whole set, in the
order CSL (and citeproc-js, Zotero's engine) applies it; citeproc-py does none of it:

1. the order of the list;
2. given names: the first author's initials in the citation when that family name belongs to
   more than one person: across the whole list under the ``primary-name`` rules (APA:
   "(A. B. Ahmed, 2018)", "(M. Ahmed & Tanaka, 2015)"), only among citations that would
   otherwise be the same under ``by-cite`` (Cite Them Right: "(H. Brown et al., 2022)");
3. added names: where citations are still the same but the author lists differ, names are
   shown before "et al." one at a time until they differ ("(Aunger, Millar, Rafferty,
   Mannion, et al., 2022)" against "(Aunger, Millar, Rafferty and Mannion, 2022)"); these
   citations are rendered from a second parse of the style with other et-al settings;
4. year suffixes (``2021a``, ``2021b``, in list order, in the entry and in the citation)
   where citations are still the same.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from realistsynth.model.labels import letter_suffix
from realistsynth.model.records import Record
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import CitationStyle
from realistsynth.references.cache import ReferenceCache, item_key
from realistsynth.references.csl_json import record_to_csl
from realistsynth.references.engine import (
    RENDERING_REVISION,
    RenderedItem,
    as_rendered,
    render_items,
    render_with_names,
)
from realistsynth.references.markup import (
    YEAR_FIRST,
    YEAR_OTHER,
    OutputFormat,
    to_html,
    to_markdown,
    to_text,
)
from realistsynth.references.styles import LoadedStyle, load_style, resolve_style

__all__ = [
    "PARALLEL_FROM",
    "Bibliography",
    "Reference",
    "ReferenceFormatter",
    "format_references",
    "year_suffix",
]


@frozen
class Reference:
    """One formatted reference: its entry in the list and its in-text citation."""

    record_id: str
    entry: str
    citation: str
    year_suffix: str | None = None


def _reference_tuple(items: Iterable[Reference]) -> tuple[Reference, ...]:
    return tuple(items)


@frozen
class Bibliography:
    """A formatted reference list, in the style's order."""

    style: str
    format: OutputFormat
    references: tuple[Reference, ...] = field(converter=_reference_tuple)

    def citation(self, record_id: str) -> str:
        """The in-text citation of one record.

        :raises KeyError: if the record is not in the list.
        """
        for reference in self.references:
            if reference.record_id == record_id:
                return reference.citation
        raise KeyError(record_id)

    def render(self) -> str:
        """The whole list as one document fragment in the bibliography's format."""
        if self.format is OutputFormat.HTML:
            rows = "".join(f'  <div class="csl-entry">{r.entry}</div>\n' for r in self.references)
            return f'<div class="csl-bib-body">\n{rows}</div>\n'
        if self.format is OutputFormat.MARKDOWN:
            return "".join(f"{r.entry}\n\n" for r in self.references)
        return "".join(f"{r.entry}\n" for r in self.references)

    def render_page(self, title: str = "References") -> str:
        """The list as a complete document: for HTML a styled page (hanging indents, a
        readable measure, print-friendly), for Markdown the list under a heading; text as
        :meth:`render`. :meth:`render` gives the bare fragment to embed in a page of one's own.

        :param title: the page's title and heading.
        """
        if self.format is OutputFormat.HTML:
            heading = html.escape(title)
            count = len(self.references)
            return (
                '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{heading}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n<body>\n"
                f"<main>\n<h1>{heading}</h1>\n"
                f'<p class="meta">{count} reference{"" if count == 1 else "s"} · '
                f"{html.escape(self.style)}</p>\n{self.render()}</main>\n</body>\n</html>\n"
            )
        if self.format is OutputFormat.MARKDOWN:
            return f"# {title}\n\n{self.render()}"
        return self.render()


_PAGE_CSS = """
body { margin: 0; background: #f6f6f4; color: #1d1d1f;
  font: 16px/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 46rem; margin: 2.5rem auto; padding: 2rem 2.5rem; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.08); }
h1 { font: 600 1.6rem/1.2 system-ui, sans-serif; margin: 0 0 .3rem; }
.meta { font: .85rem system-ui, sans-serif; color: #666; margin: 0 0 1.5rem; }
.csl-entry { padding-left: 2em; text-indent: -2em; margin: 0 0 .75rem; overflow-wrap: anywhere; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  .csl-entry { break-inside: avoid; }
  @page { size: A4; margin: 20mm; }
}
"""


#: The suffix of the ``index``-th colliding entry (2021a, 2021b ...): one rule for labels,
#: keys and reference lists.
year_suffix = letter_suffix


@functools.lru_cache(maxsize=4096)
def collation_key(text: str) -> str:
    """``text`` as reference lists are alphabetised: accents, case and punctuation ignored
    (``“Editorial”`` files under E, ``O’Brien`` as ``OBrien``, ``Health & Social`` before
    ``Health and Social``), as citeproc-js orders them.

    >>> collation_key("“Édition” d’O’Brien & Co").replace(chr(1), "·")
    'edition· d·o·brien · co'
    """
    decomposed = unicodedata.normalize("NFKD", text).casefold().lstrip(_QUOTES)
    kept = []
    for ch in decomposed:
        if ch.isalnum():
            kept.append(ch)
        elif ch.isspace():
            kept.append(" ")
        elif not unicodedata.combining(ch):
            kept.append("\x01")  # punctuation sorts before letters and digits, as in ICU
    return " ".join("".join(kept).split())


#: quotation marks a style adds around a title: not part of what the list is sorted by
_QUOTES = "\"'“”‘’«»„"


def _compare(
    left: tuple[str | None, ...], right: tuple[str | None, ...], desc: tuple[bool, ...]
) -> int:
    # the order citeproc-py's own bibliography sort gives: missing values last, numbers
    # compared as numbers, text collated as citeproc-js does (see collation_key)
    for a, b, descending in zip(left, right, desc, strict=False):
        if a is not None and b is not None:
            x: Any = collation_key(a)
            y: Any = collation_key(b)
            with contextlib.suppress(ValueError):
                x, y = int(a), int(b)
            result = int(x > y) - int(x < y)
            if result:
                return -result if descending else result
        elif a is not None:
            return -1
        elif b is not None:
            return 1
    return 0


_CONVERTERS = {
    OutputFormat.TEXT: to_text,
    OutputFormat.HTML: to_html,
    OutputFormat.MARKDOWN: to_markdown,
}


class ReferenceFormatter:
    """Formats records in one CSL style.

    :param style: a registered style name (``apa``), a path to a ``.csl`` file, or a
        :class:`~realistsynth.protocols.CitationStyle`.
    :param plugins: where registered style names are looked up.
    :param cache: a :class:`ReferenceCache` to reuse renderings across calls (one is made
        per formatter if not given).
    :param workers: processes to render cache misses in (default 1: this process). More
        helps only on an idle multi-core machine: each worker parses the style again, and on
        a busy 2-core machine 2 workers were slower than 1 (5.3 s against 3.5 s for 1,000 APA
        references). Batches smaller than :data:`PARALLEL_FROM` always stay in this process.
    """

    def __init__(
        self,
        style: str | Path | CitationStyle,
        *,
        plugins: PluginManager | None = None,
        cache: ReferenceCache | None = None,
        workers: int | None = None,
    ) -> None:
        self.style: CitationStyle = resolve_style(style, plugins)
        self.cache = cache if cache is not None else ReferenceCache()
        self.workers = max(1, workers if workers is not None else 1)
        self._loaded: LoadedStyle | None = None
        self._variant: LoadedStyle | None = None

    @functools.cached_property
    def _cache_id(self) -> str:
        # the style file and the code that renders it: an upgrade that changes rendering
        # must not reuse entries rendered by the old code
        from importlib.metadata import PackageNotFoundError, version

        from realistsynth._version import __version__

        try:
            citeproc = version("citeproc-py")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            citeproc = "unknown"
        renderer = f"{__version__}/{RENDERING_REVISION}/{citeproc}"
        digest = hashlib.sha256(renderer.encode()).hexdigest()[:12]
        return f"{self.loaded.digest[:32]}-{digest}"

    @property
    def loaded(self) -> LoadedStyle:
        """The parsed style (parsed on first use)."""
        if self._loaded is None:
            self._loaded = load_style(self.style)
        return self._loaded

    def format(
        self, records: Iterable[Record], fmt: OutputFormat | str = OutputFormat.TEXT
    ) -> Bibliography:
        """Format ``records`` (each once; order matters only for numeric styles)."""
        return self.format_items([record_to_csl(r) for r in records], fmt)

    def format_items(
        self, items: Sequence[dict[str, Any]], fmt: OutputFormat | str = OutputFormat.TEXT
    ) -> Bibliography:
        """Format CSL-JSON items (dicts with an ``id``)."""
        output = OutputFormat(fmt)
        rendered = self._rendered(items)
        order = list(range(len(items)))
        desc = self._descending()
        if desc is not None:

            def cmp(i: int, j: int) -> int:
                return _compare(rendered[i].sort_key, rendered[j].sort_key, desc)

            order.sort(key=functools.cmp_to_key(cmp))
        initialled = self._initialled(items, rendered, order)
        citations = [
            self._with_initials(r.citation, items[i]) if i in initialled else r.citation
            for i, r in enumerate(rendered)
        ]
        citations, entries = self._add_names(items, rendered, citations, initialled)
        suffixes = self._suffixes(items, rendered, citations, order)
        convert = _CONVERTERS[output]
        references = []
        for i in order:
            item = rendered[i]
            suffix = suffixes.get(i)
            references.append(
                Reference(
                    record_id=str(items[i]["id"]),
                    entry=convert(_fill_years(entries.get(i, item.entry), item.year, suffix)),
                    citation=convert(_fill_years(citations[i], item.year, suffix)),
                    year_suffix=suffix,
                )
            )
        return Bibliography(self.style.name, output, references)

    def _rendered(self, items: Sequence[dict[str, Any]]) -> list[RenderedItem]:
        style = self.loaded
        keys = [item_key(item, pos if style.numeric else None) for pos, item in enumerate(items)]
        found: list[RenderedItem | None] = [self.cache.get(self._cache_id, k) for k in keys]
        missing = [pos for pos, hit in enumerate(found) if hit is None]
        if missing:
            fresh = self._render(items, missing)
            for pos, item in fresh.items():
                self.cache.put(self._cache_id, keys[pos], item)
                found[pos] = item
            self.cache.save()
        return [f for f in found if f is not None]

    def _render(
        self, items: Sequence[dict[str, Any]], missing: list[int]
    ) -> dict[int, RenderedItem]:
        if self.workers < 2 or len(missing) < PARALLEL_FROM:
            return render_items(self.loaded, items, missing)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        chunks = [missing[i :: self.workers] for i in range(self.workers)]
        out: dict[int, RenderedItem] = {}
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            jobs = [pool.submit(_render_chunk, self.style, list(items), c) for c in chunks]
            for job in jobs:
                out.update(job.result())
        return out

    def _descending(self) -> tuple[bool, ...] | None:
        style = self.loaded
        if not style.has_bibliography_sort:
            return None
        bibliography = style.csl.root.bibliography
        sort = bibliography.find("cs:sort", bibliography.nsmap)
        return tuple(
            str(k.get("sort", "ascending")).lower() == "descending"
            for k in sort.findall("cs:key", sort.nsmap)
        )

    def _add_names(
        self,
        items: Sequence[dict[str, Any]],
        rendered: list[RenderedItem],
        citations: list[str],
        initialled: set[int],
    ) -> tuple[list[str], dict[int, str]]:
        """Names added before "et al." where two citations are still the same after given
        names but their name lists differ (CSL ``disambiguate-add-names``): "(Aunger, Millar,
        Rafferty, Mannion, et al., 2022)" and "(Aunger, Millar, Rafferty, & Mannion, 2022)",
        as the worked example prints its two Aunger 2022 papers.

        Returns the citations and, for the items that got names, their list entries showing
        at least as many names (as citeproc-js does where a list would cut them: Cite Them
        Right, Chicago)."""
        style = self.loaded
        citations = list(citations)
        entries: dict[int, str] = {}
        if not style.add_names:
            return citations, entries
        pending = self._ambiguous_by_names(items, rendered, citations, list(range(len(items))))
        names = 1
        while pending:
            names += 1
            longest = max(
                len(items[i].get("author") or items[i].get("editor") or []) for i in pending
            )
            if names > longest:
                break
            for i, variant in self._with_names(items, pending, names).items():
                text = variant.citation
                citations[i] = self._with_initials(text, items[i]) if i in initialled else text
                entries[i] = variant.entry
            pending = self._ambiguous_by_names(items, rendered, citations, pending)
        return citations, entries

    def _ambiguous_by_names(
        self,
        items: Sequence[dict[str, Any]],
        rendered: list[RenderedItem],
        citations: list[str],
        among: list[int],
    ) -> list[int]:
        groups: dict[str, list[int]] = {}
        for i in among:
            groups.setdefault(_fill_years(citations[i], rendered[i].year, None), []).append(i)
        out: list[int] = []
        for members in groups.values():
            lists = {_names_key(items[i], self.loaded) for i in members}
            if len(members) > 1 and len(lists) > 1:
                out.extend(members)
        return sorted(out)

    def _with_names(
        self, items: Sequence[dict[str, Any]], wanted: list[int], names: int
    ) -> dict[int, RenderedItem]:
        style = self.loaded
        keys = {
            i: item_key(items[i], i if style.numeric else None) + f"#names{names}" for i in wanted
        }
        out: dict[int, RenderedItem] = {}
        missing = []
        for i in wanted:
            hit = self.cache.get(self._cache_id, keys[i])
            if hit is None:
                missing.append(i)
            else:
                out[i] = hit
        if missing:
            if self._variant is None:
                self._variant = load_style(self.style)
            bibliography = style.csl.root.find("cs:bibliography", {"cs": _CSL_NS})
            list_et_al = None
            if bibliography is not None and bibliography.get("et-al-use-first") is not None:
                list_et_al = (
                    int(bibliography.get("et-al-use-first")),
                    int(bibliography.get("et-al-min", "0")),
                )
            fresh = render_with_names(self._variant, items, missing, names, list_et_al)
            for i, variant in fresh.items():
                self.cache.put(self._cache_id, keys[i], variant)
                out[i] = variant
            self.cache.save()
        return out

    def _initialled(
        self, items: Sequence[dict[str, Any]], rendered: list[RenderedItem], order: list[int]
    ) -> set[int]:
        """The items whose citation gets the first author's initials (givenname rules)."""
        style = self.loaded
        if not style.add_givenname:
            return set()
        citations = [r.citation for r in rendered]
        firsts = [_first_person(item) for item in items]
        if style.givenname_rule.startswith(("primary-name", "all-names")):
            people: dict[str, set[str]] = {}
            for first in firsts:
                if first is not None:
                    people.setdefault(first[0], set()).add(_initials(first[1], ". "))
            return {i for i, first in enumerate(firsts) if first and len(people[first[0]]) > 1}
        # by-cite: only citations that would otherwise be the same
        expand: set[int] = set()
        groups: dict[str, list[int]] = {}
        for i in order:
            groups.setdefault(_fill_years(citations[i], rendered[i].year, None), []).append(i)
        for members in groups.values():
            known = [firsts[i] for i in members]
            distinct = {_initials(f[1], ". ") for f in known if f}
            if len(members) > 1 and all(known) and len(distinct) > 1:
                expand.update(members)
        return expand

    def _with_initials(self, citation: str, item: dict[str, Any]) -> str:
        first = _first_person(item)
        if first is None:
            return citation
        at = citation.find(as_rendered(first[0]))
        if at < 0:
            return citation
        initials = _initials(first[1], self.loaded.initialize_with)
        return f"{citation[:at]}{initials} {citation[at:]}"

    def _suffixes(
        self,
        items: Sequence[dict[str, Any]],
        rendered: list[RenderedItem],
        citations: list[str],
        order: list[int],
    ) -> dict[int, str]:
        style = self.loaded
        if not style.add_year_suffix:
            return {}
        groups: dict[tuple[str, str], list[int]] = {}
        for i in order:
            item = rendered[i]
            if item.year is None or YEAR_FIRST not in citations[i]:
                continue
            cite = _fill_years(citations[i], item.year, None)
            names = _names_key(items[i], style) if style.add_names else ""
            groups.setdefault((cite, names), []).append(i)
        out: dict[int, str] = {}
        for members in groups.values():
            if len(members) > 1:
                for n, i in enumerate(members):
                    out[i] = year_suffix(n)
        return out


_CSL_NS = "http://purl.org/net/xbiblio/csl"

#: cache misses below this many are rendered in-process (a worker costs a style parse)
PARALLEL_FROM = 200


def _render_chunk(
    style: CitationStyle, items: list[dict[str, Any]], wanted: list[int]
) -> dict[int, RenderedItem]:
    # runs in a worker process: parses the style itself (nothing is shared but the arguments)
    return render_items(load_style(style), items, wanted)


def _first_person(item: dict[str, Any]) -> tuple[str, str] | None:
    names = item.get("author") or item.get("editor") or []
    if not names or "literal" in names[0] or not names[0].get("given"):
        return None
    first = names[0]
    family = " ".join(p for p in (first.get("non-dropping-particle"), first.get("family")) if p)
    return family, str(first["given"])


def _initials(given: str, initialize_with: str) -> str:
    """Initials of a given name: "Jean-Paul" -> "J.-P.", "A.B." -> "A. B." (with ". ")."""
    dot = initialize_with.rstrip()
    space = " " if initialize_with.endswith(" ") else ""
    out = ""
    after_hyphen = True
    for token in re.findall(r"-|[^\s.\-]+", given):
        if token == "-":
            out = out.rstrip() + "-"
            after_hyphen = True
            continue
        out += ("" if after_hyphen else space) + token[0].upper() + dot
        after_hyphen = False
    return out


def _names_key(item: dict[str, Any], style: LoadedStyle) -> str:
    names = item.get("author") or item.get("editor") or []
    parts = []
    for name in names:
        if "literal" in name:
            parts.append(str(name["literal"]))
        else:
            given = str(name.get("given", "")) if style.add_givenname else ""
            parts.append(
                f"{name.get('non-dropping-particle', '')} {name.get('family', '')}, {given}"
            )
    return "|".join(parts)


def _fill_years(text: str, year: str | None, suffix: str | None) -> str:
    if year is None:
        return text
    return text.replace(YEAR_FIRST, year + (suffix or "")).replace(YEAR_OTHER, year)


def format_references(
    records: Iterable[Record],
    style: str | Path | CitationStyle = "apa",
    fmt: OutputFormat | str = OutputFormat.TEXT,
    *,
    plugins: PluginManager | None = None,
    cache: ReferenceCache | None = None,
) -> Bibliography:
    """Format ``records`` in ``style``: a one-call wrapper over :class:`ReferenceFormatter`.

    With ``plugins`` omitted, a fresh plugin manager (built-in styles and installed plugins)
    resolves the style name.
    """
    if plugins is None and not isinstance(style, CitationStyle) and not Path(str(style)).is_file():
        from realistsynth.plugins import get_plugin_manager

        plugins = get_plugin_manager()
    return ReferenceFormatter(style, plugins=plugins, cache=cache).format(records, fmt)
