"""A local stand-in for the OpenAlex and Crossref APIs (pytest-httpserver on 127.0.0.1),
answering in their documented formats from the citation graph of ``openalex_fixtures``.

OpenAlex: ``GET /works?filter=openalex:W1|W2`` (also ``doi:`` and ``pmid:``) and
``filter=cites:W1|W2`` with cursor paging (one work per page, so paging is exercised).
Crossref: ``GET /works/{doi}`` with ``message.reference``. Faults are queued per path.
"""

from __future__ import annotations

import json
import re
from collections import deque
from typing import Any

import openalex_fixtures as fx
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


def _doi(work: dict[str, Any]) -> str | None:
    doi = work["ids"].get("doi")
    return doi.removeprefix("https://doi.org/").lower() if doi else None


def _pmid(work: dict[str, Any]) -> str | None:
    pmid = work["ids"].get("pmid")
    return pmid.rsplit("/", 1)[1] if pmid else None


class FakeServices:
    """The handler: answers, records every request, and plays queued faults first."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.requests: list[Request] = []
        self.faults: deque[Response] = deque()
        self.crossref: dict[str, list[dict[str, Any]]] = {}
        server.expect_request("/works").respond_with_handler(self.openalex)
        server.expect_request(re.compile(r"^/works/10\..+")).respond_with_handler(
            self.crossref_work
        )

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def _fault(self) -> Response | None:
        return self.faults.popleft() if self.faults else None

    def openalex(self, request: Request) -> Response:
        self.requests.append(request)
        fault = self._fault()
        if fault is not None:
            return fault
        kind, _, values = request.args["filter"].partition(":")
        wanted = values.split("|")
        works = list(fx.WORKS.values())
        if kind == "openalex":
            found = [fx.WORKS[w] for w in wanted if w in fx.WORKS]
            return _json(fx.page(found, next_cursor=None, count=len(found)))
        if kind == "doi":
            found = [w for w in works if _doi(w) in {v.lower() for v in wanted}]
            return _json(fx.page(found, next_cursor=None, count=len(found)))
        if kind == "pmid":
            found = [w for w in works if _pmid(w) in wanted]
            return _json(fx.page(found, next_cursor=None, count=len(found)))
        if kind == "cites":
            citing = sorted({c for w in wanted for c in fx.CITED_BY.get(w, [])})
            cursor = request.args["cursor"]
            at = 0 if cursor == "*" else int(cursor.removeprefix("page-"))
            chunk = [fx.WORKS[w] for w in citing[at : at + 1]]
            nxt = f"page-{at + 1}" if at + 1 <= len(citing) and chunk else None
            return _json(fx.page(chunk, next_cursor=nxt, count=len(citing)))
        return Response(json.dumps({"error": "Invalid filter"}), status=400)

    def crossref_work(self, request: Request) -> Response:
        self.requests.append(request)
        fault = self._fault()
        if fault is not None:
            return fault
        doi = request.path.removeprefix("/works/").lower()
        if doi not in self.crossref:
            return Response("Resource not found.", status=404)
        return _json(fx.crossref_work(doi, self.crossref[doi]))


def _json(data: object) -> Response:
    return Response(json.dumps(data), status=200, content_type="application/json")
