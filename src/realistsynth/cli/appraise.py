"""``appraise``: realist appraisal from the shell, of documents and of data.

``sets`` lists the criteria sets (from plugins, and those the review adopted) with what each
criterion applies to; ``adopt`` adopts one; ``judge`` records one reviewer's judgement of a
record, an extract or an evidence link, with a rationale, ``withdraw`` takes one back;
``show`` lists the judgements and,
for data, what they make of each evidence link; ``export`` / ``import`` move judgements
through an Excel appraisal workbook (one sheet per reviewer, applied all or nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from realistsynth.cli.common import console, emit_json, handle_errors, output_path, review_path

__all__ = ["appraise"]

_TARGETS = ["record", "extract", "evidence"]
_F = TypeVar("_F", bound=Callable[..., Any])


def _target_option(help: str) -> Callable[[_F], _F]:
    """``--target KIND ID``: what a judgement is of (``judge`` and ``withdraw`` alike)."""
    return click.option(
        "--target",
        nargs=2,
        type=(click.Choice(_TARGETS), str),
        required=True,
        metavar="record|extract|evidence ID",
        help=help,
    )


@click.group()
def appraise() -> None:
    """Realist appraisal: criteria sets, judgements of documents and data, workbooks."""


def _set_data(cs: Any, adopted: bool) -> dict[str, Any]:
    return {
        "name": cs.name,
        "title": cs.title,
        "adopted": adopted,
        "citation": cs.citation,
        "criteria": [
            {
                "id": c.id,
                "name": c.name,
                "question": c.question,
                "scale": list(c.scale),
                "passing": list(c.passing),
                "applies_to": [t.value for t in c.applies_to],
                "rationale_required": c.rationale_required,
            }
            for c in cs.criteria
        ],
    }


@appraise.command("sets")
@click.argument("review", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def sets(review: Path, as_json: bool) -> None:
    """List the criteria sets: those REVIEW adopted and those plugins offer."""
    import realistsynth as rs

    loaded = rs.load(review)
    found = dict(rs.get_plugin_manager().criteria_sets)
    found.update(loaded.criteria_sets)  # the review's own copy is what it judges against
    data = [_set_data(cs, name in loaded.criteria_sets) for name, cs in found.items()]
    if as_json:
        emit_json({"criteria_sets": data})
        return
    from rich.markup import escape

    out = console()
    for cs in data:
        mark = "[green]adopted[/]" if cs["adopted"] else "[dim]not adopted[/]"
        out.print(f"[bold]{escape(cs['name'])}[/] ({mark}): {escape(cs['title'])}")
        for c in cs["criteria"]:
            out.print(
                f"  {escape(c['id'])}: {escape(c['question'])} "
                f"[dim]({', '.join(c['applies_to'])}; {' / '.join(c['scale'])})[/]"
            )


@appraise.command("adopt")
@click.argument("review", type=review_path())
@click.argument("name")
@handle_errors
def adopt(review: Path, name: str) -> None:
    """Adopt the criteria set NAME (from plugins). Adopting adds no gate: it excludes nothing."""
    import realistsynth as rs

    loaded = rs.load(review)
    loaded.adopt_criteria_set(rs.get_plugin_manager().criteria_set(name))
    rs.save(loaded, review)
    console().print(f"Adopted the criteria set [bold]{name}[/]")


@appraise.command("judge")
@click.argument("review", type=review_path())
@_target_option("What is judged: a record (document), a coded extract or an evidence link (datum).")
@click.option("--set", "criteria_set", default="realist-rrr", show_default=True)
@click.option("--criterion", required=True, help="The criterion's id (relevance, rigour ...).")
@click.option("--level", required=True, help="A level of the criterion's scale.")
@click.option("--by", "reviewer", required=True, help="The reviewer's initials.")
@click.option("--rationale", help="Why (realist criteria require one).")
@click.option("--json", "as_json", is_flag=True, help="Print the judgement as JSON.")
@handle_errors
def judge(
    review: Path,
    target: tuple[str, str],
    criteria_set: str,
    criterion: str,
    level: str,
    reviewer: str,
    rationale: str | None,
    as_json: bool,
) -> None:
    """Record a reviewer's judgement of a record, extract or evidence link in REVIEW."""
    import datetime as dt

    import realistsynth as rs
    from realistsynth.cli.values import model_value

    kind, target_id = target
    loaded = rs.load(review)
    judgement = model_value(
        lambda: rs.Judgement(
            target_id,
            criteria_set,
            criterion,
            level,
            reviewer,
            rationale,
            dt.datetime.now(dt.UTC).replace(microsecond=0),
            rs.JudgementTarget(kind),
        ),
        where=f"{kind} {target_id}",
    )
    loaded.add_judgement(judgement)
    rs.save(loaded, review)
    if as_json:
        emit_json(_judgement_data(judgement))
    else:
        console().print(f"{reviewer} judged {kind} {target_id} on {criterion}: [bold]{level}[/]")


@appraise.command("withdraw")
@click.argument("review", type=review_path())
@_target_option("What was judged.")
@click.option("--set", "criteria_set", default="realist-rrr", show_default=True)
@click.option("--criterion", required=True, help="The criterion's id.")
@click.option("--by", "reviewer", required=True, help="The reviewer whose judgement it is.")
@click.option("--json", "as_json", is_flag=True, help="Print the withdrawn judgement as JSON.")
@handle_errors
def withdraw(
    review: Path,
    target: tuple[str, str],
    criteria_set: str,
    criterion: str,
    reviewer: str,
    as_json: bool,
) -> None:
    """Withdraw a reviewer's judgement of a record, extract or evidence link in REVIEW.

    Refused (and nothing changes) when there is no such judgement, or when withdrawing it
    would leave the record's selection inconsistent (a gate decided on it)."""
    import realistsynth as rs

    kind, target_id = target
    loaded = rs.load(review)
    found = [
        j
        for j in loaded.judgements_of(target_id, rs.JudgementTarget(kind))
        if j.criteria_set == criteria_set and j.criterion == criterion and j.reviewer == reviewer
    ]
    if not found:
        raise rs.UnknownReferenceError(
            f"no judgement by {reviewer} of {kind} {target_id!r} on {criterion} ({criteria_set})",
            where=f"judgements/{target_id}/{criteria_set}/{criterion}/{reviewer}",
        )
    removed = loaded.withdraw_judgement(found[0])
    rs.save(loaded, review)
    if as_json:
        emit_json({"withdrawn": _judgement_data(removed)})
    else:
        console().print(
            f"Withdrew {reviewer}'s judgement of {kind} {target_id} on {criterion} "
            f"([bold]{removed.level}[/])"
        )


def _judgement_data(j: Any) -> dict[str, Any]:
    return {
        "target": j.target.value,
        "id": j.target_id,
        "criteria_set": j.criteria_set,
        "criterion": j.criterion,
        "level": j.level,
        "reviewer": j.reviewer,
        "rationale": j.rationale,
        "at": j.at.isoformat() if j.at else None,
    }


@appraise.command("show")
@click.argument("review", type=review_path())
@click.option("--target", "kind", type=click.Choice(_TARGETS), help="Only judgements of these.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def show(review: Path, kind: str | None, as_json: bool) -> None:
    """List the judgements in REVIEW and what the data-level ones make of each evidence link."""
    import realistsynth as rs
    from realistsynth.synthesis import appraise_evidence

    loaded = rs.load(review)
    judgements = [j for j in loaded.judgements if kind is None or j.target.value == kind]
    appraisal = appraise_evidence(loaded)
    trust = {
        link_id: a.trust.value for link_id, a in appraisal.items() if a.trust.value != "unappraised"
    }
    data: dict[str, Any] = {
        "judgements": [_judgement_data(j) for j in judgements],
        "evidence": trust,
    }
    if as_json:
        emit_json(data)
        return
    from rich.markup import escape

    out = console()
    if not judgements:
        out.print("No judgements.")
    for j in judgements:
        out.print(
            f"{j.target.value} {escape(j.target_id)} · {escape(j.criterion)}: "
            f"[bold]{escape(j.level)}[/] ({j.reviewer})"
            + (f" · {escape(j.rationale)}" if j.rationale else "")
        )
    doubtful = [k for k, v in trust.items() if v in ("untrusted", "disputed")]
    if doubtful:
        out.print(
            f"[yellow]{len(doubtful)} evidence link(s) rest on data judged not trustworthy or "
            f"disputed, shown and not counted as support:[/] {escape(', '.join(doubtful))}"
        )


@appraise.command("export")
@click.argument("review", type=review_path())
@click.option("--out", required=True, type=output_path(), help="The workbook (.xlsx).")
@click.option("--set", "criteria_set", default="realist-rrr", show_default=True)
@click.option("--criterion", "criteria", multiple=True, help="Only these criteria (repeat).")
@click.option("--reviewer", "reviewers", multiple=True, help="Only these reviewers (repeat).")
@handle_errors
def export(
    review: Path,
    out: Path,
    criteria_set: str,
    criteria: tuple[str, ...],
    reviewers: tuple[str, ...],
) -> None:
    """Write an appraisal workbook for REVIEW: one sheet per reviewer, drop-downs, protected."""
    import realistsynth as rs
    from realistsynth.selection.appraisal_workbook import export_appraisal_workbook

    if out.suffix.lower() != ".xlsx":
        raise rs.InvalidValueError("an appraisal workbook is an .xlsx file", where=str(out))
    result = export_appraisal_workbook(
        rs.load(review), criteria_set, out, reviewers=reviewers, criteria=criteria
    )
    for warning in result.warnings:
        console().print(f"[yellow]note:[/] {warning}")
    console().print(f"Wrote [bold]{out}[/]")


@appraise.command("import")
@click.argument("review", type=review_path())
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def import_(review: Path, workbook: Path, dry_run: bool, as_json: bool) -> None:
    """Record the judgements of an appraisal WORKBOOK in REVIEW, all or nothing."""
    import realistsynth as rs
    from realistsynth.selection.appraisal_workbook import import_appraisal_workbook

    loaded = rs.load(review)
    changed = import_appraisal_workbook(loaded, workbook)
    if not dry_run:
        rs.save(loaded, review)
    if as_json:
        emit_json({"recorded": changed, "dry_run": dry_run})
    else:
        verb = "would record" if dry_run else "recorded"
        console().print(f"{verb} {changed} judgement(s) from {workbook}")
