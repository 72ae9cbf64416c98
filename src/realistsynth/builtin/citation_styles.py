"""Built-in citation styles: six CSL files from the official CSL styles repository, shipped
in ``builtin/csl/`` (CC BY-SA 3.0; each file keeps its ``<rights>`` element, and ``NOTICE``
there lists them). Any other ``.csl`` file can be used by its path.

================================  ======================================================
name                              style
================================  ======================================================
``apa``                           APA 7th edition
``harvard-cite-them-right``       Cite Them Right 12th edition (Harvard)
``emerald-harvard``               Emerald Harvard (the worked example's journal)
``vancouver``                     NLM/Vancouver, citation-sequence (nlm-citation-sequence)
``chicago-author-date``           Chicago Manual of Style 18th edition, author-date
``ama``                           AMA Manual of Style 11th edition
================================  ======================================================
"""

from __future__ import annotations

from pathlib import Path

from realistsynth.hookspecs import hookimpl
from realistsynth.protocols import CitationStyle

__all__ = ["BUILTIN_STYLE_FILES", "realistsynth_register_citation_styles"]

#: short name -> (title, file name in ``builtin/csl``)
BUILTIN_STYLE_FILES: dict[str, tuple[str, str]] = {
    "apa": ("APA Style 7th edition", "apa.csl"),
    "harvard-cite-them-right": (
        "Cite Them Right 12th edition (Harvard)",
        "harvard-cite-them-right.csl",
    ),
    "emerald-harvard": ("Emerald (author-date/Harvard)", "emerald-harvard.csl"),
    "vancouver": (
        "NLM/Vancouver: Citing Medicine 2nd edition (citation-sequence)",
        "nlm-citation-sequence.csl",
    ),
    "chicago-author-date": (
        "Chicago Manual of Style 18th edition (author-date)",
        "chicago-author-date.csl",
    ),
    "ama": ("AMA Manual of Style 11th edition", "american-medical-association.csl"),
}


@hookimpl
def realistsynth_register_citation_styles() -> list[CitationStyle]:
    """The bundled CSL styles."""
    folder = Path(__file__).parent / "csl"
    return [
        CitationStyle(name=name, title=title, path=folder / file)
        for name, (title, file) in BUILTIN_STYLE_FILES.items()
    ]
