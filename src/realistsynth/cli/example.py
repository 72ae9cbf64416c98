"""``example NAME --out DIR``: build a bundled worked example and run every exporter on it."""

from __future__ import annotations

from pathlib import Path

import click

from realistsynth.cli.common import console, handle_errors

__all__ = ["example"]

#: (exporter name, file name, options) written for every example, when the exporter exists
OUTPUTS: tuple[tuple[str, str, dict[str, object]], ...] = (
    ("xlsx", "review.xlsx", {"style": "emerald-harvard"}),
    ("flow-svg", "flow.svg", {}),
    ("theory-svg", "theory.svg", {}),
    ("theory-svg", "lineage.svg", {"lineage": True}),
    (
        "references",
        "references.html",
        {"style": "emerald-harvard", "format": "html"},
    ),
    (
        "references",
        "references.txt",
        {"style": "emerald-harvard", "format": "text"},
    ),
    ("rameses-html", "report.html", {"style": "emerald-harvard"}),
    ("rameses-md", "report.md", {"style": "emerald-harvard"}),
)


@click.command()
@click.argument("name")
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the review file and every export (created if missing).",
)
@handle_errors
def example(name: str, out: Path) -> None:
    """Build worked example NAME (ics-leadership) and write every output into --out."""
    import realistsynth as rs
    from realistsynth.examples import build_example

    out.mkdir(parents=True, exist_ok=True)
    review = build_example(name)
    manager = rs.get_plugin_manager()
    written = [out / "review.json"]
    rs.save(review, written[0])
    for exporter_name, file_name, options in OUTPUTS:
        if exporter_name not in manager.exporters:
            continue
        rs.export_to_path(review, exporter_name, out / file_name, options, plugin_manager=manager)
        written.append(out / file_name)
    shown = console()
    for path in written:
        shown.print(f"wrote [bold]{path}[/]")
