"""Normalising bibliographic values the same way whichever format they came from.

Every importer calls these, so a DOI, a name or a page range read from RIS, MEDLINE, BibTeX or
a CSV means the same thing afterwards and de-duplication compares like with like. Each function
is total: it returns ``None`` (or the input, cleaned) for values it cannot interpret, and never
raises on odd text, because exports are messy and an import must not crash on one field.
"""

from __future__ import annotations

import re

from realistsynth.model.common import MONTH_NAMES, PartialDate
from realistsynth.model.records import Name, _unchecked_person

__all__ = [
    "MONTHS",
    "normalise_doi",
    "normalise_pages",
    "normalise_pmid",
    "parse_date",
    "parse_month",
    "split_name",
]

_DOI_PREFIX = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi:\s*|https?://doi\.org/)", re.IGNORECASE
)
_DOI_BODY = re.compile(r"10\.\d{4,9}/\S+")
_SPACES = re.compile(r"\s+")
_PMID = re.compile(r"\d{1,9}")
_DASH = re.compile(r"\s*(?:--|[-‐‑‒–—])\s*")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_NUMERIC_DATE = re.compile(r"(\d{4})[/\-.](\d{1,2})?(?:[/\-.](\d{1,2})?)?[/\-.]?.*")
_WORD = re.compile(r"[A-Za-z]+")
_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_INITIALS = re.compile(r"[A-Z]{1,3}")
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.-?){1,3}")

#: Month names and abbreviations (English) to numbers, lower case; seasons map to none.
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}


def parse_month(value: str | None) -> int | None:
    """The number of a month written as a number (``5``, ``05``) or an English name or
    abbreviation (``May``, ``Sept.``, ``December``), or ``None``.

    >>> parse_month("05"), parse_month("Sept."), parse_month("Spring"), parse_month("13")
    (5, 9, None, None)
    """
    if not value:
        return None
    text = value.strip().rstrip(".").lower()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(text) or MONTHS.get(text[:3])


def normalise_doi(value: str | None) -> str | None:
    """A DOI without URL or ``doi:`` prefix, without spaces, in lower case.

    DOIs are case-insensitive by definition, so lower case is lossless.

    >>> normalise_doi(" https://doi.org/10.1108/JICA-05-2020-0026 ")
    '10.1108/jica-05-2020-0026'
    >>> normalise_doi("not a doi") is None
    True
    """
    if not value:
        return None
    if _DOI_BODY.fullmatch(value):
        # a bare DOI, as most exports write it: no spaces and no prefix to remove, and the
        # search below would match all of it
        return value.rstrip(".,;").lower()
    text = _SPACES.sub("", value)
    text = _DOI_PREFIX.sub("", text)
    match = _DOI_BODY.search(text)
    if not match:
        return None
    return match.group(0).rstrip(".,;").lower()


def normalise_pmid(value: str | None) -> str | None:
    """The digits of a PubMed id (``PMID: 123`` → ``123``), or ``None``."""
    if not value:
        return None
    match = _PMID.search(value)
    return match.group(0) if match else None


def normalise_pages(value: str | None, *, expand_abbreviated: bool = False) -> str | None:
    """A page range with an en dash-free ``-`` separator: ``128--134`` → ``128-134``,
    ``e396–e403`` → ``e396-e403``. Single pages and article numbers pass unchanged.

    With ``expand_abbreviated`` (for MEDLINE, whose convention abbreviates end pages), the
    end page is written out in full, so the same range reads the same from every source; a
    range that cannot be such an abbreviation (``45-3``) is left as it is. Other formats keep
    what they print, so a record survives a write and a read unchanged:

    >>> normalise_pages("128 -- 134")
    '128-134'
    >>> normalise_pages("1123-9"), normalise_pages("1123-9", expand_abbreviated=True)
    ('1123-9', '1123-1129')
    >>> normalise_pages("e396–e403"), normalise_pages("45-3", expand_abbreviated=True)
    ('e396-e403', '45-3')
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    text = _DASH.sub("-", text)
    match = _ABBREVIATED_RANGE.fullmatch(text) if expand_abbreviated else None
    if match:
        first, last = match.groups()
        if len(last) < len(first) and int(first[-len(last) :]) < int(last):
            text = f"{first}-{first[: -len(last)]}{last}"
    return text


_ABBREVIATED_RANGE = re.compile(r"(\d+)-(\d+)")


def parse_date(value: str | None) -> PartialDate | None:
    """A partial date from the many forms exports use.

    Handles ``2020``, ``2020/05//``, ``2020/05/14/``, ``2020-05-14``, ``2020 May 14``,
    ``May 2020``, ``2020 Spring`` (year only), ``14 May 2020``; anything without a plausible
    year gives ``None``.

    >>> str(parse_date("2020/05//"))
    '2020-05'
    >>> str(parse_date("2019 Dec 3"))
    '2019-12-03'
    """
    if not value:
        return None
    text = value.strip()
    year_match = _YEAR.search(text)
    if not year_match:
        return None
    year = int(year_match.group(1))
    numeric = _NUMERIC_DATE.fullmatch(text)
    month: int | None = None
    day: int | None = None
    if numeric and numeric.group(1) == year_match.group(1):
        month = int(numeric.group(2)) if numeric.group(2) else None
        day = int(numeric.group(3)) if numeric.group(3) else None
    else:
        words = _WORD.findall(text)
        month = next((MONTHS[w.lower()] for w in words if w.lower() in MONTHS), None)
        if month is not None:
            rest = text[: year_match.start()] + " " + text[year_match.end() :]
            day_match = _DAY.search(rest)
            day = int(day_match.group(1)) if day_match else None
    if month is not None and not 1 <= month <= 12:
        month, day = None, None
    if day is not None and (month is None or not 1 <= day <= 31):
        day = None
    return PartialDate(year, month, day)


_ORGANISATION_WORDS = re.compile(
    r"\b(?:group|collaboration|consortium|committee|council|department|ministry|agency|"
    r"association|society|institute|institution|organi[sz]ation|foundation|office|nhs|"
    r"university|centre|center|trust|board|network|authority|alliance|team|who|"
    r"government|commission|academy|service|services|federation|fund|programme|program)\b",
    re.IGNORECASE,
)


def split_name(text: str) -> Name | None:
    """A :class:`~realistsynth.model.Name` from the forms exports use.

    ``Family, Given`` and ``Family, G.`` split at the first comma; ``Family GH`` (MEDLINE
    ``AU``) splits before the trailing initials; ``Given Family`` splits at the last space;
    organisations (a name with words such as *Institute*, *NHS*, *Group*) and single words stay
    literal. Braces ``{...}`` (BibTeX's "keep as is") make the whole name literal.

    >>> split_name("Aunger, J.A.")
    Name(family='Aunger', given='J.A.', literal=None, particle=None, suffix=None)
    >>> split_name("Smith JA").given
    'J.A.'
    >>> split_name("Neiva Ganga R.").family
    'Neiva Ganga'
    >>> split_name("NHS England and NHS Improvement").literal
    'NHS England and NHS Improvement'
    """
    # most names hold no whitespace but single spaces (isprintable is False for any other
    # whitespace): then the substitution would change nothing, and costs 10x the test
    if not text.isprintable() or "  " in text:
        text = _SPACES.sub(" ", text)
    name = text.strip().strip(",;").strip()
    if not name:
        return None
    if name.startswith("{") and name.endswith("}"):
        inner = name[1:-1].strip()
        return Name(literal=inner) if inner else None
    if "," in name:
        family, _, given = name.partition(",")
        family, given = family.strip(), given.strip()
        suffix = None
        if "," in given:  # "Family, Jr., Given" (BibTeX) or "Family, Given, Jr"
            first, _, second = given.partition(",")
            if first.strip().rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
                suffix, given = first.strip(), second.strip()
            elif second.strip().rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
                given, suffix = first.strip(), second.strip()
        if not family:
            return Name(literal=given) if given else None
        if not given and _ORGANISATION_WORDS.search(family):
            return Name(literal=family)
        # family is stripped and not empty: the one rule of a person's name holds
        return _unchecked_person(family, given or None, suffix)
    if _ORGANISATION_WORDS.search(name) or " and " in name.lower():
        return Name(literal=name)
    parts = name.split(" ")
    if len(parts) == 1:
        return _unchecked_person(parts[0], None)
    last = parts[-1]
    if _INITIALS.fullmatch(last) and len(parts) >= 2:  # MEDLINE "Smith JA"
        return _unchecked_person(" ".join(parts[:-1]), ".".join(last) + ".")
    if _DOTTED_INITIALS.fullmatch(last):  # Scopus "Smith J.A."
        return _unchecked_person(" ".join(parts[:-1]), last)
    return _unchecked_person(last, " ".join(parts[:-1]))
