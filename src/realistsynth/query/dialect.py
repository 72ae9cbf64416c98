"""The contract of a query dialect: render the neutral AST for one platform, parse it back."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

__all__ = ["QueryDialect"]


@runtime_checkable
class QueryDialect(Protocol):
    """Renders queries for one search platform (``pubmed``, ``ovid`` ...)."""

    @property
    def name(self) -> str:
        """The name."""
        ...

    @property
    def title(self) -> str:
        """The title."""
        ...

    def render(self, query: Any) -> Any:
        """The query in this platform's syntax, with what it could not express."""
        ...
