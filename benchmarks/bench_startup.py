"""The fixed start-up cost of an import: what a fresh process pays before reading any record.

``benchmarks/bench_import.py`` times ``read_records(path, format="ris")`` in a fresh process;
part of that figure is not reading at all but importing realistsynth and building the plugin
manager. This script measures those parts alone, each in its own fresh Python process, and
the whole fixed cost (import, plugin manager, reading a one-record RIS file) beside rispy's
(``import rispy`` and loading the same file):

* ``import realistsynth``
* ``from realistsynth.importing import read_records``
* ``get_plugin_manager()``, after the import above (the built-in plugin modules, the
  entry-point scan, and collecting every contribution)
* ``read_records`` of a one-record RIS file, import included: the fixed cost in
  ``bench_import.py``'s figure

Times are CPU seconds (user + system) of the measured statement, interpreter start-up
excluded; the best of ``--repeat`` runs counts, runs of the different measurements
interleaved. Bytecode is cached, as it is for anyone who installed the package: the children
keep their ``.pyc`` files under a temporary ``PYTHONPYCACHEPREFIX``, written by one untimed
run of each measurement first. With ``--inherit-env`` they run in the caller's environment
instead: where ``PYTHONDONTWRITEBYTECODE`` is set and the sources have no ``.pyc`` (as in a
fresh checkout), every run compiles every module of ours it imports, which
``bench_import.py``'s figure then includes too.

``--baseline SRC`` measures a second source tree (for instance a checkout of ``main``:
``git archive main | tar -x -C /tmp/main``, then ``--baseline /tmp/main/src``) in the same run
and prints it beside ours.

Usage::

    pip install -e ".[bench]"      # rispy, the peer
    python benchmarks/bench_startup.py [--repeat 15] [--baseline /tmp/main/src]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

_RIS = (
    "TY  - JOUR\n"
    "AU  - Aunger, Justin A.\n"
    "TI  - Start-up cost\n"
    "PY  - 2021\n"
    "DO  - 10.1136/leader-2020-000001\n"
    "ER  - \n"
)

_SETUP: dict[str, str] = {
    "import-importing": "",
    "plugin-manager": "from realistsynth.importing import read_records",
    "import-package": "",
    "read-one-ris": "",
    "rispy-one-ris": "",
}

_STATEMENT: dict[str, str] = {
    "import-package": "import realistsynth",
    "import-importing": "from realistsynth.importing import read_records",
    "plugin-manager": "from realistsynth.plugins import get_plugin_manager; get_plugin_manager()",
    "read-one-ris": (
        "from realistsynth.importing import read_records\n"
        "assert len(read_records(path, format='ris').records) == 1"
    ),
    "rispy-one-ris": (
        "import rispy\n"
        "with open(path, encoding='utf-8') as handle:\n"
        "    assert len(rispy.load(handle)) == 1"
    ),
}

_LABEL: dict[str, str] = {
    "import-package": "import realistsynth",
    "import-importing": "import realistsynth.importing",
    "plugin-manager": "get_plugin_manager()",
    "read-one-ris": "read_records(1-record RIS), all in",
    "rispy-one-ris": "rispy: import + load(1-record RIS)",
}

_CHILD = r"""
import json, sys, time
path = sys.argv[1]
exec(sys.argv[2])
cpu = time.process_time()
exec(sys.argv[3])
cpu = time.process_time() - cpu
print(json.dumps({"cpu": cpu, "modules": len(sys.modules)}))
"""


def _run(kind: str, path: Path, src: str | None, pycache: str | None) -> dict[str, float]:
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    if src is not None:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), _SETUP[kind], _STATEMENT[kind]],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _peer_installed() -> bool:
    out = subprocess.run([sys.executable, "-c", "import rispy"], capture_output=True)
    return out.returncode == 0


def main() -> None:
    """Measure every part in fresh processes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--baseline", help="another source tree (its src/) to measure beside")
    parser.add_argument(
        "--inherit-env", action="store_true", help="no bytecode cache of our own (see above)"
    )
    args = parser.parse_args()

    trees: dict[str, str | None] = {"ours": None}
    if args.baseline:
        trees["baseline"] = str(Path(args.baseline).resolve())
    kinds = [k for k in _STATEMENT if k != "rispy-one-ris" or _peer_installed()]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.ris"
        path.write_text(_RIS, encoding="utf-8")
        pycache = None if args.inherit_env else str(Path(folder) / "pycache")
        runs: dict[tuple[str, str], list[dict[str, float]]] = {}
        warm_up = 0 if pycache is None else 1  # one untimed round fills the cache
        for round_ in range(warm_up + args.repeat):
            for tree, src in trees.items():
                for kind in kinds:
                    if kind == "rispy-one-ris" and tree != "ours":
                        continue
                    result = _run(kind, path, src, pycache)
                    if round_ >= warm_up:
                        runs.setdefault((tree, kind), []).append(result)
    best = {key: min(values, key=lambda r: r["cpu"]) for key, values in runs.items()}

    cache = "caller's environment" if args.inherit_env else "bytecode cached"
    print(f"CPU seconds, best of {args.repeat} fresh processes ({cache}; modules in brackets)")
    header = f"{'':38} {'ours':>14}"
    if "baseline" in trees:
        header += f" {'baseline':>14} {'saved':>7}"
    print(header)
    for kind in kinds:
        ours = best[("ours", kind)]
        line = f"{_LABEL[kind]:38} {ours['cpu']:7.3f} ({int(ours['modules']):4d})"
        base = best.get(("baseline", kind))
        if base is not None:
            line += (
                f" {base['cpu']:7.3f} ({int(base['modules']):4d}) {base['cpu'] - ours['cpu']:7.3f}"
            )
        print(line)


if __name__ == "__main__":
    main()
