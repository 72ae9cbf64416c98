"""Shared helpers for the structured-importer tests: where the sample files are, and a reader
that uses a fresh plugin manager per call. (A uniquely named module, not a conftest, so that it
cannot clash with other test folders' helpers.)"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import IO, Any

from realistsynth.importing import read_records
from realistsynth.plugins import get_plugin_manager
from realistsynth.protocols import ImportResult

DATA = Path(__file__).resolve().parents[1] / "data" / "importers-structured"


def read(source: str | PathLike[str] | bytes | IO[bytes], **kwargs: Any) -> ImportResult:
    """read_records with built-in plugins only (no third-party entry points)."""
    manager = get_plugin_manager(load_entry_points=False)
    return read_records(source, plugin_manager=manager, **kwargs)
