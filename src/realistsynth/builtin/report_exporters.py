"""Built-in exporters of the RAMESES report: one self-contained HTML file, or Markdown.

The report modules are imported when a report is written, not when the plugin is registered:
every plugin manager registers this module, and most never write a report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

import attrs

from realistsynth.hookspecs import hookimpl
from realistsynth.model.review import Review
from realistsynth.plugins.registry import PluginManager
from realistsynth.protocols import Exporter, ExportOption, ExportReport

if TYPE_CHECKING:
    from realistsynth.report.document import ReportInputs

__all__ = ["RamesesReportExporter", "realistsynth_register_exporters"]


@attrs.frozen
class RamesesReportExporter:
    """The RAMESES report as HTML (``rameses-html``) or Markdown (``rameses-md``).

    Options: ``style``, the citation style of the reference list; ``standard``, the
    reporting standard the report is checked against (a name from plugins: ``rameses``,
    ``rameses-ii``, ``rameses-quality`` ...). With ``plugins``, the
    report includes what plugins contribute through ``realistsynth_report_sections``.
    """

    name: str
    title: str
    suffix: str
    markdown: bool
    plugins: PluginManager | None = attrs.field(default=None, eq=False, repr=False)
    options = (
        ExportOption("style", str, None, "the citation style of the reference list (default: apa)"),
        ExportOption(
            "standard",
            str,
            "rameses",
            "the reporting standard (rameses, rameses-ii, rameses-quality, or a plugin's)",
        ),
    )

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the report of ``review`` to ``stream``."""
        from realistsynth.plugins.manager import get_plugin_manager
        from realistsynth.report.document import build_report
        from realistsynth.report.inputs import gather_inputs
        from realistsynth.report.render import render_html, render_markdown

        style = options.get("style")
        name = options.get("standard") or "rameses"
        manager = self.plugins if self.plugins is not None else get_plugin_manager()
        standard = manager.reporting_standard(str(name))
        inputs = gather_inputs(review, style=style if isinstance(style, str) else None)
        if self.plugins is not None:
            inputs = _with_plugin_sections(review, inputs, self.plugins)
        report = build_report(review, inputs, standard)
        text = render_markdown(report) if self.markdown else render_html(report)
        stream.write(text.encode("utf-8"))
        gaps = sum(1 for s in report.sections if s.assessment.missing)
        unconfirmed = sum(
            1 for s in report.sections if s.assessment.item.number and not s.assessment.confirmation
        )
        warnings = [f"{gaps} item(s) have gaps in the review data"] if gaps else []
        if unconfirmed:
            warnings.append(
                f"{unconfirmed} item(s) not confirmed by a person (realistsynth report confirm)"
            )
        return ExportReport(warnings)


def _with_plugin_sections(
    review: Review, inputs: ReportInputs, plugins: PluginManager
) -> ReportInputs:
    """``inputs`` with every plugin contribution added under its RAMESES item; a builder that
    raises gives a paragraph saying so, never a failed report."""
    from realistsynth.report.document import Paragraph

    extra = {key: tuple(blocks) for key, blocks in inputs.extra.items()}
    for name, contribution in plugins.report_sections.items():
        try:
            blocks = tuple(contribution.build(review))
        except Exception as exc:  # a plugin's section must not cost the user the report
            plugin = plugins.provider("report_sections", name) or "?"
            plugins.problem(plugin, f"report section {name!r} raised {exc!r}", exc)
            blocks = (Paragraph(f"(The section {name!r} of plugin {plugin!r} failed: {exc})"),)
        extra[contribution.item] = extra.get(contribution.item, ()) + blocks
    return attrs.evolve(inputs, extra=extra)


@hookimpl
def realistsynth_register_exporters(plugins: PluginManager) -> list[Exporter]:
    """The report exporters, with the sections plugins contribute."""
    return [
        RamesesReportExporter("rameses-html", "RAMESES report (HTML)", ".html", False, plugins),
        RamesesReportExporter("rameses-md", "RAMESES report (Markdown)", ".md", True, plugins),
    ]
