"""Which records a record-level exporter writes, and what it writes about their grouping.

Every record exporter (BibTeX, CSL-JSON, CSV, and third-party ones) takes the same option,
``included_only``: only the records whose status at the *last record-level* screening stage
(a stage decided per record, by reviewers or by an appraisal gate, not a declared-count stage)
is :attr:`~realistsynth.model.StageStatus.INCLUDE`. A review without such a stage has not
selected anything yet, so every record is written. Keeping the rule here means all exporters
agree on what "included" means.
"""

from __future__ import annotations

from collections.abc import Mapping

from realistsynth.errors import ExportError
from realistsynth.model.records import Record
from realistsynth.model.review import Review

__all__ = ["records_for_export"]


def _flag(options: Mapping[str, object], name: str) -> bool:
    value = options.get(name, False)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "yes", "1", "false", "no", "0", ""):
        return value.lower() in ("true", "yes", "1")
    raise ExportError(f"option {name!r} must be true or false, not {value!r}")


def records_for_export(review: Review, options: Mapping[str, object]) -> list[Record]:
    """The records to write, in the review's order, honouring ``included_only``."""
    if not _flag(options, "included_only") or review.last_record_stage() is None:
        return list(review.records.values())
    included = set(review.included())
    return [record for rid, record in review.records.items() if rid in included]
