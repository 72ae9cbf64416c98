"""``theory link|add-theory|consult``: the programme theory as a graph, built from the shell.

``link`` joins two CMOCs of one theory version with a typed link (``leads-to``, ``nested-in``,
``rival-of``, ``moderates`` or a kind the review adopted), with its rationale and evidence;
``add-theory`` records a substantive or middle-range theory and the CMOCs and themes it
informed; ``consult`` records a consultation of people outside the team (anonymised groups,
never names unless ``--names-disclosed``). Each changes the review only through
:meth:`Review.add_cmoc_link`, :meth:`Review.add_middle_range_theory` and
:meth:`Review.add_consultation` (same checks as the API: a link stays inside its version, no
forbidden cycle unless marked as a feedback loop, no more informants than declared
participants), saves only when the whole command was accepted, and takes ``--json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, review_path

__all__ = ["add_theory", "consult", "link"]

_EVIDENCE = ["record", "extract", "quotation"]
_ROLES = ["supports", "refutes", "refines", "contextualises"]
_THEORY_ROLES = ["framed-initial-theory", "used-to-interpret", "tested-against"]
_CONSULTATIONS = [
    "reference-group",
    "content-expert",
    "key-informant",
    "workshop",
    "patient-and-public-involvement",
]


@click.command("link")
@click.argument("path", type=review_path())
@click.argument("source")
@click.argument("target")
@click.option("--kind", required=True, help="leads-to, nested-in, rival-of, moderates, or adopted.")
@click.option("--version", "version_id", required=True, help="The theory version of both CMOCs.")
@click.option("--id", "link_id", help="The link's id (default: SOURCE-KIND-TARGET).")
@click.option("--rationale", help="Why the link was drawn.")
@click.option(
    "--evidence",
    "evidence",
    multiple=True,
    type=(click.Choice(_EVIDENCE), str),
    metavar="record|extract|quotation ID",
    help="Evidence for the link (repeatable).",
)
@click.option(
    "--evidence-role",
    type=click.Choice(_ROLES),
    default="supports",
    show_default=True,
    help="The role of every --evidence given.",
)
@click.option("--feedback-loop", is_flag=True, help="The link deliberately closes a cycle.")
@click.option("--interpreted", is_flag=True, help="The link is our reading, not the source's.")
@click.option("--json", "as_json", is_flag=True, help="Print the link as JSON.")
@handle_errors
def link(
    path: Path,
    source: str,
    target: str,
    kind: str,
    version_id: str,
    link_id: str | None,
    rationale: str | None,
    evidence: tuple[tuple[str, str], ...],
    evidence_role: str,
    feedback_loop: bool,
    interpreted: bool,
    as_json: bool,
) -> None:
    """Link CMOC SOURCE to CMOC TARGET in a theory version of PATH."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    review = rs.load(path)
    new_id = link_id or f"{source}-{kind}-{target}"
    made = model_value(
        lambda: rs.CMOCLink(
            new_id,
            version_id,
            source,
            target,
            kind,
            rationale=rationale,
            evidence=[
                rs.LinkEvidence(rs.EvidenceTarget(k), i, rs.EvidenceRole(evidence_role))
                for k, i in evidence
            ],
            feedback_loop=feedback_loop,
            interpreted=interpreted,
        ),
        where=new_id,
    )
    review.add_cmoc_link(made)
    rs.save(review, path)
    data = {
        "id": made.id,
        "version": made.version_id,
        "source": made.source,
        "target": made.target,
        "kind": made.kind,
        "rationale": made.rationale,
        "evidence": [
            {"target": e.target.value, "id": e.target_id, "role": e.role.value}
            for e in made.evidence
        ],
        "feedback_loop": made.feedback_loop,
        "interpreted": made.interpreted,
    }
    if as_json:
        emit_json(data)
    else:
        console().print(f"Linked {source} {kind} {target} in {version_id} ({made.id})")


def _use(raw: tuple[str, str, str]) -> Any:
    import realistsynth as rs

    what, target, role = raw
    return rs.TheoryUse(
        rs.TheoryRole(role),
        cmoc_id=target if what == "cmoc" else None,
        theme_id=target if what == "theme" else None,
    )


@click.command("add-theory")
@click.argument("path", type=review_path())
@click.argument("theory_id")
@click.option("--name", required=True, help="The theory's name (systems leadership ...).")
@click.option("--description", help="A short description.")
@click.option("--record", "record_id", help="The record that is its citation.")
@click.option("--citation", help="The citation as text, when no record holds it.")
@click.option(
    "--use",
    "uses",
    multiple=True,
    type=(click.Choice(["cmoc", "theme"]), str, click.Choice(_THEORY_ROLES)),
    metavar="cmoc|theme ID ROLE",
    help="A CMOC or theme it informed, and how (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the theory as JSON.")
@handle_errors
def add_theory(
    path: Path,
    theory_id: str,
    name: str,
    description: str | None,
    record_id: str | None,
    citation: str | None,
    uses: tuple[tuple[str, str, str], ...],
    as_json: bool,
) -> None:
    """Add a substantive or middle-range theory THEORY_ID that the programme theory draws on."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    review = rs.load(path)
    theory = model_value(
        lambda: rs.MiddleRangeTheory(
            theory_id,
            name,
            description=description,
            record_id=record_id,
            citation=citation,
            uses=[_use(u) for u in uses],
        ),
        where=theory_id,
    )
    review.add_middle_range_theory(theory)
    rs.save(review, path)
    data = {
        "id": theory.id,
        "name": theory.name,
        "description": theory.description,
        "record": theory.record_id,
        "citation": theory.citation,
        "uses": [{"target": u.target, "role": u.role.value} for u in theory.uses],
    }
    if as_json:
        emit_json(data)
    else:
        console().print(f"Added the theory {theory.id} ({len(theory.uses)} use(s))")


def _group(raw: str) -> Any:
    import realistsynth as rs

    role, eq, count = raw.rpartition("=")
    if not eq:
        return rs.ParticipantGroup(raw.strip())
    if not count.strip().isdigit():
        raise ValueError(f"--participants {raw!r}: the count after '=' is not a number")
    return rs.ParticipantGroup(role.strip(), int(count))


@click.command("consult")
@click.argument("path", type=review_path())
@click.argument("consultation_id")
@click.option("--kind", type=click.Choice(_CONSULTATIONS), required=True, help="Who was consulted.")
@click.option("--title", required=True, help="What the consultation was.")
@click.option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--participants",
    multiple=True,
    metavar="ROLE[=COUNT]",
    help="An anonymised group (repeatable); no count: not reported.",
)
@click.option("--names-disclosed", is_flag=True, help="The participants agreed to be named.")
@click.option("--name", "names", multiple=True, help="A participant's name (--names-disclosed).")
@click.option("--informant", "informants", multiple=True, help="An informant who took part.")
@click.option("--version-shown", help="The theory version put to them.")
@click.option("--feedback", help="What was fed back.")
@click.option("--contributed-to", help="The theory version their input helped build.")
@click.option("--note", help="A note.")
@click.option("--json", "as_json", is_flag=True, help="Print the consultation as JSON.")
@handle_errors
def consult(
    path: Path,
    consultation_id: str,
    kind: str,
    title: str,
    date: str | None,
    participants: tuple[str, ...],
    names_disclosed: bool,
    names: tuple[str, ...],
    informants: tuple[str, ...],
    version_shown: str | None,
    feedback: str | None,
    contributed_to: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """Record the consultation CONSULTATION_ID in PATH (names only with --names-disclosed)."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    review = rs.load(path)
    when = model_value(lambda: rs.PartialDate.parse(date), where="--date") if date else None
    made = model_value(
        lambda: rs.Consultation(
            consultation_id,
            rs.ConsultationKind(kind),
            title,
            date=when,
            participants=[_group(p) for p in participants],
            names_disclosed=names_disclosed,
            participant_names=names,
            informant_ids=informants,
            version_shown=version_shown,
            feedback=feedback,
            contributed_to=contributed_to,
            note=note,
        ),
        where=consultation_id,
    )
    review.add_consultation(made)
    rs.save(review, path)
    data = {
        "id": made.id,
        "kind": made.kind.value,
        "title": made.title,
        "date": str(made.date) if made.date else None,
        "participants": [{"role": g.role, "count": g.count} for g in made.participants],
        "names": list(made.participant_names),
        "informants": list(made.informant_ids),
        "version_shown": made.version_shown,
        "feedback": made.feedback,
        "contributed_to": made.contributed_to,
    }
    if as_json:
        emit_json(data)
    else:
        console().print(f"Recorded the consultation {made.id} ({made.kind.value})")
