"""What plugins contribute at the places they can plug into, beyond registering things.

Each type here is what one hook returns (see :mod:`realistsynth.hookspecs`):

* :class:`LintRule` (``realistsynth_lint_rules``): a check of the theory that yields
  :class:`~realistsynth.synthesis.lint.LintFinding` values beside the built-in ones;
* :class:`ReportContribution` (``realistsynth_report_sections``): blocks added to one RAMESES
  item of the report;
* :class:`DedupRule` (``realistsynth_dedup_rules``): a de-duplication rule placed in the
  ordered rule list of :mod:`realistsynth.dedup.compare`, before a named built-in rule;
* workbook sheets are :class:`~realistsynth.workbook.sheets.SheetSpec` values and CLI
  commands ``click`` commands, so they need no type of their own.

Every contribution has a stable ``name``, unique per kind across plugins. The host runs each
plugin's code in isolation: a rule or builder that raises is reported (as a lint finding, a
report paragraph, a plugin problem) and the rest of the operation goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from attrs import field, frozen

from realistsynth.model.common import check_id, non_empty
from realistsynth.model.review import Review

__all__ = ["DedupRule", "LintRule", "ReportContribution"]


@frozen
class LintRule:
    """A theory lint rule: ``check(review)`` yields the findings it makes.

    :ivar name: the rule's name; its findings should use it (or ``name:detail``) as ``code``.
    :ivar description: one sentence for people: what the rule looks for, and why.
    :ivar check: the rule; called with the review, it yields
        :class:`~realistsynth.synthesis.lint.LintFinding` values.
    """

    name: str = field(validator=check_id)
    description: str = field(validator=non_empty)
    check: Callable[[Review], Iterable[Any]]


@frozen
class ReportContribution:
    """Blocks a plugin adds to one item of the RAMESES report.

    :ivar name: the contribution's name.
    :ivar item: the key of the RAMESES item the blocks go under (``"scoping"``,
        ``"findings"``, ``"flow"`` ...; see :mod:`realistsynth.report.rameses`).
    :ivar build: called with the review, returns the blocks
        (:class:`~realistsynth.report.document.Paragraph`, ``BulletList``, ``Table`` ...).
    """

    name: str = field(validator=check_id)
    item: str = field(validator=non_empty)
    build: Callable[[Review], Sequence[Any]]


@frozen
class DedupRule:
    """A de-duplication rule and where it goes in the ordered rule list.

    :ivar name: the rule's name (what the links it decides record as their ``rule``).
    :ivar rule: ``rule(pair, settings)`` returns a
        :class:`~realistsynth.dedup.compare.Comparison` to decide the pair, or ``None`` to
        let the next rule decide; the signature of :data:`realistsynth.dedup.compare.Rule`.
    :ivar before: the name of the built-in rule it is asked before (default ``fuzzy``, the
        last one); an unknown name puts it last.
    """

    name: str = field(validator=check_id)
    rule: Callable[[Any, Any], Any]
    before: str = "fuzzy"
