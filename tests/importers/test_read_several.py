"""read_records with several sources: ids unique across them, qualified by their source and
stable from one reading to the next."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import realistsynth as rs
from realistsynth.importing import read_records

RIS = "TY  - JOUR\nTI  - {title}\nER  - \n"


def _ris(path: Path, *titles: str) -> Path:
    path.write_text("".join(RIS.format(title=t) for t in titles), encoding="utf-8")
    return path


def test_ids_repeat_across_files_when_read_one_by_one(tmp_path: Path) -> None:
    a = read_records(_ris(tmp_path / "pubmed.ris", "A1", "A2"))
    b = read_records(_ris(tmp_path / "scopus.ris", "B1"))
    assert {r.id for r in a.records} & {r.id for r in b.records}  # the problem solved below


def test_several_sources_get_source_qualified_unique_stable_ids(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    files = [
        _ris(tmp_path / "pubmed.ris", "A1", "A2"),
        _ris(tmp_path / "scopus export.ris", "B1"),
        _ris(tmp_path / "sub" / "pubmed.ris", "C1"),
    ]
    results = read_records(files)
    assert [r.report.file for r in results] == [str(f) for f in files]
    ids = [record.id for result in results for record in result.records]
    assert ids == ["pubmed:ris-1", "pubmed:ris-2", "scopus-export:ris-1", "pubmed-2:ris-1"]
    again = read_records(files)
    assert [rec.id for res in again for rec in res.records] == ids
    # everything else of a record is as a single reading gives it
    single = read_records(files[0])
    assert [r.title for r in results[0].records] == [r.title for r in single.records]
    assert results[0].records[0].provenance == single.records[0].provenance


def test_bytes_and_streams_are_numbered_sources() -> None:
    data = RIS.format(title="X").encode()
    results = read_records((data, io.BytesIO(data)), "ris")
    assert [r.records[0].id for r in results] == ["source-1:ris-1", "source-2:ris-1"]


def test_several_sources_import_into_one_review(tmp_path: Path) -> None:
    from realistsynth.importing import import_records

    review = rs.Review.new("T")
    for result in read_records([_ris(tmp_path / "a.ris", "A"), _ris(tmp_path / "b.ris", "B")]):
        import_records(review, result)
    assert len(review.records) == 2


def test_file_name_is_for_one_source_only() -> None:
    with pytest.raises(TypeError, match="file_name names one source"):
        read_records([b"x"], file_name="x.ris")
