"""``typing.get_type_hints`` works on every public function and class (and the methods of
each class), as a user's framework (cattrs, pydantic, FastAPI, a DI container) calls it:
every name in every module's ``__all__`` is walked. Names only imported ``if TYPE_CHECKING``
would make it raise ``NameError`` (issue 18 point 5, issue 21)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from collections.abc import Iterator

import pytest

import realistsynth


def _modules() -> Iterator[str]:
    yield "realistsynth"
    for info in pkgutil.walk_packages(realistsynth.__path__, "realistsynth."):
        if not info.name.endswith("__main__"):
            yield info.name


def _public_callables() -> Iterator[tuple[str, object]]:
    seen: set[int] = set()
    for name in _modules():
        module = importlib.import_module(name)
        for public in getattr(module, "__all__", ()):
            obj = getattr(module, public)
            if id(obj) in seen or not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            seen.add(id(obj))
            yield f"{name}.{public}", obj
            if inspect.isclass(obj):
                for attribute, member in vars(obj).items():
                    if attribute.startswith("_") and attribute != "__init__":
                        continue
                    if isinstance(member, classmethod | staticmethod):
                        member = member.__func__
                    if isinstance(member, property):
                        member = member.fget
                    if inspect.isfunction(member):
                        yield f"{name}.{public}.{attribute}", member


PUBLIC = list(_public_callables())


def test_there_is_much_to_check() -> None:
    assert len(PUBLIC) > 500


@pytest.mark.parametrize(("where", "obj"), PUBLIC, ids=[where for where, _ in PUBLIC])
def test_get_type_hints_resolves(where: str, obj: object) -> None:
    typing.get_type_hints(obj)
