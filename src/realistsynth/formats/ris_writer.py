"""The RIS exporter: a review's records as RIS that reference managers and our own importer
read back.

The writer is the inverse of :mod:`realistsynth.formats.ris_reader` for every field RIS can carry:
``TY`` (the code kept in ``extra["TY"]`` if it maps to the record's type, else the canonical
code of :data:`~realistsynth.formats.ris_reader.CSL_TO_RIS`), ``AU``, ``A2`` (editors), ``TI``,
``T2``, ``J2``, ``PY`` and ``DA``, ``VL``, ``IS``, ``SP``/``EP``, ``DO``, ``SN``, ``UR``,
``PB``, ``CY``, ``ET``, ``M1``, ``AB``, ``KW``, ``LA``, ``N1``, ``C2`` (PMCID), and every
``extra`` value under its own tag. Multi-line values are written as untagged continuation
lines, which RIS readers join back.

What RIS cannot carry, and so does not survive a round trip (docs/importing.md lists it too):

* the record id and provenance (RIS has no place for them);
* a name's ``particle`` (written as part of the family name), and a person with no given name
  whose family name has several words (read back as given and family names). Organisations
  are written with a trailing comma (``AU  - Department of Health and Social Care,``), the
  mark EndNote gives a corporate name, and read back as one literal name;
* CSL types without an RIS code (written as ``GEN``, read back as ``document``);
* the PMID: RIS has no tag for it; it is written as ``AN`` with ``DB  - PubMed`` (the way
  PubMed-derived RIS marks it), which reads back as the PMID plus an ``extra["DB"]``;
* ``extra`` values of records read from other formats (their tags mean other things in
  RIS: MEDLINE ``IS`` is an ISSN, RIS ``IS`` an issue) and ``extra`` keys that are not
  two-character tags: they are left out and counted in the export report's warnings;
* blank lines inside values, leading or trailing spaces, control characters (removed; a
  line break written as CR alone becomes one), and the line break before a continuation line
  that looks like a tag line: such a line is written indented by one space, so that it can
  never end the record or start another (an abstract holding ``ER  -`` and ``TY  -`` lines
  cannot inject records), and reads back joined to the line before by a space.

Lines end in ``\\n`` and the text is UTF-8 without BOM, which current reference managers read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import IO

from realistsynth.exporting import (
    CONTROL_CHARACTERS,
    RecordSelection,
    WriterCapacity,
    describe_selection,
    record_fields_but,
    record_options,
    record_selection,
    select_records,
)
from realistsynth.formats.ris_reader import CSL_TO_RIS, RIS_TYPES
from realistsynth.hookspecs import hookimpl
from realistsynth.model.records import Name, Record
from realistsynth.model.review import Review
from realistsynth.protocols import ExportReport

__all__ = [
    "CAPACITY",
    "RisExporter",
    "realistsynth_register_exporters",
    "record_to_ris",
]

#: What RIS holds (see the module docstring for what it cannot).
CAPACITY = WriterCapacity(
    "ris",
    "ris",
    record_fields_but("id", "provenance", "extra"),
    types=frozenset(CSL_TO_RIS),
    left_out=CONTROL_CHARACTERS,
    limits="record id and provenance; name particles (written into the family name); a "
    "person with no given name whose family name has several words; blank lines and "
    "surrounding spaces in values; `extra` fields of other formats",
)


_RIS_TAG = re.compile(r"[A-Z][A-Z0-9]")


def _name(name: Name) -> str:
    if name.literal is not None:
        # EndNote's mark of a corporate name: a trailing comma, so that "Smith Jones," or
        # "Cochrane," is not split into a person (the tagged readers read it so)
        return name.literal + ","
    family = " ".join(p for p in (name.particle, name.family) if p)
    parts = [family, name.given or ""] if name.given or name.suffix else [family]
    if name.suffix:
        parts.append(name.suffix)
    return ", ".join(parts)


def _date_tags(record: Record) -> list[tuple[str, str]]:
    issued = record.issued
    if issued is None:
        return []
    tags = [("PY", f"{issued.year:04d}")]
    if issued.month is not None:
        day = f"{issued.day:02d}" if issued.day is not None else ""
        tags.append(("DA", f"{issued.year:04d}/{issued.month:02d}/{day}"))
    return tags


def _page_tags(pages: str) -> list[tuple[str, str]]:
    first, dash, last = pages.partition("-")
    if dash and first and last and "-" not in last and "," not in pages:
        return [("SP", first), ("EP", last)]
    return [("SP", pages)]


def _type_code(record: Record) -> str:
    kept = record.extra.get("TY", ())
    if kept and RIS_TYPES.get(kept[0].upper()) == record.type:
        return kept[0]
    return CSL_TO_RIS.get(record.type, "GEN")


def record_to_ris(record: Record, skipped: dict[str, int] | None = None) -> str:
    """One record as RIS text, from ``TY`` to ``ER`` and a blank line.

    :param skipped: if given, counts of ``extra`` keys that have no RIS tag (left out).
    """
    pairs: list[tuple[str, str]] = [("TY", _type_code(record))]
    pairs.extend(("AU", _name(n)) for n in record.authors)
    pairs.extend(("A2", _name(n)) for n in record.editors)
    single = (
        ("TI", record.title),
        ("T2", record.container_title),
        ("J2", record.container_title_short),
    )
    pairs.extend((tag, value) for tag, value in single if value)
    pairs.extend(_date_tags(record))
    for tag, value in (("VL", record.volume), ("IS", record.issue)):
        if value:
            pairs.append((tag, value))
    if record.pages:
        pairs.extend(_page_tags(record.pages))
    more = (
        ("DO", record.doi),
        ("C2", record.pmcid),
        ("UR", record.url),
        ("PB", record.publisher),
        ("CY", record.publisher_place),
        ("ET", record.edition),
        ("M1", record.number),
        ("LA", record.language),
        ("AB", record.abstract),
        ("N1", record.note),
    )
    pairs.extend((tag, value) for tag, value in more if value)
    pairs.extend(("SN", value) for value in (*record.issn, *record.isbn))
    pairs.extend(("KW", value) for value in record.keywords)
    origin = record.provenance[0].format if record.provenance else None
    # extra keys are the tags of the format a record came from; the same two letters mean
    # other things elsewhere (MEDLINE "IS" is an ISSN, RIS "IS" an issue), so only the
    # extras of records read from RIS (or made by hand) are written as RIS tags
    extra = record.extra if origin in (None, "ris") else {}
    if record.pmid and "AN" not in extra:
        pairs.append(("AN", record.pmid))
        if "DB" not in extra and "DP" not in extra:
            pairs.append(("DB", "PubMed"))
    if skipped is not None and extra is not record.extra:
        for key, values in record.extra.items():
            label = f"{origin} {key}"
            skipped[label] = skipped.get(label, 0) + len(values)
    for key, values in extra.items():
        if key == "TY":
            continue
        if key == "ER" or not _RIS_TAG.fullmatch(key):  # an ER line would end the record
            if skipped is not None:
                skipped[key] = skipped.get(key, 0) + len(values)
            continue
        pairs.extend((key, value) for value in values)
    lines = [f"{tag}  - {_neutral(value)}" for tag, value in pairs]
    lines.append("ER  - \n\n")
    return "\n".join(lines)


# what a reader could take for a tag line (our reader is as lenient: one or two spaces,
# lower-case tags); C0 controls but tab and newline, and DEL
_TAG_LIKE = re.compile(r"(?<=\n)(?=[A-Za-z][A-Za-z0-9] {1,2}-)")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _neutral(value: str) -> str:
    """``value`` made unable to end its record: line breaks normalised, control characters
    removed, and continuation lines that look like tag lines indented by one space."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROLS.sub("", value)
    if "\n" in value:
        value = _TAG_LIKE.sub(" ", value)
    return value


class RisExporter:
    """Writes the review's records as RIS: by default one per work (``records=canonical``:
    duplicates left out), or as the option ``records`` asks (see :mod:`realistsynth.exporting`)."""

    name = "ris"
    title = "RIS (reference managers, Rayyan, Covidence)"
    suffix = ".ris"
    options = record_options(RecordSelection.CANONICAL)

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the records; option ``records`` (default ``canonical``)."""
        selection = record_selection(options, RecordSelection.CANONICAL)
        records = select_records(review, selection)
        skipped: dict[str, int] = {}
        for record in records:
            stream.write(record_to_ris(record, skipped).encode("utf-8"))
        warnings = [
            f"{count} value(s) of field {key!r} not written: RIS has no tag for it"
            for key, count in sorted(skipped.items())
        ]
        if len(warnings) > 10:
            total = sum(skipped.values())
            shown = ", ".join(sorted(skipped)[:10])
            warnings = [
                f"{total} value(s) of {len(skipped)} fields with no RIS tag not written "
                f"({shown}, ...)"
            ]
        return ExportReport(warnings, wrote=describe_selection(review, selection, len(records)))


@hookimpl
def realistsynth_register_exporters() -> list[RisExporter]:
    """The RIS exporter."""
    return [RisExporter()]
