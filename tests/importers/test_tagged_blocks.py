"""The MEDLINE and RIS importers read UTF-8 a block at a time; whatever the block size, and
whatever the bytes (a BOM, CR line ends, bytes that are not UTF-8), they must give what
decoding the whole file first gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from realistsynth.errors import RecordImportError
from realistsynth.formats import medline_reader as medline
from realistsynth.formats import ris_reader as ris
from realistsynth.formats._tagged import TaggedImporter, build_result
from realistsynth.protocols import ImportContext

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
SAMPLES = [("medline", DATA / "pubmed.nbib")] + [
    ("ris", path) for path in sorted(DATA.glob("*.ris"))
]
_IMPORTERS = {"medline": (medline, medline.MEDLINE_IMPORTER), "ris": (ris, ris.RIS_IMPORTER)}


def _read(importer: TaggedImporter, data: bytes, *, utf8: bool) -> object:
    try:
        result = build_result(
            data,
            ImportContext(file_name="sample", sha256="0" * 64),
            importer.name,
            importer.split,
            importer.mapper,
            empty_message=importer.empty_message,
            split_utf8=importer.split_utf8 if utf8 else None,
            utf8_reads_cr=importer.utf8_reads_cr,
        )
    except RecordImportError as exc:
        return ("error", str(exc))
    return (result.records, result.report)


def _variants(data: bytes) -> list[bytes]:
    middle = data.rfind(b"\n", 0, len(data) // 2) + 1
    return [
        data,
        b"\xef\xbb\xbf" + data,
        data.replace(b"\n", b"\r\n"),
        data.replace(b"\n", b"\r"),  # old Mac
        data[:middle] + data[middle:].replace(b"\n", b"\r\n"),  # LF, then CR LF
        data[:middle] + "TI  - Kozłowska and Müller\n".encode() + data[middle:],
        data[:middle] + b"TI  - Caf\xe9 (cp1252)\n" + data[middle:],  # not UTF-8
        data.rstrip(b"\n"),
    ]


@pytest.mark.parametrize(("kind", "path"), SAMPLES, ids=[p.name for _, p in SAMPLES])
def test_block_reading_agrees_with_decoding_first(
    kind: str, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module, importer = _IMPORTERS[kind]
    assert importer.split_utf8 is not None
    for data in _variants(path.read_bytes()):
        whole = _read(importer, data, utf8=False)
        assert _read(importer, data, utf8=True) == whole
        with monkeypatch.context() as patch:
            patch.setattr(module, "BLOCK_CHARS", 50)
            assert _read(importer, data, utf8=True) == whole
            assert _read(importer, data, utf8=False) == whole
