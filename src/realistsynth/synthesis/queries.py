"""Questions asked of a programme theory: which CMOCs a version holds and under which theme,
what evidence each CMOC has, which included sources contribute to which CMOC (the
contribution matrix of the worked example's Supplementary File 1), which sources support
nothing and which CMOCs have no evidence.

Everything here is computed from the review's evidence links on each call, never stored, so
the matrix cannot drift from the links it summarises. An evidence link may point at a record,
a coded extract or a quotation; extracts and document quotations count for the record they
come from, while informants' quotations belong to no record and so to no matrix row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from attrs import field, frozen

from realistsynth.errors import UnknownReferenceError
from realistsynth.model.review import Review
from realistsynth.model.theory import (
    CMOC,
    EvidenceLink,
    EvidenceRole,
    EvidenceTarget,
    Theme,
    TheoryVersion,
)
from realistsynth.synthesis.data_appraisal import appraise_evidence

__all__ = [
    "MATRIX_CAPTION",
    "ContributionMatrix",
    "ThemeGroup",
    "cmocs_of",
    "cmocs_without_evidence",
    "contribution_matrix",
    "evidence_by_cmoc",
    "evidence_for",
    "evidence_record",
    "included_records",
    "latest_version",
    "sources_supporting_nothing",
    "themes_of",
    "version",
]


def version(review: Review, version_id: str) -> TheoryVersion:
    """The theory version ``version_id``.

    :raises UnknownReferenceError: naming the versions the review has.
    """
    found = review.theory_versions.get(version_id)
    if found is None:
        known = ", ".join(review.theory_versions) or "none"
        raise UnknownReferenceError(
            f"no theory version {version_id!r} (versions: {known})",
            where=f"theory_versions/{version_id}",
        )
    return found


def latest_version(review: Review) -> TheoryVersion | None:
    """The last version added (the current programme theory), if any."""
    versions = list(review.theory_versions.values())
    return versions[-1] if versions else None


def cmocs_of(review: Review, version_id: str) -> tuple[CMOC, ...]:
    """The CMOCs of a version, in the version's order."""
    return tuple(review.cmocs[cid] for cid in version(review, version_id).cmoc_ids)


@frozen
class ThemeGroup:
    """The CMOCs of one version under one theme, with the version's statement of the theme.

    ``theme`` is ``None`` for CMOCs without a theme; ``theme_id`` then is ``None`` too. A CMOC
    whose theme the framework does not know gets a group whose ``theme`` is ``None`` but whose
    ``theme_id`` names it.
    """

    theme_id: str | None
    theme: Theme | None
    statement: str | None
    cmocs: tuple[CMOC, ...]


def themes_of(review: Review, version_id: str) -> tuple[ThemeGroup, ...]:
    """A version's CMOCs grouped by the framework's themes, in the framework's order.

    Every theme of the framework appears (with no CMOCs if none is under it), then CMOCs under
    themes the framework lacks, then CMOCs without a theme.
    """
    v = version(review, version_id)
    cmocs = cmocs_of(review, version_id)
    themes = review.framework.themes if review.framework else ()
    known = {t.id for t in themes}
    groups = [
        ThemeGroup(t.id, t, v.statement(t.id), tuple(c for c in cmocs if c.theme_id == t.id))
        for t in themes
    ]
    strays = dict.fromkeys(c.theme_id for c in cmocs if c.theme_id and c.theme_id not in known)
    for tid in strays:
        groups.append(
            ThemeGroup(tid, None, v.statement(tid), tuple(c for c in cmocs if c.theme_id == tid))
        )
    unthemed = tuple(c for c in cmocs if c.theme_id is None)
    if unthemed:
        groups.append(ThemeGroup(None, None, None, unthemed))
    return tuple(groups)


def evidence_for(review: Review, cmoc_id: str) -> tuple[EvidenceLink, ...]:
    """Every evidence link of one CMOC, in the order they were added."""
    return tuple(link for link in review.evidence.values() if link.cmoc_id == cmoc_id)


def evidence_by_cmoc(review: Review) -> Mapping[str, tuple[EvidenceLink, ...]]:
    """Evidence links grouped by CMOC id (every CMOC present, possibly with none)."""
    grouped: dict[str, list[EvidenceLink]] = {cid: [] for cid in review.cmocs}
    for link in review.evidence.values():
        grouped.setdefault(link.cmoc_id, []).append(link)
    return MappingProxyType({cid: tuple(links) for cid, links in grouped.items()})


def evidence_record(review: Review, link: EvidenceLink) -> str | None:
    """The record a piece of evidence comes from, or ``None`` (an informant's quotation)."""
    if link.target is EvidenceTarget.RECORD:
        return link.target_id
    if link.target is EvidenceTarget.EXTRACT:
        extract = review.extracts.get(link.target_id)
        return extract.record_id if extract else None
    quotation = review.quotations.get(link.target_id)
    return quotation.record_id if quotation else None


def included_records(review: Review) -> tuple[str, ...]:
    """The records included in the review (:meth:`Review.included`), as a tuple."""
    return tuple(review.included())


#: What every contribution matrix says beside its counts (workbook, report).
MATRIX_CAPTION = (
    "Counts of sources are not strength of evidence: a source may give one thin datum or a "
    "rich account, and several sources may repeat one study. The confidence in each CMOC "
    "(its assessment) is the judgement of strength. (x): the source's data for that CMOC were "
    "judged not trustworthy or are disputed, and are not counted."
)


@frozen
class ContributionMatrix:
    """Which source contributes to which CMOC of a version, from the evidence links.

    ``cells`` maps ``(record id, CMOC id)`` to the roles of the links between them; a pair
    absent from ``cells`` does not contribute. ``doubtful`` holds the cells whose every link
    rests on data judged not trustworthy (or disputed) in the data-level appraisal: they are
    shown, marked, and not counted. Counts of sources are not strength of evidence; the
    confidence assessment of each CMOC is.
    """

    version_id: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], tuple[EvidenceRole, ...]] = field(hash=False)
    doubtful: frozenset[tuple[str, str]] = field(default=frozenset(), hash=False)

    def contributes(self, record_id: str, cmoc_id: str) -> bool:
        """Whether the record has any evidence link to the CMOC."""
        return (record_id, cmoc_id) in self.cells

    def row(self, record_id: str) -> tuple[bool, ...]:
        """One source's cells, in column order."""
        return tuple(self.contributes(record_id, c) for c in self.columns)

    def counted(self, record_id: str, cmoc_id: str) -> bool:
        """Whether the record contributes to the CMOC with data that count."""
        return self.contributes(record_id, cmoc_id) and (record_id, cmoc_id) not in self.doubtful

    def column_counts(self) -> dict[str, int]:
        """How many sources contribute to each CMOC with data that count (not doubtful)."""
        return {c: sum(self.counted(r, c) for r in self.rows) for c in self.columns}

    def row_counts(self) -> dict[str, int]:
        """How many CMOCs each source contributes to."""
        return {r: sum(self.row(r)) for r in self.rows}

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON: rows, columns and, per row, the roles in each cell."""
        return {
            "version": self.version_id,
            "columns": list(self.columns),
            "rows": [
                {
                    "record": r,
                    "cells": {
                        c: [role.value for role in self.cells.get((r, c), ())] for c in self.columns
                    },
                    "doubtful": [c for c in self.columns if (r, c) in self.doubtful],
                }
                for r in self.rows
            ],
        }


def contribution_matrix(
    review: Review,
    version_id: str,
    *,
    sources: Iterable[str] | None = None,
    roles: Iterable[EvidenceRole] | None = None,
) -> ContributionMatrix:
    """The sources x CMOCs matrix of one version.

    :param sources: the rows, in order; by default :func:`included_records`.
    :param roles: count only links with these roles (by default every role: a source that
        refutes a CMOC contributes to it too).
    """
    columns = tuple(c.id for c in cmocs_of(review, version_id))
    rows = tuple(sources) if sources is not None else included_records(review)
    wanted = set(roles) if roles is not None else set(EvidenceRole)
    in_rows, in_columns = set(rows), set(columns)
    appraisal = appraise_evidence(review)
    cells: dict[tuple[str, str], list[EvidenceRole]] = {}
    counting: set[tuple[str, str]] = set()
    for link in review.evidence.values():
        rid = evidence_record(review, link)
        if rid in in_rows and link.cmoc_id in in_columns and link.role in wanted:
            key = (rid, link.cmoc_id)
            if link.role not in cells.setdefault(key, []):
                cells[key].append(link.role)
            if appraisal[link.id].trust.counts:
                counting.add(key)
    frozen_cells = MappingProxyType({k: tuple(v) for k, v in cells.items()})
    doubtful = frozenset(k for k in cells if k not in counting)
    return ContributionMatrix(version_id, rows, columns, frozen_cells, doubtful)


def sources_supporting_nothing(review: Review, version_id: str) -> tuple[str, ...]:
    """Included sources with no evidence link to any CMOC of the version."""
    matrix = contribution_matrix(review, version_id)
    return tuple(r for r in matrix.rows if not any(matrix.row(r)))


def cmocs_without_evidence(review: Review, version_id: str | None = None) -> tuple[str, ...]:
    """CMOCs (of one version, or of the whole review) that no evidence link points at."""
    ids = (
        [c.id for c in cmocs_of(review, version_id)]
        if version_id is not None
        else list(review.cmocs)
    )
    linked = {link.cmoc_id for link in review.evidence.values()}
    return tuple(cid for cid in ids if cid not in linked)
