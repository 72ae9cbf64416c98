"""Bibliographic file formats: one module per format's reader and one per writer, and the
syntax and normalisation they share.

Each ``*_reader`` / ``*_writer`` module is a built-in plugin that registers itself (listed in
:data:`realistsynth.builtin.BUILTIN_PLUGINS`). Shared pieces: :mod:`.normalise` (values mean the
same whichever format they came from), :mod:`.import_support` (provenance, ids, strict and
lenient reading), :mod:`._tagged` (the tagged formats' line reader), :mod:`.bibtex_syntax`,
:mod:`.latex` and :mod:`.tabular_mappings`. The public entry points are
:mod:`realistsynth.importing` and :mod:`realistsynth.exporting`.
"""
