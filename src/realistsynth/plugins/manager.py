"""Building a plugin manager: built-ins plus third-party entry points, each in isolation.

:func:`get_plugin_manager` builds a *fresh* manager every call (nothing is loaded at import
time, and tests never share plugin state). Built-in plugins are ordinary plugin modules listed
in :data:`realistsynth.builtin.BUILTIN_PLUGINS`; third-party ones are found in the entry-point
group ``realistsynth``. Each is imported and registered inside its own ``try``: a plugin that
fails to import, to register, or to contribute is recorded as a :class:`PluginProblem` (name,
version, error, traceback) and the rest carry on. ``strict=True`` turns any problem into an
error, for CI.

After registration the manager reports implementations of hooks no hookspec declares (a
misspelt ``realistsynth_register_exporter`` would otherwise be ignored silently). With
``REALISTSYNTH_DEBUG=1`` (``realistsynth --debug``) every problem's traceback is written to
standard error as the manager is built.
"""

from __future__ import annotations

import importlib
import os
import traceback
from collections.abc import Iterable
from types import ModuleType

import pluggy
from attrs import frozen

from realistsynth import hookspecs
from realistsynth.errors import PluginError
from realistsynth.plugins.registry import PluginManager, PluginProblem

__all__ = ["BLOCK_ENV", "DEBUG_ENV", "debugging", "get_plugin_manager"]

#: Environment variable naming plugins never to load (comma-separated).
BLOCK_ENV = "REALISTSYNTH_BLOCK_PLUGINS"
#: Environment variable that, set to ``1`` (or ``true``/``yes``/``on``), prints plugin
#: tracebacks to standard error.
DEBUG_ENV = "REALISTSYNTH_DEBUG"


def debugging() -> bool:
    """Whether ``$REALISTSYNTH_DEBUG`` asks for plugin tracebacks (the registry writes each
    problem's traceback to standard error as it records it)."""
    return os.environ.get(DEBUG_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


@frozen
class _Candidate:
    name: str
    version: str | None
    builtin: bool
    module: str


def _builtin_version() -> str | None:
    from realistsynth._version import __version__

    return __version__


def _error_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def _traceback_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def get_plugin_manager(
    *,
    load_entry_points: bool = True,
    builtins: bool = True,
    allow: Iterable[str] | None = None,
    block: Iterable[str] = (),
    plugins: Iterable[object] = (),
    strict: bool = False,
) -> PluginManager:
    """A new plugin manager with the built-in plugins and the installed third-party ones.

    :param load_entry_points: also load plugins installed under the ``realistsynth`` entry
        point group (third-party packages).
    :param builtins: register realistsynth's own plugins.
    :param allow: if given, load only third-party plugins with these names.
    :param block: never load plugins with these names (added to ``$REALISTSYNTH_BLOCK_PLUGINS``).
    :param plugins: extra plugin objects (modules or instances) to register, after the others;
        each is named after its ``__name__`` (or its class name).
    :param strict: raise :class:`~realistsynth.errors.PluginError` if any plugin has a problem.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    manager = PluginManager(pm)
    blocked = set(block) | {
        b.strip() for b in os.environ.get(BLOCK_ENV, "").split(",") if b.strip()
    }
    allowed = set(allow) if allow is not None else None

    if builtins:
        from realistsynth.builtin import BUILTIN_PLUGINS

        for module_name in BUILTIN_PLUGINS:
            if module_name in blocked:
                continue
            candidate = _Candidate(module_name, _builtin_version(), True, module_name)
            _register(manager, candidate, lambda m=module_name: importlib.import_module(m))

    if load_entry_points:
        # imported only to scan: importlib.metadata loads the email package, a cost that
        # load_entry_points=False spares
        from importlib.metadata import entry_points

        for ep in entry_points(group=hookspecs.PROJECT_NAME):
            if ep.name in blocked or (allowed is not None and ep.name not in allowed):
                continue
            version = ep.dist.version if ep.dist is not None else None
            candidate = _Candidate(ep.name, version, False, ep.value)
            _register(manager, candidate, ep.load)

    for obj in plugins:
        name = getattr(obj, "__name__", None) or type(obj).__name__
        candidate = _Candidate(name, None, False, getattr(obj, "__module__", None) or name)
        _register(manager, candidate, lambda o=obj: o)

    manager.check_hook_names()
    manager.collect(everything=strict)
    if strict and manager.problems:
        raise PluginError(
            "plugin problems: "
            + "; ".join(f"{p.plugin} {p.version or ''}: {p.error}" for p in manager.problems)
        )
    return manager


def _register(manager: PluginManager, candidate: _Candidate, loader: object) -> None:
    try:
        plugin = loader()  # type: ignore[operator]
    except Exception as exc:  # a broken plugin must never break the others
        manager.add_problem(
            PluginProblem(
                candidate.name,
                candidate.version,
                f"import failed: {_error_text(exc)}",
                _traceback_text(exc),
            )
        )
        return
    if manager.pm.has_plugin(candidate.name) or (
        manager.pm.is_registered(plugin) if not isinstance(plugin, ModuleType) else False
    ):
        manager.add_problem(
            PluginProblem(
                candidate.name,
                candidate.version,
                f"a plugin named {candidate.name!r} is already registered",
            )
        )
        return
    try:
        manager.pm.register(plugin, name=candidate.name)
    except Exception as exc:  # e.g. a hookimpl that matches no hookspec's signature
        manager.add_problem(
            PluginProblem(
                candidate.name,
                candidate.version,
                f"register failed: {_error_text(exc)}",
                _traceback_text(exc),
            )
        )
        return
    manager.add_plugin(candidate.name, candidate.version, candidate.builtin, candidate.module)
