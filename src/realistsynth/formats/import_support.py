"""What every importer plugin shares once it has cut a file into records.

An importer turns each record of its format into keyword arguments for
:class:`~realistsynth.model.Record` and hands them to an :class:`ImportLog`, which

* stamps each record with its :class:`~realistsynth.model.Provenance` (file, digest, index,
  line or row, format, the source's own id, and the context's source and search run);
* gives it a readable id: the source's own key when it is a valid id, else
  :func:`~realistsynth.importing.make_key` (``import_records`` re-keys on adding anyway);
* applies the strict/lenient rule in one place: strict mode raises one
  :class:`~realistsynth.errors.ParseError` naming the file, line/row and reason; lenient mode
  lists the record as a :class:`~realistsynth.protocols.SkippedRecord` and warns;
* builds the :class:`~realistsynth.protocols.ImportResult`.

:class:`ProgressMeter` passes an importer's progress on to the caller about a hundred times a
file, however often the importer advances it, so a progress bar costs the import nothing
measurable.

It also holds small helpers several formats need (splitting keyword and ISSN lists, adding a
value to ``extra``), so each format module stays about its format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from realistsynth.errors import ParseError
from realistsynth.importing import make_key
from realistsynth.model.common import ID_PATTERN
from realistsynth.model.records import Provenance, Record
from realistsynth.protocols import ImportContext, ImportReport, ImportResult, SkippedRecord

__all__ = ["ImportLog", "ProgressMeter", "add_extra", "split_isbns", "split_issns", "split_list"]


@attrs.define
class ProgressMeter:
    """Reports ``done`` of ``total`` to the context's progress callback in steps of about 1 %.

    >>> seen = []
    >>> context = ImportContext("f.ris", "0" * 64, progress=lambda d, t: seen.append(d))
    >>> meter = ProgressMeter(context, 1000)
    >>> for done in range(1, 1001):
    ...     meter.advance_to(done)
    >>> len(seen), seen[0], seen[-1]
    (100, 1, 991)
    """

    context: ImportContext
    total: int
    _next: int = attrs.field(default=0, init=False)
    _step: int = attrs.field(init=False)

    @_step.default
    def _one_percent(self) -> int:
        return max(1, self.total // 100)

    @classmethod
    def over_lines(cls, context: ImportContext, text: str) -> ProgressMeter:
        """A meter counting the lines of ``text`` (counted only when someone listens)."""
        return cls(context, text.count("\n") + 1 if context.progress is not None else 1)

    def advance_to(self, done: int) -> None:
        """Note that ``done`` units are read; tell the caller when a step is passed."""
        if done >= self._next and self.context.progress is not None:
            self.context.report_progress(done, self.total)
            self._next = done + self._step


@attrs.define
class ImportLog:
    """The records, skips and warnings of reading one file (see the module docstring).

    :ivar line_word: how positions are called in messages (``line`` or ``row``).
    """

    context: ImportContext
    format: str
    encoding: str
    line_word: str = "line"
    records: list[Record] = attrs.field(factory=list)
    skipped: list[SkippedRecord] = attrs.field(factory=list)
    warnings: list[str] = attrs.field(factory=list)

    def where(self, line: int | None) -> str:
        """``line 12`` / ``row 3``, or empty."""
        return f"{self.line_word} {line}" if line is not None else ""

    def warn(self, message: str, line: int | None = None) -> None:
        """Add a warning, prefixed with its place when known."""
        self.warnings.append(f"{self.where(line)}: {message}" if line is not None else message)

    def skip(self, index: int, line: int | None, reason: str) -> None:
        """A record that cannot be read: raise in strict mode, else list it and go on.

        :raises ParseError: in strict mode.
        """
        if self.context.strict:
            raise ParseError(
                f"record {index + 1}: {reason}", file=self.context.file_name, line=line
            )
        self.skipped.append(SkippedRecord(index, line, reason))
        place = f" ({self.where(line)})" if line is not None else ""
        self.warnings.append(f"record {index + 1}{place} skipped: {reason}")

    def add(
        self,
        fields: dict[str, Any],
        *,
        index: int,
        line: int | None,
        source_record_id: str | None,
        key_is_id: bool = True,
    ) -> None:
        """Build a record from ``fields`` (Record keyword arguments without ``id`` and
        ``provenance``) and keep it; a value the model refuses skips the record.

        :param key_is_id: use ``source_record_id`` as the record id when it is a valid id
            (a citation key is; a row number or library number is not meant to be).
        """
        provenance = Provenance(
            file=self.context.file_name,
            sha256=self.context.sha256,
            index=index,
            line=line,
            format=self.format,
            source_id=self.context.source_id,
            search_run_id=self.context.search_run_id,
            source_record_id=source_record_id,
        )
        good_key = key_is_id and source_record_id is not None and ID_PATTERN.match(source_record_id)
        try:
            record = Record(
                id=source_record_id if good_key else "record",  # type: ignore[arg-type]
                provenance=(provenance,),
                **fields,
            )
            if not good_key:
                record = attrs.evolve(record, id=make_key(record))
        except (ValueError, TypeError) as exc:
            self.skip(index, line, str(exc))
            return
        self.records.append(record)

    def result(self) -> ImportResult:
        """The records read and the report."""
        return ImportResult(
            self.records,
            ImportReport(
                file=self.context.file_name,
                format=self.format,
                encoding=self.encoding,
                records_read=len(self.records),
                skipped=self.skipped,
                warnings=self.warnings,
            ),
        )


def add_extra(extra: dict[str, list[str]], name: str, value: str | None) -> None:
    """Append a non-empty value to ``extra[name]``."""
    if value is not None and value.strip(" \t\r\n"):
        extra.setdefault(name, []).append(value)


_LIST_SEPARATOR_SEMI = re.compile(r"[ \t\r\n]*;[ \t\r\n]*")
_LIST_SEPARATOR_COMMA = re.compile(r"[ \t\r\n]*,[ \t\r\n]*")


def split_list(value: str | None) -> list[str]:
    """Items of a keyword-like list: split on ``;`` if there is one, else on ``,``.

    >>> split_list("realist review; leadership, integrated care")
    ['realist review', 'leadership, integrated care']
    >>> split_list("a, b")
    ['a', 'b']
    """
    if not value:
        return []
    separator = _LIST_SEPARATOR_SEMI if ";" in value else _LIST_SEPARATOR_COMMA
    return [item for item in (i.strip(" \t\r\n") for i in separator.split(value)) if item]


_ISSN = re.compile(r"(?<![0-9A-Za-z])(\d{4})-?(\d{3}[\dXx])(?![0-9A-Za-z])")


def split_issns(values: Iterable[str | None]) -> list[str]:
    """ISSNs found in the values, as ``1234-567X``, without repeats.

    >>> split_issns(["1234-5678 (Print)\\n2345-6789 (Electronic)", "12345678"])
    ['1234-5678', '2345-6789']
    """
    out: list[str] = []
    for value in values:
        for match in _ISSN.finditer(value or ""):
            issn = f"{match.group(1)}-{match.group(2).upper()}"
            if issn not in out:
                out.append(issn)
    return out


_ISBN = re.compile(r"(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]")


def split_isbns(values: Iterable[str | None]) -> list[str]:
    """ISBNs found in the values, as written (hyphens kept), without repeats.

    >>> split_isbns(["978-1-4462-5694-9 (pbk); 0 19 852663 6"])
    ['978-1-4462-5694-9', '0 19 852663 6']
    """
    out: list[str] = []
    for value in values:
        for match in _ISBN.finditer(value or ""):
            isbn = match.group(0).strip(" -")
            if isbn not in out:
                out.append(isbn)
    return out
