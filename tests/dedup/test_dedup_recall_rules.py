"""The matching rules added for recall, each with records built by hand, and its limit.

Each rule comes with the case it must find and a near case it must still keep apart, since a
wrong merge hides a study from the review.
"""

from __future__ import annotations

from dedup.dedup_helpers import ARTICLE, link_between, rec, verdict

from realistsynth.dedup.keys import normalise_title, prepare
from realistsynth.model import Name, PartialDate
from realistsynth.model.dedup import LinkVerdict

LETTER = "Atypical haemolytic uraemic syndrome after a streptococcal throat infection"
ONE_AUTHOR = [Name(family="Andres", given="A.")]


def _bare(rid: str, **changes: object):
    """The worked example's paper without a DOI (so that fuzzy rules decide)."""
    return rec(rid, **{"doi": None, **changes})


def test_a_reply_named_by_its_end_is_related_to_the_letter_not_merged():
    letter = _bare("a", title=LETTER, pages="943-944")
    reply = _bare(
        "b",
        title=f"{LETTER} - Reply",
        pages="945",
        authors=[Name(family="Shepherd", given="A. B."), Name(family="Baliga", given="R.")],
    )
    assert prepare(reply).notice == "reply"
    assert verdict(letter, reply) in (LinkVerdict.RELATED, None)
    assert prepare(_bare("c", title="Growth factor response")).notice == ""


def test_a_medline_citation_appended_to_a_letters_title_is_dropped():
    plain = "More on eculizumab for congenital atypical hemolytic-uremic syndrome"
    cited = f"{plain}... N Engl J Med. 2009 Jan 29;360(5):544-6"
    assert normalise_title(cited) == normalise_title(plain)
    one = _bare("a", title=plain, pages="2142-2143")
    other = _bare("b", title=cited, pages="2142-2143")
    assert verdict(one, other) is LinkVerdict.DUPLICATE


def test_two_copies_of_one_erratum_match_even_when_embase_cut_the_title():
    author = ARTICLE["authors"][:1]
    embase = _bare(
        "a",
        title=(
            "Erratum: Integrated care system leadership: a rapid realist review of what works "
            "(Journal of Integrated Care (M"
        ),
        pages="616-616",
        authors=author,
    )
    wos = _bare(
        "b",
        title="Integrated care system leadership: a rapid realist review of what works "
        "(vol 32, pg 1, 2024)",
        pages="616-616",
        authors=author,
    )
    assert prepare(embase).notice == prepare(wos).notice == "erratum"
    # a long title cut inside nested brackets is no notice by that alone
    cut = _bare("x", title="Outcomes of care (Integrated Care Systems (ICS")
    assert prepare(cut).notice == ""
    assert verdict(embase, wos) is LinkVerdict.DUPLICATE
    assert verdict(embase, _bare("c")) is not LinkVerdict.DUPLICATE


def test_fields_shifted_one_place_by_a_database_still_match():
    meeting = "Pediatric Nephrology.Conference: 44th Annual Scientific Meeting of the ESPN"
    shifted = _bare(
        "a",
        title="The treatment of atypical HUS",
        authors=ONE_AUTHOR,
        container_title=meeting,
        volume=None,
        issue="26",
        pages="9",
        issued=PartialDate(2011),
    )
    whole = _bare(
        "b",
        title="The treatment of atypical HUS",
        authors=ONE_AUTHOR,
        container_title=meeting,
        volume="26",
        issue="9",
        pages="1746",
        issued=PartialDate(2011),
    )
    assert verdict(shifted, whole) is LinkVerdict.DUPLICATE
    # not a shift: an issue that is not the other's volume is a real disagreement
    other = _bare(
        "c",
        title="The treatment of atypical HUS",
        authors=ONE_AUTHOR,
        container_title=meeting,
        volume=None,
        issue="25",
        pages="9",
        issued=PartialDate(2011),
    )
    assert verdict(other, whole) is not LinkVerdict.DUPLICATE


def test_a_typo_in_the_first_page_is_seen_through_by_the_last_page():
    typo = _bare("a", pages="2297-2108")
    right = _bare("b", pages="2097-2108")
    assert prepare(typo).last_page == "2108"
    assert prepare(_bare("m", pages="2097-108")).last_page == "2108"  # MEDLINE's short form
    assert verdict(typo, right) is LinkVerdict.DUPLICATE
    # both ends different: two places in the volume
    assert verdict(_bare("c", pages="40-59"), right) is not LinkVerdict.DUPLICATE


def test_a_topic_or_kicker_before_the_title_is_seen_through():
    title = "Can liver-kidney transplantation cure atypical HUS?"
    topic = _bare("a", title=f"Thrombotic microangiopathy: {title}", pages="556-557")
    plain = _bare("b", title=title, pages="556-557")
    assert verdict(topic, plain) is LinkVerdict.DUPLICATE


def test_a_kicker_with_the_year_as_volume_and_the_month_as_issue():
    title = "Upwork's CEO on how an introverted engineer learned to lead"
    magazine = {
        "container_title": "Harvard Business Review",
        "issued": PartialDate(2016),
        "authors": [Name(family="Kasriel", given="S.")],
    }
    kicker = _bare(
        "a", title=f"How did it ... {title}", volume="94", issue="5", pages="35+", **magazine
    )
    dated = _bare("b", title=title, volume="2016", issue="May", pages=None, **magazine)
    keys = prepare(dated)
    assert (keys.volume, keys.issue) == ("", "5")
    assert verdict(kicker, dated) is LinkVerdict.DUPLICATE


def test_an_abstract_printed_in_a_journal_supplement_is_one_item_with_its_journal_record():
    title = "A phase II study of eculizumab in atypical haemolytic uraemic syndrome"
    embase = _bare(
        "a",
        title=title,
        type="paper-conference",
        container_title=(
            "Journal of Thrombosis and Haemostasis.Conference: 23rd Congress of the "
            "International Society on Thrombosis and Haemostasis"
        ),
        volume=None,
        issue=None,
        pages=None,
    )
    supplement = _bare(
        "b",
        title=title,
        container_title="J Thromb Haemost",
        volume="9",
        issue="S2",
        pages="499-711",
    )
    assert prepare(embase).conference_journal == "journal of thrombosis and haemostasis"
    assert verdict(embase, supplement) is LinkVerdict.DUPLICATE
    # the full paper in a regular issue of the journal stays the abstract's relative
    article = _bare(
        "c", title=title, container_title="J Thromb Haemost", volume="9", issue="4", pages="1-9"
    )
    assert verdict(embase, article) is LinkVerdict.RELATED
    # and so does an article online before print, without pages yet
    online = _bare(
        "d", title=title, container_title="J Thromb Haemost", volume=None, issue=None, pages=None
    )
    assert verdict(embase, online) is LinkVerdict.RELATED


def test_a_translated_title_by_one_author_matches_on_the_whole_page_range():
    spanish = _bare(
        "a",
        title="[Indications and contraindications of living-donor kidney transplantation]. "
        "[Spanish]",
        authors=ONE_AUTHOR,
        issue="Suppl 2",
        pages="30-38",
    )
    english = _bare(
        "b",
        title="Indications and contraindications for living kidney donations",
        authors=ONE_AUTHOR,
        issue="Suppl",
        pages="30-38",
    )
    assert verdict(spanish, english) is LinkVerdict.DUPLICATE
    # one author's two papers in two issues with the same page numbers stay apart
    first = _bare(
        "c",
        title="The commodification of digital labour in the gig economy",
        authors=ONE_AUTHOR,
        issue="1",
        pages="54-59",
    )
    second = _bare(
        "d",
        title="Big data analytics in human resource management: hiring algorithms",
        authors=ONE_AUTHOR,
        issue="2",
        pages="54-59",
    )
    assert verdict(first, second) is not LinkVerdict.DUPLICATE


_ABSTRACT = (
    "Project sponsorship is assumed to be critical to the success of information systems "
    "development and implementation. However, there is limited research on the effect of "
    "vendor-based sponsorship on the management of information technology projects. This "
    "paper contributes to that emerging body of evidence, drawing on the literature on "
    "psychological contracts and management control."
)


def test_a_republished_article_with_the_same_abstract_is_one_text():
    first = _bare("a", abstract=_ABSTRACT, doi="10.1/one", issued=PartialDate(2009))
    again = _bare(
        "b",
        abstract=_ABSTRACT,
        doi="10.1/two",
        volume="33",
        pages="56-74",
        issued=PartialDate(2010),
    )
    assert verdict(first, again) is LinkVerdict.DUPLICATE
    # without the abstract the two places stay two works
    assert (
        verdict(
            _bare("c", issued=PartialDate(2009)),
            _bare("d", volume="33", pages="56-74", issued=PartialDate(2010)),
        )
        is not LinkVerdict.DUPLICATE
    )
    # and a one-page item (an erratum that copied the abstract) is not the article
    page = _bare("e", abstract=_ABSTRACT, volume="33", pages="75", issued=PartialDate(2010))
    assert verdict(first, page) is not LinkVerdict.DUPLICATE


def test_numbers_that_differ_only_by_spacing_are_the_same_numbers():
    one = _bare("a", title="Persistence after laser CO 2 conization among 10 000 women")
    two = _bare("b", title="Persistence after laser CO2 conization among 10000 women")
    assert verdict(one, two) is LinkVerdict.DUPLICATE
    # numbers that really differ still do
    three = _bare("c", title="Persistence after laser CO2 conization among 12000 women")
    assert verdict(two, three) is not LinkVerdict.DUPLICATE


def test_journal_abbreviations_match_the_full_name():
    link = link_between(
        _bare("a", container_title="Journal of Thrombosis and Haemostasis"),
        _bare("b", container_title="J Thromb Haemost"),
    )
    assert link is not None
    assert link.field_scores["container"] >= 0.9


def test_sister_registry_entries_differing_in_one_word_are_not_merged():
    def entry(rid: str, title: str):
        return _bare(
            rid,
            title=title,
            authors=[Name(literal="Alexion Pharmaceuticals, Inc")],
            container_title=None,
            volume=None,
            issue=None,
            pages=None,
            issued=PartialDate(2011),
        )

    stem = "Open label trial of eculizumab in {} patients with plasma therapy-resistant aHUS"
    adult, adolescent = entry("a", stem.format("adult")), entry("b", stem.format("adolescent"))
    link = link_between(adult, adolescent)
    assert link is None or link.verdict is not LinkVerdict.DUPLICATE
    if link is not None:
        assert "adolescent / adult" in (link.note or "") or "adult / adolescent" in (
            link.note or ""
        )
    # a spelling variant is no different word
    british = entry("c", stem.format("paediatric"))
    american = entry("d", stem.format("pediatric"))
    assert verdict(british, american) is LinkVerdict.DUPLICATE


def test_a_study_group_and_its_writer_on_the_same_whole_page_range():
    named = _bare("a", authors=[Name(family="Solomon", given="D.")], pages="1383-1392")
    group = _bare("b", authors=[Name(literal="ASCUS-LSIL Triage Study Group")], pages="1383-1392")
    assert verdict(named, group) is LinkVerdict.DUPLICATE
    # one shared first page is not enough without agreeing authors
    short = _bare("c", authors=[Name(literal="ASCUS-LSIL Triage Study Group")], pages="1383")
    assert verdict(named, short) is not LinkVerdict.DUPLICATE
