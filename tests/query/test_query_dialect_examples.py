"""Examples checked against each platform's own documented syntax (the page is cited per test).

Each expected string was written from the cited documentation, not copied from our output.
"""

from __future__ import annotations

import pytest

from realistsynth.query import (
    Field,
    Heading,
    Near,
    Or,
    Phrase,
    Term,
    Vocabulary,
    parse_query,
)
from realistsynth.query.dialects import (
    CochraneDialect,
    EbscoDialect,
    OvidDialect,
    ProQuestDialect,
    PubMedDialect,
    ScopusDialect,
    WebOfScienceDialect,
)

# -- PubMed: https://pubmed.ncbi.nlm.nih.gov/help/#search-tags and
#    https://pubmed.ncbi.nlm.nih.gov/help/#proximity-searching


def test_pubmed_field_tags_and_mesh():
    text = PubMedDialect().render(parse_query('ti:leader* AND exp mh:"Leadership"')).text
    assert text == 'leader*[ti] AND "Leadership"[mh]'


def test_pubmed_mesh_without_explosion_uses_noexp():
    assert PubMedDialect().render(parse_query('mh:"Leadership"')).text == '"Leadership"[mh:noexp]'


def test_pubmed_proximity_is_a_quoted_pair_with_tilde():
    # the User Guide's example: "hip pain"[Title/Abstract:~2]
    rendering = PubMedDialect().render(parse_query("tiab:(hip NEAR/2 pain)"))
    assert rendering.text == '"hip pain"[tiab:~2]'
    assert rendering.exact


def test_pubmed_reads_its_own_examples():
    dialect = PubMedDialect()
    assert dialect.parse('"hip pain"[Title/Abstract:~2]') == Near(
        Term("hip"), Term("pain"), 2, Field.TITLE_ABSTRACT
    )
    assert dialect.parse("aspirin[ti] AND prevention[mh]") == parse_query(
        'ti:aspirin AND exp mh:"prevention"'
    )
    assert dialect.parse("kidney allograft[tiab]") == Phrase(
        ("kidney", "allograft"), Field.TITLE_ABSTRACT
    )


def test_pubmed_has_no_abstract_only_tag_and_says_so():
    rendering = PubMedDialect().render(parse_query("ab:leader*"))
    assert rendering.text == "leader*[tiab]"
    assert [loss.feature for loss in rendering.losses] == ["field"]


def test_pubmed_has_no_single_character_wildcard():
    rendering = PubMedDialect().render(parse_query("wom?n"))
    assert rendering.text == "wom*"
    assert rendering.losses[0].feature == "wildcard"


def test_pubmed_reads_left_to_right():
    # PubMed User Guide: "Boolean operators ... are processed left to right"
    tree = PubMedDialect().parse("a OR b AND c")
    assert tree == parse_query("(a OR b) AND c")


# -- Ovid: http://www.ovid.com/site/help/documentation/ovidsp/en/syntax.htm and
#    https://tools.ovid.com/ovidgo/searches/training.php (adjN = at most N-1 words apart)


def test_ovid_fields_headings_and_adjacency():
    dialect = OvidDialect()
    assert dialect.render(parse_query("tiab:heart")).text == "heart.ti,ab."
    assert dialect.render(parse_query('exp mh:"Leadership"')).text == "exp Leadership/"
    assert dialect.render(parse_query('mh:"Leadership"')).text == "Leadership/"
    # neutral NEAR/2 (two words between) is Ovid adj3
    assert dialect.render(parse_query("ti:(home NEAR/2 help)")).text == "(home adj3 help).ti."


def test_ovid_reads_documented_forms():
    dialect = OvidDialect()
    # "(home adj3 help).ti." from the BMA Ovid guide
    assert dialect.parse("(home adj3 help).ti.") == Near(Term("home"), Term("help"), 2, Field.TITLE)
    # "heart.ab,ti." searches abstract and title
    assert dialect.parse("heart.ab,ti.") == Term("heart", Field.TITLE_ABSTRACT)
    # $ truncates, # is exactly one character
    assert dialect.parse("disease$.tw. or wom#n.tw.") == parse_query("tw:disease* OR tw:wom?n")
    assert dialect.parse("exp Delivery of Health Care, Integrated/") == Heading(
        "Delivery of Health Care, Integrated", Vocabulary.MESH, explode=True
    )


def test_ovid_processes_and_before_or():
    assert OvidDialect().parse("a.ti. or b.ti. and c.ti.") == parse_query("ti:a OR (ti:b AND ti:c)")


def test_ovid_one_character_wildcard_is_hash():
    assert OvidDialect().render(parse_query("ti:wom?n")).text == "wom#n.ti."


# -- EBSCOhost: https://connect.ebsco.com/s/article/Searching-with-Field-Codes and
#    https://libguides.sdu.dk/EBSCO-english/proximity (Nn: up to n words between, any order)


def test_ebsco_field_codes_and_headings():
    dialect = EbscoDialect()
    assert dialect.render(parse_query('ti:"patient flow"')).text == 'TI "patient flow"'
    assert dialect.render(parse_query('exp mh:"Leadership"')).text == '(MH "Leadership+")'
    assert dialect.render(parse_query("patient NEAR/1 education")).text == "(patient N1 education)"


def test_ebsco_title_or_abstract_is_spelled_out():
    text = EbscoDialect().render(parse_query("tiab:leader*")).text
    assert text == "(TI leader* OR AB leader*)"


# -- ProQuest: https://proquest.libguides.com/proquestplatform/tips


def test_proquest_field_functions_and_near():
    dialect = ProQuestDialect()
    assert dialect.render(parse_query("ti:econom*")).text == "ti(econom*)"
    assert dialect.render(parse_query("ab:(education NEAR/5 internet)")).text == (
        "ab(education NEAR/5 internet)"
    )
    assert dialect.render(parse_query('exp mh:"Leadership"')).text == (
        'MESH.EXACT.EXPLODE("Leadership")'
    )


# -- Scopus: http://help.scopus.com/robo/projects/schelp/h_bscssrchboolop.htm and
#    http://help.scopus.com/robo/projects/schelp/h_bscssrchFASTprox.htm


def test_scopus_field_codes_and_and_not():
    dialect = ScopusDialect()
    assert dialect.render(parse_query("tw:(mouse NOT cat)")).text == (
        "TITLE-ABS-KEY(mouse) AND NOT TITLE-ABS-KEY(cat)"
    )
    # "TITLE-ABS-KEY(ship* PRE/0 channel)": wildcards in phrases need PRE/0
    assert dialect.render(parse_query('tw:"ship* channel"')).text == (
        "TITLE-ABS-KEY(ship* PRE/0 channel)"
    )


def test_scopus_proximity_cannot_take_or_so_pairs_are_spelled_out():
    # "TITLE-ABS-KEY(bay PRE/6(ship* OR channel OR fish)) - invalid"
    text = ScopusDialect().render(parse_query("tw:(bay NEAR/6 (ship* OR channel))")).text
    assert text == "(TITLE-ABS-KEY(bay W/6 ship*) OR TITLE-ABS-KEY(bay W/6 channel))"


def test_scopus_precedence_reads_or_first():
    from realistsynth.query import read_query
    from realistsynth.query.precedence import SCOPUS

    # "KEY(mouse OR rat AND rodent) ... will all run as KEY((mouse OR rat) AND rodent)"
    assert read_query("rat OR mouse AND rodent").build(SCOPUS) == parse_query(
        "(rat OR mouse) AND rodent"
    )


# -- Web of Science: https://webofscience.help.clarivate.com/Content/search-operators.html


def test_wos_tags_and_near():
    dialect = WebOfScienceDialect()
    assert dialect.render(parse_query("tw:(salmon NEAR/15 virus)")).text == (
        "TS=(salmon NEAR/15 virus)"
    )
    assert dialect.render(parse_query('ti:"rainbow trout"')).text == 'TI=("rainbow trout")'


def test_wos_has_no_headings_and_says_so():
    rendering = WebOfScienceDialect().render(parse_query('exp mh:"Leadership"'))
    assert rendering.text == 'TS=("Leadership")'
    assert rendering.losses[0].feature == "heading"


# -- Cochrane Library: https://www.cochranelibrary.com/search-manager-help


def test_cochrane_labels_mesh_and_near():
    dialect = CochraneDialect()
    assert dialect.render(parse_query('tiab:"lung cancer"')).text == '"lung cancer":ti,ab'
    assert dialect.render(parse_query('exp mh:"Leadership"')).text == '[mh "Leadership"]'
    assert dialect.render(parse_query('mh:"Leadership"')).text == '[mh ^"Leadership"]'
    assert dialect.render(parse_query("tw:(leader* NEAR/3 system*)")).text == (
        "(leader* NEAR/3 system*):ti,ab,kw"
    )


def test_cochrane_phrases_with_wildcards_use_next():
    text = CochraneDialect().render(parse_query('"health servic*"')).text
    assert text == "(health NEXT servic*)"


def test_near_with_or_groups_is_kept_where_platforms_allow_it():
    query = parse_query("tiab:((leader* OR manag*) NEAR/3 system*)")
    assert isinstance(query, Near)
    assert isinstance(query.left, Or)
    assert OvidDialect().render(query).text == "((leader* or manag*) adj4 system*).ti,ab."


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        (PubMedDialect(), "leader*[tiab] AND system*[tiab]"),
        (OvidDialect(), "(leader* and system*).ti,ab."),
    ],
)
def test_fielded_groups(dialect, expected):
    assert dialect.render(parse_query("tiab:(leader* AND system*)")).text == expected


def test_one_field_for_a_group_where_it_means_the_same():
    query = parse_query("tiab:(leader* OR manag*) AND ti:(system* AND change) AND tiab:(a AND b)")
    # an OR group in title-or-abstract can be spelled out once per field ...
    assert (
        EbscoDialect()
        .render(query)
        .text.startswith("(TI (leader* OR manag*) OR AB (leader* OR manag*)) AND TI system*")
    )
    # ... but an AND group cannot: TI (a AND b) OR AB (a AND b) would be narrower
    assert "(TI a OR AB a) AND (TI b OR AB b)" in EbscoDialect().render(query).text
    # Scopus' TITLE-ABS is one combined field, so the AND group stays together there
    assert ScopusDialect().render(parse_query("tiab:(a AND b)")).text == "TITLE-ABS(a AND b)"


def test_scopus_keeps_a_pre0_phrase_together_inside_an_or_group():
    # Scopus processes OR before PRE/n, so the rewritten phrase is bracketed
    text = ScopusDialect().render(parse_query('tw:(care OR "health servic*")')).text
    assert text == "TITLE-ABS-KEY(care OR (health PRE/0 servic*))"


def test_ovid_numbered_strategy():
    # the line-by-line form of Ovid's search history, combined with or/1-3 and set numbers
    dialect = OvidDialect()
    query = parse_query('(exp mh:"Leadership" OR tiab:leader*) AND tw:system* NOT ti:editorial')
    assert dialect.render_lines(query).text == (
        "1 exp Leadership/\n2 leader*.ti,ab.\n3 or/1-2\n4 system*.tw.\n5 and/3-4\n"
        "6 editorial.ti.\n7 5 not 6"
    )
    history = "1. exp Leadership/\n2. leader*.ti,ab.\n3. 1 or 2\n4. system*.tw.\n5. 3 and 4"
    assert dialect.parse(history) == parse_query(
        '(exp mh:"Leadership" OR tiab:leader*) AND tw:system*'
    )


def test_ovid_numbered_strategy_errors_point_at_the_line():
    from realistsynth.errors import QuerySyntaxError

    text = "1 leader*.ti.\n2 1 or 7"
    with pytest.raises(QuerySyntaxError) as info:
        OvidDialect().parse(text)
    assert info.value.message == "line 2: no earlier line 7"
    assert text[info.value.position] == "7"
