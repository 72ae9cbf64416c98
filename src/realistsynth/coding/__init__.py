"""Coding done elsewhere: REFI-QDA project exchange (``.qdpx``) with NVivo, ATLAS.ti and
MAXQDA, both ways.

* :mod:`~realistsynth.coding.archive` opens a ``.qdpx`` zip safely (no path leaves the
  archive, no compression bomb);
* :mod:`~realistsynth.coding.qde` reads ``project.qde`` (REFI-QDA Project 1.0) into plain
  values: users, the nested codebook, sources with their text, coded selections, notes;
* :mod:`~realistsynth.coding.mapping` says what a code means for the review (an element of a
  CMOC, a whole CMOC, a tag), by a mapping file or by the default convention;
* :mod:`~realistsynth.coding.qdpx_import` applies a project to a review, all or nothing;
* :mod:`~realistsynth.coding.qdpx_export` writes a review as a project the tools can open.
"""

from realistsynth.coding.mapping import CodeMapping, CodeTarget, load_mapping
from realistsynth.coding.qdpx_export import QdpxExportReport, export_qdpx
from realistsynth.coding.qdpx_import import CodingImportReport, SkippedSelection, import_qdpx

__all__ = [
    "CodeMapping",
    "CodeTarget",
    "CodingImportReport",
    "QdpxExportReport",
    "SkippedSelection",
    "export_qdpx",
    "import_qdpx",
    "load_mapping",
]
