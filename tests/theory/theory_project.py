"""Fixtures of the theory CLI tests: the worked example (``theory_ics_example``) as a project
file, saved once per module and copied fresh for each test that may change it. Test modules
import them by name (a ``conftest.py`` here would clash with ``tests/selection``'s under
``--doctest-modules``, which imports both as ``conftest``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from theory.theory_ics_example import builder

import realistsynth as rs


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The worked example's project file, as bytes."""
    path = tmp_path_factory.mktemp("ics") / "ics.json"
    rs.save(builder().build(), path)
    return path.read_bytes()


@pytest.fixture
def project(saved: bytes, tmp_path: Path) -> Path:
    """A fresh copy of the worked example's project file, for a test to change."""
    path = tmp_path / "ics.json"
    path.write_bytes(saved)
    return path
