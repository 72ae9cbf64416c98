"""Finding and building the bundled worked examples.

The examples live in the repository's ``examples/`` folder, where readers find them, and are
copied into the wheel as ``realistsynth/_examples/`` (see ``pyproject.toml``), so
``realistsynth example NAME`` works from an installed package as from a checkout. Each example
is a folder with a ``build_review.py`` whose ``build()`` returns the review.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from realistsynth.errors import RealistsynthError
from realistsynth.model.review import Review

__all__ = ["EXAMPLES", "build_example", "example_dir"]

#: The bundled examples: name -> folder name.
EXAMPLES: dict[str, str] = {"ics-leadership": "ics-leadership"}


def example_dir(name: str) -> Path:
    """The folder of example ``name`` (in the installed package, else in the checkout)."""
    if name not in EXAMPLES:
        known = ", ".join(sorted(EXAMPLES))
        raise RealistsynthError(f"no example named {name!r} (available: {known})")
    package = Path(__file__).parent
    for candidate in (
        package / "_examples" / EXAMPLES[name],
        package.parent.parent / "examples" / EXAMPLES[name],
    ):
        if (candidate / "build_review.py").is_file():
            return candidate
    raise RealistsynthError(f"the files of example {name!r} are not installed")


def build_example(name: str) -> Review:
    """Run example ``name``'s ``build_review.build()`` and return the review it builds."""
    script = example_dir(name) / "build_review.py"
    spec = importlib.util.spec_from_file_location(f"_realistsynth_example_{name}", script)
    if spec is None or spec.loader is None:  # pragma: no cover - only for a broken install
        raise RealistsynthError(f"cannot load {script}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    review = module.build()
    if not isinstance(review, Review):
        raise RealistsynthError(f"{script}: build() did not return a Review")
    return review
