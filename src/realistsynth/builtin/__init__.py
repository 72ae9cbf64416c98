"""realistsynth's own plugins: ordinary plugin modules, registered like third-party ones.

:data:`BUILTIN_PLUGINS` is the one list of them; ``realistsynth plugins`` shows them apart from
third-party plugins. Each module implements ``realistsynth_register_*`` hooks with
:data:`realistsynth.hookimpl`.
"""

__all__ = ["BUILTIN_PLUGINS"]

#: Module names of the built-in plugins, in registration order.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "realistsynth.builtin.frameworks",
    "realistsynth.builtin.heuristics",
    "realistsynth.builtin.criteria",
    "realistsynth.builtin.confidence",
    "realistsynth.builtin.reporting_standards",
    "realistsynth.builtin.report_exporters",
    "realistsynth.builtin.flow_export",
    "realistsynth.builtin.theory_graph_export",
    "realistsynth.builtin.references_export",
    "realistsynth.builtin.query_dialects",
    "realistsynth.builtin.link_kinds",
    "realistsynth.formats.bibtex_reader",
    "realistsynth.formats.bibtex_writer",
    "realistsynth.formats.endnote_xml_reader",
    "realistsynth.formats.tabular_reader",
    "realistsynth.formats.csl_json",
    "realistsynth.formats.openalex_reader",
    "realistsynth.formats.csv_writer",
    "realistsynth.builtin.citation_styles",
    "realistsynth.workbook.xlsx_writer",
    "realistsynth.formats.ris_reader",
    "realistsynth.formats.ris_writer",
    "realistsynth.formats.medline_reader",
    "realistsynth.formats.endnote_tagged_reader",
    "realistsynth.formats.wos_reader",
)
