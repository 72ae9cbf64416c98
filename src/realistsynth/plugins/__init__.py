"""The plugin machinery: building a manager, the typed registry over it, option reading and
the generated hook reference.

The *contract* a plugin author writes against stays where it was published:
:mod:`realistsynth.hookspecs` (the hooks and the ``hookimpl`` marker) and
:mod:`realistsynth.protocols` (what the hooks return). This package is the host side:

* :mod:`realistsynth.plugins.manager`: :func:`get_plugin_manager` (built-ins plus entry points,
  each loaded in isolation);
* :mod:`realistsynth.plugins.registry`: the typed registry callers use instead of ``pm.hook``;
* :mod:`realistsynth.plugins.options`: one reading of plugin options given as text;
* :mod:`realistsynth.plugins.hookdoc`: the hook reference generated from the hookspecs.
"""

from realistsynth.plugins.manager import BLOCK_ENV, get_plugin_manager

__all__ = ["BLOCK_ENV", "get_plugin_manager"]
