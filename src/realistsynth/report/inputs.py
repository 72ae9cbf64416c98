"""Gathering what the RAMESES report includes from the other capabilities.

The report document depends only on the core model; this module is the one place that asks the
other capabilities (flow diagram, search appendix, reference list) for their part, so adding a
capability to the report is one change here.
"""

from __future__ import annotations

from realistsynth.model.review import Review
from realistsynth.report.document import ReportInputs

__all__ = ["gather_inputs"]


def gather_inputs(review: Review, *, style: str | None = None) -> ReportInputs:
    """Everything the report of ``review`` can include beyond the core model.

    :param style: the citation style of the reference list (a registered style name).
    """
    del style  # the reference list joins the report once formatted references exist
    return ReportInputs()
