"""The gaps of citeproc-py that realistsynth closes, each checked on real citeproc-py output."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realistsynth.errors import PluginError
from realistsynth.model import Name, PartialDate, Record
from realistsynth.references import (
    OutputFormat,
    ReferenceCache,
    ReferenceFormatter,
    bare_doi,
    format_references,
    record_to_csl,
)


@pytest.fixture
def plugins(realistsynth_plugins):
    return realistsynth_plugins()


AUNGER = (Name("Aunger", "J.A."),)


def art(rid, title="A study", authors=AUNGER, year=2021, **kw):
    return Record(
        rid,
        title=title,
        authors=list(authors),
        issued=PartialDate(year) if year else None,
        container_title=kw.pop("container_title", "BMJ Leader"),
        **kw,
    )


def test_builtin_styles_are_registered(plugins):
    names = set(plugins.citation_styles)
    assert {
        "apa",
        "harvard-cite-them-right",
        "emerald-harvard",
        "vancouver",
        "chicago-author-date",
        "ama",
    } <= names
    for style in plugins.citation_styles.values():
        text = style.path.read_text(encoding="utf-8")
        assert "creativecommons.org/licenses/by-sa/3.0" in text  # rights element kept
    assert (style.path.parent / "NOTICE").is_file()


def test_csl_mapping_keeps_organisations_literal_and_dois_bare():
    record = Record(
        "nhse2021",
        type="report",
        title="Guidance",
        authors=[Name(literal="NHS England and NHS Improvement")],
        doi="https://doi.org/10.1108/LHS-12-2023-0092",
        issued=PartialDate(2021, 3, 4),
        editors=[Name("Berg", "Jan", particle="van den", suffix="Jr.")],
        issn=["1751-1879"],
    )
    item = record_to_csl(record)
    assert item["author"] == [{"literal": "NHS England and NHS Improvement"}]
    assert item["DOI"] == "10.1108/LHS-12-2023-0092"
    assert item["issued"] == {"date-parts": [[2021, 3, 4]]}
    assert item["editor"] == [
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van den", "suffix": "Jr."}
    ]
    assert item["ISSN"] == "1751-1879"
    assert "abstract" not in item
    assert bare_doi("doi: https://dx.doi.org/10.1/x") == "10.1/x"


def test_same_author_year_gets_suffixes_in_list_and_citations(plugins):
    records = [
        art("c", title="Zebra governance"),
        art("a", title="Alpha governance"),
        art("b", title="Middle governance"),
        art("other", authors=[Name("Aunger", "J.A."), Name("Millar", "R.")], title="Other"),
    ]
    bib = ReferenceFormatter("apa", plugins=plugins).format(records)
    by_id = {r.record_id: r for r in bib.references}
    assert [by_id[k].year_suffix for k in "abc"] == ["a", "b", "c"]
    assert by_id["other"].year_suffix is None
    assert by_id["a"].citation == "(Aunger, 2021a)"
    assert by_id["c"].citation == "(Aunger, 2021c)"
    assert "(2021b). Middle governance." in by_id["b"].entry
    assert [r.record_id for r in bib.references][:3] == ["a", "b", "c"]


FULL_NAMES_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Full names</title><id>full</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><names variable="author"><name form="short"/></names></layout></citation>
  <bibliography><layout><names variable="author"><name and="text"/></names></layout></bibliography>
</style>
"""


def test_hyphenated_given_names_are_not_mangled(plugins, tmp_path):
    records = [
        art("k", authors=[Name("Kim", "Ji-woo"), Name("Chang", "M-F."), Name("Roy", "Jean-Paul")])
    ]
    apa = ReferenceFormatter("apa", plugins=plugins).format(records).references[0].entry
    assert "Kim, J., Chang, M.-F., & Roy, J.-P." in apa
    assert ". woo" not in apa
    style = tmp_path / "full.csl"
    style.write_text(FULL_NAMES_CSL, encoding="utf-8")
    full = ReferenceFormatter(style).format(records).references[0].entry
    assert full == "Ji-woo Kim, M-F. Chang, and Jean-Paul Roy"


def test_html_escapes_data_and_keeps_style_markup(plugins):
    records = [art("x", title="Tags <script>alert(1)</script> & <i>Homo sapiens</i> care")]
    entry = ReferenceFormatter("apa", plugins=plugins).format(records, "html").references[0].entry
    assert "<script" not in entry
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <i>Homo sapiens</i> care" in entry
    assert "<i>BMJ Leader</i>" in entry
    text = ReferenceFormatter("apa", plugins=plugins).format(records).references[0].entry
    assert "Tags <script>alert(1)</script> & Homo sapiens care" in text


def test_markdown_escapes_and_italicises(plugins):
    records = [art("x", title="Stars *and* under_scores <b> (an unclosed tag is text)")]
    entry = ReferenceFormatter("apa", plugins=plugins).format(records, OutputFormat.MARKDOWN)
    md = entry.references[0].entry
    assert "Stars \\*and\\* under\\_scores \\<b\\>" in md
    assert "*BMJ Leader*" in md


@pytest.mark.parametrize(
    "title",
    [
        "Health & social care: Tags <script>x</script> & <i>Homo sapiens</i>",
        "Entities stay text: &amp; &#38; &copy; [link](http://x) `code` a_b *c*",
        "AT&T, R&D: 5 < 6 > 4 \\ done",
    ],
)
def test_markdown_reads_as_the_plain_text_once_rendered(plugins, title):
    # a CommonMark renderer (markdown-it-py, which rich brings) must show exactly the plain
    # text entry, and the Markdown itself holds no "&amp;" where a plain "&" is safe
    from markdown_it import MarkdownIt

    records = [art("x", title=title)]
    formatter = ReferenceFormatter("apa", plugins=plugins)
    md = formatter.format(records, OutputFormat.MARKDOWN).references[0].entry
    text = formatter.format(records).references[0].entry
    rendered = MarkdownIt("commonmark").render(md)
    assert "<script" not in rendered
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
    assert shown == text
    if "AT&T" in title:
        assert "AT&T, R&D" in md


def test_doi_stored_as_url_is_printed_once(plugins):
    records = [art("d", doi="https://doi.org/10.1371/journal.pone.0266899")]
    for style in ("apa", "harvard-cite-them-right", "vancouver", "emerald-harvard"):
        entry = ReferenceFormatter(style, plugins=plugins).format(records).references[0].entry
        assert entry.count("10.1371/journal.pone.0266899") == 1, style
        assert "doi.org/https" not in entry


def test_numeric_styles_number_in_order_with_a_space(plugins):
    records = [art("b", title="Second"), art("a", title="First", pages="1-10")]
    bib = ReferenceFormatter("vancouver", plugins=plugins).format(records)
    assert [r.entry[:3] for r in bib.references] == ["1. ", "2. "]
    assert bib.references[1].entry.count("1–10") == 1  # citeproc-py alone prints "1–0"
    assert bib.citation("a") == "(2)"


def test_title_substituted_for_missing_author_is_not_repeated(plugins):
    records = [
        Record(
            "r",
            type="report",
            title="Integrated care explained",
            issued=PartialDate(2022),
            publisher="The King's Fund",
        )
    ]
    entry = ReferenceFormatter("apa", plugins=plugins).format(records).references[0].entry
    assert entry == "Integrated care explained. (2022). The King’s Fund."


def test_any_csl_file_path_is_accepted(plugins, tmp_path):
    path = tmp_path / "my style.csl"
    path.write_bytes(plugins.citation_style("apa").path.read_bytes())
    bib = format_references([art("a")], path)
    assert bib.references[0].citation == "(Aunger, 2021)"
    with pytest.raises(PluginError, match="no citation style named 'nope'"):
        ReferenceFormatter("nope", plugins=plugins)
    broken = tmp_path / "broken.csl"
    broken.write_text("<style>not csl", encoding="utf-8")
    with pytest.raises(PluginError, match="not a usable CSL style"):
        ReferenceFormatter(broken).format([art("a")])


def test_cache_is_reused_in_memory_and_on_disk(plugins, tmp_path):
    records = [art(f"r{i}", title=f"Study {i}") for i in range(5)]
    cache = ReferenceCache(tmp_path / "cache")
    first = ReferenceFormatter("apa", plugins=plugins, cache=cache).format(records, "html")
    assert len(cache) == 5
    files = list((tmp_path / "cache").glob("*.json"))
    assert len(files) == 1
    written = files[0].stat().st_ino
    again = ReferenceCache(tmp_path / "cache")
    second = ReferenceFormatter("apa", plugins=plugins, cache=again).format(records, "html")
    assert second == first
    assert len(again) == 5
    # everything came from disk: nothing new was rendered, so the file was not written again
    # (a save replaces it with a new file)
    assert files[0].stat().st_ino == written
    changed = [*records[:4], art("r4", title="Study four, revised")]
    third = ReferenceFormatter("apa", plugins=plugins, cache=again).format(changed, "html")
    assert len(again) == 6
    assert "Study four, revised" in third.render()
    files[0].write_text("{not json", encoding="utf-8")
    fourth = ReferenceFormatter("apa", plugins=plugins, cache=ReferenceCache(tmp_path / "cache"))
    assert fourth.format(records, "html") == first


def test_two_caches_share_nothing(plugins):
    one, two = ReferenceCache(), ReferenceCache()
    ReferenceFormatter("apa", plugins=plugins, cache=one).format([art("a")])
    assert len(one) == 1
    assert len(two) == 0


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_html_never_contains_data_markup(title):
    bib = format_references([art("x", title=title)], "harvard-cite-them-right", "html")
    rendered = bib.render()
    tags = re.findall(r"<[^>]*>", rendered)
    allowed = re.compile(r"</?(div|i|b|sup|sub|span)( [^<>]*)?>")
    assert all(allowed.fullmatch(tag) for tag in tags), tags
    text = html.unescape(re.sub(r"<[^>]*>", "", bib.references[0].entry))
    plain = (
        format_references([art("x", title=title)], "harvard-cite-them-right").references[0].entry
    )
    assert text == plain


_names = st.builds(
    Name,
    family=st.text(alphabet="abcdefghijklmnop-' ", min_size=1, max_size=12).filter(str.strip),
    given=st.none() | st.text(alphabet="ABCDEF.- ", max_size=6),
)
_orgs = st.builds(Name, literal=st.text(min_size=1, max_size=20))


@settings(max_examples=60, deadline=None)
@given(
    authors=st.lists(_names | _orgs, max_size=4),
    title=st.none() | st.text(max_size=30),
    year=st.none() | st.integers(1, 9999),
    doi_prefix=st.sampled_from(["", "https://doi.org/", "doi: ", "http://dx.doi.org/"]),
)
def test_csl_mapping_is_faithful(authors, title, year, doi_prefix):
    record = Record(
        "r1",
        title=title or None,
        authors=authors,
        issued=PartialDate(year) if year else None,
        doi=doi_prefix + "10.1000/AbC",
    )
    item = record_to_csl(record)
    assert item["id"] == "r1"
    assert item.get("title") == (title or None) if title else "title" not in item
    assert len(item.get("author", [])) == len(authors)
    for name, csl in zip(authors, item.get("author", []), strict=True):
        if name.literal is not None:
            assert csl == {"literal": name.literal}
        else:
            assert csl["family"] == name.family
            assert csl.get("given") == (name.given or None)
    assert item["DOI"] == "10.1000/AbC"
    assert ("issued" in item) == bool(year)


def test_first_authors_sharing_a_family_name_get_initials(plugins):
    records = [
        art("a1", authors=[Name("Ahmed", "A.B.")], year=2018),
        art("a2", authors=[Name("Ahmed", "Mona"), Name("Tanaka", "K.")], year=2015),
        art("s1", authors=[Name("Smith", "J.")], year=2010),
    ]
    apa = ReferenceFormatter("apa", plugins=plugins).format(records)
    assert apa.citation("a1") == "(A. B. Ahmed, 2018)"
    assert apa.citation("a2") == "(M. Ahmed & Tanaka, 2015)"
    assert apa.citation("s1") == "(Smith, 2010)"
    # Cite Them Right adds initials only where citations would otherwise be the same
    harvard = ReferenceFormatter("harvard-cite-them-right", plugins=plugins).format(records)
    assert harvard.citation("a1") == "(Ahmed, 2018)"
    same_year = [
        art(
            "b1",
            authors=[Name("Brown", "Hugh"), Name("Lee", "A."), Name("Ng", "B."), Name("Ode", "C.")],
            year=2022,
        ),
        art(
            "b2",
            authors=[
                Name("Brown", "Jean-Paul"),
                Name("Ray", "A."),
                Name("Ng", "B."),
                Name("Ode", "C."),
            ],
            year=2022,
        ),
    ]
    harvard = ReferenceFormatter("harvard-cite-them-right", plugins=plugins).format(same_year)
    assert harvard.citation("b1") == "(H. Brown et al., 2022)"
    assert harvard.citation("b2") == "(J.-P. Brown et al., 2022)"
    assert {r.year_suffix for r in harvard.references} == {None}


def test_names_are_added_where_et_al_hides_the_difference(plugins):
    # the worked example's two Aunger 2022 papers, printed in its text (Emerald Harvard) as
    # "Aunger, Millar, Rafferty, Mannion, et al., 2022" and "Aunger, Millar, Rafferty and
    # Mannion, 2022"
    four = [
        Name("Aunger", "J.A."),
        Name("Millar", "R."),
        Name("Rafferty", "A.M."),
        Name("Mannion", "R."),
    ]
    records = [
        art(
            "plos",
            title="How, when, and why",
            authors=[*four, Name("Greenhalgh", "J."), Name("Faulks", "D.")],
            year=2022,
        ),
        art("bmc", title="Collaboration over competition?", authors=four, year=2022),
        art(
            "solo",
            title="Unrelated",
            authors=[Name("Aunger", "J.A."), Name("Ode", "C."), Name("Ng", "B.")],
            year=2019,
        ),
    ]
    emerald = ReferenceFormatter("emerald-harvard", plugins=plugins).format(records)
    assert emerald.citation("plos") == "(Aunger, Millar, Rafferty, Mannion, et al., 2022)"
    assert emerald.citation("bmc") == "(Aunger, Millar, Rafferty and Mannion, 2022)"
    assert emerald.citation("solo") == "(Aunger et al., 2019)"
    assert {r.year_suffix for r in emerald.references} == {None}
    apa = ReferenceFormatter("apa", plugins=plugins).format(records)
    assert apa.citation("bmc") == "(Aunger, Millar, Rafferty, & Mannion, 2022)"
