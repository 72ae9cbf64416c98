"""One call that tells a review team everything about a query before they run it.

:func:`check_query` reads the neutral text (a syntax error becomes an ``error`` finding with
its position), runs the lint, and renders the query for every dialect given, turning each
dialect's losses into findings: what each platform cannot express, side by side.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from realistsynth.errors import QuerySyntaxError
from realistsynth.query.ast import Query
from realistsynth.query.dialect import QueryDialect, Rendering
from realistsynth.query.lint import QueryFinding, Severity, lint_query
from realistsynth.query.neutral import format_query, read_query

__all__ = ["QueryCheck", "check_query"]


@frozen
class QueryCheck:
    """The outcome of :func:`check_query`."""

    text: str
    query: Query | None
    findings: tuple[QueryFinding, ...]
    renderings: tuple[Rendering, ...] = ()
    caret: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the query parsed (warnings allowed)."""
        return self.query is not None

    def as_dict(self) -> dict[str, object]:
        """Plain data (for ``--json``)."""
        return {
            "query": self.text,
            "valid": self.ok,
            "reading": format_query(self.query) if self.query is not None else None,
            "findings": [f.as_dict() for f in self.findings],
            "renderings": {r.dialect: r.as_dict() for r in self.renderings},
        }


def check_query(text: str, dialects: Iterable[QueryDialect] = ()) -> QueryCheck:
    """Parse, lint and render ``text`` for ``dialects``; never raises for a bad query."""
    try:
        parsed = read_query(text)
        query = parsed.build()
    except QuerySyntaxError as exc:
        finding = QueryFinding("syntax", Severity.ERROR, exc.message, exc.position)
        return QueryCheck(text, None, (finding,), caret=exc.caret())
    findings = lint_query(parsed)
    renderings = tuple(d.render(query) for d in dialects)
    for rendering in renderings:
        for loss in rendering.losses:
            findings.append(
                QueryFinding(
                    f"loss:{rendering.dialect}",
                    Severity.WARNING,
                    f"{rendering.dialect}: {loss.fragment}: {loss.message}",
                )
            )
    return QueryCheck(text, query, tuple(findings), renderings)
