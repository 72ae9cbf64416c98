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
from realistsynth.model.screening import StageKind, StageStatus

__all__ = ["cluster_id_of", "last_record_stage", "records_for_export"]


def last_record_stage(review: Review) -> str | None:
    """The id of the last stage whose outcomes are known per record, if any."""
    last: str | None = None
    for stage_id, stage in review.stages.items():
        if stage.kind is not StageKind.DECLARED:
            last = stage_id
    return last


def _flag(options: Mapping[str, object], name: str) -> bool:
    value = options.get(name, False)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "yes", "1", "false", "no", "0", ""):
        return value.lower() in ("true", "yes", "1")
    raise ExportError(f"option {name!r} must be true or false, not {value!r}")


def records_for_export(review: Review, options: Mapping[str, object]) -> list[Record]:
    """The records to write, in the review's order, honouring ``included_only``."""
    if not _flag(options, "included_only"):
        return list(review.records.values())
    stage_id = last_record_stage(review)
    if stage_id is None:
        return list(review.records.values())
    included = set(review.records_at(stage_id, StageStatus.INCLUDE))
    return [record for rid, record in review.records.items() if rid in included]


def cluster_id_of(review: Review, record_id: str) -> str | None:
    """The duplicate cluster a record belongs to; ``None`` until de-duplication exists.

    A placeholder with the final signature, so that the CSV exporter's ``cluster_id`` column
    is already there; de-duplication will replace the body.
    """
    return None
