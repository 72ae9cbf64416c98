"""Public names of a package imported on first use (PEP 562), so importing it stays cheap.

A package that re-exports its public API (``realistsynth``, ``realistsynth.model``,
``realistsynth.query``, ``realistsynth.references``) would otherwise import every module
behind those names as soon as anything under it is imported (``from realistsynth.importing
import read_records`` first runs ``realistsynth/__init__.py``). With :func:`lazy_exports`, the
package lists each name's home module and the name is imported from there the first time it
is read, then kept in the package's namespace so that later reads are plain attribute
look-ups. The tables are written from one list per package (:mod:`realistsynth._lazygen`).
The figures are in ``benchmarks/bench_startup.py`` and docs/benchmarks/startup.md.

The package keeps the same names under ``if TYPE_CHECKING:`` imports, for type checkers and
documentation tools, and assigns the returned ``__getattr__`` only ``if not TYPE_CHECKING``:
a type checker that sees a module ``__getattr__`` types every misspelt attribute as its return
type instead of reporting it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    namespace: MutableMapping[str, Any], homes: Mapping[str, Iterable[str]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose public names load on first use.

    :param namespace: the package's ``globals()``; each name is stored there once imported.
    :param homes: home module -> the public names it provides.
    :return: ``(__getattr__, __dir__)``. ``__getattr__`` imports a listed name from its home
        module; any other name that is a submodule of the package is imported as one (as it
        would have been bound by an eager ``__init__`` that imported it); anything else is an
        :class:`AttributeError`, as for any module.
    """
    package = str(namespace["__name__"])
    home_of = {name: module for module, names in homes.items() for name in names}

    def __getattr__(name: str) -> object:
        home = home_of.get(name)
        if home is not None:
            value = getattr(importlib.import_module(home), name)
        elif name.startswith("__") or not name.isidentifier():
            # dunder probes (``__wrapped__``, ``__test__`` ...) must stay cheap misses
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        else:
            submodule = f"{package}.{name}"
            try:
                value = importlib.import_module(submodule)
            except ModuleNotFoundError as exc:
                if exc.name != submodule:  # the submodule exists but an import in it failed
                    raise
                raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *home_of})

    return __getattr__, __dir__
