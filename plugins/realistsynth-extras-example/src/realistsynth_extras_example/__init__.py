"""An example plugin that uses every place realistsynth offers to plug in (API version 1.1).

Each hook below is small on purpose: it shows the shape of the contribution and what the host
does with it. See the README for the list.

What a contribution needs (the workbook, the report, the de-duplication rules) is imported
inside the hook that returns it: the host builds a plugin manager for every command, and a
plugin that imported them all at import time would slow every command down.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

import realistsynth as rs
from realistsynth import hookimpl

if TYPE_CHECKING:
    from realistsynth.dedup.compare import Comparison, DedupSettings, Pair
    from realistsynth.extensions import DedupRule, LintRule, ReportContribution
    from realistsynth.report.document import Paragraph
    from realistsynth.synthesis.lint import LintFinding
    from realistsynth.workbook.sheets import SheetData, SheetSpec

__all__ = ["EVENT_LOG_ENV", "MINIMUM_API"]

#: the API version whose hooks this plugin uses
MINIMUM_API = (1, 1)
#: environment variable naming the file the event subscribers append to
EVENT_LOG_ENV = "REALISTSYNTH_EXTRAS_EVENT_LOG"
#: words above which a CMOC statement is flagged
LONG_STATEMENT = 120


def _evidence_counts(review: rs.Review) -> dict[str, int]:
    counts = dict.fromkeys(review.cmocs, 0)
    for link in review.evidence.values():
        counts[link.cmoc_id] = counts.get(link.cmoc_id, 0) + 1
    return counts


# -- a command group on the command line


@click.group(name="extras")
def extras() -> None:
    """Commands of the extras example plugin."""


@extras.command(name="evidence")
@click.argument("review", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def evidence(review: Path) -> None:
    """Print the number of evidence links per CMOC of REVIEW, as JSON."""
    click.echo(json.dumps(_evidence_counts(rs.load(review)), indent=2))


@hookimpl
def realistsynth_cli_commands(api_version: tuple[int, int]) -> list[click.Command]:
    """The ``extras`` command group (only where the host offers this hook's API)."""
    return [extras] if api_version >= MINIMUM_API else []


# -- a workbook sheet


def _counts_sheet(review: rs.Review) -> Iterator[SheetData]:
    from realistsynth.workbook.sheets import Column, SheetData

    rows = [(cmoc_id, n) for cmoc_id, n in _evidence_counts(review).items()]
    yield SheetData("Evidence counts", [Column("CMOC", 16), Column("Evidence links", 14)], rows)


@hookimpl
def realistsynth_workbook_sheets() -> list[SheetSpec]:
    """One more sheet in the built-in workbook."""
    from realistsynth.workbook.sheets import SheetSpec

    return [SheetSpec("evidence-counts", "Evidence links per CMOC", _counts_sheet)]


# -- a theory lint rule


def _long_statements(review: rs.Review) -> Iterator[LintFinding]:
    from realistsynth.synthesis import Severity
    from realistsynth.synthesis.lint import LintFinding

    for cmoc in review.cmocs.values():
        words = len((cmoc.statement or "").split())
        if words > LONG_STATEMENT:
            yield LintFinding(
                "long-statement",
                Severity.INFO,
                f"the statement has {words} words; consider splitting the CMOC",
                f"cmocs/{cmoc.id}",
                cmoc.id,
            )


@hookimpl
def realistsynth_lint_rules() -> list[LintRule]:
    """Flag CMOC statements too long to read as one configuration."""
    from realistsynth.extensions import LintRule

    return [
        LintRule(
            "long-statement",
            f"CMOC statements over {LONG_STATEMENT} words are hard to test as one configuration",
            _long_statements,
        )
    ]


# -- a report section


def _summary(review: rs.Review) -> Sequence[Paragraph]:
    from realistsynth.report.document import Paragraph

    counts = _evidence_counts(review)
    supported = sum(1 for n in counts.values() if n)
    return [
        Paragraph(
            f"Evidence summary (extras example plugin): {supported} of {len(counts)} CMOCs "
            "have at least one evidence link."
        )
    ]


@hookimpl
def realistsynth_report_sections() -> list[ReportContribution]:
    """A paragraph under the RAMESES findings item."""
    from realistsynth.extensions import ReportContribution

    return [ReportContribution("evidence-summary", "findings", _summary)]


# -- a de-duplication rule

#: a ClinicalTrials.gov registration number, as it appears in a (normalised) title
TRIAL = re.compile(r"\bnct ?(\d{8})\b", re.IGNORECASE)


def _same_trial(pair: Pair, settings: DedupSettings) -> Comparison | None:
    from realistsynth.dedup.compare import Comparison

    a, b = TRIAL.search(pair.a.title), TRIAL.search(pair.b.title)
    if a is None or b is None or a.group(1) != b.group(1) or pair.a.title == pair.b.title:
        return None
    # two reports of one trial (a protocol and its results, an interim and a final paper):
    # in a realist review they are sibling sources of one study, kept apart and linked
    return Comparison(
        rs.LinkVerdict.RELATED,
        "same-trial-registration",
        pair.score,
        dict(pair.fields),
        note=f"both report trial NCT{a.group(1)}",
    )


@hookimpl
def realistsynth_dedup_rules() -> list[DedupRule]:
    """Two differently titled reports of one registered trial are related, not duplicates."""
    from realistsynth.extensions import DedupRule

    return [DedupRule("same-trial-registration", _same_trial, before="related")]


# -- events


def _log(event: str, **details: object) -> None:
    target = os.environ.get(EVENT_LOG_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as log:
            log.write(json.dumps({"event": event, **details}) + "\n")


@hookimpl
def realistsynth_review_loaded(review: rs.Review, path: str) -> None:
    """Log the load."""
    _log("review_loaded", path=path, records=len(review.records))


@hookimpl
def realistsynth_review_saved(review: rs.Review, path: str) -> None:
    """Log the save."""
    _log("review_saved", path=path, records=len(review.records))


@hookimpl
def realistsynth_records_imported(records: Sequence[rs.Record], report: rs.ImportReport) -> None:
    """Log the import (naming only the arguments it needs, as any hook may)."""
    _log("records_imported", file=report.file, ids=[r.id for r in records])


@hookimpl
def realistsynth_decision_recorded(decision: rs.Decision) -> None:
    """Log the decision."""
    _log("decision_recorded", **decision.to_dict())
