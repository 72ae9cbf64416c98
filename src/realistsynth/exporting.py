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

It also enforces the exporter contract: options are parsed against what the exporter declares
(:func:`exporter_options`; an exporter that writes records includes :func:`record_options`),
and what ``export()`` returns is checked to be an :class:`~realistsynth.protocols.ExportReport`
before the file is kept, with a message naming the exporter, its plugin and what came back.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence

import attrs

from realistsynth.atomic import atomic_write
from realistsynth.errors import ExportError, PluginError, RealistsynthError
from realistsynth.model.records import Record
from realistsynth.model.review import Review
from realistsynth.plugins.options import flag, parse_options
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import Exporter, ExportOption, ExportReport, RecordSelection

__all__ = [
    "CONTROL_CHARACTERS",
    "RECORDS_OPTION",
    "RECORD_OPTIONS",
    "ExportOptions",
    "RecordSelection",
    "WriterCapacity",
    "cited_record_ids",
    "describe_selection",
    "export_to_path",
    "exporter_options",
    "prepare_options",
    "record_fields_but",
    "record_options",
    "record_selection",
    "records_for_export",
    "select_records",
]

#: The control characters a value may carry in from an import (C0 but tab, line feed and
#: carriage return, and DEL): most formats cannot hold them.
CONTROL_CHARACTERS: frozenset[str] = frozenset(
    [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\x7f"]
)


@attrs.frozen
class WriterCapacity:
    """What a record writer's format can hold: the one statement of it, which the round-trip
    tests check (``tests/hardening/test_writers_hold_their_fields.py``) and the guarantees
    page lists (a test keeps the two equal).

    :ivar exporter: the exporter's name.
    :ivar reader: the importer that reads the written file back.
    :ivar fields: the :class:`~realistsynth.model.Record` attributes that come back from the
        reader as they were written (``issued``: the whole date; ``year``: its year only).
    :ivar types: the CSL types written so that they read back (empty: every type).
    :ivar left_out: the characters the writer leaves out of every value (of
        :data:`CONTROL_CHARACTERS`); the rest of a value comes back as it was.
    :ivar options: the export options that make the file (the xlsx writer's Records sheet
        alone).
    :ivar limits: what else the format cannot hold, in words, for the documentation.
    """

    exporter: str
    reader: str
    fields: frozenset[str]
    types: frozenset[str] = frozenset()
    left_out: frozenset[str] = frozenset()
    options: Mapping[str, object] = attrs.field(factory=dict)
    limits: str = ""


def record_fields_but(*left_out: str) -> frozenset[str]:
    """Every :class:`~realistsynth.model.Record` attribute but ``left_out``: the fields of a
    format that holds nearly everything, derived so that a field added to ``Record`` is
    claimed (and so tested) at once.

    :param left_out: the attributes the format cannot hold (each must be a ``Record`` field).
    """
    names = {f.name for f in attrs.fields(Record)}
    unknown = sorted(set(left_out) - names)
    if unknown:
        raise ValueError(f"not fields of Record: {', '.join(unknown)}")
    return frozenset(names - set(left_out))


#: Options as a caller gives them: a mapping, or ``(name, value)`` pairs in the order given
#: (how the command line passes them, so that a repeated option is caught).
ExportOptions = Mapping[str, object] | Iterable[tuple[str, object]]

#: The name of the one option every record-writing exporter reads.
RECORDS_OPTION = "records"


def record_options(default: RecordSelection) -> tuple[ExportOption, ...]:
    """The options of an exporter that writes records, with its own ``default`` selection:
    ``records`` (see :class:`RecordSelection`) and the older switch ``included_only``.

    :param default: what the exporter writes when the user does not say (a reviewer's
        expectation of that kind of file).
    """
    return (
        ExportOption(
            RECORDS_OPTION,
            str,
            default.value,
            "which records: all (duplicates too), canonical (one per duplicate cluster), "
            "included (at the last selection stage), or cited (the included documents and "
            "every work the report cites)",
            choices=tuple(s.value for s in RecordSelection),
        ),
        ExportOption(
            "included_only",
            bool,
            False,
            "the same as records=included (kept for existing scripts)",
        ),
    )


#: The record options with ``all`` as the default (for plugins written before
#: :func:`record_options`; built-in exporters declare their own default).
RECORD_OPTIONS: tuple[ExportOption, ...] = record_options(RecordSelection.ALL)


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
    # a declared option arrives with its default filled in: only a value other than the
    # exporter's default contradicts included_only
    if included_only and chosen not in (RecordSelection.INCLUDED, default):
        raise ExportError(
            f"'included_only' and {RECORDS_OPTION}={chosen.value!r} contradict each other; "
            f"give one of them"
        )
    if included_only:
        return RecordSelection.INCLUDED
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
