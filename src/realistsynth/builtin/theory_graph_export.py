"""Built-in exporter of the programme theory diagram (``theory-svg``): one theory version (the
last by default) or, with ``lineage``, the refinement across every version, as one
self-contained SVG drawn by :mod:`realistsynth.synthesis.graph_svg`. ``realistsynth theory
graph`` writes the same diagrams and the DOT, Mermaid and GraphML texts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

import attrs

from realistsynth.errors import ExportError
from realistsynth.hookspecs import hookimpl
from realistsynth.model.review import Review
from realistsynth.protocols import Exporter, ExportOption, ExportReport

__all__ = ["TheorySvgExporter", "realistsynth_register_exporters"]


@attrs.frozen
class TheorySvgExporter:
    """The programme theory as SVG. Options: ``version``, ``lineage``."""

    name: str = "theory-svg"
    title: str = "Programme theory diagram (SVG)"
    suffix: str = ".svg"
    options = (
        ExportOption("version", str, None, "the theory version to draw (default: the last)"),
        ExportOption("lineage", bool, False, "draw the refinement across every version instead"),
    )

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the diagram of ``review`` to ``stream``."""
        from realistsynth.plugins.options import flag
        from realistsynth.synthesis.graph import lineage_graph, theory_graph
        from realistsynth.synthesis.graph_svg import render_graph_svg

        try:
            lineage = flag(options, "lineage", default=False)
        except ValueError as exc:
            raise ExportError(str(exc)) from None
        version = options.get("version")
        if lineage and version is not None:
            raise ExportError("option 'lineage' draws every version; leave out 'version'")
        graph = (
            lineage_graph(review)
            if lineage
            else theory_graph(review, version if isinstance(version, str) else None)
        )
        stream.write(render_graph_svg(graph).encode("utf-8"))
        return ExportReport()


@hookimpl
def realistsynth_register_exporters() -> list[Exporter]:
    """The theory diagram exporter."""
    return [TheorySvgExporter()]
