"""OpenAlex Work objects and Crossref work messages, written in the services' documented
formats (docs.openalex.org "Work object", "Paging"; api.crossref.org "works/{doi}"), for the
importer tests and the citation-chasing tests' local server.

A small citation graph: two seeds, ``W100`` (DOI 10.1000/seed-a) and ``W200`` (PMID 2000),
with references and citing works; ``W103`` is a work the test review already holds (by DOI);
``W201`` has no DOI; ``W102`` is cited by both seeds and ``W302`` cites both.
"""

from __future__ import annotations

from typing import Any

OPENALEX = "https://openalex.org/"


def _inverted(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def work(
    number: int,
    title: str,
    *,
    doi: str | None = None,
    pmid: str | None = None,
    year: int = 2020,
    authors: tuple[str, ...] = ("Lucy Knight",),
    journal: str = "Journal of Health Organization and Management",
    references: tuple[int, ...] = (),
    abstract: str | None = None,
    kind: str = "article",
) -> dict[str, Any]:
    """One Work object as ``GET /works/W{number}`` returns it (the fields we read, and a
    few we leave alone)."""
    ids: dict[str, Any] = {"openalex": f"{OPENALEX}W{number}"}
    if doi:
        ids["doi"] = f"https://doi.org/{doi}"
    if pmid:
        ids["pmid"] = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}"
    return {
        "id": f"{OPENALEX}W{number}",
        "doi": f"https://doi.org/{doi}" if doi else None,
        "title": title,
        "display_name": title,
        "publication_year": year,
        "publication_date": f"{year}-03-01",
        "ids": ids,
        "language": "en",
        "primary_location": {
            "is_oa": False,
            "landing_page_url": f"https://doi.org/{doi}" if doi else None,
            "pdf_url": None,
            "source": {
                "id": "https://openalex.org/S4210",
                "display_name": journal,
                "issn_l": "1477-7266",
                "issn": ["1477-7266", "1758-7247"],
                "host_organization_name": "Emerald Publishing",
                "type": "journal",
            },
        },
        "type": kind,
        "type_crossref": "journal-article",
        "authorships": [
            {
                "author_position": "first" if i == 0 else "middle",
                "author": {
                    "id": f"https://openalex.org/A{number}{i}",
                    "display_name": name,
                    "orcid": None,
                },
                "institutions": [],
                "raw_author_name": name,
            }
            for i, name in enumerate(authors)
        ],
        "biblio": {"volume": "38", "issue": "2", "first_page": "101", "last_page": "117"},
        "is_retracted": False,
        "cited_by_count": 3,
        "concepts": [{"id": "https://openalex.org/C71924100", "display_name": "Medicine"}],
        "referenced_works": [f"{OPENALEX}W{n}" for n in references],
        "related_works": [],
        "abstract_inverted_index": _inverted(abstract) if abstract else None,
        "counts_by_year": [{"year": 2023, "cited_by_count": 3}],
    }


SEED_A = work(
    100,
    "Integrated care system leadership: a rapid realist review",
    doi="10.1000/seed-a",
    authors=("Lucy Knight", "Rui Neiva Ganga", "David Tucker"),
    references=(101, 102, 103),
    abstract="Leaders of integrated care systems work across organisations",
    year=2024,
)
SEED_B = work(
    200,
    "Boundary spanning in health systems",
    pmid="2000",
    authors=("Ana van der Berg",),
    references=(102, 201),
    year=2021,
)
W101 = work(101, "Collaborative leadership in health and care", doi="10.1000/w101", year=2019)
W102 = work(102, "Systems leadership: a realist synthesis", doi="10.1000/w102", year=2018)
W103 = work(103, "Leading across boundaries", doi="10.1000/already-here", year=2017)
W201 = work(201, "A report without a DOI", authors=("Chris Jones",), kind="report", year=2016)
W301 = work(301, "Who leads the system?", doi="10.1000/w301", year=2024, references=(100,))
W302 = work(
    302, "Leadership in ICSs revisited", doi="10.1000/w302", year=2025, references=(100, 200)
)
W303 = work(303, "Spanning boundaries, again", doi="10.1000/w303", year=2022, references=(200,))

WORKS: dict[str, dict[str, Any]] = {
    w["id"].rsplit("/", 1)[1]: w for w in (SEED_A, SEED_B, W101, W102, W103, W201, W301, W302, W303)
}
#: who cites each seed (the ``cites:`` filter's answer), in the order OpenAlex would page them
CITED_BY: dict[str, list[str]] = {"W100": ["W301", "W302"], "W200": ["W302", "W303"]}


def page(results: list[dict[str, Any]], *, next_cursor: str | None, count: int) -> dict[str, Any]:
    """A ``/works`` list page with cursor paging (docs.openalex.org, "Paging")."""
    return {
        "meta": {
            "count": count,
            "db_response_time_ms": 12,
            "page": None,
            "per_page": len(results),
            "next_cursor": next_cursor,
            "groups_count": None,
        },
        "results": results,
        "group_by": [],
    }


def crossref_work(doi: str, references: list[dict[str, Any]]) -> dict[str, Any]:
    """A ``GET /works/{doi}`` answer of the Crossref REST API, with ``message.reference``."""
    return {
        "status": "ok",
        "message-type": "work",
        "message-version": "1.0.0",
        "message": {
            "DOI": doi,
            "type": "journal-article",
            "title": ["Integrated care system leadership: a rapid realist review"],
            "reference-count": len(references),
            "references-count": len(references),
            "reference": references,
        },
    }
