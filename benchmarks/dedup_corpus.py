"""A synthetic bibliographic corpus with injected duplicates and known truth.

Deterministic for a given ``seed``. Works get pseudo-word titles (built from syllables, so no
word list ships), authors, a journal, volume/issue/pages, and usually a DOI or PMID. About a
quarter of the works are found again (one to three more times) the way databases garble them:
case and punctuation, markup, a trailing ``[Review]`` tag, a translated title in brackets,
abbreviated journal names, shortened page ranges, names as ``Family GH``, a dropped DOI or
abstract, a year one off with the same journal, a typo in the title. Hard negatives are
injected on purpose: errata of an article (related, not the same), a series ("Part 1" /
"Part 2"), a series sharing its main title ("...: guidance on planning" / "...: guidance on
workforce"), and recurring titles ("Editorial") in different issues.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from realistsynth.model.common import PartialDate
from realistsynth.model.records import Name, Record

__all__ = ["make_corpus"]

_SYLLABLES = [
    a + b
    for a in ("b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "st")
    for b in ("a", "e", "i", "o", "u", "ai", "ou", "an", "er", "in", "or", "ul")
]


def _words(rng: random.Random, count: int, low: int, high: int) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(low, high)))] = None
    return list(seen)


class _Vocabulary:
    def __init__(self, rng: random.Random) -> None:
        self.words = _words(rng, 30000, 2, 4)
        self.surnames = [w.capitalize() for w in _words(rng, 8000, 2, 3)]
        self.journals = [
            " ".join(w.capitalize() for w in rng.sample(self.words[:3000], rng.randint(2, 5)))
            for _ in range(1500)
        ]
        self.prefixes = [
            "the effect of",
            "a systematic review of",
            "effectiveness of",
            "a randomised controlled trial of",
            "",
            "",
            "",
            "",
        ]


def _title(rng: random.Random, vocab: _Vocabulary) -> str:
    # a skewed choice of words, as in real titles: some words are far more common
    n = rng.randint(5, 13)
    words = [vocab.words[int(rng.paretovariate(1.2) * 40) % len(vocab.words)] for _ in range(n)]
    prefix = rng.choice(vocab.prefixes)
    text = (prefix + " " if prefix else "") + " ".join(words)
    return text[0].upper() + text[1:]


def _abbreviate(journal: str) -> str:
    return " ".join(w[:4] if len(w) > 4 else w for w in journal.split())


def _garble(rng: random.Random, rec: Record, copy: int) -> Record:
    """Another database's description of the same work."""
    changes: dict[str, Any] = {"id": f"{rec.id}-{copy}"}
    title = rec.title or ""
    edits: list[Callable[[str], str]] = [
        str.upper,
        str.lower,
        lambda t: t + ".",
        lambda t: t.replace(" ", "  ", 1),
        lambda t: f"<i>{t}</i>",
        lambda t: t + " [Review]",
        lambda t: f"[{t}].",
        lambda t: t.replace("the", "The") + " [45 refs]",
    ]
    if rng.random() < 0.7:
        title = rng.choice(edits)(title)
    if rng.random() < 0.08 and len(title) > 30:  # one typo
        i = rng.randrange(5, len(title) - 5)
        title = title[:i] + title[i + 1] + title[i] + title[i + 2 :]
    changes["title"] = title
    if rng.random() < 0.5:
        changes["authors"] = [
            Name(family=a.family, given=(a.given or "").replace(".", "")) for a in rec.authors
        ]
    if rng.random() < 0.1 and len(rec.authors) > 3:
        changes["authors"] = rec.authors[:3]
    if rng.random() < 0.4 and rec.container_title:
        changes["container_title"] = _abbreviate(rec.container_title)
    if rng.random() < 0.4:
        changes["doi"] = None
    if rng.random() < 0.3 and rec.pages and "-" in rec.pages:
        first, last = rec.pages.split("-")
        changes["pages"] = f"{first}-{last[-1]}" if len(last) > 1 else rec.pages
    if rng.random() < 0.3:
        changes["issue"] = None
    if rng.random() < 0.05 and rec.issued is not None:
        changes["issued"] = PartialDate(rec.issued.year + 1)
    if rng.random() < 0.5:
        changes["abstract"] = None
    values = {
        name: changes.get(name, getattr(rec, name))
        for name in ("id", "title", "authors", "issued", "container_title", "volume", "issue")
    }
    values.update(
        {
            name: changes.get(name, getattr(rec, name))
            for name in ("pages", "doi", "pmid", "abstract", "type")
        }
    )
    return Record(**values)  # type: ignore[arg-type]


def make_corpus(n: int, seed: int = 20261125) -> tuple[list[Record], list[frozenset[str]]]:
    """About ``n`` records and the true duplicate groups (groups of two or more)."""
    rng = random.Random(seed)
    vocab = _Vocabulary(rng)
    records: list[Record] = []
    groups: list[frozenset[str]] = []
    work = 0
    while len(records) < n:
        work += 1
        rid = f"w{work:07d}"
        year = rng.randint(1990, 2024)
        start = rng.randint(1, 2000)
        rec = Record(
            id=rid,
            title=_title(rng, vocab),
            authors=[
                Name(
                    family=rng.choice(vocab.surnames),
                    given=f"{rng.choice('ABCDEFGHJKLMNPRSTW')}.{rng.choice('ABCDEFGHJ')}.",
                )
                for _ in range(rng.randint(1, 8))
            ],
            issued=PartialDate(year),
            container_title=rng.choice(vocab.journals),
            volume=str(rng.randint(1, 120)),
            issue=str(rng.randint(1, 12)),
            pages=f"{start}-{start + rng.randint(3, 25)}",
            doi=f"10.{rng.randint(1000, 9999)}/x{work}" if rng.random() < 0.6 else None,
            pmid=str(10_000_000 + work) if rng.random() < 0.4 else None,
            abstract="An abstract." if rng.random() < 0.8 else None,
        )
        records.append(rec)
        kind = rng.random()
        if kind < 0.25:
            copies = [_garble(rng, rec, c) for c in range(1, rng.randint(2, 4))]
            records.extend(copies)
            groups.append(frozenset([rid, *(c.id for c in copies)]))
        elif kind < 0.26:  # an erratum: related, never the same
            records.append(
                Record(
                    id=f"{rid}-erratum",
                    title=f"Erratum: {rec.title}",
                    authors=rec.authors[:1],
                    issued=rec.issued,
                    container_title=rec.container_title,
                    volume=rec.volume,
                    pages=str(start + 200),
                )
            )
        elif kind < 0.27:  # a series: part 1 and part 2
            records[-1] = Record(**{**_fields(rec), "title": f"{rec.title}: part 1"})
            records.append(
                Record(
                    **{
                        **_fields(rec),
                        "id": f"{rid}-part2",
                        "title": f"{rec.title}: part 2",
                        "pages": f"{start + 40}-{start + 50}",
                        "doi": None,
                        "pmid": None,
                    }
                )
            )
        elif kind < 0.2725:  # a series sharing its main title, by one author, in one year
            main = rec.title
            records[-1] = Record(**{**_fields(rec), "title": f"{main}: guidance on planning"})
            records.append(
                Record(
                    **{
                        **_fields(rec),
                        "id": f"{rid}-series",
                        "title": f"{main}: guidance on workforce",
                        "pages": None,
                        "volume": None,
                        "doi": None,
                        "pmid": None,
                    }
                )
            )
        elif kind < 0.275:  # a recurring title in another issue
            records.append(
                Record(
                    **{
                        **_fields(rec),
                        "id": f"{rid}-next",
                        "title": "Editorial",
                        "issue": str(int(rec.issue or 1) + 1),
                        "pages": None,
                        "doi": None,
                        "pmid": None,
                    }
                )
            )
            records[-2] = Record(**{**_fields(rec), "title": "Editorial", "pages": None})
    return records, groups


def _fields(rec: Record) -> dict[str, Any]:
    return {
        "id": rec.id,
        "title": rec.title,
        "authors": rec.authors,
        "issued": rec.issued,
        "container_title": rec.container_title,
        "volume": rec.volume,
        "issue": rec.issue,
        "pages": rec.pages,
        "doi": rec.doi,
        "pmid": rec.pmid,
        "abstract": rec.abstract,
    }
