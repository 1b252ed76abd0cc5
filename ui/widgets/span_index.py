"""Where each span falls on screen: lanes for overlaps and segments per text block. Qt-free.

Overlapping and nested spans get different *lanes* (0 for the outermost); the view fills
each character with the colour of its innermost span (highest lane) and draws one coloured
bar per span, stacked by lane, under the text, so every layer stays visible.
Positions in :class:`Segment` are UTF-16 offsets inside their block, as Qt wants them.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

from annotator.ids import SpanId
from annotator.model import Span
from ui.offsets import Utf16Map


class Segment(NamedTuple):
    """A span's fragment, or the part of it inside one block."""

    start: int  # UTF-16, relative to the block
    end: int
    lane: int
    span_id: SpanId
    label: str


def layered(spans: Iterable[Span]) -> list[tuple[int, int, int, SpanId, str]]:
    """Every fragment as ``(start, end, lane, span id, label)``, by start; overlapping
    fragments never share a lane.

    Fragments are taken by start, longer first, each given the lowest lane free at its start,
    so an outer span sits in a lower lane than the spans nested in it.
    """
    items = sorted((s, -e, span.id, span.label) for span in spans for s, e in span.fragments)
    out = []
    open_ends: list[tuple[int, int]] = []  # heap of (end, lane) of fragments still open
    free: list[int] = []  # heap of lanes given back
    push, pop = heapq.heappush, heapq.heappop
    for start, negative_end, span_id, label in items:
        while open_ends and open_ends[0][0] <= start:
            push(free, pop(open_ends)[1])
        lane = pop(free) if free else len(open_ends)
        push(open_ends, (-negative_end, lane))
        out.append((start, -negative_end, lane, span_id, label))
    return out


def assign_lanes(spans: Iterable[Span]) -> dict[tuple[SpanId, int, int], int]:
    """The lane of each fragment, keyed by ``(span id, start, end)``."""
    return {(span_id, s, e): lane for s, e, lane, span_id, _ in layered(spans)}


class SpanIndex:
    """Segments of every span, grouped by the block (paragraph) they fall in.

    :param text: the document text (blocks are separated by ``\\n``)
    :param offsets: the text's code point <-> UTF-16 map
    """

    def __init__(self, text: str, offsets: Utf16Map):
        self.offsets = offsets
        starts = [0]
        position = text.find("\n")
        while position >= 0:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        self.block_starts16 = [offsets.to_utf16(s) for s in starts]
        self.by_block: dict[int, tuple[Segment, ...]] = {}
        self.max_lane = 0

    def rebuild(self, spans: Iterable[Span]) -> set[int]:
        """Recompute the segments; returns the block numbers whose segments changed."""
        starts = self.block_starts16
        count = len(starts)
        to16 = None if self.offsets.is_identity else self.offsets.to_utf16
        grouped: dict[int, list[Segment]] = {}
        max_lane = 0
        for s, e, lane, span_id, label in layered(spans):
            max_lane = max(max_lane, lane)
            if to16 is not None:
                s, e = to16(s), to16(e)
            block = bisect_right(starts, s) - 1
            while True:
                base = starts[block]
                end_of_block = starts[block + 1] - 1 if block + 1 < count else e
                if e <= end_of_block:
                    grouped.setdefault(block, []).append(Segment(s - base, e - base, lane, span_id, label))
                    break
                if end_of_block > s:
                    grouped.setdefault(block, []).append(Segment(s - base, end_of_block - base, lane, span_id, label))
                block += 1
                s = starts[block]
        new = {b: tuple(sorted(segs, key=_lane_order)) for b, segs in grouped.items()}
        old = self.by_block
        changed = {b for b in new.keys() | old.keys() if new.get(b) != old.get(b)}
        self.by_block = new
        self.max_lane = max_lane
        return changed

    def segments(self, block: int) -> tuple[Segment, ...]:
        return self.by_block.get(block, ())


def _lane_order(segment: Segment) -> tuple[int, int]:
    return segment.lane, segment.start
