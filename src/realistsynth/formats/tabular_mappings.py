"""Column mappings for spreadsheet exports (CSV, TSV, XLSX): which column means which field.

A :class:`ColumnMapping` maps header names (compared case-insensitively, spaces collapsed) to
record *fields* (:data:`FIELDS`), names the column holding the source's own record id, and
lists the *signature* columns by which :func:`detect_mapping` recognises the export from its
header row alone. The built-in mappings (:data:`BUILTIN_MAPPINGS`) cover Rayyan, Covidence,
Scopus, Web of Science tab-delimited (two-letter tags), PubMed's "Save as CSV", Zotero,
The Lens, Embase, SpringerLink, IEEE, CoLRev / bib-dedupe, and a generic mapping (``title``,
``author(s)``, ``year``, ``journal`` ...) used when nothing more specific matches. A user mapping
(:func:`user_mapping`: a dict, or a TOML file) is laid over the detected one, so a team can
name their own columns without losing the rest.

Columns no mapping knows are not dropped: the importer keeps them in ``Record.extra`` under
the column's name as written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from attrs import field, frozen

from realistsynth.errors import RecordImportError

__all__ = [
    "BUILTIN_MAPPINGS",
    "FIELDS",
    "GENERIC",
    "ColumnMapping",
    "detect_mapping",
    "normalise_header",
    "user_mapping",
]

#: what a column can be mapped to (``id``: the source's own record id, kept in provenance)
FIELDS: frozenset[str] = frozenset(
    [
        "id",
        "type",
        "title",
        "authors",
        "editors",
        "year",
        "month",
        "day",
        "date",
        "container_title",
        "container_title_short",
        "volume",
        "issue",
        "number",
        "pages",
        "start_page",
        "end_page",
        "doi",
        "pmid",
        "pmcid",
        "issn",
        "isbn",
        "url",
        "publisher",
        "publisher_place",
        "edition",
        "abstract",
        "keywords",
        "language",
        "note",
        "pubmed_citation",
        "embase_source",
    ]
)
_ALIASES = {"journal": "container_title", "author": "authors", "issn/isbn": "issn"}


def normalise_header(header: str) -> str:
    """A header as mappings compare it: BOM and quotes stripped, lower case, single spaces.

    >>> normalise_header(" \\ufeffPublication  Year ")
    'publication year'
    """
    return re.sub(r"\s+", " ", header.replace("\ufeff", "").strip().strip('"').strip()).lower()


def _columns(pairs: Mapping[str, str]) -> dict[str, str]:
    return {normalise_header(k): v for k, v in pairs.items()}


def _headers(items: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise_header(i) for i in items)


@frozen
class ColumnMapping:
    """How the columns of one kind of export map to record fields.

    :ivar columns: normalised header -> field (one of :data:`FIELDS`).
    :ivar signature: normalised headers that must all be present to recognise the export.
    :ivar author_separator: how names are separated in author cells (``None``: guess).
    :ivar id_field: the field whose value is the source's own id when no column maps to
        ``id`` (PubMed's CSV has only its ``PMID``).
    :ivar final_period: author cells end with a period that is not part of the last name
        (PubMed: ``Smith J, Jones K.``).
    :ivar entry_types: the ``type`` column holds BibTeX entry types (``article``,
        ``inproceedings``), not CSL types.
    """

    name: str
    title: str
    columns: Mapping[str, str] = field(converter=_columns)
    signature: frozenset[str] = field(default=frozenset(), converter=_headers)
    author_separator: str | None = None
    id_field: str | None = None
    final_period: bool = False
    entry_types: bool = False

    def matched(self, headers: Iterable[str]) -> int:
        """How many of ``headers`` (normalised) this mapping knows."""
        return sum(1 for h in headers if h in self.columns)


RAYYAN = ColumnMapping(
    "rayyan",
    "Rayyan",
    {
        "key": "id",
        "title": "title",
        "authors": "authors",
        "journal": "container_title",
        "issn": "issn",
        "volume": "volume",
        "issue": "issue",
        "pages": "pages",
        "year": "year",
        "month": "month",
        "day": "day",
        "publisher": "publisher",
        "location": "publisher_place",
        "url": "url",
        "language": "language",
        "abstract": "abstract",
        "notes": "note",
        "doi": "doi",
        "pmc_id": "pmcid",
        "pubmed_id": "pmid",
        "pubmed": "pmid",
        "keywords": "keywords",
    },
    signature=["key", "title", "authors", "journal"],
)

COVIDENCE = ColumnMapping(
    "covidence",
    "Covidence",
    {
        "covidence #": "id",
        "title": "title",
        "authors": "authors",
        "abstract": "abstract",
        "published year": "year",
        "published month": "month",
        "journal": "container_title",
        "volume": "volume",
        "issue": "issue",
        "pages": "pages",
        "doi": "doi",
        "notes": "note",
    },
    signature=["covidence #", "title"],
)

SCOPUS = ColumnMapping(
    "scopus",
    "Scopus CSV",
    {
        "authors": "authors",
        "title": "title",
        "year": "year",
        "source title": "container_title",
        "abbreviated source title": "container_title_short",
        "volume": "volume",
        "issue": "issue",
        "art. no.": "number",
        "page start": "start_page",
        "page end": "end_page",
        "doi": "doi",
        "link": "url",
        "abstract": "abstract",
        "author keywords": "keywords",
        "publisher": "publisher",
        "issn": "issn",
        "isbn": "isbn",
        "pubmed id": "pmid",
        "language of original document": "language",
        "document type": "type",
        "eid": "id",
    },
    signature=["source title", "eid"],
    author_separator=";",
)

WOS_TAB = ColumnMapping(
    "wos-tab",
    "Web of Science tab-delimited",
    {
        "pt": "type",
        "au": "authors",
        "be": "editors",
        "ti": "title",
        "so": "container_title",
        "ji": "container_title_short",
        "la": "language",
        "de": "keywords",
        "ab": "abstract",
        "pu": "publisher",
        "pi": "publisher_place",
        "sn": "issn",
        "ei": "issn",
        "bn": "isbn",
        "pd": "date",
        "py": "year",
        "vl": "volume",
        "is": "issue",
        "ar": "number",
        "bp": "start_page",
        "ep": "end_page",
        "di": "doi",
        "pm": "pmid",
        "ut": "id",
    },
    signature=["pt", "au", "ti", "so", "ut"],
    author_separator=";",
)

PUBMED_CSV = ColumnMapping(
    "pubmed-csv",
    "PubMed CSV",
    {
        "pmid": "pmid",
        "title": "title",
        "authors": "authors",
        "citation": "pubmed_citation",
        "journal/book": "container_title_short",
        "publication year": "year",
        "pmcid": "pmcid",
        "doi": "doi",
    },
    signature=["pmid", "citation", "journal/book"],
    id_field="pmid",
    final_period=True,
)

ZOTERO_CSV = ColumnMapping(
    "zotero-csv",
    "Zotero CSV",
    {
        "key": "id",
        "item type": "type",
        "publication year": "year",
        "date": "date",
        "author": "authors",
        "editor": "editors",
        "title": "title",
        "publication title": "container_title",
        "journal abbreviation": "container_title_short",
        "isbn": "isbn",
        "issn": "issn",
        "doi": "doi",
        "url": "url",
        "abstract note": "abstract",
        "pages": "pages",
        "issue": "issue",
        "volume": "volume",
        "number": "number",
        "edition": "edition",
        "publisher": "publisher",
        "place": "publisher_place",
        "language": "language",
        "manual tags": "keywords",
        "notes": "note",
    },
    signature=["key", "item type", "publication title"],
    author_separator=";",
)

LENS = ColumnMapping(
    "lens",
    "The Lens",
    {
        "lens id": "id",
        "title": "title",
        "date published": "date",
        "publication year": "year",
        "publication type": "type",
        "source title": "container_title",
        "issns": "issn",
        "publisher": "publisher",
        "author/s": "authors",
        "abstract": "abstract",
        "volume": "volume",
        "issue number": "issue",
        "start page": "start_page",
        "end page": "end_page",
        "keywords": "keywords",
        "pmid": "pmid",
        "doi": "doi",
        "pmcid": "pmcid",
        "external url": "url",
    },
    signature=["lens id", "title"],
    author_separator=";",
)

EMBASE_CSV = ColumnMapping(
    "embase-csv",
    "Embase CSV",
    {
        "embase accession id": "id",
        "title": "title",
        "author names": "authors",
        "editors": "editors",
        # "Journal (2014) 3:3 (152-160). Date of Publication: 2014", read by the importer
        "source": "embase_source",
        "source title": "container_title",
        "publication year": "year",
        "date of publication": "date",
        "volume": "volume",
        "issue": "issue",
        "first page": "start_page",
        "last page": "end_page",
        "issn": "issn",
        "doi": "doi",
        "medline pmid": "pmid",
        "abstract": "abstract",
        "author keywords": "keywords",
        "language of article": "language",
    },
    signature=["title", "author names", "emtree medical index terms"],
    author_separator=",",
)

SPRINGER_CSV = ColumnMapping(
    "springer-csv",
    "SpringerLink CSV",
    {
        "item title": "title",
        "publication title": "container_title",
        "journal volume": "volume",
        "journal issue": "issue",
        "item doi": "doi",
        "publication year": "year",
        "url": "url",
        "content type": "type",
        # "Authors" is left in extra: SpringerLink runs the names together ("Andy SmithTom
        # Weber") with nothing to split them at
    },
    signature=["item title", "publication title", "item doi", "content type"],
)

IEEE_CSV = ColumnMapping(
    "ieee-csv",
    "IEEE CSV",
    {
        "title": "title",
        # given name first, names separated by commas: "Joseph Rottman, Erran Carmel"
        "authors": "authors",
        "abstract": "abstract",
        "publication": "container_title",
        "category": "type",
        "doi": "doi",
    },
    signature=["title", "authors", "affiliations", "publication", "category", "doi"],
    author_separator=",",
)

#: IEEE Xplore's "Export > CSV" of search results: quoted and bare headers mixed
#: (``"Document Title",Authors,"Author Affiliations","Publication Title",...``), authors as
#: ``J. Smith; K. Jones``, keywords joined by ``;``. Affiliations, citation counts, PDF links and
#: the rest are kept in ``extra`` under their column names.
IEEE_XPLORE_CSV = ColumnMapping(
    "ieee-xplore-csv",
    "IEEE Xplore CSV",
    {
        "document title": "title",
        "authors": "authors",
        "publication title": "container_title",
        "publication year": "year",
        "volume": "volume",
        "issue": "issue",
        "start page": "start_page",
        "end page": "end_page",
        "abstract": "abstract",
        "issn": "issn",
        "isbns": "isbn",
        "doi": "doi",
        "author keywords": "keywords",
        "publisher": "publisher",
        "pdf link": "url",
    },
    signature=["document title", "authors", "publication title", "publication year"],
    author_separator=";",
)

#: bib-dedupe and CoLRev write their records as CSV with BibTeX's field names: ``ID``,
#: ``ENTRYTYPE`` (a BibTeX entry type), ``author`` joined by " and ", ``journal`` or
#: ``booktitle``, ``number`` for the issue. The labelled de-duplication benchmark sets are in
#: this layout (``benchmarks/dedup_labelled.py`` reads them through ``read_records``).
COLREV_CSV = ColumnMapping(
    "colrev-csv",
    "CoLRev / bib-dedupe CSV",
    {
        "id": "id",
        "entrytype": "type",
        "author": "authors",
        "editor": "editors",
        "title": "title",
        "year": "year",
        "journal": "container_title",
        "booktitle": "container_title",
        "series": "container_title_short",
        "volume": "volume",
        "number": "issue",
        "issue": "issue",
        "pages": "pages",
        "doi": "doi",
        "pmid": "pmid",
        "pubmedid": "pmid",
        "pmcid": "pmcid",
        "abstract": "abstract",
        "isbn": "isbn",
        "issn": "issn",
        "url": "url",
        "publisher": "publisher",
        "address": "publisher_place",
        "edition": "edition",
        "keywords": "keywords",
        "language": "language",
        "note": "note",
    },
    signature=["id", "entrytype", "title"],
    author_separator=" and ",
    entry_types=True,
)

GENERIC = ColumnMapping(
    "generic",
    "Generic spreadsheet",
    {
        "id": "id",
        "record_id": "id",
        "record id": "id",
        "key": "id",
        "type": "type",
        "title": "title",
        "author": "authors",
        "authors": "authors",
        "author(s)": "authors",
        "editor": "editors",
        "editors": "editors",
        "year": "year",
        "date": "date",
        "journal": "container_title",
        "source": "container_title",
        "container title": "container_title",
        # the Records sheet of realistsynth's own workbook
        "journal / container": "container_title",
        "volume": "volume",
        "issue": "issue",
        "number": "issue",
        "pages": "pages",
        "doi": "doi",
        "pmid": "pmid",
        "pmcid": "pmcid",
        "abstract": "abstract",
        "isbn": "isbn",
        "issn": "issn",
        "url": "url",
        "publisher": "publisher",
        "keywords": "keywords",
        "language": "language",
        "note": "note",
        "notes": "note",
    },
)

#: the built-in mappings, most specific first; ``generic`` last
BUILTIN_MAPPINGS: tuple[ColumnMapping, ...] = (
    RAYYAN,
    COVIDENCE,
    SCOPUS,
    WOS_TAB,
    PUBMED_CSV,
    ZOTERO_CSV,
    LENS,
    EMBASE_CSV,
    SPRINGER_CSV,
    IEEE_CSV,
    IEEE_XPLORE_CSV,
    COLREV_CSV,
    GENERIC,
)


def detect_mapping(headers: Iterable[str]) -> ColumnMapping | None:
    """The mapping that applies to a header row, or ``None``.

    A specific mapping applies when all its signature columns are present (the one knowing
    most columns wins); otherwise the generic mapping applies if it finds a title column and
    at least one other column it knows.

    >>> detect_mapping(["Title", "Authors", "Covidence #", "Published Year"]).name
    'covidence'
    >>> detect_mapping(["Title", "Reviewer"]) is None
    True
    """
    normalised = {normalise_header(h) for h in headers}
    best: tuple[int, ColumnMapping] | None = None
    for mapping in BUILTIN_MAPPINGS:
        if mapping.signature and mapping.signature <= normalised:
            score = mapping.matched(normalised)
            if best is None or score > best[0]:
                best = (score, mapping)
    if best is not None:
        return best[1]
    if "title" in normalised and GENERIC.matched(normalised) >= 2:
        return GENERIC
    return None


def user_mapping(
    spec: Mapping[str, object] | str | os.PathLike[str], base: ColumnMapping | None
) -> ColumnMapping:
    """A mapping from a user's ``{column: field}`` (or a TOML file of them) laid over ``base``.

    The TOML file holds either a ``[columns]`` table or top-level ``"Column" = "field"`` pairs,
    and may set ``author_separator``. Fields are those of :data:`FIELDS` (``journal`` and
    ``author`` are accepted as aliases).

    :raises RecordImportError: for an unreadable file or an unknown field.
    """
    if isinstance(spec, str | os.PathLike):
        import tomllib  # only for mapping files; every plugin manager imports this module

        path = Path(spec)
        try:
            loaded: Mapping[str, object] = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise RecordImportError(
                f"cannot read the column mapping: {exc}", where=str(path)
            ) from None
        spec = loaded
    separator = spec.get("author_separator")
    table = spec.get("columns", spec)
    if not isinstance(table, Mapping):
        raise RecordImportError("the column mapping's [columns] must be a table", where="mapping")
    columns = dict(base.columns) if base is not None else {}
    for column, target in table.items():
        if column == "author_separator":
            continue
        if not isinstance(target, str):
            raise RecordImportError(
                f"column {column!r} must map to a field name, not {target!r}", where="mapping"
            )
        target = _ALIASES.get(target.strip().lower(), target.strip().lower())
        if target not in FIELDS:
            raise RecordImportError(
                f"column {column!r} maps to unknown field {target!r}; "
                f"fields are: {', '.join(sorted(FIELDS))}",
                where="mapping",
            )
        columns[normalise_header(str(column))] = target
    return ColumnMapping(
        "user" if base is None else f"{base.name}+user",
        "User mapping" if base is None else f"{base.title} with user mapping",
        columns,
        author_separator=separator
        if isinstance(separator, str)
        else (base.author_separator if base is not None else None),
    )
