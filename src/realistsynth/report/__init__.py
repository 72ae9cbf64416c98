"""Reporting against the RAMESES publication standards for realist syntheses."""

from realistsynth.report.rameses import RAMESES_ITEMS, ItemAssessment, RamesesItem, assess

__all__ = ["RAMESES_ITEMS", "ItemAssessment", "RamesesItem", "assess"]
