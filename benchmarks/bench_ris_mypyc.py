"""Would compiling the RIS reader meet the 1.5x-rispy target? An experiment, not a build.

Copies ``src/`` to a temporary folder, compiles ``formats/ris_reader.py`` and
``formats/normalise.py`` there with mypyc (the compiler of mypy, which we type-check with
already), and runs ``bench_ris_real.py`` against the pure and the compiled copy, alternately,
``--rounds`` times each, printing each run's summary lines side by side. Two changes the
compiled copy needs, made only in the copy: the RIS importer's hook implementation moves to a
module of its own (pluggy marks a hook implementation with an attribute, which a compiled
function cannot take), and ``_blocks`` is typed ``Any`` instead of ``AnyStr`` (mypyc does not
compile that generic).

Usage (needs a C compiler and the Python headers)::

    python benchmarks/bench_ris_mypyc.py [--rounds 2] [--repeat 9]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_FORMATS = Path("realistsynth") / "formats"


def _compiled_copy(folder: Path) -> Path:
    """A copy of ``src/`` in ``folder`` with the RIS reader and normalise compiled."""
    src = folder / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    reader = src / _FORMATS / "ris_reader.py"
    text = reader.read_text(encoding="utf-8")
    cut = text.index("@hookimpl")
    hook = text[cut:]
    text = text[:cut].replace("from realistsynth.hookspecs import hookimpl\n", "")
    text = text.replace(
        "def _blocks(text: AnyStr, end_tag: AnyStr, newline: AnyStr, start: int) "
        "-> Iterator[AnyStr]:",
        "def _blocks(text: Any, end_tag: Any, newline: Any, start: int) -> Iterator[Any]:",
    ).replace("from typing import AnyStr, cast", "from typing import Any, AnyStr, cast")
    reader.write_text(text, encoding="utf-8")
    (src / _FORMATS / "ris_hooks.py").write_text(
        "from realistsynth.formats.ris_reader import RIS_IMPORTER\n"
        "from realistsynth.hookspecs import hookimpl\n"
        "from realistsynth.protocols import Importer\n\n\n" + hook,
        encoding="utf-8",
    )
    builtin = src / "realistsynth" / "builtin" / "__init__.py"
    builtin.write_text(
        builtin.read_text(encoding="utf-8").replace(
            '"realistsynth.formats.ris_reader",', '"realistsynth.formats.ris_hooks",'
        ),
        encoding="utf-8",
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mypyc",
            str(_FORMATS / "ris_reader.py"),
            str(_FORMATS / "normalise.py"),
        ],
        cwd=src,
        check=True,
        capture_output=True,
    )
    return src


def _summary(src: Path, repeat: int) -> str:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_ris_real.py"), "--repeat", str(repeat)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return " | ".join(out.strip().split("\n")[-2:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        compiled = _compiled_copy(Path(folder))
        for _ in range(args.rounds):
            print("pure    ", _summary(ROOT / "src", args.repeat))
            print("compiled", _summary(compiled, args.repeat))


if __name__ == "__main__":
    main()
