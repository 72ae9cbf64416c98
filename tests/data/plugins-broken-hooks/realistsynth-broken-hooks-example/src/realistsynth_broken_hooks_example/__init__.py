"""A broken variant of every place to plug in: each must be reported, never crash the host."""

from __future__ import annotations

from realistsynth import hookimpl
from realistsynth.extensions import DedupRule, LintRule, ReportContribution
from realistsynth.workbook.sheets import SheetSpec


def _raise(*args: object) -> object:
    raise RuntimeError("broken on purpose")


@hookimpl
def realistsynth_cli_commands() -> object:
    return "extras"  # a string, not a list of commands


@hookimpl
def realistsynth_workbook_sheets() -> list[SheetSpec]:
    return [SheetSpec("broken-sheet", "A sheet whose builder raises", _raise)]


@hookimpl
def realistsynth_lint_rules() -> list[LintRule]:
    return [LintRule("broken-rule", "A rule that raises", _raise)]


@hookimpl
def realistsynth_report_sections() -> list[ReportContribution]:
    return [ReportContribution("broken-section", "findings", _raise)]


@hookimpl
def realistsynth_dedup_rules() -> list[DedupRule]:
    return [DedupRule("broken-dedup", _raise, before="related")]


@hookimpl
def realistsynth_review_loaded() -> None:
    raise RuntimeError("loaded subscriber broken on purpose")


@hookimpl
def realistsynth_review_saved() -> None:
    raise RuntimeError("saved subscriber broken on purpose")


@hookimpl
def realistsynth_records_imported() -> None:
    raise RuntimeError("imported subscriber broken on purpose")


@hookimpl
def realistsynth_decision_recorded() -> None:
    raise RuntimeError("decision subscriber broken on purpose")
