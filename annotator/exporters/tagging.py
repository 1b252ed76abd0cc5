"""Spans onto tokens: which labels can share a BIO column, and the BIO tags themselves.

Two labels *conflict* when a span of one overlaps a span of the other in some document; a label
conflicts with itself when two of its spans overlap (a quote nested in a quote). Labels that never
conflict can share one column of BIO tags.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.model import Fragment


@dataclass
class Conflicts:
    """Label overlaps seen across an export, gathered one record at a time."""

    pairs: set[frozenset[str]] = field(default_factory=set)
    discontinuous: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)

    def add(self, spans: Iterable[Mapping[str, Any]]) -> None:
        """Take in the spans of one record (dicts with ``label`` and ``fragments``)."""
        pieces = sorted((s, e, span["label"]) for span in spans for s, e in span["fragments"])
        for span in spans:
            self.seen.add(span["label"])
            if len(span["fragments"]) > 1:
                self.discontinuous.add(span["label"])
        active: list[tuple[int, str]] = []
        for start, end, label in pieces:
            active = [(e, lab) for e, lab in active if e > start]
            self.pairs.update(frozenset((label, other)) for _, other in active)
            active.append((end, label))

    def conflict(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.pairs

    def groups(self, order: Sequence[str]) -> list[tuple[str, ...]]:
        """Labels in as few columns as a greedy colouring finds, in tagset order; unused labels out.

        A label that overlaps itself gets a column of its own.
        """
        groups: list[list[str]] = []
        for label in [x for x in order if x in self.seen] + sorted(self.seen - set(order)):
            if self.conflict(label, label):
                groups.append([label])
                continue
            for group in groups:
                if not any(self.conflict(label, other) for other in group) and not self.conflict(group[0], group[0]):
                    group.append(label)
                    break
            else:
                groups.append([label])
        return [tuple(g) for g in groups]

    def entity_labels(self, order: Sequence[str]) -> tuple[str, ...]:
        """Labels fit for ``doc.ents``: continuous, never overlapping themselves or each other."""
        chosen: list[str] = []
        for label in order:
            if (label in self.seen and label not in self.discontinuous and not self.conflict(label, label)
                    and not any(self.conflict(label, other) for other in chosen)):
                chosen.append(label)
        return tuple(chosen)


def token_range(token_starts: Sequence[int], token_ends: Sequence[int], start: int, end: int) -> range:
    """Indexes of the tokens that overlap ``[start, end)`` (sorted, non-overlapping tokens)."""
    first = bisect_right(token_ends, start)
    last = bisect_left(token_starts, end)
    return range(first, last)


def bio_tags(tokens: Sequence[Fragment], spans: Iterable[Mapping[str, Any]],
             labels: Iterable[str]) -> tuple[list[str], int]:
    """BIO tags of ``tokens`` for the spans whose label is in ``labels``.

    Longer spans win: a span overlapping tokens already tagged in this column is left out.
    Each fragment of a discontinuous span starts with its own ``B-``.

    :returns: the tags and how many spans were left out
    """
    wanted = set(labels)
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    tags = ["O"] * len(tokens)
    dropped = 0
    chosen = sorted((s for s in spans if s["label"] in wanted), key=lambda s: (s["start"] - s["end"], s["start"]))
    for span in chosen:
        ranges = [token_range(starts, ends, s, e) for s, e in span["fragments"]]
        if any(tags[i] != "O" for r in ranges for i in r) or not any(ranges):
            dropped += 1
            continue
        for r in ranges:
            for i in r:
                tags[i] = ("B-" if i == r.start else "I-") + span["label"]
    return tags, dropped
