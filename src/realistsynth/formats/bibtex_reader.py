"""The built-in BibTeX / BibLaTeX importer: what the fields of an entry mean.

Reads the dialects reviewers meet: Zotero and Better BibTeX (BibTeX and BibLaTeX), Mendeley,
Scopus (``author_keywords``, ``art_number``, ``abbrev_source_title``), Web of Science
(``Unique-ID``, ``Journal-ISO``, ``Article-Number``, hyphenated field names), Google Scholar,
and Cochrane CENTRAL (``Record #n of m`` lines between entries). The syntax is
:mod:`realistsynth.formats.bibtex_syntax` (our own parser: why, with the figures, is in its
docstring);
LaTeX is decoded by :mod:`realistsynth.formats.latex`.

Mapping to :class:`~realistsynth.model.Record`, in short: entry types map to CSL types
(:data:`BIBTEX_TO_CSL`; when the entry type is not the canonical one for its CSL type, such
as ``@mastersthesis``, it is kept in ``extra["bibtex-entry-type"]``); ``date`` wins over
``year``/``month``; ``journal``/``journaltitle``/``booktitle`` give the container; for articles
``number`` is the issue and ``eid``/``art_number``/``article-number`` the article number;
``url`` and ``doi`` are read verbatim (no LaTeX decoding); a field that no rule consumes, and
every repeat of a field, goes to ``extra`` under its name as written. Names are split the
BibTeX way (``von Last, Jr, First``; a name wholly in braces is an organisation), after which
each part is decoded. ``and others`` sets ``extra["author-others"]``.
"""

from __future__ import annotations

import re
from typing import Any

from realistsynth.formats.bibtex_syntax import BibEntry
from realistsynth.formats.import_support import (
    ImportLog,
    ProgressMeter,
    add_extra,
    split_isbns,
    split_issns,
    split_list,
)
from realistsynth.formats.latex import decode_latex, decode_verbatim
from realistsynth.formats.normalise import (
    normalise_doi,
    normalise_pages,
    normalise_pmid,
    parse_date,
    parse_month,
    split_name,
)
from realistsynth.hookspecs import hookimpl
from realistsynth.importing import decode
from realistsynth.model.common import PartialDate
from realistsynth.model.records import CSL_TYPES, Name
from realistsynth.protocols import ImportContext, ImportResult

__all__ = [
    "BIBTEX_TO_CSL",
    "CSL_TO_BIBTEX",
    "CSL_TYPE_FIELD",
    "ENTRY_TYPE_EXTRA",
    "BibtexImporter",
    "entry_fields",
    "parse_names",
    "realistsynth_register_importers",
]

#: BibTeX/BibLaTeX entry types -> CSL types (entry types not listed become ``document``)
BIBTEX_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "booklet": "pamphlet",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "suppbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "misc": "document",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "unpublished": "manuscript",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "periodical": "periodical",
    "standard": "standard",
    "inreference": "entry-encyclopedia",
    "reference": "book",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "review": "review",
    "preprint": "article",
}

#: CSL types -> the entry type the writer uses (others are written as ``@misc``)
CSL_TO_BIBTEX: dict[str, str] = {
    "article-journal": "article",
    "book": "book",
    "pamphlet": "booklet",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "document": "misc",
    "webpage": "online",
    "manuscript": "unpublished",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "periodical": "periodical",
    "standard": "standard",
    "entry-encyclopedia": "inreference",
    "legislation": "legislation",
    "legal_case": "jurisdiction",
    "review": "review",
    "article": "preprint",
}

#: the ``extra`` key keeping an entry type that is not the canonical one for its CSL type
ENTRY_TYPE_EXTRA = "bibtex-entry-type"
#: the non-standard field that carries a CSL type BibTeX has no entry type for
CSL_TYPE_FIELD = "csl-type"

_ARTICLE_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper", "article"})
_SNIFF = re.compile(rb"(?:^|\n)[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]")
_COCHRANE_PUBMED = re.compile(r"\bPUBMED (\d{1,9})\b")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


_BRACES_AND_SPACES = re.compile(r"[{}]|[ \t\n\r]+")
_BRACES_AND_COMMAS = re.compile(r"[{},]")
_BRACES_AND_ANDS = re.compile(r"[{}]|[ \t\n\r]+and[ \t\n\r]+", re.IGNORECASE)


def _split_top(text: str, separators: re.Pattern[str]) -> list[str]:
    """Split ``text`` where ``separators`` match outside braces (braces themselves match too,
    to track depth, and never split)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for match in separators.finditer(text):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


def _split_authors(raw: str) -> list[str]:
    raw = raw.strip()
    if "{" not in raw:
        return _AND.split(raw)
    return _split_top(raw, _BRACES_AND_ANDS)


def _words(raw: str) -> list[str]:
    raw = raw.strip()
    if "{" not in raw:
        return raw.split()
    return [w for w in _split_top(raw, _BRACES_AND_SPACES) if w]


def _joined(words: list[str]) -> str | None:
    return decode_latex(" ".join(words)) or None


def _is_lower(word: str) -> bool:
    if word.startswith("{") and not word.startswith("{\\"):
        return False  # a protected word counts as upper case, as in BibTeX
    decoded = decode_latex(word) if "\\" in word or "{" in word else word
    first = next((c for c in decoded if c.isalpha()), "")
    return first.islower()


def _wrapped(raw: str) -> bool:
    """Whether one pair of braces encloses all of ``raw`` (``{World Health Organization}``)."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for position, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position == len(raw) - 1
    return False


def _parse_name(raw: str) -> Name | None:
    raw = raw.strip()
    if not raw:
        return None
    if _wrapped(raw):
        literal = decode_latex(raw[1:-1])
        return Name(literal=literal) if literal else None
    parts = _split_top(raw, _BRACES_AND_COMMAS) if "{" in raw else raw.split(",")
    first: str | None
    suffix: str | None = None
    if len(parts) == 1:
        words = _words(raw)
        if len(words) == 1:
            single = decode_latex(words[0])
            return Name(family=single) if single else None
        lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w)]
        if lower:
            start, end = lower[0], lower[-1]
            given, particle, family = words[:start], words[start : end + 1], words[end + 1 :]
        else:
            whole = decode_latex(raw)
            guess = split_name(whole) if "{" not in raw else None
            if guess is not None and guess.literal is not None:
                return guess
            given, particle, family = words[:-1], [], words[-1:]
        return Name(family=_joined(family), given=_joined(given), particle=_joined(particle))
    von_last = _words(parts[0])
    if len(parts) == 2:
        first = parts[1]
    else:
        suffix, first = parts[1], ",".join(parts[2:])
    particle_words: list[str] = []
    if len(von_last) > 1 and _is_lower(von_last[0]):
        lower = [i for i, w in enumerate(von_last[:-1]) if _is_lower(w)]
        particle_words, von_last = von_last[: lower[-1] + 1], von_last[lower[-1] + 1 :]
    family_text = _joined(von_last)
    given_text = decode_latex(first) or None
    if family_text is None:
        return Name(literal=given_text) if given_text else None
    return Name(
        family=family_text,
        given=given_text,
        particle=_joined(particle_words),
        suffix=decode_latex(suffix) or None if suffix is not None else None,
    )


def parse_names(raw: str) -> tuple[list[Name], bool, list[str]]:
    """The names of a raw (still LaTeX) ``author``/``editor`` value.

    :return: the names, whether the list ended with ``and others``, and the raw names that
        could not be read as a name.

    >>> names, others, bad = parse_names(r"van Gogh, Vincent and {\\L}ukasz Kowalski and "
    ...     r"{World Health Organization} and others")
    >>> [n.display() for n in names], others
    (['van Gogh, Vincent', 'Kowalski, Łukasz', 'World Health Organization'], True)
    """
    names: list[Name] = []
    unreadable: list[str] = []
    others = False
    for part in _split_authors(raw):
        if part.strip().lower() == "others":
            others = True
            continue
        try:
            name = _parse_name(part)
        except ValueError:
            name = None
        if name is None:
            if part.strip():
                unreadable.append(part.strip())
            continue
        names.append(name)
    return names, others, unreadable


class _Fields:
    """The fields of one entry, consumed by the mapping; leftovers become ``extra``."""

    def __init__(self, entry: BibEntry) -> None:
        self.values: dict[str, list[tuple[str, str]]] = {}
        for name, raw in entry.fields:
            self.values.setdefault(name.lower(), []).append((name, raw))

    def raw(self, *names: str) -> str | None:
        """The first raw value of the first present field among ``names``, consumed."""
        for name in names:
            found = self.values.get(name)
            if found:
                return found.pop(0)[1]
        return None

    def text(self, *names: str) -> str | None:
        raw = self.raw(*names)
        return decode_latex(raw) or None if raw is not None else None

    def verbatim(self, *names: str) -> str | None:
        raw = self.raw(*names)
        return decode_verbatim(raw) or None if raw is not None else None

    def peek(self, name: str) -> str | None:
        found = self.values.get(name)
        return found[0][1] if found else None

    def leftovers(self) -> list[tuple[str, str]]:
        return [pair for pairs in self.values.values() for pair in pairs]


def _issued(fields: _Fields, extra: dict[str, list[str]]) -> PartialDate | None:
    date_raw = fields.peek("date")
    if date_raw is not None:
        issued = parse_date(decode_latex(date_raw))
        if issued is not None:
            fields.raw("date")
            year_raw = fields.peek("year")
            if year_raw is not None and parse_date(decode_latex(year_raw)) == PartialDate(
                issued.year
            ):
                fields.raw("year")
            month_raw = fields.peek("month")
            if month_raw is not None and parse_month(decode_latex(month_raw)) == issued.month:
                fields.raw("month")
            return issued
    year_raw = fields.peek("year")
    if year_raw is None:
        return None
    year_text = decode_latex(year_raw)
    year = parse_date(year_text)
    if year is None:
        return None  # "in press" and the like stay in extra["year"]
    fields.raw("year")
    if year_text != str(year.year):  # "2020a", "2019/2020": keep what the year cannot say
        add_extra(extra, "year", year_text)
    month_raw = fields.peek("month")
    if month_raw is None:
        return PartialDate(year.year)
    month_text = decode_latex(month_raw)
    month = parse_month(month_text) if month_text.isalnum() else None  # "5", "may", "May"
    if month is not None:
        fields.raw("month")
        return PartialDate(year.year, month)
    with_day = parse_date(f"{year.year} {month_text}")  # WoS "OCT 5"
    if with_day is not None and with_day.month is not None:
        fields.raw("month")
        return with_day
    return PartialDate(year.year)


def _names(
    fields: _Fields, name: str, extra: dict[str, list[str]], log: ImportLog, line: int
) -> list[Name]:
    raw = fields.raw(name)
    if raw is None:
        return []
    names, others, unreadable = parse_names(raw)
    if others:
        extra.setdefault(f"{name}-others", []).append("true")
    for bad in unreadable:
        log.warn(f"{name} {bad!r} is not a name; kept in extra[{name!r}]", line)
        add_extra(extra, name, decode_latex(bad))
    return names


def entry_fields(entry: BibEntry, log: ImportLog) -> dict[str, Any]:
    """Record keyword arguments for one entry (see the module docstring for the rules)."""
    fields = _Fields(entry)
    extra: dict[str, list[str]] = {}
    csl_type_raw = fields.raw(CSL_TYPE_FIELD)
    csl_type = decode_latex(csl_type_raw) if csl_type_raw is not None else None
    if csl_type not in CSL_TYPES:
        if csl_type_raw is not None:
            add_extra(extra, CSL_TYPE_FIELD, csl_type)
        csl_type = BIBTEX_TO_CSL.get(entry.kind, "document")
    if CSL_TO_BIBTEX.get(csl_type, "misc") != entry.kind:
        extra[ENTRY_TYPE_EXTRA] = [entry.kind]
    is_article = csl_type in _ARTICLE_TYPES

    out: dict[str, Any] = {"type": csl_type}
    title = fields.text("title")
    subtitle = fields.text("subtitle")
    out["title"] = f"{title}: {subtitle}" if title and subtitle else title or subtitle
    out["authors"] = _names(fields, "author", extra, log, entry.line)
    out["editors"] = _names(fields, "editor", extra, log, entry.line)
    out["issued"] = _issued(fields, extra)
    out["container_title"] = fields.text("journal", "journaltitle", "booktitle")
    out["container_title_short"] = fields.text(
        "shortjournal", "journal-iso", "abbrev_source_title", "journalabbreviation", "journalabbr"
    )
    out["volume"] = fields.text("volume")
    if is_article:
        out["issue"] = fields.text("number", "issue")
        out["number"] = fields.text("eid", "art_number", "article-number", "articleno")
    else:
        out["issue"] = fields.text("issue")
        out["number"] = fields.text("number")
    out["pages"] = normalise_pages(fields.text("pages"))
    doi_text = fields.verbatim("doi")
    out["doi"] = normalise_doi(doi_text)
    if doi_text and out["doi"] is None:
        add_extra(extra, "doi", doi_text)
    pmid_text = fields.text("pmid")
    eprinttype = fields.peek("eprinttype")
    if (
        pmid_text is None
        and eprinttype is not None
        and decode_latex(eprinttype).lower() == "pubmed"
    ):
        fields.raw("eprinttype")
        pmid_text = fields.text("eprint")
    out["pmid"] = normalise_pmid(pmid_text)
    if pmid_text and out["pmid"] is None:
        add_extra(extra, "pmid", pmid_text)
    out["pmcid"] = fields.text("pmcid")
    issn_texts = [fields.text("issn"), fields.text("eissn")]
    out["issn"] = split_issns(issn_texts)
    if any(issn_texts) and not out["issn"]:
        for text in issn_texts:
            add_extra(extra, "issn", text)
    isbn_text = fields.text("isbn")
    out["isbn"] = split_isbns([isbn_text])
    if isbn_text and not out["isbn"]:
        add_extra(extra, "isbn", isbn_text)
    out["url"] = fields.verbatim("url")
    out["publisher"] = fields.text("publisher", "school", "institution", "organization")
    out["publisher_place"] = fields.text("address", "location")
    out["edition"] = fields.text("edition")
    out["abstract"] = fields.text("abstract")
    out["keywords"] = split_list(fields.text("keywords", "author_keywords", "author-keywords"))
    out["language"] = fields.text("language", "langid")
    out["note"] = fields.text("note")
    if out["pmid"] is None and out["note"]:  # Cochrane CENTRAL: note = "PUBMED 34100001"
        cochrane = _COCHRANE_PUBMED.search(out["note"])
        out["pmid"] = cochrane.group(1) if cochrane else None
    for name, raw in fields.leftovers():
        add_extra(extra, name, decode_latex(raw))
    out["extra"] = extra
    return out


class BibtexImporter:
    """Reads BibTeX and BibLaTeX (see the module docstring)."""

    name = "bibtex"
    title = "BibTeX / BibLaTeX"

    def sniff(self, head: bytes) -> int:
        """Sure when an entry such as ``@article{`` starts a line."""
        match = _SNIFF.search(head)
        if match is None:
            return 0
        kind = match.group(1).decode("ascii").lower()
        return 80 if kind in BIBTEX_TO_CSL or kind in ("string", "comment", "preamble") else 50

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Every entry of ``data`` as a record."""
        decoded = decode(data, file_name=context.file_name)
        log = ImportLog(context, self.name, decoded.encoding)
        log.warnings.extend(decoded.warnings)
        first_line_of_key: dict[str, int] = {}
        meter = ProgressMeter.over_lines(context, decoded.text)
        # the parser is imported here, not with the plugin: every plugin manager registers this
        # module, and most never read BibTeX
        from realistsynth.formats.bibtex_syntax import BrokenEntry, parse_bibtex

        for item in parse_bibtex(decoded.text):
            if isinstance(item, BrokenEntry):
                log.skip(item.index, item.line, item.reason)
                continue
            if isinstance(item, tuple):
                log.warn(item[1], item[0])
                continue
            meter.advance_to(item.line)
            if item.key is not None:
                seen = first_line_of_key.setdefault(item.key, item.line)
                if seen != item.line:
                    log.warn(
                        f"key {item.key!r} also used at line {seen}; both records kept",
                        item.line,
                    )
            log.add(
                entry_fields(item, log), index=item.index, line=item.line, source_record_id=item.key
            )
        if not log.records and not log.skipped and decoded.text.strip():
            log.warn("no BibTeX entries found")
        return log.result()


@hookimpl
def realistsynth_register_importers() -> list[BibtexImporter]:
    """The BibTeX importer."""
    return [BibtexImporter()]
