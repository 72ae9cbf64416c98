"""``theory show|diff|lint|graph|new-version|refine|set-narrative``: the programme theory of a
review, its changes, its lint, its diagrams, and the commands that build it.

``show`` prints each version theme by theme (the framework's order) with each CMOC's parts,
evidence counts and lineage; ``diff`` compares two versions CMOC by CMOC and word by word;
``lint`` lists what :func:`realistsynth.synthesis.lint` finds and exits 1 on errors (and, with
``--strict``, on warnings). ``new-version``, ``refine`` and ``set-narrative`` change the
review only through :meth:`Review.add_theory_version`, :meth:`Review.refine`,
:meth:`Review.add_cmoc` and :meth:`Review.replace_theory_version`. ``link``, ``add-theory``
and ``consult`` (the theory as a graph) live in :mod:`realistsynth.cli.theory_build`, and
``assess-export`` and ``assess-import`` (the confidence workbook) in
:mod:`realistsynth.cli.theory_confidence`, each imported only when used. Every command that
prints takes ``--json`` for machines.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import click

from realistsynth.cli import LazyGroup
from realistsynth.cli.common import console, emit_json, handle_errors, output_path, review_path

__all__ = [
    "diff",
    "framework",
    "graph",
    "lint",
    "new_version",
    "refine",
    "set_narrative",
    "show",
    "theory",
]

_PART_LABELS = (
    ("intervention", "I"),
    ("context", "C"),
    ("actor", "A"),
    ("mechanism_resource", "M-Res"),
    ("mechanism_reasoning", "M-Rea"),
    ("outcome", "O"),
)


#: subcommands that live in their own modules, imported when used
_LAZY = {
    "link": "realistsynth.cli.theory_build:link",
    "add-theory": "realistsynth.cli.theory_build:add_theory",
    "consult": "realistsynth.cli.theory_build:consult",
    "assess-export": "realistsynth.cli.theory_confidence:assess_export",
    "assess-import": "realistsynth.cli.theory_confidence:assess_import",
}


@click.group(cls=LazyGroup, lazy=_LAZY)
def theory() -> None:
    """Programme theory: versions by theme, differences, lint, and diagrams."""


def _cmoc_data(
    cmoc: Any, links: tuple[Any, ...], lineage: Any, appraisal: Any = None
) -> dict[str, Any]:
    appraisal = appraisal or {}
    trust = {
        link.id: appraisal[link.id].trust.value if link.id in appraisal else "unappraised"
        for link in links
    }
    doubtful = [link for link in links if trust[link.id] in ("untrusted", "disputed")]
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
            # data judged not trustworthy (or disputed) are shown, never counted as support
            "by_trust": dict(Counter(trust.values())),
            "counted_support": sum(
                1 for link in links if link.role.value == "supports" and link not in doubtful
            ),
            "not_counted": [
                {"link": link.id, "role": link.role.value, "trust": trust[link.id]}
                for link in doubtful
            ],
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
    from realistsynth.synthesis import (
        Lineage,
        appraise_evidence,
        evidence_by_cmoc,
        themes_of,
        version,
    )

    versions = (
        [version(review, version_id)]
        if version_id is not None
        else list(review.theory_versions.values())
    )
    framework = review.framework
    # built once for every CMOC shown: per-CMOC lookups rescan every link and refinement
    evidence = evidence_by_cmoc(review)
    lineage = Lineage.of(review)
    appraisal = appraise_evidence(review)
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
                        "cmocs": [
                            {
                                **_cmoc_data(c, evidence[c.id], lineage, appraisal),
                                "confidence": (
                                    a.level if (a := review.confidence_of(v.id, c.id)) else None
                                ),
                            }
                            for c in g.cmocs
                        ],
                    }
                    for g in themes_of(review, v.id)
                ],
                "links": [
                    {
                        "id": link.id,
                        "from": link.source,
                        "kind": link.kind,
                        "to": link.target,
                        "interpreted": link.interpreted,
                        "feedback_loop": link.feedback_loop,
                        "rationale": link.rationale,
                        "evidence": len(link.evidence),
                    }
                    for link in review.links_of(v.id)
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
                doubtful = ev["not_counted"]
                caveat = (
                    f"; {len(doubtful)} resting on data judged not trustworthy or disputed, "
                    "not counted"
                    if doubtful
                    else ""
                )
                confidence = f"; confidence {c['confidence']}" if c.get("confidence") else ""
                out.print(
                    f"    [bold]{title}[/]: {ev['total']} evidence link(s)"
                    + (f" ({roles}{caveat})" if roles else "")
                    + escape(confidence)
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
                    # an outcome without target reads as its kind alone: "not tested", "refuted"
                    became = ", ".join(
                        f"{s['cmoc']} ({s['kind'].replace('-', ' ')})"
                        if s["cmoc"]
                        else s["kind"].replace("-", " ")
                        for s in lineage["became"]
                    )
                    out.print(f"      became: {became}")
        if v["links"]:
            out.print("  [bold cyan]Links[/]")
            for link in v["links"]:
                flags = [
                    flag
                    for flag, on in (
                        ("interpreted", link["interpreted"]),
                        ("feedback loop", link["feedback_loop"]),
                    )
                    if on
                ]
                line = f"    {link['from']} [bold]{link['kind']}[/] {link['to']}"
                if flags:
                    line += f" ({', '.join(flags)})"
                if link["rationale"]:
                    line += f": {escape(link['rationale'])}"
                out.print(line)


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
@click.option("--version", "version_id", help="The theory version (default: the latest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def confidence(path: Path, version_id: str | None, as_json: bool) -> None:
    """List each CMOC of a version of PATH with its confidence assessment and the evidence
    behind each component (data judged not trustworthy marked)."""
    import realistsynth as rs
    from realistsynth.synthesis import confidence_of_version

    items = confidence_of_version(rs.load(path), version_id)
    if as_json:
        emit_json({"file": str(path), "cmocs": [i.to_dict() for i in items]})
        return
    from rich.markup import escape

    out = console()
    if not items:
        out.print("No theory version with CMOCs.")
        return
    out.print(f"[bold]Confidence in the CMOCs of {escape(items[0].version_id)}[/]")
    for item in items:
        title = item.cmoc.id + (f" ({escape(item.cmoc.label)})" if item.cmoc.label else "")
        a = item.assessment
        supports = len(item.counted_support)
        if a is None:
            out.print(f"  [bold]{title}[/]: not assessed ({supports} supporting link(s) counted)")
            continue
        reading = " [dim](our reading)[/]" if a.interpreted else ""
        out.print(f"  [bold]{title}[/]: [cyan]{escape(a.level)}[/] ({escape(a.approach)}){reading}")
        if a.rationale:
            out.print(f"    {escape(a.rationale)}")
        for c in a.components:
            mark = " [dim](our reading)[/]" if c.interpreted else ""
            out.print(f"    {escape(c.component)}: {escape(c.judgement)}{mark}")
            out.print(f"      {escape(c.rationale)}")
            if c.evidence:
                cited = ", ".join(
                    e + ("" if item.trust_of(e).counts else f" ({item.trust_of(e).label})")
                    for e in c.evidence
                )
                out.print(f"      evidence: {escape(cited)}")
        if a.disconfirming:
            out.print(
                f"    disconfirming evidence considered: {escape(', '.join(a.disconfirming))}"
            )


@theory.command()
@click.argument("path", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@handle_errors
def lint(path: Path, as_json: bool, strict: bool) -> None:
    """Check the theory in PATH: citations vs evidence, informants, themes, statements."""
    import realistsynth as rs
    from realistsynth.plugins import get_plugin_manager
    from realistsynth.synthesis import Severity
    from realistsynth.synthesis import lint as run_lint

    findings = run_lint(rs.load(path), get_plugin_manager().lint_rules.values())
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
    type=output_path(),
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


_KINDS = ["initial", "refined", "iteration"]
# the stable words of OutcomeKind (the model also reads the spellings of earlier releases)
_OUTCOMES = ["supported", "revised", "merged", "split", "refuted", "not-tested"]
_OLD_OUTCOMES = [
    "supported-unchanged",
    "supported-refined",
    "merged-into",
    "split-into",
    "no-evidence",
]


def _version_data(v: Any) -> dict[str, Any]:
    return {
        "id": v.id,
        "name": v.name,
        "kind": v.kind.value,
        "cmocs": list(v.cmoc_ids),
        "theme_statements": {s.theme_id: s.text for s in v.theme_statements},
        "note": v.note,
    }


@theory.command("framework")
@click.argument("path", type=review_path())
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the framework as JSON.")
@handle_errors
def framework(path: Path, name: str, as_json: bool) -> None:
    """Adopt the organising framework NAME (from plugins) whose themes group the CMOCs."""
    import realistsynth as rs

    review = rs.load(path)
    chosen = rs.get_plugin_manager().framework(name)
    review.adopt_framework(chosen)
    rs.save(review, path)
    data = {"name": chosen.name, "themes": [{"id": t.id, "name": t.name} for t in chosen.themes]}
    if as_json:
        emit_json(data)
    else:
        console().print(f"Adopted the framework [bold]{chosen.name}[/]")


@theory.command("new-version")
@click.argument("path", type=review_path())
@click.argument("version_id")
@click.option("--name", required=True, help="The version's name (Initial rough programme theory).")
@click.option("--kind", type=click.Choice(_KINDS), default="initial", show_default=True)
@click.option("--cmoc", "cmocs", multiple=True, help="A CMOC of this version (repeatable).")
@click.option("--note", help="A note.")
@click.option("--json", "as_json", is_flag=True, help="Print the version as JSON.")
@handle_errors
def new_version(
    path: Path,
    version_id: str,
    name: str,
    kind: str,
    cmocs: tuple[str, ...],
    note: str | None,
    as_json: bool,
) -> None:
    """Append the theory version VERSION_ID holding already-added CMOCs."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    review = rs.load(path)
    v = model_value(
        lambda: rs.TheoryVersion(version_id, name, rs.VersionKind(kind), cmocs, note=note),
        where=version_id,
    )
    review.add_theory_version(v)
    rs.save(review, path)
    if as_json:
        emit_json(_version_data(v))
    else:
        console().print(f"Added theory version [bold]{v.id}[/] with {len(v.cmoc_ids)} CMOC(s)")


def _outcome(cmoc_id: str, kind: str, targets: list[str], rationale: str) -> Any:
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    return model_value(
        lambda: rs.RefinementOutcome(cmoc_id, rs.OutcomeKind(kind), rationale, targets),
        where=f"--outcome {cmoc_id}",
    )


@theory.command("assess")
@click.argument("path", type=review_path())
@click.argument("cmoc_id")
@click.option("--version", "version_id", required=True, help="The theory version of the CMOC.")
@click.option(
    "--approach",
    default="cerqual-cmoc",
    show_default=True,
    help="The confidence approach (adopted from plugins if the review has not yet).",
)
@click.option(
    "--component",
    "components",
    nargs=3,
    multiple=True,
    required=True,
    metavar="ID JUDGEMENT RATIONALE",
    help="One component's judgement and why; repeat for every component of the approach.",
)
@click.option(
    "--evidence",
    "evidence",
    nargs=2,
    multiple=True,
    metavar="COMPONENT LINK",
    help="An evidence link a component's judgement rests on (repeat).",
)
@click.option("--level", required=True, help="The overall level (high, moderate ...).")
@click.option("--rationale", help="Why the overall level.")
@click.option("--disconfirming", multiple=True, help="A disconfirming evidence link considered.")
@click.option("--by", "assessor", help="The assessor's initials.")
@click.option("--interpreted", is_flag=True, help="The rationales are the assessor's reading.")
@click.option("--json", "as_json", is_flag=True, help="Print the assessment as JSON.")
@handle_errors
def assess(
    path: Path,
    cmoc_id: str,
    version_id: str,
    approach: str,
    components: tuple[tuple[str, str, str], ...],
    evidence: tuple[tuple[str, str], ...],
    level: str,
    rationale: str | None,
    disconfirming: tuple[str, ...],
    assessor: str | None,
    interpreted: bool,
    as_json: bool,
) -> None:
    """Record (or replace) the confidence assessment of CMOC_ID in a theory version."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value
    from realistsynth.synthesis import confidence_of_version

    review = rs.load(path)
    if approach not in review.confidence_approaches:
        review.adopt_confidence_approach(rs.get_plugin_manager().confidence_approach(approach))
    named = {c for c, _, _ in components}
    for component, _ in evidence:
        if component not in named:
            raise rs.InvalidValueError(
                f"--evidence names component {component!r}, which no --component judges",
                where=cmoc_id,
            )
    assessment = model_value(
        lambda: rs.ConfidenceAssessment(
            version_id,
            cmoc_id,
            approach,
            [
                rs.ComponentJudgement(
                    component,
                    judgement,
                    why,
                    [link for c, link in evidence if c == component],
                    interpreted,
                )
                for component, judgement, why in components
            ],
            level,
            rationale=rationale,
            disconfirming=disconfirming,
            assessor=assessor,
            interpreted=interpreted,
        ),
        where=cmoc_id,
    )
    review.assess_confidence(assessment)
    rs.save(review, path)
    if as_json:
        (item,) = [i for i in confidence_of_version(review, version_id) if i.cmoc.id == cmoc_id]
        emit_json(item.to_dict())
    else:
        console().print(f"Confidence in {cmoc_id} ({version_id}): [bold]{level}[/]")


@theory.command("refine")
@click.argument("path", type=review_path())
@click.argument("from_version")
@click.argument("to_version")
@click.option(
    "--outcome",
    "outcomes",
    multiple=True,
    nargs=4,
    metavar="CMOC KIND TARGETS RATIONALE",
    help="The fate of one prior CMOC: KIND is one of "
    + ", ".join(_OUTCOMES)
    + "; TARGETS are CMOC ids of the next version, comma-separated, or - for none.",
)
@click.option("--note", help="A note on the refinement.")
@click.option("--json", "as_json", is_flag=True, help="Print the refinement as JSON.")
@handle_errors
def refine(
    path: Path,
    from_version: str,
    to_version: str,
    outcomes: tuple[tuple[str, str, str, str], ...],
    note: str | None,
    as_json: bool,
) -> None:
    """Record how FROM_VERSION became TO_VERSION: one --outcome per prior CMOC."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    review = rs.load(path)
    built = []
    for cmoc_id, kind, targets, rationale in outcomes:
        if kind not in _OUTCOMES + _OLD_OUTCOMES:
            raise rs.InvalidValueError(
                f"{kind!r} is not an outcome kind ({', '.join(_OUTCOMES)})", where=cmoc_id
            )
        ids = [] if targets.strip() in ("", "-") else [t.strip() for t in targets.split(",")]
        built.append(_outcome(cmoc_id, kind, ids, rationale))
    ref = model_value(
        lambda: rs.Refinement(from_version, to_version, built, note=note),
        where=f"{from_version}->{to_version}",
    )
    review.refine(ref)
    rs.save(review, path)
    data = {
        "from": ref.from_version,
        "to": ref.to_version,
        "note": ref.note,
        "outcomes": [
            {
                "cmoc": o.cmoc_id,
                "kind": o.kind.value,
                "targets": list(o.targets),
                "rationale": o.rationale,
            }
            for o in ref.outcomes
        ],
    }
    if as_json:
        emit_json(data)
    else:
        console().print(f"Recorded the refinement {from_version} -> {to_version}")


@theory.command("set-narrative")
@click.argument("path", type=review_path())
@click.argument("target")
@click.argument("text", required=False)
@click.option(
    "--file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Read the text."
)
@click.option("--version", "version_id", help="TARGET is a theme: set its statement here.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def set_narrative(
    path: Path,
    target: str,
    text: str | None,
    file: Path | None,
    version_id: str | None,
    as_json: bool,
) -> None:
    """Set the narrative of the CMOC TARGET (with [@record] citations); with --version, set
    the statement of theme TARGET in that version instead."""
    import attrs

    import realistsynth as rs
    from realistsynth.cli.values import model_value, text_argument

    review = rs.load(path)
    body = text_argument(text, file, what="the narrative")
    if body is None or not body.strip():
        raise rs.InvalidValueError("give the text (TEXT or --file)", where=target)
    data: dict[str, Any]
    if version_id is None:
        old = review.cmocs.get(target)
        if old is None:
            raise rs.UnknownReferenceError(f"no CMOC {target!r}", where=f"cmocs/{target}")
        review.add_cmoc(attrs.evolve(old, narrative=body), replace=True)
        data = {"cmoc": target, "narrative": body, "cited": list(review.cmocs[target].cited_keys())}
    else:
        v = review.theory_versions.get(version_id)
        if v is None:
            raise rs.UnknownReferenceError(
                f"no theory version {version_id!r}", where=f"theory_versions/{version_id}"
            )
        statements = [s for s in v.theme_statements if s.theme_id != target]
        statement = model_value(lambda: rs.ThemeStatement(target, body), where=target)
        review.replace_theory_version(attrs.evolve(v, theme_statements=[*statements, statement]))
        data = {"version": version_id, "theme": target, "statement": body}
    rs.save(review, path)
    if as_json:
        emit_json(data)
    else:
        console().print(f"Set the {'statement' if version_id else 'narrative'} of {target}")
