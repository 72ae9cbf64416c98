"""Built-in query dialects: generic (neutral), PubMed, Ovid, EBSCOhost, ProQuest, Scopus,
Web of Science and the Cochrane Library (implemented in :mod:`realistsynth.query.dialects`)."""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.query.dialect import QueryDialect

__all__ = ["realistsynth_register_query_dialects"]


@hookimpl
def realistsynth_register_query_dialects() -> list[QueryDialect]:
    """One instance of every built-in dialect."""
    from realistsynth.query.dialects import BUILTIN_DIALECTS

    return list(BUILTIN_DIALECTS)
