"""Boolean search queries: a neutral syntax, its typed AST, lint, and per-platform dialects."""

from realistsynth.query.dialect import QueryDialect

__all__ = ["QueryDialect"]
