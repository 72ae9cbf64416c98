"""Formatted references: records mapped to CSL-JSON and rendered by citeproc-py in any CSL
style, with citeproc-py's gaps closed (year suffixes, HTML escaping, hyphenated given names,
doubled DOI prefixes, page ranges, numeric labels, punctuation inside quotes).

>>> from realistsynth.model import Name, PartialDate, Record
>>> from realistsynth.references import format_references
>>> records = [
...     Record("aunger2021a", title="Second study", authors=[Name("Aunger", "J.A.")],
...            issued=PartialDate(2021), container_title="BMJ Leader"),
...     Record("aunger2021b", title="First study", authors=[Name("Aunger", "J.A.")],
...            issued=PartialDate(2021), container_title="BMJ Leader"),
... ]
>>> bib = format_references(records, "apa")
>>> print(" ".join(r.citation for r in bib.references))
(Aunger, 2021a) (Aunger, 2021b)
>>> print(bib.render(), end="")
Aunger, J. A. (2021a). First study. BMJ Leader.
Aunger, J. A. (2021b). Second study. BMJ Leader.
"""

from typing import TYPE_CHECKING

# Home module of each public name, imported on first use (see realistsynth._lazy): the
# CSL-JSON importer and exporter only need name_to_csl, not the formatter's modules.
_HOMES: dict[str, tuple[str, ...]] = {
    "realistsynth.references.bibliography": (
        "Bibliography",
        "Reference",
        "ReferenceFormatter",
        "format_references",
        "year_suffix",
    ),
    "realistsynth.references.cache": ("ReferenceCache",),
    "realistsynth.references.csl_json": (
        "bare_doi",
        "name_to_csl",
        "record_to_csl",
    ),
    "realistsynth.references.markup": ("OutputFormat",),
    "realistsynth.references.styles": (
        "LoadedStyle",
        "load_style",
        "resolve_style",
    ),
}

# --- generated from _HOMES by `python -m realistsynth._lazygen`: do not edit by hand ---
if TYPE_CHECKING:
    from realistsynth.references.bibliography import (
        Bibliography,
        Reference,
        ReferenceFormatter,
        format_references,
        year_suffix,
    )
    from realistsynth.references.cache import ReferenceCache
    from realistsynth.references.csl_json import bare_doi, name_to_csl, record_to_csl
    from realistsynth.references.markup import OutputFormat
    from realistsynth.references.styles import LoadedStyle, load_style, resolve_style

if not TYPE_CHECKING:
    from realistsynth import _lazy

    __getattr__, __dir__ = _lazy.lazy_exports(globals(), _HOMES)

__all__ = [
    "Bibliography",
    "LoadedStyle",
    "OutputFormat",
    "Reference",
    "ReferenceCache",
    "ReferenceFormatter",
    "bare_doi",
    "format_references",
    "load_style",
    "name_to_csl",
    "record_to_csl",
    "resolve_style",
    "year_suffix",
]
# --- end of the generated block ---
