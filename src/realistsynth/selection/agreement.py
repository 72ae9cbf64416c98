"""Inter-rater agreement: percent agreement, Cohen's kappa and Gwet's AC1, each with a
standard error and a confidence interval.

Screening has a low inclusion rate: two reviewers who both exclude 95% of records agree on
almost everything, yet Cohen's kappa can be low or even negative because its chance term is
built from the very skewed margins (the "kappa paradox", Feinstein and Cicchetti 1990). Gwet's
AC1 uses a chance term that stays small when margins are skewed, so both are reported.

The functions work on a square contingency table (rows: reviewer A's category, columns:
reviewer B's) and are plain Python: screening tables are tiny, and numpy would buy nothing.

Formulas (``p_kl`` the table divided by ``n``, ``r_k`` and ``c_k`` the row and column margins,
``q`` the number of categories):

- percent agreement ``pa = sum_k p_kk``; its standard error ``sqrt(pa (1 - pa) / n)``.
- Cohen's kappa ``(pa - pe) / (1 - pe)`` with ``pe = sum_k r_k c_k``; standard error of
  Fleiss, Cohen and Everitt (1969), the large-sample one statsmodels, SPSS and Gwet's irrCAC
  report.
- Gwet's AC1 ``(pa - pe) / (1 - pe)`` with ``pe = sum_k pi_k (1 - pi_k) / (q - 1)`` and
  ``pi_k = (r_k + c_k) / 2``; standard error of Gwet (2008, British Journal of Mathematical
  and Statistical Psychology 61:29-48), without finite-population correction.

Intervals are ``value ± z * se`` with the normal quantile ``z`` (1.96 for 95%), cut at the
coefficient's bounds (1 above; -1, or 0 for percent agreement, below). Both
coefficients are checked in the tests against Gwet's own published worked example (the
``cont3x3abstractors`` table of the irrCAC package).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from statistics import NormalDist

from attrs import frozen

__all__ = ["Agreement", "Coefficient", "agreement", "agreement_from_table"]


@frozen
class Coefficient:
    """An agreement coefficient with its standard error and confidence interval.

    ``value`` is ``None`` where the coefficient is undefined (for kappa: both reviewers used one
    and the same category for every record, so ``pe = 1``).
    """

    value: float | None
    se: float | None
    low: float | None
    high: float | None

    @classmethod
    def undefined(cls) -> Coefficient:
        """A coefficient that cannot be computed from the table."""
        return cls(None, None, None, None)


@frozen
class Agreement:
    """Agreement of two reviewers on the same ``n`` items.

    :ivar categories: the categories, in the order of the table's rows and columns.
    :ivar table: ``table[k][l]`` counts items reviewer A put in ``k`` and B in ``l``.
    :ivar confidence: the level of the intervals (0.95).
    """

    n: int
    categories: tuple[str, ...]
    table: tuple[tuple[int, ...], ...]
    confidence: float
    percent: Coefficient
    kappa: Coefficient
    ac1: Coefficient

    @property
    def disagreements(self) -> int:
        """How many items the two reviewers put in different categories."""
        return sum(
            self.table[k][m]
            for k in range(len(self.categories))
            for m in range(len(self.categories))
            if k != m
        )


def _interval(value: float, se: float, z: float, floor: float = -1.0) -> Coefficient:
    # a coefficient cannot exceed 1 (nor kappa fall below -1): the interval is cut there, as
    # Gwet's irrCAC does, rather than report impossible values for small samples
    return Coefficient(value, se, max(floor, value - z * se), min(1.0, value + z * se))


def agreement_from_table(
    table: Sequence[Sequence[int]], categories: Sequence[str], *, confidence: float = 0.95
) -> Agreement:
    """Agreement statistics of a square contingency table.

    >>> a = agreement_from_table([[20, 5], [10, 15]], ["yes", "no"])
    >>> round(a.percent.value, 3), round(a.kappa.value, 3)
    (0.7, 0.4)

    :raises ValueError: if the table is not square, has negative counts, or is empty.
    """
    q = len(categories)
    if q == 0 or len(table) != q or any(len(row) != q for row in table):
        raise ValueError(f"the table must be {q} x {q}, one row and column per category")
    if any(cell < 0 for row in table for cell in row):
        raise ValueError("the table has a negative count")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    n = sum(sum(row) for row in table)
    if n == 0:
        raise ValueError("no item was rated by both reviewers")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = [[cell / n for cell in row] for row in table]
    rows = [sum(p[k]) for k in range(q)]
    cols = [sum(p[k][m] for k in range(q)) for m in range(q)]
    pa = sum(table[k][k] for k in range(q)) / n
    percent = _interval(pa, math.sqrt(pa * (1 - pa) / n), z, floor=0.0)
    return Agreement(
        n=n,
        categories=tuple(categories),
        table=tuple(tuple(int(c) for c in row) for row in table),
        confidence=confidence,
        percent=percent,
        kappa=_kappa(p, rows, cols, pa, n, z),
        ac1=_ac1(p, rows, cols, pa, n, z),
    )


def _kappa(
    p: list[list[float]], rows: list[float], cols: list[float], pa: float, n: int, z: float
) -> Coefficient:
    q = len(rows)
    pe = sum(rows[k] * cols[k] for k in range(q))
    if math.isclose(pe, 1.0):
        return Coefficient.undefined()
    kappa = (pa - pe) / (1 - pe)
    # Fleiss, Cohen & Everitt (1969), equation 13
    diagonal = sum(p[k][k] * (1 - (rows[k] + cols[k]) * (1 - kappa)) ** 2 for k in range(q))
    off = (1 - kappa) ** 2 * sum(
        p[k][m] * (cols[k] + rows[m]) ** 2 for k in range(q) for m in range(q) if k != m
    )
    variance = (diagonal + off - (kappa - pe * (1 - kappa)) ** 2) / (n * (1 - pe) ** 2)
    return _interval(kappa, math.sqrt(max(variance, 0.0)), z)


def _ac1(
    p: list[list[float]], rows: list[float], cols: list[float], pa: float, n: int, z: float
) -> Coefficient:
    q = len(rows)
    if q < 2:
        return Coefficient.undefined()
    pi = [(rows[k] + cols[k]) / 2 for k in range(q)]
    pe = sum(x * (1 - x) for x in pi) / (q - 1)
    ac1 = (pa - pe) / (1 - pe)
    # Gwet (2008), variance of AC1 for two raters, sampling fraction f = 0
    term_a = pa * (1 - pa)
    term_b = 4 * (1 - ac1) * (sum(p[k][k] * (1 - pi[k]) for k in range(q)) / (q - 1) - pa * pe)
    term_c = (
        4
        * (1 - ac1) ** 2
        * (
            sum(p[k][m] * (1 - (pi[k] + pi[m]) / 2) ** 2 for k in range(q) for m in range(q))
            / (q - 1) ** 2
            - pe**2
        )
    )
    variance = (term_a - term_b + term_c) / (n * (1 - pe) ** 2)
    return _interval(ac1, math.sqrt(max(variance, 0.0)), z)


def agreement(
    pairs: Iterable[tuple[str, str]],
    categories: Sequence[str] | None = None,
    *,
    confidence: float = 0.95,
) -> Agreement:
    """Agreement of two reviewers from their paired ratings ``(a, b)``, one pair per item.

    :param categories: the categories to tabulate, in order; by default those used by either
        reviewer, sorted. AC1's chance term depends on the number of categories, so pass the
        full list when a category exists that neither reviewer happened to use.
    :raises ValueError: if a rating is not among ``categories`` or there are no pairs.
    """
    pairs = list(pairs)
    cats = list(categories) if categories is not None else sorted({c for pr in pairs for c in pr})
    index = {c: i for i, c in enumerate(cats)}
    table = [[0] * len(cats) for _ in cats]
    for a, b in pairs:
        if a not in index or b not in index:
            raise ValueError(f"rating {a if a not in index else b!r} is not one of {cats}")
        table[index[a]][index[b]] += 1
    return agreement_from_table(table, cats, confidence=confidence)
