"""What rispy and nbib lose that realistsynth keeps, on small inputs anyone can check.

Prints one line per case: the case, what the peer returned, what we returned. The cases are
the reasons ``realistsynth.formats.ris_reader`` and ``realistsynth.formats.medline_reader`` are
our own parsers (see their module docstrings).

Usage: ``pip install rispy nbib; python benchmarks/fidelity_peers.py``
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import nbib
import rispy

from realistsynth.importing import read_records

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "importers"

TWO = "TY  - JOUR\nTI  - First\nAU  - Smith, J\nER  - \n\nTY  - JOUR\nTI  - Second\nER  - \n"
RIS_CASES = {
    "UTF-8 BOM": codecs.BOM_UTF8 + TWO.encode(),
    "missing final ER": TWO.rsplit("ER  - ", 1)[0].encode(),
    "repeated TI": TWO.replace("TI  - First\n", "TI  - First\nTI  - Other title\n").encode(),
    "lower-case tag line": TWO.replace(
        "AU  - Smith, J\n", "AU  - Smith, J\nau  - Jones, K\n"
    ).encode(),
}


def _rispy(data: bytes) -> list[dict[str, object]]:
    text = data.decode("utf-8")  # what a caller passing a text stream would hand over
    return list(rispy.load(io.StringIO(text)))


def main() -> None:
    """Print the comparison."""
    print("RIS: rispy", rispy.__version__ if hasattr(rispy, "__version__") else "")
    for case, data in RIS_CASES.items():
        theirs = _rispy(data)
        ours = read_records(data, format="ris").records
        print(
            f"  {case:22} rispy: {len(theirs)} record(s) "
            f"{[(e.get('title') or e.get('primary_title'), e.get('authors')) for e in theirs]}"
        )
        print(
            f"  {'':22} ours:  {len(ours)} record(s) "
            f"{[(r.title, [a.family for a in r.authors], dict(r.extra)) for r in ours]}"
        )
    print("RIS sample exports (records read):")
    for path in sorted(DATA.glob("*.ris")):
        try:
            theirs_count: object = len(_rispy(path.read_bytes()))
        except Exception as exc:  # the peer may fail outright; that is a finding too
            theirs_count = f"{type(exc).__name__}"
        ours_count = len(read_records(path).records)
        print(f"  {path.name:22} rispy {theirs_count!s:>3}  ours {ours_count}")

    print("MEDLINE: nbib")
    sample = DATA / "pubmed.nbib"
    # without its whitespace-only line, on which nbib stops outright
    text = sample.read_text(encoding="utf-8").replace("\n   \n", "\n")
    try:
        theirs = nbib.read(text)
        summary = [(r.get("pubmed_id"), len(r.get("authors", [])), r.get("doi")) for r in theirs]
    except Exception as exc:  # the peer may fail outright
        summary = [(f"{type(exc).__name__}: {exc}", 0, None)]
    ours = read_records(text.encode("utf-8")).records
    print("  pubmed.nbib (PMID, authors, DOI):")
    print(f"    nbib: {summary}")
    print(f"    ours: {[(r.pmid, len(r.authors), r.doi) for r in ours]}")
    for case, variant in {
        "BOM": "\ufeff" + text,
        "whitespace-only line": text.replace("LA  - eng\n", "LA  - eng\n   \n", 1),
    }.items():
        try:
            got: object = len(nbib.read(variant))
        except Exception as exc:
            got = f"{type(exc).__name__}"
        ours_n = len(read_records(variant.encode("utf-8"), format="medline").records)
        print(f"  {case:22} nbib {got}  ours {ours_n}")


if __name__ == "__main__":
    main()
