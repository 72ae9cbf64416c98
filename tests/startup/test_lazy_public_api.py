"""The lazy public API: cheap to import, yet every public name is there and is the real object.

What a fresh process has imported is checked in a subprocess, since this test session has long
since imported everything. The names that must resolve are read from the ``TYPE_CHECKING``
imports of the package source (what mypy and the docs see), not from the lazy table, so that
the two are checked against each other.
"""

from __future__ import annotations

import ast
import importlib
import json
import pickle
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import realistsynth
import realistsynth.model
import realistsynth.query
import realistsynth.references

LAZY_PACKAGES = [realistsynth, realistsynth.model, realistsynth.query, realistsynth.references]
LAZY_PACKAGES_MODULES = LAZY_PACKAGES


def _fresh_modules(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _type_checking_imports(package: ModuleType) -> dict[str, set[str]]:
    """home module -> names, from the package's ``if TYPE_CHECKING:`` block."""
    assert package.__file__ is not None
    tree = ast.parse(Path(package.__file__).read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom)
                assert stmt.module is not None
                found.setdefault(stmt.module, set()).update(a.name for a in stmt.names)
    assert found, f"{package.__name__} has no TYPE_CHECKING imports"
    return found


HEAVY = ["cattrs", "openpyxl", "citeproc", "rapidfuzz", "defusedxml"]


def test_import_package_imports_no_api_module() -> None:
    loaded = _fresh_modules("import realistsynth")
    ours = {m for m in loaded if m.startswith("realistsynth")}
    assert ours == {"realistsynth", "realistsynth._version", "realistsynth._lazy"}
    for name in [*HEAVY, "pluggy", "attrs"]:
        assert name not in loaded


def test_importing_module_imports_no_exporter_store_or_formatter() -> None:
    # the plugin registry is imported: read_records names PluginManager in its annotations,
    # which typing.get_type_hints must resolve (issue 21), and builds one when it runs anyway
    # (bench_startup.py: the whole of reading a one-record file costs the same)
    loaded = _fresh_modules("from realistsynth.importing import read_records")
    for name in [
        *HEAVY,
        "realistsynth.exporting",
        "realistsynth.store",
        "realistsynth.references",
        # the sheet registry is imported: the hookspecs name SheetSpec (the workbook-sheets
        # hook) for typing.get_type_hints; openpyxl still waits until a workbook is written
    ]:
        assert name not in loaded


def test_plugin_manager_defers_heavy_imports_until_used() -> None:
    loaded = _fresh_modules(
        "from realistsynth.plugins import get_plugin_manager\n"
        "pm = get_plugin_manager()\n"
        "assert {'ris', 'bibtex', 'endnote-xml', 'csl-json'} <= set(pm.importers), pm.importers\n"
        "assert {'xlsx', 'rameses-html', 'csl-json'} <= set(pm.exporters), pm.exporters"
    )
    for name in [
        *HEAVY,
        "xml.etree.ElementTree",
        "tomllib",
        "realistsynth.report.document",
        "realistsynth.references.bibliography",
        "realistsynth.query.lint",
        "realistsynth.store",
        # the BibTeX syntax, the sheet registry and the Review aggregate are imported: the
        # plugins name them in annotations, which typing.get_type_hints must resolve (issue
        # 21); what they pull in (openpyxl, cattrs ...) still waits until it is used
    ]:
        assert name not in loaded


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=lambda p: p.__name__)
def test_every_public_name_is_the_object_of_its_home_module(package: ModuleType) -> None:
    homes = _type_checking_imports(package)
    names = set().union(*homes.values())
    assert names == set(package.__all__) - {"__version__"}
    assert {m: set(n) for m, n in package._HOMES.items()} == homes
    for module_name, module_names in homes.items():
        module = importlib.import_module(module_name)
        for name in module_names:
            assert getattr(package, name) is getattr(module, name), name


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=lambda p: p.__name__)
def test_dir_lists_every_public_name_before_any_is_read(package: ModuleType) -> None:
    # in a fresh process: here every name was read (and so stored) by the tests above
    code = (
        f"import sys, {package.__name__} as package\n"
        "names = set(package.__all__) - {'__version__'}\n"
        "assert not names & set(vars(package)), 'a public name was imported eagerly'\n"
        "assert names <= set(dir(package)), names - set(dir(package))\n"
        "assert not names & set(vars(package)), 'dir() imported the names'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_star_import_and_version_in_a_fresh_process() -> None:
    code = (
        "from realistsynth import *\n"
        "import realistsynth\n"
        "missing = [n for n in realistsynth.__all__ if n not in globals()]\n"
        "assert not missing, missing\n"
        "assert Review is realistsynth.model.review.Review\n"
        "assert __version__ == realistsynth._version.__version__\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_from_import_in_a_fresh_process() -> None:
    code = (
        "from realistsynth import Record, RecordImportError, hookimpl, load\n"
        "from realistsynth.references import format_references\n"
        "import realistsynth.store.project as project\n"
        "assert load is project.load\n"
        "assert Record.__module__ == 'realistsynth.model.records'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_submodule_reachable_as_attribute_in_a_fresh_process() -> None:
    # the eager package bound the submodules it imported; code such as rs.store.X relied on it
    code = (
        "import realistsynth as rs\n"
        "assert rs.store.SCHEMA_VERSION >= 1\n"
        "assert rs.errors.ParseError is rs.ParseError\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Reveiw'"):
        realistsynth.Reveiw  # type: ignore[attr-defined]  # noqa: B018  (the misspelling is the point)
    with pytest.raises(AttributeError, match="no attribute 'no_such_module'"):
        realistsynth.references.no_such_module  # type: ignore[attr-defined]  # noqa: B018  (absent on purpose)
    assert not hasattr(realistsynth, "__wrapped__")
    assert not hasattr(realistsynth, "not.a.name")
    with pytest.raises(ImportError):
        exec("from realistsynth import Reveiw", {})


# every public name of every lazy package, checked against its home module
_RESOLVE_ALL = """
import importlib
PACKAGES = ["realistsynth", "realistsynth.model", "realistsynth.query", "realistsynth.references"]
def resolve_all(reverse=False):
    found = {}
    for package_name in PACKAGES[::-1] if reverse else PACKAGES:
        package = importlib.import_module(package_name)
        for name in package.__all__[::-1] if reverse else package.__all__:
            found[package_name, name] = getattr(package, name)
    return found
def check(found):
    for (package_name, name), value in found.items():
        package = importlib.import_module(package_name)
        home = next((m for m, names in package._HOMES.items() if name in names), None)
        if home is not None:
            assert value is getattr(importlib.import_module(home), name), (package_name, name)
"""


@pytest.mark.parametrize(
    "first",
    [
        "import realistsynth.model.review",
        "import realistsynth.formats.ris_reader",
        "import realistsynth.formats.medline_reader",
        "from realistsynth.cli import main",
        "import realistsynth.references.csl_json",
        "import realistsynth.query.dialect",
        "import realistsynth.store",
    ],
)
def test_any_module_imported_first_leaves_every_name_resolvable(first: str) -> None:
    """No import cycle shows up whichever module a program happens to import first."""
    code = f"{first}\n{_RESOLVE_ALL}\ncheck(resolve_all())\n"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_threads_resolving_names_at_once_get_the_same_objects() -> None:
    """Four threads read every public name at once, two in reverse order, in a fresh process
    (so that each first read imports), with the interpreter switching threads very often."""
    code = (
        _RESOLVE_ALL
        + """
import sys, threading
sys.setswitchinterval(1e-6)
barrier = threading.Barrier(4)
results, errors = [], []
def run(reverse):
    barrier.wait()
    try:
        results.append(resolve_all(reverse))
    except BaseException as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=run, args=(i % 2,)) for i in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert not errors, errors
assert len(results) == 4
for found in results:
    check(found)
    assert all(found[key] is value for key, value in results[0].items())
"""
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_model_objects_pickled_here_load_in_a_fresh_process() -> None:
    """Pickles name classes by their home modules (``realistsynth.model.records.Record``),
    which the lazy packages leave where they were: a process that has imported nothing of
    realistsynth loads them, and gets equal objects."""
    review = realistsynth.Review(realistsynth.ReviewMeta(title="Pickled"))
    review.add_reviewer(realistsynth.Reviewer("LK"))
    record = realistsynth.read_records(
        b"TY  - JOUR\nAU  - Aunger, J.A.\nTI  - Kept\nPY  - 2021\nER  - \n", format="ris"
    ).records[0]
    review.add_record(record)
    expected = realistsynth.dumps(review)
    code = (
        "import pickle, sys\n"
        "review, record = pickle.loads(sys.stdin.buffer.read())\n"
        "import realistsynth as rs\n"
        "assert type(record) is rs.Record and type(review) is rs.Review\n"
        "assert record.provenance[0].line == 1\n"
        "sys.stdout.write(rs.dumps(review))\n"
    )
    data = pickle.dumps((review, record))
    for home in (b"realistsynth.model.review", b"realistsynth.model.records"):
        assert home in data  # classes named by their home modules, as before
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=data,
        check=True,
        capture_output=True,
    )
    assert out.stdout.decode("utf-8") == expected


@pytest.mark.parametrize(
    "package",
    ["realistsynth", "realistsynth.model", "realistsynth.query", "realistsynth.references"],
)
def test_the_generated_block_is_current(package: str) -> None:
    """``TYPE_CHECKING`` imports, the lazy hook and ``__all__`` are written from ``_HOMES``
    alone: run ``python -m realistsynth._lazygen`` after changing a package's ``_HOMES``."""
    from realistsynth._lazygen import LAZY_PACKAGES, current_text

    assert set(LAZY_PACKAGES) == {p.__name__ for p in LAZY_PACKAGES_MODULES}
    path, text, wanted = current_text(package)
    assert text == wanted, f"{path} is stale: run python -m realistsynth._lazygen"


def test_each_public_name_is_listed_once() -> None:
    for package in LAZY_PACKAGES_MODULES:
        names = [name for names in vars(package)["_HOMES"].values() for name in names]
        assert len(names) == len(set(names)), package.__name__
