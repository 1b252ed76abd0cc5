"""Where quotation marks open and close, and the paragraphs and headline of a text.

Persian news quotes with «» and, less carefully, with straight ``"`` (and sometimes “”). A
quote that runs over several paragraphs opens every paragraph with « and closes only once
(«...¶«...¶«...»): such a region is one :class:`Region` with ``multi`` set.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

OPENERS = "«“"
CLOSERS = "»”"
_MARKS = re.compile('[«»“”\n]')
_STRAIGHT = re.compile('"')


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch between an opening and its closing mark; ``close`` is the closing mark's offset."""

    open: int
    close: int
    multi: bool = False

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close

    def contains(self, start: int, end: int) -> bool:
        return self.open < start and end <= self.close


def _next_line_opens(text: str, newline: int) -> bool:
    i = newline + 1
    while i < len(text) and text[i] in " \t":
        i += 1
    return i < len(text) and text[i] in OPENERS


def _guillemet_regions(text: str) -> list[Region]:
    regions: list[Region] = []
    stack: list[int] = []
    multi: set[int] = set()
    continuing = False
    for m in _MARKS.finditer(text):
        ch, at = m.group(), m.start()
        if ch == "\n":
            continuing = bool(stack) and _next_line_opens(text, at)
            if not continuing:
                stack.clear()
        elif ch in OPENERS:
            if continuing and stack:
                multi.add(stack[0])
            else:
                stack.append(at)
            continuing = False
        elif stack:
            opened = stack.pop()
            regions.append(Region(opened, at, opened in multi))
    return regions


def _straight_regions(text: str) -> list[Region]:
    """Straight quotes, paired within each paragraph; an odd one out is ignored."""
    regions = []
    start = 0
    for line in text.split("\n"):
        marks = [start + m.start() for m in _STRAIGHT.finditer(line)]
        regions += [Region(a, b) for a, b in zip(marks[::2], marks[1::2])]
        start += len(line) + 1
    return regions


def quote_regions(text: str) -> list[Region]:
    """Every quotation-mark region of ``text``, by opening offset (nested ones included)."""
    return sorted(_guillemet_regions(text) + _straight_regions(text), key=lambda r: (r.open, -r.close))


def paragraph_bounds(text: str, at: int) -> tuple[int, int]:
    """The ``[start, end)`` of the line holding offset ``at`` (no newline included)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def headline_end(text: str) -> int:
    """Where the body starts when the first line is a headline (followed by a blank line), else 0.

    Headlines («وزیر: ...») repeat the article and are not annotated.
    """
    first = text.find("\n")
    if first < 0 or not text[first + 1:].lstrip(" \t").startswith("\n"):
        return 0
    line = text[:first].rstrip()
    return 0 if not line or line[-1] in ".!؟?" else first


class Regions:
    """Fast questions about the regions of one text."""

    def __init__(self, regions: list[Region]):
        self.all = regions
        self._opens = [r.open for r in regions]

    def enclosing(self, start: int, end: int) -> Region | None:
        """The outermost region whose content holds ``[start, end)``."""
        for region in self.all[:bisect_right(self._opens, start)]:
            if region.contains(start, end):
                return region
        return None

    def starting_at(self, at: int) -> Region | None:
        """The longest region whose opening mark is at ``at``."""
        i = bisect_right(self._opens, at) - 1
        found = None
        while i >= 0 and self._opens[i] == at:
            if found is None or self.all[i].close > found.close:
                found = self.all[i]
            i -= 1
        return found

    def inside(self, start: int, end: int) -> list[Region]:
        """Regions that lie wholly within ``[start, end)``."""
        return [r for r in self.all if start <= r.open and r.close < end]

    def closing_before(self, at: int, limit: int) -> Region | None:
        """The region that closes last before ``at`` and after ``limit``."""
        best = None
        for region in self.all:
            if limit <= region.close < at and (best is None or region.close > best.close):
                best = region
        return best
