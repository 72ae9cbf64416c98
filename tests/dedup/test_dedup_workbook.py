"""The pair-review workbook, written and read back as a real .xlsx file."""

from __future__ import annotations

import shutil

import pytest
from dedup.dedup_helpers import rec
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import realistsynth as rs
from realistsynth.dedup import deduplicate
from realistsynth.dedup.workbook import COLUMNS, SHEET, export_pairs, import_pairs
from realistsynth.errors import DecisionImportError
from realistsynth.model import PairDecision, Reviewer


def _review() -> rs.Review:
    review = rs.Review.new("Workbook test")
    review.add_reviewer(Reviewer("LK"))
    review.add_reviewer(Reviewer("RG"))
    review.add_records(
        [
            # no authors and no locator: the pair goes to the queue
            rec("a1", doi=None, authors=[], volume=None, pages=None, issue=None),
            rec("a2", doi=None, authors=[], volume=None, pages=None, issue=None),
            # a preprint: queued with a note; its title starts with "=" (formula injection)
            rec("p1", title="=HYPERLINK(1) preprint title of a leadership study", doi=None),
            rec(
                "p2",
                title="=HYPERLINK(1) preprint title of a leadership study",
                container_title="medRxiv",
                doi="10.1101/2023.5",
                volume=None,
                pages=None,
                issue=None,
            ),
        ]
    )
    deduplicate(review)
    return review


def _fill(path, decisions):
    wb = load_workbook(path)
    ws = wb[SHEET]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        pair = (row[header.index("record_a")].value, row[header.index("record_b")].value)
        if pair in decisions:
            verdict, who = decisions[pair]
            row[header.index("decision")].value = verdict
            row[header.index("reviewer")].value = who
    wb.save(path)


def test_export_lists_the_queue_with_reasons_and_safe_cells(tmp_path):
    review = _review()
    out = tmp_path / "pairs.xlsx"
    audit = export_pairs(review, out)
    ws = load_workbook(out)[SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    pairs = {(r[0], r[1]) for r in rows[1:]}
    assert pairs == {("a1", "a2"), ("p1", "p2")}
    why = {(r[0], r[1]): r[4] for r in rows[1:]}
    assert why[("p1", "p2")] == "preprint and published version"
    title_cell = next(
        row[COLUMNS.index("title_a")] for row in ws.iter_rows(min_row=2) if row[0].value == "p1"
    )
    assert title_cell.data_type == "s"  # stored as text, not as a formula
    assert title_cell.value.startswith("=HYPERLINK")
    assert audit.formulas_neutralised == 2
    # a drop-down offers the two decisions; the header stays in view
    (choice,) = ws.data_validations.dataValidation
    assert choice.formula1 == '"same,different"'
    assert ws.freeze_panes == "C2"


def test_import_applies_decisions_and_twice_changes_nothing(tmp_path):
    review = _review()
    out = tmp_path / "pairs.xlsx"
    export_pairs(review, out)
    _fill(out, {("a1", "a2"): ("same", "LK"), ("p1", "p2"): ("Different", "RG")})
    assert import_pairs(review, out) == 2
    assert review.cluster_id_of("a2") == "a1"
    assert review.cluster_id_of("p2") == "p2"
    decision = review.pair_decision("p2", "p1")
    assert decision is not None
    assert decision.reviewer == "RG"
    assert not decision.same
    text = rs.dumps(review)
    assert import_pairs(review, out) == 0
    assert rs.dumps(review) == text
    # a re-run keeps and respects the decisions
    deduplicate(review)
    assert review.cluster_id_of("a2") == "a1"
    # and the export now shows them
    export_pairs(review, out)
    rows = list(load_workbook(out)[SHEET].iter_rows(values_only=True))
    decided = {(r[0], r[1]): r[COLUMNS.index("decision")] for r in rows[1:]}
    assert decided == {("a1", "a2"): "same", ("p1", "p2"): "different"}


def test_import_is_all_or_nothing_with_every_bad_row_named(tmp_path):
    review = _review()
    out = tmp_path / "pairs.xlsx"
    export_pairs(review, out)
    _fill(out, {("a1", "a2"): ("same", "LK"), ("p1", "p2"): ("maybe", "RG")})
    wb = load_workbook(out)
    wb[SHEET].append(["a1", "ghost", None, None, None, None] + [None] * 12 + ["same", "ZZ"])
    wb.save(out)
    before = rs.dumps(review)
    with pytest.raises(DecisionImportError) as info:
        import_pairs(review, out)
    problems = info.value.problems
    assert any("pairs!3" in p and "'maybe'" in p for p in problems)
    assert any("pairs!4" in p and "ghost" in p for p in problems)
    assert rs.dumps(review) == before


def test_import_rejects_unknown_reviewers_and_non_workbooks(tmp_path):
    review = _review()
    out = tmp_path / "pairs.xlsx"
    export_pairs(review, out)
    _fill(out, {("a1", "a2"): ("same", "XX")})
    with pytest.raises(DecisionImportError, match="unknown reviewer 'XX'"):
        import_pairs(review, out)
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(DecisionImportError, match="not an Excel workbook"):
        import_pairs(review, bogus)
    renamed = tmp_path / "renamed.xlsx"
    shutil.copy(out, renamed)
    wb = load_workbook(renamed)
    wb[SHEET].title = "other"
    wb.save(renamed)
    with pytest.raises(DecisionImportError, match="no sheet"):
        import_pairs(review, renamed)


@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_our_error(tmp_path_factory, data):
    review = _review()
    path = tmp_path_factory.mktemp("fuzz") / "pairs.xlsx"
    path.write_bytes(data)
    with pytest.raises(DecisionImportError):
        import_pairs(review, path)


_NOTES = st.none() | st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_characters="\x7f"),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and t)


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_decisions_round_trip_through_the_workbook(tmp_path_factory, data):
    source = _review()
    queued = [x.pair for x in source.duplicate_links if x.verdict.value == "uncertain"]
    for a, b in queued:
        if data.draw(st.booleans()):
            source.decide_pair(
                PairDecision.of(
                    a,
                    b,
                    same=data.draw(st.booleans()),
                    reviewer=data.draw(st.sampled_from(["LK", "RG"])),
                    note=data.draw(_NOTES),
                )
            )
    path = tmp_path_factory.mktemp("rt") / "pairs.xlsx"
    export_pairs(source, path)
    target = _review()
    import_pairs(target, path)
    assert set(target.pair_decisions) == set(source.pair_decisions)
