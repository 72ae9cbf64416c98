"""Checks of a review's search record (RAMESES item 8): do the runs add up?

Each function looks at one thing and returns typed :class:`SearchFinding` objects rather than
raising, because a search record with gaps is still a record to report: hits reported by a
platform against the records imported from that run (records whose
:class:`~realistsynth.model.records.Provenance` names the run), runs dated outside the search
window, sources never searched, runs without the query as run. :func:`check_search` runs them
all, in that order, then lints the strategy's query and concept blocks
(:func:`strategy_query_findings`) with :func:`realistsynth.query.lint_query`.
"""

from __future__ import annotations

from collections import Counter

from attrs import frozen

from realistsynth.model.review import Review
from realistsynth.model.search import SourceKind
from realistsynth.query.lint import Severity

__all__ = [
    "SearchFinding",
    "Severity",
    "check_search",
    "files_not_imported",
    "hits_versus_records",
    "records_per_run",
    "runs_outside_window",
    "runs_without_query",
    "sources_never_run",
    "strategy_query_findings",
]

#: Source kinds that are expected to have at least one search run.
_SEARCHED_KINDS = {SourceKind.DATABASE, SourceKind.REGISTER, SourceKind.GREY_LITERATURE}


@frozen
class SearchFinding:
    """One observation about the search record, with the id path it concerns."""

    code: str
    severity: Severity
    message: str
    where: str

    def as_dict(self) -> dict[str, str]:
        """Plain data (for JSON)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "where": self.where,
        }


def records_per_run(review: Review) -> Counter[str]:
    """How many imported records name each search run in their provenance.

    A record merged from several runs counts once for each of them; a record listed twice
    in one run's export (two provenances with that run) counts twice, as the platform did.
    """
    counts: Counter[str] = Counter()
    for record in review.records.values():
        for prov in record.provenance:
            if prov.search_run_id is not None:
                counts[prov.search_run_id] += 1
    return counts


def hits_versus_records(review: Review) -> list[SearchFinding]:
    """Runs whose reported hits differ from the records imported from them."""
    counts = records_per_run(review)
    findings = []
    for run in review.search_runs.values():
        imported = counts.get(run.id, 0)
        where = f"search_runs/{run.id}"
        if run.hits is None:
            if imported:
                findings.append(
                    SearchFinding(
                        "hits-missing",
                        Severity.INFO,
                        f"{imported} record(s) imported but the hits the platform reported "
                        "were not recorded",
                        where,
                    )
                )
            continue
        if imported != run.hits:
            if imported == 0:
                message = f"{run.hits} hit(s) reported but no record imported from this run"
            else:
                diff = imported - run.hits
                message = (
                    f"{run.hits} hit(s) reported, {imported} record(s) imported "
                    f"({'+' if diff > 0 else ''}{diff})"
                )
            findings.append(SearchFinding("hits-mismatch", Severity.WARNING, message, where))
    return findings


def files_not_imported(review: Review) -> list[SearchFinding]:
    """Export files listed on a run from which no record with that run's provenance came."""
    imported: dict[str, set[str]] = {}
    for record in review.records.values():
        for prov in record.provenance:
            if prov.search_run_id is not None and prov.file is not None:
                imported.setdefault(prov.search_run_id, set()).add(prov.file)
    findings = []
    for run in review.search_runs.values():
        for name in run.files:
            if name not in imported.get(run.id, set()):
                findings.append(
                    SearchFinding(
                        "file-not-imported",
                        Severity.INFO,
                        f"export file {name!r} of this run has no imported record",
                        f"search_runs/{run.id}",
                    )
                )
    return findings


def runs_outside_window(review: Review) -> list[SearchFinding]:
    """Runs dated outside the strategy's search window, and runs without a date."""
    window = review.strategy.window if review.strategy else None
    findings = []
    for run in review.search_runs.values():
        where = f"search_runs/{run.id}"
        if run.date is None:
            findings.append(
                SearchFinding("run-undated", Severity.INFO, "the run has no date", where)
            )
        elif window is not None and not window.contains(run.date):
            span = f"{window.start or '…'} to {window.end or '…'}"
            findings.append(
                SearchFinding(
                    "run-outside-window",
                    Severity.WARNING,
                    f"run on {run.date} is outside the search window ({span})",
                    where,
                )
            )
    return findings


def sources_never_run(review: Review) -> list[SearchFinding]:
    """Sources with no search run (a warning for databases, registers and websites)."""
    searched = {run.source_id for run in review.search_runs.values()}
    findings = []
    for source in review.sources.values():
        if source.id in searched:
            continue
        severity = Severity.WARNING if source.kind in _SEARCHED_KINDS else Severity.INFO
        findings.append(
            SearchFinding(
                "source-never-run",
                severity,
                f"{source.name} ({source.kind.value}) has no search run",
                f"sources/{source.id}",
            )
        )
    return findings


def runs_without_query(review: Review) -> list[SearchFinding]:
    """Runs that do not record the query as it was run."""
    return [
        SearchFinding(
            "run-without-query",
            Severity.INFO,
            "the query as run on the platform is not recorded",
            f"search_runs/{run.id}",
        )
        for run in review.search_runs.values()
        if not run.query
    ]


def strategy_query_findings(review: Review) -> list[SearchFinding]:
    """Lint of the strategy's query and concept blocks, read as neutral syntax.

    A query that does not read as neutral syntax (it may be in one platform's syntax) is
    reported as ``query-syntax`` (info) with the column, not as an error.
    """
    from realistsynth.errors import QuerySyntaxError
    from realistsynth.query.lint import lint_query

    strategy = review.strategy
    if strategy is None:
        return []
    texts = [("strategy/query", strategy.query)] if strategy.query else []
    texts += [(f"strategy/concept_blocks/{b.name}", b.query) for b in strategy.concept_blocks]
    findings = []
    for where, text in texts:
        try:
            lint = lint_query(text)
        except QuerySyntaxError as exc:
            findings.append(
                SearchFinding(
                    "query-syntax",
                    Severity.INFO,
                    f"not neutral query syntax at column {exc.position + 1}: {exc.message}",
                    where,
                )
            )
            continue
        for f in lint:
            column = f" (column {f.position + 1})" if f.position is not None else ""
            findings.append(SearchFinding(f"query-{f.code}", f.severity, f.message + column, where))
    return findings


def check_search(review: Review) -> list[SearchFinding]:
    """Every search check, in a stable order."""
    return [
        *hits_versus_records(review),
        *files_not_imported(review),
        *runs_outside_window(review),
        *sources_never_run(review),
        *runs_without_query(review),
        *strategy_query_findings(review),
    ]
