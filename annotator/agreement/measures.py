"""Agreement measures as pure functions: F1, Krippendorff's alpha (nominal), Cohen's kappa.

Alpha is computed from a coincidence matrix, the way Krippendorff defines it: a unit coded by
``m >= 2`` coders adds ``1/(m-1)`` to ``o[c][k]`` for every ordered pair of distinct coders that
gave it the values ``c`` and ``k``. With ``n_c`` the row sums and ``n`` the grand total,

    alpha = 1 - (n - 1) * sum_{c != k} o[c][k] / sum_{c != k} n_c * n_k

Units coded by fewer than two coders are not pairable and drop out. Alpha is undefined (None)
when the data show no variation (one value only), since the expected disagreement is zero.

Nothing here needs numpy: the character layers hand in run-length counts ("this combination of
values, over this many characters"), so a unit's contribution is computed once per combination.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence

Coincidences = dict[tuple[Hashable, Hashable], float]


def f1(matched: int, count_a: int, count_b: int) -> float | None:
    """F1 of B against A as reference, ``2 * matched / (count_a + count_b)``: symmetric in A and B.

    :param matched: units matched one-to-one
    :param count_a: units A has; :param count_b: units B has
    :return: None when neither side has any unit
    """
    total = count_a + count_b
    return None if total == 0 else 2 * matched / total


def add_unit(o: Coincidences, values: Sequence[Hashable], weight: float = 1.0) -> None:
    """Add one unit (the values its coders gave, missing ones left out) ``weight`` times to ``o``."""
    m = len(values)
    if m < 2:
        return
    counts = Counter(values)
    scale = weight / (m - 1)
    for c, n_c in counts.items():
        for k, n_k in counts.items():
            pairs = n_c * (n_c - 1) if c == k else n_c * n_k
            if pairs:
                o[(c, k)] = o.get((c, k), 0.0) + pairs * scale


def coincidences(units: Iterable[Sequence[Hashable | None]]) -> Coincidences:
    """The coincidence matrix of units given as one value per coder, None where a coder is missing.

    Example: two coders, units (1, 1), (1, 0), (0, 0) give ``o[1][1] = 2``, ``o[1][0] = o[0][1] = 1``,
    ``o[0][0] = 2``.
    """
    o: Coincidences = {}
    for unit in units:
        add_unit(o, [v for v in unit if v is not None])
    return o


def coincidences_from_pairs(pairs: Mapping[tuple[Hashable, Hashable], int]) -> Coincidences:
    """Coincidences of two-coder units given as ``{(value_a, value_b): count}``.

    Here every value is a value, None included (e.g. "attribute left unset"), never "missing".
    """
    o: Coincidences = {}
    for (a, b), count in pairs.items():
        o[(a, b)] = o.get((a, b), 0.0) + count
        o[(b, a)] = o.get((b, a), 0.0) + count
    return o


def alpha_from_coincidences(o: Mapping[tuple[Hashable, Hashable], float]) -> float | None:
    """Krippendorff's alpha for nominal data from a coincidence matrix; None when undefined."""
    n_c: dict[Hashable, float] = {}
    observed = 0.0
    for (c, k), value in o.items():
        n_c[c] = n_c.get(c, 0.0) + value
        if c != k:
            observed += value
    n = sum(n_c.values())
    expected = n * n - sum(v * v for v in n_c.values())  # sum over c != k of n_c * n_k
    if n <= 1 or expected <= 1e-12 * n * n:
        return None
    return 1.0 - (n - 1) * observed / expected


def alpha_from_units(units: Mapping[tuple[Hashable, ...], float]) -> float | None:
    """Alpha straight from ``{values of one unit: how many such units}``, no matrix built.

    Equal to :func:`alpha_from_coincidences` of the same units: a unit with ``m`` values, ``n_c``
    of them ``c``, adds ``n_c`` to the total of ``c`` and ``(m^2 - sum n_c^2) / (m - 1)`` to the
    observed disagreement.
    """
    totals: dict[Hashable, float] = {}
    observed = 0.0
    for values, weight in units.items():
        m = len(values)
        if m < 2:
            continue
        for value in values:
            totals[value] = totals.get(value, 0.0) + weight
        if m == 2:
            differing = values[0] != values[1]
        elif m == 3:
            a, b, c = values
            differing = (a != b) + (a != c) + (b != c)
        elif m <= 6:
            differing = sum(1 for k in range(m) for j in range(k) if values[k] != values[j])
        else:
            differing = (m * m - sum(c * c for c in Counter(values).values())) // 2
        if differing:
            observed += weight * 2 * differing / (m - 1)
    n = sum(totals.values())
    expected = n * n - sum(v * v for v in totals.values())
    if n <= 1 or expected <= 1e-12 * n * n:
        return None
    return 1.0 - (n - 1) * observed / expected


def alpha_nominal(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha (nominal) of units given as one value per coder (None = missing)."""
    return alpha_from_coincidences(coincidences(units))


def cohen_kappa(pairs: Mapping[tuple[Hashable, Hashable], int]) -> float | None:
    """Cohen's kappa of a confusion table ``{(value_a, value_b): count}``; None when undefined.

    ``kappa = (p_o - p_e) / (1 - p_e)`` with ``p_e`` from each coder's own marginals; undefined
    when there are no items or both coders always used one and the same value (``p_e = 1``).
    """
    total = sum(pairs.values())
    if total == 0:
        return None
    rows: Counter[Hashable] = Counter()
    cols: Counter[Hashable] = Counter()
    agree = 0
    for (a, b), count in pairs.items():
        rows[a] += count
        cols[b] += count
        if a == b:
            agree += count
    p_o = agree / total
    p_e = sum(rows[v] * cols[v] for v in rows) / (total * total)
    if p_e >= 1.0 - 1e-12:
        return None
    return (p_o - p_e) / (1.0 - p_e)


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the defined values, None when there are none (e.g. Light's kappa)."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None
