"""Theory and lineage graphs: what they hold, every format read back by a real parser, and the
SVG's geometry (no overlapping boxes, no text wider than its box) at 40 CMOCs and 60 links."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from theory.theory_ics_example import builder

import realistsynth as rs
from realistsynth.cli import cli as main
from realistsynth.selection.text_metrics import text_width
from realistsynth.synthesis.graph import lineage_graph, theory_graph
from realistsynth.synthesis.graph_formats import to_dot, to_graphml, to_mermaid
from realistsynth.synthesis.graph_svg import FONT_SIZE, PAD, render_graph_svg
from realistsynth.synthesis.lineage import lineage_steps

networkx = pytest.importorskip("networkx")
SVG = "{http://www.w3.org/2000/svg}"
MERMAID_JS = (
    Path.home()
    / ".cache"
    / "realistsynth-mermaid"
    / "node_modules"
    / "mermaid"
    / "dist"
    / "mermaid.min.js"
)
WORDS = [
    "leaders",
    "partners",
    "system",
    "trust",
    "vision",
    "accountability",
    "population",
    "health",
    "communities",
    "decisions",
    "engagement",
    "learning",
    "culture",
    "resources",
    "governance",
    "shared",
    "purpose",
    "services",
]


@pytest.fixture(scope="module")
def example() -> rs.Review:
    built: rs.Review = builder().build()
    return built


def synthetic(cmocs: int = 40, links: int = 60, seed: int = 7) -> rs.Review:
    """A review of ``cmocs`` CMOCs over four themes with ``links`` links of every kind."""
    rng = random.Random(seed)
    review = rs.Review.new("Synthetic")
    framework = rs.get_plugin_manager(load_entry_points=False).framework("doing-things-differently")
    review.adopt_framework(framework)
    themes = [t.id for t in framework.themes]
    ids = [f"c{i}" for i in range(cmocs)]
    for i, cid in enumerate(ids):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 70)))
        review.add_cmoc(
            rs.CMOC(cid, statement=words, theme_id=themes[i % 4], label=f"CMOC {i + 1}")
        )
    review.add_theory_version(rs.TheoryVersion("v", "Synthetic theory", cmoc_ids=ids))
    kinds = ["leads-to", "nested-in", "rival-of", "moderates"]
    seen: set[tuple[str, str, str]] = set()
    while len(review.cmoc_links) < links:
        a, b = sorted(rng.sample(range(cmocs), 2))
        kind = rng.choice(kinds)
        # leads-to and nested-in go forward in index order, so they never close a cycle
        source, target = (a, b) if kind in ("leads-to", "nested-in") else rng.sample([a, b], 2)
        low, high = sorted((ids[source], ids[target]))
        key = (kind, low, high)
        if key in seen:
            continue
        seen.add(key)
        review.add_cmoc_link(
            rs.CMOCLink(
                f"l{len(review.cmoc_links)}",
                "v",
                ids[source],
                ids[target],
                kind,
                interpreted=rng.random() < 0.2,
            )
        )
    return review


# ---------------------------------------------------------------- the worked example


def test_the_refined_theory_has_its_six_cmocs(example: rs.Review) -> None:
    graph = theory_graph(example, "ipt")
    assert [n.id for n in graph.nodes if n.kind == "cmoc"] == list(
        example.theory_versions["ipt"].cmoc_ids
    )
    assert theory_graph(example) == graph  # the last version is the default
    themes = [g.id for g in graph.groups if g.id != "theories"]
    assert example.framework is not None
    assert themes == [t.id for t in example.framework.themes]


def test_the_lineage_has_every_cmoc_and_one_edge_per_refinement_step(example: rs.Review) -> None:
    graph = lineage_graph(example)
    initial = example.theory_versions["irpt"].cmoc_ids
    refined = example.theory_versions["ipt"].cmoc_ids
    assert len(initial) == 9
    assert len(refined) == 6
    assert {n.id for n in graph.nodes} == set(initial) | set(refined)
    steps = lineage_steps(example)
    assert sorted((e.source, e.target, e.kind) for e in graph.edges) == sorted(
        (s.source, s.target, s.kind.value) for s in steps if s.target is not None
    )
    # a step without a target (no evidence) is on its node, not lost
    fates = {n.id: n.fate for n in graph.nodes if n.fate}
    assert fates == {s.source: s.kind.value for s in steps if s.target is None}
    assert fates


def test_both_graphml_files_load_in_networkx(example: rs.Review, tmp_path: Path) -> None:
    runner = CliRunner()
    project = tmp_path / "review.json"
    rs.save(example, project)
    for extra, name in (([], "theory.graphml"), (["--lineage"], "lineage.graphml")):
        result = runner.invoke(
            main,
            [
                "theory",
                "graph",
                str(project),
                *extra,
                "--to",
                "graphml",
                "--out",
                str(tmp_path / name),
            ],
        )
        assert result.exit_code == 0, result.output
    theory = networkx.read_graphml(tmp_path / "theory.graphml")
    cmocs = [n for n, d in theory.nodes(data=True) if d["kind"] == "cmoc"]
    assert sorted(cmocs) == sorted(example.theory_versions["ipt"].cmoc_ids)
    lineage = networkx.read_graphml(tmp_path / "lineage.graphml")
    assert lineage.number_of_nodes() == 15
    assert {d["group"] for _, d in lineage.nodes(data=True)} == {"irpt", "ipt"}
    kinds = sorted(d["kind"] for _, _, d in lineage.edges(data=True))
    steps = [s for s in lineage_steps(example) if s.target is not None]
    assert kinds == sorted(s.kind.value for s in steps)
    assert lineage.graph["kind"] == "lineage"


# ---------------------------------------------------------------- every format read back


def _check_dot(text: str) -> None:
    pydot = pytest.importorskip("pydot")
    (parsed,) = pydot.graph_from_dot_data(text)
    assert parsed.get_name() == "programme_theory"
    if shutil.which("dot"):
        run = subprocess.run(
            ["dot", "-Tsvg"], input=text.encode(), capture_output=True, check=False, timeout=60
        )
        assert run.returncode == 0, run.stderr.decode()
        assert b"<svg" in run.stdout
        assert b"Warning" not in run.stderr
        assert b"Error" not in run.stderr


def test_dot_reads_back_with_pydot_and_graphviz(example: rs.Review) -> None:
    for graph in (theory_graph(example), lineage_graph(example), theory_graph(synthetic())):
        text = to_dot(graph)
        _check_dot(text)
        pydot = pytest.importorskip("pydot")
        (parsed,) = pydot.graph_from_dot_data(text)
        edges = parsed.get_edges()
        for sub in parsed.get_subgraphs():
            edges.extend(sub.get_edges())
        assert len(edges) == len(graph.edges)


_MERMAID_LINE = (
    r'^(---|title: ".*"|flowchart (TB|LR)|  subgraph g\d+\[".*"\]|    n\d+\[".*"\]|  end'
    r"|  n\d+ (-->|-\.->|---|-\.-)\|[^|]*\| [ng]\d+)$"
)


def _mermaid_parse_in_chromium(text: str) -> str | None:
    """Mermaid's own parser, run in headless Chromium: ``OK ...`` or ``ERROR ...``; ``None``
    when Chromium or mermaid.min.js is not installed."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or not MERMAID_JS.is_file():
        return None
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "check.html"
        page.write_text(
            f'<html><body><pre id="out">pending</pre><script src="{MERMAID_JS.as_uri()}">'
            "</script><script>mermaid.initialize({startOnLoad:false});"
            f"mermaid.parse({json.dumps(text)}).then("
            "r => {document.getElementById('out').textContent='OK';},"
            "e => {document.getElementById('out').textContent='ERROR '+e.message;});"
            "</script></body></html>",
            encoding="utf-8",
        )
        run = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                f"--user-data-dir={folder}/profile",
                "--allow-file-access-from-files",
                "--virtual-time-budget=10000",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            check=False,
            timeout=120,
        )
    start = run.stdout.decode().find('<pre id="out">')
    return run.stdout.decode()[start + 14 :].split("<", 1)[0]


def test_mermaid_is_valid_mermaid(example: rs.Review) -> None:
    import re

    texts = [to_mermaid(g) for g in (theory_graph(example), lineage_graph(example))]
    texts.append(to_mermaid(theory_graph(synthetic(12, 16))))
    for text in texts:
        # every line is one of the statements we mean to write ...
        for line in text.splitlines():
            assert re.match(_MERMAID_LINE, line), line
        # ... and Mermaid's own parser accepts the whole (when it is installed)
        verdict = _mermaid_parse_in_chromium(text)
        if verdict is not None:
            assert verdict == "OK", verdict
    if _mermaid_parse_in_chromium("flowchart TB\n  a -->|x|") is None:
        pytest.skip("Mermaid's parser not installed (npm install mermaid, see docs)")
    # the check can fail
    verdict = _mermaid_parse_in_chromium("flowchart TB\n  subgraph\n  a -->|x|")
    assert verdict is not None
    assert verdict.startswith("ERROR")


def test_graphml_escapes_and_round_trips_text() -> None:
    review = rs.Review.new("Escapes")
    review.add_cmoc(rs.CMOC("a", statement='Quotes " and <tags> & ampersands'))
    review.add_cmoc(rs.CMOC("b", statement="Ünïcode — “curly”"))
    review.add_theory_version(rs.TheoryVersion("v", 'A "quoted" version', cmoc_ids=["a", "b"]))
    review.add_cmoc_link(rs.CMOCLink("l", "v", "a", "b", "rival-of", rationale="x < y & z"))
    graph = theory_graph(review)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.graphml"
        path.write_text(to_graphml(graph), encoding="utf-8")
        loaded = networkx.read_graphml(path)
    assert loaded.nodes["a"]["text"] == 'Quotes " and <tags> & ampersands'
    assert loaded.nodes["b"]["text"] == "Ünïcode — “curly”"
    assert loaded.edges["a", "b"]["note"] == "x < y & z"
    assert loaded.edges["a", "b"]["directed"] is False
    _check_dot(to_dot(graph))
    for line in to_mermaid(graph).splitlines():
        assert '"' not in line.split('["', 1)[-1].rsplit('"]', 1)[0] if '["' in line else True


# ---------------------------------------------------------------- SVG geometry


def _boxes(svg: str) -> list[tuple[str, float, float, float, float, list[tuple[str, bool]]]]:
    root = ET.fromstring(svg)
    out = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        rect = group.find(f"{SVG}rect")
        assert rect is not None
        texts = [
            (t.text or "", t.get("font-weight") == "bold") for t in group.findall(f"{SVG}text")
        ]
        out.append(
            (
                group.get("data-id") or "",
                float(rect.get("x", 0)),
                float(rect.get("y", 0)),
                float(rect.get("width", 0)),
                float(rect.get("height", 0)),
                texts,
            )
        )
    return out


def _assert_legible(svg: str, expected_nodes: int) -> None:
    boxes = _boxes(svg)
    assert len(boxes) == expected_nodes
    for i, (a, ax, ay, aw, ah, texts) in enumerate(boxes):
        for b, bx, by, bw, bh, _ in boxes[i + 1 :]:
            apart = ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
            assert apart, f"boxes {a} and {b} overlap"
        for line, bold in texts:
            # text wraps rather than overflowing its box
            assert text_width(line, FONT_SIZE, bold=bold) <= aw - 2 * PAD + 0.01, (a, line)
        # the lines fit the height too
        assert len(texts) * FONT_SIZE * 1.3 <= ah + 1


def test_40_cmocs_and_60_links_draw_without_overlapping_boxes() -> None:
    review = synthetic()
    graph = theory_graph(review)
    assert len(graph.edges) == 60
    svg = render_graph_svg(graph)
    _assert_legible(svg, 40)
    root = ET.fromstring(svg)
    paths = [p for p in root.iter(f"{SVG}path") if p.get("class") == "edge"]
    assert len(paths) == 60
    # themes are visual groups: every box sits inside its theme's band
    bands = {
        g.get("data-id"): g.find(f"{SVG}rect")
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "group"
    }
    for cid, x, y, w, h, _ in _boxes(svg):
        band = bands[review.cmocs[cid].theme_id]
        assert band is not None
        bx, by = float(band.get("x", 0)), float(band.get("y", 0))
        assert bx <= x
        assert x + w <= bx + float(band.get("width", 0))
        assert by <= y
        assert y + h <= by + float(band.get("height", 0))
    assert render_graph_svg(graph) == svg  # deterministic


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 30),
    st.integers(0, 40),
    st.integers(0, 10**6),
)
def test_any_theory_graph_is_legible(cmocs: int, links: int, seed: int) -> None:
    review = synthetic(cmocs, min(links, cmocs * (cmocs - 1) // 2), seed)
    _assert_legible(render_graph_svg(theory_graph(review)), cmocs)


def test_the_example_svgs_are_legible(example: rs.Review) -> None:
    _assert_legible(render_graph_svg(theory_graph(example)), 6 + len(example.middle_range_theories))
    svg = render_graph_svg(lineage_graph(example))
    _assert_legible(svg, 15)
    labels = [
        t.text or ""
        for t in ET.fromstring(svg).iter(f"{SVG}text")
        if t.get("class") == "edge-label"
    ]
    assert sorted(labels) == sorted(
        s.kind.value.replace("-", " ") for s in lineage_steps(example) if s.target is not None
    )


# ---------------------------------------------------------------- the command


def test_theory_graph_command_refuses_an_unknown_version(
    example: rs.Review, tmp_path: Path
) -> None:
    project = tmp_path / "review.json"
    rs.save(example, project)
    out = tmp_path / "g.svg"
    result = CliRunner().invoke(
        main,
        ["theory", "graph", str(project), "--version", "nope", "--to", "svg", "--out", str(out)],
    )
    assert result.exit_code != 0
    assert "nope" in result.output
    assert not out.exists()
    result = CliRunner().invoke(
        main, ["theory", "graph", str(project), "--to", "svg", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert ET.parse(out).getroot().tag == f"{SVG}svg"
