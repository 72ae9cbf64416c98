"""The flow as the PRISMA2020 R package and its Shiny app read it (Haddaway et al. 2022,
Campbell Systematic Reviews 18:e1230), so a team can draw its diagram there too.

The package reads a CSV shaped like its template ``inst/extdata/PRISMA.csv``: one row per box
(or per line inside a box), with the columns ``data, node, box, description, boxtext,
tooltips, url, n``. It finds each figure by the ``data`` key (``database_results``,
``records_screened``, ``other_sought_reports`` ...), each box's text by ``box``, and the
tooltips by position, so :data:`TEMPLATE_ROWS` keeps the template's rows, keys, nodes, boxes,
links and tooltip positions, in its order; the wording of descriptions, box texts and
tooltips is ours (PRISMA 2020's box labels). Exclusion reasons go into ``n`` as
``reason, n; reason, n`` (commas inside a reason become dashes, since the package splits at
them).

How our flow maps onto the template:

* ``database_results`` / ``register_results``: sources of kind database / register;
  ``website_results``: websites and grey-literature sites; ``organisation_results``:
  organisations and content experts; ``citations_results``: citation searching, reference
  lists and hand-searching. Theory-gleaning documents and key informants are not studies
  identified, and are left out (the flow counts them apart).
* ``duplicates``: duplicates removed; ``excluded_automatic`` and ``excluded_other``: 0 (we keep
  no automation or other removals).
* ``records_screened`` / ``records_excluded``: the first screening stage;
  ``dbr_sought_reports``, ``dbr_notretrieved_reports``, ``dbr_assessed``, ``dbr_excluded``:
  the first eligibility stage (full text), with the exclusions of later stages and of the
  realist gates added as further reasons (the template has no appraisal boxes; the numbers
  then add up to the studies included). ``other_*``: the other-methods arm alike.
* ``new_studies``, ``new_reports``, ``total_studies``, ``total_reports``: sources included
  (one report per study; we keep no previous review version, so ``previous_*`` are 0).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import attrs

from realistsynth.selection.flow import Flow, ReasonCount, StageFlow

__all__ = ["CSV_COLUMNS", "TEMPLATE_ROWS", "prisma2020_csv", "prisma2020_figures"]

#: The template's columns, in order.
CSV_COLUMNS = ("data", "node", "box", "description", "boxtext", "tooltips", "url", "n")

#: (data, node, box, box text, has a tooltip, url) of each template row, in order. ``None``
#: stands for the template's ``NA``.
TEMPLATE_ROWS: tuple[tuple[str | None, str | None, str, str, bool, str | None], ...] = (
    (None, "node4", "prevstud", "Previous studies", True, "prevstud.html"),
    (
        "previous_studies",
        "node5",
        "box1",
        "Studies included in previous version of review",
        True,
        "previous_studies.html",
    ),
    (
        "previous_reports",
        None,
        "box1",
        "Reports of studies included in previous version of review",
        False,
        "previous_reports.html",
    ),
    (
        None,
        "node6",
        "newstud",
        "Identification of new studies via databases and registers",
        True,
        "newstud.html",
    ),
    ("database_results", "node7", "box2", "Databases", True, "database_results.html"),
    ("register_results", None, "box2", "Registers", False, None),
    (
        None,
        "node16",
        "othstud",
        "Identification of new studies via other methods",
        True,
        "othstud.html",
    ),
    ("website_results", "node17", "box11", "Websites", True, "website_results.html"),
    ("organisation_results", None, "box11", "Organisations", False, None),
    ("citations_results", None, "box11", "Citation searching", False, None),
    ("duplicates", "node8", "box3", "Duplicate records", True, "duplicates.html"),
    (
        "excluded_automatic",
        None,
        "box3",
        "Records marked as ineligible by automation tools",
        False,
        None,
    ),
    ("excluded_other", None, "box3", "Records removed for other reasons", False, None),
    ("records_screened", "node9", "box4", "Records screened", True, "records_screened.html"),
    ("records_excluded", "node10", "box5", "Records excluded", True, "records_excluded.html"),
    (
        "dbr_sought_reports",
        "node11",
        "box6",
        "Reports sought for retrieval",
        True,
        "dbr_sought_reports.html",
    ),
    (
        "dbr_notretrieved_reports",
        "node12",
        "box7",
        "Reports not retrieved",
        True,
        "dbr_notretrieved_reports.html",
    ),
    (
        "other_sought_reports",
        "node18",
        "box12",
        "Reports sought for retrieval",
        True,
        "other_sought_reports.html",
    ),
    (
        "other_notretrieved_reports",
        "node19",
        "box13",
        "Reports not retrieved",
        True,
        "other_notretrieved_reports.html",
    ),
    (
        "dbr_assessed",
        "node13",
        "box8",
        "Reports assessed for eligibility",
        True,
        "dbr_assessed.html",
    ),
    ("dbr_excluded", "node14", "box9", "Reports excluded:", True, "dbrexcludedrecords.html"),
    (
        "other_assessed",
        "node20",
        "box14",
        "Reports assessed for eligibility",
        True,
        "other_assessed.html",
    ),
    ("other_excluded", "node21", "box15", "Reports excluded:", True, "other_excluded.html"),
    ("new_studies", "node15", "box10", "New studies included in review", True, "new_studies.html"),
    ("new_reports", None, "box10", "Reports of new included studies", False, None),
    (
        "total_studies",
        "node22",
        "box16",
        "Total studies included in review",
        True,
        "total_studies.html",
    ),
    ("total_reports", None, "box16", "Reports of total included studies", False, None),
    (None, "node1", "identification", "Identification", True, "identification.html"),
    (None, "node2", "screening", "Screening", True, "screening.html"),
    (None, "node3", "included", "Included", True, "included.html"),
)

_KIND_KEYS = {
    "database": "database_results",
    "register": "register_results",
    "website": "website_results",
    "grey-literature": "website_results",
    "organisation": "organisation_results",
    "expert-suggestion": "organisation_results",
    "citation-chasing": "citations_results",
    "reference-list": "citations_results",
    "hand-search": "citations_results",
}


def _reasons(reasons: Iterable[ReasonCount]) -> str:
    parts = []
    for r in reasons:
        if r.count:
            label = r.label.replace(",", " -").replace(";", " -")
            parts.append(f"{label}, {r.count}")
    return "; ".join(parts)


def _arm(
    stages: Iterable[StageFlow], gates: Iterable[StageFlow]
) -> tuple[int, int, int, list[ReasonCount]]:
    """sought, not retrieved, assessed and the exclusion reasons of one arm's stages."""
    stages = list(stages)
    if not stages:
        return 0, 0, 0, []
    first = stages[0]
    sought = first.entered or 0
    not_retrieved = first.not_retrieved or 0
    reasons: list[ReasonCount] = []
    for stage in stages:
        reasons.extend(stage.reasons)
        untold = (stage.excluded or 0) - sum(r.count for r in stage.reasons)
        if untold > 0:
            reasons.append(ReasonCount(None, f"{stage.name}: reason not recorded", untold))
    for gate in gates:
        if gate.excluded:
            what = (gate.criterion or gate.name).lower()
            label = f"Excluded on {what} (realist appraisal)"
            reasons.append(ReasonCount(None, label, gate.excluded))
    return sought, not_retrieved, sought - not_retrieved, reasons


def prisma2020_figures(flow: Flow) -> dict[str, int | str]:
    """The flow's figures under the template's ``data`` keys (see the module docstring)."""
    out: dict[str, int | str] = {key: 0 for key, *_ in TEMPLATE_ROWS if key is not None}
    other = flow.other_methods
    for source in (*flow.sources, *(other.sources if other else ())):
        key = _KIND_KEYS.get(source.kind)
        if key is not None:
            out[key] = int(out[key]) + source.count
    out["duplicates"] = flow.duplicates or 0
    screening = next((s for s in flow.stages if s.role == "screening"), None)
    if screening is not None:
        out["records_screened"] = screening.entered or 0
        out["records_excluded"] = screening.excluded or 0
    eligibility = [s for s in flow.stages if s.role == "eligibility"]
    gates = [s for s in flow.stages if s.role == "gate"]
    other_gates = list(other.gates) if other else []
    # the databases arm's share of each gate: the gate's count less the other arm's
    db_gates = []
    for gate in gates:
        theirs = next((g for g in other_gates if g.stage_id == gate.stage_id), None)
        if theirs is not None:
            gate = _less(gate, theirs)
        db_gates.append(gate)
    sought, not_retrieved, assessed, reasons = _arm(eligibility, db_gates)
    out["dbr_sought_reports"] = sought
    out["dbr_notretrieved_reports"] = not_retrieved
    out["dbr_assessed"] = assessed
    out["dbr_excluded"] = _reasons(reasons)
    if other is not None:
        sought, not_retrieved, assessed, reasons = _arm(other.stages, other_gates)
        out["other_sought_reports"] = sought
        out["other_notretrieved_reports"] = not_retrieved
        out["other_assessed"] = assessed
        out["other_excluded"] = _reasons(reasons)
    included = flow.included or 0
    for key in ("new_studies", "new_reports", "total_studies", "total_reports"):
        out[key] = included
    return out


def _less(gate: StageFlow, theirs: StageFlow) -> StageFlow:
    return attrs.evolve(gate, excluded=(gate.excluded or 0) - (theirs.excluded or 0))


def prisma2020_csv(flow: Flow) -> str:
    """The CSV text the PRISMA2020 R package (``read.csv`` then ``PRISMA_data``) reads."""
    figures = prisma2020_figures(flow)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for key, node, box, text, tooltip, url in TEMPLATE_ROWS:
        results = key is not None and key.endswith("_results")
        description = f"Records identified from: {text}" if results else text
        writer.writerow(
            [
                key or "NA",
                node or "NA",
                box,
                description,
                text,
                description if tooltip else "NA",
                url or "NA",
                figures.get(key, 0) if key is not None else 0,
            ]
        )
    return buffer.getvalue()
