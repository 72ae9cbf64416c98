"""``theory show|diff|lint``: the programme theory of a review, its changes and its lint.

``show`` prints each version theme by theme (the framework's order) with each CMOC's parts,
evidence counts and lineage; ``diff`` compares two versions CMOC by CMOC and word by word;
``lint`` lists what :func:`realistsynth.synthesis.lint` finds and exits 1 on errors (and, with
``--strict``, on warnings). Every command takes ``--json`` for machines.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, review_path

__all__ = ["diff", "graph", "lint", "show", "theory"]

_PART_LABELS = (
    ("intervention", "I"),
    ("context", "C"),
    ("actor", "A"),
    ("mechanism_resource", "M-Res"),
    ("mechanism_reasoning", "M-Rea"),
    ("outcome", "O"),
)


@click.group()
def theory() -> None:
    """Programme theory: versions by theme, differences, lint, and diagrams."""


def _cmoc_data(cmoc: Any, links: tuple[Any, ...], lineage: Any) -> dict[str, Any]:
    return {
        "id": cmoc.id,
        "label": cmoc.label,
        "theme": cmoc.theme_id,
        "parts": {name: getattr(cmoc, name) for name, _ in _PART_LABELS if getattr(cmoc, name)},
        "statement": cmoc.statement,
        "narrative": cmoc.narrative,
        "cited": list(cmoc.cited_keys()),
        "evidence": {
            "total": len(links),
            "by_role": dict(Counter(link.role.value for link in links)),
            "by_target": dict(Counter(link.target.value for link in links)),
        },
        "lineage": {
            "from": [
                {"cmoc": s.source, "kind": s.kind.value, "version": s.from_version}
                for s in lineage.parents(cmoc.id)
            ],
            "became": [
                {"cmoc": s.target, "kind": s.kind.value, "version": s.to_version}
                for s in lineage.children(cmoc.id)
            ],
            "ancestors": list(lineage.ancestors(cmoc.id)),
            "descendants": list(lineage.descendants(cmoc.id)),
        },
    }


def _show_data(review: Any, version_id: str | None) -> dict[str, Any]:
    from realistsynth.synthesis import Lineage, evidence_by_cmoc, themes_of, version

    versions = (
        [version(review, version_id)]
        if version_id is not None
        else list(review.theory_versions.values())
    )
    framework = review.framework
    # built once for every CMOC shown: per-CMOC lookups rescan every link and refinement
    evidence = evidence_by_cmoc(review)
    lineage = Lineage.of(review)
    return {
        "framework": framework.name if framework else None,
        "heuristic": review.heuristic.name if review.heuristic else None,
        "versions": [
            {
                "id": v.id,
                "name": v.name,
                "kind": v.kind.value,
                "cmocs": len(v.cmoc_ids),
                "themes": [
                    {
                        "theme": g.theme_id,
                        "name": g.theme.name if g.theme else g.theme_id,
                        "statement": g.statement,
                        "cmocs": [_cmoc_data(c, evidence[c.id], lineage) for c in g.cmocs],
                    }
                    for g in themes_of(review, v.id)
                ],
            }
            for v in versions
        ],
    }


def _print_show(data: dict[str, Any]) -> None:
    from rich.markup import escape

    out = console()
    labels = dict(_PART_LABELS)
    for v in data["versions"]:
        out.print(f"[bold]{escape(v['name'])}[/] ({v['id']}, {v['kind']}): {v['cmocs']} CMOC(s)")
        for group in v["themes"]:
            out.print(f"  [bold cyan]{escape(group['name'] or 'No theme')}[/]")
            if group["statement"]:
                out.print(f"    {escape(group['statement'])}")
            for c in group["cmocs"]:
                ev = c["evidence"]
                roles = ", ".join(f"{n} {r}" for r, n in ev["by_role"].items())
                title = f"{c['id']}" + (f" ({escape(c['label'])})" if c["label"] else "")
                out.print(
                    f"    [bold]{title}[/]: {ev['total']} evidence link(s)"
                    + (f" ({roles})" if roles else "")
                )
                for name, text in c["parts"].items():
                    out.print(f"      {labels[name]}: {escape(text)}")
                if not c["parts"] and c["statement"]:
                    out.print(f"      {escape(c['statement'])}")
                lineage = c["lineage"]
                if lineage["from"]:
                    froms = ", ".join(f"{s['cmoc']} ({s['kind']})" for s in lineage["from"])
                    out.print(f"      from: {froms}")
                if lineage["became"]:
                    became = ", ".join(
                        f"{s['cmoc'] or '-'} ({s['kind']})" for s in lineage["became"]
                    )
                    out.print(f"      became: {became}")


@theory.command()
@click.argument("path", type=review_path())
@click.option("--version", "version_id", help="Show only this theory version.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def show(path: Path, version_id: str | None, as_json: bool) -> None:
    """Show the theory versions in PATH by theme, with CMOCs, evidence and lineage."""
    import realistsynth as rs

    data = _show_data(rs.load(path), version_id)
    if as_json:
        emit_json(data)
    elif not data["versions"]:
        console().print("No theory versions.")
    else:
        _print_show(data)


@theory.command()
@click.argument("path", type=review_path())
@click.argument("from_version", required=False)
@click.argument("to_version", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def diff(path: Path, from_version: str | None, to_version: str | None, as_json: bool) -> None:
    """Compare two theory versions of PATH (default: the last two) CMOC by CMOC."""
    import realistsynth as rs
    from realistsynth.synthesis import diff_versions

    review = rs.load(path)
    if from_version is None or to_version is None:
        ids = list(review.theory_versions)
        if from_version is not None:
            raise rs.InvalidValueError("give both versions, or neither", where=str(path))
        if len(ids) < 2:
            raise rs.InvalidValueError(
                f"needs two theory versions to compare, the review has {len(ids)}",
                where=str(path),
            )
        from_version, to_version = ids[-2], ids[-1]
    result = diff_versions(review, from_version, to_version)
    if as_json:
        emit_json(result.to_dict())
        return
    from rich.markup import escape

    console().print(escape(result.render()))


@theory.command()
@click.argument("path", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@handle_errors
def lint(path: Path, as_json: bool, strict: bool) -> None:
    """Check the theory in PATH: citations vs evidence, informants, themes, statements."""
    import realistsynth as rs
    from realistsynth.synthesis import Severity
    from realistsynth.synthesis import lint as run_lint

    findings = run_lint(rs.load(path))
    if as_json:
        emit_json({"file": str(path), "findings": [f.to_dict() for f in findings]})
    elif findings:
        from rich.markup import escape

        out = console()
        for f in findings:
            colour = {"error": "red", "warning": "yellow", "info": "blue"}[f.severity.value]
            out.print(
                f"[{colour}]{f.severity.value}[/] {escape(f.where)}: "
                f"{escape(f.message)} [dim]\\[{f.code}][/]"
            )
        counts = Counter(f.severity.value for f in findings)
        out.print(", ".join(f"{n} {s}(s)" for s, n in counts.items()))
    else:
        console().print(f"[green]no findings:[/] {path}")
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if any(f.severity in failing for f in findings):
        raise SystemExit(1)


@theory.command()
@click.argument("path", type=review_path())
@click.option("--version", "version_id", help="The theory version to draw (default: the last).")
@click.option(
    "--lineage", is_flag=True, help="Draw the refinement lineage across every version instead."
)
@click.option(
    "--to",
    "fmt",
    required=True,
    type=click.Choice(["dot", "mermaid", "graphml", "svg"]),
    help="dot (Graphviz), mermaid (Markdown), graphml (Gephi, networkx, yEd), svg (drawn here).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (replaced atomically).",
)
@handle_errors
def graph(path: Path, version_id: str | None, lineage: bool, fmt: str, out: Path) -> None:
    """Draw the programme theory of PATH: one version's CMOCs by theme with their links and
    theories, or with --lineage every version with the outcome of each refinement step."""
    import realistsynth as rs
    from realistsynth.atomic import atomic_write
    from realistsynth.synthesis.graph import lineage_graph, theory_graph
    from realistsynth.synthesis.graph_formats import render_graph

    review = rs.load(path)
    if lineage and version_id is not None:
        raise rs.InvalidValueError("--lineage draws every version; leave out --version")
    drawn = lineage_graph(review) if lineage else theory_graph(review, version_id)
    text = render_graph(drawn, fmt)
    with atomic_write(out) as stream:
        stream.write(text.encode("utf-8"))
    cmocs = sum(1 for n in drawn.nodes if n.kind == "cmoc")
    console().print(f"wrote [bold]{out}[/]: {cmocs} CMOC(s), {len(drawn.edges)} edge(s)")
