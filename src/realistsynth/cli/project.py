"""``new``, ``info`` and ``validate``: creating, describing and checking a project file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import (
    console,
    emit_json,
    error_console,
    handle_errors,
    review_path,
    safe,
)

__all__ = ["info", "new", "summary", "validate"]


@click.command()
@click.argument("path", type=review_path(exists=False))
@click.option("--title", required=True, help="The review's title.")
@click.option("--question", help="The review question.")
@click.option(
    "--type",
    "review_type",
    type=click.Choice(
        ["realist-review", "rapid-realist-review", "realist-evaluation", "meta-narrative-review"]
    ),
    default="realist-review",
    show_default=True,
    help="The kind of review.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@handle_errors
def new(path: Path, title: str, question: str | None, review_type: str, force: bool) -> None:
    """Create a new review project file at PATH."""
    import realistsynth as rs

    if path.exists() and not force:
        raise rs.ProjectFileError("already exists (use --force to overwrite)", where=str(path))
    review = rs.Review.new(title, question=question, review_type=rs.ReviewType(review_type))
    rs.save(review, path)
    console().print(f"Created [bold]{path}[/]")


def summary(review: Any) -> dict[str, Any]:
    """Counts of everything a review holds, as plain data."""
    from realistsynth.selection.flow import compute_flow

    meta = review.meta
    # the figures the flow diagram, the workbook and the report show, from the same function
    flow = compute_flow(review)
    first = flow.stages[0] if flow.stages else None
    return {
        "title": meta.title,
        "question": meta.question,
        "review_type": meta.review_type.value,
        "reviewers": list(review.reviewers),
        "sources": len(review.sources),
        "search_runs": len(review.search_runs),
        "records": len(review.records),
        "identified": flow.identified,
        "duplicates_removed": flow.duplicates,
        "screened": first.entered if first is not None else None,
        "included": flow.included,
        "stages": [
            {"id": s.id, "name": s.name, "kind": s.kind.value} for s in review.stages.values()
        ],
        "decisions": len(review.decisions),
        "resolutions": len(review.resolutions),
        "declared_counts": len(review.declared_counts),
        "criteria_sets": list(review.criteria_sets),
        "judgements": len(review.judgements),
        "extracts": len(review.extracts),
        "informants": len(review.informants),
        "quotations": len(review.quotations),
        "framework": review.framework.name if review.framework else None,
        "cmocs": len(review.cmocs),
        "theory_versions": [
            {"id": v.id, "name": v.name, "cmocs": len(v.cmoc_ids)}
            for v in review.theory_versions.values()
        ],
        "refinements": len(review.refinements),
        "evidence_links": len(review.evidence),
    }


@click.command()
@click.argument("path", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@handle_errors
def info(path: Path, as_json: bool) -> None:
    """Describe the review in PATH: question, team, and what it holds."""
    import realistsynth as rs

    data = summary(rs.load(path))
    if as_json:
        emit_json(data)
        return
    from rich.table import Table

    table = Table(title=safe(data["title"]), show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value")
    for key, value in data.items():
        if key == "title":
            continue
        if isinstance(value, list):
            value = ", ".join(v["id"] if isinstance(v, dict) else str(v) for v in value) or "-"
        table.add_row(key.replace("_", " "), "-" if value is None else safe(value))
    console().print(table)


@click.command()
@click.argument("path", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def validate(path: Path, as_json: bool) -> None:
    """Check the review in PATH and report every problem at once (exit 1 if any)."""
    import realistsynth as rs

    problems = rs.check_file(path)
    if as_json:
        emit_json({"file": str(path), "valid": not problems, "problems": problems})
    elif problems:
        from rich.markup import escape

        err = error_console()
        err.print(f"[bold red]{len(problems)} problem(s)[/] in {escape(str(path))}:")
        for problem in problems:
            err.print(f"  - {escape(problem)}")
    else:
        console().print(f"[green]valid:[/] {path}")
    if problems:
        raise SystemExit(1)
