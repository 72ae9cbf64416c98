"""Polite JSON requests to scholarly web services: the one place realistsynth talks HTTP.

OpenAlex and Crossref both ask the same of their users: say who you are (a descriptive
``User-Agent`` with a contact address, and the ``mailto`` parameter that puts requests into
their "polite pool"), batch what can be batched, and back off when told to. So every request
goes through :class:`PoliteClient`, which:

* sends ``User-Agent: realistsynth/<version> (+<project url>; mailto:<address>)`` and adds
  ``mailto`` (and OpenAlex's ``api_key`` when given) to every query;
* retries an answer of 429 or 5xx, and a connection that failed, up to ``retries`` times,
  waiting what the ``Retry-After`` header says (seconds or an HTTP date) and otherwise an
  exponential back-off (``backoff`` × 2ⁿ), never longer than ``max_wait`` seconds in one go,
  so a misbehaving server cannot hang a review for an hour;
* raises :class:`~realistsynth.errors.ServiceError`, naming the URL, when the service cannot
  be reached, refuses, or answers with something that is not a JSON object.

The client is httpx (maintained, typed, with a transport that tests can point at a local
server). pyalex and habanero were considered: pyalex sets its base URL and e-mail in module
globals (``pyalex.config``), which a library embedded in someone else's process must not touch,
and neither returns the request URL each answer came from, which the provenance records.

The URL recorded for provenance (:attr:`JsonAnswer.url`) leaves out ``api_key``: a key is a
secret and does not belong in a project file that is shared and versioned.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import httpx

from realistsynth.errors import ServiceError

__all__ = ["JsonAnswer", "PoliteClient", "public_url"]

#: Query parameters that never go into a recorded URL.
SECRET_PARAMETERS = frozenset({"api_key"})


def public_url(url: httpx.URL) -> str:
    """``url`` without its secret parameters (``api_key``), as provenance records it."""
    kept: list[tuple[str, str | int | float | bool | None]] = [
        (k, v) for k, v in url.params.multi_items() if k not in SECRET_PARAMETERS
    ]
    return str(url.copy_with(params=httpx.QueryParams(kept)))


@attrs.frozen
class JsonAnswer:
    """A decoded JSON object and where and when it came from.

    :ivar url: the request URL without secrets (see :func:`public_url`).
    :ivar retrieved_at: when the answer arrived (UTC).
    """

    data: dict[str, Any]
    url: str
    retrieved_at: dt.datetime
    status: int


def _retry_after(value: str | None, now: dt.datetime) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


class PoliteClient:
    """JSON GET requests with identification, retries and bounded back-off (see the module
    docstring).

    :param base_url: the service's API root (``https://api.openalex.org``), or a mirror's, or
        a test server's.
    :param mailto: a contact address for the service's polite pool.
    :param api_key: an OpenAlex API key (sent, never recorded).
    :param retries: how many times a 429, a 5xx or a failed connection is retried.
    :param backoff: the first wait when the service gives no ``Retry-After``, in seconds.
    :param max_wait: the longest single wait, in seconds, whatever ``Retry-After`` asks.
    :param timeout: seconds before a request is given up (and retried).
    :param sleep: how to wait (tests pass a recorder instead of :func:`time.sleep`).
    :param transport: an httpx transport (tests and mirrors); the default is the network.
    """

    def __init__(
        self,
        base_url: str,
        *,
        mailto: str | None = None,
        api_key: str | None = None,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        from realistsynth import __version__

        contact = f"; mailto:{mailto}" if mailto else ""
        self.base_url = base_url.rstrip("/")
        self.mailto = mailto
        self.api_key = api_key
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.waits: list[float] = []
        self.requests = 0
        self._client = httpx.Client(
            base_url=self.base_url,
            headers={
                "User-Agent": f"realistsynth/{__version__} "
                f"(+https://realistsynth.readthedocs.io{contact})",
                "Accept": "application/json",
            },
            timeout=timeout,
            transport=transport,
            follow_redirects=True,  # OpenAlex redirects merged works to the surviving id
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait(self, attempt: int, response: httpx.Response | None) -> None:
        now = dt.datetime.now(dt.UTC)
        asked = _retry_after(response.headers.get("Retry-After"), now) if response else None
        wait = asked if asked is not None else self.backoff * (2**attempt)
        wait = min(max(wait, 0.0), self.max_wait)
        self.waits.append(wait)
        self.sleep(wait)

    def get_json(self, path: str, params: Mapping[str, str] | None = None) -> JsonAnswer:
        """GET ``path`` (relative to the base URL) and return its JSON object.

        :raises ServiceError: unreachable after the retries, an HTTP error (404 included:
            the caller decides whether "not found" is an error), or a body that is not a
            JSON object.
        """
        query = dict(params or {})
        if self.mailto:
            query["mailto"] = self.mailto
        if self.api_key:
            query["api_key"] = self.api_key
        request = self._client.build_request("GET", path, params=query)
        shown = public_url(request.url)
        response: httpx.Response | None = None
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                response = self._client.send(request)
            except httpx.TransportError as exc:
                if attempt == self.retries:
                    raise ServiceError(
                        f"the service cannot be reached ({type(exc).__name__}: {exc}); "
                        "check the address (--api-url) and your connection",
                        where=shown,
                    ) from None
                self._wait(attempt, None)
                continue
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == self.retries:
                    break
                self._wait(attempt, response)
                continue
            break
        assert response is not None
        if response.status_code == 429:
            raise ServiceError(
                f"the service still refuses after {self.retries} retries (429 Too Many "
                "Requests): wait, give --mailto (and for OpenAlex an API key), or ask less",
                where=shown,
                status=429,
            )
        if response.status_code >= 400:
            raise ServiceError(
                f"the service answered {response.status_code} {response.reason_phrase}"
                + (f" after {self.retries} retries" if response.status_code >= 500 else "")
                + _detail(response),
                where=shown,
                status=response.status_code,
            )
        try:
            data = response.json()
        except ValueError:
            raise ServiceError(
                "the service's answer is not JSON (a proxy or an error page?)",
                where=shown,
                status=response.status_code,
            ) from None
        if not isinstance(data, dict):
            raise ServiceError(
                f"the service's answer is a JSON {type(data).__name__}, not an object",
                where=shown,
                status=response.status_code,
            )
        return JsonAnswer(data, shown, dt.datetime.now(dt.UTC), response.status_code)


def _detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    if isinstance(data, dict):
        text = data.get("message") or data.get("error")
        if isinstance(text, str) and text.strip():
            return f": {text.strip()[:200]}"
    return ""
