"""What plugins contribute: the typed shapes behind every ``realistsynth_register_*`` hook.

Behaviour (reading a file, writing an export, rendering a query) is a :class:`typing.Protocol`
so that a plugin can implement it with any class; pure definitions (criteria sets, frameworks,
heuristics, citation styles) are frozen attrs classes from the model, since a review adopts a
copy of them. Every contribution has a stable ``name``: it is how users choose it on the command
line and how the registry detects two plugins claiming the same thing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

from attrs import field, frozen

from realistsynth.model.common import check_id, non_empty, str_tuple
from realistsynth.model.records import Record
from realistsynth.model.reporting import ReportingStandard, StandardItem
from realistsynth.model.review import Review


def _record_tuple(items: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(items)


def _skippedrecord_tuple(items: Iterable[SkippedRecord]) -> tuple[SkippedRecord, ...]:
    return tuple(items)


__all__ = [
    "OPTION_TYPES",
    "CitationStyle",
    "ExportOption",
    "ExportReport",
    "Exporter",
    "ImportContext",
    "ImportReport",
    "ImportResult",
    "Importer",
    "ProgressCallback",
    "RecordSelection",
    "ReportingStandard",
    "SkippedRecord",
    "StandardItem",
]


#: Called by an importer as it works through one file: ``(done, total)`` in units the importer
#: chooses (lines, rows, items), the same units for every call on one file.
ProgressCallback = Callable[[int, int], None]


@frozen
class ImportContext:
    """What an importer is told about the data it reads.

    :ivar file_name: the name to put into provenance and error messages.
    :ivar sha256: the hex digest of the whole file.
    :ivar strict: raise :class:`~realistsynth.errors.ParseError` on the first broken record
        instead of skipping it and reporting it.
    :ivar options: importer-specific options (the spreadsheet importers' ``mapping`` ...);
        an importer ignores options it does not know.
    :ivar progress: told how far the importer has got (see :data:`ProgressCallback`); an
        importer may call it through :meth:`report_progress` as often as it likes, or never.
    """

    file_name: str
    sha256: str
    source_id: str | None = None
    search_run_id: str | None = None
    strict: bool = False
    options: Mapping[str, object] = field(factory=dict, hash=False)
    progress: ProgressCallback | None = field(default=None, eq=False, hash=False, repr=False)

    def report_progress(self, done: int, total: int) -> None:
        """Tell the caller that ``done`` of ``total`` units of this file are read."""
        if self.progress is not None and total > 0:
            self.progress(min(done, total), total)


@frozen
class SkippedRecord:
    """A record an importer could not read, and why (lenient mode)."""

    index: int
    line: int | None
    reason: str


@frozen
class ImportReport:
    """What happened to one file: format and encoding found, counts, skips and warnings."""

    file: str
    format: str
    encoding: str
    records_read: int
    skipped: tuple[SkippedRecord, ...] = field(default=(), converter=_skippedrecord_tuple)
    warnings: tuple[str, ...] = field(default=(), converter=str_tuple)


@frozen
class ImportResult:
    """The records read from one file and the report of reading them."""

    records: tuple[Record, ...] = field(converter=_record_tuple)
    report: ImportReport


@runtime_checkable
class Importer(Protocol):
    """Reads one bibliographic format.

    ``name`` is the format's stable name (``ris``, ``medline`` ...), ``title`` its display name.
    """

    @property
    def name(self) -> str:
        """The name."""
        ...

    @property
    def title(self) -> str:
        """The title."""
        ...

    def sniff(self, head: bytes) -> int:
        """How sure (0-100) the importer is that data beginning with ``head`` is its format.

        ``head`` is the first few kilobytes of the raw bytes; 0 means "not mine".
        """
        ...

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Read every record of ``data``.

        Must raise only :class:`~realistsynth.errors.RealistsynthError` subclasses, whatever
        the bytes.
        """
        ...


@frozen
class ExportReport:
    """What an exporter wrote, and warnings it wants the user to see (cells cleaned, text
    truncated ...).

    :ivar wrote: one sentence saying which records were written and which left out (see
        :func:`realistsynth.exporting.describe_selection`), or ``None``.
    """

    warnings: tuple[str, ...] = field(default=(), converter=str_tuple)
    wrote: str | None = None


#: The types an exporter's option may be declared with, and how each is named in help and
#: messages; the host reads option values from text into them
#: (:mod:`realistsynth.plugins.options`).
OPTION_TYPES: dict[type, str] = {
    bool: "true/false",
    int: "whole number",
    float: "number",
    str: "text",
    tuple: "comma-separated list",
}


def _option_type(instance: object, attribute: object, value: type) -> None:
    if value not in OPTION_TYPES:
        known = ", ".join(t.__name__ for t in OPTION_TYPES)
        raise ValueError(f"an option's type must be one of {known}, not {value!r}")


def _option_name(instance: object, attribute: object, value: str) -> None:
    if not value.isidentifier():
        raise ValueError(f"an option's name must be an identifier (a_b), not {value!r}")


@frozen
class ExportOption:
    """An option an exporter declares: the host parses, validates and documents it.

    :ivar name: how the user names it (``--option NAME=VALUE``; a Python identifier).
    :ivar type: ``bool``, ``int``, ``float``, ``str`` or ``tuple`` (a list of text, given on
        the command line as ``a,b,c``).
    :ivar default: the value the exporter receives when the user gives none (``None``: not
        given).
    :ivar help: one sentence for ``realistsynth export --to NAME --help-options``.
    :ivar choices: for ``str`` and ``tuple`` options, the values allowed (empty: any).
    """

    name: str = field(validator=_option_name)
    type: type = field(validator=_option_type)
    default: object = None
    help: str = ""
    choices: tuple[str, ...] = field(default=(), converter=str_tuple)


@runtime_checkable
class Exporter(Protocol):
    """Writes a review (or part of it) to a stream in one format.

    ``name`` is what users pass to ``--to``; ``suffix`` the usual file suffix (``.xlsx``).

    An exporter should also have an ``options`` attribute: a sequence of
    :class:`ExportOption` it accepts. The host then gives :meth:`export` every declared option
    (the user's value, of the declared type, or the default) and nothing else, and refuses
    unknown, repeated or ill-typed options before the exporter runs. An exporter without
    ``options`` receives what the user gave, unchecked, with a :class:`DeprecationWarning`:
    declaring options will be required in API version 2. (``options`` is not a protocol
    member, so that exporters written before it still pass ``isinstance``.)
    """

    @property
    def name(self) -> str:
        """The name."""
        ...

    @property
    def title(self) -> str:
        """The title."""
        ...

    @property
    def suffix(self) -> str:
        """The suffix."""
        ...

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write ``review`` to ``stream``; ``options`` are the exporter's declared options.

        Must return an :class:`ExportReport` (the host refuses anything else, naming the
        exporter and its plugin).
        """
        ...


@frozen
class CitationStyle:
    """A CSL style file made available under a short name (``apa``, ``emerald-harvard``)."""

    name: str = field(validator=check_id)
    title: str = field(validator=non_empty)
    path: Path


# Which records an export writes: part of the exporter contract (the shared ``records``
# option), here so that the workbook's sheets can name it without importing the exporting
# machinery (which imports the plugin registry, which names the sheets).
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
