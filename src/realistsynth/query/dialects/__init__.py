"""The built-in query dialects, one module per platform (registered by
:mod:`realistsynth.builtin.query_dialects`)."""

from realistsynth.query.dialects.cochrane import CochraneDialect
from realistsynth.query.dialects.ebsco import EbscoDialect
from realistsynth.query.dialects.generic import GenericDialect
from realistsynth.query.dialects.ovid import OvidDialect
from realistsynth.query.dialects.proquest import ProQuestDialect
from realistsynth.query.dialects.pubmed import PubMedDialect
from realistsynth.query.dialects.scopus import ScopusDialect
from realistsynth.query.dialects.wos import WebOfScienceDialect

__all__ = [
    "BUILTIN_DIALECTS",
    "CochraneDialect",
    "EbscoDialect",
    "GenericDialect",
    "OvidDialect",
    "ProQuestDialect",
    "PubMedDialect",
    "ScopusDialect",
    "WebOfScienceDialect",
]

#: One instance of every built-in dialect, in the order ``query translate`` lists them.
BUILTIN_DIALECTS = (
    GenericDialect(),
    PubMedDialect(),
    OvidDialect(),
    EbscoDialect(),
    ProQuestDialect(),
    ScopusDialect(),
    WebOfScienceDialect(),
    CochraneDialect(),
)
