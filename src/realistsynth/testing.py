"""Helpers for testing realistsynth plugins (and realistsynth itself), with or without pytest.

Each test should get a *fresh* plugin manager, so plugins registered in one test never leak
into another. :func:`plugin_manager_with` builds one and needs nothing but realistsynth::

    from realistsynth.testing import plugin_manager_with

    manager = plugin_manager_with(my_plugin_module)
    assert "my-framework" in manager.frameworks
    assert manager.problems == ()

With realistsynth installed, pytest loads :mod:`realistsynth.pytest_plugin` (entry point
``pytest11``), which gives every test suite the ``realistsynth_plugins`` fixture, a factory
that calls this function. This module does not import pytest, so a script, a notebook or
another test runner can use it.
"""

from __future__ import annotations

from realistsynth.plugins import get_plugin_manager
from realistsynth.plugins.registry import PluginManager

__all__ = ["plugin_manager_with"]


def plugin_manager_with(
    *plugins: object, builtins: bool = True, load_entry_points: bool = False, strict: bool = False
) -> PluginManager:
    """A fresh plugin manager with ``plugins`` registered (modules or objects with hookimpls).

    Entry-point plugins are left out by default so that a test sees only what it registers.

    :param plugins: the plugins to register, after the built-ins.
    :param builtins: register realistsynth's own plugins too.
    :param load_entry_points: also load the installed third-party plugins.
    :param strict: raise :class:`~realistsynth.errors.PluginError` on any plugin problem.
    """
    return get_plugin_manager(
        builtins=builtins, load_entry_points=load_entry_points, plugins=plugins, strict=strict
    )
