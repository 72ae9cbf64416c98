"""Built-in reporting standards, as a plugin: RAMESES (realist syntheses), RAMESES II
(realist evaluations) and the RAMESES quality standards; defined in
:mod:`realistsynth.report.standards`."""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.protocols import ReportingStandard
from realistsynth.report.standards import RAMESES, RAMESES_II, RAMESES_QUALITY

__all__ = ["realistsynth_register_reporting_standards"]


@hookimpl
def realistsynth_register_reporting_standards() -> list[ReportingStandard]:
    """The built-in reporting standards."""
    return [RAMESES, RAMESES_II, RAMESES_QUALITY]
