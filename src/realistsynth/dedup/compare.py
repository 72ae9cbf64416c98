"""Comparing two records: a score per field, then named rules asked in order.

The pair is scored field by field once (:class:`Pair`: the field scores, the combined
score, and the conflicting fields as typed :class:`Conflict` values, an enum kind plus a text
for people); then each rule of :data:`RULES` is asked in turn, and the first that decides gives
the verdict (``related``, ``identifier``, ``locator``, ``preprint``, ``retracted``,
``republished``, ``fuzzy_locator``, ``fuzzy_pages_differ``, ``fuzzy``). Every threshold is a
named field of :class:`DedupSettings` with what it trades. A labelled set of pairs, one or more
per rule, guards them (``tests/data/dedup/rule_pairs.json``).

Stage 1, identifiers: a shared DOI, PMID or PMCID is strong evidence but not proof (some
databases attach a wrong DOI; errata and supplements can carry the parent's DOI), so a clearly
different title vetoes it, and a shared DOI with a half-similar title goes to the review queue.
Stage 2, fuzzy fields: normalised title (rapidfuzz ``ratio``), authors, year (±1), container
or ISSN, volume, issue and first page, combined into one weighted score over the fields both
records have. A pair is a *duplicate* only when the title is near-identical, the score clears
``sure`` and no field contradicts (different pages, volume, year by more than one, numbers in
the title, first author, PMID or DOI); it is *uncertain* (queued for a reviewer) when it clears
``different`` but not all of that; otherwise the records are different works.

Related items are named as such instead of merged: an erratum, retraction notice, comment or
reply and the article it concerns; a protocol and its results paper; a conference paper and
the journal article; a preprint and its published version (uncertain: teams differ on whether
those are one report, so a reviewer decides). One conference case is decided the other way on
purpose: an abstract that Embase files under "Journal.Conference: Meeting" and another
database under that journal's supplement issue (or a single page of it) is one printed
abstract, so it is compared as a duplicate would be; against a full article in a regular issue
it stays related.

Databases' slips that the rules see through, each with a field that still vouches for the
pair: a typo in the first page when the last page agrees; fields shifted one place (no volume,
issue 26, page 9 for volume 26, issue 9); a topic or kicker before the title; a one-author
title in another language when the whole page range agrees; an article printed twice with the
same title, authors and abstract. And one slip the rules refuse: a word of a title replaced by
an unlike word ("adult" and "adolescent") without a shared page is a sister work, not a typo.

The rules favour precision: a wrong merge hides a study from the review, a missed one costs a
reviewer one extra record to screen.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import NamedTuple

from attrs import field, frozen
from rapidfuzz.distance import Indel

from realistsynth.dedup.keys import MatchKeys
from realistsynth.model.dedup import LinkVerdict

__all__ = [
    "RULES",
    "Comparison",
    "Conflict",
    "ConflictKind",
    "DedupSettings",
    "Pair",
    "Rule",
    "compare",
]

_ratio = Indel.normalized_similarity

# weights of the combined score; a field missing on either side is left out and the rest
# re-weighted, so a record without pages is not punished for it
_WEIGHTS = {
    "title": 0.45,
    "authors": 0.2,
    "year": 0.1,
    "container": 0.05,
    "volume": 0.05,
    "issue": 0.05,
    "pages": 0.1,
}


def _check_thresholds(instance: DedupSettings, attribute: object, value: float) -> None:
    if not 0.0 < instance.different <= value <= 1.0:
        raise ValueError(
            f"thresholds must satisfy 0 < different ({instance.different}) <= sure ({value}) <= 1"
        )


@frozen
class DedupSettings:
    """The thresholds of a de-duplication run, each named for what it trades.

    Similarities are between 0 and 1 (rapidfuzz's normalised Indel similarity of the
    normalised strings); the combined score is the weighted mean of the field scores both
    records have. Raising a threshold favours precision (fewer wrong merges, which hide a
    study from the review); lowering it favours recall (fewer missed pairs, each of which
    costs a reviewer one extra record to screen). The defaults are the ones the labelled
    benchmark sets were measured with (docs/benchmarks/dedup.md).

    The combined score:

    :ivar different: below this combined score a pair is two different works; from it (with
        a title of at least ``title_uncertain``) a pair that is not sure goes to the review
        queue. Lower: more pairs queued for a reviewer.
    :ivar sure: from this combined score (with a title of at least ``title_sure`` and no
        conflicting field) a pair is one work; between ``different`` and this it goes to the
        review queue. Lower: more automatic merges, more wrong ones.
    :ivar max_block: blocks larger than this are split by year, then skipped: they come
        from keys too common to tell records apart. Higher: more comparisons (time), a few
        more pairs found among very common titles.

    Titles:

    :ivar title_sure: the title similarity a fuzzy duplicate needs; below it a shared
        volume, page and year is a ``locator`` case (a translated title?), a preprint is not
        linked to its published version, and a first page that differs is not seen through
        by the same last page.
    :ivar title_alike: titles this alike may describe one work. Below it, a pair without a
        shared identifier or locator is not compared at all, a related item (erratum,
        protocol ...) is not linked, a shared identifier with a different title goes to the
        queue, and two papers on one page by different authors are two works.
    :ivar title_veto: a shared DOI, PMID or PMCID with a title below this is a wrong
        identifier (databases attach them to errata, supplements, the wrong paper): two works.
    :ivar title_identifier_sure: with a shared identifier, a title below this lets
        differing first authors send the pair to the queue; from it the identifier and the
        title outweigh the authors.
    :ivar title_uncertain: the least title similarity of a queued fuzzy pair; below it a
        pair that is not sure is two works, not a reviewer's question.
    :ivar title_near: with the same journal, volume, first page and year, a title this
        alike settles the pair (``fuzzy-locator``) and outweighs garbled first authors.
    :ivar title_identical: a title this alike is the same text but for case, punctuation
        or a typo: what a republication, a first page that differs and an identical long
        title on one whole page range need.
    :ivar title_without_authors: the title a sure pair needs when neither record has
        authors (with the year and the volume or first page agreeing).
    :ivar title_part_below: a whole title below this similarity is compared again without a
        subtitle or a leading topic (a kicker) one source left out.
    :ivar title_part_chars: ... only when the shorter part has at least this many
        characters: a short main title ("Leadership") says little.
    :ivar title_part_discount: the score of a match of title parts, times the parts'
        similarity: a little below a whole-title match.
    :ivar generic_title_words: a title of at most this many words ("Editorial", "Editor's
        comments") is generic: with any conflicting field the pair is two works.
    :ivar long_title_words: a title of at least this many words is specific enough to
        outweigh a differing first page, or to match without authors on one page range.

    Authors:

    :ivar first_author_alike: first authors this alike agree (spelling, initials).
    :ivar first_author_conflict: differing first authors conflict only when the whole
        author lists are less alike than this (one source may have reordered them).
    :ivar authors_agree: author lists this alike (and first authors agreeing) agree.
    :ivar authors_truncated: the author score given when one list starts the other (one
        source cut it: "et al.").
    :ivar authors_swapped: the author score given when one source swapped given and family
        names ("Andrea, Carignani").
    :ivar authors_republished: the author similarity a republication needs.
    :ivar authors_garbled: with the same journal, volume, page and year and a title of at
        least ``title_near``, author lists this alike outweigh differing first authors.
    :ivar title_with_authors: with the same journal, volume, page and year and agreeing
        authors, a title this alike is one work (``fuzzy-locator``).

    Venue and pages:

    :ivar container_same: journal names this alike (or an abbreviation or acronym of one
        another, which scores this) are one journal: a printed conference abstract and its
        journal, a republication, a year apart in one venue.
    :ivar container_same_place: the journal similarity the ``fuzzy-locator`` rule needs
        (journal names are garbled more than volumes and pages).
    :ivar container_locator: without volumes, proceedings names this alike are one venue
        for the same-locator rule.
    :ivar conferences_differ: two conference papers of different years in venues less alike
        than this are different works.
    :ivar acronym_words: the least number of significant words a name needs for its
        acronym (ICIS, HICSS) to count as the name.
    :ivar page_gap: first pages at most this far apart may be one article's (a database's
        off-by-some) when the title is identical.
    :ivar article_number_chars: a first page of at least this many characters against a
        first page ``1`` is an article number against an online article's own pagination:
        the two pages say nothing about each other.
    :ivar word_alike: two differing title words this alike are a spelling variant
        ("paediatric", "pediatric"); less alike, a swapped word ("adult", "adolescent") that
        makes a sister work.
    """

    different: float = 0.75
    sure: float = field(default=0.85, validator=_check_thresholds)
    max_block: int = 100
    title_sure: float = 0.95
    title_alike: float = 0.8
    title_veto: float = 0.6
    title_identifier_sure: float = 0.95
    title_uncertain: float = 0.85
    title_near: float = 0.97
    title_identical: float = 0.99
    title_without_authors: float = 0.98
    title_part_below: float = 0.97
    title_part_chars: int = 30
    title_part_discount: float = 0.98
    generic_title_words: int = 3
    long_title_words: int = 6
    first_author_alike: float = 0.85
    first_author_conflict: float = 0.8
    authors_agree: float = 0.9
    authors_truncated: float = 0.95
    authors_swapped: float = 0.9
    authors_republished: float = 0.95
    authors_garbled: float = 0.5
    title_with_authors: float = 0.9
    container_same: float = 0.9
    container_same_place: float = 0.8
    container_locator: float = 0.95
    conferences_differ: float = 0.6
    acronym_words: int = 3
    page_gap: int = 10
    article_number_chars: int = 4
    word_alike: float = 0.75


class ConflictKind(enum.Enum):
    """What a conflicting field is; rules filter conflicts by kind, never by their text."""

    TITLE_NUMBERS = "title numbers"
    FIRST_AUTHOR = "first author"
    YEAR = "year"
    CONFERENCE = "conference"
    VOLUME = "volume"
    FIRST_PAGE = "first page"
    ISSUE = "issue"
    DOI = "doi"
    PMID = "pmid"
    YEAR_AND_VENUE = "year and venue"
    SWAPPED_WORD = "swapped word"


class Conflict(NamedTuple):
    """A field on which two records contradict each other: its kind, and a text for people."""

    kind: ConflictKind
    text: str


class Comparison:
    """The outcome for one pair: verdict, the rule that decided, scores and conflicts.

    ``verdict`` is ``None`` when the rule decided that the records are different works
    (:func:`compare` then returns ``None``).
    """

    __slots__ = ("conflicts", "fields", "note", "rule", "score", "verdict")

    def __init__(
        self,
        verdict: LinkVerdict | None,
        rule: str,
        score: float,
        fields: dict[str, float],
        note: str | None = None,
        conflicts: tuple[Conflict, ...] = (),
    ) -> None:
        self.verdict = verdict
        self.rule = rule
        self.score = score
        self.fields = fields
        self.note = note
        self.conflicts = conflicts


def _title_score(a: MatchKeys, b: MatchKeys, s: DedupSettings) -> float:
    score = _ratio(a.title, b.title)
    if score < s.title_part_below and bool(a.title_main) != bool(b.title_main):
        # one source dropped the subtitle: compare its title with the other's main title, if
        # long enough to mean much. Not when both have subtitles: a series shares its main
        # title ("Building strong integrated care systems everywhere: guidance on ...")
        main_a, main_b = a.title_main or a.title, b.title_main or b.title
        if min(len(main_a), len(main_b)) >= s.title_part_chars:
            score = max(score, s.title_part_discount * _ratio(main_a, main_b))
    if score < s.title_part_below and bool(a.title_tail) != bool(b.title_tail):
        # one source put a topic or kicker before the title ("Thrombotic microangiopathy: can
        # ...", "How did it ... Upwork's CEO on ..."): the rest against the other's title
        tail, whole = (a.title_tail, b.title) if a.title_tail else (b.title_tail, a.title)
        if min(len(tail), len(whole)) >= s.title_part_chars:
            score = max(score, s.title_part_discount * _ratio(tail, whole))
    return score


def _author_score(a: MatchKeys, b: MatchKeys, s: DedupSettings) -> tuple[float, bool]:
    """Similarity of the author lists and whether the first authors agree."""
    first = (
        a.first_author == b.first_author
        or _ratio(a.first_author, b.first_author) >= s.first_author_alike
    )
    if not first and (a.first_author in b.authors or b.first_author in a.authors):
        first = True  # author order differs between sources
    whole = _ratio(a.authors, b.authors)
    shorter, longer = sorted((a.authors, b.authors), key=len)
    if longer.startswith(shorter):  # one source truncated the list ("et al.")
        whole = max(whole, s.authors_truncated)
    if not first and (
        (len(b.families) >= 2 and b.families <= a.name_parts)
        or (len(a.families) >= 2 and a.families <= b.name_parts)
    ):
        # one source swapped given and family names ("Andrea, Carignani")
        first, whole = True, max(whole, s.authors_swapped)
    return whole, first


_MINOR = frozenset({"of", "on", "the", "and", "for", "in", "a", "an"})


def _acronym_in(long: str, short: str, s: DedupSettings) -> bool:
    """Whether ``short`` has the acronym of ``long`` as a word (ICIS, HICSS ...)."""
    words = [w for w in long.split() if w not in _MINOR and not w.isdigit()]
    if len(words) < s.acronym_words:
        return False
    acronym = "".join(w[0] for w in words)
    return acronym in short.split()


def _abbreviates(x: str, y: str) -> bool:
    """Whether every word of one name starts the matching word of the other, minor words
    left out ("j thromb haemost" and "journal of thrombosis and haemostasis")."""
    wa = [w for w in x.split() if w not in _MINOR]
    wb = [w for w in y.split() if w not in _MINOR]
    return len(wa) == len(wb) > 0 and all(
        p.startswith(q) or q.startswith(p) for p, q in zip(wa, wb, strict=True)
    )


def _names_score(x: str, y: str, s: DedupSettings) -> float:
    score = _ratio(x, y)
    if score < s.container_same and (
        _acronym_in(x, y, s) or _acronym_in(y, x, s) or _abbreviates(x, y)
    ):
        score = s.container_same
    return score


def _container_score(a: MatchKeys, b: MatchKeys, s: DedupSettings) -> float:
    if a.issn and b.issn and a.issn & b.issn:
        return 1.0
    return _names_score(a.container, b.container, s)


def _abstract_in_journal(a: MatchKeys, b: MatchKeys, s: DedupSettings) -> bool:
    """Whether ``a`` is a conference abstract filed under the journal that printed it
    ("J Thromb Haemost.Conference: 23rd Congress ...") and ``b`` is an abstract-sized record
    of that journal in the same year: one printed abstract, not an abstract and an article.

    Abstract-sized: a supplement issue or a single page. A journal record with a page range in
    a regular issue is a full article, which stays related to the abstract, and so is one
    without pages (an article online before print may carry the abstract's title).
    """
    return bool(
        a.conference_journal
        and not b.conference
        and b.container
        and a.year is not None
        and a.year == b.year
        and (b.supplement or (b.page and not b.last_page))
        and _names_score(a.conference_journal, b.container, s) >= s.container_same
    )


def _shifted(a: MatchKeys, b: MatchKeys) -> bool:
    """Whether ``a``'s issue and page are ``b``'s volume and issue: a database shifted the
    fields one place (volume missing, issue 26, page 9 for volume 26, issue 9)."""
    return bool(not a.volume and b.volume and a.issue == b.volume and b.issue and a.page == b.issue)


def _article_number_against_one(x: str, y: str, s: DedupSettings) -> bool:
    """``1`` against ``12724``: one database paginates an online-only article from 1, the other
    gives its article number (``e12724``); the two say nothing about each other."""
    digits = s.article_number_chars
    return (x == "1" and len(y) >= digits) or (y == "1" and len(x) >= digits)


def _pages_may_agree(a: MatchKeys, b: MatchKeys, s: DedupSettings) -> bool:
    """Whether two different first pages can still be one article: one is an article number
    (``a1754``, ``e12724``) or they are a few pages apart (a database's off-by-some)."""
    if a.page_lettered or b.page_lettered:
        return True
    if a.page.isdigit() and b.page.isdigit():
        return abs(int(a.page) - int(b.page)) <= s.page_gap
    return False


def _swapped_word(a: MatchKeys, b: MatchKeys, s: DedupSettings) -> str:
    """A word of one title replaced by an unlike word in the other ("adult" and "adolescent",
    "sensitive" and "resistant"), as ``"adult / adolescent"``; ``""`` when every differing word
    has a spelling variant on the other side ("paediatric", "pediatric") or only one title has
    extra words (a dropped subtitle or note).

    Two registry entries of one sponsor's sister trials differ in just such a word, and with no
    journal, volume or page to tell them apart the title is all there is.
    """
    only_a = set(a.tokens).difference(b.tokens)
    only_b = set(b.tokens).difference(a.tokens)
    if not only_a or not only_b:
        return ""
    for x in sorted(only_a):
        if not any(_ratio(x, y) >= s.word_alike for y in only_b):
            for y in sorted(only_b):
                if not any(_ratio(y, z) >= s.word_alike for z in only_a):
                    return f"{x} / {y}"
    return ""


def _related_kind(a: MatchKeys, b: MatchKeys, same_locator: bool, printed_abstract: bool) -> str:
    """How two records are related items rather than one work, or ``""``."""
    if a.notice != b.notice:
        kind = a.notice or b.notice
        return f"{kind} notice and the item it concerns"
    if a.protocol != b.protocol:
        return "protocol and results paper of one study"
    if (
        ((a.conference and b.journal) or (b.conference and a.journal))
        and not (a.doi and a.doi == b.doi)
        and not same_locator  # one printed item, however the databases file it
        and not printed_abstract
    ):
        return "conference paper and journal article"
    return ""


def _same_identifier(a: MatchKeys, b: MatchKeys) -> str:
    """``"doi"``, ``"pmid"`` or ``"pmcid"``: the first identifier both records share, or ``""``."""
    if a.doi and a.doi == b.doi:
        return "doi"
    if a.pmid and a.pmid == b.pmid:
        return "pmid"
    if a.pmcid and a.pmcid == b.pmcid:
        return "pmcid"
    return ""


def _same_locator(a: MatchKeys, b: MatchKeys, s: DedupSettings) -> bool:
    """The same volume (or, without volumes, the same venue), first page and year: a title in
    another language, or two titles joined ("Utilidad de ...; Are antimicrobials useful ...")
    still describe one article."""
    return bool(
        (
            (a.volume and a.volume == b.volume)
            # proceedings have no volume: the same venue instead
            or (
                not a.volume
                and not b.volume
                and a.container
                and _ratio(a.container, b.container) >= s.container_locator
            )
        )
        and a.page
        and a.page == b.page
        and a.page != "1"  # what some databases give every online-only article
        and a.year is not None
        and a.year == b.year
    )


class Pair:
    """What the rules know about two records: both records' keys, the field scores, the
    conflicting fields and the facts several rules read. Built once per compared pair."""

    __slots__ = (
        "a",
        "authors_agree",
        "authors_known",
        "b",
        "conflicts",
        "fields",
        "generic",
        "has_titles",
        "printed_abstract",
        "same_id",
        "same_locator",
        "score",
        "shifted",
        "title",
    )

    def __init__(
        self,
        a: MatchKeys,
        b: MatchKeys,
        s: DedupSettings,
        title: float,
        same_id: str,
        same_locator: bool,
    ) -> None:
        self.a, self.b = a, b
        self.has_titles = bool(a.title and b.title)
        #: the title similarity, -1 when either record has no title
        self.title = title
        #: the identifier both share ("doi", "pmid", "pmcid") or ""
        self.same_id = same_id
        self.same_locator = same_locator
        self.generic = len(a.tokens) <= s.generic_title_words or (
            len(b.tokens) <= s.generic_title_words
        )
        self.printed_abstract = _abstract_in_journal(a, b, s) or _abstract_in_journal(b, a, s)
        self.shifted = _shifted(a, b) or _shifted(b, a)
        self.authors_known = bool(a.authors and b.authors)
        self.fields, conflicts = _field_scores(self, s)
        self.conflicts = tuple(conflicts)
        fields = self.fields
        total = sum(_WEIGHTS[f] for f in fields if f in _WEIGHTS)
        score = sum(_WEIGHTS[f] * v for f, v in fields.items() if f in _WEIGHTS) / total
        #: the combined score, the weighted mean of the field scores both records have
        self.score = round(min(max(score, 0.0), 1.0), 3)
        self.authors_agree = (
            self.authors_known
            and fields["authors"] >= s.authors_agree
            and not self.has(ConflictKind.FIRST_AUTHOR)
        )

    def has(self, kind: ConflictKind) -> bool:
        """Whether a field of this kind conflicts."""
        return any(c.kind is kind for c in self.conflicts)

    def decide(
        self,
        verdict: LinkVerdict | None,
        rule: str,
        note: str | None = None,
        *,
        fields: dict[str, float] | None = None,
        conflicts: Sequence[Conflict] | None = None,
    ) -> Comparison:
        """The outcome a rule gives this pair (``verdict`` ``None``: different works)."""
        return Comparison(
            verdict,
            rule,
            self.score,
            self.fields if fields is None else fields,
            note,
            self.conflicts if conflicts is None else tuple(conflicts),
        )


def _field_scores(p: Pair, s: DedupSettings) -> tuple[dict[str, float], list[Conflict]]:
    """A score per field both records have, and the fields that conflict, in a fixed order
    (the order of a queued pair's note)."""
    fields: dict[str, float] = {}
    conflicts: list[Conflict] = []
    _score_title_and_authors(p, s, fields, conflicts)
    _score_year_and_venue(p, s, fields, conflicts)
    _score_place(p, s, fields, conflicts)
    _score_identifiers(p, fields, conflicts)
    return fields, conflicts


def _score_title_and_authors(
    p: Pair, s: DedupSettings, fields: dict[str, float], conflicts: list[Conflict]
) -> None:
    a, b = p.a, p.b
    if p.has_titles:
        fields["title"] = round(p.title, 3)
        if a.numbers != b.numbers and a.numbers_spaceless != b.numbers_spaceless:
            conflicts.append(Conflict(ConflictKind.TITLE_NUMBERS, "numbers in the title differ"))
    if p.authors_known:
        whole, first = _author_score(a, b, s)
        fields["authors"] = round(whole, 3)
        if not first and whole < s.first_author_conflict:
            conflicts.append(Conflict(ConflictKind.FIRST_AUTHOR, "first authors differ"))


def _score_year_and_venue(
    p: Pair, s: DedupSettings, fields: dict[str, float], conflicts: list[Conflict]
) -> None:
    a, b = p.a, p.b
    if a.year is not None and b.year is not None:
        gap = abs(a.year - b.year)
        fields["year"] = 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0
        if gap > 1:
            conflicts.append(Conflict(ConflictKind.YEAR, f"years {a.year} and {b.year}"))
    if p.printed_abstract:
        journal = a.conference_journal or a.container, b.conference_journal or b.container
        fields["container"] = round(_names_score(*journal, s), 3)
    elif (a.container or a.issn) and (b.container or b.issn):
        fields["container"] = round(_container_score(a, b, s), 3)
        if (
            a.conference
            and b.conference
            and fields["container"] < s.conferences_differ
            and a.year is not None
            and a.year != b.year
        ):
            conflicts.append(Conflict(ConflictKind.CONFERENCE, "different conferences"))


def _score_place(
    p: Pair, s: DedupSettings, fields: dict[str, float], conflicts: list[Conflict]
) -> None:
    """Volume, first page and issue (``fields`` has the year and journal already)."""
    a, b = p.a, p.b
    if p.shifted:
        fields["volume"] = 1.0  # one source's issue is the other's volume: see _shifted
    elif a.volume and b.volume:
        fields["volume"] = 1.0 if a.volume == b.volume else 0.0
        if a.volume != b.volume:
            conflicts.append(Conflict(ConflictKind.VOLUME, f"volumes {a.volume} and {b.volume}"))
    if (
        a.page
        and b.page
        and not p.shifted
        and not _article_number_against_one(a.page, b.page, s)
        # databases give a printed abstract's page or its abstract number, as they please
        and not (p.printed_abstract and a.page != b.page)
    ):
        fields["pages"] = 1.0 if a.page == b.page else 0.0
        if a.page != b.page:
            text = f"first pages {a.page} and {b.page}"
            conflicts.append(Conflict(ConflictKind.FIRST_PAGE, text))
    if a.issue and b.issue and not p.shifted:
        fields["issue"] = 1.0 if a.issue == b.issue else 0.0
        # databases garble issue numbers often; a differing issue only counts against a pair
        # whose pages do not settle it (a recurring "Editor's comments" has no pages)
        if a.issue != b.issue and fields.get("pages") != 1.0:
            conflicts.append(Conflict(ConflictKind.ISSUE, f"issues {a.issue} and {b.issue}"))


def _score_identifiers(p: Pair, fields: dict[str, float], conflicts: list[Conflict]) -> None:
    a, b = p.a, p.b
    if a.doi and b.doi:
        fields["doi"] = 1.0 if a.doi == b.doi else 0.0
        if a.doi != b.doi:
            conflicts.append(Conflict(ConflictKind.DOI, "DOIs differ"))
    if a.pmid and b.pmid and a.pmid != b.pmid:
        fields["pmid"] = 0.0
        conflicts.append(Conflict(ConflictKind.PMID, "PMIDs differ"))


#: A rule: given a pair and the settings, the outcome it decides (a :class:`Comparison`;
#: with verdict ``None`` for different works), or ``None`` when the pair is not its case and
#: the next rule decides.
Rule = Callable[[Pair, DedupSettings], "Comparison | None"]


def related(p: Pair, s: DedupSettings) -> Comparison | None:
    """An erratum, retraction notice, comment or reply and the article it concerns; a protocol
    and its results paper; a conference paper and the journal article: related items, named
    as such and never merged (when their titles are alike or they share an identifier)."""
    if not p.has_titles:
        return None
    kind = _related_kind(p.a, p.b, p.same_locator, p.printed_abstract)
    if not kind:
        return None
    if p.title >= s.title_alike or p.same_id:
        return p.decide(LinkVerdict.RELATED, "related", kind)
    return p.decide(None, "related")


def identifier(p: Pair, s: DedupSettings) -> Comparison | None:
    """A shared DOI, PMID or PMCID (the rule is named by it): one work unless the title is
    clearly different (a wrong identifier: two works), or half-alike, or the PMIDs or first
    authors differ, or one record is marked retracted (the review queue)."""
    same_id = p.same_id
    if not same_id:
        return None
    if p.has_titles and p.title < s.title_veto:
        return p.decide(None, same_id)  # a clearly different title vetoes the identifier
    fields = {**p.fields, same_id: 1.0}
    retracted = p.a.retracted != p.b.retracted
    if not retracted and (
        not p.has_titles or p.title >= s.title_alike or (p.same_locator and p.authors_agree)
    ):
        hard = p.has(ConflictKind.PMID) or (
            p.title < s.title_identifier_sure and p.has(ConflictKind.FIRST_AUTHOR)
        )
        if not hard:
            return p.decide(LinkVerdict.DUPLICATE, same_id, fields=fields)
    if retracted:
        note = f"same {same_id.upper()}, but one record is marked retracted"
    else:
        texts = "; ".join(c.text for c in p.conflicts)
        note = f"same {same_id.upper()}, but " + (texts or "the titles differ")
    return p.decide(LinkVerdict.UNCERTAIN, same_id, note, fields=fields)


def locator(p: Pair, s: DedupSettings) -> Comparison | None:
    """The same volume, first page and year with titles less alike than ``title_sure``: a
    title in another language, or two titles joined. One work when the authors agree (two or
    more of them, or one on the same whole page range); else the review queue, or two works
    when they are two papers a database filed on one page."""
    a, b = p.a, p.b
    if not p.same_locator or p.title >= s.title_sure:
        return None
    if p.has_titles and (a.notice != b.notice or a.protocol != b.protocol):
        return p.decide(None, "locator")
    if p.authors_known and not p.authors_agree and p.title < s.title_alike:
        return p.decide(None, "locator")  # two papers a database filed on one page
    two_authors = a.authors.count(" ") >= 1 and b.authors.count(" ") >= 1
    # one author is thin evidence for a title in another language, unless the whole page
    # range agrees too, and either the titles are alike or the issue agrees and the
    # combined score is sure (one author's two papers in issues 1 and 2 of a volume can
    # carry the same page numbers)
    same_range = bool(
        a.last_page
        and a.last_page == b.last_page
        and (
            p.title >= s.title_alike
            or ((a.issue == b.issue or (a.supplement and b.supplement)) and p.score >= s.sure)
        )
    )
    if p.has_titles and p.authors_agree and (two_authors or same_range) and not p.conflicts:
        return p.decide(LinkVerdict.DUPLICATE, "locator")
    note = "same volume, first page and year, different titles (a translation?)"
    return p.decide(LinkVerdict.UNCERTAIN, "locator", note)


def preprint(p: Pair, s: DedupSettings) -> Comparison | None:
    """A preprint and its published version: the review queue when alike (teams differ on
    whether those are one report), else two works."""
    if p.a.preprint == p.b.preprint:
        return None
    if p.title >= s.title_sure and p.score >= s.different:
        return p.decide(LinkVerdict.UNCERTAIN, "preprint", "preprint and published version")
    return p.decide(None, "preprint")


def retracted(p: Pair, s: DedupSettings) -> Comparison | None:
    """One record marked retracted, the other not: a reviewer decides (reported as ``fuzzy``)."""
    if p.a.retracted == p.b.retracted:
        return None
    return p.decide(LinkVerdict.UNCERTAIN, "fuzzy", "one record is marked retracted")


def republished(p: Pair, s: DedupSettings) -> Comparison | None:
    """The same title, authors and abstract in one journal at two page ranges: one article
    printed twice (a republication, with its own DOI), one text for the review. Both must be
    page ranges: an erratum or an abstract is a page or less."""
    a, b = p.a, p.b
    if (
        a.abstract_start
        and a.abstract_start == b.abstract_start
        and p.title >= s.title_identical
        and p.authors_agree
        and p.fields["authors"] >= s.authors_republished
        and p.fields.get("container", 0.0) >= s.container_same
        and a.last_page
        and b.last_page
    ):
        return p.decide(LinkVerdict.DUPLICATE, "republished")
    return None


def _same_place(p: Pair, s: DedupSettings) -> bool:
    """The same volume, first page and year in the same journal (or no journal to compare)."""
    fields = p.fields
    return (
        fields.get("volume") == 1.0
        and fields.get("pages") == 1.0
        and fields.get("year") == 1.0
        and fields.get("container", 1.0) >= s.container_same_place
    )


def _conflicts_in_place(p: Pair, s: DedupSettings) -> list[Conflict]:
    """The pair's conflicts, less differing first authors where the place settles them.

    The same journal, volume, first page and year settle a near-identical title even when one
    database garbled the first author ("Jooa Julia" for "Lee, Jooa Julia") or a Greek letter
    ("Interferon-" for "Interferon-gamma"); the other authors must still agree, as two
    conference abstracts printed on one page are by different teams. An identical long title
    on the same whole page range needs no authors at all: one database names the study group
    ("ASCUS-LSIL Triage Study Group"), another its writer.
    """
    a, title = p.a, p.title
    same_last_page = bool(a.last_page and a.last_page == p.b.last_page)
    if _same_place(p, s) and (
        (title >= s.title_near and p.fields.get("authors", 0.0) >= s.authors_garbled)
        or (title >= s.title_identical and same_last_page and len(a.tokens) >= s.long_title_words)
    ):
        return [c for c in p.conflicts if c.kind is not ConflictKind.FIRST_AUTHOR]
    return list(p.conflicts)


def fuzzy_locator(p: Pair, s: DedupSettings) -> Comparison | None:
    """The same journal, volume, first page and year and a near-identical title (or an alike
    title by agreeing authors), with no conflicting field: one work."""
    if (
        _same_place(p, s)
        and (p.title >= s.title_near or (p.authors_agree and p.title >= s.title_with_authors))
        and not _conflicts_in_place(p, s)
    ):
        return p.decide(LinkVerdict.DUPLICATE, "fuzzy-locator")
    return None


def fuzzy_pages_differ(p: Pair, s: DedupSettings) -> Comparison | None:
    """First pages that differ and nothing else: one source gives print pages, the other an
    article number or an off-by-one page ("969-972" and "a1754" in the BMJ), or a typo the
    same last page sees through ("2297-2108" and "2097-2108"). A long identical title by the
    same authors in the same volume and year settles it; the rest as :func:`fuzzy`."""
    a, b, title = p.a, p.b, p.title
    conflicts = _conflicts_in_place(p, s)
    same_last_page = bool(a.last_page and a.last_page == b.last_page)
    if (
        conflicts
        and all(c.kind is ConflictKind.FIRST_PAGE for c in conflicts)
        and (
            (_pages_may_agree(a, b, s) and title >= s.title_identical)
            or (same_last_page and title >= s.title_sure)
        )
        and len(a.tokens) >= s.long_title_words
        and p.authors_agree
        and p.fields.get("volume") == 1.0
        and p.fields.get("year") == 1.0
    ):
        return _fuzzy_verdict(p, s, [], "fuzzy-pages-differ")
    return None


def fuzzy(p: Pair, s: DedupSettings) -> Comparison | None:
    """The weighted score: one work when the title is near-identical, the score sure and no
    field conflicts; the review queue when alike but not sure; else two works. Always
    decides: the last rule."""
    return _fuzzy_verdict(p, s, _conflicts_in_place(p, s), "fuzzy")


def _fuzzy_verdict(p: Pair, s: DedupSettings, conflicts: list[Conflict], rule: str) -> Comparison:
    """:func:`fuzzy`'s verdict with ``conflicts`` (after the rules' waivers); a duplicate is
    reported under ``rule``."""
    a, b, title, fields = p.a, p.b, p.title, p.fields
    printed_alike = fields.get("volume") == 1.0 and fields.get("pages") == 1.0
    if (
        fields.get("year") == 0.5
        and not printed_alike
        and fields.get("container", 0.0) < s.container_same
    ):
        # a year apart (online first, then in print) is the same work only in the same venue
        text = f"years {a.year} and {b.year} in different or unknown venues"
        conflicts.append(Conflict(ConflictKind.YEAR_AND_VENUE, text))
    if fields.get("pages") != 1.0 and 0.0 <= title < 1.0:  # an equal first page settles it
        swapped = _swapped_word(a, b, s)
        if swapped:
            conflicts.append(Conflict(ConflictKind.SWAPPED_WORD, f"a word differs: {swapped}"))
    sure = (
        title >= s.title_sure
        and p.score >= s.sure
        and not conflicts
        and (
            p.authors_known
            or (
                title >= s.title_without_authors
                and fields.get("year") == 1.0
                and (fields.get("pages") == 1.0 or fields.get("volume") == 1.0)
            )
        )
    )
    if sure:
        return p.decide(LinkVerdict.DUPLICATE, rule, conflicts=conflicts)
    if len(conflicts) > 1 or (conflicts and p.generic):
        # several fields contradict: different works, not worth a reviewer's time
        return p.decide(None, "fuzzy", conflicts=conflicts)
    if p.score >= s.different and title >= s.title_uncertain:
        note = "; ".join(c.text for c in conflicts) or "similar, not similar enough to be sure"
        if not p.authors_known and not conflicts:
            note = "no authors to compare"
        return p.decide(LinkVerdict.UNCERTAIN, "fuzzy", note, conflicts=conflicts)
    return p.decide(None, "fuzzy", conflicts=conflicts)


#: The rules in the order they are asked; the first that decides gives the outcome. A plain
#: sequence of typed callables, so that a plugin can add its own (before ``fuzzy``, which
#: always decides).
RULES: tuple[Rule, ...] = (
    related,
    identifier,
    locator,
    preprint,
    retracted,
    republished,
    fuzzy_locator,
    fuzzy_pages_differ,
    fuzzy,
)


def compare(
    a: MatchKeys, b: MatchKeys, settings: DedupSettings, rules: Sequence[Rule] = RULES
) -> Comparison | None:
    """Compare two records; ``None`` when they are clearly different works.

    Records that share no identifier and no locator (volume, first page and year) and whose
    titles are less alike than ``settings.title_alike`` are not compared further. The others
    are scored field by field (:class:`Pair`) and put to ``rules`` in order; the first rule
    that decides gives the outcome.

    :param rules: the rules to ask, in order (default :data:`RULES`).
    """
    has_titles = bool(a.title and b.title)
    title = _title_score(a, b, settings) if has_titles else -1.0
    same_id = _same_identifier(a, b)
    same_locator = _same_locator(a, b, settings)
    if not same_id and title < settings.title_alike and not same_locator:
        return None
    pair = Pair(a, b, settings, title, same_id, same_locator)
    for rule in rules:
        outcome = rule(pair, settings)
        if outcome is not None:
            return outcome if outcome.verdict is not None else None
    return None
