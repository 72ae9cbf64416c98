"""Blocking: which pairs of records are compared at all.

Comparing every pair is quadratic (100,000 records make 5 billion pairs); blocking compares
only records that share a key, which keeps the work near-linear. A duplicate only needs to share
*one* key with its twin, so several independent keys cover each other's blind spots:

* each identifier (DOI, PMID, PMCID);
* the first three and the last three significant words of the title (a typo or a dropped
  subtitle at one end still leaves the other end);
* the first author's family name with the year, and with the first title word (titles changed
  by translation or truncation);
* volume and first page (titles that differ in markup or language).

A block with more than ``max_block`` records comes from a key too common to discriminate
("effect of exercise"): it is split by year, and skipped if still too large.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from realistsynth.dedup.keys import MatchKeys, significant_tokens

__all__ = ["block_keys", "candidate_pairs"]


def block_keys(keys: MatchKeys) -> list[str]:
    """The blocking keys of one record (prefixed by kind, so kinds never collide)."""
    out = []
    if keys.doi:
        out.append("d" + keys.doi)
    if keys.pmid:
        out.append("p" + keys.pmid)
    if keys.pmcid:
        out.append("c" + keys.pmcid)
    words = significant_tokens(keys)
    if words:
        out.append("t" + " ".join(words[:3]))
        if len(words) > 3:
            out.append("e" + " ".join(words[-3:]))
    if keys.first_author:
        if keys.year is not None:
            out.append(f"a{keys.first_author} {keys.year}")
        if words:
            out.append(f"w{keys.first_author} {words[0]}")
    if keys.volume and keys.page:
        out.append(f"v{keys.volume} {keys.page}")
    return out


def candidate_pairs(keys: Sequence[MatchKeys], max_block: int) -> Iterator[tuple[int, int]]:
    """Each pair of positions ``(i, j)``, ``i < j``, that shares a key, once."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for position, k in enumerate(keys):
        for key in block_keys(k):
            blocks[key].append(position)
    seen: set[int] = set()
    n = len(keys)
    for members in blocks.values():
        if len(members) < 2:
            continue
        groups: list[list[int]] = [members]
        if len(members) > max_block:
            by_year: dict[int | None, list[int]] = defaultdict(list)
            for m in members:
                by_year[keys[m].year].append(m)
            groups = [g for g in by_year.values() if 1 < len(g) <= max_block]
        for group in groups:
            for x, i in enumerate(group):
                base = i * n
                for j in group[x + 1 :]:
                    code = base + j
                    if code not in seen:
                        seen.add(code)
                        yield i, j
