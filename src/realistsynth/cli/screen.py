"""``screen``: screening stages, blinded queues, workbooks, conflicts, resolutions, agreement,
and decisions from Rayyan or Covidence.

Every command that changes the review saves it atomically, and only after the whole change was
accepted (decisions are applied all together or not at all).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import (
    console,
    emit_json,
    error_console,
    handle_errors,
    output_path,
    review_path,
)
from realistsynth.model.screening import ResolutionMethod

__all__ = ["screen"]


def _fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


@click.group()
def screen() -> None:
    """Screen records: stages, queues, workbooks, conflicts, agreement."""


@screen.command("init")
@click.argument("review", type=review_path())
@click.option(
    "--required-decisions",
    "required",
    type=click.IntRange(min=1),
    default=None,
    help="Independent decisions that settle a record (2 for dual screening)  [default: 2]",
)
@click.option(
    "--reviewers",
    "old_required",
    type=click.IntRange(min=1),
    default=None,
    hidden=True,
    help="Deprecated name of --required-decisions.",
)
@click.option(
    "--other-methods-at-full-text/--one-line",
    "other_entry",
    default=True,
    show_default=True,
    help="Records found only by other methods (citation searching, websites, experts) enter "
    "at full text, as PRISMA 2020 draws them; --one-line screens every record by title/abstract.",
)
@handle_errors
def init(review: Path, required: int | None, old_required: int | None, other_entry: bool) -> None:
    """Add the default stages (title/abstract, full text) with their exclusion reasons."""
    import realistsynth as rs
    from realistsynth.selection import default_stages

    if old_required is not None:
        error_console().print(
            "[yellow]warning:[/] --reviewers is deprecated: it means decisions per record; "
            "use --required-decisions"
        )
        if required is not None and required != old_required:
            raise click.UsageError("--reviewers and --required-decisions disagree")
        required = old_required
    if required is None:
        required = 2
    r = rs.load(review)
    stages = default_stages(required, other_methods_entry=other_entry)
    for stage in stages:
        r.add_stage(stage)
    rs.save(r, review)
    console().print("Added stages: " + ", ".join(s.id for s in stages))


@screen.command("queue")
@click.argument("review", type=review_path())
@click.option("--stage", "stage_id", required=True, help="Stage id.")
@click.option("--reviewer", required=True, help="Reviewer initials.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def queue(review: Path, stage_id: str, reviewer: str, as_json: bool) -> None:
    """The records waiting for REVIEWER at a stage (nothing of the others' decisions)."""
    import realistsynth as rs
    from realistsynth.selection import blinded_queue

    r = rs.load(review)
    ids = blinded_queue(r, stage_id, reviewer)
    if as_json:
        emit_json([{"id": i, "title": r.records[i].title, "year": r.records[i].year} for i in ids])
        return
    from rich.markup import escape

    out = console()
    for i in ids:
        out.print(f"[bold]{escape(i)}[/]  {escape(r.records[i].title or '')}")
    out.print(f"{len(ids)} record(s) waiting for {reviewer} at {stage_id}")


@screen.command("export")
@click.argument("review", type=review_path())
@click.option("--stage", "stage_id", required=True, help="Stage id.")
@click.option("--reviewer", "reviewers", multiple=True, help="Reviewer initials (repeatable).")
@click.option("--out", "out", required=True, type=output_path())
@click.option("--all", "include_decided", is_flag=True, help="Also list decided records.")
@handle_errors
def export(
    review: Path, stage_id: str, reviewers: tuple[str, ...], out: Path, include_decided: bool
) -> None:
    """Write a screening workbook: one sheet per reviewer."""
    import realistsynth as rs
    from realistsynth.selection.workbook import export_workbook

    report = export_workbook(
        rs.load(review), stage_id, out, reviewers=reviewers, include_decided=include_decided
    )
    c = console()
    for warning in report.warnings:
        c.print(f"[yellow]warning:[/] {warning}")
    c.print(f"Wrote [bold]{out}[/]")


def _report(result: Any, what: str) -> None:
    console().print(
        f"{what}: {result.added} added, {result.changed} changed, {result.unchanged} unchanged"
    )


@screen.command("import")
@click.argument("review", type=review_path())
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reviewer", help="Refuse the workbook unless it is this reviewer's.")
@handle_errors
def import_(review: Path, workbook: Path, reviewer: str | None) -> None:
    """Read decisions back from a screening workbook (all rows valid, or nothing applied)."""
    import realistsynth as rs
    from realistsynth.selection.workbook import import_workbook

    r = rs.load(review)
    result = import_workbook(r, workbook, reviewer=reviewer)
    if result.added or result.changed:
        rs.save(r, review)
    _report(result, str(workbook))


@screen.command("conflicts")
@click.argument("review", type=review_path())
@click.option("--stage", "stage_id", required=True, help="Stage id.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def conflicts_(review: Path, stage_id: str, as_json: bool) -> None:
    """Records whose reviewers disagree at a stage and that nobody resolved."""
    import realistsynth as rs
    from realistsynth.selection import conflicts

    found = conflicts(rs.load(review), stage_id)
    rows: list[dict[str, Any]] = [
        {
            "record": c.record_id,
            "decisions": {
                d.reviewer: {"verdict": d.verdict.value, "reason": d.reason, "note": d.note}
                for d in c.decisions
            },
        }
        for c in found
    ]
    if as_json:
        emit_json(rows)
        return
    from rich.markup import escape

    out = console()
    for row in rows:
        votes = ", ".join(f"{k}: {v['verdict']}" for k, v in row["decisions"].items())
        out.print(f"[bold]{escape(row['record'])}[/]  {escape(votes)}")
    out.print(f"{len(rows)} conflict(s) at {stage_id}")


@screen.command("resolve")
@click.argument("review", type=review_path())
@click.option("--stage", "stage_id", required=True, help="Stage id.")
@click.option("--record", "record_id", required=True, help="Record id.")
@click.option("--verdict", type=click.Choice(["include", "exclude"]), required=True)
@click.option(
    "--method",
    type=click.Choice([m.value for m in ResolutionMethod]),
    default="consensus",
    show_default=True,
)
@click.option("--by", "by", multiple=True, required=True, help="Who resolved it (repeatable).")
@click.option(
    "--reason",
    help="Exclusion reason: its code or its label as the screening workbook shows it "
    "(e.g. 'Wrong publication type').",
)
@click.option("--why", "rationale", help="Why it was settled this way.")
@handle_errors
def resolve(
    review: Path,
    stage_id: str,
    record_id: str,
    verdict: str,
    method: str,
    by: tuple[str, ...],
    reason: str | None,
    rationale: str | None,
) -> None:
    """Settle a record at a stage (recording who and why)."""
    import datetime as dt

    import realistsynth as rs

    r = rs.load(review)
    stage = r.stages.get(stage_id)
    if reason is not None and stage is not None and stage.reasons:
        found = stage.reason_named(reason)
        if found is None:
            listed = "; ".join(f"{x.code} ({x.label})" for x in stage.reasons)
            raise click.BadParameter(
                f"{reason!r} is neither a code nor a label of stage {stage_id!r}'s reasons: "
                f"{listed}",
                param_hint="--reason",
            )
        reason = found.code
    r.resolve(
        rs.Resolution(
            stage_id,
            record_id,
            rs.Verdict(verdict),
            rs.ResolutionMethod(method),
            by=by,
            reason=reason,
            rationale=rationale,
            at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        )
    )
    rs.save(r, review)
    console().print(f"Resolved {record_id} at {stage_id}: {verdict}")


def _agreement_rows(r: Any, stage_ids: list[str]) -> list[dict[str, Any]]:
    from attrs import asdict

    from realistsynth.selection import stage_agreement

    rows = []
    for sid in stage_ids:
        for pair in stage_agreement(r, sid):
            a = pair.agreement
            rows.append(
                {
                    "stage": sid,
                    "reviewers": list(pair.reviewers),
                    "n": a.n,
                    "categories": list(a.categories),
                    "table": [list(row) for row in a.table],
                    "percent_agreement": asdict(a.percent),
                    "cohen_kappa": asdict(a.kappa),
                    "gwet_ac1": asdict(a.ac1),
                    "confidence": a.confidence,
                }
            )
    return rows


@screen.command("agreement")
@click.argument("review", type=review_path())
@click.option("--stage", "stage_id", help="Only this stage.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def agreement_(review: Path, stage_id: str | None, as_json: bool) -> None:
    """Agreement per stage and reviewer pair: percent, Cohen's kappa, Gwet's AC1 (95% CI)."""
    import realistsynth as rs

    r = rs.load(review)
    from realistsynth.model import StageKind

    stage_ids = (
        [stage_id] if stage_id else [s.id for s in r.stages.values() if s.kind is StageKind.RECORDS]
    )
    rows = _agreement_rows(r, stage_ids)
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="Agreement (95% confidence intervals)", title_justify="left")
    for head in ("stage", "pair", "n", "agreement", "Cohen's kappa", "Gwet's AC1"):
        table.add_column(head)
    for row in rows:
        k, g = row["cohen_kappa"], row["gwet_ac1"]
        table.add_row(
            row["stage"],
            " / ".join(row["reviewers"]),
            str(row["n"]),
            f"{row['percent_agreement']['value']:.1%}",
            f"{_fmt(k['value'])} ({_fmt(k['low'])} to {_fmt(k['high'])})",
            f"{_fmt(g['value'])} ({_fmt(g['low'])} to {_fmt(g['high'])})",
        )
    console().print(table)


@screen.command("import-rayyan")
@click.argument("review", type=review_path())
@click.argument("export_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--stage", "stage_id", required=True, help="Stage the decisions belong to.")
@click.option("--reviewer-map", "mapping", multiple=True, help="Rayyan name=initials (repeatable).")
@handle_errors
def import_rayyan(review: Path, export_file: Path, stage_id: str, mapping: tuple[str, ...]) -> None:
    """Decisions from a Rayyan CSV export (per-reviewer labels in its notes field)."""
    import realistsynth as rs
    from realistsynth.selection.external import read_rayyan

    r = rs.load(review)
    bad = [m for m in mapping if "=" not in m]
    if bad:
        raise click.BadParameter(f"{bad[0]!r} is not NAME=INITIALS", param_hint="--reviewer-map")
    names = dict(m.split("=", 1) for m in mapping)
    batch = read_rayyan(
        r, export_file.read_bytes(), stage_id, names=names, file_name=export_file.name
    )
    _apply_external(r, review, batch, export_file)


@screen.command("import-covidence")
@click.argument("review", type=review_path())
@click.argument("export_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--stage", "stage_id", required=True, help="Stage the list belongs to.")
@click.option(
    "--verdict",
    type=click.Choice(["include", "exclude"]),
    required=True,
    help="The list exported: included or excluded studies.",
)
@click.option("--by", "by", multiple=True, required=True, help="Who settled them (repeatable).")
@handle_errors
def import_covidence(
    review: Path, export_file: Path, stage_id: str, verdict: str, by: tuple[str, ...]
) -> None:
    """Settled decisions from a Covidence CSV export of one list (included or excluded)."""
    import realistsynth as rs
    from realistsynth.selection.external import read_covidence

    r = rs.load(review)
    batch = read_covidence(
        r,
        export_file.read_bytes(),
        stage_id,
        rs.Verdict(verdict),
        by=by,
        file_name=export_file.name,
    )
    _apply_external(r, review, batch, export_file)


def _apply_external(r: Any, review: Path, batch: Any, export_file: Path) -> None:
    import realistsynth as rs
    from realistsynth.selection import apply_decisions

    out = console()
    for row in batch.unmatched:
        out.print(f"[yellow]unmatched:[/] {row}")
    manager = rs.get_plugin_manager()
    result = apply_decisions(r, batch.items, where=str(export_file), plugin_manager=manager)
    if result.added or result.changed:
        rs.save(r, review, plugin_manager=manager)
    _report(result, str(export_file))
