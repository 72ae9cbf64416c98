"""Fixtures of the selection tests (builders live in selection_helpers.py)."""

from __future__ import annotations

import pytest
from selection.selection_helpers import small_review

import realistsynth as rs


@pytest.fixture
def review() -> rs.Review:
    """A fresh small review: ten records, reviewers AL, BO and CH, three stages."""
    return small_review()
