"""Shared test configuration: hypothesis profiles (CI runs the same examples every time)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# tests import their folders' helper modules as packages of tests/
# (`from selection.selection_helpers import ...`): one name per module, so mypy checks tests/
# with no duplicate module names
sys.path.insert(0, str(Path(__file__).parent))

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# Every project file the tests write, in this process, is checked against the published JSON
# Schema (realistsynth.store.schema): the schema must describe whatever the store writes.
@pytest.fixture(autouse=True, scope="session")
def _project_files_fit_the_published_schema() -> Iterator[None]:
    import jsonschema
    import orjson

    from realistsynth.model.review import Review
    from realistsynth.store import project
    from realistsynth.store.schema import project_file_schema

    validator = jsonschema.Draft202012Validator(project_file_schema())
    original = project._dump_bytes

    def checked(review: Review) -> bytes:
        data = original(review)
        errors = sorted(validator.iter_errors(orjson.loads(data)), key=lambda e: e.json_path)
        assert not errors, [f"{e.json_path}: {e.message}" for e in errors[:5]]
        return data

    project._dump_bytes = checked
    try:
        yield
    finally:
        project._dump_bytes = original
