"""Offsets into a raw text, moved onto its canonical form (and UTF-16 offsets onto code points).

:func:`annotator.text.canonicalize` only deletes characters, replaces one character by a fixed
string (``ي`` -> ``ی``, a presentation form -> its letters) and turns ``\\r\\n`` into ``\\n``; it never
inserts. So one forward walk over both texts finds where every raw character went.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from annotator.errors import InputError
from annotator.model import Fragment
from annotator.text import canonicalize

# Characters canonicalisation may drop depending on their neighbours.
_CONTEXT_DELETABLE = frozenset("\u200c\u200d\u0640\r")


@lru_cache(maxsize=4096)
def _image(ch: str) -> str:
    """What canonicalisation turns one character into when it has no neighbours."""
    if ch in _CONTEXT_DELETABLE:
        return ch
    try:
        return canonicalize(ch)
    except Exception:  # noqa: BLE001 - a context rule that needs neighbours; treat as kept
        return ch


@lru_cache(maxsize=4096)
def _diacritic_image(ch: str) -> str:
    """What canonicalisation with diacritics stripped turns one lone character into."""
    if ch in _CONTEXT_DELETABLE:
        return ch
    try:
        return canonicalize(ch, strip_diacritics=True)
    except Exception:  # noqa: BLE001
        return ch


def offset_map(raw: str, canonical: str, *, strip_diacritics: bool = False) -> list[int]:
    """Where each raw position lands in the canonical text: a list of ``len(raw) + 1`` positions.

    ``m[i]`` is the canonical position of raw character ``i`` (or of the next character kept, when
    ``i`` was deleted); ``m[len(raw)] == len(canonical)``. The list never decreases.

    :param raw: the text as read
    :param canonical: ``canonicalize(raw, strip_diacritics=strip_diacritics)``
    :param strip_diacritics: whether the canonical form dropped diacritics
    :raises InputError: when ``canonical`` is not a canonical form of ``raw``
    """
    removed = _diacritic_image if strip_diacritics else _image
    positions = [0] * (len(raw) + 1)
    j = 0
    for i, ch in enumerate(raw):
        positions[i] = j
        if _crlf(raw, i, removed):  # \r\n -> \n (characters removed outright may sit between)
            continue
        if j < len(canonical) and canonical[j] == ch:
            j += 1
            continue
        image = "\n" if ch == "\r" else removed(ch)
        if image and image != ch and canonical.startswith(image, j):
            j += len(image)
        elif image == "" or ch in _CONTEXT_DELETABLE:
            continue
        else:
            raise InputError(f"cannot line up the text with its canonical form at character {i} "
                             f"({ch!r}); this is a bug, please report it")
    positions[len(raw)] = j
    if j != len(canonical):
        raise InputError(f"cannot line up the text with its canonical form ({len(canonical) - j} "
                         "characters left over); this is a bug, please report it")
    return positions


def _crlf(raw: str, i: int, removed: Callable[[str], str]) -> bool:
    if raw[i] != "\r":
        return False
    k = i + 1
    while k < len(raw) and raw[k] not in _CONTEXT_DELETABLE and removed(raw[k]) == "":
        k += 1
    return k < len(raw) and raw[k] == "\n"


def map_fragments(fragments: list[Fragment], positions: list[int]) -> list[Fragment]:
    """Raw ``(start, end)`` pairs as canonical ones; pairs left empty are dropped.

    :param fragments: offsets into the raw text, each within ``0..len(raw)``
    :param positions: :func:`offset_map` of the raw and canonical text
    """
    mapped = [(positions[s], positions[e]) for s, e in fragments]
    return [(s, e) for s, e in mapped if s < e]


def utf16_positions(text: str) -> dict[int, int]:
    """UTF-16 code-unit offsets of ``text`` -> code-point offsets (only offsets between characters).

    :param text: a text that may hold astral characters (emoji), which JavaScript counts twice
    """
    table: dict[int, int] = {}
    unit = 0
    for i, ch in enumerate(text):
        table[unit] = i
        unit += 2 if ord(ch) > 0xFFFF else 1
    table[unit] = len(text)
    return table


def has_astral(text: str) -> bool:
    """Whether UTF-16 and code-point offsets differ anywhere in ``text``."""
    return any(ord(ch) > 0xFFFF for ch in text)
