"""Issue 19: the fuzzers extended to the families the hostile-user attack found (format
confusion, CR-only files, resource bombs, concurrent saves). Budgets are fixed (the CI
hypothesis profile, and a fixed number of processes), so CI runs the same work every time."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.errors import RealistsynthError
from realistsynth.importing import read_records
from realistsynth.plugins import get_plugin_manager

MANAGER = get_plugin_manager()

SIGNATURES = [
    "TY  - JOUR",
    "ER  - ",
    "PMID- 12345678",
    "%0 Journal Article",
    "FN Clarivate Analytics Web of Science",
    "PT J",
    "@article{x,",
    '[{"type": "book", "title": "x"}]',
    "<xml><records><record>",
]

CSV_HEAD = "Title,Authors,Year,Abstract\n"
CSV_ROWS = st.lists(
    st.tuples(
        st.from_regex(r"[a-z]{1,6}( [a-z]{1,6})?", fullmatch=True),
        st.sampled_from(["Smith, J.", "Jones, K.; Brown, L."]),
        st.integers(1950, 2030),
        st.lists(
            st.one_of(st.sampled_from(SIGNATURES), st.text(alphabet="abc ,-", max_size=20)),
            max_size=4,
        ),
    ),
    min_size=1,
    max_size=6,
)


def _csv(rows: list[tuple[str, str, int, list[str]]], ending: str) -> bytes:
    lines = [CSV_HEAD.rstrip("\n")]
    for title, authors, year, abstract in rows:
        body = "\n".join(abstract).replace('"', '""')
        lines.append(f'"T {title}","{authors}",{year},"{body}"')
    return (ending.join(lines) + ending).encode()


@given(rows=CSV_ROWS, ending=st.sampled_from(["\n", "\r\n", "\r"]))
def test_csv_abstracts_holding_other_formats_signatures_stay_csv(
    rows: list[tuple[str, str, int, list[str]]], ending: str
) -> None:
    result = read_records(_csv(rows, ending), plugin_manager=MANAGER)
    assert result.report.format == "csv"
    assert [r.title for r in result.records] == [f"T {row[0]}" for row in rows]


@given(
    head=st.lists(st.sampled_from([*SIGNATURES, "", "plain text line"]), max_size=6),
    ending=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_mix_of_signatures_is_read_or_refused_with_our_error(
    head: list[str], ending: str
) -> None:
    data = ending.join(head).encode()
    try:
        result = read_records(data, plugin_manager=MANAGER)
    except RealistsynthError:
        return
    # a reading that succeeds leaves no more than half of the lines outside records
    outside = sum("outside any record" in w for w in result.report.warnings)
    assert outside * 2 < max(1, sum(1 for line in head if line.strip()))


@given(
    levels=st.integers(min_value=1, max_value=40),
    seed=st.text(alphabet="abcdef", min_size=1, max_size=40),
)
def test_macro_chains_of_any_depth_never_exceed_the_limit(levels: int, seed: str) -> None:
    from realistsynth.formats.bibtex_syntax import MAX_VALUE_CHARS

    lines = [f'@string{{m0 = "{seed}"}}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, levels)]
    lines.append(f"@article{{k,\n  title = m{levels - 1},\n  year = 2020\n}}")
    try:
        result = read_records("\n".join(lines).encode(), "bibtex", plugin_manager=MANAGER)
    except RealistsynthError:
        return
    assert all(len(r.title or "") <= MAX_VALUE_CHARS for r in result.records)


def _import_one(args: tuple[str, str]) -> int:
    from click.testing import CliRunner

    from realistsynth.cli import cli

    review, source = args
    return CliRunner().invoke(cli, ["import", review, source]).exit_code


def test_concurrent_imports_never_lose_an_update(tmp_path: Path) -> None:
    # a fixed budget: four processes, each adding three records to one review
    review = tmp_path / "r.json"
    rs.save(rs.Review.new("concurrency"), review)
    sources = []
    for n in range(4):
        path = tmp_path / f"s{n}.ris"
        path.write_text(
            "".join(
                f"TY  - JOUR\nAU  - Writer{n}, A.\nTI  - Study {n}.{i}\nPY  - 2020\nER  - \n\n"
                for i in range(3)
            )
        )
        sources.append((str(review), str(path)))
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        codes = pool.map(_import_one, sources)
    assert codes == [0, 0, 0, 0]
    assert len(rs.load(review).records) == 12
