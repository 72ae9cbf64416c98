"""Running an exporter: choosing the records, and writing the file atomically.

Every exporter plugin writes to a binary stream; this module owns what they share so that no
exporter reimplements it:

- **Which records** (:class:`RecordSelection`, read from the one option ``records`` by
  :func:`record_selection`): ``all`` (every record, duplicates too), ``canonical`` (one record
  per de-duplication cluster: the work, not each finding of it), ``included`` (included at the
  last record-level selection stage) or ``cited`` (the included documents plus every work the
  report cites: theory-gleaning documents, works cited by ``[@key]`` in CMOC narratives,
  theory statements and report notes, quoted documents). Each exporter declares its default
  (what a reviewer expects of it: a reference list of what is cited, a RIS file of the works
  without their duplicate findings, an audit table of everything with its cluster), and
  :func:`describe_selection` says what was written and what was left out, so that every
  exporter reports the same thing in the same words. The older switch ``included_only=true``
  still means ``records=included``.
- :func:`export_to_path`, which dispatches to *any* exporter registered under a name and writes
  through :func:`realistsynth.atomic.atomic_write`, so that a failed export never leaves a
  half-written file.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from realistsynth.atomic import atomic_write
from realistsynth.errors import ExportError, RealistsynthError
from realistsynth.model.records import Record
from realistsynth.plugins.options import flag
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import ExportReport

if TYPE_CHECKING:
    from realistsynth.model.review import Review

__all__ = [
    "RECORDS_OPTION",
    "RecordSelection",
    "cited_record_ids",
    "describe_selection",
    "export_to_path",
    "record_selection",
    "records_for_export",
    "select_records",
]

#: The name of the one option every record-writing exporter reads.
RECORDS_OPTION = "records"


class RecordSelection(enum.Enum):
    """Which of a review's records an export writes."""

    #: every record, each finding of a duplicated work too
    ALL = "all"
    #: one record per de-duplication cluster (the cluster's id record)
    CANONICAL = "canonical"
    #: the records included at the last record-level selection stage
    INCLUDED = "included"
    #: the included documents and every other work the report cites
    CITED = "cited"

    @property
    def words(self) -> str:
        """What the selection holds, in words for a sentence."""
        return _WORDS[self]


_WORDS = {
    RecordSelection.ALL: "every record (duplicates too)",
    RecordSelection.CANONICAL: "one record per work (duplicates left out)",
    RecordSelection.INCLUDED: "the included documents",
    RecordSelection.CITED: "the included documents and every work the report cites",
}


def record_selection(
    options: Mapping[str, object], default: RecordSelection = RecordSelection.ALL
) -> RecordSelection:
    """The selection the options ask for: ``records`` (``all``, ``canonical``, ``included``
    or ``cited``), or ``included_only=true`` for ``included``; ``default`` when neither is
    given.

    >>> record_selection({"records": "cited"}).value
    'cited'
    >>> record_selection({"included_only": "yes"}).value
    'included'

    :raises ExportError: an unknown value, or ``included_only`` contradicting ``records``.
    """
    try:
        included_only = flag(options, "included_only", default=False)
    except ValueError as exc:
        raise ExportError(str(exc)) from exc
    value = options.get(RECORDS_OPTION)
    if value is None or value == "":
        return RecordSelection.INCLUDED if included_only else default
    if isinstance(value, RecordSelection):
        chosen = value
    else:
        try:
            chosen = RecordSelection(str(value).strip().lower())
        except ValueError:
            known = ", ".join(s.value for s in RecordSelection)
            raise ExportError(
                f"option {RECORDS_OPTION!r} must be one of {known}, not {value!r}"
            ) from None
    if included_only and chosen is not RecordSelection.INCLUDED:
        raise ExportError(
            f"'included_only' and {RECORDS_OPTION}={chosen.value!r} contradict each other; "
            f"give one of them"
        )
    return chosen


def cited_record_ids(review: Review) -> list[str]:
    """Ids of the records the review's report cites beyond the included documents: the
    theory-gleaning documents, the works cited by ``[@key]`` markers in CMOC narratives,
    theory statements and report notes, and the documents quotations come from. A cited
    record that is a duplicate stands for its cluster (its canonical record). In review order.
    """
    from realistsynth.model.theory import cited_keys

    wanted: set[str] = set(review.theory_documents)
    texts: list[str | None] = [c.narrative for c in review.cmocs.values()]
    for version in review.theory_versions.values():
        texts.extend(s.text for s in version.theme_statements)
    texts.extend(review.report_notes.values())
    for text in texts:
        wanted.update(k for k in cited_keys(text) if k in review.records)
    wanted.update(q.record_id for q in review.quotations.values() if q.record_id)
    canonical = {review.cluster_id_of(rid) for rid in wanted if rid in review.records}
    return [rid for rid in review.records if rid in canonical]


def select_records(review: Review, selection: RecordSelection) -> list[Record]:
    """The records of ``selection``, in review order.

    :raises ExportError: ``included`` is asked of a review with no record-level selection
        stage yet (nothing has been included).
    """
    records = review.records
    if selection is RecordSelection.ALL:
        return list(records.values())
    if selection is RecordSelection.CANONICAL:
        return [r for rid, r in records.items() if review.cluster_id_of(rid) == rid]
    if selection is RecordSelection.INCLUDED and review.last_record_stage() is None:
        raise ExportError(
            "the review has no selection stage yet, so no record is included; "
            "export with records=all or records=canonical"
        )
    ids = set(review.included())
    if selection is RecordSelection.CITED:
        ids.update(cited_record_ids(review))
    return [r for rid, r in records.items() if rid in ids]


def records_for_export(
    review: Review,
    options: Mapping[str, object],
    default: RecordSelection = RecordSelection.ALL,
) -> list[Record]:
    """The records an exporter writes, in review order, as the options ask (see
    :func:`record_selection`); ``default`` is the exporter's own.

    :raises ExportError: a bad option, or ``included`` before any selection stage.
    """
    return select_records(review, record_selection(options, default))


def describe_selection(review: Review, selection: RecordSelection, written: int) -> str:
    """One sentence saying what an export of ``selection`` wrote and what it left out.

    >>> from realistsynth.model.review import Review
    >>> describe_selection(Review.new("T"), RecordSelection.CANONICAL, 0)
    'wrote 0 of 0 records: one record per work (duplicates left out) (records=canonical)'
    """
    total = len(review.records)
    text = f"wrote {written} of {total} records: {selection.words} (records={selection.value})"
    if selection is RecordSelection.ALL:
        clusters = review.clusters()
        if clusters:
            extra = sum(len(m) - 1 for m in clusters.values())
            text += f"; {extra} of them duplicate(s) of another record, marked by cluster"
    return text


def export_to_path(
    review: Review,
    name: str,
    path: str | os.PathLike[str],
    options: Mapping[str, object] | None = None,
    *,
    plugin_manager: PluginManager | None = None,
) -> ExportReport:
    """Write ``review`` with the exporter called ``name`` to ``path``, atomically.

    :raises PluginError: no exporter has that name (the message lists the known ones).
    :raises ExportError: the exporter failed or the file cannot be written; ``path`` is then
        left as it was.
    """
    if plugin_manager is None:
        from realistsynth.plugins import get_plugin_manager

        plugin_manager = get_plugin_manager()
    exporter = plugin_manager.exporter(name)
    with atomic_write(path) as stream:
        try:
            return exporter.export(review, stream, dict(options or {}))
        except RealistsynthError:
            raise
        except Exception as exc:  # an exporter bug still surfaces as our error
            raise ExportError(
                f"exporter {name!r} failed: {type(exc).__name__}: {exc}", where=str(path)
            ) from exc
