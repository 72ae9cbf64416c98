"""De-duplication stored in the review: clusters, decisions, undo, checks, project file."""

from __future__ import annotations

import pytest
from dedup.dedup_helpers import rec
from hypothesis import given, settings
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.dedup import deduplicate
from realistsynth.dedup.counts import cluster_id_of, dedup_counts
from realistsynth.dedup.merge import canonical_record
from realistsynth.errors import InvalidReviewError, UnknownReferenceError
from realistsynth.model import PartialDate, Provenance, Record, Reviewer, Source
from realistsynth.model.dedup import DuplicateLink, LinkVerdict, PairDecision, cluster_records


def _review(records: list[Record]) -> rs.Review:
    review = rs.Review.new("Dedup test")
    review.add_reviewer(Reviewer("LK"))
    for sid in ("medline", "cinahl"):
        review.add_source(Source(sid, sid.upper()))
    review.add_records(records)
    return review


def _corpus() -> list[Record]:
    return [
        rec("k1", provenance=[Provenance(source_id="medline")]),
        rec("k2", doi=None, provenance=[Provenance(source_id="cinahl")], abstract="Long text."),
        rec("k3", title="[Integrated care system leadership: a rapid realist review]", doi=None),
        rec("o1", title="Something else entirely about hospital finance", doi=None),
        rec("e1", title="Erratum: Integrated care system leadership: a rapid realist review"),
    ]


def test_deduplicate_stores_links_and_derives_clusters_and_counts():
    review = _review(_corpus())
    run = deduplicate(review)
    assert run.duplicates >= 2
    assert review.cluster_id_of("k2") == review.cluster_id_of("k3") == "k1"
    assert review.cluster_id_of("o1") == "o1"
    assert review.cluster_id_of("e1") == "e1"  # related, not merged
    counts = dedup_counts(review)
    assert counts.records == 5
    assert counts.unique == 3
    assert counts.duplicates_removed == 2
    assert counts.per_source == {"(no source)": 3, "cinahl": 1, "medline": 1}
    assert cluster_id_of(review, "k3") == "k1"
    assert cluster_id_of(review, "nope") is None
    # every record is still there
    assert set(review.records) == {"k1", "k2", "k3", "o1", "e1"}


def test_canonical_record_keeps_every_provenance_and_the_most_complete_values():
    review = _review(_corpus())
    deduplicate(review)
    merged = canonical_record(review, "k3")
    assert merged.id == "k1"
    assert {p.source_id for p in merged.provenance} == {"medline", "cinahl"}
    assert merged.abstract == "Long text."
    assert merged.doi == "10.1108/JICA-05-2023-0033"


def test_a_different_decision_splits_a_cluster_and_survives_reruns():
    review = _review(_corpus())
    deduplicate(review)
    review.decide_pair(PairDecision.of("k3", "k1", same=False, reviewer="LK"))
    deduplicate(review)
    assert review.cluster_id_of("k1") != review.cluster_id_of("k3")
    review.withdraw_pair_decision("k1", "k3")
    assert review.cluster_id_of("k1") == review.cluster_id_of("k3")


def test_different_blocks_even_a_transitive_chain():
    links = [
        DuplicateLink.of("a", "b", LinkVerdict.DUPLICATE, "fuzzy", 0.99),
        DuplicateLink.of("b", "c", LinkVerdict.DUPLICATE, "fuzzy", 0.95),
    ]
    decisions = [PairDecision.of("a", "c", same=False, reviewer="LK")]
    clusters = cluster_records("abc", links, decisions)
    assert clusters["a"] == clusters["b"] == "a"
    assert clusters["c"] == "c"  # the weaker link gives way


def test_a_same_decision_joins_an_uncertain_pair():
    # no authors and no volume or page to vouch for the pair: the run can only queue it
    review = _review(
        [
            rec("a", doi=None, authors=[], volume=None),
            rec("b", doi=None, authors=[], volume=None, pages=None),
        ]
    )
    deduplicate(review)
    link = review.duplicate_link("a", "b")
    assert link is not None
    assert link.verdict is LinkVerdict.UNCERTAIN
    assert review.cluster_id_of("b") == "b"  # queued, not merged
    review.decide_pair(PairDecision.of("a", "b", same=True, reviewer="LK"))
    assert review.cluster_id_of("b") == "a"


def test_undo_one_merge_by_removing_its_link():
    review = _review(_corpus())
    deduplicate(review)
    before = review.clusters()
    removed = review.remove_duplicate_link("k1", "k2")
    assert removed.verdict is LinkVerdict.DUPLICATE
    # k2 may still be joined through k3; removing every link of k2 frees it
    for link in list(review.duplicate_links):
        if "k2" in link.pair:
            review.remove_duplicate_link(*link.pair)
    assert review.cluster_id_of("k2") == "k2"
    with pytest.raises(UnknownReferenceError):
        review.remove_duplicate_link("k1", "k2")
    assert before != review.clusters()


def test_checks_reject_unknown_records_and_reviewers():
    review = _review(_corpus())
    with pytest.raises(UnknownReferenceError, match="reviewer"):
        review.decide_pair(PairDecision.of("k1", "k2", same=True, reviewer="ZZ"))
    assert review.pair_decisions == ()
    with pytest.raises(UnknownReferenceError, match="record"):
        review.decide_pair(PairDecision.of("k1", "ghost", same=True, reviewer="LK"))
    with pytest.raises(UnknownReferenceError, match="record"):
        review.set_duplicate_links(
            [DuplicateLink.of("k1", "ghost", LinkVerdict.DUPLICATE, "doi", 1.0)]
        )
    assert review.duplicate_links == ()


def test_value_objects_refuse_bad_pairs():
    with pytest.raises(ValueError, match="two different"):
        PairDecision("a", "a", same=True, reviewer="LK")
    with pytest.raises(ValueError, match="canonical order"):
        DuplicateLink("b", "a", LinkVerdict.DUPLICATE, "doi", 1.0)
    with pytest.raises(ValueError, match="between 0 and 1"):
        DuplicateLink.of("a", "b", LinkVerdict.DUPLICATE, "doi", 1.5)


def test_project_file_round_trips_byte_identically_and_validates_links():
    review = _review(_corpus())
    deduplicate(review)
    review.decide_pair(PairDecision.of("k1", "o1", same=False, reviewer="LK", note="checked"))
    text = rs.dumps(review)
    again = rs.loads(text)
    assert rs.dumps(again) == text
    assert again == review
    assert again.cluster_id_of("k3") == "k1"
    broken = text.replace('"reviewer": "LK"', '"reviewer": "XX"')
    with pytest.raises(InvalidReviewError, match="unknown reviewer 'XX'"):
        rs.loads(broken)


def test_an_old_file_without_dedup_fields_still_loads():
    review = _review(_corpus())
    text = rs.dumps(review)
    assert "duplicate_links" not in text
    assert rs.loads(text).duplicate_links == ()


# ---------------------------------------------------------------- properties

_TITLES = [
    "Integrated care system leadership: a rapid realist review",
    "Leadership across organisational boundaries in health care",
    "Distributed leadership in integrated care systems",
]


@st.composite
def _records(draw: st.DrawFn) -> list[Record]:
    n = draw(st.integers(2, 9))
    out = []
    for i in range(n):
        out.append(
            rec(
                f"r{i}",
                title=draw(st.sampled_from([*_TITLES, None])),
                doi=draw(st.sampled_from([None, "10.1/a", "10.1/b"])),
                pages=draw(st.sampled_from([None, "1-19", "20-30"])),
                issued=PartialDate(draw(st.integers(2022, 2024))),
                authors=draw(st.sampled_from([[], rec("x").authors])),
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(_records(), st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_record_order(records, rnd):
    shuffled = list(records)
    rnd.shuffle(shuffled)
    first, second = _review(records), _review(shuffled)
    deduplicate(first)
    deduplicate(second)
    assert {r: first.cluster_id_of(r) for r in first.records} == {
        r: second.cluster_id_of(r) for r in second.records
    }
    assert set(first.duplicate_links) == set(second.duplicate_links)


@settings(max_examples=40, deadline=None)
@given(_records())
def test_rerun_is_idempotent_and_never_deletes_a_record(records):
    review = _review(records)
    deduplicate(review)
    once = rs.dumps(review)
    deduplicate(review)
    assert rs.dumps(review) == once
    assert list(review.records) == [r.id for r in records]


@settings(max_examples=40, deadline=None)
@given(_records(), st.data())
def test_deciding_then_withdrawing_restores_the_clusters(records, data):
    review = _review(records)
    deduplicate(review)
    before = {r: review.cluster_id_of(r) for r in review.records}
    ids = sorted(review.records)
    a, b = data.draw(st.sampled_from([(x, y) for x in ids for y in ids if x < y]))
    same = data.draw(st.booleans())
    review.decide_pair(PairDecision.of(a, b, same=same, reviewer="LK"))
    if same:
        assert review.cluster_id_of(a) == review.cluster_id_of(b)
    else:
        assert review.cluster_id_of(a) != review.cluster_id_of(b)
    review.withdraw_pair_decision(a, b)
    assert {r: review.cluster_id_of(r) for r in review.records} == before


@settings(max_examples=30, deadline=None)
@given(_records(), st.data())
def test_links_and_decisions_round_trip_through_the_project_file(records, data):
    review = _review(records)
    deduplicate(review)
    ids = sorted(review.records)
    pairs = [(x, y) for x in ids for y in ids if x < y]
    for a, b in data.draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True)):
        note = data.draw(st.none() | st.text(max_size=20))
        review.decide_pair(
            PairDecision.of(a, b, same=data.draw(st.booleans()), reviewer="LK", note=note)
        )
    text = rs.dumps(review)
    again = rs.loads(text)
    assert rs.dumps(again) == text
    assert again.duplicate_links == review.duplicate_links
    assert again.pair_decisions == review.pair_decisions
    assert {r: again.cluster_id_of(r) for r in ids} == {r: review.cluster_id_of(r) for r in ids}


def test_only_one_record_per_cluster_enters_selection_and_the_flow_counts_duplicates() -> None:
    from realistsynth.selection.flow import compute_flow

    review = rs.Review.new("T")
    review.add_source(rs.Source("a", "A"))
    review.add_source(rs.Source("b", "B"))
    for rid, source in (("x1", "a"), ("x2", "b"), ("y1", "a")):
        review.add_record(rs.Record(rid, provenance=[rs.Provenance(source_id=source)]))
    review.add_stage(rs.ScreeningStage("ta", "Title and abstract"))
    assert review.candidates() == ["x1", "x2", "y1"]
    review.set_duplicate_links(
        [rs.DuplicateLink.of("x1", "x2", rs.LinkVerdict.DUPLICATE, "doi", 1.0)]
    )
    assert review.candidates() == ["x1", "y1"]
    flow = compute_flow(review)
    assert flow.identified == 3
    assert flow.duplicates == 1
    assert flow.stage("ta").entered == 2


def test_records_csv_carries_the_cluster_of_every_record() -> None:
    import csv
    import io

    review = rs.Review.new("T")
    for rid in ("x1", "x2", "y1"):
        review.add_record(rs.Record(rid, title=f"title {rid}"))
    review.set_duplicate_links(
        [rs.DuplicateLink.of("x2", "x1", rs.LinkVerdict.DUPLICATE, "doi", 1.0)]
    )
    out = io.BytesIO()
    rs.get_plugin_manager(load_entry_points=False).exporter("csv").export(review, out, {})
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert {r["id"]: r["cluster_id"] for r in rows} == {"x1": "x1", "x2": "x1", "y1": "y1"}
