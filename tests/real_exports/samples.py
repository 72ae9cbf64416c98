"""The one way tests get a real export sample's file: a sample not fetched fails the test
under CI (where ``.ci/run`` fetches them first) and skips it elsewhere; a fetched one must be
the pinned file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from real_exports.fetch_samples import sample_path, sha256_of


def sample_file(sample: dict[str, Any]) -> Path:
    """The path of ``sample`` (a manifest entry), checked against its pinned SHA-256."""
    path = sample_path(sample)
    if not path.is_file():
        message = (
            f"real export sample {sample['id']!r} not fetched ({path} missing): run "
            "`python tests/real_exports/fetch_samples.py`"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert sha256_of(path) == sample["sha256"], f"{path} is not the pinned file"
    return path
