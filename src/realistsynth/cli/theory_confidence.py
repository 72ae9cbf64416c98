"""``theory assess-export|assess-import``: confidence in each CMOC assessed in an Excel workbook.

``assess-export`` writes a confidence workbook for one theory version and one approach (one
row per CMOC and component and an overall row per CMOC; drop-downs, protected);
``assess-import`` records its assessments all or nothing through
:meth:`Review.assess_confidence` (the same refusals as ``theory assess``), saving the project
file only when every row was accepted. Both adopt the approach from the plugins when the
review has not adopted it yet, as ``theory assess`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, output_path, review_path

__all__ = ["assess_export", "assess_import"]


def _approach(review: Any, name: str) -> Any:
    """The review's copy of the approach, or the plugins' when the review has not adopted it."""
    import realistsynth as rs

    if name in review.confidence_approaches:
        return review.confidence_approaches[name]
    return rs.get_plugin_manager().confidence_approach(name)


@click.command("assess-export")
@click.argument("path", type=review_path())
@click.option("--version", "version_id", required=True, help="The theory version to assess.")
@click.option(
    "--approach",
    default="cerqual-cmoc",
    show_default=True,
    help="The confidence approach (from plugins if the review has not adopted it).",
)
@click.option("--out", required=True, type=output_path(), help="The workbook (.xlsx).")
@handle_errors
def assess_export(path: Path, version_id: str, approach: str, out: Path) -> None:
    """Write a confidence workbook for a theory version of PATH: a row per CMOC and component,
    an overall row per CMOC, drop-downs, protected."""
    import realistsynth as rs
    from realistsynth.synthesis.confidence_workbook import export_confidence_workbook

    if out.suffix.lower() != ".xlsx":
        raise rs.InvalidValueError("a confidence workbook is an .xlsx file", where=str(out))
    review = rs.load(path)
    result = export_confidence_workbook(
        review, version_id, out, approach=_approach(review, approach)
    )
    for warning in result.warnings:
        console().print(f"[yellow]note:[/] {warning}")
    console().print(f"Wrote [bold]{out}[/]")


@click.command("assess-import")
@click.argument("path", type=review_path())
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def assess_import(path: Path, workbook: Path, dry_run: bool, as_json: bool) -> None:
    """Record the confidence assessments of WORKBOOK in PATH, all or nothing."""
    import realistsynth as rs
    from realistsynth.synthesis.confidence_workbook import import_confidence_workbook

    review = rs.load(path)
    approach = _workbook_approach(review, workbook)
    changed = import_confidence_workbook(review, workbook, approach=approach)
    if not dry_run and changed:
        rs.save(review, path)
    if as_json:
        emit_json({"recorded": changed, "dry_run": dry_run})
    else:
        verb = "would record" if dry_run else "recorded"
        console().print(f"{verb} {changed} confidence assessment(s) from {workbook}")


def _workbook_approach(review: Any, workbook: Path) -> Any:
    """The plugins' copy of the workbook's approach when the review has not adopted it."""
    import realistsynth as rs
    from realistsynth.synthesis.confidence_workbook import workbook_approach

    name = workbook_approach(workbook)
    if name is None or name in review.confidence_approaches:
        return None
    try:
        return rs.get_plugin_manager().confidence_approach(name)
    except rs.RealistsynthError:
        return None  # the import names the approach the review has not adopted
