"""Built-in exporter of the flow diagram (``flow-svg``): the PRISMA-style flow of records with
the realist gates, as one self-contained SVG file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

import attrs

from realistsynth.errors import ExportError
from realistsynth.hookspecs import hookimpl
from realistsynth.model.review import Review
from realistsynth.protocols import Exporter, ExportOption, ExportReport

__all__ = ["FlowSvgExporter", "realistsynth_register_exporters"]


@attrs.frozen
class FlowSvgExporter:
    """The flow diagram as SVG. Options: ``duplicates`` (a number), ``title``."""

    name: str = "flow-svg"
    title: str = "Flow diagram (SVG)"
    suffix: str = ".svg"
    options = (
        ExportOption(
            "duplicates",
            int,
            None,
            "duplicates removed before the review's records were imported (added to the box)",
        ),
        ExportOption("title", str, None, "a title above the diagram"),
    )

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the flow diagram of ``review`` to ``stream``."""
        from realistsynth.selection.flow import compute_flow
        from realistsynth.selection.flow_svg import render_flow_svg

        flow = compute_flow(review, duplicates=_duplicates(options.get("duplicates")))
        title = options.get("title")
        svg = (
            render_flow_svg(flow, title=title) if isinstance(title, str) else render_flow_svg(flow)
        )
        stream.write(svg.encode("utf-8"))
        return ExportReport([f"{f.where}: {f.message}" for f in flow.findings])


def _duplicates(value: object) -> int | None:
    # options from the command line (``--option duplicates=12``) arrive as text
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ExportError(f"option 'duplicates' must be a whole number, not {value!r}")


@hookimpl
def realistsynth_register_exporters() -> list[Exporter]:
    """The flow exporter."""
    return [FlowSvgExporter()]
