"""The hooks realistsynth offers to plugins.

Every hook is named ``realistsynth_*``, fully typed, and documented with its parameters, the
meaning of its result and the version that added it. Hooks that *contribute* things return an
iterable of them; the :mod:`realistsynth.plugins.registry` collects the contributions of every
plugin,
one plugin at a time, so that one failing plugin cannot hide the others.

Hooks evolve only by adding arguments: every hook is called through pluggy, which passes an
implementation only the arguments it names, so a plugin written against an older release keeps
working (``tests/core/test_hook_evolution.py`` proves it with a plugin written for a spec that
has since gained an argument). An implementation may name any subset of a hook's arguments, in
any order; naming an argument the hook does not have is an error when the plugin registers.
An implementation of a ``realistsynth_*`` hook that no hookspec declares (a misspelling) is
reported as a plugin problem, an error under ``strict``; mark one meant for a later release
``@hookimpl(optionalhook=True)``.

To implement a hook, decorate a function of your plugin module with :data:`hookimpl`::

    from realistsynth import hookimpl

    @hookimpl
    def realistsynth_register_frameworks():
        return [my_framework]

Contribution hooks must return a list (or another iterable) of contributions; a ``str``, a
mapping or ``None`` is reported as a problem of the plugin, as is a contribution that does not
fit its protocol (a method that cannot take the arguments, or that is declared to return
something else than the protocol requires).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import click
import pluggy

from realistsynth.extensions import DedupRule, LintRule, ReportContribution
from realistsynth.model.appraisal import CriteriaSet
from realistsynth.model.confidence import ConfidenceApproach
from realistsynth.model.extraction import ConfigurationHeuristic
from realistsynth.model.records import Record
from realistsynth.model.review import Review
from realistsynth.model.screening import Decision
from realistsynth.model.theory import OrganisingFramework
from realistsynth.model.theory_links import LinkKind
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import (
    CitationStyle,
    Exporter,
    Importer,
    ImportReport,
    ReportingStandard,
)
from realistsynth.query.dialect import QueryDialect
from realistsynth.workbook.sheets import SheetSpec

__all__ = [
    "PROJECT_NAME",
    "hookimpl",
    "hookspec",
    "realistsynth_cli_commands",
    "realistsynth_decision_recorded",
    "realistsynth_dedup_rules",
    "realistsynth_lint_rules",
    "realistsynth_records_imported",
    "realistsynth_register_citation_styles",
    "realistsynth_register_confidence_approaches",
    "realistsynth_register_criteria_sets",
    "realistsynth_register_exporters",
    "realistsynth_register_frameworks",
    "realistsynth_register_heuristics",
    "realistsynth_register_importers",
    "realistsynth_register_link_kinds",
    "realistsynth_register_query_dialects",
    "realistsynth_register_reporting_standards",
    "realistsynth_report_sections",
    "realistsynth_review_loaded",
    "realistsynth_review_saved",
    "realistsynth_workbook_sheets",
]

#: The pluggy project name, which is also the entry-point group plugins are found in.
PROJECT_NAME = "realistsynth"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Decorator marking a plugin's hook implementation.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def realistsynth_register_importers(api_version: tuple[int, int]) -> Iterable[Importer]:
    """Contribute readers of bibliographic formats.

    :param api_version: the host's :data:`realistsynth.API_VERSION`, for a plugin that
        contributes differently to different releases (added in 1.1; a plugin need not
        name it).
    :return: importers (:class:`~realistsynth.protocols.Importer`); each ``name`` must be
        unique across all plugins. The importer for a file is chosen by content: the highest
        :meth:`~realistsynth.protocols.Importer.sniff` score wins.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_exporters(
    api_version: tuple[int, int], plugins: PluginManager
) -> Iterable[Exporter]:
    """Contribute writers of reviews (workbooks, reference lists, reports, record files).

    :param api_version: the host's :data:`realistsynth.API_VERSION`, for a plugin that
        contributes differently to different releases (added in 1.1; a plugin need not
        name it).
    :param plugins: the plugin manager being built, for an exporter that uses other
        plugins' contributions (the workbook adds plugins' sheets, the report their
        sections): read them when exporting, not in this hook, where they may not be
        collected yet (added in 1.1).
    :return: exporters (:class:`~realistsynth.protocols.Exporter`), chosen by ``name`` with
        ``realistsynth export --to NAME``.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_criteria_sets(api_version: tuple[int, int]) -> Iterable[CriteriaSet]:
    """Contribute appraisal criteria sets (realist relevance/richness/rigour, CASP, MMAT ...).

    :param api_version: the host's :data:`realistsynth.API_VERSION`, for a plugin that
        contributes differently to different releases (added in 1.1; a plugin need not
        name it).
    :return: :class:`~realistsynth.model.CriteriaSet` objects; a review adopts a copy of the
        set it uses, so the project file stays readable without the plugin.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_frameworks(api_version: tuple[int, int]) -> Iterable[OrganisingFramework]:
    """Contribute organising frameworks whose themes group CMOCs into programme theories.

    :param api_version: the host's :data:`realistsynth.API_VERSION`, for a plugin that
        contributes differently to different releases (added in 1.1; a plugin need not
        name it).
    :return: :class:`~realistsynth.model.OrganisingFramework` objects.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_heuristics(
    api_version: tuple[int, int],
) -> Iterable[ConfigurationHeuristic]:
    """Contribute configuration heuristics for coding extracts (CMO, C/M-Res/M-Rea/O, ICAMO).

    :param api_version: the host's :data:`realistsynth.API_VERSION`, for a plugin that
        contributes differently to different releases (added in 1.1; a plugin need not
        name it).
    :return: :class:`~realistsynth.model.ConfigurationHeuristic` objects with their codes and
        operational definitions.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_citation_styles(api_version: tuple[int, int]) -> Iterable[CitationStyle]:
    """Contribute CSL citation styles under short names.

    :param api_version: the host's :data:`realistsynth.API_VERSION`, for a plugin that
        contributes differently to different releases (added in 1.1; a plugin need not
        name it).
    :return: :class:`~realistsynth.protocols.CitationStyle` objects pointing at ``.csl`` files.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_query_dialects(api_version: tuple[int, int]) -> Iterable[QueryDialect]:
    """Contribute search-platform dialects that render (and may parse) boolean queries.

    :param api_version: the host's :data:`realistsynth.API_VERSION`, for a plugin that
        contributes differently to different releases (added in 1.1; a plugin need not
        name it).
    :return: :class:`~realistsynth.query.QueryDialect` objects, chosen by ``name`` with
        ``realistsynth query translate --to NAME``.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_link_kinds() -> Iterable[LinkKind]:
    """Contribute kinds of link between CMOCs beyond the built-in ``leads-to``,
    ``nested-in``, ``rival-of`` and ``moderates`` (for example ``triggers`` or
    ``counteracts``).

    :return: :class:`~realistsynth.model.LinkKind` objects; each ``name`` must be unique
        across all plugins. A review adopts a copy of a kind before its links use it
        (:meth:`~realistsynth.model.Review.adopt_link_kind`), so the project file stays
        readable without the plugin. ``acyclic`` kinds refuse cycles within a theory version
        unless ``feedback_loops`` lets one link be marked as a deliberate loop; diagrams label
        the edges with the kind's ``title``.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_confidence_approaches() -> Iterable[ConfidenceApproach]:
    """Contribute ways of judging confidence in a CMOC (beyond the built-in GRADE-CERQual
    adaptation ``cerqual-cmoc`` and the explanatory-coherence ``explanatory-coherence``).

    :return: :class:`~realistsynth.model.ConfidenceApproach` objects: components, each with
        the scale it is judged on, and overall levels, highest first. Each ``name`` must be
        unique across all plugins. A review adopts a copy of the approach it uses
        (:meth:`~realistsynth.model.Review.adopt_confidence_approach`), so the project file
        stays readable without the plugin; give a ``citation`` for the method.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_register_reporting_standards() -> Iterable[ReportingStandard]:
    """Contribute reporting or quality standards that the report can be checked against
    (beyond the built-in ``rameses``, ``rameses-ii`` and ``rameses-quality``).

    :return: :class:`~realistsynth.protocols.ReportingStandard` objects, chosen by ``name`` with
        ``realistsynth report --standard NAME``. Each item paraphrases what the standard asks
        in full and may name ``topics`` of review data that suggest it is covered; a person
        confirms each item (``realistsynth report confirm``). Cite the standard.

    .. versionadded:: 0.1
    """
    raise NotImplementedError


# -- places to plug in (added in API version 1.1)


@hookspec
def realistsynth_cli_commands(api_version: tuple[int, int]) -> Iterable[click.Command]:
    """Contribute commands (or groups of commands) to the ``realistsynth`` command line.

    :param api_version: the host's :data:`realistsynth.API_VERSION`.
    :return: :class:`click.Command` (or :class:`click.Group`) objects; each is offered as
        ``realistsynth NAME`` under its ``name``. A built-in command keeps its name: a
        plugin's command with the same name is not offered. Plugins are loaded only when a
        command that is not built in is asked for, or for ``realistsynth --help``.

    .. versionadded:: 1.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_workbook_sheets(api_version: tuple[int, int]) -> Iterable[SheetSpec]:
    """Contribute sheets to the built-in Excel workbook (``realistsynth export --to xlsx``).

    :param api_version: the host's :data:`realistsynth.API_VERSION`.
    :return: :class:`~realistsynth.workbook.sheets.SheetSpec` objects; each ``name`` joins
        the built-in sheet names (``--sheets NAME`` chooses it) and must not be one of them.
        The sheets come after the built-in ones. A builder takes the review, or the review
        and a :class:`~realistsynth.workbook.sheets.SheetContext` (the export's parsed
        options and its ``records`` selection); builders that take only the review keep
        working. A builder that raises is reported as a workbook warning, and the rest of the
        workbook is written.

    .. versionadded:: 1.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_lint_rules(api_version: tuple[int, int]) -> Iterable[LintRule]:
    """Contribute rules to the theory lint (``realistsynth theory lint``).

    :param api_version: the host's :data:`realistsynth.API_VERSION`.
    :return: :class:`~realistsynth.extensions.LintRule` objects; their findings are listed
        after the built-in ones. A rule that raises gives one ``error`` finding naming it,
        and the other rules still run.

    .. versionadded:: 1.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_report_sections(api_version: tuple[int, int]) -> Iterable[ReportContribution]:
    """Contribute content to items of the RAMESES report (``--to rameses-html``/``-md``).

    :param api_version: the host's :data:`realistsynth.API_VERSION`.
    :return: :class:`~realistsynth.extensions.ReportContribution` objects; each adds its
        blocks under one RAMESES item, after the built-in content. A builder that raises
        gives a paragraph saying so, and the report is still written.

    .. versionadded:: 1.1
    """
    raise NotImplementedError


@hookspec
def realistsynth_dedup_rules(api_version: tuple[int, int]) -> Iterable[DedupRule]:
    """Contribute de-duplication rules, asked in order with the built-in ones.

    :param api_version: the host's :data:`realistsynth.API_VERSION`.
    :return: :class:`~realistsynth.extensions.DedupRule` objects; each is placed before the
        built-in rule it names (see :data:`realistsynth.dedup.compare.RULES`). The first rule
        that returns a comparison decides a pair, so a plugin rule can decide pairs before
        the fuzzy rules do. A rule that raises on a pair is reported and skipped for the run.

    .. versionadded:: 1.1
    """
    raise NotImplementedError


# -- events (added in API version 1.1): called after the operation succeeded; what a
# subscriber returns is ignored, and a subscriber that raises is reported, never allowed to
# undo or stop the operation


@hookspec
def realistsynth_review_loaded(review: Review, path: str) -> None:
    """Event: a review was loaded from a project file (:func:`realistsynth.load` with a
    ``plugin_manager``, and every command that reads a review it changes).

    :param review: the review loaded.
    :param path: the project file.
    :return: nothing (ignored).

    .. versionadded:: 1.1
    """


@hookspec
def realistsynth_review_saved(review: Review, path: str) -> None:
    """Event: a review was saved, atomically, to a project file.

    :param review: the review saved.
    :param path: the project file.
    :return: nothing (ignored).

    .. versionadded:: 1.1
    """


@hookspec
def realistsynth_records_imported(
    review: Review, records: Sequence[Record], report: ImportReport
) -> None:
    """Event: the records of one file were added to a review
    (:func:`realistsynth.import_records` with a ``plugin_manager``, ``realistsynth import``).

    :param review: the review they were added to.
    :param records: the records as added (with the ids they were given).
    :param report: the report of reading the file.
    :return: nothing (ignored).

    .. versionadded:: 1.1
    """


@hookspec
def realistsynth_decision_recorded(review: Review, decision: Decision) -> None:
    """Event: a screening decision was recorded (new or changed) by
    :func:`realistsynth.selection.apply_decisions` with a ``plugin_manager`` (``realistsynth
    screen import``), once the whole batch was applied.

    :param review: the review.
    :param decision: the decision recorded.
    :return: nothing (ignored).

    .. versionadded:: 1.1
    """
