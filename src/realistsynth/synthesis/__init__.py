"""Synthesis: what a review does with its CMOCs once they are recorded.

Extraction forms (:mod:`.forms`), questions about a programme theory and its evidence
(:mod:`.queries`: the contribution matrix, evidence per CMOC, sources that support nothing),
lineage across versions (:mod:`.lineage`), a readable diff of two versions (:mod:`.diff`),
the theory lint (:mod:`.lint`), and the theory as a graph to draw (:mod:`.graph`, written by
:mod:`.graph_formats` and :mod:`.graph_svg`). Everything here reads a
:class:`~realistsynth.Review` and computes; nothing is stored.
"""

from realistsynth.synthesis.confidence import (
    CmocConfidence,
    confidence_levels,
    confidence_of_version,
)
from realistsynth.synthesis.data_appraisal import (
    DataAppraisal,
    DatumTrust,
    appraise_evidence,
    counted_links,
    data_judgements,
)
from realistsynth.synthesis.diff import (
    PARTS,
    ChangeKind,
    CmocComparison,
    DiffEntry,
    PartDiff,
    VersionDiff,
    WordOp,
    diff_versions,
    word_diff,
)
from realistsynth.synthesis.forms import DEFAULT_FORM, install_default_form
from realistsynth.synthesis.graph import (
    GraphEdge,
    GraphGroup,
    GraphNode,
    TheoryGraph,
    lineage_graph,
    theory_graph,
)
from realistsynth.synthesis.graph_formats import render_graph
from realistsynth.synthesis.lineage import (
    Lineage,
    LineageStep,
    ancestors,
    children,
    descendants,
    lineage_steps,
    parents,
    roots,
)
from realistsynth.synthesis.lint import INFORMANT_MARKER, LintFinding, Severity, lint
from realistsynth.synthesis.queries import (
    ContributionMatrix,
    ThemeGroup,
    cmocs_of,
    cmocs_without_evidence,
    contribution_matrix,
    evidence_by_cmoc,
    evidence_for,
    evidence_record,
    included_records,
    latest_version,
    sources_supporting_nothing,
    themes_of,
    version,
)

__all__ = [
    "DEFAULT_FORM",
    "INFORMANT_MARKER",
    "PARTS",
    "ChangeKind",
    "CmocComparison",
    "CmocConfidence",
    "ContributionMatrix",
    "DataAppraisal",
    "DatumTrust",
    "DiffEntry",
    "GraphEdge",
    "GraphGroup",
    "GraphNode",
    "Lineage",
    "LineageStep",
    "LintFinding",
    "PartDiff",
    "Severity",
    "ThemeGroup",
    "TheoryGraph",
    "VersionDiff",
    "WordOp",
    "ancestors",
    "appraise_evidence",
    "children",
    "cmocs_of",
    "cmocs_without_evidence",
    "confidence_levels",
    "confidence_of_version",
    "contribution_matrix",
    "counted_links",
    "data_judgements",
    "descendants",
    "diff_versions",
    "evidence_by_cmoc",
    "evidence_for",
    "evidence_record",
    "included_records",
    "install_default_form",
    "latest_version",
    "lineage_graph",
    "lineage_steps",
    "lint",
    "parents",
    "render_graph",
    "roots",
    "sources_supporting_nothing",
    "themes_of",
    "theory_graph",
    "version",
    "word_diff",
]
