"""Running an exporter: choosing the records, and writing the file atomically.

Every exporter plugin writes to a binary stream; this module owns what they share so that no
exporter reimplements it: :func:`records_for_export` (the review's records, or with the option
``included_only`` those included at the last record-level selection stage, so all exporters
agree on what "included" means) and :func:`export_to_path`, which dispatches to *any* exporter
registered under a name and writes through :func:`realistsynth.atomic.atomic_write`, so that a
failed export never leaves a half-written file.

It also enforces the exporter contract: options are parsed against what the exporter declares
(:func:`exporter_options`; an exporter that writes records includes :data:`RECORD_OPTIONS`),
and what ``export()`` returns is checked to be an :class:`~realistsynth.protocols.ExportReport`
before the file is kept, with a message naming the exporter, its plugin and what came back.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from realistsynth.atomic import atomic_write
from realistsynth.errors import ExportError, PluginError, RealistsynthError
from realistsynth.model.records import Record
from realistsynth.plugins.options import flag, parse_options
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import Exporter, ExportOption, ExportReport

if TYPE_CHECKING:
    from realistsynth.model.review import Review

__all__ = [
    "RECORD_OPTIONS",
    "ExportOptions",
    "export_to_path",
    "exporter_options",
    "prepare_options",
    "records_for_export",
]

#: Options as a caller gives them: a mapping, or ``(name, value)`` pairs in the order given
#: (how the command line passes them, so that a repeated option is caught).
ExportOptions = Mapping[str, object] | Iterable[tuple[str, object]]

#: The options of every exporter that writes records (read by :func:`records_for_export`);
#: such an exporter lists them in its ``options``.
RECORD_OPTIONS: tuple[ExportOption, ...] = (
    ExportOption(
        "included_only",
        bool,
        False,
        "only the records included at the last record-level selection stage",
    ),
)


def exporter_options(exporter: Exporter) -> tuple[ExportOption, ...] | None:
    """The options ``exporter`` declares, or ``None`` if it declares none (an exporter
    written before the option contract).

    :raises PluginError: ``options`` is not a sequence of :class:`ExportOption`.
    """
    declared = getattr(exporter, "options", None)
    if declared is None:
        return None
    if isinstance(declared, str | bytes | Mapping) or not isinstance(declared, Sequence):
        raise PluginError(
            f"exporter {exporter.name!r}: 'options' must be a list of ExportOption, "
            f"not {type(declared).__name__}"
        )
    wrong = [o for o in declared if not isinstance(o, ExportOption)]
    if wrong:
        raise PluginError(
            f"exporter {exporter.name!r}: 'options' holds {wrong[0]!r}, not an ExportOption"
        )
    return tuple(declared)


def prepare_options(exporter: Exporter, options: ExportOptions | None) -> dict[str, object]:
    """The options ``exporter.export()`` receives for what the caller gave.

    :raises ExportError: an option is unknown to the exporter, repeated, or not of its type.
    """
    declared = exporter_options(exporter)
    given = options if options is not None else {}
    if declared is None:
        warnings.warn(
            f"exporter {exporter.name!r} declares no 'options', so the options given reach it "
            "unchecked; declare them as ExportOption values (required from API version 2)",
            DeprecationWarning,
            stacklevel=3,
        )
        pairs = list(given.items()) if isinstance(given, Mapping) else list(given)
        return dict(pairs)
    try:
        return parse_options(declared, given, owner=f"exporter {exporter.name!r}")
    except ValueError as exc:
        raise ExportError(str(exc)) from None


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
    options: ExportOptions | None = None,
    *,
    plugin_manager: PluginManager | None = None,
) -> ExportReport:
    """Write ``review`` with the exporter called ``name`` to ``path``, atomically.

    :param review: the review to write.
    :param name: the exporter's name (``xlsx``, ``ris``, ``references`` ...).
    :param path: the file to write; replaced only once the export succeeded.
    :param options: the exporter's options, as a mapping or as ``(name, value)`` pairs;
        values of the declared type or text to read as it.
    :param plugin_manager: the plugins to find the exporter in (default: a new manager).
    :return: the exporter's report (warnings).
    :raises PluginError: no exporter has that name (the message lists the known ones, and
        the plugins that failed to load), or the exporter returned something other than an
        :class:`~realistsynth.protocols.ExportReport` (naming its plugin).
    :raises ExportError: an option is unknown, repeated or ill-typed, the exporter failed, or
        the file cannot be written; ``path`` is then left as it was.
    """
    if plugin_manager is None:
        from realistsynth.plugins import get_plugin_manager

        plugin_manager = get_plugin_manager()
    exporter = plugin_manager.exporter(name)
    values = prepare_options(exporter, options)
    with atomic_write(path) as stream:
        try:
            # typed as object: a plugin's export() may return anything, whatever it declares
            report: object = exporter.export(review, stream, values)
        except RealistsynthError:
            raise
        except Exception as exc:  # an exporter bug still surfaces as our error
            raise ExportError(
                f"exporter {name!r} failed: {type(exc).__name__}: {exc}", where=str(path)
            ) from exc
        if not isinstance(report, ExportReport):
            # raised inside the atomic write, so the file is not kept
            plugin = plugin_manager.provider("exporters", name) or "?"
            raise PluginError(
                f"plugin {plugin!r}: exporter {name!r}: export() returned "
                f"{type(report).__name__} {report!r:.60}, but an ExportReport is required; "
                f"{os.fspath(path)!r} was not written"
            )
    return report
