"""The examples in the structured importers' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "realistsynth.latex",
    "realistsynth.bibtex_syntax",
    "realistsynth.import_support",
    "realistsynth.tabular_mappings",
    "realistsynth.normalise",
    "realistsynth.export_selection",
    "realistsynth.builtin.bibtex",
    "realistsynth.builtin.bibtex_export",
    "realistsynth.builtin.tabular",
    "realistsynth.builtin.csl_json",
    "realistsynth.builtin.csv_export",
    "realistsynth.builtin.endnote_xml",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
