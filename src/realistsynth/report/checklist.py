"""The completed checklist form a journal asks for: one row per item of a reporting standard.

Each row gives the item as the standard numbers it, the answer form (reported: yes / no /
unclear, and the page or section) filled in *only* from a person's confirmation, who confirmed
it and when, and, apart from the answer, what the review's data suggest. A standard with a
rating scale (the RAMESES quality standards) gets a ``Rating`` column beside the answer.
Rows are plain text,
so the same rows are written as CSV here and as a sheet of an ``.xlsx`` workbook
by the command line.
"""

from __future__ import annotations

import csv
import io
from typing import IO

from realistsynth.model.review import Review
from realistsynth.protocols import ReportingStandard
from realistsynth.report.rameses import assess

__all__ = ["CHECKLIST_HEADER", "checklist_header", "checklist_rows", "write_checklist_csv"]

#: The columns of the checklist form of a standard without a rating scale.
CHECKLIST_HEADER: tuple[str, ...] = (
    "Item",
    "Section",
    "Topic",
    "What the item asks",
    "Reported",
    "Page / section",
    "Confirmed by",
    "Confirmed at",
    "Note",
    "Data suggest",
    "From the review data",
    "Missing from the review data",
)


def checklist_header(standard: ReportingStandard) -> tuple[str, ...]:
    """The columns of ``standard``'s checklist form: :data:`CHECKLIST_HEADER`, the answer
    column headed as the standard asks (``Reported``, or ``Met`` for a quality standard, as
    the report heads it), with a ``Rating`` column after it when the standard rates its
    items."""
    answer = CHECKLIST_HEADER.index("Reported")
    header = list(CHECKLIST_HEADER)
    if standard.answer == "met":
        header[answer] = "Met"
    if standard.ratings:
        header.insert(answer + 1, "Rating")
    return tuple(header)


def _rating(standard: ReportingStandard, rating: str | None) -> str:
    if rating is None:
        return ""
    # a level the standard lacks can only come from a hand-edited project file: say so
    return rating if rating in standard.ratings else f"{rating} (not on this standard's scale)"


def checklist_rows(review: Review, standard: ReportingStandard) -> list[tuple[str, ...]]:
    """One row per item of ``standard``, in the standard's order, with the columns of
    :func:`checklist_header`."""
    rows: list[tuple[str, ...]] = []
    for a in assess(review, standard):
        c = a.confirmation
        rating = (_rating(standard, c.rating if c else None),) if standard.ratings else ()
        rows.append(
            (
                a.item.number,
                a.item.section,
                a.item.title,
                a.item.asks,
                c.reported.value if c else "not confirmed",
                *rating,
                (c.where or "") if c else "",
                c.by if c else "",
                c.at.isoformat(timespec="seconds") if c else "",
                (c.note or "") if c else "",
                a.coverage.value,
                "; ".join(a.provided),
                "; ".join(a.missing),
            )
        )
    return rows


def write_checklist_csv(review: Review, standard: ReportingStandard, stream: IO[bytes]) -> None:
    """Write the checklist of ``review`` against ``standard`` as UTF-8 CSV (with a BOM, so
    spreadsheet programs read the encoding right)."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(checklist_header(standard))
    writer.writerows(checklist_rows(review, standard))
    stream.write(("\ufeff" + text.getvalue()).encode("utf-8"))
