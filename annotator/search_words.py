"""The words a document is found by: its text folded for search, ready for SQLite's FTS5.

A document's title and text are indexed for search as their words, folded, separated by
single spaces; what a user types is folded the same way. Folding:

- keeps letters and numbers (Unicode categories L and N) and lowercases them;
- writes every decimal digit as an ASCII digit, so «۲۰», «٢٠» and «20» find each other;
- folds Arabic ي/ى/ك to Persian ی/ک, as the canonical text does;
- drops combining marks (harakat) and the kashida, so a word is found with or without them;
- makes everything else a word break: spaces, punctuation, symbols, ZWNJ;
- breaks between letters and digits, so «سال۱۳۷۳» (a common slip) is found by «۱۳۷۳» too.

The result needs no further Unicode handling, so the index uses FTS5's cheap ``ascii``
tokeniser (which only splits at ASCII separators): indexing costs about a third of
``unicode61`` on the raw text. The folding runs in numpy through a table over the Basic
Multilingual Plane, so the import's worker processes prepare it alongside the tokens; short
texts (titles, queries) go through ``str.translate`` instead, with the same result.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import numpy as np

__all__ = ["SEARCH_FOLD_VERSION", "fold_character", "indexed_words", "search_text", "search_words"]

SEARCH_FOLD_VERSION: int = 1
"""Version of the folding; a change needs a migration that re-indexes every document."""

_SPACE, _DROP = 0x20, 0
_ARABIC_LETTERS = {0x064A: 0x06CC, 0x0649: 0x06CC, 0x0643: 0x06A9}  # ي ى -> ی, ك -> ک
_KASHIDA = 0x0640


def fold_character(code: int) -> int:
    """What one code point becomes in the search text: a code point, a space (0x20) for a
    word break, or 0 to drop it."""
    char = chr(code)
    category = unicodedata.category(char)
    if code in _ARABIC_LETTERS:
        return _ARABIC_LETTERS[code]
    if category == "Nd":
        return 0x30 + unicodedata.decimal(char)
    if category[0] == "M" or code == _KASHIDA:
        return _DROP
    if category[0] in "LN":
        lower = char.lower()
        return ord(lower) if len(lower) == 1 else code
    return _SPACE


@cache
def _bmp_table() -> np.ndarray:
    return np.fromiter((fold_character(code) for code in range(0x10000)), dtype=np.uint32, count=0x10000)


def _fold(codes: np.ndarray) -> np.ndarray:
    table = _bmp_table()
    if not len(codes) or codes.max() <= 0xFFFF:
        return table[codes]
    astral = codes > 0xFFFF
    folded = table[codes & 0xFFFF]
    folded[astral] = [fold_character(int(code)) for code in codes[astral]]
    return folded


def search_text(text: str) -> str:
    """``text``'s words, folded for search, separated by single spaces."""
    if not text:
        return ""
    return _search_text_short(text) if len(text) <= _SHORT else _fold_with_numpy(text)


def _fold_with_numpy(text: str) -> str:
    folded = _fold(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32))
    folded = folded[folded != _DROP]
    is_space = folded == _SPACE
    is_digit = (folded >= 0x30) & (folded <= 0x39)
    breaks = ~is_space[1:] & ~is_space[:-1] & (is_digit[1:] != is_digit[:-1])
    if breaks.any():
        folded = np.insert(folded, np.flatnonzero(breaks) + 1, _SPACE)
        is_space = folded == _SPACE
    keep = ~is_space
    keep[1:] |= ~is_space[:-1]  # a space stays only right after a word character
    return folded[keep].tobytes().decode("utf-32-le").strip()


# Below this length (titles, what a user types) numpy's cost per call outweighs its speed per
# character: the same folding is done with str.translate and a regular expression.
_SHORT = 128
_DIGIT_NEXT_TO_LETTER = re.compile("(?<=[0-9])(?=[^ 0-9])|(?<=[^ 0-9])(?=[0-9])")


class _Translation(dict[int, str]):
    """``str.translate``'s table of the folding: the characters of the Basic Multilingual
    Plane that change, and any other character once it has been met."""

    def __missing__(self, code: int) -> str:
        folded = fold_character(code)
        self[code] = value = chr(folded) if folded else ""
        return value


@cache
def _translation() -> _Translation:
    table = _bmp_table()
    changed = np.flatnonzero(table != np.arange(0x10000, dtype=np.uint32))
    return _Translation((int(code), chr(table[code]) if table[code] else "") for code in changed)


def _search_text_short(text: str) -> str:
    folded = text.translate(_translation())
    return " ".join(_DIGIT_NEXT_TO_LETTER.sub(" ", folded).split()) if folded else ""


def indexed_words(text: str) -> bytes:
    """:func:`search_text` as UTF-8: what the search index is given. Import workers hand it
    over so, and SQLite takes it as it is (``CAST(? AS TEXT)``): the writer neither decodes
    nor encodes it."""
    return search_text(text).encode("utf-8")


def search_words(query: str) -> list[str]:
    """The words of what a user typed, folded as the index is."""
    return search_text(query).split()
