"""Matching two annotators' spans in one document, one-to-one.

- **Exact**: same label and the same fragments. Identical spans are paired in input order.
- **Overlap**: same label and at least one shared character. Among all one-to-one pairings the
  one chosen has, in this order of priority: the most pairs, then the most exact pairs, then the
  most shared characters, then the least non-shared characters (tighter pairs win). It is found
  exactly with the Hungarian algorithm, run separately on each connected group of overlapping
  spans; groups are almost always one span against one, so the cost stays linear in practice.
  Why not greedy by overlap size: greedy can leave a pair unmatched when one span overlaps two
  (A1 overlaps B1 by 5 and B2 by 4, A2 overlaps only B1 by 4: greedy pairs A1-B1 and stops at one
  pair, the optimum has two), which would understate F1 for no reason. The chosen pairing's
  size and total overlap do not depend on which annotator is A, so the figures are symmetric.
- **Across labels**: after overlap matching, A's and B's leftover spans that overlap are paired
  the same way regardless of label: "both marked it and disagree on the label". Leftovers of the
  same label never overlap (the overlap matching would have paired them), so every such pair has
  two different labels. What stays unpaired is "only one annotator marked it".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.agreement.units import START, Side, Unit, merged, prepare
from annotator.model import Fragment, Span

Pair = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SpanMatching:
    """A one-to-one pairing: ``pairs`` of indices into A's and B's span lists, and what is left."""

    pairs: tuple[Pair, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]


def overlap(a: Sequence[Fragment], b: Sequence[Fragment]) -> int:
    """Characters covered by both fragment lists."""
    return _shared(tuple(merged(a)), tuple(merged(b)))


def _shared(a: tuple[Fragment, ...], b: tuple[Fragment, ...]) -> int:
    if len(a) == 1 and len(b) == 1:
        return max(0, min(a[0][1], b[0][1]) - max(a[0][0], b[0][0]))
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            if s2 >= e1:
                break
            if e2 > s1:
                total += min(e1, e2) - max(s1, s2)
    return total


def match_exact(a: Sequence[Span], b: Sequence[Span]) -> SpanMatching:
    """Pair spans with the same label and the same fragments (as a multiset: duplicates pair in order)."""
    return _matching(exact_pairs(prepare(a), prepare(b)), len(a), len(b))


def match_overlap(a: Sequence[Span], b: Sequence[Span], *, same_label: bool = True) -> SpanMatching:
    """Pair overlapping spans one-to-one (see the module text for the pairing chosen).

    :param same_label: only pair spans with the same label; False pairs across labels
    """
    return _matching(overlap_pairs(prepare(a), prepare(b), same_label=same_label), len(a), len(b))


def exact_pairs(a: Sequence[Unit], b: Sequence[Unit]) -> list[Pair]:
    """:func:`match_exact` on prepared units; pairs of unit indices."""
    waiting: dict[tuple, list[int]] = defaultdict(list)
    for unit in b:
        waiting[(unit.label, unit.frags)].append(unit.index)
    pairs = []
    for unit in a:
        queue = waiting.get((unit.label, unit.frags))
        if queue:
            pairs.append((unit.index, queue.pop(0)))
    return pairs


def overlap_pairs(a: Sequence[Unit], b: Sequence[Unit], *, same_label: bool = True) -> list[Pair]:
    """:func:`match_overlap` on prepared units; pairs of unit indices."""
    if same_label:
        return side_pairs(Side(a), Side(b))
    return _pairs_from_edges(_overlapping(a, sorted(b, key=START)), a, b)


def side_pairs(a: Side, b: Side) -> list[Pair]:
    """Same-label overlap pairs of two prepared sides (see :class:`~annotator.agreement.units.Side`)."""
    edges: dict[Pair, int] = {}
    groups_b = b.by_label
    for label, units in a.by_label.items():
        others = groups_b.get(label)
        if others:
            edges.update(_overlapping(units, others))
    return _pairs_from_edges(edges, a.units, b.units)


def _pairs_from_edges(edges: dict[Pair, int], a: Sequence[Unit], b: Sequence[Unit]) -> list[Pair]:
    pairs: list[Pair] = []
    by_index_a: dict[int, Unit] = {}
    by_index_b: dict[int, Unit] = {}
    for component in _components(edges):
        if len(component) == 1:
            pairs += component
            continue
        if not by_index_a:
            by_index_a, by_index_b = {u.index: u for u in a}, {u.index: u for u in b}
        pairs += _best_pairs(component, by_index_a, by_index_b)
    return pairs


def _matching(pairs: list[Pair], count_a: int, count_b: int) -> SpanMatching:
    pairs.sort()
    used_a = {i for i, _ in pairs}
    used_b = {j for _, j in pairs}
    return SpanMatching(
        pairs=tuple(pairs),
        only_a=tuple(i for i in range(count_a) if i not in used_a),
        only_b=tuple(j for j in range(count_b) if j not in used_b),
    )


def _overlapping(a: Sequence[Unit], ordered: Sequence[Unit]) -> dict[Pair, int]:
    """Pairs whose fragments share characters, with how many; B (sorted by start) scanned until past A's end."""
    edges: dict[Pair, int] = {}
    for unit in a:
        start, end, frags = unit.start, unit.end, unit.frags
        single = len(frags) == 1
        for other in ordered:
            if other.start >= end:
                break
            if other.end > start:
                if single and len(other.frags) == 1:
                    shared = min(end, other.end) - max(start, other.start)
                else:
                    shared = _shared(frags, other.frags)
                if shared > 0:
                    edges[(unit.index, other.index)] = shared
    return edges


def _components(edges: dict[Pair, int]) -> list[dict[Pair, int]]:
    """Connected groups of overlapping spans; a pair whose two spans overlap nothing else is its own group."""
    degree_a: Counter[int] = Counter(i for i, _ in edges)
    degree_b: Counter[int] = Counter(j for _, j in edges)
    groups: list[dict[Pair, int]] = []
    tangled: dict[Pair, int] = {}
    for (i, j), shared in edges.items():
        if degree_a[i] == 1 and degree_b[j] == 1:
            groups.append({(i, j): shared})
        else:
            tangled[(i, j)] = shared
    if not tangled:
        return groups
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(node: tuple[int, int]) -> tuple[int, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in tangled:
        parent[root((0, i))] = root((1, j))
    by_root: dict[tuple[int, int], dict[Pair, int]] = defaultdict(dict)
    for (i, j), shared in sorted(tangled.items()):
        by_root[root((0, i))][(i, j)] = shared
    return groups + list(by_root.values())


def _best_pairs(component: dict[Pair, int], a: dict[int, Unit], b: dict[int, Unit]) -> list[Pair]:
    if len(component) == 1:
        return list(component)
    rows = sorted({i for i, _ in component})
    cols = sorted({j for _, j in component})
    weights = _weights(component, a, b, pairs_possible=min(len(rows), len(cols)))
    table = [[weights.get((i, j), 0) for j in cols] for i in rows]
    return [(rows[r], cols[c]) for r, c in max_weight_assignment(table) if table[r][c] > 0]


def _weights(edges: dict[Pair, int], a: dict[int, Unit], b: dict[int, Unit], *,
             pairs_possible: int) -> dict[Pair, int]:
    """One integer per pair encoding (pair, exact, shared, -unshared) lexicographically.

    Each level's base exceeds the largest total the lower levels can reach over a whole
    pairing, so a sum of weights compares like the tuple of sums (Python ints do not overflow).
    """
    levels: dict[Pair, tuple[int, int, int, int]] = {}
    longest = 1
    for (i, j), shared in edges.items():
        len_a, len_b = a[i].length, b[j].length
        longest = max(longest, len_a, len_b)
        exact = int(a[i].frags == b[j].frags)
        levels[(i, j)] = (1, exact, shared, len_a + len_b - 2 * shared)
    top_unshared = 2 * longest
    base_shared = pairs_possible * top_unshared + 1
    base_exact = pairs_possible * (longest * base_shared + top_unshared) + 1
    base_pair = pairs_possible * (base_exact + longest * base_shared + top_unshared) + 1
    return {
        pair: one * base_pair + exact * base_exact + shared * base_shared + (top_unshared - unshared)
        for pair, (one, exact, shared, unshared) in levels.items()
    }


def max_weight_assignment(weights: Sequence[Sequence[int]]) -> list[Pair]:
    """Rows paired to columns one-to-one with the largest total weight (Hungarian algorithm).

    :param weights: a rectangular table of non-negative numbers
    :return: ``(row, column)`` pairs, one per row or per column, whichever is fewer
    """
    if not weights or not weights[0]:
        return []
    transposed = len(weights) > len(weights[0])
    table = [list(col) for col in zip(*weights)] if transposed else [list(row) for row in weights]
    pairs = _hungarian_min([[-w for w in row] for row in table])
    return sorted((c, r) for r, c in pairs) if transposed else pairs


def _hungarian_min(cost: list[list[int]]) -> list[Pair]:
    """Minimum-cost assignment of every row (rows <= columns), O(rows^2 * columns)."""
    n, m = len(cost), len(cost[0])
    big = 1 + 2 * sum(abs(c) for row in cost for c in row)
    u, v = [0] * (n + 1), [0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0], col0 = row, 0
        least, used = [big] * (m + 1), [False] * (m + 1)
        while owner[col0]:
            used[col0] = True
            row0, delta, col1 = owner[col0], big, 0
            for col in range(1, m + 1):
                if not used[col]:
                    reduced = cost[row0 - 1][col - 1] - u[row0] - v[col]
                    if reduced < least[col]:
                        least[col], way[col] = reduced, col0
                    if least[col] < delta:
                        delta, col1 = least[col], col
            for col in range(m + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    least[col] -= delta
            col0 = col1
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    return sorted((owner[col] - 1, col - 1) for col in range(1, m + 1) if owner[col])


def label_confusion(a: Sequence[Span | Unit], b: Sequence[Span | Unit], pairs: Sequence[Pair]) -> Counter[tuple[str, str]]:
    """``{(label_a, label_b): count}`` over paired spans."""
    return Counter((a[i].label, b[j].label) for i, j in pairs)
