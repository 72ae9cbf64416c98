"""REFI-QDA export: valid against the published Project.xsd, and export -> import gives back
the same extracts, codes, evidence links and memos (the worked example, NVivo's own projects,
and generated reviews)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import attrs
import pytest
from coding.coded_example import with_coding, without_coding, worked_example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from real_exports.fetch_samples import load_manifest
from real_exports.samples import sample_file

import realistsynth as rs
from realistsynth.coding import export_qdpx, import_qdpx

ROOT = Path(__file__).resolve().parents[2]

CODING = {s["id"]: s for s in load_manifest().get("coding_samples", [])}


def sample(sample_id: str) -> Path:
    return sample_file(CODING[sample_id])


def validate(qdpx: Path) -> None:
    import xmlschema

    schema = xmlschema.XMLSchema(str(sample("refi-qda-project-xsd")))
    with zipfile.ZipFile(qdpx) as archive:
        schema.validate(archive.read("project.qde").decode("utf-8"))


def test_worked_example_exports_valid_qdpx_and_imports_back_unchanged(tmp_path: Path) -> None:
    review = with_coding(worked_example())
    before = rs.dumps(review)
    out = tmp_path / "ics.qdpx"
    report = export_qdpx(review, out)
    # extracts, and the informants' quotations (a source per informant)
    assert report.selections == len(review.extracts) + len(review.quotations)
    assert not report.warnings
    validate(out)
    again = import_qdpx(review, out)
    assert again.extracts_unchanged == len(review.extracts)
    assert again.quotations_unchanged == len(review.quotations)
    assert again.accounted == again.selections
    assert (again.extracts_added, again.extracts_changed, again.links_added) == (0, 0, 0)
    assert rs.dumps(review) == before
    # into a review that has everything but the coding: the coding comes back whole
    fresh = without_coding(review)
    imported = import_qdpx(fresh, out)
    assert imported.extracts_added == len(review.extracts)
    assert dict(fresh.extracts) == dict(review.extracts)
    assert sorted(fresh.evidence.values(), key=lambda e: e.id) == sorted(
        review.evidence.values(), key=lambda e: e.id
    )
    for assessment in review.confidence_assessments:
        fresh.assess_confidence(assessment)
    # the same review, up to the order extracts and links were added in (by source on import)
    assert _by_id(fresh) == _by_id(review)
    # exporting twice gives the same bytes
    export_qdpx(review, tmp_path / "again.qdpx")
    assert (tmp_path / "again.qdpx").read_bytes() == out.read_bytes()


def _by_id(review: rs.Review) -> rs.ReviewDocument:
    doc = review.to_document()
    return attrs.evolve(
        doc,
        extracts=tuple(sorted(doc.extracts, key=lambda e: e.id)),
        evidence=tuple(sorted(doc.evidence, key=lambda e: e.id)),
    )


def _raw_selections(path: Path) -> tuple[dict[str, str], list[tuple[str, int, int]]]:
    """Source texts and (source guid, start, end) of every selection, read without
    realistsynth: the zip by zipfile, the XML by ElementTree."""
    import xml.etree.ElementTree as ET

    ns = {"q": "urn:QDA-XML:project:1.0"}
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("project.qde"))
        texts = {}
        rows = []
        for src in root.iterfind("q:Sources/q:TextSource", ns):
            member = src.get("plainTextPath", "").removeprefix("internal://")
            texts[src.get("guid", "")] = archive.read(f"Sources/{member}").decode("utf-8-sig")
            for sel in src.iterfind("q:PlainTextSelection", ns):
                rows.append(
                    (
                        src.get("guid", ""),
                        int(sel.get("startPosition", "")),
                        int(sel.get("endPosition", "")),
                    )
                )
    return texts, rows


@pytest.mark.parametrize("sample_id", ["nvivo-oltas0517", "nvivo-oltas-teszt"])
def test_real_nvivo_projects_import_with_every_selection_accounted_for(
    sample_id: str, tmp_path: Path
) -> None:
    path = sample(sample_id)
    texts, rows = _raw_selections(path)
    assert len(rows) == CODING[sample_id]["selections"]
    review = rs.Review.new("NVivo")
    report = import_qdpx(review, path, add_sources=True)
    assert report.origin == "NVivo for Windows 12.6"
    assert report.selections == len(rows)
    assert report.accounted == report.selections
    passages = {(g, s, e) for g, s, e in rows}
    assert report.extracts_added == len(passages)
    assert report.merged == len(rows) - len(passages)
    assert not report.skipped
    # every quotation is the source text at its offsets, in UTF-16 code units
    by_text = {t: g for g, t in texts.items()}
    shifted = 0
    for ex in review.extracts.values():
        assert ex.span is not None
        source = review.source_texts[ex.record_id]
        units = source.text.encode("utf-16-le")
        assert ex.text == units[2 * ex.span.start : 2 * ex.span.end].decode("utf-16-le")
        assert (by_text[source.text], ex.span.start, ex.span.end) in passages
        shifted += source.text.find(ex.text) != ex.span.start
    assert shifted > 0  # emoji before passages: Python indices and UTF-16 offsets differ
    # codes kept as tags, by their codebook path
    assert any("/" in tag for ex in review.extracts.values() for tag in ex.tags)
    # and back out: valid, and the same coding when imported again
    out = tmp_path / "back.qdpx"
    export_qdpx(review, out)
    validate(out)
    fresh = rs.Review.new("NVivo")
    for record in review.records.values():
        fresh.add_record(record)
    import_qdpx(fresh, out)
    assert dict(fresh.extracts) == dict(review.extracts)
    assert dict(fresh.source_texts) == dict(review.source_texts)


# ------------------------------------------------------------------ generated reviews

_chars = st.sampled_from("ab \n\r\u00e9\u4e2d\U0001f600\U00010348")
_texts = st.text(_chars, min_size=1, max_size=12).filter(lambda s: s.strip() != "")


@st.composite
def coded_reviews(draw: st.DrawFn) -> rs.Review:
    review = rs.Review.new("generated")
    review.add_reviewer(rs.Reviewer("LK"))
    review.set_heuristic(rs.get_plugin_manager().heuristic("dalkin"))
    review.add_cmoc(rs.CMOC("c1", context="x"))
    review.add_cmoc(
        rs.CMOC(
            "c2",
            statement="if x then y",
            memos=draw(st.lists(st.builds(rs.Memo, _texts), max_size=1)),
        )
    )
    for r in range(draw(st.integers(1, 3))):
        rid = f"r{r}"
        review.add_record(rs.Record(rid, title=draw(_texts)))
        keep = draw(st.booleans())
        pieces = draw(st.lists(_texts, min_size=1, max_size=3))
        filler = draw(st.lists(_texts, min_size=len(pieces) + 1, max_size=len(pieces) + 1))
        text = "".join(f + p for f, p in zip(filler, [*pieces, ""], strict=True))
        if keep:
            review.set_source_text(rs.SourceText(rid, text))
        seen: set[tuple[int, int]] = set()
        for n, (f, p) in enumerate(zip(filler, pieces, strict=False)):
            unit = draw(st.sampled_from(rs.OffsetUnit))
            start_index = sum(
                len(x) + len(y) for x, y in zip(filler[:n], pieces[:n], strict=False)
            ) + len(f)
            start = unit.length(text[:start_index])
            end = start + unit.length(p)
            if (start_index, len(p)) in seen:
                continue
            seen.add((start_index, len(p)))
            ex_id = f"e-{rid}-{n}"
            review.add_extract(
                rs.CodedExtract(
                    ex_id,
                    rid,
                    p,
                    codes=draw(
                        st.lists(
                            st.sampled_from(["C", "M-Res", "M-Rea", "O"]), unique=True, max_size=2
                        )
                    ),
                    coder=draw(st.sampled_from([None, "LK"])),
                    span=rs.TextSpan(rs.SourceText(rid, text).sha256, start, end, unit)
                    if keep
                    else None,
                    tags=draw(
                        st.lists(
                            st.sampled_from(["Theme/a", "b", "Theme/c/d"]), unique=True, max_size=2
                        )
                    ),
                    memos=draw(
                        st.lists(
                            st.builds(
                                rs.Memo, _texts, author=st.sampled_from([None, "LK", "Someone"])
                            ),
                            max_size=2,
                        )
                    ),
                    statement=draw(st.none() | _texts),
                )
            )
            for k, (cmoc, role) in enumerate(
                draw(
                    st.lists(
                        st.tuples(st.sampled_from(["c1", "c2"]), st.sampled_from(rs.EvidenceRole)),
                        unique=True,
                        max_size=2,
                    )
                )
            ):
                review.add_evidence(
                    rs.EvidenceLink(f"l-{ex_id}-{k}", cmoc, rs.EvidenceTarget.EXTRACT, ex_id, role)
                )
    # informant (and document) quotations travel as sources of their own
    for n in range(draw(st.integers(0, 2))):
        review.add_informant(rs.Informant(f"i{n}", draw(_texts).strip() or f"I{n}"))
    for n in range(draw(st.integers(0, 3))):
        whose = draw(st.sampled_from([*review.informants, None]))
        review.add_quotation(
            rs.Quotation(
                f"q{n}",
                draw(_texts),
                informant_id=whose,
                record_id=None if whose else "r0",
                location=draw(st.none() | st.builds(rs.Location, page=st.sampled_from(["1"]))),
                codes=draw(st.lists(st.sampled_from(["C", "O"]), unique=True, max_size=2)),
                note=draw(st.none() | _texts),
            )
        )
        for k, cmoc in enumerate(draw(st.lists(st.sampled_from(["c1", "c2"]), unique=True))):
            review.add_evidence(
                rs.EvidenceLink(f"lq-{n}-{k}", cmoc, rs.EvidenceTarget.QUOTATION, f"q{n}")
            )
    return review


def _without_quotations(review: rs.Review) -> rs.Review:
    doc = review.to_document()
    return rs.Review.from_document(
        attrs.evolve(
            doc,
            quotations=(),
            evidence=tuple(e for e in doc.evidence if e.target is not rs.EvidenceTarget.QUOTATION),
        )
    )


# each example writes and reads a whole .qdpx: 40 keep the suite fast (CI runs the same 40)
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=40)
@given(coded_reviews())
def test_export_then_import_into_a_fresh_review_gives_the_same_coding(review: rs.Review) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "x.qdpx"
        export_qdpx(review, out)
        fresh = without_coding(_without_quotations(review))
        import_qdpx(fresh, out)
        assert dict(fresh.quotations) == dict(review.quotations)
        assert dict(fresh.extracts) == dict(review.extracts)
        assert set(fresh.evidence.values()) == set(review.evidence.values())
        assert fresh.to_document().cmocs == review.to_document().cmocs
        assert dict(fresh.source_texts) == dict(review.source_texts)
        before = rs.dumps(review)
        import_qdpx(review, out)
        assert rs.dumps(review) == before
