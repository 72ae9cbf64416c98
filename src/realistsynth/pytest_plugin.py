"""The pytest plugin realistsynth installs (entry point ``pytest11``): the
``realistsynth_plugins`` fixture.

Kept apart from :mod:`realistsynth.testing` so that the helpers there work without pytest.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from realistsynth.plugins.registry import PluginManager
from realistsynth.testing import plugin_manager_with

__all__ = ["realistsynth_plugins"]


@pytest.fixture
def realistsynth_plugins() -> Callable[..., PluginManager]:
    """A factory of fresh plugin managers: call it with the plugins to register.

    ::

        def test_my_framework_is_offered(realistsynth_plugins):
            manager = realistsynth_plugins(my_plugin_module)
            assert "my-framework" in manager.frameworks
    """
    return plugin_manager_with
