"""Author-year labels for records, told apart with a/b suffixes.

``Record.label()`` gives "Aunger et al., 2022" for both of the worked example's Aunger 2022
papers; a contribution matrix needs one label per row. :func:`author_year_labels` adds
``a``, ``b`` ... to labels that collide, in order of title (then id), as reference lists do.
"""

from __future__ import annotations

from collections.abc import Iterable

from realistsynth.model.records import Record

__all__ = ["author_year_labels", "letter_suffix"]


def letter_suffix(index: int) -> str:
    """The suffix of the ``index``-th (0-based) of several colliding labels or keys: a ... z,
    aa, ab ... (year suffixes in reference lists, citation-key disambiguation).

    >>> [letter_suffix(i) for i in (0, 1, 25, 26, 27)]
    ['a', 'b', 'z', 'aa', 'ab']
    """
    letters = "abcdefghijklmnopqrstuvwxyz"
    if index < 26:
        return letters[index]
    return letter_suffix(index // 26 - 1) + letters[index % 26]


def author_year_labels(records: Iterable[Record]) -> dict[str, str]:
    """Record id -> unique author-year label (``Aunger et al., 2022a``).

    >>> from realistsynth.model import Name, PartialDate, Record
    >>> recs = [Record(i, title=t, authors=[Name("Aunger", "J.")], issued=PartialDate(2022))
    ...         for i, t in (("x", "Work B"), ("y", "Work A"))]
    >>> sorted(author_year_labels(recs).items())
    [('x', 'Aunger, 2022b'), ('y', 'Aunger, 2022a')]
    """
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(record.label(), []).append(record)
    out: dict[str, str] = {}
    for label, members in groups.items():
        if len(members) == 1:
            out[members[0].id] = label
            continue
        members.sort(key=lambda r: ((r.title or "").casefold(), r.id))
        for n, record in enumerate(members):
            out[record.id] = label + letter_suffix(n)
    return out
