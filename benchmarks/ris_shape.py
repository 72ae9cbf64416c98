"""The shape of RIS files: what real exports look like, to hold the synthetic corpus against.

For each file it reports, from the bytes and lines alone (no RIS reader of ours or a peer's, so
that the measure does not depend on what it measures): records; lines and bytes per record
(10th, 50th and 90th percentile and maximum); the share of the records' bytes in abstracts
(``AB``/``N2``) and in cited references (a ``CR`` field, an ``N1``/``U3`` note beginning
``References:`` as Scopus writes them, or Ovid's one ``M1`` per reference); the tags and their
order (how many tags, how many different orders and the share of records in the commonest one,
the share of records whose tags never go against the file's usual order, the share in
alphabetical order);
repeated tags (``AU``/``A1``, ``KW`` per record); continuation lines (untagged lines that carry
on the value above: the share of records that have any, and their number a record); line
endings, byte-order mark, blank lines between records and lines outside records (headers such as
JSTOR's ``Provider:`` or Ovid's ``1.``); and the length of field values.

Usage::

    python tests/real_exports/fetch_samples.py         # the real samples, once
    python benchmarks/ris_shape.py                      # every real RIS sample the tests fetch
    python benchmarks/ris_shape.py a.ris b.ris          # any files, labelled by file name
    python benchmarks/ris_shape.py --markdown ...       # the tables as Markdown

The last row, ``all``, pools the files with each file counting equally (each record weighs
``1/records`` of its file), because a user imports export files, and a file's record count
says what a test suite kept, not how exports are shaped. Percentiles over the pool are
weighted accordingly. ``corpus.py --split DIR`` writes one file per synthetic exporter profile
to compare with the real file of the same exporter.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FileShape", "RecordShape", "measure", "real_samples"]

# A tag line: two characters (letter, then letter or digit), two spaces, a hyphen; APA PsycNET
# also writes a four-letter 'PMID  - '.
_TAG = re.compile(r"([A-Z][A-Z0-9]|PMID) {1,2}-(?: |$)")
_ABSTRACT = frozenset({"AB", "N2"})
_AUTHORS = frozenset({"AU", "A1"})
_REF_NOTES = frozenset({"N1", "U3", "NO"})
_CITED_YEAR = re.compile(r"\(\d{4}[a-z]?\)")
_REF_HEADS = ("References:", "Cited References:", "Cited references:")


@dataclass
class RecordShape:
    """What one record is made of (bytes count the lines' own line endings)."""

    lines: int = 0
    size: int = 0
    abstract: int = 0
    references: int = 0
    continuation: int = 0
    authors: int = 0
    keywords: int = 0
    tags: list[str] = field(default_factory=list)
    values: list[int] = field(default_factory=list)


@dataclass
class FileShape:
    """What one file is made of."""

    label: str
    records: list[RecordShape] = field(default_factory=list)
    crlf: int = 0
    lf: int = 0
    bom: bool = False
    blanks_between: Counter[int] = field(default_factory=Counter)
    outside: int = 0
    er_space: int = 0


def _field_kind(tag: str, first: str) -> str:
    if tag in _ABSTRACT:
        return "abstract"
    if tag == "CR" or (tag in _REF_NOTES and first.startswith(_REF_HEADS)):
        return "references"
    if tag == "M1" and _CITED_YEAR.search(first):
        # Ovid writes each cited reference as its own M1: 'Byrne, BM (2010) Structural ...'
        return "references"
    return ""


def measure(data: bytes, label: str) -> FileShape:
    """The shape of one RIS file's bytes."""
    shape = FileShape(label, bom=data.startswith(b"\xef\xbb\xbf"))
    if shape.bom:
        data = data[3:]
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    record: RecordShape | None = None
    kind = ""
    value = 0
    blanks = 0
    seen_record = False
    for raw in raw_lines:
        if raw.endswith(b"\r"):
            shape.crlf += 1
        else:
            shape.lf += 1
        size = len(raw) + 1
        line = raw.rstrip(b"\r").decode("utf-8", "replace")
        match = _TAG.match(line)
        if record is None:
            if match and match.group(1) == "TY":
                if seen_record:
                    shape.blanks_between[blanks] += 1
                record = RecordShape()
                kind, value = "", 0
            elif line.strip():
                shape.outside += 1
                continue
            else:
                blanks += 1
                continue
        record.lines += 1
        record.size += size
        if match:
            tag = match.group(1)
            if value:
                record.values.append(value)
            text = line[match.end() :]
            value = len(text.strip())
            kind = _field_kind(tag, text)
            if tag == "ER":
                value = 0
                shape.er_space += line.endswith(" ")
                shape.records.append(record)
                record, blanks, seen_record = None, 0, True
                continue
            if not record.tags or record.tags[-1] != tag:
                record.tags.append(tag)
            record.authors += tag in _AUTHORS
            record.keywords += tag == "KW"
        else:
            record.continuation += 1
            value += len(line.strip()) + 1
        if kind == "abstract":
            record.abstract += size
        elif kind == "references":
            record.references += size
    return shape


def _quantile(pairs: Sequence[tuple[float, float]], q: float) -> float:
    """The weighted ``q`` quantile of (value, weight) pairs (nearest rank)."""
    ordered = sorted(pairs)
    total = sum(w for _, w in ordered)
    running = 0.0
    for value, weight in ordered:
        running += weight
        if running >= q * total - 1e-12:
            return value
    return ordered[-1][0] if ordered else 0.0


def _distinct_orders(records: Iterable[RecordShape]) -> Counter[tuple[str, ...]]:
    # repeated tags later in a record (a second N1) do not make a new order: first places only
    orders: Counter[tuple[str, ...]] = Counter()
    for record in records:
        seen: dict[str, None] = {}
        for tag in record.tags:
            seen.setdefault(tag)
        orders[tuple(seen)] += 1
    return orders


def _alphabetical(record: RecordShape) -> bool:
    # EndNote and Rayyan sort the tags but put their own ID last
    inner = [t for t in dict.fromkeys(record.tags) if t != "TY"]
    if inner and inner[-1] == "ID":
        inner.pop()
    return inner == sorted(inner)


def _precedence(records: Sequence[RecordShape]) -> Counter[tuple[str, str]]:
    """How many records put tag ``a`` before tag ``b`` (first places only)."""
    before: Counter[tuple[str, str]] = Counter()
    for record in records:
        tags = list(dict.fromkeys(record.tags))
        for i, a in enumerate(tags):
            for b in tags[i + 1 :]:
                before[a, b] += 1
    return before


def canonical_order(records: Sequence[RecordShape]) -> list[str]:
    """The file's tags ranked by how many other tags each usually comes before."""
    before = _precedence(records)
    tags = {t for pair in before for t in pair} or {t for r in records for t in r.tags}
    wins = {t: sum(before[t, u] > before[u, t] for u in tags if u != t) for t in tags}
    return sorted(tags, key=lambda t: (-wins[t], t))


def _fixed_share(records: Sequence[RecordShape]) -> float:
    """The share of records whose tags never go against the file's usual order (for every
    two tags, the order most records that have both put them in)."""
    before = _precedence(records)
    good = 0
    for record in records:
        tags = list(dict.fromkeys(record.tags))
        good += all(before[a, b] >= before[b, a] for i, a in enumerate(tags) for b in tags[i + 1 :])
    return good / max(1, len(records))


@dataclass
class Summary:
    """The figures of one row (a file, or the pool)."""

    label: str
    records: int
    figures: dict[str, str]


def _summarise(label: str, shapes: Sequence[FileShape]) -> Summary:
    weighted: list[tuple[RecordShape, float]] = [
        (r, 1.0 / len(s.records)) for s in shapes for r in s.records if s.records
    ]
    weight = sum(w for _, w in weighted) or 1.0

    def dist(get: str) -> str:
        pairs = [(float(getattr(r, get)), w) for r, w in weighted]
        if not pairs:
            return "-"
        qs = [_quantile(pairs, q) for q in (0.1, 0.5, 0.9)]
        return "/".join(f"{v:.0f}" for v in qs) + f" ({max(v for v, _ in pairs):.0f})"

    def share(part: str) -> str:
        # bytes of the part over bytes of the records, each record weighted as above: for one
        # file its plain share; for the pool, the share in a corpus taking as many records
        # from each file (what the synthetic corpus's mixture does)
        whole = sum(r.size * w for r, w in weighted) or 1.0
        return f"{100 * sum(getattr(r, part) * w for r, w in weighted) / whole:.0f} %"

    def mean(get: str) -> str:
        total = sum(getattr(r, get) * w for r, w in weighted) / weight
        top = max((getattr(r, get) for r, _ in weighted), default=0)
        return f"{total:.1f} ({top})"

    def frac(test: bool, w: float) -> float:
        return w if test else 0.0

    continued = sum(frac(r.continuation > 0, w) for r, w in weighted) / weight
    abstracts = [(float(r.abstract), w) for r, w in weighted if r.abstract]
    values = [(float(v), w / max(1, len(r.values))) for r, w in weighted for v in r.values]
    orders = [_distinct_orders(s.records) for s in shapes if s.records]
    modal = sum(o.most_common(1)[0][1] / o.total() for o in orders) / max(1, len(orders))
    alphabetical = sum(frac(_alphabetical(r), w) for r, w in weighted) / weight
    fixed = 0.0
    tag_counts: list[int] = []
    for s in shapes:
        tag_counts.append(len({t for r in s.records for t in r.tags}))
        fixed += _fixed_share(s.records)
    fixed /= max(1, len(shapes))
    crlf_files = sum(s.crlf > s.lf for s in shapes)
    crlf = sum(s.crlf for s in shapes) / (sum(s.crlf + s.lf for s in shapes) or 1)
    eol = "CRLF" if crlf > 0.99 else "LF" if crlf < 0.01 else f"{100 * crlf:.0f} % CRLF"
    blanks: Counter[int] = Counter()
    for s in shapes:
        blanks.update(s.blanks_between)
    if len(shapes) > 1:
        # the pool: how many files (not records) have each line ending and separation
        eol = f"{crlf_files}/{len(shapes)} CRLF"
        blanks = Counter(s.blanks_between.most_common(1)[0][0] for s in shapes if s.blanks_between)
    figures = {
        "lines/rec p10/50/90 (max)": dist("lines"),
        "bytes/rec p10/50/90 (max)": dist("size"),
        "abstract bytes": share("abstract"),
        "cited-ref bytes": share("references"),
        "with abstract": f"{100 * sum(w for _, w in abstracts) / weight:.0f} %",
        "abstract bytes p50/p90": (
            f"{_quantile(abstracts, 0.5):.0f}/{_quantile(abstracts, 0.9):.0f}" if abstracts else "-"
        ),
        "AU/rec mean (max)": mean("authors"),
        "KW/rec mean (max)": mean("keywords"),
        "records continued": f"{100 * continued:.0f} %",
        "cont. lines/rec mean (max)": mean("continuation"),
        "tags": f"{min(tag_counts)}-{max(tag_counts)}" if len(shapes) > 1 else str(tag_counts[0]),
        "tag orders (modal share)": (
            f"{sum(len(o) for o in orders)} ({100 * modal:.0f} %)" if orders else "-"
        ),
        "in one fixed order": f"{100 * fixed:.0f} %",
        "alphabetical": f"{100 * alphabetical:.0f} %",
        "value chars p50/90/99 (max)": (
            "/".join(f"{_quantile(values, q):.0f}" for q in (0.5, 0.9, 0.99))
            + f" ({max(v for v, _ in values):.0f})"
            if values
            else "-"
        ),
        "EOL": eol,
        "BOM": f"{sum(s.bom for s in shapes)}/{len(shapes)}",
        "blank lines between": ", ".join(f"{k}:{v}" for k, v in sorted(blanks.items())) or "-",
        "lines outside records": str(sum(s.outside for s in shapes)),
        "'ER  - ' with space": f"{sum(s.er_space for s in shapes)}",
    }
    return Summary(label, sum(len(s.records) for s in shapes), figures)


def summarise(shapes: Sequence[FileShape], pooled: str = "all") -> list[Summary]:
    """One row per file, and the pool of them all (each file counting equally)."""
    rows = [_summarise(s.label, [s]) for s in shapes]
    if len(shapes) > 1:
        rows.append(_summarise(pooled, shapes))
    return rows


def real_samples() -> list[tuple[str, Path]]:
    """(label, path) of each real RIS sample the tests fetch, labelled ``exporter (id)``."""
    root = Path(__file__).resolve().parents[1] / "tests" / "real_exports"
    sys.path.insert(0, str(root))
    from fetch_samples import load_manifest, sample_path

    samples = [s for s in load_manifest()["samples"] if s["format"] == "ris"]
    found = [(f"{s['exporter']} ({s['id']})", sample_path(s)) for s in samples]
    missing = [label for label, path in found if not path.exists()]
    if missing:
        sys.exit(f"samples not fetched ({', '.join(missing)}): run fetch_samples.py first")
    return found


def _print(rows: Sequence[Summary], markdown: bool) -> None:
    keys = list(rows[0].figures)
    # two tables, so that each fits a page: sizes, then layout
    for part in (keys[:9], keys[9:]):
        table = [[r.label, str(r.records), *(r.figures[k] for k in part)] for r in rows]
        _table(["file", "records", *part], table, markdown)


_PAIRS = {
    "scopus-ris-large": "scopus-refs",
    "scopus-ris": "scopus-full",
    "embase-ris": "embase",
    "ovid-psycinfo-ris": "ovid",
    "zotero-ris-from-ovid": "zotero-1",
    "zotero-ris-from-pubmed": "zotero-2",
    "proquest-ris": "proquest",
    "endnote-ris-from-pubmed": "endnote",
    "wos-ris": "wos",
    "citavi-ris-from-scopus": "citavi",
    "rayyan-ris": "rayyan",
    "lens-ris": "lens",
    "jstor-ris": "jstor",
    "apa-psycnet-ris": "apa-psycnet",
    "ieee-xplore-ris": "ieee",
    "trid-ris": "trid",
    "proquest-dissertations-ris": "proquest-thesis",
}
_COMPARED = (
    "lines/rec p10/50/90 (max)",
    "bytes/rec p10/50/90 (max)",
    "abstract bytes",
    "cited-ref bytes",
    "records continued",
    "cont. lines/rec mean (max)",
)


def compare(records: int, folder: Path, markdown: bool) -> None:
    """Real samples beside the synthetic corpus: the pools, then each exporter."""
    from corpus_ris import write_profiles, write_varied

    real = [(label, measure(path.read_bytes(), label)) for label, path in real_samples()]
    manifest = _authenticity()
    split = {p.stem: p for p in write_profiles(folder / "profiles", max(50, records // 17))}
    mixed = folder / "varied.ris"
    write_varied(mixed, records)
    synthetic = [measure(split[_PAIRS[_sample_id(label)]].read_bytes(), label) for label, _ in real]
    genuine = [i for i, (label, _) in enumerate(real) if manifest[_sample_id(label)] == "real"]
    pools = [
        _summarise("real: 17 files, each counting equally", [s for _, s in real]),
        _summarise("synthetic: 17 profile files, the same way", synthetic),
        _summarise(f"real: the {len(genuine)} not anonymised", [real[i][1] for i in genuine]),
        _summarise("synthetic: their profiles", [synthetic[i] for i in genuine]),
        _summarise(
            f"synthetic: the mixed corpus ({records:,} records, one file)",
            [measure(mixed.read_bytes(), "mixed")],
        ),
    ]
    keys = list(pools[0].figures)
    header = ["", *(p.label for p in pools)]
    rows = [["records", *(f"{p.records:,}" for p in pools)]]
    rows += [[k, *(p.figures[k] for p in pools)] for k in keys]
    _table(header, rows, markdown)
    header = ["exporter (sample)"]
    for key in _COMPARED:
        header += [f"{key}: real", "synthetic"]
    rows = []
    for (label, shape), twin in zip(real, synthetic, strict=True):
        a, b = _summarise(label, [shape]), _summarise(label, [twin])
        rows.append([label, *(x for k in _COMPARED for x in (a.figures[k], b.figures[k]))])
    _table(header, rows, markdown)


def _sample_id(label: str) -> str:
    return label.rsplit("(", 1)[1].rstrip(")")


def _authenticity() -> dict[str, str]:
    from fetch_samples import load_manifest

    return {s["id"]: s["authenticity"] for s in load_manifest()["samples"]}


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for line in rows:
            print("| " + " | ".join(line) + " |")
    else:
        widths = [max(len(x) for x in col) for col in zip(header, *rows, strict=True)]
        for line in [header, *rows]:
            print("  ".join(x.ljust(w) for x, w in zip(line, widths, strict=True)))
    print()


def main(argv: list[str] | None = None) -> None:
    """Print the shape tables of the files given, or of the real samples."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="RIS files (default: real samples)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--pooled", default="all", help="label of the pooled row")
    parser.add_argument("--orders", action="store_true", help="print each file's tag order")
    parser.add_argument(
        "--compare",
        type=int,
        metavar="N",
        help="compare the real samples with a synthetic corpus of N records (corpus_ris.py)",
    )
    parser.add_argument("--dir", type=Path, default=Path("/tmp/realistsynth-shape"))
    args = parser.parse_args(argv)
    if args.compare:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        compare(args.compare, args.dir, args.markdown)
        return
    named = [(p.stem, p) for p in args.files] if args.files else real_samples()
    shapes = [measure(path.read_bytes(), label) for label, path in named]
    _print(summarise(shapes, args.pooled), args.markdown)
    if args.orders:
        for shape in shapes:
            print(f"{shape.label}: {' '.join(canonical_order(shape.records))}")


if __name__ == "__main__":
    main()
