"""The comparable form of a record: what matching looks at, computed once per record.

Databases describe one work in different ways; these keys remove the differences that do not
tell two works apart and keep the ones that do. Titles lose markup (``<i>``, ``&amp;``, LaTeX
braces), the brackets that MEDLINE puts round translated titles, trailing language tags
(``[Chinese]``) and database notes (``[Review] [45 refs]``, ``[Erratum appears in ...]``), a
MEDLINE citation appended to a letter's title, accents, case and punctuation; placeholders such
as ``[Not Available]`` count as no title at all; the numbers in a title (``Part II``, ``2019``)
are kept apart because two titles differing only there are different works (read twice, with
and without spaces, as databases space "CO 2" and "10 000" as they please). The part of a
title after a topic or kicker is kept aside, and so are the last page, a supplement flag, the
journal behind an Embase conference container and the start of the abstract. Names become
ASCII family names (and the given names are kept aside to spot a source that swapped them);
pages their first page; containers a lower-case string. Flags say what kind of item a record
is (an erratum or retraction notice, including Web of Science's "Title (vol 360, pg 542,
2009)" form, a comment or reply, a protocol, a preprint, a conference paper), because such
items are *related* to an article without being it.

A :class:`MatchKeys` is a slotted plain class, not an attrs value object: 100,000 of them are
built per run, and this is the hot path.
"""

from __future__ import annotations

import html
import re
import unicodedata

from realistsynth.formats.normalise import normalise_doi, normalise_pmid
from realistsynth.model.common import MONTH_NAMES
from realistsynth.model.records import Record

__all__ = [
    "MatchKeys",
    "NoticeKind",
    "normalise_text",
    "normalise_title",
    "prepare",
    "significant_tokens",
]

_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_LATEX_CMD = re.compile(r"\\[A-Za-z]+\s*")
_TRAILING_TAG = re.compile(r"\s*[\[(]([A-Za-z][A-Za-z ,\-]{1,40})[\])]\s*\.?\s*$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# notes that databases append to a title: "[Erratum appears in ...]", "[1]", "(multiple letters)"
_NOTE_TAIL = re.compile(
    r"\s*(?:\[(?:erratum|comment|retraction|corrected|update|see|published)[^\]]*(?:\]|$).*"
    r"|\[[^\[\]]{1,30}\]|\((?:multiple letters|provisional abstract|structured abstract|"
    r"abstract|review|editorial)\))\s*\.?\s*$",
    re.IGNORECASE,
)
# Web of Science's correction notices: "Title (vol 142, pg 310, 2003)"
_CORRECTION_TAIL = re.compile(
    r"\(\s*vol\.?\s*\d+[^)]*\b(?:pg|p|page)\.?\s*\d+[^)]*\)\s*$"
    # and Embase's: "Title (New England Journal of Medicine (2009) 360 (542-544))"
    r"|\([^()]{3,120}\(\d{4}\)\s*\d+[^()]{0,20}\([\d\s\-–]+\)\)\s*$",
    re.IGNORECASE,
)
# the same, cut off by the database's title length: "Erratum: Title (The Journal of Pediatrics
# (M". Only dropped, never taken for a notice on its own: a long title cut inside nested
# brackets looks the same, and the notices that end so begin with "Erratum" anyway
_CUT_CITATION_TAIL = re.compile(r"\s*\([A-Z][^()]{2,150}\([A-Za-z0-9 ,]{0,40}$")
# a MEDLINE citation a database appended to a letter's title, naming the article it answers:
# "More on eculizumab ... N Engl J Med. 2009 Jan 29;360(5):544-6"
_CITATION_TAIL = re.compile(
    r"[.\s]+[A-Z][A-Za-z.&' ]{2,80}\.\s+(?:19|20)\d\d(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;"
    r"\s*\d+\s*(?:\([^()]{1,20}\))?\s*:\s*[A-Za-z]?\d+(?:\s*-\s*[A-Za-z]?\d+)?\.?\s*$"
)
# a reply named by its end: "Title - Reply", "Title: authors' reply"
_REPLY_TAIL = re.compile(
    r"[\-–:.]\s*(?:reply|(?:the\s+)?authors?'?\s*(?:reply|response))\s*\.?\s*$", re.IGNORECASE
)
# where a title's topic or kicker ends and the title proper starts: "Thrombotic
# microangiopathy: can ...", "How did it ... Upwork's CEO on ..."
_KICKER = re.compile(r":\s|\.\.\.\s*|…\s*")
# an issue that is a supplement: "Suppl. 1", "S2", "Supplement"
_SUPPLEMENT = re.compile(r"suppl|^\s*s\s*\d", re.IGNORECASE)
# Embase files a conference abstract printed in a journal under "Journal.Conference: Meeting"
_CONFERENCE_IN_JOURNAL = re.compile(r"^(.{3,120}?)\.\s*conference\s*:", re.IGNORECASE)
_MONTH_NAMES = [name.lower() for name in MONTH_NAMES]
# an issue given as its month ("May"): the month's number, as other databases give it
_MONTHS = {
    **{name: str(i) for i, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: str(i) for i, name in enumerate(_MONTH_NAMES, 1)},
}
_NUMBER = re.compile(r"\d+")
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})
_LANGUAGE_WORDS = frozenset(
    [
        "chinese",
        "japanese",
        "german",
        "french",
        "spanish",
        "portuguese",
        "italian",
        "russian",
        "korean",
        "dutch",
        "polish",
        "turkish",
        "persian",
        "arabic",
        "hungarian",
        "czech",
        "swedish",
        "danish",
        "norwegian",
        "finnish",
        "greek",
        "hebrew",
        "croatian",
        "serbian",
        "slovak",
        "slovenian",
        "romanian",
        "bulgarian",
        "ukrainian",
        "lithuanian",
        "latvian",
        "estonian",
        "icelandic",
        "thai",
        "vietnamese",
        "indonesian",
        "malay",
        "article",
        "in",
        "english",
        "abstract",
        "author's",
        "transl",
        "authors",
        "editorial",
        "letter",
    ]
)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "for",
        "to",
        "with",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "be",
        "its",
        "their",
        "this",
        "that",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "et",
        "en",
        "und",
        "der",
        "die",
        "das",
    ]
)
_PREPRINT_CONTAINER = re.compile(
    r"arxiv|biorxiv|medrxiv|psyarxiv|socarxiv|ssrn|preprint|research square|osf",
    re.IGNORECASE,
)
_PREPRINT_DOI = ("10.1101/", "10.48550/", "10.2139/", "10.21203/", "10.31234/", "10.20944/")
_CONFERENCE_CONTAINER = re.compile(
    r"proceedings|conference|congress|symposium|meeting abstract|annual meeting|\bamcis\b|"
    r"\bicis\b|\becis\b|\bhicss\b|\bpacis\b",
    re.IGNORECASE,
)


class NoticeKind:
    """The kinds of notice that are related to an article without being it."""

    ERRATUM = "erratum"
    RETRACTION = "retraction"
    COMMENT = "comment"
    REPLY = "reply"


_NOTICE_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^(?:erratum|errata|corrigendum|corrigenda|correction|publisher correction)\b"),
        NoticeKind.ERRATUM,
    ),
    (
        re.compile(r"^(?:retraction|notice of retraction|expression of concern|withdrawal)\b"),
        NoticeKind.RETRACTION,
    ),
    (
        re.compile(r"^(?:comment|commentary|comments) (?:on|to|about)\b|^re\b|^letter to"),
        NoticeKind.COMMENT,
    ),
    (
        re.compile(r"^(?:reply|response|in reply|in response|authors? reply|author response)\b"),
        NoticeKind.REPLY,
    ),
)
# the word joining a notice to what it concerns: "Erratum to ...", "Comment on ..."
_NOTICE_LINK = re.compile(r"^(?:to|on|of|for|about|regarding)\s+")
_RETRACTED_PREFIX = re.compile(r"^\s*(?:retracted|withdrawn)\s*(?:article)?\s*[:.\-]\s*", re.I)
_PLACEHOLDER_TITLE = re.compile(
    r"^\W*(?:not available|no title(?: available)?|untitled|title not available|n/?a)\W*$",
    re.IGNORECASE,
)
_PROTOCOL = re.compile(r"\bprotocol\b", re.IGNORECASE)
_ERRATUM_INSIDE = re.compile(r"\((?:erratum|correction|corrigendum)\b", re.IGNORECASE)


def normalise_text(text: str) -> str:
    """Lower-case ASCII words separated by single spaces (accents folded, markup kept)."""
    if text.isascii():  # most text: skip the Unicode folding, a third of the cost
        ascii_text = text.lower()
    else:
        folded = unicodedata.normalize("NFKD", text)
        ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", ascii_text.replace("&", " and ")).strip()


def _strip_markup(text: str) -> str:
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
        if "<" in text:
            text = _TAG.sub("", text)
    if "\\" in text or "{" in text:
        text = _LATEX_CMD.sub("", text).replace("{", "").replace("}", "")
    return text


def normalise_title(title: str) -> str:
    """A title as matching compares it.

    >>> normalise_title("[Effect of <i>Tai Chi</i> on falls].")
    'effect of tai chi on falls'
    >>> normalise_title("Efficacy of batroxobin. [Chinese]")
    'efficacy of batroxobin'
    >>> normalise_title("RETRACTED: Caf&eacute; workers")
    'cafe workers'
    """
    text = _strip_markup(title).strip()
    text = _RETRACTED_PREFIX.sub("", text)
    for _ in range(4):
        if text.startswith("[") and text.rstrip(". ").endswith("]") and text.count("[") == 1:
            break  # a translated title in brackets, handled below
        text, cut = _NOTE_TAIL.subn("", text)
        if not cut:
            break
    text = _CORRECTION_TAIL.sub("", text)
    text = _CUT_CITATION_TAIL.sub("", text)
    text = _CITATION_TAIL.sub("", text)
    # a trailing language tag or note: "[Chinese]", "(author's transl)"
    match = _TRAILING_TAG.search(text)
    if match and all(
        w in _LANGUAGE_WORDS for w in match.group(1).lower().replace(",", " ").split()
    ):
        text = text[: match.start()]
    text = text.strip().rstrip(".").strip()
    # MEDLINE puts a translated title in brackets: "[Title in English]."
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return normalise_text(text)


# words after which a trailing number is part of the title ("part 2", "type 1"), not a
# footnote marker ("... employee representation 1")
_NUMBERED = frozenset(
    {
        "part",
        "phase",
        "type",
        "study",
        "trial",
        "volume",
        "vol",
        "no",
        "number",
        "grade",
        "stage",
        "section",
        "chapter",
        "issue",
        "edition",
        "class",
        "level",
        "wave",
        "round",
        "series",
        "cohort",
        "year",
        "years",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "version",
        "step",
    }
)


def _title_numbers(tokens: list[str]) -> frozenset[str]:
    numbers = [t for t in tokens if t.isdigit() or t in _ROMAN]
    if (
        len(tokens) >= 8
        and tokens[-1].isdigit()
        and len(tokens[-1]) == 1
        and tokens[-2] not in _NUMBERED
        and numbers.count(tokens[-1]) == 1
    ):
        numbers.remove(tokens[-1])
    return frozenset(numbers)


def _spaceless_numbers(tokens: list[str], numbers: frozenset[str]) -> frozenset[str]:
    """The title's numbers read with the spaces taken out: "CO 2" and "CO2", "10 000" and
    "10000", "HPV 16/18" and "HPV16/18" differ in :func:`_title_numbers`, not here."""
    kept = [t for t in tokens if t not in _ROMAN]
    if kept and kept[-1].isdigit() and kept[-1] not in numbers:
        kept.pop()  # the footnote marker that _title_numbers left out
    return frozenset(_NUMBER.findall("".join(kept)))


def _family(text: str) -> str:
    return _NON_ALNUM.sub("", normalise_text(text))


class MatchKeys:
    """What matching compares about one record (see the module docstring)."""

    __slots__ = (
        "abstract_start",
        "authors",
        "conference",
        "conference_journal",
        "container",
        "doi",
        "families",
        "first_author",
        "id",
        "issn",
        "issue",
        "journal",
        "last_page",
        "name_parts",
        "notice",
        "numbers",
        "numbers_spaceless",
        "page",
        "page_lettered",
        "pmcid",
        "pmid",
        "preprint",
        "protocol",
        "retracted",
        "supplement",
        "title",
        "title_main",
        "title_tail",
        "tokens",
        "volume",
        "year",
    )

    def __init__(self, record_id: str) -> None:
        self.id = record_id
        self.abstract_start = ""
        self.title = ""
        self.title_main = ""
        self.title_tail = ""
        self.tokens: list[str] = []
        self.numbers: frozenset[str] = frozenset()
        self.numbers_spaceless: frozenset[str] = frozenset()
        self.authors = ""
        self.first_author = ""
        self.families: frozenset[str] = frozenset()
        self.name_parts: frozenset[str] = frozenset()
        self.year: int | None = None
        self.container = ""
        self.issn: frozenset[str] = frozenset()
        self.volume = ""
        self.issue = ""
        self.page = ""
        self.page_lettered = False
        self.last_page = ""
        self.supplement = False
        self.doi = ""
        self.pmid = ""
        self.pmcid = ""
        self.notice = ""
        self.retracted = False
        self.protocol = False
        self.preprint = False
        self.conference = False
        self.conference_journal = ""
        self.journal = False


# how much of an abstract is kept: enough that two equal starts are one text, not a formula
_ABSTRACT_START = 300


def _digits(value: str | None) -> str:
    """The first number in a volume, issue or page (``Drug Discovery. 9`` -> ``9``)."""
    if not value:
        return ""
    match = _NUMBER.search(value)
    if match is None:
        return normalise_text(value).replace(" ", "")
    return match.group(0).lstrip("0") or "0"


_PAGE_SPLIT = re.compile(r"\s*(?:--|[-‐‑‒–—,])\s*")


def _first_page(pages: str | None) -> str:
    """The first page, or ``""`` when it is no page number (``Suppl``, ``t``)."""
    if not pages:
        return ""
    first = _PAGE_SPLIT.split(pages.strip(), maxsplit=1)[0]
    if not _NUMBER.search(first):
        return ""
    return _digits(first)


def _last_page(pages: str | None, first: str) -> str:
    """The last page written out in full (``2097-108`` -> ``2108``), or ``""`` for one page."""
    if not pages or not first.isdigit():
        return ""
    parts = _PAGE_SPLIT.split(pages.strip())
    if len(parts) < 2:
        return ""
    last = _digits(parts[-1])
    if not last.isdigit():
        return ""
    if len(last) < len(first):  # MEDLINE's short form: 2097-108
        last = first[: len(first) - len(last)] + last
    # a last page before the first is kept: it is a typo in one of them, and the last page is
    # what lets matching see past a typo in the first ("2297-2108" against "2097-2108")
    return last if last != first else ""


# Complexity (radon 51): one short step per match key, in the order the keys depend on each
# other (the title before its notice kind, the notice before the kicker); each step is a
# guard and an assignment.
def prepare(record: Record) -> MatchKeys:
    """The match keys of one record."""
    keys = MatchKeys(record.id)
    raw_title = record.title or ""
    if _PLACEHOLDER_TITLE.match(raw_title):
        raw_title = ""  # "[Not Available]": MEDLINE's way of saying there is no title
    if raw_title.strip():
        plain = _strip_markup(raw_title).strip()
        keys.retracted = bool(_RETRACTED_PREFIX.match(plain))
        title = normalise_title(raw_title)
        for pattern, kind in _NOTICE_PREFIXES:
            prefix = pattern.match(title)
            if prefix is not None:
                keys.notice = kind
                # two databases' copies of one notice are compared on what it concerns: the
                # word "erratum" weighs much in a short title, and would spoil blocking
                rest = _NOTICE_LINK.sub("", title[prefix.end() :].strip())
                if len(rest.split()) >= 3:
                    title = rest
                break
        else:
            if _ERRATUM_INSIDE.search(plain) or _CORRECTION_TAIL.search(plain):
                keys.notice = NoticeKind.ERRATUM
            elif _REPLY_TAIL.search(plain):
                keys.notice = NoticeKind.REPLY
        keys.title = title
        keys.tokens = title.split()
        main = normalise_title(re.split(r"[:?]\s", plain, maxsplit=1)[0]) if ":" in plain else ""
        keys.title_main = main if main != title else ""
        bare = _CITATION_TAIL.sub("", plain)
        kicker = _KICKER.search(bare)
        if kicker is not None and kicker.start() > 0 and not keys.notice:
            tail = normalise_title(bare[kicker.end() :])
            keys.title_tail = tail if tail != title else ""
        keys.numbers = _title_numbers(keys.tokens)
        keys.numbers_spaceless = _spaceless_numbers(keys.tokens, keys.numbers)
        keys.protocol = bool(_PROTOCOL.search(title))
    families = []
    parts: set[str] = set()
    for name in record.authors:
        family = _family(name.literal or name.family or "")
        if family:
            families.append(family)
            parts.add(family)
        for given in normalise_text(name.given or "").split():
            if len(given) > 1:
                parts.add(given)
    keys.name_parts = frozenset(parts)
    keys.families = frozenset(families)
    if families:
        keys.first_author = families[0]
        keys.authors = " ".join(families[:8])
    keys.year = record.year
    if record.abstract and len(record.abstract) >= _ABSTRACT_START:
        start = normalise_text(record.abstract[: 2 * _ABSTRACT_START])[:_ABSTRACT_START]
        keys.abstract_start = start if len(start) == _ABSTRACT_START else ""
    container = record.container_title or record.container_title_short or ""
    keys.container = normalise_text(_strip_markup(container)) if container else ""
    keys.issn = frozenset(i.replace("-", "").upper() for i in record.issn if i)
    keys.volume = _digits(record.volume) if record.volume and _NUMBER.search(record.volume) else ""
    if keys.volume and keys.volume == str(record.year):
        keys.volume = ""  # the year given as volume ("2016", issue "May") locates nothing
    issue = _digits(record.issue)
    keys.issue = _MONTHS.get(issue, issue)
    keys.supplement = bool(record.issue and _SUPPLEMENT.search(record.issue))
    keys.page = _first_page(record.pages)
    keys.last_page = _last_page(record.pages, keys.page)
    keys.page_lettered = bool(record.pages and record.pages.strip()[:1].isalpha())
    keys.doi = normalise_doi(record.doi) or ""
    keys.pmid = normalise_pmid(record.pmid) or ""
    keys.pmcid = (record.pmcid or "").strip().upper().removeprefix("PMC")
    keys.preprint = bool(
        (container and _PREPRINT_CONTAINER.search(container))
        or (not container and keys.doi.startswith(_PREPRINT_DOI))
        or record.type == "post"
    )
    keys.conference = record.type == "paper-conference" or bool(
        container and _CONFERENCE_CONTAINER.search(container)
    )
    in_journal = _CONFERENCE_IN_JOURNAL.match(container) if keys.conference else None
    if in_journal is not None:
        keys.conference_journal = normalise_text(in_journal.group(1))
    keys.journal = record.type == "article-journal" and not keys.conference
    return keys


def significant_tokens(keys: MatchKeys) -> list[str]:
    """The title's words without stop words (what blocking keys are made of)."""
    return [t for t in keys.tokens if t not in _STOP]
