"""Selection and appraisal workflows: screening queues and conflicts, agreement, screening
workbooks, decisions from Rayyan and Covidence, and the PRISMA-style flow of records.

The model (:mod:`realistsynth.model.screening`) holds the facts; this package holds the work
done with them. Nothing here is imported by :mod:`realistsynth` at import time.
"""

from realistsynth.selection.screening import (
    FULL_TEXT_REASONS,
    TITLE_ABSTRACT_REASONS,
    ApplyResult,
    Conflict,
    PairAgreement,
    Sourced,
    apply_decisions,
    blinded_queue,
    conflicts,
    default_stages,
    stage_agreement,
)

__all__ = [
    "FULL_TEXT_REASONS",
    "TITLE_ABSTRACT_REASONS",
    "ApplyResult",
    "Conflict",
    "PairAgreement",
    "Sourced",
    "apply_decisions",
    "blinded_queue",
    "conflicts",
    "default_stages",
    "stage_agreement",
]
