"""Screening decisions made in other tools: Rayyan and Covidence CSV exports.

Teams screen in Rayyan or Covidence and lose the link to their later realist work; reading
the exports keeps the decisions with the records they belong to. Rows are matched to the
review's records by DOI, then by normalised title and year; rows that match nothing are
reported, never guessed. Everything else wrong with a row (an unknown reviewer name or
exclusion reason, a label that is not a decision) is collected, and the batch is refused
whole (:class:`~realistsynth.errors.DecisionImportError`).

- **Rayyan** writes each reviewer's label into the ``notes`` column:
  ``RAYYAN-INCLUSION: {"Alice"=>"Included", "Bob"=>"Excluded"} | RAYYAN-EXCLUSION-REASONS:
  wrong population``. These become one decision per reviewer. Rayyan gives the exclusion
  reasons per record, not per reviewer, so the first reason goes to every reviewer who
  excluded it (the full list is kept in the decision's note when there are several).
- **Covidence** exports the studies of one list (included, excluded ...) with columns such as
  ``Title``, ``Authors``, ``Published Year``, ``DOI`` and ``Covidence #``; it exports settled
  outcomes, not votes, so each row becomes a :class:`~realistsynth.model.Resolution` by the
  people named, which leaves the agreement figures to the votes actually recorded.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence

from attrs import frozen

from realistsynth.errors import DecisionImportError, RealistsynthError
from realistsynth.formats.normalise import normalise_doi
from realistsynth.importing import decode
from realistsynth.model.review import Review
from realistsynth.model.screening import (
    Decision,
    Resolution,
    ResolutionMethod,
    ScreeningStage,
    Verdict,
)
from realistsynth.selection.screening import Sourced, require_stage

__all__ = ["ExternalBatch", "RecordMatcher", "read_covidence", "read_rayyan"]


@frozen
class ExternalBatch:
    """Decisions read from another tool's export, and the rows that matched no record."""

    items: tuple[Sourced, ...]
    unmatched: tuple[str, ...]


def _title_key(title: str | None) -> str:
    return re.sub(r"[^0-9a-z]+", "", (title or "").casefold())


class RecordMatcher:
    """Finds a review's record by DOI, or by normalised title and year."""

    def __init__(self, review: Review) -> None:
        self._by_doi: dict[str, str] = {}
        self._by_title: dict[tuple[str, int | None], list[str]] = {}
        for rid, record in review.records.items():
            doi = normalise_doi(record.doi)
            if doi:
                self._by_doi.setdefault(doi, rid)
            key = _title_key(record.title)
            if key:
                self._by_title.setdefault((key, record.year), []).append(rid)

    def match(self, doi: str | None, title: str | None, year: int | None) -> str | None:
        """The id of the one record that fits, or ``None`` (no record, or several)."""
        d = normalise_doi(doi) if doi else None
        if d and d in self._by_doi:
            return self._by_doi[d]
        found = self._by_title.get((_title_key(title), year), [])
        return found[0] if len(found) == 1 else None


def _rows(data: bytes, file_name: str) -> list[dict[str, str]]:
    text = decode(data, file_name=file_name).text
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        # extra cells beyond the header land under the key None: they belong to no column
        rows = [
            {k.strip(): v if isinstance(v, str) else "" for k, v in row.items() if k is not None}
            for row in reader
        ]
    except csv.Error as exc:
        raise DecisionImportError([f"not a readable CSV file: {exc}"], where=file_name) from None
    if not reader.fieldnames:
        raise DecisionImportError(["the file has no header row"], where=file_name)
    return rows


def _year(text: str) -> int | None:
    m = re.search(r"\b(\d{4})\b", text or "")
    return int(m.group(1)) if m else None


def _reason_code(stage: ScreeningStage, text: str) -> str | None:
    wanted = text.strip().casefold()
    slug = re.sub(r"[^0-9a-z]+", "-", wanted).strip("-")
    for r in stage.reasons:
        if wanted in (r.code.casefold(), r.label.casefold()) or slug == r.code.casefold():
            return r.code
    return None


_INCLUSION = re.compile(r"RAYYAN-INCLUSION:\s*\{(?P<body>[^}]*)\}")
_PAIR = re.compile(r'"(?P<name>(?:[^"\\]|\\.)*)"\s*=>\s*"(?P<label>(?:[^"\\]|\\.)*)"')
_REASONS = re.compile(r"RAYYAN-EXCLUSION-REASONS:\s*(?P<body>[^|]*)")
_LABELS = {"included": Verdict.INCLUDE, "excluded": Verdict.EXCLUDE, "maybe": Verdict.MAYBE}


def _reviewer_for(review: Review, name: str, names: Mapping[str, str]) -> str | None:
    if name in names:
        return names[name]
    if name in review.reviewers:
        return name
    for initials, reviewer in review.reviewers.items():
        if reviewer.name and reviewer.name.casefold() == name.casefold():
            return initials
    return None


def read_rayyan(
    review: Review,
    data: bytes,
    stage_id: str,
    *,
    names: Mapping[str, str] | None = None,
    file_name: str = "<rayyan>",
) -> ExternalBatch:
    """Per-reviewer decisions from a Rayyan CSV export.

    :param names: Rayyan user name -> reviewer initials, for names that are neither the
        initials nor a reviewer's ``name``.
    :raises DecisionImportError: listing every row with an unknown reviewer, label or reason.
    """
    try:
        return _read_rayyan(review, data, stage_id, dict(names or {}), file_name)
    except RealistsynthError:
        raise
    except Exception as exc:  # arbitrary bytes must surface as our own error
        raise DecisionImportError(
            [f"unreadable export ({type(exc).__name__})"], where=file_name
        ) from None


def _read_rayyan(
    review: Review, data: bytes, stage_id: str, names: dict[str, str], file_name: str
) -> ExternalBatch:
    stage = require_stage(review, stage_id)
    matcher = RecordMatcher(review)
    items: list[Sourced] = []
    unmatched: list[str] = []
    problems: list[str] = []
    rows = _rows(data, file_name)
    # a file that is not a Rayyan export would otherwise "import" nothing and succeed
    if rows and ("notes" not in rows[0] or "title" not in rows[0]):
        raise DecisionImportError(
            [
                "not a Rayyan export: a Rayyan CSV has 'title' and 'notes' columns (the "
                "decisions are in 'notes', as RAYYAN-INCLUSION: {...})"
            ],
            where=file_name,
        )
    if not any(_INCLUSION.search(row.get("notes", "")) for row in rows):
        raise DecisionImportError(
            [
                "no row holds Rayyan decisions (RAYYAN-INCLUSION: {...} in 'notes'): export "
                "from Rayyan after screening, with the decisions"
            ],
            where=file_name,
        )
    for n, row in enumerate(rows, start=2):
        where = f"{file_name}, row {n}"
        notes = row.get("notes", "")
        inclusion = _INCLUSION.search(notes)
        if inclusion is None:
            continue
        rid = matcher.match(row.get("doi"), row.get("title"), _year(row.get("year", "")))
        if rid is None:
            unmatched.append(f"{where}: {row.get('title') or row.get('key') or '(no title)'}")
            continue
        reasons_match = _REASONS.search(notes)
        reason_texts = (
            [t.strip() for t in reasons_match.group("body").split(",") if t.strip()]
            if reasons_match
            else []
        )
        codes = []
        for text in reason_texts:
            code = _reason_code(stage, text)
            if code is None:
                problems.append(
                    f"{where}: exclusion reason {text!r} is not in stage {stage_id!r}'s list "
                    f"({', '.join(r.label for r in stage.reasons) or 'none'})"
                )
            else:
                codes.append(code)
        for pair in _PAIR.finditer(inclusion.group("body")):
            name, label = pair.group("name"), pair.group("label")
            reviewer = _reviewer_for(review, name, names)
            verdict = _LABELS.get(label.strip().casefold())
            if reviewer is None:
                problems.append(
                    f"{where}: Rayyan reviewer {name!r} is not on the team "
                    f"(map it: --reviewer-map '{name}=INITIALS')"
                )
                continue
            if verdict is None:
                problems.append(f"{where}: {name}'s label {label!r} is not Included/Excluded/Maybe")
                continue
            excluded = verdict is Verdict.EXCLUDE
            note = (
                "Rayyan reasons: " + ", ".join(reason_texts)
                if excluded and len(reason_texts) > 1
                else None
            )
            items.append(
                Sourced(
                    Decision(
                        stage_id=stage_id,
                        record_id=rid,
                        reviewer=reviewer,
                        verdict=verdict,
                        reason=codes[0] if excluded and codes else None,
                        note=note,
                    ),
                    f"{where} ({name})",
                )
            )
    if problems:
        raise DecisionImportError(problems, where=file_name)
    return ExternalBatch(tuple(items), tuple(unmatched))


def read_covidence(
    review: Review,
    data: bytes,
    stage_id: str,
    verdict: Verdict,
    *,
    by: Sequence[str],
    file_name: str = "<covidence>",
) -> ExternalBatch:
    """Settled outcomes from a Covidence CSV export of one list.

    :param verdict: what the exported list means at the stage (its included or its excluded
        studies).
    :param by: initials of who settled them (Covidence does not export who voted what).
    :raises DecisionImportError: for unknown exclusion reasons or a file without the columns.
    """
    try:
        return _read_covidence(review, data, stage_id, verdict, tuple(by), file_name)
    except RealistsynthError:
        raise
    except Exception as exc:  # arbitrary bytes must surface as our own error
        raise DecisionImportError(
            [f"unreadable export ({type(exc).__name__})"], where=file_name
        ) from None


def _read_covidence(
    review: Review,
    data: bytes,
    stage_id: str,
    verdict: Verdict,
    by: tuple[str, ...],
    file_name: str,
) -> ExternalBatch:
    stage = require_stage(review, stage_id)
    if verdict is Verdict.MAYBE:
        raise DecisionImportError(
            ["a Covidence list is settled: include or exclude"], where=file_name
        )
    rows = _rows(data, file_name)
    if rows and "Title" not in rows[0]:
        raise DecisionImportError(
            ["no 'Title' column: not a Covidence references export"], where=file_name
        )
    matcher = RecordMatcher(review)
    items: list[Sourced] = []
    unmatched: list[str] = []
    problems: list[str] = []
    for n, row in enumerate(rows, start=2):
        where = f"{file_name}, row {n}"
        rid = matcher.match(row.get("DOI"), row.get("Title"), _year(row.get("Published Year", "")))
        if rid is None:
            unmatched.append(f"{where}: {row.get('Title') or '(no title)'}")
            continue
        reason = None
        reason_text = (row.get("Exclusion reason") or row.get("Exclusion Reason") or "").strip()
        if reason_text and verdict is Verdict.EXCLUDE:
            reason = _reason_code(stage, reason_text)
            if reason is None:
                problems.append(
                    f"{where}: exclusion reason {reason_text!r} is not in stage {stage_id!r}'s list"
                )
                continue
        ref = row.get("Covidence #", "").strip()
        try:
            resolution = Resolution(
                stage_id=stage_id,
                record_id=rid,
                verdict=verdict,
                method=ResolutionMethod.CONSENSUS,
                by=by,
                reason=reason,
                rationale=f"Settled in Covidence ({file_name}{', ' + ref if ref else ''})",
            )
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        items.append(Sourced(resolution, where))
    if problems:
        raise DecisionImportError(problems, where=file_name)
    return ExternalBatch(tuple(items), tuple(unmatched))
