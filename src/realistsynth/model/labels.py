"""Author-year labels for records, told apart with a/b suffixes.

``Record.label()`` gives "Aunger et al., 2022" for both of the worked example's Aunger 2022
papers; a contribution matrix needs one label per row. :func:`author_year_labels` adds
``a``, ``b`` ... to labels that collide.

One rule decides the letters: they follow the order of the reference list the reader is
given, as the reference list's own year suffixes do (CSL gives 2022a, 2022b in list order).
Where there is a formatted list (the report), its record order is passed as ``order``, so a
label in a table and the entry in the list carry the same letter; records outside the list
come after the listed ones, and a listed work whose namesakes are all unlisted keeps its bare
label, as the list shows it. Without a list (the workbook), records are ordered as an
author-date list orders works of one author and year: by date, then title, then id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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


def author_year_labels(
    records: Iterable[Record], order: Sequence[str] | None = None
) -> dict[str, str]:
    """Record id -> unique author-year label (``Aunger et al., 2022a``).

    :param records: the records to label.
    :param order: record ids in the order of the reference list shown with the labels (its
        year suffixes are assigned in this order); records not in it come after.

    >>> from realistsynth.model import Name, PartialDate, Record
    >>> recs = [Record(i, title=t, authors=[Name("Aunger", "J.")], issued=PartialDate(2022))
    ...         for i, t in (("x", "Work B"), ("y", "Work A"))]
    >>> sorted(author_year_labels(recs).items())
    [('x', 'Aunger, 2022b'), ('y', 'Aunger, 2022a')]
    """
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(record.label(), []).append(record)
    position = {rid: n for n, rid in enumerate(order or ())}
    unlisted = len(position)

    def listed_first(r: Record) -> tuple[int, tuple[int, int, int], str, str]:
        issued = r.issued
        date = (
            (issued.year or 0, issued.month or 0, issued.day or 0)
            if issued is not None
            else (0, 0, 0)
        )
        return (position.get(r.id, unlisted), date, (r.title or "").casefold(), r.id)

    out: dict[str, str] = {}
    for label, members in groups.items():
        if len(members) == 1:
            out[members[0].id] = label
            continue
        members.sort(key=listed_first)
        listed = sum(1 for r in members if r.id in position)
        if listed == 1:
            # the list shows this work without a suffix (its namesakes are not listed): so
            # does the label; the unlisted ones are told apart among themselves
            out[members[0].id] = label
            for n, record in enumerate(members[1:]):
                out[record.id] = label + letter_suffix(n)
            continue
        for n, record in enumerate(members):
            out[record.id] = label + letter_suffix(n)
    return out
