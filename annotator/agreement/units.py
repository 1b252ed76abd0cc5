"""Spans prepared once per document for agreement: merged fragments and bounds as plain attributes.

Reading ``Span.end`` computes a maximum each time; matching and layers touch every span many
times, so each span is turned into a :class:`Unit` once and the rest of the code reads that.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from operator import attrgetter

from annotator.model import Fragment, Span


def merged(fragments: Sequence[Fragment]) -> list[Fragment]:
    """Fragments sorted, with overlapping or touching ones joined."""
    out: list[list[int]] = []
    for start, end in sorted(fragments):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


class Unit:
    """One span: its position ``index`` in its list, label, merged fragments, bounds and length."""

    __slots__ = ("end", "frags", "index", "label", "length", "span", "start", "values")

    def __init__(self, index: int, span: Span):
        self.index = index
        self.span = span
        self.values: tuple | None = None  # its attribute values, filled when first compared
        self.label = span.label
        fragments = span.fragments
        if len(fragments) == 1 and fragments[0][0] < fragments[0][1]:
            self.frags: tuple[Fragment, ...] = (tuple(fragments[0]),)  # type: ignore[assignment]
        else:
            self.frags = tuple(merged(fragments))
        self.start = self.frags[0][0]
        self.end = self.frags[-1][1]
        self.length = sum(e - s for s, e in self.frags)


def prepare(spans: Sequence[Span]) -> list[Unit]:
    """Units for spans, in the order given (a unit's ``index`` is its span's position)."""
    return [Unit(i, span) for i, span in enumerate(spans)]


START = attrgetter("start")


class Side:
    """One annotator's units in one document, grouped once and reused for every pair they are in.

    ``by_label`` holds each label's units sorted by start; ``label_counts`` and ``exact`` count
    units per label and per (label, fragments).
    """

    __slots__ = ("by_label", "exact", "label_counts", "units")

    def __init__(self, units: Sequence[Unit]):
        self.units = units
        self.by_label: dict[str, list[Unit]] = {}
        for unit in units:
            group = self.by_label.get(unit.label)
            if group is None:
                self.by_label[unit.label] = [unit]
            else:
                group.append(unit)
        for group in self.by_label.values():
            group.sort(key=START)
        self.label_counts = {label: len(group) for label, group in self.by_label.items()}
        self.exact = Counter([(u.label, u.frags) for u in units])


def prepare_in_order(spans: Sequence[Span]) -> list[Unit]:
    """Units in a stable order (start, end, fragments, label, id), indexed by that order,
    so that ties between equally good pairings break the same way on every run."""
    units = prepare(spans)
    units.sort(key=lambda u: (u.start, u.end, u.frags, u.label, u.span.id))
    for index, unit in enumerate(units):
        unit.index = index
    return units
