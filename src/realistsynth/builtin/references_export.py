"""Built-in exporter of the reference list (``references``): the review's records formatted in
a CSL style, as plain text, HTML or Markdown.

Options: ``style`` (a style name or a .csl path; default ``apa``), ``format`` (``text``,
``html`` or ``md``; default ``text``), ``records`` (see :mod:`realistsynth.exporting`; default
``cited``: the included documents and every work the report cites), ``fragment`` (for
``html``: only the list, to embed in a page of one's own; default a complete page).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

import attrs

from realistsynth.errors import ExportError
from realistsynth.exporting import (
    RecordSelection,
    describe_selection,
    record_options,
    record_selection,
    select_records,
)
from realistsynth.hookspecs import hookimpl
from realistsynth.model.review import Review
from realistsynth.plugins.options import flag
from realistsynth.protocols import Exporter, ExportOption, ExportReport

__all__ = ["ReferencesExporter", "realistsynth_register_exporters"]


@attrs.frozen
class ReferencesExporter:
    """The reference list in a citation style."""

    name: str = "references"
    title: str = "Reference list (CSL style)"
    suffix: str = ".txt"
    options = (
        ExportOption("style", str, "apa", "a citation style name or the path of a .csl file"),
        ExportOption("format", str, "text", "the markup of the list", ("text", "html", "md")),
        *record_options(RecordSelection.CITED),
        ExportOption(
            "fragment",
            bool,
            False,
            "for html: only the list (a <div>) to embed, not a complete page",
        ),
    )

    def export(
        self, review: Review, stream: IO[bytes], options: Mapping[str, object]
    ) -> ExportReport:
        """Write the formatted reference list of ``review`` to ``stream``."""
        from realistsynth.references import format_references

        style = options.get("style") or "apa"
        fmt = options.get("format") or "text"
        if not isinstance(style, str) or not isinstance(fmt, str):
            raise ExportError("options 'style' and 'format' must be text")
        selection = record_selection(options, RecordSelection.CITED)
        records = select_records(review, selection)
        try:
            fragment = flag(options, "fragment", default=False)
        except ValueError as exc:
            raise ExportError(str(exc)) from exc
        bibliography = format_references(records, style, fmt)
        title = f"References: {review.meta.title}"
        text = bibliography.render() if fragment else bibliography.render_page(title)
        stream.write(text.encode("utf-8"))
        return ExportReport(
            [] if records else ["no records to format"],
            wrote=describe_selection(review, selection, len(records)),
        )


@hookimpl
def realistsynth_register_exporters() -> list[Exporter]:
    """The reference-list exporter."""
    return [ReferencesExporter()]
