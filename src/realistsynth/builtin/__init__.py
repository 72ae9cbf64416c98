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
    "realistsynth.builtin.report_exporters",
    "realistsynth.builtin.flow_export",
    "realistsynth.builtin.references_export",
    "realistsynth.builtin.query_dialects",
    "realistsynth.builtin.bibtex",
    "realistsynth.builtin.endnote_xml",
    "realistsynth.builtin.tabular",
    "realistsynth.builtin.csl_json",
    "realistsynth.builtin.csv_export",
    "realistsynth.builtin.citation_styles",
    "realistsynth.builtin.xlsx_export",
    "realistsynth.builtin.ris",
    "realistsynth.builtin.medline",
    "realistsynth.builtin.endnote_tagged",
    "realistsynth.builtin.wos",
)
