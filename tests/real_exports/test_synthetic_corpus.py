"""The varied synthetic RIS corpus (``benchmarks/corpus_ris.py``) that ``bench_import.py``
reads: the same seed gives the same bytes, our importer reads every record of it, and each
exporter profile keeps the layout of the real sample it copies, as ``benchmarks/ris_shape.py``
measures it (line endings, byte-order mark, the ``ER`` line, blank lines between records,
continuation lines, the tags used). The lengths are compared in ``docs/benchmarks/importers.md``
(``ris_shape.py --compare``), not here: they are distributions, not rules.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from real_exports.fetch_samples import load_manifest
from real_exports.samples import sample_file

from realistsynth.formats import ris_reader
from realistsynth.importing import read_records

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> Iterator[tuple[ModuleType, ModuleType]]:
    """``corpus_ris`` and ``ris_shape``: benchmarks/ scripts, put on sys.path for the module."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        # benchmarks/ scripts, put on sys.path just above; checked by their own mypy step
        import corpus_ris  # type: ignore[import-not-found]
        import ris_shape  # type: ignore[import-not-found]

        yield corpus_ris, ris_shape
    finally:
        sys.path.remove(str(BENCHMARKS))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_same_seed_gives_the_same_bytes(
    tmp_path: Path, bench: tuple[ModuleType, ModuleType]
) -> None:
    corpus_ris, _ = bench
    paths = [tmp_path / name for name in ("a.ris", "b.ris", "c.ris")]
    corpus_ris.write_varied(paths[0], 300)
    corpus_ris.write_varied(paths[1], 300)
    corpus_ris.write_varied(paths[2], 300, seed=1)
    assert _digest(paths[0]) == _digest(paths[1])
    assert _digest(paths[0]) != _digest(paths[2])


def test_every_record_of_the_varied_corpus_is_read(
    tmp_path: Path, bench: tuple[ModuleType, ModuleType], monkeypatch: pytest.MonkeyPatch
) -> None:
    """600 records: every profile has runs in it (each has 1/17 or 2/17 of the records),
    read split in C and line by line alike."""
    corpus_ris, ris_shape = bench
    path = tmp_path / "varied.ris"
    corpus_ris.write_varied(path, 600)
    data = path.read_bytes()
    shape = ris_shape.measure(data, "varied")
    assert len(shape.records) == 600
    assert 0 < shape.crlf < shape.lf  # LF and CRLF runs
    result = read_records(path, format="ris")
    assert len(result.records) == 600
    assert not result.report.skipped
    assert all(record.title for record in result.records)
    monkeypatch.setattr(ris_reader, "_line_starts", lambda text: None)
    line_by_line = read_records(path, format="ris")
    assert line_by_line.records == result.records
    assert line_by_line.report == result.report


def _profile_of(stem: str) -> str:
    """A profile's name from its file's (``zotero-2`` is the second file of ``zotero``)."""
    return stem[:-2] if stem[-2:] in ("-1", "-2") else stem


def _real_shapes(ris_shape: ModuleType) -> dict[str, list[Any]]:
    """The real samples' shapes by the profile that copies them."""
    pairs: dict[str, str] = ris_shape._PAIRS
    shapes: dict[str, list[Any]] = {}
    for sample in load_manifest()["samples"]:
        if sample["format"] != "ris":
            continue
        path = sample_file(sample)
        shape = ris_shape.measure(path.read_bytes(), sample["id"])
        shapes.setdefault(_profile_of(pairs[sample["id"]]), []).append(shape)
    return shapes


def test_each_profile_keeps_its_real_samples_layout(
    tmp_path: Path, bench: tuple[ModuleType, ModuleType]
) -> None:
    corpus_ris, ris_shape = bench
    real = _real_shapes(ris_shape)
    written = corpus_ris.write_profiles(tmp_path, 120)
    assert {p.name for p in corpus_ris.PROFILES} == set(real)
    for path in written:
        name = _profile_of(path.stem)
        synthetic = ris_shape.measure(path.read_bytes(), name)
        samples = real[name]
        first = samples[0]
        assert (synthetic.crlf > synthetic.lf) == (first.crlf > first.lf), name
        assert synthetic.bom == first.bom, name
        assert bool(synthetic.er_space) == bool(first.er_space), name
        usual = {s.blanks_between.most_common(1)[0][0] for s in samples if s.blanks_between}
        if usual:
            assert synthetic.blanks_between.most_common(1)[0][0] in usual, name
        continued = any(r.continuation for s in samples for r in s.records)
        assert any(r.continuation for r in synthetic.records) == continued, name
        real_tags = {t for s in samples for r in s.records for t in r.tags}
        tags = {t for r in synthetic.records for t in r.tags}
        assert tags <= real_tags, (name, sorted(tags - real_tags))
