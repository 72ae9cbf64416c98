"""Comparing two records: a score per field, then rules in stages, each naming itself.

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

from attrs import field, frozen
from rapidfuzz.distance import Indel

from realistsynth.dedup.keys import MatchKeys
from realistsynth.model.dedup import LinkVerdict

__all__ = ["Comparison", "DedupSettings", "compare"]

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
    """The thresholds of a de-duplication run.

    :ivar different: below this combined score a pair is two different works.
    :ivar sure: from this combined score (with a near-identical title and no conflicting
        field) a pair is one work; between the two it goes to the review queue.
    :ivar title_sure: the title similarity a fuzzy duplicate needs.
    :ivar max_block: blocks larger than this are split by year, then skipped:
        they come from keys too common to tell records apart.
    """

    different: float = 0.75
    sure: float = field(default=0.85, validator=_check_thresholds)
    title_sure: float = 0.95
    max_block: int = 100


class Comparison:
    """The outcome for one pair: verdict (or ``None`` for different works), rule, scores."""

    __slots__ = ("fields", "note", "rule", "score", "verdict")

    def __init__(
        self,
        verdict: LinkVerdict | None,
        rule: str,
        score: float,
        fields: dict[str, float],
        note: str | None = None,
    ) -> None:
        self.verdict = verdict
        self.rule = rule
        self.score = score
        self.fields = fields
        self.note = note


def _title_score(a: MatchKeys, b: MatchKeys) -> float:
    score = _ratio(a.title, b.title)
    if score < 0.97 and bool(a.title_main) != bool(b.title_main):
        # one source dropped the subtitle: compare its title with the other's main title, if
        # long enough to mean much. Not when both have subtitles: a series shares its main
        # title ("Building strong integrated care systems everywhere: guidance on ...")
        main_a, main_b = a.title_main or a.title, b.title_main or b.title
        if min(len(main_a), len(main_b)) >= 30:
            score = max(score, 0.98 * _ratio(main_a, main_b))
    if score < 0.97 and bool(a.title_tail) != bool(b.title_tail):
        # one source put a topic or kicker before the title ("Thrombotic microangiopathy: can
        # ...", "How did it ... Upwork's CEO on ..."): the rest against the other's title
        tail, whole = (a.title_tail, b.title) if a.title_tail else (b.title_tail, a.title)
        if min(len(tail), len(whole)) >= 30:
            score = max(score, 0.98 * _ratio(tail, whole))
    return score


def _author_score(a: MatchKeys, b: MatchKeys) -> tuple[float, bool]:
    """Similarity of the author lists and whether the first authors agree."""
    first = a.first_author == b.first_author or _ratio(a.first_author, b.first_author) >= 0.85
    if not first and (a.first_author in b.authors or b.first_author in a.authors):
        first = True  # author order differs between sources
    whole = _ratio(a.authors, b.authors)
    shorter, longer = sorted((a.authors, b.authors), key=len)
    if longer.startswith(shorter):  # one source truncated the list ("et al.")
        whole = max(whole, 0.95)
    if not first and (
        (len(b.families) >= 2 and b.families <= a.name_parts)
        or (len(a.families) >= 2 and a.families <= b.name_parts)
    ):
        # one source swapped given and family names ("Andrea, Carignani")
        first, whole = True, max(whole, 0.9)
    return whole, first


_MINOR = frozenset({"of", "on", "the", "and", "for", "in", "a", "an"})


def _acronym_in(long: str, short: str) -> bool:
    """Whether ``short`` has the acronym of ``long`` as a word (ICIS, HICSS ...)."""
    words = [w for w in long.split() if w not in _MINOR and not w.isdigit()]
    if len(words) < 3:
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


def _names_score(x: str, y: str) -> float:
    score = _ratio(x, y)
    if score < 0.9 and (_acronym_in(x, y) or _acronym_in(y, x) or _abbreviates(x, y)):
        score = 0.9
    return score


def _container_score(a: MatchKeys, b: MatchKeys) -> float:
    if a.issn and b.issn and a.issn & b.issn:
        return 1.0
    return _names_score(a.container, b.container)


def _abstract_in_journal(a: MatchKeys, b: MatchKeys) -> bool:
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
        and _names_score(a.conference_journal, b.container) >= 0.9
    )


def _shifted(a: MatchKeys, b: MatchKeys) -> bool:
    """Whether ``a``'s issue and page are ``b``'s volume and issue: a database shifted the
    fields one place (volume missing, issue 26, page 9 for volume 26, issue 9)."""
    return bool(not a.volume and b.volume and a.issue == b.volume and b.issue and a.page == b.issue)


def _article_number_against_one(x: str, y: str) -> bool:
    """``1`` against ``12724``: one database paginates an online-only article from 1, the other
    gives its article number (``e12724``); the two say nothing about each other."""
    return (x == "1" and len(y) >= 4) or (y == "1" and len(x) >= 4)


def _pages_may_agree(a: MatchKeys, b: MatchKeys) -> bool:
    """Whether two different first pages can still be one article: one is an article number
    (``a1754``, ``e12724``) or they are a few pages apart (a database's off-by-some)."""
    if a.page_lettered or b.page_lettered:
        return True
    if a.page.isdigit() and b.page.isdigit():
        return abs(int(a.page) - int(b.page)) <= 10
    return False


def _swapped_word(a: MatchKeys, b: MatchKeys) -> str:
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
        if not any(_ratio(x, y) >= 0.75 for y in only_b):
            for y in sorted(only_b):
                if not any(_ratio(y, z) >= 0.75 for z in only_a):
                    return f"{x} / {y}"
    return ""


def _related(a: MatchKeys, b: MatchKeys, same_locator: bool, printed_abstract: bool) -> str | None:
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
    return None


def compare(a: MatchKeys, b: MatchKeys, settings: DedupSettings) -> Comparison | None:
    """Compare two records; ``None`` when they are clearly different works."""
    has_titles = bool(a.title and b.title)
    title = _title_score(a, b) if has_titles else -1.0
    same_id = ""
    if a.doi and a.doi == b.doi:
        same_id = "doi"
    elif a.pmid and a.pmid == b.pmid:
        same_id = "pmid"
    elif a.pmcid and a.pmcid == b.pmcid:
        same_id = "pmcid"
    # the same volume, first page and year: a title in another language, or two titles
    # joined ("Utilidad de ...; Are antimicrobials useful ...") still describe one article
    same_locator = bool(
        (
            (a.volume and a.volume == b.volume)
            # proceedings have no volume: the same venue instead
            or (
                not a.volume
                and not b.volume
                and a.container
                and _ratio(a.container, b.container) >= 0.95
            )
        )
        and a.page
        and a.page == b.page
        and a.page != "1"  # what some databases give every online-only article
        and a.year is not None
        and a.year == b.year
    )
    if not same_id and title < 0.8 and not same_locator:
        return None

    generic = len(a.tokens) <= 3 or len(b.tokens) <= 3  # "Editorial", "Editor's comments"
    printed_abstract = _abstract_in_journal(a, b) or _abstract_in_journal(b, a)
    shifted = _shifted(a, b) or _shifted(b, a)
    fields: dict[str, float] = {}
    conflicts: list[str] = []
    if has_titles:
        fields["title"] = round(title, 3)
        if a.numbers != b.numbers and a.numbers_spaceless != b.numbers_spaceless:
            conflicts.append("numbers in the title differ")
    authors_known = bool(a.authors and b.authors)
    if authors_known:
        whole, first = _author_score(a, b)
        fields["authors"] = round(whole, 3)
        if not first and whole < 0.8:
            conflicts.append("first authors differ")
    if a.year is not None and b.year is not None:
        gap = abs(a.year - b.year)
        fields["year"] = 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0
        if gap > 1:
            conflicts.append(f"years {a.year} and {b.year}")
    if printed_abstract:
        journal = a.conference_journal or a.container, b.conference_journal or b.container
        fields["container"] = round(_names_score(*journal), 3)
    elif (a.container or a.issn) and (b.container or b.issn):
        fields["container"] = round(_container_score(a, b), 3)
        if (
            a.conference
            and b.conference
            and fields["container"] < 0.6
            and a.year is not None
            and a.year != b.year
        ):
            conflicts.append("different conferences")
    if shifted:
        fields["volume"] = 1.0  # one source's issue is the other's volume: see _shifted
    elif a.volume and b.volume:
        fields["volume"] = 1.0 if a.volume == b.volume else 0.0
        if a.volume != b.volume:
            conflicts.append(f"volumes {a.volume} and {b.volume}")
    if (
        a.page
        and b.page
        and not shifted
        and not _article_number_against_one(a.page, b.page)
        # databases give a printed abstract's page or its abstract number, as they please
        and not (printed_abstract and a.page != b.page)
    ):
        fields["pages"] = 1.0 if a.page == b.page else 0.0
        if a.page != b.page:
            conflicts.append(f"first pages {a.page} and {b.page}")
    if a.issue and b.issue and not shifted:
        fields["issue"] = 1.0 if a.issue == b.issue else 0.0
        # databases garble issue numbers often; a differing issue only counts against a pair
        # whose pages do not settle it (a recurring "Editor's comments" has no pages)
        if a.issue != b.issue and fields.get("pages") != 1.0:
            conflicts.append(f"issues {a.issue} and {b.issue}")
    if a.doi and b.doi:
        fields["doi"] = 1.0 if a.doi == b.doi else 0.0
        if a.doi != b.doi:
            conflicts.append("DOIs differ")
    if a.pmid and b.pmid and a.pmid != b.pmid:
        fields["pmid"] = 0.0
        conflicts.append("PMIDs differ")

    total = sum(_WEIGHTS[f] for f in fields if f in _WEIGHTS)
    score = sum(_WEIGHTS[f] * v for f, v in fields.items() if f in _WEIGHTS) / total
    score = round(min(max(score, 0.0), 1.0), 3)

    authors_agree = (
        authors_known
        and fields["authors"] >= 0.9
        and not any(c.startswith("first authors") for c in conflicts)
    )
    related = _related(a, b, same_locator, printed_abstract) if has_titles else None
    if related is not None:
        if title >= 0.8 or same_id:
            return Comparison(LinkVerdict.RELATED, "related", score, fields, related)
        return None

    if same_id:
        fields[same_id] = 1.0
        if has_titles and title < 0.6:
            return None  # a clearly different title vetoes the identifier
        if (not has_titles or title >= 0.8 or (same_locator and authors_agree)) and not (
            a.retracted ^ b.retracted
        ):
            hard = [c for c in conflicts if c.startswith("PMIDs")]
            if title < 0.95:
                hard += [c for c in conflicts if c.startswith("first authors")]
            if not hard:
                return Comparison(LinkVerdict.DUPLICATE, same_id, score, fields)
        if a.retracted != b.retracted:
            note = f"same {same_id.upper()}, but one record is marked retracted"
        else:
            note = f"same {same_id.upper()}, but " + (
                "; ".join(conflicts) if conflicts else "the titles differ"
            )
        return Comparison(LinkVerdict.UNCERTAIN, same_id, score, fields, note)

    if same_locator and title < settings.title_sure:
        if has_titles and (a.notice != b.notice or a.protocol != b.protocol):
            return None
        if authors_known and not authors_agree and title < 0.8:
            return None  # two papers a database filed on one page
        two_authors = a.authors.count(" ") >= 1 and b.authors.count(" ") >= 1
        # one author is thin evidence for a title in another language, unless the whole page
        # range agrees too, and either the titles are alike or the issue agrees and the
        # combined score is sure (one author's two papers in issues 1 and 2 of a volume can
        # carry the same page numbers)
        same_range = bool(
            a.last_page
            and a.last_page == b.last_page
            and (
                title >= 0.8
                or (
                    (a.issue == b.issue or (a.supplement and b.supplement))
                    and score >= settings.sure
                )
            )
        )
        if has_titles and authors_agree and (two_authors or same_range) and not conflicts:
            return Comparison(LinkVerdict.DUPLICATE, "locator", score, fields)
        note = "same volume, first page and year, different titles (a translation?)"
        return Comparison(LinkVerdict.UNCERTAIN, "locator", score, fields, note)

    if a.preprint != b.preprint:
        if title >= settings.title_sure and score >= settings.different:
            note = "preprint and published version"
            return Comparison(LinkVerdict.UNCERTAIN, "preprint", score, fields, note)
        return None
    if a.retracted != b.retracted:
        note = "one record is marked retracted"
        return Comparison(LinkVerdict.UNCERTAIN, "fuzzy", score, fields, note)

    if (
        a.abstract_start
        and a.abstract_start == b.abstract_start
        and title >= 0.99
        and authors_agree
        and fields["authors"] >= 0.95
        and fields.get("container", 0.0) >= 0.9
        and a.last_page
        and b.last_page
    ):
        # the same title, authors and abstract in one journal at two places: one article
        # printed twice (a republication, with its own DOI), one text for the review. Both
        # must be page ranges: an erratum or an abstract is a page or less
        return Comparison(LinkVerdict.DUPLICATE, "republished", score, fields)

    same_place = (
        fields.get("volume") == 1.0
        and fields.get("pages") == 1.0
        and fields.get("year") == 1.0
        and fields.get("container", 1.0) >= 0.8
    )
    rule = "fuzzy"
    # the same journal, volume, first page and year settle a near-identical title even when
    # one database garbled the first author ("Jooa Julia" for "Lee, Jooa Julia") or a Greek
    # letter ("Interferon-" for "Interferon-gamma"); the other authors must still agree, as
    # two conference abstracts printed on one page are by different teams
    # An identical long title on the same whole page range needs no authors at all: one
    # database names the study group ("ASCUS-LSIL Triage Study Group"), another its writer
    # the same last page of a range: with the same first page, the same whole range
    same_last_page = bool(a.last_page and a.last_page == b.last_page)
    if same_place and (
        (title >= 0.97 and fields.get("authors", 0.0) >= 0.5)
        or (title >= 0.99 and same_last_page and len(a.tokens) >= 6)
    ):
        conflicts = [c for c in conflicts if not c.startswith("first authors")]
    if same_place and (title >= 0.97 or (authors_agree and title >= 0.9)) and not conflicts:
        return Comparison(LinkVerdict.DUPLICATE, "fuzzy-locator", score, fields)
    # the same last page of a range: a typo in the first page ("2297-2108" and "2097-2108")
    if (
        conflicts
        and all(c.startswith("first pages") for c in conflicts)
        and ((_pages_may_agree(a, b) and title >= 0.99) or (same_last_page and title >= 0.95))
        and len(a.tokens) >= 6
        and authors_agree
        and fields.get("volume") == 1.0
        and fields.get("year") == 1.0
    ):
        # one source gives print pages, the other an article number or an off-by-one page
        # ("969-972" and "a1754" in the BMJ): a long identical title by the same authors in the
        # same volume settles it
        conflicts = []
        rule = "fuzzy-pages-differ"
    printed_alike = fields.get("volume") == 1.0 and fields.get("pages") == 1.0
    if fields.get("year") == 0.5 and not printed_alike and fields.get("container", 0.0) < 0.9:
        # a year apart (online first, then in print) is the same work only in the same venue
        conflicts.append(f"years {a.year} and {b.year} in different or unknown venues")
    if fields.get("pages") != 1.0 and 0.0 <= title < 1.0:  # an equal first page settles it
        swapped = _swapped_word(a, b)
        if swapped:
            conflicts.append(f"a word differs: {swapped}")
    sure = (
        title >= settings.title_sure
        and score >= settings.sure
        and not conflicts
        and (
            authors_known
            or (
                title >= 0.98
                and fields.get("year") == 1.0
                and (fields.get("pages") == 1.0 or fields.get("volume") == 1.0)
            )
        )
    )
    if sure:
        return Comparison(LinkVerdict.DUPLICATE, rule, score, fields)
    if len(conflicts) > 1 or (conflicts and generic):
        return None  # several fields contradict: different works, not worth a reviewer's time
    if score >= settings.different and title >= 0.85:
        note = "; ".join(conflicts) if conflicts else "similar, not similar enough to be sure"
        if not authors_known and not conflicts:
            note = "no authors to compare"
        return Comparison(LinkVerdict.UNCERTAIN, "fuzzy", score, fields, note)
    return None
