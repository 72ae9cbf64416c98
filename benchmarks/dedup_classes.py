"""Which labelled pairs the de-duplication issue says to keep apart, by fixed, written rules.

Some labelled sets merge items that are related without being the same publication: an
erratum notice with the article it corrects, a reply with the letter it answers, a conference
abstract with the journal article of the same study. The issue asks that these be kept apart
on purpose, so the benchmark prints recall twice: on the raw labels, and with the pairs of
these classes set aside (for both tools alike). The rules are deliberately simple and
independent of the matcher (they share no code with ``realistsynth.dedup``), so that a reader
can check each classified pair by hand (``dedup_benchmark.py --misses`` lists them):

``notice``
    exactly one record of the pair is a notice by its title: an erratum or correction
    ("Erratum: ...", "Correction to ...", Web of Science's "Title (vol 360, pg 542, 2009)",
    Embase's "Title (Journal (2009) 360 (542-544))", even cut off), a retraction notice, a
    comment ("Comment on ...") or a reply ("Reply to ...", "Title - Reply", "authors' reply");
    or exactly one is the erratum that a record of the set names in its title
    ("[Erratum appears in Am J Transplant. 2009 Sep;9(9):2205]": the record at volume 9,
    page 2205).
``abstract-article``
    one record is a conference abstract (a conference container such as Embase's
    "Journal.Conference: Meeting", or a supplement issue) and the other a journal article of
    three pages or more in a regular issue, and they start on different pages: the abstract
    and the full paper of one study. (A single page alone does not make an abstract: it may be
    an editorial or a note; such pairs stay in the truth.)

Everything else stays in the truth, including pairs we judge to be label errors (those are
listed, not set aside).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from realistsynth.model.records import Record

__all__ = ["KEEP_APART", "classify_pairs", "record_kinds"]

#: the classes the issue asks to keep apart
KEEP_APART = ("notice", "abstract-article")

_NOTICE_TITLE = re.compile(
    r"^\W*(?:erratum|errata|corrigendum|correction|publisher correction|retraction|"
    r"notice of retraction|expression of concern|comment (?:on|to)|commentary on|reply|"
    r"in reply|response to|authors?'? (?:reply|response))\b"
    r"|\(\s*vol\.?\s*\d+[^)]*\b(?:pg|p|page)\.?\s*\d+[^)]*\)\s*\.?$"
    r"|\([^()]{3,150}\((?:\d{4}\)\s*\d+[^()]{0,20}\([\d\s\-–]+\)\)|[^()]{0,40}$)"
    r"|[-–:.]\s*(?:reply|(?:the\s+)?authors?'?\s*(?:reply|response))\s*\.?$",
    re.IGNORECASE,
)
_ERRATUM_NOTE = re.compile(
    r"\[erratum appears in [^\]]*?;\s*(\d+)\s*\([^)]*\)\s*:\s*(\d+)", re.IGNORECASE
)
_CONFERENCE = re.compile(
    r"\.\s*conference\s*:|proceedings|congress|meeting abstract|annual meeting|symposium",
    re.IGNORECASE,
)
_SUPPLEMENT = re.compile(r"suppl|^\s*s\s*\d", re.IGNORECASE)
_PAGES = re.compile(r"^\s*[A-Za-z]?(\d+)\s*(?:--|[-‐‑‒–—])\s*[A-Za-z]?(\d+)")


def _first_page(record: Record) -> str:
    match = re.match(r"\s*[A-Za-z]?(\d+)", record.pages or "")
    return match.group(1) if match else ""


def _page_count(record: Record) -> int:
    """How many pages the record's range spans (1 for one page or none)."""
    match = _PAGES.match(record.pages or "")
    if match is None:
        return 1
    first, last = match.group(1), match.group(2)
    if len(last) < len(first):  # 2097-108
        last = first[: len(first) - len(last)] + last
    return max(int(last) - int(first) + 1, 1)  # a range that runs backwards: a typo


def _volume(record: Record) -> str:
    match = re.search(r"\d+", record.volume or "")
    return match.group(0) if match else ""


def record_kinds(records: Iterable[Record]) -> dict[str, set[str]]:
    """The kinds each record has: ``notice``, ``abstract`` or ``article`` (a record can be
    none of them)."""
    records = list(records)
    noted = set()
    for rec in records:
        for volume, page in _ERRATUM_NOTE.findall(rec.title or ""):
            noted.add((volume, page))
    kinds: dict[str, set[str]] = {}
    for rec in records:
        own: set[str] = set()
        title = rec.title or ""
        if _NOTICE_TITLE.search(title) or (_volume(rec), _first_page(rec)) in noted:
            own.add("notice")
        container = rec.container_title or ""
        if (
            rec.type == "paper-conference"
            or _CONFERENCE.search(container)
            or (rec.issue and _SUPPLEMENT.search(rec.issue))
        ):
            own.add("abstract")
        elif _page_count(rec) >= 3:
            own.add("article")
        kinds[rec.id] = own
    return kinds


def classify_pairs(
    pairs: Iterable[tuple[str, str]], records: Iterable[Record]
) -> dict[tuple[str, str], str]:
    """The keep-apart class of each pair that has one (pairs without a class are left out)."""
    by_id = {r.id: r for r in records}
    kinds = record_kinds(by_id.values())
    out: dict[tuple[str, str], str] = {}
    for a, b in pairs:
        ka, kb = kinds[a], kinds[b]
        if ("notice" in ka) != ("notice" in kb):
            out[(a, b)] = "notice"
        elif (
            ("abstract" in ka and "article" in kb) or ("article" in ka and "abstract" in kb)
        ) and _first_page(by_id[a]) != _first_page(by_id[b]):
            out[(a, b)] = "abstract-article"
    return out
