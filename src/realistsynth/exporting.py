"""Running an exporter: choosing the records, and writing the file atomically.

Every exporter plugin writes to a binary stream; this module owns what they share so that no
exporter reimplements it: :func:`selected_records` (the review's records, or only those
included at the last selection stage) and :func:`export_to_path`, which dispatches to *any*
exporter registered under a name and writes through a temporary file in the target folder,
fsynced and renamed over the target, so that a failed export never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from realistsynth.errors import ExportError, RealistsynthError
from realistsynth.model.records import Record
from realistsynth.model.review import Review
from realistsynth.model.screening import StageKind, StageStatus
from realistsynth.protocols import ExportReport
from realistsynth.registry import PluginManager

__all__ = ["export_to_path", "included_record_ids", "selected_records"]


def included_record_ids(review: Review) -> list[str]:
    """Ids of the records included at the review's last record-level selection stage.

    :raises ExportError: if the review has no such stage yet.
    """
    last = None
    for stage in review.stages.values():
        if stage.kind is not StageKind.DECLARED:
            last = stage
    if last is None:
        raise ExportError(
            "the review has no selection stage yet, so no record is included; "
            "export without 'included only'"
        )
    return review.records_at(last.id, StageStatus.INCLUDE)


def selected_records(review: Review, options: Mapping[str, object]) -> list[Record]:
    """The records an exporter should write: all of them, or with the option
    ``included_only`` true, those of :func:`included_record_ids`, in review order."""
    if options.get("included_only"):
        return [review.records[rid] for rid in included_record_ids(review)]
    return list(review.records.values())


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
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write here: {exc.strerror}", where=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            try:
                report = exporter.export(review, stream, dict(options or {}))
            except RealistsynthError:
                raise
            except Exception as exc:  # an exporter bug still surfaces as our error
                raise ExportError(
                    f"exporter {name!r} failed: {type(exc).__name__}: {exc}", where=str(target)
                ) from exc
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return report
