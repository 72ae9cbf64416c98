"""Tests of the Healthcare Leadership Model plugin, with realistsynth's own test helpers."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable

import realistsynth_framework_hlm as hlm

import realistsynth as rs

#: the ``realistsynth_plugins`` fixture: a fresh plugin manager with the given plugins
PluginFactory = Callable[..., rs.PluginManager]

DIMENSIONS = [
    "Inspiring shared purpose",
    "Leading with care",
    "Evaluating information",
    "Connecting our service",
    "Sharing the vision",
    "Engaging the team",
    "Holding to account",
    "Developing capability",
    "Influencing for results",
]


def test_the_nine_dimensions_in_published_order() -> None:
    assert [t.name for t in hlm.HEALTHCARE_LEADERSHIP_MODEL.themes] == DIMENSIONS


def test_registered_through_the_hook(realistsynth_plugins: PluginFactory) -> None:
    # the fixture comes from realistsynth.testing: a fresh plugin manager per test
    manager = realistsynth_plugins(hlm)
    framework = manager.framework("healthcare-leadership-model")
    assert framework is hlm.HEALTHCARE_LEADERSHIP_MODEL
    assert not manager.problems


def test_installed_entry_point_is_found() -> None:
    points = importlib.metadata.entry_points(group="realistsynth", name="hlm")
    assert [p.value for p in points] == ["realistsynth_framework_hlm"]
    manager = rs.get_plugin_manager(allow=["hlm"])
    assert "healthcare-leadership-model" in manager.frameworks
    info = next(p for p in manager.plugins if p.name == "hlm")
    assert not info.builtin
    assert info.provides == {"frameworks": ("healthcare-leadership-model",)}


def test_a_review_groups_cmocs_by_dimension(realistsynth_plugins: PluginFactory) -> None:
    framework = realistsynth_plugins(hlm).framework("healthcare-leadership-model")
    review = rs.Review.new("Ward leadership")
    review.adopt_framework(framework)
    review.add_cmoc(
        rs.CMOC("cmoc-1", statement="Feedback builds ownership", theme_id="holding-to-account")
    )
    assert review.cmocs["cmoc-1"].theme_id == "holding-to-account"
