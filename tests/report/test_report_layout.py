"""The HTML report reads at 1280 px and prints on A4: a print stylesheet (the report's parts,
the groups of items such as Methods or Results, start a new page, the items within a part
run on; table rows and figures are not cut, table headers repeat), and a first column of short
labels ("CMOC 1") that never wraps. The pictures in docs/img were taken of this output."""

from __future__ import annotations

import io
import re

import pytest

import realistsynth as rs
from realistsynth.examples import build_example


@pytest.fixture(scope="module")
def page() -> str:
    stream = io.BytesIO()
    options = {"style": "emerald-harvard"}
    rs.get_plugin_manager().exporter("rameses-html").export(
        build_example("ics-leadership"), stream, options
    )
    return stream.getvalue().decode("utf-8")


def test_a_print_stylesheet_keeps_tables_and_sections_whole(page: str) -> None:
    css = re.search(r"@media print\{(.*?)\n\}", page, re.DOTALL)
    assert css, "no print stylesheet"
    rules = css[1]
    assert "@page{size:A4" in rules
    assert "section.part{break-before:page}" in rules
    # items run on within their part: no rule breaks the page before an item
    assert not re.search(r"(^|[},])\s*section(\.item)?\s*\{[^}]*break-before", rules)
    assert "thead{display:table-header-group}" in rules
    assert "tr,figure,.badge{break-inside:avoid}" in rules


def test_short_first_columns_do_not_wrap(page: str) -> None:
    assert ".short-first td:first-child{white-space:nowrap}" in page
    lineage = re.search(
        r'<table class="short-first"><caption>Refinement lineage: [^<]*</caption>', page
    )
    assert lineage, "the lineage table's CMOC labels may wrap"
    # a table whose first column holds long text keeps wrapping
    assert "<table><caption>Search strategy</caption>" in page


def test_page_breaks_come_before_parts_not_items(page: str) -> None:
    parts = re.findall(r'<section class="part" id="part-[a-z-]+"><h2>([^<]+)</h2>', page)
    assert parts[:5] == ["Title and abstract", "Introduction", "Methods", "Results", "Discussion"]
    items = re.findall(r'<section class="item" id="([a-z-]+)"><h3>', page)
    assert len(items) >= 19
    assert len(parts) < len(items) / 2
    # every item sits inside a part
    first_part = page.index('<section class="part"')
    assert page.index('<section class="item"') > first_part
