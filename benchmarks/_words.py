"""The words that the reference and workbook benchmarks build generated titles from.

Shared so that ``bench_refs.py`` and ``bench_xlsx.py`` format and write the same kind of
text; it is imported by those scripts when run from this folder (``python benchmarks/...``).
"""

from __future__ import annotations

WORDS = (
    "integrated",
    "care",
    "leadership",
    "system",
    "partnership",
    "trust",
    "governance",
    "population",
    "health",
    "networks",
    "primary",
    "evaluation",
    "realist",
    "review",
    "qualitative",
    "study",
    "England",
)
