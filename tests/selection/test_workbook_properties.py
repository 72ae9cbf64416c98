"""Property tests: any reviewer's decisions survive a workbook round trip; any bytes given as a
workbook raise only realistsynth's own error."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selection.selection_helpers import RECORDS, small_review

import realistsynth as rs
from realistsynth.selection import default_stages
from realistsynth.selection.workbook import export_workbook, import_workbook

REASONS = [r.code for r in default_stages()[0].reasons]
notes = st.one_of(st.none(), st.text(min_size=1, max_size=40).filter(lambda t: t.strip() == t))
decision = st.one_of(
    st.tuples(st.just("include"), st.none(), notes),
    st.tuples(st.just("maybe"), st.none(), notes),
    st.tuples(st.just("exclude"), st.one_of(st.none(), st.sampled_from(REASONS)), notes),
)


def _clean(note: str | None) -> str | None:
    # what a cell can hold: no control characters (safe_cell removes them)
    if note is None:
        return None
    kept = "".join(ch for ch in note if ch in "\t\n\r" or ord(ch) >= 32)
    kept = "".join(
        ch for ch in kept if not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff"
    )
    return kept.strip() or None


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(RECORDS), decision, max_size=len(RECORDS)))
def test_decisions_round_trip_through_a_workbook(
    chosen: dict[str, tuple[str, str | None, str | None]],
) -> None:
    source = small_review()
    for rid, (verdict, reason, note) in chosen.items():
        source.record_decision(
            rs.Decision("title-abstract", rid, "AL", rs.Verdict(verdict), reason, _clean(note))
        )
    target = small_review()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "AL.xlsx"
        export_workbook(source, "title-abstract", path, reviewers=["AL"], include_decided=True)
        result = import_workbook(target, path)
    assert result.added == len(chosen)
    strip = {(d.record_id, d.verdict, d.reason, d.note) for d in source.decisions}
    assert {(d.record_id, d.verdict, d.reason, d.note) for d in target.decisions} == strip


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_workbook(data: bytes) -> None:
    review = small_review()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.xlsx"
        path.write_bytes(data)
        with contextlib.suppress(rs.RealistsynthError):
            import_workbook(review, path)


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=300), st.integers(0, 3))
def test_a_workbook_with_a_broken_part(garbage: bytes, which: int) -> None:
    import zipfile

    review = small_review()
    with tempfile.TemporaryDirectory() as folder:
        good = Path(folder) / "good.xlsx"
        export_workbook(review, "title-abstract", good, reviewers=["AL"])
        bad = Path(folder) / "bad.xlsx"
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
            parts = [n for n in src.namelist() if n.startswith("xl/worksheets/")]
            victim = parts[which % len(parts)]
            for name in src.namelist():
                dst.writestr(name, garbage if name == victim else src.read(name))
        with contextlib.suppress(rs.RealistsynthError):
            import_workbook(review, bad)
