"""A varied synthetic RIS corpus: records laid out as fourteen real exporters write them.

The uniform corpus of ``corpus.py`` gives every record the same tags in the same order, about
2 kB each, one line per field. Real exports are not like that (measured by ``ris_shape.py`` on
the real samples the tests fetch, see ``docs/benchmarks.md``): Scopus puts hundreds
of cited references into one ``N1`` as untagged continuation lines, Ovid writes each cited
reference as its own ``M1``, EndNote and Rayyan put a record's keywords on untagged lines under
one ``KW``, Web of Science ends with a three-line ``N1``, The Lens writes CRLF with a
byte-order mark and breaks structured abstracts over lines with blank lines between the parts,
JSTOR repeats a ``Provider:`` header before every record, Ovid numbers records (``1.``) and
writes ``NL``/``Link to the Ovid Full Text`` lines after each ``ER``; records run from 300
bytes (a Rayyan record without abstract) to 55 kB (a review with 470 references).

Each of the sixteen :class:`Profile` objects (fourteen exporters: Scopus and ProQuest have two
layouts each among the samples) copies one real sample file's layout: its tags and their
order, how often each field is present and repeated, how values are written (names, dates,
identifiers, URLs), its continuation lines, line endings, blank lines and headers, and the
lengths of its values (abstracts, references, keywords, addresses) as measured. Where the
sample is anonymised (the colrev samples: JSTOR, APA PsycNET, IEEE Xplore, TRID, ProQuest
dissertations, whose titles and abstracts are placeholders such as 'This is the abstract'),
the layout is the sample's and the content lengths are those of the real records (an abstract
of about 1,450 characters).

:func:`write_varied` writes a corpus of ``n`` records mixed from the profiles: each profile has
as many records as its exporter has real sample files (two each for Scopus, Zotero and ProQuest
counted as their two layouts; 17 in all), in runs of 1 to 2,000 records, as export files are,
concatenated in a seeded random order (as ``cat *.ris`` or a library export gives). A run keeps
its exporter's line endings, so the corpus has LF and CRLF runs. Only the first run's
byte-order mark is written: ``cat`` would leave the others mid-file, which tests a user's
concatenation rather than an exporter. The same seed always gives the same bytes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _words import FAMILIES, GIVEN_NAMES, KEYWORDS

__all__ = ["PROFILES", "VERSION", "Profile", "profile_records", "write_profiles", "write_varied"]

# bump when the generator changes, so that a cached corpus file of an older one is not reused
VERSION = 1
SEED = 20261207

Fields = list[tuple[str, str]]


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


# the uniform corpus's names and keywords (_words.py), then more
_FAMILIES = [
    *FAMILIES,
    *_split(
        "Pinto-Gouveia Abdel-Tawab van-den-Hoven Béron Ødegård Nguyen Takahashi Fernández Silva "
        "Costa Santos Oliveira Rodrigues Ferreira Kim Park Choi Yamamoto Sato Suzuki Hoffmann "
        "Wagner Becker Schulz Koch Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Krüger"
    ),
]
_GIVEN = [
    *GIVEN_NAMES,
    *_split(
        "Ines Francisco Martin Kerstin Min Hannah Eileen Charlotte Janet Donncha Agata Vahid "
        "Malgorzata Hans"
    ),
]
_WORDS = _split(
    "the of and in to a for with on among after from by leadership system integrated care "
    "collaboration partners trust context mechanism outcome programme theory realist review "
    "evidence health services primary secondary commissioning local authority workforce "
    "relationships shared vision accountability governance learning improvement qualitative "
    "interviews participants reported that when were which this study findings suggest across "
    "organisations staff patients communities resources reasoning response barriers "
    "facilitators implementation policy decision making distributed compassionate inclusive "
    "culture power networks randomised controlled trial cohort adults children older people "
    "depression anxiety stress chronic disease inflammatory bowel diabetes cancer mental "
    "hospital community nursing pharmacy medication reconciliation safety quality outcomes "
    "effectiveness cost systematic scoping meta-analysis intervention evaluation mixed-methods "
    "survey cross-sectional longitudinal associations risk factors prevalence incidence "
    "treatment therapy rehabilitation self-management coping resilience social support "
    "disparities equity access rural urban low- middle-income countries England Canada "
    "Australia Netherlands Germany China Brazil Nigeria patient-reported experience "
    "measures validation psychometric properties scale questionnaire protocol pilot "
    "feasibility acceptability digital telehealth remote monitoring wearable devices"
)
_HEADINGS = (
    ("Background", "Objective", "Methods", "Results", "Conclusions"),
    ("Purpose", "Design/methodology/approach", "Findings", "Originality/value"),
    ("Introduction", "Aim", "Method", "Results", "Conclusion"),
)
_KEYWORDS = [
    *KEYWORDS,
    *_split(
        "depression; "
        "anxiety; stress; inflammatory bowel disease; quality of life; coping; self-management; "
        "medication reconciliation; patient safety; telehealth; older adults; adolescents; "
        "mental health; chronic illness; health services research; evaluation; resilience; "
        "social support; mixed methods; systematic review; meta-analysis; cohort study; "
        "randomised controlled trial; cost-effectiveness; nursing; pharmacy; equity",
        "; ",
    ),
]
_INDEX_TERMS = _split(
    "human; humans; article; female; male; adult; middle aged; aged; adolescent; child; "
    "controlled study; major clinical study; priority journal; review; systematic review; "
    "questionnaire; quality of life; depression; anxiety disorder; psychological well-being; "
    "health care delivery; health care quality; hospital care; primary health care; "
    "outcome assessment; risk factor; prevalence; cohort analysis; cross-sectional study; "
    "clinical article; case report; treatment outcome; drug therapy; adverse drug reaction; "
    "computer assisted tomography; immunohistochemistry; inflammation; gastrointestinal disease; "
    "Crohn disease; ulcerative colitis; psychotherapy; social support; stress; coping behavior; "
    "medication compliance; patient education; nurse; pharmacist; leadership; organization",
    "; ",
)
_JOURNALS = (
    ("Journal of Integrated Care", "J. Integr. Care", "1476-9018", "Emerald", "Bingley"),
    (
        "BMC Health Services Research",
        "BMC Health Serv. Res.",
        "1472-6963",
        "BioMed Central",
        "London",
    ),
    ("Implementation Science", "Implement. Sci.", "1748-5908", "BioMed Central", "London"),
    ("BMJ Open", "BMJ Open", "2044-6055", "BMJ Publishing Group", "London"),
    ("Social Science & Medicine", "Soc. Sci. Med.", "0277-9536", "Elsevier Ltd", "Oxford"),
    ("Health Policy", "Health Policy", "0168-8510", "Elsevier Ireland Ltd", "Shannon"),
    ("Psychoneuroendocrinology", "Psychoneuroendocrinology", "0306-4530", "Elsevier Ltd", "Oxford"),
    (
        "Clinical Psychology & Psychotherapy",
        "Clin. Psychol. Psychother.",
        "1063-3995",
        "John Wiley & Sons",
        "Hoboken",
    ),
    (
        "Journal of Traumatic Stress",
        "J. Trauma. Stress",
        "0894-9867",
        "John Wiley & Sons",
        "Hoboken",
    ),
    (
        "International Journal of Integrated Care",
        "Int. J. Integr. Care",
        "1568-4156",
        "Ubiquity Press",
        "London",
    ),
    (
        "Journal of Psychosomatic Research",
        "J. Psychosom. Res.",
        "0022-3999",
        "Elsevier Inc.",
        "New York",
    ),
    (
        "Molecular Imaging and Biology",
        "Mol. Imaging Biol.",
        "1536-1632",
        "Springer New York",
        "New York",
    ),
    ("Przeglad Gastroenterologiczny", "Prz. Gastroenterol.", "1895-5770", "Termedia", "Poznań"),
)
_INSTITUTIONS = (
    "Health Services Management Centre, University of Birmingham, Birmingham, United Kingdom",
    "Department of Psychology, University of Coimbra, Coimbra, Portugal",
    "Institute of Medical Psychology and Behavioral Immunobiology, University Hospital Essen, "
    "University of Duisburg-Essen, Essen, Germany",
    "School of Health Sciences, University of Canterbury, Christchurch, New Zealand",
    "Department of Gastroenterology and Hepatology, University of Utah School of Medicine, "
    "Salt Lake City, UT, United States",
    "Nuffield Department of Primary Care Health Sciences, University of Oxford, Oxford, "
    "United Kingdom",
    "Faculty of Medicine, Nursing and Health Sciences, Monash University, Melbourne, Australia",
    "Department of Epidemiology, Erasmus MC, Rotterdam, Netherlands",
)
_MONTHS = _split(
    "January February March April May June July August September October November December"
)


def _lognormal(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, round(rng.lognormvariate(math.log(median), sigma))))


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _words(rng: random.Random, chars: int) -> str:
    """Words of ``_WORDS`` to about ``chars`` characters, as a capitalised phrase."""
    out: list[str] = []
    length = -1
    while length < chars:
        word = rng.choice(_WORDS)
        out.append(word)
        length += len(word) + 1
    return " ".join(out).capitalize()


def _sentences(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    length = 0
    while length < chars:
        sentence = _words(rng, rng.randint(60, 200)) + "."
        out.append(sentence)
        length += len(sentence) + 1
    return " ".join(out)


@dataclass
class Work:
    """What a record describes, before an exporter lays it out."""

    number: int
    type: str
    title: str
    authors: list[tuple[str, str]]
    year: int
    month: int
    day: int
    journal: tuple[str, str, str, str, str]
    volume: str
    issue: str
    first_page: int
    last_page: int
    doi: str
    abstract_parts: list[tuple[str, str]] = field(default_factory=list)
    first_in_file: bool = False

    @property
    def abstract(self) -> str:
        """The abstract on one line, headings run in."""
        return " ".join(f"{h}: {t}" if h else t for h, t in self.abstract_parts)


def _author_count(rng: random.Random, mean: float) -> int:
    """Authors a record: 1 to 40, skewed like the real samples' (a few long lists)."""
    if _chance(rng, 0.02):
        return rng.randint(15, 33)
    return max(1, min(14, round(rng.expovariate(1 / max(0.5, mean - 1.3)) + 1)))


def _abstract(rng: random.Random, median: float, structured: float) -> list[tuple[str, str]]:
    """An abstract of lognormal length around ``median`` characters (the real samples' spread:
    the 90th percentile about 1.35 times the median); whole sentences overshoot the target by
    about 60 characters, hence the correction."""
    target = _lognormal(rng, median - 60, 0.25, 150, 6000)
    if _chance(rng, structured):
        headings = rng.choice(_HEADINGS)
        return [(h, _sentences(rng, target // len(headings))) for h in headings]
    return [("", _sentences(rng, target))]


def _work(
    rng: random.Random,
    number: int,
    types: Sequence[str],
    mean_authors: float,
    abstract_median: float,
    structured: float,
) -> Work:
    year = rng.randint(1995, 2025)
    first = rng.randint(1, 2400)
    journal = rng.choice(_JOURNALS)
    short = journal[1].lower().replace(" ", "").replace(".", "")
    return Work(
        number=number,
        type=rng.choice(types),
        title=_words(rng, _lognormal(rng, 95, 0.35, 12, 400)),
        authors=[
            (rng.choice(_FAMILIES).replace("-den-", " den "), _given(rng))
            for _ in range(_author_count(rng, mean_authors))
        ],
        year=year,
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        journal=journal,
        volume=str(rng.randint(1, 180)),
        issue=str(rng.randint(1, 12)),
        first_page=first,
        last_page=first + rng.randint(3, 25),
        doi=f"10.{rng.randint(1000, 9999)}/{short}.{year}.{number:07d}",
        abstract_parts=_abstract(rng, abstract_median, structured),
    )


def _given(rng: random.Random) -> str:
    given = rng.choice(_GIVEN)
    if _chance(rng, 0.4):
        given += f" {chr(65 + rng.randint(0, 25))}"
    return given


def _initials(given: str, dots: bool = True, space: bool = False) -> str:
    parts = [p[0] for p in given.split()]
    if dots:
        return (" " if space else "").join(f"{p}." for p in parts)
    return "".join(parts)


def _keywords(rng: random.Random, n: int, vocabulary: Sequence[str] = _KEYWORDS) -> list[str]:
    return rng.sample(vocabulary, min(n, len(vocabulary)))


def _count(rng: random.Random, mean: float, high: int) -> int:
    """A repeat count around ``mean`` (Poisson-like, at least 1)."""
    return max(1, min(high, round(rng.gauss(mean, max(1.0, mean / 3)))))


def _scopus_reference(rng: random.Random) -> str:
    # 'Family, I., Family, I., (2014) Abbrev. Journal, 52, pp. 557-602. , https://doi.org/...',
    # some with the cited title: 142 characters at the median, 70 and 226 at the 10th and 90th
    # percentiles in the 836-record export
    names = ", ".join(
        f"{rng.choice(_FAMILIES)}, {_initials(_given(rng), space=False)}"
        for _ in range(_author_count(rng, 5.0) if _chance(rng, 0.95) else 1)
    )
    journal = rng.choice(_JOURNALS)
    title = f"{_words(rng, rng.randint(30, 110))} " if _chance(rng, 0.5) else ""
    text = f"{names}, {title}({rng.randint(1960, 2024)}) {journal[1]}, {rng.randint(1, 140)}"
    if _chance(rng, 0.6):
        first = rng.randint(1, 3000)
        text += f", pp. {first}-{first + rng.randint(2, 30)}"
    if _chance(rng, 0.25):
        text += f". , https://doi.org/10.{rng.randint(1000, 9999)}/{rng.randint(10**5, 10**7)}"
    return text


def _reference_count(rng: random.Random, median: float, sigma: float) -> int:
    # the 836-record Scopus export: 4 % none, median 14, 90th percentile 35, 99th 133, max 474
    if _chance(rng, 0.04):
        return 0
    if _chance(rng, 0.03):
        return _lognormal(rng, median * 8, 0.5, 40, 500)
    return _lognormal(rng, median, sigma, 1, 500)


def _ovid_reference(rng: random.Random) -> str:
    family, given = rng.choice(_FAMILIES), _given(rng)
    others = ", ".join(
        f"{rng.choice(_FAMILIES)}, {_initials(_given(rng), dots=False)}"
        for _ in range(rng.randint(0, 3))
    )
    journal = rng.choice(_JOURNALS)
    authors = f"{family}, {_initials(given, dots=False)}" + (f", & {others}" if others else "")
    return (
        f"{authors} ({rng.randint(1970, 2019)}). {_words(rng, rng.randint(40, 120))}. "
        f"{journal[0]}, {rng.randint(1, 90)}, {rng.randint(1, 12)}, "
        f"{rng.randint(1, 900)}-{rng.randint(901, 999)}. "
        f"http://dx.doi.org/10.{rng.randint(1000, 9999)}/{rng.randint(10**5, 10**7)}"
    )


def _url_id(rng: random.Random) -> str:
    return str(rng.randint(10**10, 10**11))


# --- the profiles: one function per real sample's layout ---------------------------------------


def _scopus_refs(rng: random.Random, w: Work) -> Fields:
    """scopus-ris-large: citation information and references, no abstracts."""
    f: Fields = [("TY", w.type), ("TI", w.title)]
    if _chance(rng, 0.003):
        f.append(("ST", w.title[:60]))
    if _chance(rng, 0.26):
        f.append(("C3", f"Proceedings of the {_words(rng, 50)}"))
    if _chance(rng, 0.73):
        f.append(("T2", w.journal[0]))
    f.append(("J2", w.journal[1]))
    if _chance(rng, 0.82):
        f.append(("VL", w.volume))
    if _chance(rng, 0.69):
        f.append(("IS", w.issue))
    if _chance(rng, 0.56):
        f += [("SP", str(w.first_page)), ("EP", str(w.last_page))]
    f.append(("PY", str(w.year)))
    if _chance(rng, 0.92):
        f.append(("DO", w.doi))
    if _chance(rng, 0.98):
        f += [("AU", f"{fam}, {_initials(g)}") for fam, g in w.authors]
    if _chance(rng, 0.6):
        f += [("KW", k) for k in _keywords(rng, _count(rng, 4.7, 18))]
    if _chance(rng, 0.76):
        f.append(("N1", f"Cited By :{rng.randint(1, 60)}"))
    f.append(("N1", "Export Date: 15 October 2020"))
    f += [
        ("M3", rng.choice(("Article", "Article", "Conference Paper", "Review"))),
        ("DB", "Scopus"),
    ]
    if _chance(rng, 0.61):
        f.append(("C7", f"{rng.randint(1, 999999):06d}"))
    refs = _reference_count(rng, 14, 0.75)
    if refs:
        f.append(("N1", "References: " + ";\n".join(_scopus_reference(rng) for _ in range(refs))))
    if _chance(rng, 0.96):
        f.append(("UR", _scopus_url(rng, w)))
    return f


def _scopus_url(rng: random.Random, w: Work) -> str:
    return (
        f"https://www.scopus.com/inward/record.uri?eid=2-s2.0-{rng.randint(10**10, 10**11)}"
        f"&doi={w.doi.replace('/', '%2f')}&partnerID=40&md5={rng.getrandbits(128):032x}"
    )


def _scopus_full(rng: random.Random, w: Work) -> Fields:
    """scopus-ris: everything, with abstract, affiliations, index terms, funding, references."""
    f: Fields = [("TY", w.type), ("TI", w.title), ("T2", w.journal[0]), ("J2", w.journal[1])]
    f.append(("VL", w.volume))
    if _chance(rng, 0.33):
        f += [("IS", w.issue), ("SP", str(w.first_page)), ("EP", str(w.last_page))]
    f += [("PY", str(w.year)), ("DO", w.doi), ("SN", w.journal[2].replace("-", "") + " (ISSN)")]
    f += [("AU", f"{fam}, {_initials(g)}") for fam, g in w.authors]
    f += [("AD", rng.choice(_INSTITUTIONS)) for _ in range(_count(rng, 3.3, 10))]
    f.append(("AB", w.abstract))
    f += [("KW", k) for k in _keywords(rng, _count(rng, 6, 10))]
    f += [("KW", k) for k in _keywords(rng, _count(rng, 25, 40), _INDEX_TERMS)]
    f += [("PB", w.journal[3]), ("N1", "Export Date: 18 November 2019")]
    f += [("M3", rng.choice(("Article", "Review"))), ("DB", "Scopus")]
    if _chance(rng, 0.66):
        f.append(("C7", str(rng.randint(100000, 999999))))
    f += [("N1", f"CODEN: {rng.choice(('PSYCD', 'SSMDD', 'HEPOD'))}"), ("LA", "English")]
    fam, given = w.authors[0]
    f.append(
        (
            "N1",
            f"Correspondence Address: {fam}, {_initials(given)}; {rng.choice(_INSTITUTIONS)}; "
            f"email: {fam.lower()}@example.org",
        )
    )
    for _ in range(rng.randint(1, 3)):
        f.append(("N1", f"Funding details: {_words(rng, 60)}, {rng.randint(10**6, 10**9)}"))
    f.append(("N1", f"Funding text 1: {_sentences(rng, 300)}"))
    refs = _lognormal(rng, 135, 0.3, 40, 300)
    f.append(("N1", "References: " + ";\n".join(_scopus_reference(rng) for _ in range(refs))))
    if _chance(rng, 0.83):
        f.append(("C2", str(30000000 + w.number)))
    if _chance(rng, 0.83):
        f.append(("UR", _scopus_url(rng, w)))
    return f


def _embase(rng: random.Random, w: Work) -> Fields:
    lid = f"L{rng.randint(10**8, 10**10)}"
    f: Fields = [("TY", "JOUR"), ("M3", "Article"), ("Y1", str(w.year)), ("VL", w.volume)]
    if _chance(rng, 0.83):
        f.append(("IS", w.issue))
    f += [("SP", str(w.first_page)), ("EP", str(w.last_page)), ("SN", w.journal[2])]
    if _chance(rng, 0.3):
        f.append(("SN", w.journal[2]))
    f += [("JF", w.journal[0]), ("JO", w.journal[1].replace(".", ""))]
    f.append(
        ("UR", f"http://www.embase.com/search/results?subaction=viewrecord&from=export&id={lid}")
    )
    f.append(("U2", lid))
    if _chance(rng, 0.5):
        f.append(("C5", str(rng.randint(10**7, 10**8))))
    f.append(("DB", "Embase"))
    if _chance(rng, 0.7):
        f.append(("DB", "Medline"))
    if _chance(rng, 0.83):
        f.append(("U3", f"{w.year}-{w.month:02d}-{w.day:02d}"))
    f.append(("U4", f"{w.year}-{w.month:02d}-{min(28, w.day + 5):02d}"))
    if _chance(rng, 0.16):
        f.append(("L1", f"http://www.example.org/pdf/{_url_id(rng)}.pdf"))
    f += [("L2", f"http://dx.doi.org/{w.doi}"), ("DO", w.doi)]
    f.append(
        (
            "LK",
            "http://sfx.library.uu.nl/utrecht?sid=EMBASE&issn="
            + w.journal[2].replace("-", "")
            + f"&id=doi:{w.doi.replace('/', '%2F')}&atitle={w.title.replace(' ', '+')}"
            + f"&stitle={w.journal[1].replace(' ', '+')}&title={w.journal[0].replace(' ', '+')}"
            + f"&volume={w.volume}&issue={w.issue}&spage={w.first_page}&epage={w.last_page}"
            + f"&aulast={w.authors[0][0]}&date={w.year}",
        )
    )
    f += [("A1", f"{fam} {_initials(g)}") for fam, g in w.authors]
    names = "; ".join(f"{fam} {_initials(g)}" for fam, g in w.authors)
    f += [("M1", f"({names}) {rng.choice(_INSTITUTIONS)}") for _ in range(_count(rng, 2.3, 6))]
    fam, g = w.authors[0]
    f.append(("AD", f"{_initials(g)} {fam}, {rng.choice(_INSTITUTIONS)}"))
    f += [("T1", w.title), ("LA", "English")]
    f += [("KW", k) for k in _keywords(rng, _count(rng, 31, 45), _INDEX_TERMS)]
    if _chance(rng, 0.16):
        f.append(("C1", str(rng.randint(1, 99))))
    f.append(("N2", w.abstract))
    return f


def _ovid(rng: random.Random, w: Work) -> Fields:
    an = f"{w.year}-{rng.randint(10000, 99999)}-{rng.randint(1, 999):03d}"
    doi = f"http://dx.doi.org/{w.doi}"
    f: Fields = [("TY", "JOUR"), ("ID", an), ("DO", doi), ("T1", w.title + ".")]
    f += [("A1", f"{fam}, {g}") for fam, g in w.authors]
    if _chance(rng, 0.66):
        f.append(
            (
                "AI",
                "; ".join(
                    f"ORCID: http://orcid.org/0000-000{rng.randint(1, 3)}-"
                    f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
                    for _ in range(rng.randint(1, 3))
                ),
            )
        )
    cites = _chance(rng, 0.5)
    refs = [_ovid_reference(rng) for _ in range(_count(rng, 40, 120))] if cites else []
    if cites:
        f.append(("A2", ", ".join(r.split(",")[0] for r in refs)))
    f += [("Y1", f"{w.year}//"), ("N2", w.abstract)]
    if _chance(rng, 0.5):
        f += [
            ("KW", ("*" if i < 4 else "") + k)
            for i, k in enumerate(_keywords(rng, _count(rng, 7.7, 15)))
        ]
    f += [("M3", f"{_words(rng, 40)} [{rng.randint(2000, 4000)}]"), ("JF", w.journal[0])]
    if _chance(rng, 0.5):
        f.append(("VL", w.volume))
    if _chance(rng, 0.33):
        f.append(("IS", w.issue))
    if _chance(rng, 0.83):
        f += [("SP", str(w.first_page)), ("EP", str(w.last_page))]
    f += [("CY", "US"), ("PB", w.journal[3]), ("PB", "US"), ("SN", w.journal[2])]
    f += [("AD", f"{w.authors[0][0]}, {w.authors[0][1]}: {w.authors[0][0].lower()}@example.org")]
    if _chance(rng, 0.8):
        f.append(("AD", rng.choice(_INSTITUTIONS)))
    f += [("M1", r) for r in refs]
    f += [("DO", doi)]
    f.append(
        ("L2", f"http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=psyc16&NEWS=N&AN={an}")
    )
    return f


def _ovid_after(rng: random.Random, w: Work, eol: str) -> str:
    link = (
        "Link to the Ovid Full Text or citation: https://login.proxy.library.uu.nl/login?qurl="
        "http://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=psyc16"
        f"&AN={w.year}-{rng.randint(10000, 99999)}-001Link to the External Link Resolver: "
        f"http://sfx.library.uu.nl/utrecht?sid=OVID:psycdb&id=doi:{w.doi.replace('/', '%2F')}"
        f"&issn={w.journal[2]}&volume={w.volume}&date={w.year}&atitle={w.title.replace(' ', '+')}"
    )
    nl = f"NL  - {w.journal[1].replace('.', '')}{eol}" if _chance(rng, 0.83) else ""
    return f"{nl}{eol}{link}{eol}{eol}"


def _zotero(rng: random.Random, w: Work) -> Fields:
    f: Fields = [("TY", w.type), ("TI", w.title)]
    f += [("AU", f"{fam}, {g}") for fam, g in w.authors]
    f.append(("T2", w.journal[0]))
    if _chance(rng, 0.25):
        f.append(("A2", ", ".join(rng.choice(_FAMILIES) for _ in range(rng.randint(5, 40)))))
    f.append(("AB", w.abstract))
    f.append(("DA", rng.choice((f"{w.year}///", f"{w.year}/{w.month:02d}//"))))
    f += [("PY", str(w.year)), ("DO", w.doi)]
    if _chance(rng, 0.75):
        f += [("VL", w.volume), ("IS", w.issue)]
    f.append(("SP", str(w.first_page)))
    if _chance(rng, 0.6):
        f.append(("EP", str(w.last_page)))
    if _chance(rng, 0.5):
        f += [("J2", w.journal[1].replace(".", "")), ("LA", "eng")]
    f.append(("SN", f"{w.journal[2]} {w.journal[2]}" if _chance(rng, 0.5) else w.journal[2]))
    if _chance(rng, 0.75):
        f += [("KW", k) for k in _keywords(rng, _count(rng, 7, 12))]
    return f


def _proquest(rng: random.Random, w: Work) -> Fields:
    doc = rng.randint(10**9, 3 * 10**9)
    f: Fields = [("TY", "JOUR"), ("T1", w.title), ("AN", f"{doc}; {rng.randint(10000, 99999)}")]
    f += [("AB", w.abstract), ("JF", w.journal[0])]
    f += [("AU", f"{fam}, {g}") for fam, g in w.authors]
    f += [("PY", str(w.year))]
    if _chance(rng, 0.66):
        f += [("VL", w.volume), ("IS", w.issue)]
    if _chance(rng, 0.5):
        f += [("SP", str(w.first_page)), ("EP", str(w.last_page))]
    f.append(("SN", f"{w.journal[2]}, {w.journal[2]}"))
    f += [("KW", k) for k in _keywords(rng, _count(rng, 16, 25), [*_KEYWORDS, *_INDEX_TERMS])]
    f.append(("UR", f"https://search.proquest.com/docview/{doc}?accountid=14772"))
    f.append(
        (
            "L2",
            "http://sfx.library.uu.nl/utrecht?url_ver=Z39.88-2004&rft_val_fmt=info:ofi/fmt:kev:mtx:journal"
            f"&genre=article&sid=ProQ:ProQ%3Apsycinfo&atitle={w.title.replace(' ', '+')}"
            f"&title={w.journal[0].replace(' ', '+')}&issn={w.journal[2]}&date={w.year}"
            f"&volume={w.volume}&issue={w.issue}&spage={w.first_page}&au={w.authors[0][0]}"
            f"&isbn=&jtitle={w.journal[0].replace(' ', '+')}&btitle=&rft_id=info:eric/"
            f"&rft_id=info:doi/{w.doi}",
        )
    )
    f.append(("L2", f"http://dx.doi.org/{w.doi}"))
    f += [("LA", "English"), ("DB", rng.choice(("PTSDpubs", "PsycINFO", "ProQuest Central")))]
    f += [
        ("N1", f"Date revised - {w.year}-{w.month:02d}-{w.day:02d}"),
        ("N1", f"Last updated - {w.year}-{w.month:02d}-{w.day:02d}"),
    ]
    if _chance(rng, 0.7):
        f.append(("N1", f"SubjectsTermNotLitGenreText - {'; '.join(_keywords(rng, 5))}"))
    f.append(("DO", f"http://dx.doi.org/{w.doi}"))
    return f


def _proquest_thesis(rng: random.Random, w: Work) -> Fields:
    doc = rng.randint(10**9, 3 * 10**9)
    fam, given = w.authors[0]
    f: Fields = [("TY", "THES"), ("T1", w.title), ("AN", str(doc)), ("AB", w.abstract)]
    f += [("JF", "ProQuest Dissertations and Theses"), ("AU", f"{fam}, {given}")]
    if _chance(rng, 0.5):
        f.append(("A3", f"{rng.choice(_FAMILIES)}, {_given(rng)}"))
    f += [
        ("Y1", str(w.year)),
        ("PY", str(w.year)),
        ("DA", str(w.year)),
        ("SP", str(rng.randint(80, 400))),
    ]
    f += [
        ("CY", "United States -- New York"),
        ("PB", "New York University"),
        ("PP", "United States -- New York"),
    ]
    if _chance(rng, 0.5):
        f.append(("SN", f"979{rng.randint(10**9, 10**10 - 1)}"))
    f += [("KW", k) for k in _keywords(rng, _count(rng, 2.5, 6))]
    f.append(
        (
            "UR",
            f"https://www.proquest.com/dissertations-theses/title/docview/{doc}/se-2?accountid=1234",
        )
    )
    f += [
        ("L2", f"https://sfx.bib-bvb.de/sfx_ubb?url_ver=Z39.88-2004&rft_id={doc}"),
        ("LA", "English"),
    ]
    f += [("DB", "ProQuest Dissertations & Theses Global")]
    f.append(
        (
            "N1",
            "Copyright - Database copyright ProQuest LLC; ProQuest does not claim copyright in the "
            "individual underlying works.",
        )
    )
    f.append(("N1", f"Zuletzt aktualisiert - {w.year}-{w.month:02d}-{w.day:02d}"))
    if _chance(rng, 0.5):
        f += [
            ("M1", str(rng.randint(10**7, 10**8))),
            ("M3", rng.choice(("Ph.D.", "Ed.D.", "M.A."))),
        ]
    f.append(("L1", f"https://media.proquest.com/media/hms/PFT/2/{_url_id(rng)}"))
    return f


def _endnote(rng: random.Random, w: Work) -> Fields:
    # tags in alphabetical order, the record number (ID) last; keywords and the PubMed notes as
    # untagged lines under one KW and one N1
    f: Fields = [("TY", "JOUR"), ("AB", w.abstract), ("AD", rng.choice(_INSTITUTIONS) + ".")]
    f += [("AN", str(20_000_000 + w.number))]
    f += [("AU", f"{fam}, {_initials(g, space=True)}") for fam, g in w.authors]
    if _chance(rng, 0.83):
        f.append(("DA", _MONTHS[w.month - 1][:3]))
    f += [("DO", w.doi), ("DP", "NLM"), ("ET", f"{w.year}/{w.month:02d}/{w.day:02d}")]
    if _chance(rng, 0.83):
        f.append(("IS", w.issue))
    terms = _keywords(rng, _count(rng, 14, 25), [*_INDEX_TERMS, *_KEYWORDS])
    f += [
        (
            "KW",
            "\n".join(t.capitalize() + ("/*therapy" if _chance(rng, 0.2) else "") for t in terms),
        )
    ]
    notes = [w.journal[2], *(f"{fam}, {g}" for fam, g in w.authors), "Journal Article"]
    notes += ["Review"] * _chance(rng, 0.4) + [rng.choice(("England", "Germany", "Switzerland"))]
    notes.append(
        f"{w.journal[1]} {w.year} {_MONTHS[w.month - 1][:3]};{w.volume}({w.issue}):"
        f"{w.first_page}-{w.last_page}. doi: {w.doi}."
    )
    f += [("LA", "eng"), ("N1", "\n".join(notes)), ("PY", str(w.year)), ("SN", w.journal[2])]
    f += [("SP", f"{w.first_page}-{w.last_page}"), ("ST", w.title), ("T2", w.journal[1])]
    f += [("TI", w.title), ("VL", w.volume), ("ID", str(w.number % 1000))]
    return f


def _wos(rng: random.Random, w: Work) -> Fields:
    f: Fields = [("TY", "JOUR")]
    f += [("AU", f"{fam}, {_initials(g, dots=False)}") for fam, g in w.authors]
    f += [("TI", w.title)]
    if _chance(rng, 0.9):
        f += [("T2", w.journal[0].upper()), ("LA", "English")]
        f += [("KW", k) for k in _keywords(rng, _count(rng, 5, 8))]
        f += [("KW", k.upper()) for k in _keywords(rng, _count(rng, 6, 10), _INDEX_TERMS)]
    f.append(("AB", w.abstract))
    f += [("AD", rng.choice(_INSTITUTIONS)) for _ in range(_count(rng, 2.8, 8))]
    f += [
        ("C3", rng.choice(_INSTITUTIONS).split(",")[-3].strip())
        for _ in range(_count(rng, 3.6, 10))
    ]
    if _chance(rng, 0.4):
        f += [
            ("FU", f"{_words(rng, 50)} [{rng.randint(10**6, 10**8)}]"),
            ("FX", _sentences(rng, 450)),
        ]
    f += [
        ("PU", w.journal[3].upper()),
        ("PI", w.journal[4].upper()),
        ("PA", f"{rng.randint(1, 999)} {_words(rng, 30).upper()}, {w.journal[4].upper()}"),
    ]
    f += [("SN", w.journal[2])]
    if _chance(rng, 0.8):
        f.append(("SN", w.journal[2][:-1] + "X"))
    f += [("J9", w.journal[1].upper().replace(".", "")), ("JI", w.journal[1])]
    f += [
        ("DA", _MONTHS[w.month - 1][:3].upper()),
        ("PY", str(w.year)),
        ("VL", w.volume),
        ("IS", w.issue),
    ]
    f += [("SP", str(w.first_page)), ("EP", str(w.last_page)), ("DO", w.doi)]
    f += [
        ("WE", "Social Science Citation Index (SSCI)"),
        ("AN", f"WOS:{rng.randint(10**14, 10**15 - 1):015d}"),
    ]
    if _chance(rng, 0.9):
        cited = rng.randint(0, 90)
        f.append(
            (
                "N1",
                f"Times Cited in Web of Science Core Collection:  {cited}\n"
                f"Total Times Cited:  {cited + rng.randint(0, 12)}\n"
                f"Cited Reference Count:  {rng.randint(10, 90)}",
            )
        )
    return f


def _citavi(rng: random.Random, w: Work) -> Fields:
    f: Fields = [("TY", rng.choice(("JOUR", "JOUR", "BOOK", "CHAP")))]
    if _chance(rng, 0.71):
        f.append(("SN", w.journal[2].replace("-", "") if _chance(rng, 0.8) else ""))
    f += [("AU", f"{fam}, {_initials(g)}") for fam, g in w.authors]
    f.append(("T1", w.title))
    if _chance(rng, 0.71):
        f.append(("JF", w.journal[0]))
    if _chance(rng, 0.5):
        f += [
            ("SP", str(w.first_page)),
            ("EP", str(w.last_page)),
            ("IS", w.issue),
            ("VL", w.volume),
        ]
    f.append(("PY", str(w.year)))
    if _chance(rng, 0.14):
        f += [("A2", f"{rng.choice(_FAMILIES)}, {_initials(_given(rng))}") for _ in range(3)]
    if _chance(rng, 0.28):
        f.append(("PB", w.journal[3]))
    if _chance(rng, 0.42):
        f.append(("U3", f"Cited By :{rng.randint(1, 40)}\n\nExport Date: 12 May 2022\n\nArticle"))
    if _chance(rng, 0.85):
        f.append(("UR", _scopus_url(rng, w)))
    if _chance(rng, 0.14):
        f.append(("JA", w.journal[1]))
    f.append(("AB", w.abstract))
    if _chance(rng, 0.42):
        f.append(("LA", "English"))
    if _chance(rng, 0.28):
        f.append(("Y2", f"{w.month}/{w.day}/{w.year}"))
    if _chance(rng, 0.42):
        f += [("L2", f"https://doi.org/{w.doi}") for _ in range(rng.randint(1, 4))]
    f.append(("TS", "RIS"))
    if _chance(rng, 0.57):
        f.append(("DO", w.doi))
    if _chance(rng, 0.42):
        f.append(("AD", rng.choice(_INSTITUTIONS)))
    f.append(("M4", "Citavi"))
    return f


def _rayyan(rng: random.Random, w: Work) -> Fields:
    # alphabetical, ID last; most records are CINAHL-style citations without abstract or
    # authors, their subject headings as untagged lines under one KW
    f: Fields = [("TY", "JOUR")]
    has_authors = _chance(rng, 0.15)
    if _chance(rng, 0.42):
        f.append(("AB", _sentences(rng, _lognormal(rng, 500, 0.7, 80, 2500))))
    if has_authors:
        f.append(("AD", rng.choice(_INSTITUTIONS)))
    f.append(("AN", f"rayyan-{rng.randint(264552000, 264559999)}"))
    if has_authors:
        f += [("AU", f"{fam}, {_initials(g)}") for fam, g in w.authors]
    if _chance(rng, 0.21):
        f.append(("DA", _MONTHS[w.month - 1][:3]))
    if _chance(rng, 0.15):
        f.append(("DO", w.doi))
    if _chance(rng, 0.68):
        f.append(("IS", w.issue))
    if _chance(rng, 0.26):
        f.append(("J2", w.journal[1]))
    terms = _keywords(rng, _count(rng, 14, 28), [*_INDEX_TERMS, *_KEYWORDS])
    f.append(("KW", "\n".join(t.title() for t in terms)))
    if _chance(rng, 0.15):
        f.append(("LA", "English"))
    if _chance(rng, 0.94):
        f.append(
            (
                "N1",
                f"{_words(rng, 30).lower()}. Journal Subset: {_words(rng, 40)}. "
                f"NLM UID: {rng.randint(10**8, 10**9)}.",
            )
        )
    if _chance(rng, 0.1):
        f.append(("PB", w.journal[3]))
    f.append(("PY", str(w.year)))
    if _chance(rng, 0.89):
        f.append(("SN", w.journal[2]))
    title = _words(rng, _lognormal(rng, 64, 0.4, 12, 200))
    f += [("SP", f"{w.first_page}-{w.last_page - w.first_page}"), ("ST", title)]
    if _chance(rng, 0.94):
        f.append(("T2", w.journal[0]))
    f.append(("TI", title))
    if _chance(rng, 0.26):
        f.append(
            (
                "UR",
                "https://search.ebscohost.com/login.aspx?direct=true&db=rzh"
                f"&AN={rng.randint(10**8, 10**9)}",
            )
        )
    if _chance(rng, 0.94):
        f.append(("VL", w.volume))
    f.append(("ID", str(w.number % 1000)))
    return f


def _lens(rng: random.Random, w: Work) -> Fields:
    lens_id = "-".join(f"{rng.randint(0, 999):03d}" for _ in range(5))
    f: Fields = [("TY", "JOUR")]
    if _chance(rng, 0.98):
        if _chance(rng, 0.08):
            # structured abstracts: each heading on its own line, parts parted by two blank lines
            f.append(("AB", "\n\n\n".join(f"{h}\n{t}" if h else t for h, t in w.abstract_parts)))
        else:
            f.append(("AB", w.abstract))
    f += [("AU", f"{fam}, {g}") for fam, g in w.authors]
    if _chance(rng, 0.96):
        f.append(("CY", rng.choice(("United Kingdom", "Netherlands", "United States", "Germany"))))
    if _chance(rng, 0.93):
        f.append(("DA", f"{w.year}/{w.month:02d}/{w.day:02d}"))
    f.append(("DO", w.doi))
    if _chance(rng, 0.72):
        f.append(("EP", str(w.last_page)))
    f.append(("ID", lens_id))
    if _chance(rng, 0.75):
        f.append(("IS", w.issue))
    f.append(("JF", w.journal[0]))
    if _chance(rng, 0.68):
        f += [("KW", k) for k in _keywords(rng, _count(rng, 5.7, 10))]
    hosts = (
        "https://link.springer.com/article/",
        "http://europepmc.org/articles/PMC",
        "https://pubmed.ncbi.nlm.nih.gov/",
        "https://core.ac.uk/display/",
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC",
    )
    f += [("L2", rng.choice(hosts) + _url_id(rng)) for _ in range(_count(rng, 6, 12))]
    if _chance(rng, 0.52):
        f.append(("L1", f"https://link.springer.com/content/pdf/{w.doi.replace('/', '%2F')}.pdf"))
    f += [("PB", w.journal[3]), ("PY", str(w.year)), ("SN", w.journal[2].replace("-", ""))]
    if _chance(rng, 0.6):
        f.append(("SN", w.journal[2].replace("-", "")[::-1]))
    if _chance(rng, 0.99):
        f.append(("SP", str(w.first_page)))
    f += [("TI", w.title), ("UR", f"https://lens.org/{lens_id}")]
    if _chance(rng, 0.99):
        f.append(("VL", w.volume))
    return f


def _jstor(rng: random.Random, w: Work) -> Fields:
    fam, given = w.authors[0]
    f: Fields = [("TY", "JOUR"), ("TI", w.title), ("AU", f"{fam}, {given}")]
    if _chance(rng, 0.5):
        f.append(("AU", f"{w.authors[-1][0]}, {w.authors[-1][1]}"))
    if _chance(rng, 0.75):
        f.append(("AB", w.abstract))
    if _chance(rng, 0.5):
        f.append(
            (
                "C1",
                f"Full publication date: {_MONTHS[w.month - 1]}-{_MONTHS[w.month % 12]} {w.year}",
            )
        )
    f += [
        ("DB", "JSTOR"),
        ("EP", str(w.last_page)),
        ("IS", w.issue),
        ("PB", w.journal[3]),
        ("PY", str(w.year)),
    ]
    f += [("SN", w.journal[2].replace("-", "")), ("SP", str(w.first_page)), ("T2", w.journal[0])]
    f += [("UR", f"http://www.jstor.org/stable/{rng.randint(10**7, 10**8)}"), ("VL", w.volume)]
    f.append(("Y2", f"2023/04/{w.day:02d}/"))
    return f


def _apa(rng: random.Random, w: Work) -> Fields:
    f: Fields = [("TY", "JOUR")]
    if w.first_in_file:
        # rispy 0.10 takes 'PMID  - ' for a continuation of the previous record's last tag and
        # raises KeyError unless the record is the file's first; the sample has one record
        f.append(("PMID", str(30_000_000 + w.number)))
    f.append(("ID", f"{w.year}-{rng.randint(10000, 99999)}-{rng.randint(1, 20):03d}"))
    f += [("T1", w.title), ("JF", w.journal[0])]
    f += [("A1", f"{fam}, {g}") for fam, g in w.authors]
    f += [
        ("VL", w.volume),
        ("SP", str(w.first_page)),
        ("EP", str(w.last_page)),
        ("Y1", str(w.year)),
        ("CY", "US"),
    ]
    f.append(("AD", f"{w.authors[0][0]}, {w.authors[0][1]}: {rng.choice(_INSTITUTIONS)}"))
    f += [
        ("PB", w.journal[3]),
        ("SN", f"{w.journal[2]}(Electronic),{w.journal[2][:-1]}0(Print)"),
        ("N2", w.abstract),
    ]
    f += [
        ("KW", ("*" if i < 5 else "") + k) for i, k in enumerate(_keywords(rng, _count(rng, 8, 14)))
    ]
    f += [("M3", f"doi:{w.doi}"), ("DO", w.doi)]
    return f


def _ieee(rng: random.Random, w: Work) -> Fields:
    f: Fields = [("TY", rng.choice(("CONF", "JOUR"))), ("TI", w.title)]
    f.append(("T2", f"{w.year} {_words(rng, 45)} Conference"))
    f += [("SP", str(w.first_page)), ("EP", str(w.last_page))]
    f += [("AU", f"{_initials(g)} {fam}") for fam, g in w.authors]
    f += [("PY", str(w.year)), ("DO", w.doi)]
    if _chance(rng, 0.5):
        f.append(("JO", f"{w.year} {_words(rng, 45)} Conference"))
    f += [("IS", ""), ("SN", w.journal[2]), ("VO", ""), ("VL", "")]
    if _chance(rng, 0.5):
        f.append(("JA", f"{w.year} {_words(rng, 45)} Conference"))
    f.append(("Y1", f"{w.day}-{w.day + 4} {_MONTHS[w.month - 1][:3]}. {w.year}"))
    return f


def _trid(rng: random.Random, w: Work) -> Fields:
    f: Fields = [
        ("TY", rng.choice(("ABST", "JOUR", "RPRT"))),
        ("AN", f"0{rng.randint(1500000, 1700000)}"),
    ]
    if _chance(rng, 0.33):
        f += [("JO", w.journal[1]), ("PB", w.journal[3])]
    if _chance(rng, 0.66):
        f += [("AU", f"{fam}, {g}") for fam, g in w.authors]
    f.append(("TI", w.title))
    f.append(
        (
            "PY",
            rng.choice(
                (
                    f"Start date: {w.year}{w.month:02d}{w.day:02d}",
                    f"{w.year}/{w.month:02d}",
                    str(w.year),
                )
            ),
        )
    )
    if _chance(rng, 0.33):
        f += [("ET", f"{_MONTHS[w.month - 1][:3]} {w.year}"), ("VL", w.volume)]
    if _chance(rng, 0.66):
        f.append(
            ("SP", rng.choice((f"pp {w.first_page}-{w.last_page}", f"{rng.randint(20, 300)}p")))
        )
    f.append(("AB", w.abstract))
    f += [("KW", k) for k in _keywords(rng, _count(rng, 3, 8))]
    if _chance(rng, 0.66):
        f.append(("M3", rng.choice(("Web", "PDF"))))
    if _chance(rng, 0.33):
        f.append(("DO", f"https://doi.org/{w.doi}"))
    f += [("UR", f"http://www.example.org/{_url_id(rng)}") for _ in range(rng.randint(0, 2))]
    f.append(("UR", f"https://trid.trb.org/view/{rng.randint(10**6, 10**7)}"))
    return f


@dataclass(frozen=True)
class Profile:
    """How one exporter writes its records, after one real sample file.

    ``fields`` gives a record's (tag, value) pairs in the exporter's order; a value with
    newlines becomes untagged continuation lines. ``share`` is the number of real sample files
    of this layout (its weight in the mixture). ``er`` is the end line as the exporter writes
    it, ``gap`` the blank lines after it, ``head`` what begins a file, ``record_head`` what
    comes before each record (``{n}``: its number in the file), ``after`` what follows each
    ``ER`` line (Ovid's ``NL`` and link lines). ``authors`` and ``abstract`` are the sample's
    mean author count and median abstract length; ``structured`` the share of abstracts with
    headings; ``reorder`` the share of records with one field out of the usual place.
    """

    name: str
    sample: str
    fields: Callable[[random.Random, Work], Fields]
    share: int = 1
    crlf: bool = False
    bom: bool = False
    er: str = "ER  -"
    gap: int = 1
    head: str = ""
    record_head: str = ""
    types: tuple[str, ...] = ("JOUR",)
    authors: float = 4.8
    abstract: float = 1450
    structured: float = 0.3
    after: Callable[[random.Random, Work, str], str] | None = None
    reorder: float = 0.0

    def record_text(self, rng: random.Random, work: Work, number: int) -> str:
        """The record's lines, from its tag line to what follows its ``ER`` line."""
        eol = "\r\n" if self.crlf else "\n"
        fields = self.fields(rng, work)
        if _chance(rng, self.reorder):
            _move_one(rng, fields)
        lines = [f"{tag}  - {value}" if value else f"{tag}  -" for tag, value in fields]
        body = "\n".join(lines)
        head = self.record_head.replace("{n}", str(number))
        if self.crlf:
            body, head = body.replace("\n", eol), head.replace("\n", eol)
        after = self.after(rng, work, eol) if self.after else ""
        return f"{head}{body}{eol}{self.er}{eol}{after}{eol * self.gap}"


def _move_one(rng: random.Random, fields: Fields) -> None:
    """Move one field that occurs once to another place: the real samples of Web of Science,
    Citavi, The Lens and JSTOR have 8-29 % of records whose tags go against the file's usual
    order (``ris_shape.py``: 'in one fixed order')."""
    counts: dict[str, int] = {}
    for tag, _ in fields:
        counts[tag] = counts.get(tag, 0) + 1
    single = [i for i, (tag, _) in enumerate(fields) if i and counts[tag] == 1]
    if len(single) > 1:
        moved = fields.pop(rng.choice(single))
        fields.insert(rng.randint(1, len(fields)), moved)


_JSTOR_HEAD = (
    'Provider: JSTOR http://www.jstor.org\nDatabase: JSTOR\nContent: text/plain; charset="UTF-8"'
    "\n\n\n"
)
_APA_HEAD = (
    "Provider: American Psychological Association\nDatabase: PsycINFO\n"
    "Content: application/x-research-info-systems\n\n"
)

#: The profiles, each after one real sample (``tests/data/real-exports/manifest.toml`` id),
#: ``share`` being the number of real sample files of that layout.
PROFILES: tuple[Profile, ...] = (
    Profile(
        "scopus-refs",
        "scopus-ris-large",
        _scopus_refs,
        types=("JOUR", "JOUR", "JOUR", "CONF"),
        authors=4.8,
    ),
    Profile("scopus-full", "scopus-ris", _scopus_full, authors=4.3, abstract=1400),
    Profile("embase", "embase-ris", _embase, bom=True, authors=4.8, abstract=1000),
    Profile(
        "ovid",
        "ovid-psycinfo-ris",
        _ovid,
        record_head="{n}.\n",
        gap=0,
        after=_ovid_after,
        authors=5.3,
        abstract=1430,
    ),
    Profile(
        "zotero",
        "zotero-ris-from-ovid, zotero-ris-from-pubmed",
        _zotero,
        share=2,
        authors=4.8,
        abstract=1500,
    ),
    Profile("proquest", "proquest-ris", _proquest, gap=3, authors=7.8, abstract=1570),
    Profile(
        "proquest-thesis",
        "proquest-dissertations-ris",
        _proquest_thesis,
        crlf=True,
        gap=3,
        authors=1,
    ),
    Profile("endnote", "endnote-ris-from-pubmed", _endnote, head="\n", authors=8.3, abstract=1700),
    Profile("wos", "wos-ris", _wos, authors=3.6, abstract=1150, reorder=0.1),
    Profile("citavi", "citavi-ris-from-scopus", _citavi, authors=3.1, abstract=1150, reorder=0.3),
    Profile("rayyan", "rayyan-ris", _rayyan, authors=4.3),
    Profile(
        "lens",
        "lens-ris",
        _lens,
        crlf=True,
        bom=True,
        gap=0,
        authors=6.5,
        abstract=1650,
        reorder=0.08,
    ),
    Profile(
        "jstor",
        "jstor-ris",
        _jstor,
        crlf=True,
        er="ER  - ",
        gap=4,
        record_head=_JSTOR_HEAD,
        authors=1.5,
        reorder=0.25,
    ),
    Profile("apa-psycnet", "apa-psycnet-ris", _apa, crlf=True, head=_APA_HEAD, authors=5),
    Profile("ieee", "ieee-xplore-ris", _ieee, crlf=True, er="ER  - ", gap=2, authors=4),
    Profile("trid", "trid-ris", _trid, crlf=True, er="ER  - ", authors=2),
)


def profile_records(
    profile: Profile, n: int, rng: random.Random, start: int = 0, first_in_file: bool = True
) -> Iterator[str]:
    """``n`` records of ``profile`` as text, numbered from ``start + 1``."""
    for i in range(start, start + n):
        work = _work(
            rng, i + 1, profile.types, profile.authors, profile.abstract, profile.structured
        )
        work.first_in_file = first_in_file and i == start
        yield profile.record_text(rng, work, i - start + 1)


def _head(profile: Profile, first: bool) -> bytes:
    eol = "\r\n" if profile.crlf else "\n"
    text = profile.head.replace("\n", eol).encode()
    return (b"\xef\xbb\xbf" if profile.bom and first else b"") + text


def _runs(n: int, rng: random.Random) -> list[tuple[Profile, int]]:
    """(profile, records) runs: each profile's share of ``n`` cut into export-sized runs."""
    total = sum(p.share for p in PROFILES)
    quotas = [n * p.share // total for p in PROFILES]
    for i in range(n - sum(quotas)):
        quotas[i % len(quotas)] += 1
    runs: list[tuple[Profile, int]] = []
    for profile, quota in zip(PROFILES, quotas, strict=True):
        while quota > 0:
            size = min(quota, _lognormal(rng, 150, 1.2, 1, 2000))
            runs.append((profile, size))
            quota -= size
    rng.shuffle(runs)
    return runs


def write_varied(path: Path, n: int, seed: int = SEED) -> None:
    """Write ``n`` records mixed from :data:`PROFILES` to ``path`` (see the module's doc)."""
    rng = random.Random(seed)
    number = 0
    with path.open("wb") as out:
        for index, (profile, size) in enumerate(_runs(n, rng)):
            out.write(_head(profile, index == 0))
            for text in profile_records(profile, size, rng, number, index == 0):
                out.write(text.encode("utf-8"))
            number += size


def write_profiles(folder: Path, n: int, seed: int = SEED) -> list[Path]:
    """Write ``n`` records of each profile to ``folder/<profile>.ris``, as the exporter would
    (a profile with a share of two writes two files, ``-1`` and ``-2``, as there are two real
    samples of it): to compare each with its real sample (``ris_shape.py --compare``)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, profile in enumerate(PROFILES):
        for copy in range(profile.share):
            rng = random.Random(seed + 100 * index + copy)
            name = profile.name if profile.share == 1 else f"{profile.name}-{copy + 1}"
            path = folder / f"{name}.ris"
            with path.open("wb") as out:
                out.write(_head(profile, True))
                for text in profile_records(profile, n, rng):
                    out.write(text.encode("utf-8"))
            paths.append(path)
    return paths
