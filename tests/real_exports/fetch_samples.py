"""Fetch the real exports listed in tests/data/real-exports/manifest.toml into a local cache.

The samples are real files written by databases and reference managers (Embase, Ovid, Scopus,
Zotero, EndNote ...), and real NVivo coding projects with the REFI-QDA schema, that other
open-source projects ship inside their PyPI distributions.
None of them is stored in this repository: this script downloads each pinned distribution
with pip (by name and exact version, the ordinary client), refuses it unless its sha256 is the
pinned one, and extracts only the listed members, each again checked against its own sha256.

The cache lives outside the repository: ``$REALISTSYNTH_SAMPLES``, or
``~/.cache/realistsynth-samples``. Layout::

    <cache>/dists/<distribution file>      the downloaded sdists, kept for the next run
    <cache>/files/<sample id>/<file name>  the extracted samples the tests read

Run it before the tests (``.ci/run`` does)::

    python tests/real_exports/fetch_samples.py

It is also imported by the tests for :func:`load_manifest` and :func:`sample_path`; importing
it does nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

MANIFEST = Path(__file__).resolve().parents[1] / "data" / "real-exports" / "manifest.toml"


def cache_dir() -> Path:
    """Where the downloads and the extracted samples are kept."""
    configured = os.environ.get("REALISTSYNTH_SAMPLES")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "realistsynth-samples"


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    """The manifest: ``distributions`` (name -> pin), ``samples`` (bibliographic exports) and
    ``coding_samples`` (REFI-QDA projects and their schema), each a list of tables."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def sample_path(sample: dict[str, Any], cache: Path | None = None) -> Path:
    """Where the extracted file of ``sample`` is (whether or not it has been fetched yet)."""
    root = cache if cache is not None else cache_dir()
    return root / "files" / str(sample["id"]) / Path(sample["member"]).name


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(pin: dict[str, Any], dists: Path) -> Path:
    target = dists / str(pin["filename"])
    if target.is_file() and sha256_of(target) == pin["sha256"]:
        return target
    with tempfile.TemporaryDirectory(dir=dists) as scratch:
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            "--dest",
            scratch,
            pin["requirement"],
        ]
        subprocess.run(command, check=True)
        fetched = Path(scratch) / pin["filename"]
        if not fetched.is_file():
            found = ", ".join(p.name for p in Path(scratch).iterdir()) or "nothing"
            raise RuntimeError(f"pip gave {found} for {pin['requirement']}, not {pin['filename']}")
        actual = sha256_of(fetched)
        if actual != pin["sha256"]:
            raise RuntimeError(
                f"{pin['filename']}: sha256 {actual} is not the pinned {pin['sha256']}"
            )
        os.replace(fetched, target)
    return target


def _read_member(archive: Path, member: str) -> bytes:
    if archive.name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as package:
            return package.read(member)
    with tarfile.open(archive) as package:
        handle = package.extractfile(member)
        if handle is None:
            raise RuntimeError(f"{archive.name}: {member} is not a regular file")
        return handle.read()


def _extract(sample: dict[str, Any], archive: Path, cache: Path) -> Path:
    target = sample_path(sample, cache)
    if target.is_file() and sha256_of(target) == sample["sha256"]:
        return target
    data = _read_member(archive, sample["member"])
    actual = hashlib.sha256(data).hexdigest()
    if actual != sample["sha256"]:
        raise RuntimeError(f"{sample['member']}: sha256 {actual} is not the pinned one")
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(target.name + ".part")
    scratch.write_bytes(data)
    os.replace(scratch, target)
    return target


def fetch(cache: Path | None = None, manifest: dict[str, Any] | None = None) -> list[Path]:
    """Download (if needed) and extract every sample; return the paths of the samples.

    :raises RuntimeError: a download or a file does not match its pinned sha256.
    :raises subprocess.CalledProcessError: pip could not download a distribution.
    """
    root = cache if cache is not None else cache_dir()
    listing = manifest if manifest is not None else load_manifest()
    dists = root / "dists"
    dists.mkdir(parents=True, exist_ok=True)
    archives = {name: _download(pin, dists) for name, pin in listing["distributions"].items()}
    samples = [*listing["samples"], *listing.get("coding_samples", [])]
    return [_extract(s, archives[s["distribution"]], root) for s in samples]


def main(argv: list[str] | None = None) -> int:
    """Command line: fetch everything, print one line per sample, 1 on failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="cache folder (default: %(default)s)")
    args = parser.parse_args(argv)
    root = args.cache or cache_dir()
    try:
        paths = fetch(root)
    except (RuntimeError, OSError, subprocess.CalledProcessError, KeyError) as exc:
        print(f"fetch_samples: {exc}", file=sys.stderr)
        return 1
    print(f"fetch_samples: {len(paths)} real export samples in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
