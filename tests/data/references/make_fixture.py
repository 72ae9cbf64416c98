"""Build the reference fixture: records.json (realistsynth records) and csl-items.json (their
CSL-JSON, what both citeproc-py and citeproc-js are given).

Run from the repository root:  python tests/data/references/make_fixture.py

33 records come from the worked example (examples/ics-leadership/data/*.ris, read with the
small RIS reader below); the rest are generated with a fixed seed so that the fixture covers
every shape a reference list meets: journal articles, books, chapters with editors, reports
by organisations, theses, webpages, many authors, no authors, particles and suffixes,
hyphenated given names, DOIs stored as URLs, and same-author same-year pairs.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from realistsynth.model import Name, PartialDate, Record
from realistsynth.references import record_to_csl
from realistsynth.store.converter import make_converter

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
RIS_TYPES = {"JOUR": "article-journal", "RPRT": "report", "BOOK": "book", "CHAP": "chapter"}


def read_ris(path: Path) -> list[Record]:
    records = []
    fields: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
        if not match:
            continue
        tag, value = match.groups()
        if tag == "ER":
            records.append(_ris_record(fields))
            fields = {}
        else:
            fields.setdefault(tag, []).append(value.strip())
    return records


def _ris_name(text: str) -> Name:
    if "," in text:
        family, given = (p.strip() for p in text.split(",", 1))
        return Name(family=family, given=given or None)
    return Name(literal=text)


def _ris_record(f: dict[str, list[str]]) -> Record:
    one = {k: v[0] for k, v in f.items()}
    pages = None
    if "SP" in one:
        pages = one["SP"] + (f"-{one['EP']}" if "EP" in one else "")
    return Record(
        id=one["ID"],
        type=RIS_TYPES[one["TY"]],
        title=one.get("TI"),
        authors=[_ris_name(a) for a in f.get("AU", [])],
        editors=[_ris_name(a) for a in f.get("ED", [])],
        issued=PartialDate(int(one["PY"])) if "PY" in one else None,
        container_title=one.get("T2"),
        volume=one.get("VL"),
        issue=one.get("IS"),
        pages=pages,
        doi=one.get("DO"),
        publisher=one.get("PB"),
        publisher_place=one.get("CY"),
        url=one.get("UR"),
    )


FAMILIES = [
    "Smith",
    "Jones",
    "Patel",
    "Nguyen",
    "García",
    "O'Brien",
    "Müller",
    "Kowalski",
    "Okafor",
    "Tanaka",
    "Andersson",
    "Rossi",
    "Dubois",
    "Cohen",
    "Hughes",
    "Ahmed",
    "Walsh",
    "Fraser",
    "MacDonald",
    "Evans",
    "Chen",
    "Lee",
    "Park",
    "Kaur",
    "Silva",
    "Novak",
    "Fischer",
    "Brown",
]
GIVENS = [
    "J.",
    "A.B.",
    "Maria",
    "Sarah",
    "Tom",
    "K.",
    "L.M.",
    "Peter",
    "Chloe",
    "R.",
    "Oluwaseun",
    "Hiroshi",
    "Anna",
    "David",
    "E.",
    "Jean-Paul",
    "Ming-Fang",
    "Fatima",
    "Ian C.",
    "Nicola",
]
JOURNALS = [
    "Journal of Integrated Care",
    "BMJ Open",
    "Health Policy",
    "International Journal of Integrated Care",
    "Leadership in Health Services",
    "Social Science & Medicine",
    "BMC Health Services Research",
    "Journal of Health Organization and Management",
    "Public Management Review",
    "Implementation Science",
]
TOPICS = [
    "integrated care",
    "system leadership",
    "collaborative governance",
    "primary care networks",
    "health and social care partnerships",
    "population health management",
    "clinical leadership",
    "trust between organisations",
    "place-based partnerships",
    "workforce planning",
]
FORMS = [
    "Leading {t}: a realist review",
    "What works in {t}? A qualitative study",
    "{T} in England: lessons from the first five years",
    "Understanding {t} through realist evaluation",
    "Barriers and enablers to {t}",
    "A mixed-methods evaluation of {t}",
    "Rethinking {t}: theory and practice",
]
ORGS = [
    "NHS England",
    "The King's Fund",
    "Nuffield Trust",
    "World Health Organization",
    "Health Foundation",
    "Local Government Association",
    "Care Quality Commission",
]
PUBLISHERS = [
    ("Routledge", "London"),
    ("Policy Press", "Bristol"),
    ("Sage", "London"),
    ("Oxford University Press", "Oxford"),
    ("Palgrave Macmillan", "Basingstoke"),
]
UNIVERSITIES = ["University of Leeds", "Liverpool John Moores University", "University of Oxford"]


def person(rng: random.Random) -> Name:
    return Name(family=rng.choice(FAMILIES), given=rng.choice(GIVENS))


def title(rng: random.Random) -> str:
    topic = rng.choice(TOPICS)
    return rng.choice(FORMS).format(t=topic, T=topic[0].upper() + topic[1:])


def generated(rng: random.Random) -> list[Record]:
    out: list[Record] = []
    n = 0

    def key(prefix: str) -> str:
        nonlocal n
        n += 1
        return f"{prefix}{n:03d}"

    for _ in range(110):
        year = rng.randint(2012, 2023)
        authors = [person(rng) for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 5, 6, 8]))]
        first = rng.randint(1, 400)
        journal_code = rng.choice(["jica", "bmjopen", "hp"])
        doi = f"10.{rng.randint(1000, 9999)}/{journal_code}.{year}.{rng.randint(100, 99999)}"
        out.append(
            Record(
                id=key("art"),
                type="article-journal",
                title=title(rng),
                authors=authors,
                issued=PartialDate(year, rng.choice([None, None, rng.randint(1, 12)])),
                container_title=rng.choice(JOURNALS),
                volume=str(rng.randint(1, 40)),
                issue=rng.choice([None, str(rng.randint(1, 12))]),
                pages=rng.choice(
                    [f"{first}-{first + rng.randint(5, 20)}", f"e{rng.randint(100, 9999)}", None]
                ),
                doi=rng.choice([doi, doi, f"https://doi.org/{doi}", None]),
            )
        )
    for _ in range(20):
        pub, place = rng.choice(PUBLISHERS)
        out.append(
            Record(
                id=key("book"),
                type="book",
                title=title(rng),
                authors=[person(rng) for _ in range(rng.randint(1, 3))],
                issued=PartialDate(rng.randint(2005, 2023)),
                publisher=pub,
                publisher_place=place,
                edition=rng.choice([None, None, "2"]),
            )
        )
    for _ in range(20):
        pub, place = rng.choice(PUBLISHERS)
        first = rng.randint(1, 300)
        out.append(
            Record(
                id=key("chap"),
                type="chapter",
                title=title(rng),
                authors=[person(rng) for _ in range(rng.randint(1, 2))],
                editors=[person(rng) for _ in range(rng.randint(1, 2))],
                issued=PartialDate(rng.randint(2008, 2023)),
                container_title=f"Handbook of {rng.choice(TOPICS)}",
                publisher=pub,
                publisher_place=place,
                pages=f"{first}-{first + rng.randint(10, 30)}",
            )
        )
    for _ in range(20):
        org = rng.choice(ORGS)
        out.append(
            Record(
                id=key("rep"),
                type="report",
                title=title(rng),
                authors=[Name(literal=org)],
                issued=PartialDate(rng.randint(2015, 2023)),
                publisher=rng.choice([org, None]),
                url=rng.choice([None, f"https://example.org/reports/{rng.randint(1, 999)}"]),
            )
        )
    for _ in range(8):
        out.append(
            Record(
                id=key("thes"),
                type="thesis",
                title=title(rng),
                authors=[person(rng)],
                issued=PartialDate(rng.randint(2010, 2023)),
                publisher=rng.choice(UNIVERSITIES),
            )
        )
    for _ in range(8):
        out.append(
            Record(
                id=key("web"),
                type="webpage",
                title=title(rng),
                authors=rng.choice([[Name(literal=rng.choice(ORGS))], []]),
                issued=PartialDate(rng.randint(2018, 2023), rng.randint(1, 12), rng.randint(1, 28)),
                container_title=rng.choice(["NHS England", "Health Foundation blog"]),
                url=f"https://example.org/pages/{rng.randint(1, 9999)}",
            )
        )
    # deliberately awkward shapes
    same = [
        Name("Aunger", "J.A."),
        Name("Millar", "R."),
        Name("Rafferty", "A.M."),
        Name("Mannion", "R."),
    ]
    out += [
        Record(
            id="aunger2021x",
            title="Why do acute healthcare staff behave unprofessionally?",
            authors=same,
            issued=PartialDate(2021),
            container_title="BMJ Leader",
            volume="5",
            issue="2",
            pages="100-106",
        ),
        Record(
            id="aunger2021y",
            title="Collaboration over competition? Regulation and governance",
            authors=same,
            issued=PartialDate(2021),
            container_title="Journal of Integrated Care",
            volume="29",
            pages="120-131",
        ),
        Record(
            id="aunger2021z",
            title="Drivers of integration in the English NHS",
            authors=same,
            issued=PartialDate(2021),
            container_title="Health Policy",
            volume="125",
            pages="1-9",
        ),
        # with the worked example's aunger2022 (PLOS ONE, seven authors): the pair the paper
        # cites as "Aunger, Millar, Rafferty, Mannion, et al., 2022" and "Aunger, Millar,
        # Rafferty and Mannion, 2022"
        Record(
            id="aunger2022bmc",
            title="Collaboration over competition? Regulation and governance of "
            "inter-organisational collaborations",
            authors=same,
            issued=PartialDate(2022),
            container_title="BMC Health Services Research",
            volume="22",
            pages="640",
        ),
        Record(
            id="smithsame1",
            title="Primary care at scale",
            authors=[Name("Smith", "J.")],
            issued=PartialDate(2019),
            container_title="Health Policy",
            volume="12",
            pages="1-8",
        ),
        Record(
            id="smithsame2",
            title="Scaling primary care",
            authors=[Name("Smith", "J.")],
            issued=PartialDate(2019),
            container_title="Health Policy",
            volume="12",
            pages="9-15",
        ),
        Record(
            id="nhsesame1",
            type="report",
            title="Building strong integrated care systems",
            authors=[Name(literal="NHS England")],
            issued=PartialDate(2021),
        ),
        Record(
            id="nhsesame2",
            type="report",
            title="Integrated care systems: design framework",
            authors=[Name(literal="NHS England")],
            issued=PartialDate(2021),
        ),
        Record(
            id="many25",
            title="A consortium study of integrated care leadership",
            authors=[Name(f"Author{c}", "A.") for c in "ABCDEFGHIJKLMNOPQRSTUVWXY"],
            issued=PartialDate(2020),
            container_title="BMJ Open",
            volume="10",
            pages="e012345",
        ),
        Record(
            id="noauth1",
            type="report",
            title="Integrated care systems explained",
            issued=PartialDate(2022),
            publisher="The King's Fund",
        ),
        Record(
            id="noauth2",
            title="Editorial: leading across boundaries",
            issued=PartialDate(2020),
            container_title="Journal of Integrated Care",
            volume="28",
            pages="1-2",
        ),
        Record(
            id="particle1",
            title="Governance of networks",
            authors=[Name("Berg", "Jan", particle="van den"), Name("Vries", "A.", particle="de")],
            issued=PartialDate(2017),
            container_title="Public Management Review",
            volume="19",
            pages="300-318",
        ),
        Record(
            id="suffix1",
            title="Physician leadership",
            authors=[Name("King", "Martin", suffix="Jr.")],
            issued=PartialDate(2016),
            container_title="Health Policy",
            volume="120",
            pages="50-55",
        ),
        Record(
            id="nodate1",
            type="webpage",
            title="About integrated care",
            authors=[Name(literal="NHS Confederation")],
            url="https://example.org/about",
        ),
        Record(
            id="amp1",
            title="Health & social care: the <i>integration</i> agenda",
            authors=[Name("Hughes", "D.")],
            issued=PartialDate(2018),
            container_title="Social Science & Medicine",
            volume="200",
            pages="10-18",
        ),
    ]
    return out


def main() -> None:
    data = ROOT / "examples" / "ics-leadership" / "data"
    records = read_ris(data / "full-text-records.ris") + read_ris(data / "policy-documents.ris")
    records += generated(random.Random(20261125))
    converter = make_converter()
    (HERE / "records.json").write_text(
        json.dumps(converter.unstructure(records, list[Record]), ensure_ascii=False, indent=1)
        + "\n",
        encoding="utf-8",
    )
    (HERE / "csl-items.json").write_text(
        json.dumps([record_to_csl(r) for r in records], ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"{len(records)} records")


if __name__ == "__main__":
    main()
