"""A typed registry over ``pm.hook``: callers never touch pluggy directly.

:class:`PluginManager` wraps a :class:`pluggy.PluginManager`. :meth:`PluginManager.collect`
calls every ``realistsynth_register_*`` hook *one plugin at a time*, checks that each
contribution has the right type and shape (:mod:`realistsynth.plugins.conformance`), and files
it by kind and name. A plugin that raises, returns the wrong type, or claims a name another
plugin already has is recorded as a :class:`PluginProblem` naming both plugins; it never stops
the collection.

Every hook is called through pluggy (:meth:`PluginManager.call_plugin`, a
:meth:`pluggy.PluginManager.subset_hook_caller` holding the one plugin), so each
implementation receives only the arguments it names: a hookspec can gain an argument and a
plugin written before it keeps working, as :mod:`realistsynth.hookspecs` promises.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import pluggy
from attrs import field, frozen

from realistsynth._version import API_VERSION
from realistsynth.errors import PluginError
from realistsynth.extensions import DedupRule, LintRule, ReportContribution
from realistsynth.model.appraisal import CriteriaSet
from realistsynth.model.confidence import ConfidenceApproach
from realistsynth.model.extraction import ConfigurationHeuristic
from realistsynth.model.theory import OrganisingFramework
from realistsynth.model.theory_links import LinkKind
from realistsynth.plugins.conformance import conformance_problems, contributions_problem
from realistsynth.protocols import CitationStyle, Exporter, Importer, ReportingStandard
from realistsynth.query.dialect import QueryDialect
from realistsynth.workbook.sheets import SheetSpec

__all__ = ["KINDS", "LAZY_KINDS", "SHAPES", "PluginInfo", "PluginManager", "PluginProblem"]


@frozen
class PluginProblem:
    """A plugin that failed: its name, version, what went wrong, and where.

    :ivar traceback: the Python traceback of the exception behind the problem (empty when
        the problem is a check that failed, not an exception); ``realistsynth --debug`` and
        ``REALISTSYNTH_DEBUG=1`` print it.
    """

    plugin: str
    version: str | None
    error: str
    traceback: str = field(default="", eq=False, repr=False)


@frozen
class PluginInfo:
    """A loaded plugin and what it provides, by kind (``importers``: ``("ris", ...)``)."""

    name: str
    version: str | None
    builtin: bool
    module: str
    provides: Mapping[str, tuple[str, ...]] = field(factory=dict)


def _name_of(item: Any) -> str:
    return str(getattr(item, "name", ""))


#: kind -> (hook name, check that an item is of that kind)
KINDS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "importers": ("realistsynth_register_importers", lambda x: isinstance(x, Importer)),
    "exporters": ("realistsynth_register_exporters", lambda x: isinstance(x, Exporter)),
    "criteria_sets": (
        "realistsynth_register_criteria_sets",
        lambda x: isinstance(x, CriteriaSet),
    ),
    "frameworks": (
        "realistsynth_register_frameworks",
        lambda x: isinstance(x, OrganisingFramework),
    ),
    "heuristics": (
        "realistsynth_register_heuristics",
        lambda x: isinstance(x, ConfigurationHeuristic),
    ),
    "citation_styles": (
        "realistsynth_register_citation_styles",
        lambda x: isinstance(x, CitationStyle),
    ),
    "query_dialects": (
        "realistsynth_register_query_dialects",
        lambda x: isinstance(x, QueryDialect),
    ),
    "link_kinds": ("realistsynth_register_link_kinds", lambda x: isinstance(x, LinkKind)),
    "confidence_approaches": (
        "realistsynth_register_confidence_approaches",
        lambda x: isinstance(x, ConfidenceApproach),
    ),
    "reporting_standards": (
        "realistsynth_register_reporting_standards",
        lambda x: isinstance(x, ReportingStandard),
    ),
}


def _is_click_command(item: Any) -> bool:
    import click  # only when a plugin contributes commands: click is the CLI's dependency

    return isinstance(item, click.Command)


def _is_sheet(item: Any) -> bool:
    from realistsynth.workbook.sheets import SheetSpec

    return isinstance(item, SheetSpec)


def _is_extension(kind: str) -> Callable[[Any], bool]:
    def check(item: Any) -> bool:
        from realistsynth import extensions

        return isinstance(item, getattr(extensions, kind))

    return check


#: kind -> (hook name, check) of the places to plug in added in API version 1.1; collected
#: like the registrations, one plugin at a time
KINDS.update(
    {
        "cli_commands": ("realistsynth_cli_commands", _is_click_command),
        "workbook_sheets": ("realistsynth_workbook_sheets", _is_sheet),
        "lint_rules": ("realistsynth_lint_rules", _is_extension("LintRule")),
        "report_sections": ("realistsynth_report_sections", _is_extension("ReportContribution")),
        "dedup_rules": ("realistsynth_dedup_rules", _is_extension("DedupRule")),
    }
)


#: kinds collected when first read rather than when the manager is built
LAZY_KINDS = frozenset(
    {"cli_commands", "workbook_sheets", "lint_rules", "report_sections", "dedup_rules"}
)


#: kind -> the protocol its contributions are checked against structurally (signatures and
#: declared return types, not only member names); kinds not listed are checked by type only
SHAPES: dict[str, type] = {
    "importers": Importer,
    "exporters": Exporter,
    "query_dialects": QueryDialect,
}


def _debugging() -> bool:
    return os.environ.get("REALISTSYNTH_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}


def _traceback_text(exc: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(exc))


class PluginManager:
    """The plugins of one session and everything they contribute.

    Get one from :func:`realistsynth.get_plugin_manager`.
    """

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self._problems: list[PluginProblem] = []
        self._plugins: dict[str, PluginInfo] = {}
        self._items: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self._owner: dict[tuple[str, str], str] = {}
        self._provides: dict[str, dict[str, list[str]]] = {}
        self._collected: set[str] = set()

    # -- loading (used by get_plugin_manager)

    def add_problem(self, problem: PluginProblem) -> None:
        """Record a plugin's failure."""
        self._problems.append(problem)
        if _debugging():
            # as each problem is recorded, so that problems of places collected later (a
            # sheet, a rule) and of event subscribers show too
            sys.stderr.write(f"realistsynth: plugin {problem.plugin!r}: {problem.error}\n")
            sys.stderr.write(problem.traceback)

    def add_plugin(self, name: str, version: str | None, builtin: bool, module: str) -> None:
        """Record a successfully registered plugin."""
        self._plugins[name] = PluginInfo(name, version, builtin, module)

    def host_arguments(self) -> dict[str, object]:
        """What the host offers every hook call, by argument name; an implementation receives
        those it names (pluggy's rule), a hookspec declares those it passes."""
        return {"api_version": API_VERSION, "plugins": self}

    def call_plugin(self, hook_name: str, plugin_name: str, **kwargs: object) -> list[Any]:
        """Call one plugin's implementation of a hook through pluggy, with the arguments it
        names; the result list is empty when the plugin returned ``None`` (pluggy's rule) or
        does not implement the hook."""
        plugin = self.pm.get_plugin(plugin_name)
        others = [p for name, p in self.pm.list_name_plugin() if name != plugin_name]
        caller = self.pm.subset_hook_caller(hook_name, remove_plugins=others)
        if plugin is None or not caller.get_hookimpls():
            return []
        result: list[Any] = caller(**kwargs)
        return result

    def notify(self, hook_name: str, **kwargs: object) -> None:
        """Tell every subscriber of the event ``hook_name``; never raises.

        Each plugin's implementation is called on its own; one that raises is recorded as a
        :class:`PluginProblem` and reported with a :class:`RuntimeWarning`, and the others are
        still told: a subscriber can never undo or stop the operation it hears about.
        """
        import warnings

        for plugin_name in self.implementers(hook_name):
            try:
                self.call_plugin(hook_name, plugin_name, **kwargs)
            except Exception as exc:  # a subscriber's bug must not break the operation
                message = f"{hook_name} raised {type(exc).__name__}: {exc}"
                self.problem(plugin_name, message, exc)
                warnings.warn(f"plugin {plugin_name!r}: {message}", RuntimeWarning, stacklevel=2)

    def implementers(self, hook_name: str) -> list[str]:
        """The loaded plugins that implement ``hook_name``, in load order."""
        hook = getattr(self.pm.hook, hook_name, None)
        if hook is None:  # no spec and no implementation under that name
            return []
        names = {impl.plugin_name for impl in hook.get_hookimpls()}
        return [name for name in self._plugins if name in names]

    def problem(self, plugin_name: str, error: str, exc: BaseException | None = None) -> None:
        """Record a problem of a loaded plugin (with the traceback of ``exc``, if given)."""
        info = self._plugins.get(plugin_name)
        version = info.version if info is not None else None
        text = _traceback_text(exc) if exc is not None else ""
        self.add_problem(PluginProblem(plugin_name, version, error, text))

    def check_hook_names(self) -> None:
        """Report every implementation of a ``realistsynth_*`` hook that no hookspec declares.

        This is pluggy's :meth:`~pluggy.PluginManager.check_pending` rule (implementations
        marked ``optionalhook=True`` are allowed), applied one plugin at a time so that each
        problem names its plugin and suggests the hook that was probably meant.
        """
        import difflib

        prefix = f"{self.pm.project_name}_"
        known = [name for name in vars(self.pm.hook) if name.startswith(prefix)]
        specified = [n for n in known if getattr(self.pm.hook, n).has_spec()]
        for name in sorted(known):
            hook = getattr(self.pm.hook, name)
            if hook.has_spec():
                continue
            for impl in hook.get_hookimpls():
                if impl.optionalhook:
                    continue
                close = difflib.get_close_matches(name, specified, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.problem(impl.plugin_name, f"implements unknown hook {name!r}{hint}")

    def collect(self, *, everything: bool = False) -> None:
        """Call every registration hook of every plugin, each in isolation.

        The places to plug in of :data:`LAZY_KINDS` (commands, sheets, rules, sections) are
        collected when first read, so that building a manager does not import what they
        need (the workbook, the report, the de-duplication rules); ``everything=True``
        collects them now too (``strict`` and ``realistsynth plugins`` do, to report every
        problem).
        """
        arguments = self.host_arguments()
        for kind in KINDS:
            if kind in self._collected or (kind in LAZY_KINDS and not everything):
                continue
            self._collect_kind(kind, arguments)

    def _collect_kind(self, kind: str, arguments: Mapping[str, object]) -> None:
        self._collected.add(kind)
        hook_name, is_kind = KINDS[kind]
        shape = SHAPES.get(kind)
        for plugin_name in self.implementers(hook_name):
            info = self._plugins[plugin_name]
            try:
                results = self.call_plugin(hook_name, plugin_name, **arguments)
            except Exception as exc:  # one plugin's bug must not hide the others
                self._fail(info, f"{hook_name} raised {type(exc).__name__}: {exc}", exc)
                continue
            wrong = contributions_problem(results[0] if results else None, kind)
            if wrong is not None:
                self._fail(info, f"{hook_name} {wrong}")
                continue
            try:
                items = list(results[0])
            except Exception as exc:  # a generator that raises part-way
                self._fail(info, f"{hook_name} raised {type(exc).__name__}: {exc}", exc)
                continue
            for item in items:
                name = _name_of(item)
                if not is_kind(item) or not name:
                    self._fail(info, f"{hook_name} returned {item!r}, not one of {kind}")
                    continue
                misfits = conformance_problems(item, shape) if shape is not None else []
                if shape is not None and misfits:
                    self._fail(
                        info,
                        f"{hook_name} returned {kind[:-1].replace('_', ' ')} {name!r} "
                        f"that does not fit {shape.__name__}: " + "; ".join(misfits),
                    )
                    continue
                owner = self._owner.get((kind, name))
                if owner is not None:
                    self._fail(
                        info,
                        f"{kind[:-1].replace('_', ' ')} {name!r} is already provided by "
                        f"plugin {owner!r}; {plugin_name!r}'s is ignored",
                    )
                    continue
                self._owner[(kind, name)] = plugin_name
                self._items[kind][name] = item
                self._provides.setdefault(plugin_name, {}).setdefault(kind, []).append(name)

    def _fail(self, info: PluginInfo, error: str, exc: BaseException | None = None) -> None:
        text = _traceback_text(exc) if exc is not None else ""
        self.add_problem(PluginProblem(info.name, info.version, error, text))

    # -- reading

    @property
    def problems(self) -> tuple[PluginProblem, ...]:
        """Every plugin that failed to import, register or contribute."""
        return tuple(self._problems)

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """Every loaded plugin, built-ins first, with what each provides (of the kinds
        collected so far; see :meth:`collect`)."""
        return tuple(
            attrs.evolve(
                info,
                provides={k: tuple(v) for k, v in self._provides.get(name, {}).items()},
            )
            for name, info in self._plugins.items()
        )

    def provider(self, kind: str, name: str) -> str | None:
        """The plugin that contributed the ``kind`` called ``name``, if any."""
        return self._owner.get((kind, name))

    def items(self, kind: str) -> Mapping[str, Any]:
        """Contributions of one kind (a key of :data:`KINDS`), by name."""
        if kind not in self._collected and kind in LAZY_KINDS:
            self._collect_kind(kind, self.host_arguments())
        return MappingProxyType(self._items[kind])

    def _get(self, kind: str, name: str) -> Any:
        try:
            return self._items[kind][name]
        except KeyError:
            known = ", ".join(sorted(self._items[kind])) or "none"
            raise PluginError(
                f"no {kind[:-1].replace('_', ' ')} named {name!r} (available: {known})"
                + self.failed_plugins_note()
            ) from None

    def failed_plugins_note(self) -> str:
        """A sentence naming the plugins that failed to load, for messages about something
        missing (one of them may have provided it); empty when none failed."""
        if not self._problems:
            return ""
        names = ", ".join(dict.fromkeys(p.plugin for p in self._problems))
        return (
            f"; plugins that failed to load or contribute: {names} "
            "(see `realistsynth plugins`; `realistsynth --debug` shows their tracebacks)"
        )

    @property
    def importers(self) -> Mapping[str, Importer]:
        """Importers by format name."""
        return self.items("importers")

    @property
    def exporters(self) -> Mapping[str, Exporter]:
        """Exporters by name."""
        return self.items("exporters")

    @property
    def criteria_sets(self) -> Mapping[str, CriteriaSet]:
        """Appraisal criteria sets by name."""
        return self.items("criteria_sets")

    @property
    def frameworks(self) -> Mapping[str, OrganisingFramework]:
        """Organising frameworks by name."""
        return self.items("frameworks")

    @property
    def heuristics(self) -> Mapping[str, ConfigurationHeuristic]:
        """Configuration heuristics by name."""
        return self.items("heuristics")

    @property
    def citation_styles(self) -> Mapping[str, CitationStyle]:
        """Citation styles by name."""
        return self.items("citation_styles")

    @property
    def query_dialects(self) -> Mapping[str, QueryDialect]:
        """Query dialects by name."""
        return self.items("query_dialects")

    @property
    def confidence_approaches(self) -> Mapping[str, ConfidenceApproach]:
        """Confidence approaches by name."""
        return self.items("confidence_approaches")

    def confidence_approach(self, name: str) -> ConfidenceApproach:
        """The confidence approach called ``name``."""
        result: ConfidenceApproach = self._get("confidence_approaches", name)
        return result

    @property
    def reporting_standards(self) -> Mapping[str, ReportingStandard]:
        """Reporting standards by name."""
        return self.items("reporting_standards")

    def reporting_standard(self, name: str) -> ReportingStandard:
        """The reporting standard called ``name``."""
        result: ReportingStandard = self._get("reporting_standards", name)
        return result

    @property
    def link_kinds(self) -> Mapping[str, LinkKind]:
        """Kinds of link between CMOCs by name (the built-in four and plugins')."""
        return self.items("link_kinds")

    def link_kind(self, name: str) -> LinkKind:
        """The link kind called ``name``."""
        result: LinkKind = self._get("link_kinds", name)
        return result

    @property
    def cli_commands(self) -> Mapping[str, Any]:
        """Plugins' command-line commands (``click.Command``) by name."""
        return self.items("cli_commands")

    @property
    def workbook_sheets(self) -> Mapping[str, SheetSpec]:
        """Plugins' workbook sheets by name."""
        return self.items("workbook_sheets")

    @property
    def lint_rules(self) -> Mapping[str, LintRule]:
        """Plugins' theory lint rules by name."""
        return self.items("lint_rules")

    @property
    def report_sections(self) -> Mapping[str, ReportContribution]:
        """Plugins' contributions to the RAMESES report by name."""
        return self.items("report_sections")

    @property
    def dedup_rules(self) -> Mapping[str, DedupRule]:
        """Plugins' de-duplication rules by name."""
        return self.items("dedup_rules")

    def importer(self, name: str) -> Importer:
        """The importer called ``name``; :class:`PluginError` lists the known ones if none."""
        result: Importer = self._get("importers", name)
        return result

    def exporter(self, name: str) -> Exporter:
        """The exporter called ``name``."""
        result: Exporter = self._get("exporters", name)
        return result

    def criteria_set(self, name: str) -> CriteriaSet:
        """The criteria set called ``name``."""
        result: CriteriaSet = self._get("criteria_sets", name)
        return result

    def framework(self, name: str) -> OrganisingFramework:
        """The organising framework called ``name``."""
        result: OrganisingFramework = self._get("frameworks", name)
        return result

    def heuristic(self, name: str) -> ConfigurationHeuristic:
        """The configuration heuristic called ``name``."""
        result: ConfigurationHeuristic = self._get("heuristics", name)
        return result

    def citation_style(self, name: str) -> CitationStyle:
        """The citation style called ``name``."""
        result: CitationStyle = self._get("citation_styles", name)
        return result

    def query_dialect(self, name: str) -> QueryDialect:
        """The query dialect called ``name``."""
        result: QueryDialect = self._get("query_dialects", name)
        return result

    def choose_importer(self, head: bytes) -> Importer | None:
        """The importer most sure that data starting with ``head`` is its format, if any."""
        best: tuple[int, Importer] | None = None
        for importer in self.importers.values():
            try:
                score = int(importer.sniff(head))
            except Exception:  # a sniffing bug in one importer must not block the others
                continue
            if score > 0 and (best is None or score > best[0]):
                best = (score, importer)
        return best[1] if best else None
