"""Running an exporter: choosing the records, and writing the file atomically.

Every exporter plugin writes to a binary stream; this module owns what they share so that no
exporter reimplements it: :func:`records_for_export` (the review's records, or with the option
``included_only`` those included at the last record-level selection stage, so all exporters
agree on what "included" means) and :func:`export_to_path`, which dispatches to *any* exporter
registered under a name and writes through :func:`realistsynth.atomic.atomic_write`, so that a
failed export never leaves a half-written file.
"""

from __future__ import annotations

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

__all__ = ["export_to_path", "records_for_export"]


def _flag(options: Mapping[str, object], name: str) -> bool:
    try:
        return flag(options, name, default=False)
    except ValueError as exc:
        raise ExportError(str(exc)) from exc


def records_for_export(review: Review, options: Mapping[str, object]) -> list[Record]:
    """The records an exporter writes, in review order: all of them, or with the option
    ``included_only`` those of :meth:`Review.included`.

    :raises ExportError: ``included_only`` is asked of a review with no record-level
        selection stage yet (nothing has been included).
    """
    if not _flag(options, "included_only"):
        return list(review.records.values())
    if review.last_record_stage() is None:
        raise ExportError(
            "the review has no selection stage yet, so no record is included; "
            "export without 'included only'"
        )
    included = set(review.included())
    return [record for rid, record in review.records.items() if rid in included]


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
