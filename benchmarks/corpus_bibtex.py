"""A deterministic BibTeX corpus for benchmarks: realistic entries with LaTeX in every field.

Each entry looks like a Zotero/Scopus export of a health-services article: four to eight
authors (a third with LaTeX accents such as ``M{\\"u}ller`` or ``Koz{\\l}owska``), a title, a
journal, volume/number/pages with ``--``, a DOI, keywords, and an abstract of about 1,200
characters that carries accents, ``\\%``, ``--`` and ``{\\&}``. The same ``seed`` always gives
the same bytes, so figures measured on different days compare.

    python benchmarks/corpus_bibtex.py 100000 > /tmp/corpus.bib
"""

from __future__ import annotations

import random
import sys

__all__ = ["bibtex_corpus", "bibtex_entry"]

_FAMILIES = [
    "Smith",
    "Jones",
    "Patel",
    "Knight",
    "Tucker",
    "Okafor",
    "Chen",
    "Garc{\\'\\i}a",
    'M{\\"u}ller',
    "Koz{\\l}owska",
    "{\\O}deg{\\aa}rd",
    "Stra{\\ss}e",
    "{\\v{C}}api{\\'c}",
    "Nu{\\~n}ez",
    "Fran{\\c{c}}ois",
    "O'Brien",
    "van der Berg",
    "Lef{\\`e}vre",
]
_GIVEN = ["Anna", "Ben", "Chi", "Dafydd", "{\\'E}milie", 'J{\\"o}rg', "Lisa", "Rafaela", "S."]
_JOURNALS = [
    "Journal of Integrated Care",
    "BMC Health Services Research",
    "BMJ Open",
    "Health Policy",
    "International Journal of Integrated Care",
    "Implementation Science",
]
_WORDS = [
    "leadership",
    "integrated",
    "care",
    "system",
    "realist",
    "review",
    "mechanism",
    "context",
    "outcome",
    "trust",
    "collaboration",
    "governance",
    "primary",
    "secondary",
    "community",
    "services",
    "partnership",
    "evaluation",
    "qualitative",
    "interviews",
    "stakeholders",
    "workforce",
    "commissioning",
    "accountability",
    "learning",
]
_LATEX_BITS = [
    'Schr{\\"o}dinger',
    'na{\\"\\i}ve',
    "r{\\'e}sum{\\'e}",
    "50\\% of patients",
    "2015--2019",
    "health {\\&} social care",
    "$\\beta$-blockers",
    "Krak{\\'o}w",
    "{\\L}{\\'o}d{\\'z}",
    "pr{\\'e}cis",
    'co{\\"o}peration',
    "--- in short ---",
    "{\\em system}",
    "\\textit{ad hoc}",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
    words[0] = words[0].capitalize()
    words.insert(rng.randrange(1, len(words)), rng.choice(_LATEX_BITS))
    return " ".join(words) + "."


def _abstract(rng: random.Random, length: int = 1200) -> str:
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < length:
        parts.append(_sentence(rng))
    return " ".join(parts)


def bibtex_entry(rng: random.Random, index: int) -> str:
    """One entry; ``index`` makes its key unique."""
    authors = " and ".join(
        f"{rng.choice(_FAMILIES)}, {rng.choice(_GIVEN)}" for _ in range(rng.randint(4, 8))
    )
    year = rng.randint(2000, 2023)
    first = rng.randint(1, 900)
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 12))).capitalize()
    keywords = ", ".join(rng.sample(_WORDS, 4))
    return (
        f"@article{{rec{index:06d},\n"
        f"  author = {{{authors}}},\n"
        f"  title = {{{{{title}: a {rng.choice(_LATEX_BITS)} study}}}},\n"
        f"  journal = {{{rng.choice(_JOURNALS)}}},\n"
        f"  year = {{{year}}},\n"
        f"  month = {rng.choice(['jan', 'mar', 'jun', 'sep', 'dec'])},\n"
        f"  volume = {{{rng.randint(1, 60)}}},\n"
        f"  number = {{{rng.randint(1, 12)}}},\n"
        f"  pages = {{{first}--{first + rng.randint(5, 20)}}},\n"
        f"  doi = {{10.{rng.randint(1000, 9999)}/rs.{index:06d}}},\n"
        f"  keywords = {{{keywords}}},\n"
        f"  abstract = {{{_abstract(rng)}}},\n"
        "}\n\n"
    )


def bibtex_corpus(count: int, seed: int = 20261125) -> str:
    """``count`` entries as one BibTeX text."""
    rng = random.Random(seed)
    return "".join(bibtex_entry(rng, i) for i in range(count))


if __name__ == "__main__":
    sys.stdout.write(bibtex_corpus(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
