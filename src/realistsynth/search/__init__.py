"""The search side of a review beyond the query language: checks of search runs against the
strategy, and the search-strategy appendix of the report.

The query language itself is :mod:`realistsynth.query`; the search data (sources, runs, the
strategy) are model objects in :mod:`realistsynth.model.search`.
"""
