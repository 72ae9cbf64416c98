"""The mapping of an OpenAlex Work object onto a record's fields, shared by the OpenAlex
importer (:mod:`realistsynth.formats.openalex_reader`) and citation chasing
(:mod:`realistsynth.search.chase`), so that a work imported from a file and one found by
chasing are described alike and de-duplicate against each other. What is mapped, kept in
``extra`` and left out is described in the importer's module docstring.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from realistsynth.formats.import_support import split_issns
from realistsynth.formats.normalise import (
    normalise_doi,
    normalise_pages,
    normalise_pmid,
    parse_date,
    split_name,
)
from realistsynth.model.common import PartialDate
from realistsynth.model.records import Name

__all__ = ["OPENALEX_TYPES", "openalex_id", "rebuild_abstract", "work_fields", "works_of"]

#: OpenAlex work ``type`` -> CSL item type (``article`` depends on the source, see below).
OPENALEX_TYPES: dict[str, str] = {
    "article": "article-journal",
    "review": "article-journal",
    "editorial": "article-journal",
    "letter": "article-journal",
    "erratum": "article-journal",
    "retraction": "article-journal",
    "preprint": "article",
    "book": "book",
    "book-chapter": "chapter",
    "monograph": "book",
    "dissertation": "thesis",
    "report": "report",
    "dataset": "dataset",
    "standard": "standard",
    "peer-review": "review",
    "reference-entry": "entry",
    "reference": "entry",
    "libguides": "webpage",
    "paratext": "document",
    "grant": "document",
    "supplementary-materials": "document",
    "other": "document",
}

#: Top-level keys the mapping reads (or deliberately leaves out unless ``keep_all``).
_MAPPED = frozenset(
    {
        "id",
        "doi",
        "title",
        "display_name",
        "publication_year",
        "publication_date",
        "type",
        "type_crossref",
        "language",
        "ids",
        "authorships",
        "primary_location",
        "biblio",
        "abstract_inverted_index",
        "keywords",
        "referenced_works",
        "cited_by_count",
        "is_retracted",
    }
)
_WORK_ID = re.compile(r"(?:https?://(?:api\.)?openalex\.org/(?:works/)?)?(W\d+)\Z", re.IGNORECASE)
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "ten"}
)


def openalex_id(value: object) -> str | None:
    """The short OpenAlex work id (``W2741809807``) of an id in any of its spellings
    (``https://openalex.org/W2741809807``, ``W2741809807``), or ``None``.

    >>> openalex_id("https://openalex.org/W2741809807")
    'W2741809807'
    """
    if not isinstance(value, str):
        return None
    match = _WORK_ID.match(value.strip())
    return match.group(1).upper() if match else None


def rebuild_abstract(index: object) -> str | None:
    """The abstract text of an ``abstract_inverted_index`` (word -> positions).

    >>> rebuild_abstract({"Realist": [0], "reviews": [1, 3], "explain": [2]})
    'Realist reviews explain reviews'
    """
    if not isinstance(index, dict):
        return None
    placed: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(word, str) or not isinstance(positions, list):
            continue
        for position in positions:
            if isinstance(position, int) and not isinstance(position, bool) and position >= 0:
                placed[position] = word
    text = " ".join(placed[p] for p in sorted(placed)).strip()
    return text or None


def _text(value: object) -> str | None:
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _person(display: str) -> Name | None:
    """A name from OpenAlex's "Given Family" display name."""
    words = display.split()
    if len(words) < 2 or "," in display:
        return split_name(display)
    name = split_name(display)
    if name is None or name.literal is not None:
        return name
    # split_name takes the last word as the family name; keep "van der Berg" together
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    if cut == len(words) - 1:
        return Name(family=words[-1], given=" ".join(words[:-1]))
    return Name(family=words[-1], given=" ".join(words[:cut]), particle=" ".join(words[cut:-1]))


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _suffix_id(value: object, prefix: str) -> str | None:
    text = _text(value)
    if text is None:
        return None
    cut = text.rsplit("/", 1)[-1] if "/" in text else text
    return cut.removeprefix(prefix) or None


def _csl_type(work: Mapping[str, Any], location: Mapping[str, Any]) -> str:
    kind = _text(work.get("type"))
    csl = OPENALEX_TYPES.get(kind or "", "article-journal" if kind is None else "document")
    source_type = _text(_dict(location.get("source")).get("type"))
    if kind == "article" and source_type not in (None, "journal"):
        # a conference paper or a repository copy is still an "article" to OpenAlex
        csl = "paper-conference" if source_type == "conference" else "article"
    return csl


# Complexity (radon 43): one branch per field of an OpenAlex work, a table of its meaning read
# top to bottom; split up, it would hand the collector and a dozen locals between functions
# on the per-field hot path.
def work_fields(work: Mapping[str, Any], *, keep_all: bool = False) -> dict[str, Any]:
    """The :class:`~realistsynth.model.Record` fields (without ``id`` and ``provenance``) of
    one OpenAlex Work object, and ``extra`` (see the module docstring)."""
    extra: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    ids = _dict(work.get("ids"))
    location = _dict(work.get("primary_location"))
    source = _dict(location.get("source"))
    biblio = _dict(work.get("biblio"))
    out["type"] = _csl_type(work, location)
    out["title"] = _text(work.get("display_name")) or _text(work.get("title"))
    date = parse_date(_text(work.get("publication_date")))
    year = work.get("publication_year")
    if date is None and isinstance(year, int) and not isinstance(year, bool) and 0 < year < 10000:
        date = PartialDate(year)
    out["issued"] = date
    out["language"] = _text(work.get("language"))
    doi_text = _text(ids.get("doi")) or _text(work.get("doi"))
    out["doi"] = normalise_doi(doi_text) if doi_text else None
    out["pmid"] = normalise_pmid(_suffix_id(ids.get("pmid"), ""))
    pmcid = _suffix_id(ids.get("pmcid"), "")
    out["pmcid"] = (pmcid if pmcid.upper().startswith("PMC") else f"PMC{pmcid}") if pmcid else None
    authors: list[Name] = []
    orcids: list[str] = []
    for authorship in _list(work.get("authorships")):
        authorship = _dict(authorship)
        author = _dict(authorship.get("author"))
        display = _text(author.get("display_name")) or _text(authorship.get("raw_author_name"))
        name = _person(display) if display else None
        if name is None:
            continue
        authors.append(name)
        orcids.append(_text(author.get("orcid")) or "")
    out["authors"] = authors
    if any(orcids):
        extra["orcid"] = orcids
    out["container_title"] = _text(source.get("display_name"))
    issns = [_text(i) for i in _list(source.get("issn"))] or [_text(source.get("issn_l"))]
    out["issn"] = split_issns(issns)
    out["publisher"] = _text(source.get("host_organization_name"))
    out["url"] = _text(location.get("landing_page_url"))
    out["volume"] = _text(biblio.get("volume"))
    out["issue"] = _text(biblio.get("issue"))
    first, last = _text(biblio.get("first_page")), _text(biblio.get("last_page"))
    pages = f"{first}-{last}" if first and last and first != last else first or last
    out["pages"] = normalise_pages(pages)
    out["abstract"] = rebuild_abstract(work.get("abstract_inverted_index"))
    keywords = [_text(_dict(k).get("display_name")) for k in _list(work.get("keywords"))]
    out["keywords"] = [k for k in keywords if k]
    work_id = openalex_id(work.get("id")) or openalex_id(ids.get("openalex"))
    if work_id:
        extra["openalex"] = [work_id]
    for key in ("type", "type_crossref", "cited_by_count", "is_retracted"):
        value = work.get(key)
        text = ("true" if value else "false") if isinstance(value, bool) else _text(value)
        if text:
            extra[key] = [text]
    referenced = [openalex_id(w) for w in _list(work.get("referenced_works"))]
    if any(referenced):
        extra["referenced_works"] = [w for w in referenced if w]
    mag = _text(ids.get("mag"))
    if mag:
        extra["mag"] = [mag]
    if keep_all:
        for key, value in work.items():
            if key not in _MAPPED and value is not None and value != [] and value != {}:
                extra[key] = [
                    value
                    if isinstance(value, str)
                    else json.dumps(value, ensure_ascii=False, sort_keys=True)
                ]
    out["extra"] = extra
    return out


def works_of(document: object) -> list[Any] | None:
    """The works of a decoded JSON document: a Work, a list of Works, or a results page;
    ``None`` when the document is none of these."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("results"), list):
            return list(document["results"])
        if "id" in document or "display_name" in document or "title" in document:
            return [document]
    return None
