"""``theory assess``: record the confidence assessment of one CMOC from the shell.

The review records it through :meth:`Review.assess_confidence` (same checks as the API: the
version holds the CMOC, every component of the approach is judged once on its scale, the level
is one of the approach's, evidence links exist and are this CMOC's, the assessor is known). An
approach the review has not adopted yet is adopted from the plugins first, and the output says
so. ``--component NAME=JUDGEMENT:RATIONALE`` is split at the first ``=`` and the first ``:``,
so rationales may hold colons; judgements (``minor concerns``) may hold spaces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, review_path

__all__ = ["assess"]


def _split_component(raw: str) -> tuple[str, str, str]:
    import realistsynth as rs

    name, eq, rest = raw.partition("=")
    judgement, colon, rationale = rest.partition(":")
    if not (eq and colon and name.strip() and judgement.strip() and rationale.strip()):
        raise rs.InvalidValueError(
            f"{raw!r} is not NAME=JUDGEMENT:RATIONALE (for example "
            "'coherence=minor concerns:Two papers differ on ...')",
            where="--component",
        )
    return name.strip(), judgement.strip(), rationale.strip()


def _split_evidence(raw: str) -> tuple[str, list[str]]:
    import realistsynth as rs

    name, eq, ids = raw.partition("=")
    links = [i.strip() for i in ids.split(",") if i.strip()]
    if not (eq and name.strip() and links):
        raise rs.InvalidValueError(
            f"{raw!r} is not NAME=EVIDENCE_ID[,EVIDENCE_ID...]", where="--component-evidence"
        )
    return name.strip(), links


def _assessment_data(a: Any, adopted: bool) -> dict[str, Any]:
    return {
        "version": a.version_id,
        "cmoc": a.cmoc_id,
        "approach": a.approach,
        "approach_adopted_now": adopted,
        "level": a.level,
        "rationale": a.rationale,
        "assessor": a.assessor,
        "interpreted": a.interpreted,
        "disconfirming": list(a.disconfirming),
        "components": [
            {
                "component": c.component,
                "judgement": c.judgement,
                "rationale": c.rationale,
                "evidence": list(c.evidence),
                "interpreted": c.interpreted,
            }
            for c in a.components
        ],
    }


@click.command("assess")
@click.argument("path", type=review_path())
@click.argument("cmoc_id", metavar="CMOC")
@click.option("--version", "version_id", required=True, help="The theory version of the CMOC.")
@click.option("--approach", required=True, help="The confidence approach (cerqual-cmoc ...).")
@click.option(
    "--component",
    "components",
    multiple=True,
    required=True,
    metavar="NAME=JUDGEMENT:RATIONALE",
    help="A component's judgement and why (repeat: one per component of the approach).",
)
@click.option(
    "--evidence",
    "evidence",
    multiple=True,
    metavar="EVIDENCE_ID",
    help="An evidence link every component rests on (repeatable).",
)
@click.option(
    "--all-evidence",
    is_flag=True,
    help="Every component rests on every evidence link of the CMOC.",
)
@click.option(
    "--component-evidence",
    "component_evidence",
    multiple=True,
    metavar="NAME=ID[,ID...]",
    help="The evidence links one component rests on (instead of --evidence for it).",
)
@click.option("--level", required=True, help="The overall level (high, moderate, low ...).")
@click.option("--rationale", help="Why the overall level.")
@click.option("--by", "assessor", required=True, help="The assessor's initials.")
@click.option(
    "--disconfirming",
    multiple=True,
    metavar="EVIDENCE_ID",
    help="An evidence link that refutes or complicates the CMOC and was considered (repeat).",
)
@click.option(
    "--interpreted",
    is_flag=True,
    help="The rationales are the assessor's reading (of a paper, say), not the authors' words.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the assessment as JSON.")
@handle_errors
def assess(
    path: Path,
    cmoc_id: str,
    version_id: str,
    approach: str,
    components: tuple[str, ...],
    evidence: tuple[str, ...],
    all_evidence: bool,
    component_evidence: tuple[str, ...],
    level: str,
    rationale: str | None,
    assessor: str,
    disconfirming: tuple[str, ...],
    interpreted: bool,
    as_json: bool,
) -> None:
    """Record (or replace) the confidence assessment of CMOC in a theory version of PATH."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    review = rs.load(path)
    adopted = approach not in review.confidence_approaches
    if adopted:
        review.adopt_confidence_approach(rs.get_plugin_manager().confidence_approach(approach))
    shared = list(evidence)
    if all_evidence:
        shared += [e.id for e in review.evidence.values() if e.cmoc_id == cmoc_id]
    per_component = dict(_split_evidence(raw) for raw in component_evidence)
    judged = [_split_component(raw) for raw in components]
    unknown = set(per_component) - {name for name, _, _ in judged}
    if unknown:
        raise rs.InvalidValueError(
            f"evidence given for component(s) not judged: {', '.join(sorted(unknown))}",
            where="--component-evidence",
        )
    assessment = model_value(
        lambda: rs.ConfidenceAssessment(
            version_id,
            cmoc_id,
            approach,
            [
                rs.ComponentJudgement(
                    name,
                    judgement,
                    why,
                    list(dict.fromkeys(per_component.get(name, shared))),
                    interpreted=interpreted,
                )
                for name, judgement, why in judged
            ],
            level,
            rationale=rationale,
            disconfirming=list(disconfirming),
            assessor=assessor,
            interpreted=interpreted,
        ),
        where=f"{version_id}/{cmoc_id}",
    )
    review.assess_confidence(assessment)
    rs.save(review, path)
    if as_json:
        emit_json(_assessment_data(assessment, adopted))
        return
    from rich.markup import escape

    out = console()
    if adopted:
        out.print(f"Adopted the confidence approach [bold]{escape(approach)}[/]")
    out.print(
        f"Assessed {escape(cmoc_id)} in {escape(version_id)}: [bold]{escape(level)}[/] "
        f"({len(assessment.components)} component(s), by {escape(assessor)})"
    )
