"""Helpers for testing realistsynth plugins (and realistsynth itself).

Each test should get a *fresh* plugin manager, so plugins registered in one test never leak
into another. With realistsynth installed, pytest loads this module as a plugin (entry point
``pytest11``), which gives every test suite the :func:`realistsynth_plugins` fixture::

    def test_my_framework_is_offered(realistsynth_plugins):
        manager = realistsynth_plugins(my_plugin_module)
        assert "my-framework" in manager.frameworks

Outside pytest, :func:`plugin_manager_with` does the same.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from realistsynth.plugins import get_plugin_manager
from realistsynth.plugins.registry import PluginManager

__all__ = ["plugin_manager_with", "realistsynth_plugins"]


def plugin_manager_with(
    *plugins: object, builtins: bool = True, load_entry_points: bool = False
) -> PluginManager:
    """A fresh plugin manager with ``plugins`` registered (modules or objects with hookimpls).

    Entry-point plugins are left out by default so that a test sees only what it registers.
    """
    return get_plugin_manager(
        builtins=builtins, load_entry_points=load_entry_points, plugins=plugins
    )


@pytest.fixture
def realistsynth_plugins() -> Callable[..., PluginManager]:
    """A factory of fresh plugin managers: call it with the plugins to register."""
    return plugin_manager_with
