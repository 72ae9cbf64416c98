"""Finding and loading a CSL style: by the short name a plugin registered, or from any
``.csl`` file path.

:class:`LoadedStyle` parses a style once with citeproc-py and reads the options that the
wrapper in :mod:`realistsynth.references.engine` needs to close citeproc-py's gaps (year-suffix
disambiguation, numeric labels, punctuation inside quotation marks). Its ``digest`` (the
SHA-256 of the file's bytes) identifies the style in caches, so an edited style file never
reuses stale entries.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from attrs import frozen

from realistsynth.errors import PluginError
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import CitationStyle

__all__ = ["LoadedStyle", "load_style", "resolve_style"]

_CSL_NS = {"cs": "http://purl.org/net/xbiblio/csl"}


def resolve_style(
    style: str | Path | CitationStyle, plugins: PluginManager | None = None
) -> CitationStyle:
    """The :class:`CitationStyle` meant by a registered name, a ``.csl`` path, or a style.

    :raises PluginError: if ``style`` is neither a registered name nor an existing file.
    """
    if isinstance(style, CitationStyle):
        return style
    text = str(style)
    if plugins is not None and text in plugins.citation_styles:
        return plugins.citation_style(text)
    path = Path(text)
    if path.is_file():
        name = re.sub(r"[^A-Za-z0-9._:\-]", "-", path.stem).lstrip("._:-") or "style"
        return CitationStyle(name=name[:128], title=path.name, path=path)
    known = ", ".join(sorted(plugins.citation_styles)) if plugins is not None else "none loaded"
    raise PluginError(
        f"no citation style named {text!r} and no such .csl file (styles: {known})",
        where=text,
    )


@frozen
class LoadedStyle:
    """A parsed CSL style and the options realistsynth's wrapper acts on."""

    name: str
    digest: str
    csl: Any  # citeproc.CitationStylesStyle
    add_year_suffix: bool
    add_names: bool
    add_givenname: bool
    numeric: bool
    second_field_align: bool
    initialises_names: bool
    punctuation_in_quote: bool
    page_range_format: str | None
    has_bibliography_sort: bool
    givenname_rule: str = "by-cite"
    page_range_delimiter: str = "\u2013"
    initialize_with: str = ". "


def _flag(element: Any, name: str) -> bool:
    return element is not None and str(element.get(name, "false")).lower() == "true"


def _page_range_delimiter(root: Any) -> str:
    # CSL's default range delimiter is an en dash; a style or locale may set its own (AMA: "-")
    try:
        term = root.get_term("page-range-delimiter")
        text = term.text if term is not None else None
    except Exception:  # a locale without the term
        text = None
    return text if isinstance(text, str) and text else "\u2013"


def load_style(style: CitationStyle) -> LoadedStyle:
    """Parse ``style`` with citeproc-py.

    :raises PluginError: if the file cannot be read or is not a CSL style.
    """
    from realistsynth.references.csl_parser import parse_style

    try:
        data = style.path.read_bytes()
    except OSError as exc:
        raise PluginError(
            f"cannot read style file: {exc.strerror}", where=str(style.path)
        ) from None
    try:
        csl = parse_style(str(style.path))
    except Exception as exc:  # lxml and citeproc-py raise many types for a broken style
        raise PluginError(
            f"not a usable CSL style: {type(exc).__name__}: {exc}", where=str(style.path)
        ) from None
    root = csl.root
    citation = root.find("cs:citation", _CSL_NS)
    bibliography = root.find("cs:bibliography", _CSL_NS)
    if citation is None:
        raise PluginError("the style has no <citation> element", where=str(style.path))
    numeric = 'variable="citation-number"' in data.decode("utf-8", "replace")
    try:
        piq = str(root.get_locale_option("punctuation-in-quote")).lower() == "true"
    except Exception:  # a style whose locale lacks style-options
        piq = False
    return LoadedStyle(
        name=style.name,
        digest=hashlib.sha256(data).hexdigest(),
        csl=csl,
        add_year_suffix=_flag(citation, "disambiguate-add-year-suffix"),
        add_names=_flag(citation, "disambiguate-add-names"),
        add_givenname=_flag(citation, "disambiguate-add-givenname"),
        numeric=numeric,
        second_field_align=bibliography is not None
        and bibliography.get("second-field-align") is not None,
        initialises_names=b"initialize-with" in data,
        punctuation_in_quote=piq,
        page_range_format=root.get("page-range-format"),
        has_bibliography_sort=bibliography is not None
        and bibliography.find("cs:sort", _CSL_NS) is not None,
        givenname_rule=str(citation.get("givenname-disambiguation-rule", "by-cite")),
        page_range_delimiter=_page_range_delimiter(root),
        initialize_with=str(citation.get("initialize-with", root.get("initialize-with", ". "))),
    )
