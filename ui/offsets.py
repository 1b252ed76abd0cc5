"""Code points <-> UTF-16: the one place where the window converts text positions.

The core counts Python code points; Qt counts UTF-16 units. They differ by one for every
astral character (emoji, some CJK, mathematical letters) before a position. A
:class:`Utf16Map` keeps the sorted positions of those characters and converts both ways
with a binary search, so a conversion costs O(log n) and Persian text (which has none)
costs nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Converts positions in one text between code points and UTF-16 units.

    :param text: the text the positions index (a document's stored text)
    """

    __slots__ = ("_astral", "_astral16", "length", "length16")

    def __init__(self, text: str):
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        # where each astral character starts in UTF-16: shifted by the astral ones before it
        self._astral16 = [cp + n for n, cp in enumerate(self._astral)]
        self.length = len(text)
        self.length16 = len(text) + len(self._astral)

    @property
    def is_identity(self) -> bool:
        """True when both counts agree everywhere (no astral characters)."""
        return not self._astral

    def to_utf16(self, position: int) -> int:
        """The UTF-16 offset of code-point ``position`` (0 <= position <= len(text))."""
        return position + bisect_left(self._astral, position) if self._astral else position

    def to_code_point(self, position16: int) -> int:
        """The code-point offset of UTF-16 ``position16``.

        A position inside a surrogate pair (which Qt never produces for a cursor) maps to
        the start of that character.
        """
        return position16 - bisect_left(self._astral16, position16) if self._astral else position16

    def range_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def range_to_code_points(self, start16: int, end16: int) -> tuple[int, int]:
        return self.to_code_point(start16), self.to_code_point(end16)
