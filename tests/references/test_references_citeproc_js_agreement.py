"""Agreement with citeproc-js (Zotero's engine) on the 234-reference fixture.

The expected output was produced once by tests/data/references/make_expected.js (see the
README there) and is committed; this test needs neither Node nor network. Entries are
compared after normalising whitespace only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from realistsynth.model import Record
from realistsynth.references import ReferenceFormatter, record_to_csl
from realistsynth.store.converter import make_converter

DATA = Path(__file__).parents[1] / "data" / "references"


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def records() -> list[Record]:
    raw = json.loads((DATA / "records.json").read_text(encoding="utf-8"))
    return make_converter().structure(raw, list[Record])


def test_fixture_is_large_and_its_csl_is_our_mapping(records):
    assert len(records) >= 200
    committed = json.loads((DATA / "csl-items.json").read_text(encoding="utf-8"))
    assert committed == [record_to_csl(r) for r in records]
    types = {r.type for r in records}
    assert {"article-journal", "book", "chapter", "report", "thesis", "webpage"} <= types


#: share of identical entries required per style: 98% where the issue asks it (APA, Harvard)
#: and where realistsynth reaches it; Chicago's known gaps are listed in docs/references.md
ENTRY_SHARE = {
    "apa": 0.98,
    "harvard-cite-them-right": 0.98,
    "emerald-harvard": 0.98,
    "vancouver": 0.98,
    "ama": 0.98,
    "chicago-author-date": 0.95,
}


@pytest.mark.parametrize("style", list(ENTRY_SHARE))
def test_entries_identical_to_citeproc_js(records, style, realistsynth_plugins):
    expected = json.loads((DATA / f"expected-{style}.json").read_text(encoding="utf-8"))
    assert expected["engine"].startswith("citeproc-js")
    bibliography = ReferenceFormatter(style, plugins=realistsynth_plugins()).format(records)
    ours = {r.record_id: r.entry for r in bibliography.references}
    assert set(ours) == set(expected["bibliography"])
    same = [rid for rid, text in ours.items() if _ws(text) == _ws(expected["bibliography"][rid])]
    share = len(same) / len(ours)
    different = sorted(set(ours) - set(same))
    assert share >= ENTRY_SHARE[style], f"{share:.1%} identical; first: {different[:5]}"


@pytest.mark.parametrize("style", ["apa", "harvard-cite-them-right"])
def test_year_suffixes_agree_with_citeproc_js(records, style, realistsynth_plugins):
    expected = json.loads((DATA / f"expected-{style}.json").read_text(encoding="utf-8"))
    bibliography = ReferenceFormatter(style, plugins=realistsynth_plugins()).format(records)
    suffixed = {r.record_id for r in bibliography.references if r.year_suffix}
    theirs = {
        rid
        for rid, text in expected["bibliography"].items()
        if re.search(r"\((?:\d{4}|n\.d\.)-?[a-z]\b", text)
    }
    assert {"aunger2021x", "aunger2021y", "aunger2021z"} <= suffixed
    assert suffixed == theirs
    for rid in ("aunger2021x", "aunger2021y", "aunger2021z"):
        ours = bibliography.citation(rid)
        assert _ws(ours) == _ws(expected["citations"][rid])


@pytest.mark.parametrize("style", list(ENTRY_SHARE))
def test_at_least_98_percent_of_citations_identical(records, style, realistsynth_plugins):
    # in-text citations include given-name initials where two first authors share a family
    # name ("(A. B. Ahmed, 2018)"), and year suffixes
    expected = json.loads((DATA / f"expected-{style}.json").read_text(encoding="utf-8"))
    bibliography = ReferenceFormatter(style, plugins=realistsynth_plugins()).format(records)
    same = sum(
        _ws(r.citation) == _ws(expected["citations"][r.record_id]) for r in bibliography.references
    )
    assert same / len(bibliography.references) >= 0.98


def test_worker_processes_give_the_same_list(records, realistsynth_plugins):
    plugins = realistsynth_plugins()
    one = ReferenceFormatter("apa", plugins=plugins).format(records, "html")
    two = ReferenceFormatter("apa", plugins=plugins, workers=2).format(records, "html")
    assert len(records) >= 200  # enough misses for the worker path
    assert two == one
