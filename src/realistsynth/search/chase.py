"""Citation chasing through open web services: backward (a seed's references) and forward
(the works that cite it), with the provenance RAMESES item 8 asks for.

:func:`chase_citations` resolves each seed record by its OpenAlex id, DOI or PMID, asks the
service, and turns what it finds into records. It works in two phases so that nothing is
half-written: first every request is made and every answer checked (a service that cannot be
reached, refuses after its retries, answers with something malformed, or does not know a seed
raises :class:`~realistsynth.errors.ServiceError` and the review is untouched); then the review
is changed in one go: a citation-searching source (made if missing), one search run with its
round, purpose, seeds and direction, the new records, and a new provenance entry on each
record the review already held.

De-duplication against the review is by OpenAlex id, DOI, PMID, and otherwise by title and
year (a title of 20 characters or more, compared without case, spaces or punctuation). A work
found again is *linked* (its record gains a provenance entry naming the seed, the direction and
the run), never added twice; a finding already recorded (same seed, same direction, same work)
counts as known, so a re-run of the same chase changes nothing and adds no run.

Services:

* **OpenAlex** (``openalex``): seeds are looked up in OR-filters of up to 50 ids
  (``filter=doi:a|b``); backward takes each seed's ``referenced_works`` and fetches them in
  batches of 50 (``filter=openalex:W1|W2``); forward pages through ``filter=cites:W1|W2`` with
  ``cursor`` until ``meta.next_cursor`` is empty, and attributes each citing work to the seeds
  in its ``referenced_works``.
* **Crossref** (``crossref``): backward only, from ``message.reference`` of ``/works/{doi}``
  (the open REST API has no "cited by"; Crossref's cited-by service is for members). A
  reference becomes a record from what the deposit gives (DOI, article title, first author,
  year, journal, volume, first page, the unstructured text).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from attrs import frozen

from realistsynth.errors import InvalidValueError, ServiceError, UnknownReferenceError
from realistsynth.formats.normalise import normalise_doi, normalise_pages
from realistsynth.formats.openalex_work import openalex_id, work_fields
from realistsynth.model.common import PartialDate
from realistsynth.model.records import Name, Provenance, Record
from realistsynth.model.review import Review
from realistsynth.model.search import (
    ChaseDirection,
    SearchPurpose,
    SearchRun,
    Source,
    SourceKind,
)
from realistsynth.search.http import JsonAnswer, PoliteClient

__all__ = [
    "DEFAULT_API_URLS",
    "OR_BATCH",
    "ChaseResult",
    "ChaseService",
    "SeedCount",
    "chase_citations",
]

#: How many ids one OR-filter holds (OpenAlex accepts up to 50 values per filter here).
OR_BATCH = 50
#: Results per page when paging through citing works.
PER_PAGE = 100
#: Titles shorter than this are not trusted to identify a work on their own.
MIN_TITLE_KEY = 20

ProgressCallback = Callable[[int, int | None], None]


class ChaseService(enum.Enum):
    """The open services citation chasing can use."""

    OPENALEX = "openalex"
    CROSSREF = "crossref"

    @property
    def label(self) -> str:
        """The service's name as people write it."""
        return {"openalex": "OpenAlex", "crossref": "Crossref"}[self.value]


#: Where each service's API lives (``--api-url`` points elsewhere).
DEFAULT_API_URLS: dict[ChaseService, str] = {
    ChaseService.OPENALEX: "https://api.openalex.org",
    ChaseService.CROSSREF: "https://api.crossref.org",
}


@frozen
class SeedCount:
    """What one seed gave in one direction: findings, new records, works already held."""

    seed_id: str
    direction: ChaseDirection
    found: int
    new: int
    existing: int


@frozen
class ChaseResult:
    """What a chase found and what it changed.

    :ivar run: the search run added, or ``None`` when nothing was new (nothing changed).
    :ivar added: ids of the new records.
    :ivar linked: ids of records the review already held that gained a finding.
    :ivar known: findings the review had already recorded (a re-run finds only these).
    :ivar found: findings in all (a work found from two seeds counts twice).
    :ivar query_urls: every request made, without secrets, in order.
    """

    service: ChaseService
    source_id: str
    run: SearchRun | None
    added: tuple[str, ...]
    linked: tuple[str, ...]
    known: int
    found: int
    per_seed: tuple[SeedCount, ...]
    warnings: tuple[str, ...]
    query_urls: tuple[str, ...]

    @property
    def nothing_new(self) -> bool:
        """Whether the chase changed nothing in the review."""
        return self.run is None


@frozen
class _Finding:
    seed_id: str
    direction: ChaseDirection
    fields: dict[str, Any] = attrs.field(hash=False)
    service_id: str | None
    query_url: str
    retrieved_at: dt.datetime


_NON_ALNUM = re.compile(r"[\W_]+")


def _title_key(title: str | None, year: int | None) -> str | None:
    if not title:
        return None
    key = _NON_ALNUM.sub("", title.casefold())
    return f"{key}|{year}" if len(key) >= MIN_TITLE_KEY else None


def _record_openalex_id(record: Record) -> str | None:
    for value in record.extra.get("openalex", ()):
        found = openalex_id(value)
        if found:
            return found
    for prov in record.provenance:
        if prov.format == "openalex":
            found = openalex_id(prov.source_record_id)
            if found:
                return found
    return None


def _keys(
    *, openalex: str | None, doi: str | None, pmid: str | None, title: str | None, year: int | None
) -> list[str]:
    keys = []
    if openalex:
        keys.append(f"openalex:{openalex}")
    if doi:
        keys.append(f"doi:{doi.lower()}")
    if pmid:
        keys.append(f"pmid:{pmid}")
    title_key = _title_key(title, year)
    if title_key:
        keys.append(f"title:{title_key}")
    return keys


def _record_keys(record: Record) -> list[str]:
    return _keys(
        openalex=_record_openalex_id(record),
        doi=record.doi,
        pmid=record.pmid,
        title=record.title,
        year=record.year,
    )


def _fields_keys(fields: dict[str, Any], service_id: str | None) -> list[str]:
    issued = fields.get("issued")
    return _keys(
        openalex=openalex_id(service_id),
        doi=fields.get("doi"),
        pmid=fields.get("pmid"),
        title=fields.get("title"),
        year=issued.year if isinstance(issued, PartialDate) else None,
    )


def _chunks(items: Sequence[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class _Steps:
    """Counts requests for the progress callback (the total grows as pages turn up)."""

    def __init__(self, progress: ProgressCallback | None, total: int) -> None:
        self.progress = progress
        self.done = 0
        self.total = total

    def grow(self, more: int) -> None:
        self.total += more

    def step(self) -> None:
        self.done += 1
        self.total = max(self.total, self.done)
        if self.progress is not None:
            self.progress(self.done, self.total)


# ---------------------------------------------------------------------- OpenAlex


def _list_page(answer: JsonAnswer) -> tuple[list[dict[str, Any]], str | None]:
    results = answer.data.get("results")
    meta = answer.data.get("meta")
    if not isinstance(results, list) or not isinstance(meta, dict):
        raise ServiceError(
            'not an OpenAlex list page: "results" and "meta" are missing', where=answer.url
        )
    works = [w for w in results if isinstance(w, dict) and openalex_id(w.get("id"))]
    if len(works) != len(results):
        raise ServiceError(
            "an OpenAlex list page holds results that are not Work objects with an id",
            where=answer.url,
        )
    cursor = meta.get("next_cursor")
    return works, cursor if isinstance(cursor, str) and cursor else None


# Complexity (radon 44): the numbered steps of one chase against OpenAlex (resolve the seeds
# in batches, fetch their neighbours, map what came back) share the batches, the step counter
# and the warnings; each step is a short block, read in order.
def _openalex_findings(
    client: PoliteClient,
    seeds: list[Record],
    direction: ChaseDirection,
    steps: _Steps,
    warnings: list[str],
) -> list[_Finding]:
    # 1. resolve seeds, batched by kind of identifier
    wanted: dict[str, dict[str, list[str]]] = {"openalex": {}, "doi": {}, "pmid": {}}
    for seed in seeds:
        oa = _record_openalex_id(seed)
        if oa:
            wanted["openalex"].setdefault(oa, []).append(seed.id)
        elif seed.doi:
            wanted["doi"].setdefault(seed.doi.lower(), []).append(seed.id)
        elif seed.pmid:
            wanted["pmid"].setdefault(seed.pmid, []).append(seed.id)
        else:
            raise InvalidValueError(
                f"seed {seed.id!r} has no OpenAlex id, DOI or PMID to look it up by",
                where=f"records/{seed.id}",
            )
    batches = [
        (kind, chunk) for kind, ids in wanted.items() for chunk in _chunks(list(ids), OR_BATCH)
    ]
    steps.grow(len(batches))
    seed_work: dict[str, dict[str, Any]] = {}
    for kind, chunk in batches:
        answer = client.get_json(
            "/works", {"filter": f"{kind}:{'|'.join(chunk)}", "per_page": str(OR_BATCH)}
        )
        steps.step()
        works, _ = _list_page(answer)
        for work in works:
            fields = work_fields(work)
            value = {
                "openalex": openalex_id(work.get("id")),
                "doi": (fields.get("doi") or "").lower() or None,
                "pmid": fields.get("pmid"),
            }[kind]
            for seed_id in wanted[kind].get(value or "", []):
                seed_work[seed_id] = work
    for seed in seeds:
        if seed.id not in seed_work:
            how = _record_openalex_id(seed) or (
                f"DOI {seed.doi}" if seed.doi else f"PMID {seed.pmid}"
            )
            raise ServiceError(
                f"seed {seed.id!r} ({how}) is not known to OpenAlex; check its identifier, "
                "or chase it through another service",
                where=f"records/{seed.id}",
            )
    findings: list[_Finding] = []
    # 2. backward: the seeds' referenced works, fetched in batches
    if direction.covers(ChaseDirection.BACKWARD):
        cited_by: dict[str, list[str]] = {}
        for seed in seeds:
            refs = seed_work[seed.id].get("referenced_works")
            for ref in refs if isinstance(refs, list) else []:
                ref_id = openalex_id(ref)
                if ref_id and seed.id not in cited_by.setdefault(ref_id, []):
                    cited_by[ref_id].append(seed.id)
        chunks = list(_chunks(list(cited_by), OR_BATCH))
        steps.grow(len(chunks))
        for chunk in chunks:
            answer = client.get_json(
                "/works", {"filter": f"openalex:{'|'.join(chunk)}", "per_page": str(OR_BATCH)}
            )
            steps.step()
            works, _ = _list_page(answer)
            got = {openalex_id(w.get("id")): w for w in works}
            for ref_id in chunk:
                referenced = got.get(ref_id)
                if referenced is None:
                    warnings.append(
                        f"{ref_id}, cited by {', '.join(cited_by[ref_id])}, is not in OpenAlex "
                        "any more (merged or withdrawn)"
                    )
                    continue
                for seed_id in cited_by[ref_id]:
                    findings.append(
                        _Finding(
                            seed_id,
                            ChaseDirection.BACKWARD,
                            work_fields(referenced),
                            ref_id,
                            answer.url,
                            answer.retrieved_at,
                        )
                    )
    # 3. forward: works citing the seeds, cursor paging to the end
    if direction.covers(ChaseDirection.FORWARD):
        by_work: dict[str, list[str]] = {}
        for seed in seeds:
            wid = openalex_id(seed_work[seed.id].get("id"))
            assert wid is not None  # _list_page kept only works with an id
            by_work.setdefault(wid, []).append(seed.id)
        for chunk in _chunks(list(by_work), OR_BATCH):
            cursor: str | None = "*"
            steps.grow(1)
            while cursor is not None:
                answer = client.get_json(
                    "/works",
                    {
                        "filter": f"cites:{'|'.join(chunk)}",
                        "per_page": str(PER_PAGE),
                        "cursor": cursor,
                    },
                )
                steps.step()
                works, cursor = _list_page(answer)
                if not works:
                    break
                steps.grow(1 if cursor else 0)
                for work in works:
                    refs = work.get("referenced_works")
                    cites = {openalex_id(r) for r in refs} if isinstance(refs, list) else set()
                    targets = [w for w in chunk if w in cites]
                    if not targets:
                        if len(chunk) > 1:
                            warnings.append(
                                f"{openalex_id(work.get('id'))} cites one of {', '.join(chunk)} "
                                "but does not list which; linked to each"
                            )
                        targets = chunk
                    for target in targets:
                        for seed_id in by_work[target]:
                            findings.append(
                                _Finding(
                                    seed_id,
                                    ChaseDirection.FORWARD,
                                    work_fields(work),
                                    openalex_id(work.get("id")),
                                    answer.url,
                                    answer.retrieved_at,
                                )
                            )
    return findings


# ---------------------------------------------------------------------- Crossref


def _text(value: object) -> str | None:
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _crossref_reference(ref: dict[str, Any]) -> dict[str, Any] | None:
    doi = normalise_doi(_text(ref.get("DOI")))
    title = _text(ref.get("article-title")) or _text(ref.get("volume-title"))
    unstructured = _text(ref.get("unstructured"))
    if doi is None and title is None and unstructured is None:
        return None
    fields: dict[str, Any] = {"doi": doi, "title": title}
    author = _text(ref.get("author"))
    if author:
        fields["authors"] = [Name(family=author)]
    year = _text(ref.get("year"))
    if year and year[:4].isdigit():
        fields["issued"] = PartialDate(int(year[:4]))
    fields["container_title"] = _text(ref.get("journal-title")) or _text(ref.get("series-title"))
    fields["volume"] = _text(ref.get("volume"))
    fields["pages"] = normalise_pages(_text(ref.get("first-page")))
    if _text(ref.get("ISSN")):
        fields["issn"] = [_text(ref.get("ISSN"))]
    if ref.get("volume-title") and not ref.get("article-title"):
        fields["type"] = "book"
    extra: dict[str, list[str]] = {}
    if unstructured:
        extra["unstructured"] = [unstructured]
    key = _text(ref.get("key"))
    if key:
        extra["crossref-reference-key"] = [key]
    fields["extra"] = extra
    return fields


def _crossref_findings(
    client: PoliteClient, seeds: list[Record], steps: _Steps, warnings: list[str]
) -> list[_Finding]:
    for seed in seeds:
        if not seed.doi:
            raise InvalidValueError(
                f"seed {seed.id!r} has no DOI: Crossref finds works by DOI only",
                where=f"records/{seed.id}",
            )
    steps.grow(len(seeds))
    findings = []
    for seed in seeds:
        assert seed.doi is not None
        try:
            answer = client.get_json(f"/works/{seed.doi}")
        except ServiceError as exc:
            if exc.status == 404:
                raise ServiceError(
                    f"seed {seed.id!r} (DOI {seed.doi}) is not known to Crossref",
                    where=exc.where,
                    status=404,
                ) from None
            raise
        steps.step()
        message = answer.data.get("message")
        if not isinstance(message, dict):
            raise ServiceError('not a Crossref work: "message" is missing', where=answer.url)
        references = message.get("reference", [])
        if not isinstance(references, list):
            raise ServiceError('"message.reference" is not a list', where=answer.url)
        if not references:
            warnings.append(
                f"Crossref has no reference list for seed {seed.id!r} (DOI {seed.doi}): the "
                "publisher deposited none, or keeps it closed"
            )
        for index, ref in enumerate(references):
            fields = _crossref_reference(ref) if isinstance(ref, dict) else None
            if fields is None:
                warnings.append(f"reference {index + 1} of {seed.id!r} is empty; skipped")
                continue
            findings.append(
                _Finding(
                    seed.id,
                    ChaseDirection.BACKWARD,
                    fields,
                    fields.get("doi") or _text(ref.get("key")),
                    answer.url,
                    answer.retrieved_at,
                )
            )
    return findings


# ---------------------------------------------------------------------- the chase


def _source_for(review: Review, service: ChaseService, source_id: str | None, url: str) -> Source:
    if source_id is not None:
        source = review.sources.get(source_id)
        if source is None:
            raise UnknownReferenceError(f"unknown source {source_id!r}", where="sources")
        if not source.kind.is_citation_search:
            raise InvalidValueError(
                f"source {source_id!r} is a {source.kind.value} source, not citation searching",
                where=f"sources/{source_id}",
            )
        return source
    existing = review.sources.get(f"citations-{service.value}")
    if existing is not None:
        return existing
    return Source(
        f"citations-{service.value}",
        f"Citation searching ({service.label})",
        SourceKind.CITATION_CHASING,
        platform=service.label,
        url=url,
    )


def _next_run_id(review: Review, service: ChaseService) -> str:
    n = 1
    while f"chase-{service.value}-{n}" in review.search_runs:
        n += 1
    return f"chase-{service.value}-{n}"


def _default_round(review: Review) -> int:
    return max([2] + [r.round for r in review.search_runs.values()])


def chase_citations(
    review: Review,
    seeds: Sequence[str],
    *,
    direction: ChaseDirection | str = ChaseDirection.BOTH,
    service: ChaseService | str = ChaseService.OPENALEX,
    round: int | None = None,
    purpose: SearchPurpose | None = None,
    mailto: str | None = None,
    api_key: str | None = None,
    api_url: str | None = None,
    source_id: str | None = None,
    run_id: str | None = None,
    client: PoliteClient | None = None,
    progress: ProgressCallback | None = None,
    today: dt.date | None = None,
) -> ChaseResult:
    """Chase the citations of ``seeds`` (record ids) and add what is new to ``review``.

    :param direction: ``backward`` (references), ``forward`` (citing works) or ``both``.
    :param service: ``openalex`` (both directions) or ``crossref`` (backward only).
    :param round: the search round; by default the review's latest round, and at least 2
        (the main search is round 1).
    :param purpose: why the chase is run and which CMOCs, themes or theories it serves.
    :param mailto: a contact address for the service's polite pool (strongly advised).
    :param api_key: an OpenAlex API key (sent with each request, never stored).
    :param api_url: the service's API root, for a mirror or a test server.
    :param source_id: the citation-searching source to record the run under; by default
        ``citations-<service>``, added if the review lacks it.
    :param run_id: the new run's id (default ``chase-<service>-<n>``).
    :param client: a ready :class:`~realistsynth.search.http.PoliteClient` (its base URL,
        mailto and key win over the arguments above).
    :param progress: called with ``(requests done, requests expected so far)``.
    :param today: the run's date (default: today, UTC).
    :raises UnknownReferenceError: a seed is not a record of the review.
    :raises InvalidValueError: Crossref asked to go forward; a seed has no identifier the
        service can look up.
    :raises ServiceError: the service is unreachable, refuses, answers malformed data, or
        does not know a seed; the review is then unchanged.
    """
    service = ChaseService(service)
    direction = ChaseDirection(direction)
    if not seeds:
        raise InvalidValueError("give at least one seed record", where="seeds")
    if service is ChaseService.CROSSREF and direction is not ChaseDirection.BACKWARD:
        raise InvalidValueError(
            "Crossref's open API has no 'cited by' (its cited-by service is for members "
            "only), so it can chase backward only; use --service openalex to go forward",
            where="direction",
        )
    seed_records = []
    for seed_id in dict.fromkeys(seeds):
        record = review.records.get(seed_id)
        if record is None:
            raise UnknownReferenceError(f"unknown seed record {seed_id!r}", where="seeds")
        seed_records.append(record)
    url = api_url or DEFAULT_API_URLS[service]
    source = _source_for(review, service, source_id, url)
    own_client = client is None
    http = client or PoliteClient(url, mailto=mailto, api_key=api_key)
    steps = _Steps(progress, 0)
    warnings: list[str] = []
    try:
        if service is ChaseService.OPENALEX:
            findings = _openalex_findings(http, seed_records, direction, steps, warnings)
        else:
            findings = _crossref_findings(http, seed_records, steps, warnings)
    finally:
        if own_client:
            http.close()
    return _apply(
        review,
        findings,
        service=service,
        direction=direction,
        source=source,
        seeds=[r.id for r in seed_records],
        round=round if round is not None else _default_round(review),
        purpose=purpose,
        run_id=run_id or _next_run_id(review, service),
        today=today or dt.datetime.now(dt.UTC).date(),
        warnings=warnings,
    )


def _apply(
    review: Review,
    findings: list[_Finding],
    *,
    service: ChaseService,
    direction: ChaseDirection,
    source: Source,
    seeds: list[str],
    round: int,
    purpose: SearchPurpose | None,
    run_id: str,
    today: dt.date,
    warnings: list[str],
) -> ChaseResult:
    """Match findings to the review's records and to each other; change the review."""
    index: dict[str, str] = {}
    for record in review.records.values():
        for key in _record_keys(record):
            index.setdefault(key, record.id)
    # (record id, seed, direction) already recorded, over whole duplicate clusters
    recorded: set[tuple[str, str, ChaseDirection]] = set()
    for record in review.records.values():
        for prov in record.provenance:
            if prov.seed_id is not None and prov.direction is not None:
                recorded.add((review.cluster_id_of(record.id), prov.seed_id, prov.direction))
    new_works: list[tuple[dict[str, Any], list[_Finding]]] = []
    new_index: dict[str, int] = {}
    links: dict[str, list[_Finding]] = {}
    known = 0
    counts: dict[tuple[str, ChaseDirection], list[int]] = {}
    for finding in findings:
        tally = counts.setdefault((finding.seed_id, finding.direction), [0, 0, 0])
        tally[0] += 1
        keys = _fields_keys(finding.fields, finding.service_id)
        held = next((index[k] for k in keys if k in index), None)
        if held is not None:
            tally[2] += 1
            mark = (review.cluster_id_of(held), finding.seed_id, finding.direction)
            if mark in recorded:
                known += 1
                continue
            recorded.add(mark)
            links.setdefault(held, []).append(finding)
            continue
        slot = next((new_index[k] for k in keys if k in new_index), None)
        if slot is None:
            tally[1] += 1
            slot = len(new_works)
            new_works.append((finding.fields, [finding]))
        else:
            seen = new_works[slot][1]
            if any(f.seed_id == finding.seed_id and f.direction == finding.direction for f in seen):
                continue
            seen.append(finding)
        for key in keys:
            new_index.setdefault(key, slot)
    per_seed = tuple(
        SeedCount(seed, way, *tally)
        for (seed, way), tally in sorted(
            counts.items(), key=lambda kv: (seeds.index(kv[0][0]), kv[0][1].value)
        )
    )
    urls = tuple(dict.fromkeys(f.query_url for f in findings))
    if not new_works and not links:
        return ChaseResult(
            service, source.id, None, (), (), known, len(findings), per_seed, tuple(warnings), urls
        )
    fmt = service.value

    def provenance(f: _Finding) -> Provenance:
        return Provenance(
            format=fmt,
            source_id=source.id,
            search_run_id=run_id,
            source_record_id=f.service_id,
            seed_id=f.seed_id,
            direction=f.direction,
            query_url=f.query_url,
            retrieved_at=f.retrieved_at,
        )

    from realistsynth.importing import make_key
    from realistsynth.model.labels import letter_suffix

    taken = set(review.records)
    records = []
    for fields, found in new_works:
        draft = Record(id="chase-draft", provenance=[provenance(f) for f in found], **fields)
        base = make_key(draft)
        key, n = base, 0
        while key in taken:
            key = base + letter_suffix(n)
            n += 1
        taken.add(key)
        records.append(attrs.evolve(draft, id=key))
    run = SearchRun(
        run_id,
        source.id,
        date=today,
        platform=service.label,
        query=_describe(service, direction, seeds, review),
        hits=len(findings),
        round=round,
        purpose=purpose,
        seeds=seeds,
        direction=direction,
        service=service.value,
        note=f"{len(records)} new, {len(links)} already held, {known} known from earlier runs",
    )
    if source.id not in review.sources:
        review.add_source(source)
    review.add_search_run(run)
    review.add_records(records)
    for rid, found in links.items():
        held_record = review.records[rid]
        review.replace_record(
            attrs.evolve(
                held_record,
                provenance=held_record.provenance + tuple(provenance(f) for f in found),
            )
        )
    return ChaseResult(
        service,
        source.id,
        run,
        tuple(r.id for r in records),
        tuple(links),
        known,
        len(findings),
        per_seed,
        tuple(warnings),
        urls,
    )


def _describe(
    service: ChaseService, direction: ChaseDirection, seeds: list[str], review: Review
) -> str:
    names = ", ".join(seeds)
    ways = {
        ChaseDirection.BACKWARD: "references of",
        ChaseDirection.FORWARD: "works citing",
        ChaseDirection.BOTH: "references of and works citing",
    }[direction]
    return f"{service.label}: {ways} {len(seeds)} seed record(s): {names}"
