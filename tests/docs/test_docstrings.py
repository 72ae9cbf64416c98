"""The API reference builds without warnings: every ``:param x:`` names a parameter of the
signature it documents (attrs fields are ``:ivar x:``, since griffe does not read attrs
``__init__``). ``mkdocs build --strict`` in ``.ci/run`` catches the rest."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

griffe = pytest.importorskip("griffe")

SRC = Path(__file__).resolve().parents[2] / "src"


def _objects(obj):
    yield obj
    for member in obj.members.values():
        if member.is_alias:
            continue
        yield from _objects(member)


def test_every_docstring_parameter_is_in_its_signature(caplog: pytest.LogCaptureFixture) -> None:
    package = griffe.load("realistsynth", search_paths=[str(SRC)], docstring_parser="sphinx")
    caplog.set_level(logging.WARNING)
    for obj in _objects(package):
        if obj.docstring is not None:
            obj.docstring.parse("sphinx")
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == []
