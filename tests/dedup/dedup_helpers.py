"""Records built by hand for the de-duplication tests."""

from __future__ import annotations

from typing import Any

from realistsynth.dedup import find_links
from realistsynth.model import Name, PartialDate, Record
from realistsynth.model.dedup import DuplicateLink, LinkVerdict

ARTICLE: dict[str, Any] = {
    "title": "Integrated care system leadership: a rapid realist review",
    "authors": [
        Name(family="Knight", given="L."),
        Name(family="Neiva Ganga", given="R."),
        Name(family="Tucker", given="D."),
    ],
    "issued": PartialDate(2024),
    "container_title": "Journal of Integrated Care",
    "volume": "32",
    "issue": "1",
    "pages": "1-19",
    "doi": "10.1108/JICA-05-2023-0033",
}


def rec(rid: str, **changes: Any) -> Record:
    """The worked example's own paper as one database described it, with ``changes``."""
    return Record(id=rid, **{**ARTICLE, **changes})


def link_between(*records: Record) -> DuplicateLink | None:
    """The link a run finds between the first two records (others are context)."""
    links, _ = find_links(records)
    wanted = tuple(sorted((records[0].id, records[1].id)))
    return next((x for x in links if x.pair == wanted), None)


def verdict(*records: Record) -> LinkVerdict | None:
    link = link_between(*records)
    return link.verdict if link else None
