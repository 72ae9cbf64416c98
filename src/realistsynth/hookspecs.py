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

from collections.abc import Iterable

import pluggy

from realistsynth.model.appraisal import CriteriaSet
from realistsynth.model.confidence import ConfidenceApproach
from realistsynth.model.extraction import ConfigurationHeuristic
from realistsynth.model.theory import OrganisingFramework
from realistsynth.model.theory_links import LinkKind
from realistsynth.protocols import CitationStyle, Exporter, Importer, ReportingStandard
from realistsynth.query.dialect import QueryDialect

__all__ = [
    "PROJECT_NAME",
    "hookimpl",
    "hookspec",
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
def realistsynth_register_exporters(api_version: tuple[int, int]) -> Iterable[Exporter]:
    """Contribute writers of reviews (workbooks, reference lists, reports, record files).

    :param api_version: the host's :data:`realistsynth.API_VERSION`, for a plugin that
        contributes differently to different releases (added in 1.1; a plugin need not
        name it).
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

    :return: :class:`~realistsynth.model.ReportingStandard` objects, chosen by ``name`` with
        ``realistsynth report --standard NAME``. Each item paraphrases what the standard asks
        in full and may name ``topics`` of review data that suggest it is covered; a person
        confirms each item (``realistsynth report confirm``). Cite the standard.

    .. versionadded:: 0.1
    """
    raise NotImplementedError
