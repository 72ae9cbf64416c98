"""Mapping a :class:`~realistsynth.model.Record` to a CSL-JSON item, faithfully.

The record's fields already follow CSL-JSON names, so the mapping is one-to-one and lives here
only: organisations stay literal names (``{"literal": "NHS England"}``, never split into a
family and a given name), a DOI is written without any ``https://doi.org/`` or ``doi:``
prefix (styles add their own, and a prefixed DOI would be printed twice), and nothing is
invented: a field the record lacks is left out of the item.
"""

from __future__ import annotations

import re
from typing import Any

from realistsynth.model.records import Name, Record

__all__ = ["bare_doi", "name_to_csl", "one_page", "record_to_csl"]

_DOI_PREFIX = re.compile(
    r"^\s*(?:https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE
)


def bare_doi(value: str) -> str:
    """A DOI without a resolver URL or ``doi:`` prefix, its case kept.

    >>> bare_doi("https://doi.org/10.1371/journal.pone.0266899")
    '10.1371/journal.pone.0266899'
    >>> bare_doi("doi: 10.1108/LHS-12-2023-0092")
    '10.1108/LHS-12-2023-0092'
    """
    text = value.strip()
    while True:
        stripped = _DOI_PREFIX.sub("", text)
        if stripped == text:
            return text
        text = stripped


def name_to_csl(name: Name) -> dict[str, str]:
    """A CSL name object: ``literal`` for organisations, name parts for people."""
    if name.literal is not None:
        return {"literal": name.literal}
    out: dict[str, str] = {}
    if name.family:
        out["family"] = name.family
    if name.given:
        out["given"] = name.given
    if name.particle:
        out["non-dropping-particle"] = name.particle
    if name.suffix:
        out["suffix"] = name.suffix
    return out


_TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("container_title", "container-title"),
    ("container_title_short", "container-title-short"),
    ("volume", "volume"),
    ("issue", "issue"),
    ("pages", "page"),
    ("pmid", "PMID"),
    ("pmcid", "PMCID"),
    ("url", "URL"),
    ("publisher", "publisher"),
    ("publisher_place", "publisher-place"),
    ("edition", "edition"),
    ("number", "number"),
    ("abstract", "abstract"),
    ("language", "language"),
    ("note", "note"),
)


_SAME_PAGE = re.compile(r"^\s*([A-Za-z]?\d+)\s*[-\u2013\u2014]+\s*\1\s*$")


def one_page(pages: str) -> str:
    """A range whose first and last page are one page, as that page (``7-7`` → ``7``), so that
    styles write "p. 7", not "pp. 7–7"; any other value unchanged.

    >>> one_page("7-7"), one_page("e12–e12"), one_page("7-9")
    ('7', 'e12', '7-9')
    """
    found = _SAME_PAGE.match(pages)
    return found[1] if found else pages


def record_to_csl(record: Record) -> dict[str, Any]:
    """The CSL-JSON item of ``record`` (``id`` is the record id).

    >>> from realistsynth.model import Name, PartialDate, Record
    >>> item = record_to_csl(Record("nhse2021", type="report", title="Guidance",
    ...     authors=[Name(literal="NHS England")], issued=PartialDate(2021, 6),
    ...     doi="https://doi.org/10.1/X"))
    >>> item["author"], item["issued"], item["DOI"]
    ([{'literal': 'NHS England'}], {'date-parts': [[2021, 6]]}, '10.1/X')
    """
    item: dict[str, Any] = {"id": record.id, "type": record.type}
    if record.authors:
        item["author"] = [name_to_csl(n) for n in record.authors]
    if record.editors:
        item["editor"] = [name_to_csl(n) for n in record.editors]
    if record.issued is not None:
        parts = [record.issued.year]
        if record.issued.month is not None:
            parts.append(record.issued.month)
            if record.issued.day is not None:
                parts.append(record.issued.day)
        item["issued"] = {"date-parts": [parts]}
    for attr, key in _TEXT_FIELDS:
        value = getattr(record, attr)
        if value:
            item[key] = value
    if record.pages:
        item["page"] = one_page(record.pages)
    if record.doi:
        doi = bare_doi(record.doi)
        if doi:
            item["DOI"] = doi
    if record.issn:
        item["ISSN"] = ", ".join(record.issn)
    if record.isbn:
        item["ISBN"] = ", ".join(record.isbn)
    if record.keywords:
        item["keyword"] = ", ".join(record.keywords)
    return item
