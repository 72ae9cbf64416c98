"""What a new user reads first says what they need: the Python version, how to install from a
clone (the package is not on PyPI), and what the library is for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import realistsynth

ROOT = Path(__file__).resolve().parents[2]


def _minimum_python() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    match = re.fullmatch(r">=\s*(\d+\.\d+)", pyproject["project"]["requires-python"])
    assert match, pyproject["project"]["requires-python"]
    return match[1]


def test_readme_names_the_python_version_pyproject_requires() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {_minimum_python()} or later" in readme


def test_no_page_tells_people_to_install_an_unpublished_package() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    offenders = [
        str(page.relative_to(ROOT))
        for page in pages
        if re.search(r"pip install realistsynth(\s|$)", page.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_readme_says_which_realistsynth_command_it_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/realistsynth" in readme
    assert "wheel" in readme


def test_outputs_of_the_readme_commands_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "ics/" in ignored
    assert ".ci-venv/" in ignored


def test_package_docstring_starts_with_what_the_library_is_for() -> None:
    doc = realistsynth.__doc__ or ""
    opening = doc.split("\n\n")[1]
    assert "realist review" in opening
    assert "PEP 562" not in doc.split("Where to start")[0]
    assert "Where to start" in doc


def test_ci_docs_step_shows_and_fails_on_warnings() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    docs_lines = [line for line in run.splitlines() if "mkdocs build" in line]
    assert docs_lines, "the CI script builds the docs"
    assert all("--quiet" not in line and "--strict" in line for line in docs_lines)
