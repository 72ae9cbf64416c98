"""Each hard case of de-duplication, with records built by hand."""

from __future__ import annotations

from dedup.dedup_helpers import ARTICLE, link_between, rec, verdict

from realistsynth.dedup.keys import normalise_title
from realistsynth.model import Name, PartialDate, Record
from realistsynth.model.dedup import LinkVerdict


def test_same_doi_and_title_is_a_duplicate_with_its_reason():
    link = link_between(rec("a"), rec("b", title=ARTICLE["title"].upper(), pages=None))
    assert link is not None
    assert link.verdict is LinkVerdict.DUPLICATE
    assert link.rule == "doi"
    assert link.field_scores["title"] == 1.0
    assert link.field_scores["doi"] == 1.0


def test_doi_with_a_clearly_different_title_is_vetoed():
    # a supplement that carries its parent's DOI
    other = rec("b", title="Supplementary tables for a survey of nurses' working hours")
    assert verdict(rec("a"), other) is None


def test_html_markup_and_entities_do_not_hide_a_duplicate():
    marked = rec(
        "b",
        title="Integrated care system <i>leadership</i>: a rapid realist review",
        doi=None,
    )
    assert verdict(rec("a", doi=None), marked) is LinkVerdict.DUPLICATE
    assert normalise_title("Caf&eacute; &amp; <b>bar</b>") == "cafe and bar"


def test_translated_title_in_brackets_and_language_tag():
    original = rec("a", title="Efficacy of batroxobin in vascular cognitive impairment", doi=None)
    medline = rec(
        "b", title="[Efficacy of batroxobin in vascular cognitive impairment]. [Chinese]", doi=None
    )
    assert verdict(original, medline) is LinkVerdict.DUPLICATE


def test_missing_authors_and_abstract_still_match_on_title_and_locator():
    bare = rec("b", authors=[], doi=None, abstract=None)
    assert verdict(rec("a", doi=None), bare) is LinkVerdict.DUPLICATE


def test_missing_authors_without_a_locator_go_to_the_queue():
    bare = rec("b", authors=[], doi=None, volume=None, pages=None, issue=None)
    assert verdict(rec("a", doi=None, volume=None, pages=None, issue=None), bare) is (
        LinkVerdict.UNCERTAIN
    )


def test_conference_abstract_and_journal_article_are_related_not_merged():
    abstract = rec(
        "b",
        type="paper-conference",
        container_title="Proceedings of the International Conference on Integrated Care",
        doi=None,
        volume=None,
        issue=None,
        pages=None,
        issued=PartialDate(2023),
    )
    link = link_between(rec("a"), abstract)
    assert link is not None
    assert link.verdict is LinkVerdict.RELATED
    assert "conference" in (link.note or "")


def test_preprint_and_published_version_are_queued_with_a_note():
    preprint = rec(
        "b",
        container_title="medRxiv",
        doi="10.1101/2023.01.01.23284000",
        volume=None,
        issue=None,
        pages=None,
    )
    link = link_between(rec("a"), preprint)
    assert link is not None
    assert link.verdict is LinkVerdict.UNCERTAIN
    assert link.note == "preprint and published version"


def test_erratum_is_related_even_with_the_parents_doi():
    erratum = rec("b", title="Erratum: " + ARTICLE["title"], pages="20")
    link = link_between(rec("a"), erratum)
    assert link is not None
    assert link.verdict is LinkVerdict.RELATED
    assert "erratum" in (link.note or "")


def test_comment_and_reply_are_related_not_duplicates():
    comment = rec("b", title="Comment on: " + ARTICLE["title"], doi=None, pages="20-21")
    reply = rec("c", title="Reply to: " + ARTICLE["title"], doi=None, pages="22")
    assert verdict(rec("a", doi=None), comment) is LinkVerdict.RELATED
    assert verdict(comment, reply) in (LinkVerdict.RELATED, None)


def test_retracted_copy_goes_to_the_queue():
    retracted = rec("b", title="RETRACTED: " + ARTICLE["title"], doi=None)
    link = link_between(rec("a", doi=None), retracted)
    assert link is not None
    assert link.verdict is LinkVerdict.UNCERTAIN


def test_protocol_and_results_paper_are_related():
    protocol = rec(
        "b",
        title="Integrated care system leadership: protocol for a rapid realist review",
        doi=None,
        pages="e1-e5",
        issued=PartialDate(2022),
    )
    assert verdict(rec("a", doi=None), protocol) in (LinkVerdict.RELATED, None)


def test_series_parts_are_never_merged():
    one = rec("a", title="Leadership in integrated care, part 1", doi=None)
    two = rec("b", title="Leadership in integrated care, part 2", doi=None, pages="20-39")
    assert verdict(one, two) is None
    # even with every other field equal, different numbers in the title are never merged
    same_place = rec("c", title="Leadership in integrated care, part 2", doi=None)
    assert verdict(one, same_place) is not LinkVerdict.DUPLICATE


def test_recurring_generic_titles_in_other_issues_are_not_merged():
    first = rec("a", title="Editorial", doi=None, pages=None, issue="1")
    second = rec("b", title="Editorial", doi=None, pages=None, issue="2")
    assert verdict(first, second) is None


def test_records_without_titles_match_only_by_identifier():
    no_title = rec("b", title=None)
    assert verdict(rec("a"), no_title) is LinkVerdict.DUPLICATE
    untitled = [Record(id=f"u{i}", authors=[Name(family="Knight")]) for i in range(3)]
    assert verdict(*untitled) is None


def test_year_one_off_in_the_same_journal_is_a_duplicate_but_not_across_venues():
    online_first = rec("b", issued=PartialDate(2023), doi=None)
    assert verdict(rec("a", doi=None), online_first) is LinkVerdict.DUPLICATE
    elsewhere = rec(
        "c",
        issued=PartialDate(2023),
        doi=None,
        container_title="BMJ Leader",
        volume=None,
        pages=None,
        issue=None,
    )
    assert verdict(rec("a", doi=None), elsewhere) is not LinkVerdict.DUPLICATE


def test_different_pages_stop_an_automatic_merge():
    other = rec("b", doi=None, pages="40-59")
    assert verdict(rec("a", doi=None), other) is not LinkVerdict.DUPLICATE


def test_garbled_first_author_is_settled_by_journal_volume_and_page():
    garbled = rec("b", doi=None, authors=[Name(family="Lauren"), *ARTICLE["authors"][1:]])
    assert verdict(rec("a", doi=None), garbled) is LinkVerdict.DUPLICATE


def test_two_databases_copies_of_one_erratum_are_duplicates():
    wos = rec(
        "a",
        title="Integrated care system leadership (vol 32, pg 1, 2024)",
        doi=None,
        pages="88",
        authors=ARTICLE["authors"][:1],
    )
    embase = rec(
        "b",
        title="Integrated care system leadership (Journal of Integrated Care (2024) 32 (1-19))",
        doi=None,
        pages="88-88",
        authors=ARTICLE["authors"][:1],
    )
    assert verdict(wos, embase) is LinkVerdict.DUPLICATE
    # and neither is the article itself
    assert verdict(wos, rec("c", doi=None)) is not LinkVerdict.DUPLICATE


def test_given_and_family_names_swapped_by_one_database():
    def bare(rid, *names):
        authors = [Name(family=f, given=g) for f, g in names]
        return rec(rid, doi=None, volume=None, issue=None, pages=None, authors=authors)

    full = bare("c", ("Knight", "Lauren"), ("Tucker", "David"))
    swapped = bare("d", ("Lauren", "Knight"), ("David", "Tucker"))
    assert verdict(full, swapped) is LinkVerdict.DUPLICATE
    # other people entirely: never merged on the title alone
    others = bare("e", ("Smith", "Anna"), ("Jones", "Ben"))
    assert verdict(full, others) is not LinkVerdict.DUPLICATE


def test_placeholder_titles_count_as_no_title():
    # two different works by one team in one journal and year, neither with a real title
    first = rec("n1", title="[Not Available]", doi=None, pages=None, volume=None)
    second = rec("n2", title="[Not Available].", doi=None, pages=None, volume=None)
    assert verdict(first, second) is None
    untitled = rec("n3", title="Untitled", doi=None, pages=None, volume=None)
    assert verdict(first, untitled) is None


def test_two_abstracts_printed_on_one_page_by_different_teams_stay_apart():
    stem = "Multimodal spectroscopy as a triage test for women at risk for cervical neoplasia"
    one = rec(
        "a",
        title=f"{stem}: histopathology review procedures and results",
        authors=[Name(family="Wilkinson"), Name(family="Raab")],
        doi=None,
        pages="265-266",
    )
    two = rec(
        "b",
        title=f"{stem}: results for adolescent subjects",
        authors=[Name(family="Flowers"), Name(family="Tadros")],
        doi=None,
        pages="265",
    )
    assert verdict(one, two) is not LinkVerdict.DUPLICATE


def test_a_series_sharing_its_main_title_is_not_merged():
    # NHS England's guidance series: one corporate author, one year, one main title
    def guidance(rid, subtitle):
        return Record(
            id=rid,
            type="report",
            title=f"Building Strong Integrated Care Systems Everywhere: {subtitle}",
            authors=[Name(literal="NHS England and NHS Improvement")],
            issued=PartialDate(2021),
        )

    people = guidance("g1", "ICS Implementation Guidance on Working with People and Communities")
    leaders = guidance("g2", "ICS Implementation Guidance on Effective Clinical Leadership")
    assert verdict(people, leaders) is not LinkVerdict.DUPLICATE
    # but a copy that dropped the subtitle is still found
    short = Record(
        id="g3",
        type="report",
        title="Building Strong Integrated Care Systems Everywhere",
        authors=[Name(literal="NHS England and NHS Improvement")],
        issued=PartialDate(2021),
    )
    assert verdict(people, short) is not None
