"""The search strategy appendix and the per-run table, as plain rows and as Markdown.

RAMESES item 8 asks for the searching process to be reported so that it can be repeated:
dates, terms, limiters, publication range, every database, grey-literature source and
hand-searched journal, and for each run the query as run and what it found. The rows
(:func:`strategy_rows`, :func:`run_rows`) are plain ``dict``s of text and numbers, for any
exporter (the Excel exporter writes them through ``xlsx_safety``); :func:`strategy_markdown`
lays the same facts out as the appendix of a paper. Counts of imported records are computed
from record provenance (:func:`realistsynth.search.checks.records_per_run`), never stored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from realistsynth.model.review import Review
from realistsynth.model.search import LimiterKind, Source, SourceKind
from realistsynth.search.checks import records_per_run

__all__ = [
    "SECTION_TITLES",
    "format_day",
    "run_rows",
    "strategy_markdown",
    "strategy_rows",
]

#: The appendix section of each kind of source, in the order they are reported.
SECTION_TITLES: dict[SourceKind, str] = {
    SourceKind.DATABASE: "Databases",
    SourceKind.REGISTER: "Registers",
    SourceKind.GREY_LITERATURE: "Grey literature",
    SourceKind.HAND_SEARCH: "Hand-searching",
    SourceKind.CITATION_CHASING: "Citation chasing",
    SourceKind.REFERENCE_LIST: "Reference lists",
    SourceKind.WEBSITE: "Websites",
    SourceKind.ORGANISATION: "Organisations",
    SourceKind.EXPERT_SUGGESTION: "Content experts",
    SourceKind.THEORY_GLEANING: "Theory gleaning (policy and guidance)",
    SourceKind.KEY_INFORMANT: "Key informants",
    SourceKind.OTHER: "Other sources",
}


def format_day(day: dt.date) -> str:
    """A day as a reader writes it: ``15 September 2022``."""
    return f"{day.day} {day:%B %Y}"


def _window_text(review: Review) -> str | None:
    window = review.strategy.window if review.strategy else None
    if window is None or (window.start is None and window.end is None):
        return None
    if window.start and window.end:
        if window.start == window.end:
            return format_day(window.start)
        return f"{format_day(window.start)} to {format_day(window.end)}"
    if window.start:
        return f"from {format_day(window.start)}"
    assert window.end is not None
    return f"until {format_day(window.end)}"


def _range_text(review: Review) -> str | None:
    pub = review.strategy.publication_range if review.strategy else None
    if pub is None or (pub.start is None and pub.end is None):
        return None
    span = f"{pub.start or '…'}–{pub.end or '…'}"
    return f"{span} ({pub.note})" if pub.note else span


def _source_detail(source: Source) -> str:
    parts = [p for p in (source.platform, source.url, source.note) if p]
    return "; ".join(parts)


def strategy_rows(review: Review) -> list[dict[str, str]]:
    """The appendix as rows ``{"section", "item", "detail"}``, in reporting order."""
    rows: list[dict[str, str]] = []

    def add(section: str, item: str, detail: str = "") -> None:
        rows.append({"section": section, "item": item, "detail": detail})

    strategy = review.strategy
    window = _window_text(review)
    if window:
        add("Search dates", window)
    if strategy is not None:
        if strategy.query:
            add("Search terms", strategy.query)
        for block in strategy.concept_blocks:
            add("Concept blocks", block.name, block.query)
        for limiter in strategy.limiters:
            add("Limiters", limiter.value, limiter.kind.value)
    pub = _range_text(review)
    if pub:
        add("Date range", pub)
    for kind, title in SECTION_TITLES.items():
        for source in review.sources.values():
            if source.kind is kind:
                add(title, source.name, _source_detail(source))
    if strategy is not None and strategy.note:
        add("Note", strategy.note)
    return rows


def _purpose_text(review: Review, run_id: str) -> str:
    run = review.search_runs[run_id]
    if run.purpose is None:
        return ""
    links = [*run.purpose.cmoc_ids, *run.purpose.theme_ids, *run.purpose.theory_ids]
    return run.purpose.text + (f" (for {', '.join(links)})" if links else "")


def run_rows(review: Review) -> list[dict[str, Any]]:
    """One row per search run: source, platform, date, query as run, hits, records imported,
    and for iterative searching its round, purpose, seeds and direction."""
    counts = records_per_run(review)
    rows = []
    for run in review.search_runs.values():
        source = review.sources.get(run.source_id)
        rows.append(
            {
                "run": run.id,
                "source": source.name if source else run.source_id,
                "platform": run.platform or (source.platform if source else None) or "",
                "date": run.date.isoformat() if run.date else "",
                "query": run.query or "",
                "hits": run.hits,
                "records_imported": counts.get(run.id, 0),
                "files": "; ".join(run.files),
                "note": run.note or "",
                "round": run.round,
                "purpose": _purpose_text(review, run.id),
                "seeds": "; ".join(run.seeds),
                "direction": run.direction.value if run.direction else "",
            }
        )
    return rows


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    flat = " ".join(text.split())
    fence = "``" if "`" in flat else "`"
    return f"{fence} {flat} {fence}" if fence == "``" else f"`{flat}`"


def _iterative_markdown(rows: list[dict[str, Any]], h: str) -> list[str]:
    """The "Iterative searching" table: runs after the main round, or run for a purpose."""
    iterative = [r for r in rows if r["round"] > 1 or r["purpose"] or r["seeds"]]
    if not iterative:
        return []
    lines = [
        f"{h}# Iterative searching",
        "",
        "| Round | Source | Purpose | Seeds | Direction | Records found |",
        "|---:|---|---|---|---|---:|",
    ]
    for row in iterative:
        lines.append(
            f"| {row['round']} | {_md(row['source'])} | {_md(row['purpose'])} "
            f"| {_md(row['seeds'])} | {row['direction']} | {row['records_imported']} |"
        )
    return [*lines, ""]


def strategy_markdown(review: Review, *, heading_level: int = 2, runs: bool = True) -> str:
    """The search strategy appendix in Markdown (queries in code spans, so ``*`` stays ``*``)."""
    h = "#" * heading_level
    lines = [f"{h} Search strategy", ""]
    strategy = review.strategy
    window = _window_text(review)
    if window:
        lines += [f"**Search dates:** {window}", ""]
    if strategy is not None and strategy.query:
        lines += [f"**Search terms:** {_code(strategy.query)}", ""]
    if strategy is not None and strategy.concept_blocks:
        lines += ["**Concept blocks:**", ""]
        lines += [f"- {_md(b.name)}: {_code(b.query)}" for b in strategy.concept_blocks]
        lines.append("")
    if strategy is not None and strategy.limiters:
        limiters = "; ".join(
            _md(lim.value) + ("" if lim.kind is LimiterKind.OTHER else f" ({lim.kind.value})")
            for lim in strategy.limiters
        )
        lines += [f"**Limiters:** {limiters}", ""]
    pub = _range_text(review)
    if pub:
        lines += [f"**Date range:** {_md(pub)}", ""]
    for kind, title in SECTION_TITLES.items():
        sources = [s for s in review.sources.values() if s.kind is kind]
        if not sources:
            continue
        lines += [f"{h}# {title}", ""]
        for source in sources:
            detail = _source_detail(source)
            lines.append(f"- {_md(source.name)}" + (f" — {_md(detail)}" if detail else ""))
        lines.append("")
    if strategy is not None and strategy.note:
        lines += [_md(strategy.note), ""]
    rows = run_rows(review)
    if runs and rows:
        lines += [
            f"{h}# Search runs",
            "",
            "| Source | Platform | Date | Query as run | Hits | Records imported |",
            "|---|---|---|---|---:|---:|",
        ]
        for row in rows:
            query = _code(row["query"]).replace("|", "\\|") if row["query"] else ""
            hits = "" if row["hits"] is None else str(row["hits"])
            lines.append(
                f"| {_md(row['source'])} | {_md(row['platform'])} | {row['date']} | {query} "
                f"| {hits} | {row['records_imported']} |"
            )
        lines.append("")
        lines += _iterative_markdown(rows, h)
    return "\n".join(lines).rstrip() + "\n"
