"""Deterministic bibliographic corpora for import/export benchmarks.

Two RIS corpora: the **varied** one (``corpus_ris.py``: records laid out as sixteen real
exporters write them, mixed in the proportions of the real samples; what ``bench_import.py``
reads by default, because real exports are shaped so) and the **uniform** one below, every
record alike: the MEDLINE corpus is written from the same records, and ``bench_import.py
--uniform`` reads the uniform RIS file beside the varied one, to compare with earlier figures.

:func:`records` yields :class:`realistsynth.Record` objects (format-neutral: every writer
takes them), shaped like a health-services search export: 1-12 authors, a journal, volume,
issue, page range, DOI, PMID, ISSN, 3-8 keywords, an abstract of about 1,200 characters with
some accented names, and the export notes databases add. The same seed always gives the same
corpus, so figures from two runs (or two formats) compare like with like.

Writers: :func:`write_ris` (our RIS writer, plus the ``N1``/``DB``/``UR`` lines exporters add)
and :func:`write_medline` (PubMed's MEDLINE layout, with 6-space continuation lines). A BibTeX
writer can be added beside them taking the same records.

Run ``python benchmarks/corpus.py OUT_DIR [N]`` to write ``varied.ris`` (the varied RIS
corpus), ``corpus.ris`` (uniform) and ``corpus.nbib``.
"""

from __future__ import annotations

import random
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _words import FAMILIES, GIVEN_NAMES, KEYWORDS
from corpus_ris import write_varied

from realistsynth.formats.ris_writer import record_to_ris
from realistsynth.model import Name, PartialDate, Record

__all__ = ["records", "write_medline", "write_ris", "write_varied"]

SEED = 20261125


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


_FAMILIES = list(FAMILIES)
_GIVEN = list(GIVEN_NAMES)
_JOURNALS = (
    ("Journal of Integrated Care", "J Integr Care", "1476-9018"),
    ("BMC Health Services Research", "BMC Health Serv Res", "1472-6963"),
    ("Implementation Science", "Implement Sci", "1748-5908"),
    ("BMJ Open", "BMJ Open", "2044-6055"),
    ("Social Science & Medicine", "Soc Sci Med", "0277-9536"),
    ("Health Policy", "Health Policy", "0168-8510"),
    ("Journal of Health Organization and Management", "J Health Organ Manag", "1477-7266"),
    ("International Journal of Integrated Care", "Int J Integr Care", "1568-4156"),
)
_WORDS = _words(
    "the of and in to a leadership system integrated care collaboration partners trust "
    "context mechanism outcome programme theory realist review evidence health services "
    "primary secondary commissioning local authority workforce relationships shared vision "
    "accountability governance learning improvement qualitative interviews participants "
    "reported that when were which this study findings suggest across organisations staff "
    "patients communities resources reasoning response barriers facilitators implementation "
    "policy decision making distributed compassionate inclusive culture power networks"
)
_KEYWORDS = list(KEYWORDS)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(12, 24))
    return " ".join(words).capitalize() + "."


def _abstract(rng: random.Random) -> str:
    parts: list[str] = []
    length = 0
    target = rng.randint(1000, 1400)
    labels = ("Purpose", "Design/methodology/approach", "Findings", "Originality/value")
    for number, label in enumerate(labels, 1):
        parts.append(f"{label}: ")
        length += len(label) + 2
        while length < target * number / len(labels):
            sentence = _sentence(rng)
            parts.append(sentence + " ")
            length += len(sentence) + 1
    return "".join(parts).strip()


def records(n: int = 100_000, seed: int = SEED) -> Iterator[Record]:
    """``n`` realistic journal-article records, the same for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        journal, short, issn = rng.choice(_JOURNALS)
        first = rng.randint(1, 2400)
        authors = [
            Name(rng.choice(_FAMILIES), f"{rng.choice(_GIVEN)} {chr(65 + rng.randint(0, 25))}.")
            for _ in range(rng.choice((1, 2, 3, 3, 4, 4, 5, 6, 8, 12)))
        ]
        title_words = rng.choices(_WORDS, k=rng.randint(8, 18))
        year = rng.randint(1995, 2025)
        yield Record(
            f"c{i + 1}",
            title=" ".join(title_words).capitalize(),
            authors=authors,
            issued=PartialDate(year, rng.randint(1, 12)),
            container_title=journal,
            container_title_short=short,
            volume=str(rng.randint(1, 60)),
            issue=str(rng.randint(1, 12)),
            pages=f"{first}-{first + rng.randint(3, 25)}",
            doi=f"10.{rng.randint(1000, 9999)}/{short.lower().replace(' ', '')}.{year}.{i:06d}",
            pmid=str(20_000_000 + i * 7),
            issn=(issn,),
            abstract=_abstract(rng),
            keywords=rng.sample(_KEYWORDS, rng.randint(3, 8)),
            language="eng",
        )


def write_ris(path: Path, items: Iterator[Record]) -> None:
    """Write ``items`` as RIS, with the export notes a database adds."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in items:
            extra = {
                "N1": ("Export Date: 25 November 2026", "Source: Scopus"),
                "DB": ("Scopus",),
                "UR": (f"https://www.scopus.com/inward/record.uri?eid={record.id}",),
            }
            out.write(record_to_ris(Record(record.id, **_fields(record), extra=extra)))


def _fields(record: Record) -> dict[str, Any]:
    return {
        name: getattr(record, name)
        for name in _words(
            "type title authors editors issued container_title container_title_short volume "
            "issue pages doi issn abstract keywords language"
        )
    }


def _medline_line(tag: str, value: str) -> str:
    lines = textwrap.wrap(value, 82, break_long_words=False, break_on_hyphens=False) or [""]
    head = f"{tag:<4}- {lines[0]}"
    return "\n".join([head, *(f"      {rest}" for rest in lines[1:])])


def write_medline(path: Path, items: Iterator[Record]) -> None:
    """Write ``items`` in PubMed's MEDLINE layout."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in items:
            lines = [f"PMID- {record.pmid}", "OWN - NLM", "STAT- MEDLINE"]
            if record.issn:
                lines.append(f"IS  - {record.issn[0]} (Electronic)")
            lines += [f"VI  - {record.volume}", f"IP  - {record.issue}"]
            assert record.issued is not None
            lines.append(f"DP  - {record.issued.year} {_month(record.issued.month)}")
            lines.append(_medline_line("TI", record.title or ""))
            lines.append(f"PG  - {record.pages}")
            lines.append(f"LID - {record.doi} [doi]")
            lines.append(_medline_line("AB", record.abstract or ""))
            for author in record.authors:
                initials = "".join(p[0] for p in (author.given or "").split())
                lines.append(f"FAU - {author.family}, {author.given}")
                lines.append(f"AU  - {author.family} {initials}")
                lines.append("AD  - Health Services Management Centre, University of Birmingham.")
            lines += ["LA  - eng", "PT  - Journal Article", "PT  - Review"]
            lines.append(f"TA  - {record.container_title_short}")
            lines.append(f"JT  - {record.container_title}")
            lines += [f"OT  - {k}" for k in record.keywords]
            lines.append(f"AID - {record.doi} [doi]")
            lines.append(f"SO  - {record.container_title_short}. {record.issued.year}")
            out.write("\n".join(lines) + "\n\n")


def _month(month: int | None) -> str:
    names = _words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
    return names[(month or 1) - 1]


def main(argv: list[str]) -> None:
    """Write ``varied.ris``, ``corpus.ris`` and ``corpus.nbib`` into the folder ``argv[0]``."""
    out = Path(argv[0] if argv else ".")
    n = int(argv[1]) if len(argv) > 1 else 100_000
    out.mkdir(parents=True, exist_ok=True)
    write_varied(out / "varied.ris", n)
    write_ris(out / "corpus.ris", records(n))
    write_medline(out / "corpus.nbib", records(n))


if __name__ == "__main__":
    main(sys.argv[1:])
