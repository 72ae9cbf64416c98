"""The built-in OpenAlex importer: Work objects as the OpenAlex API returns them.

Reads one Work object, a JSON array of them, or a page of results (``{"meta": ...,
"results": [...]}``), which is what the API (``/works/W...``, ``/works?filter=...``) and the
JSON view of its web interface give. The same mapping
(:mod:`realistsynth.formats.openalex_work`) turns the works a citation chase fetches into
records, so a work imported from a file and one found by chasing are described alike and
de-duplicate against each other.

The mapping follows the documented Work object (docs.openalex.org, "Work object"):

* ``display_name`` (or ``title``) → title; ``publication_date`` / ``publication_year`` →
  issued; ``type`` (and ``type_crossref``) → a CSL type; ``language``;
* ``ids.doi`` / ``doi``, ``ids.pmid``, ``ids.pmcid`` → doi, pmid, pmcid (URL prefixes
  removed); the work's own id (``W2741809807``) becomes the provenance's
  ``source_record_id`` and ``extra["openalex"]``;
* ``authorships[].author.display_name`` → authors (OpenAlex gives "Given Family" only; names
  with lower-case particles such as "van der" keep them in the family name's ``particle``),
  ``raw_author_name`` when no display name is given;
* ``primary_location.source`` → container title, ISSN (``issn`` or ``issn_l``), publisher
  (``host_organization_name``); ``primary_location.landing_page_url`` → url;
* ``biblio`` → volume, issue, pages (``first_page``-``last_page``);
* ``abstract_inverted_index`` → the abstract, rebuilt word by word from the positions;
* ``keywords[].display_name`` → keywords.

Kept in ``extra``: ``openalex`` (the work id), the OpenAlex ``type`` and ``type_crossref``,
``referenced_works`` (work ids, so a later backward chase needs no second request),
``cited_by_count``, ``is_retracted``, ``mag`` and the ORCID of each author (``orcid``, in
author order, empty where unknown). Not kept: the many derived and bulky fields (concepts,
topics, counts by year, every location, grants, APC, ngrams, related works); with the option
``keep_all`` (``keep_all=true``) every other top-level key is kept as JSON text.
"""

from __future__ import annotations

import json

from realistsynth.errors import ParseError, RecordImportError
from realistsynth.formats.import_support import ImportLog, ProgressMeter
from realistsynth.formats.openalex_work import openalex_id, work_fields, works_of
from realistsynth.hookspecs import hookimpl
from realistsynth.importing import decode
from realistsynth.plugins.options import flag
from realistsynth.protocols import ImportContext, ImportResult

__all__ = ["OpenAlexImporter", "realistsynth_register_importers"]


class OpenAlexImporter:
    """Reads OpenAlex Work JSON: one work, a list of works, or a page of results."""

    name = "openalex"
    title = "OpenAlex works (JSON)"

    def sniff(self, head: bytes) -> int:
        """Sure when the data is JSON that names OpenAlex work ids or its own keys."""
        text = head.lstrip()
        if text[:1] not in (b"[", b"{"):
            return 0
        if b"openalex.org/W" in head or b'"abstract_inverted_index"' in head:
            return 95
        keys = (b'"authorships"', b'"primary_location"', b'"referenced_works"', b'"biblio"')
        return 90 if sum(1 for k in keys if k in head) >= 2 else 0

    def read(self, data: bytes, context: ImportContext) -> ImportResult:
        """Every work of ``data`` as a record; an item that is not an object is skipped."""
        decoded = decode(data, file_name=context.file_name)
        log = ImportLog(context, self.name, decoded.encoding, line_word="work")
        log.warnings.extend(decoded.warnings)
        try:
            keep_all = flag(context.options, "keep_all", default=False)
        except ValueError as exc:
            raise RecordImportError(str(exc), where=context.file_name) from None
        try:
            document = json.loads(decoded.text)
        except json.JSONDecodeError as exc:
            raise ParseError(
                f"not valid JSON: {exc.msg}", file=context.file_name, line=exc.lineno
            ) from None
        except (RecursionError, ValueError) as exc:  # too deep, or an integer too long
            raise ParseError(f"not readable JSON: {exc}", file=context.file_name) from None
        works = works_of(document)
        if works is None:
            raise ParseError(
                "not OpenAlex works: expected a Work object, a list of them, or a page "
                'with "results"',
                file=context.file_name,
            )
        meter = ProgressMeter(context, len(works))
        for index, work in enumerate(works):
            meter.advance_to(index + 1)
            if not isinstance(work, dict):
                log.skip(index, None, f"work {index + 1} is {type(work).__name__}, not an object")
                continue
            try:
                fields = work_fields(work, keep_all=keep_all)
            except RecursionError:
                log.skip(index, None, f"work {index + 1} is nested too deeply")
                continue
            log.add(
                fields,
                index=index,
                line=None,
                source_record_id=openalex_id(work.get("id")),
                key_is_id=False,
            )
        return log.result()


@hookimpl
def realistsynth_register_importers() -> list[OpenAlexImporter]:
    """The OpenAlex importer."""
    return [OpenAlexImporter()]
