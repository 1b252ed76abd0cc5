"""The canonical text: what a document's text is stored as, and every offset points into.

:func:`canonicalize` is conservative and idempotent (see ``design/persian-and-qt.md``,
"Canonical text at import"): a clean Persian text comes back unchanged. :mod:`annotator.text`
tokenises the result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np

__all__ = ["CANON_VERSION", "REMOVED_CHARACTERS", "UNICODE_SPACES", "ZWJ", "ZWNJ", "canonicalize", "char_class"]

CANON_VERSION: int = 1
"""Version of :func:`canonicalize`'s rules; bump whenever its output could change."""

ZWNJ = "\u200c"
ZWJ = "\u200d"

# --- canonicalisation tables -------------------------------------------------------------

_LETTERS = {
    "\u064a": "\u06cc",  # Arabic yeh ي -> Farsi yeh ی
    "\u0649": "\u06cc",  # alef maksura ى -> ی
    "\u0643": "\u06a9",  # Arabic kaf ك -> keheh ک
    "\u06c1": "\u0647",  # heh goal ہ -> ه
    "\u06d5": "\u0647",  # ae ە -> ه
}
_DIGITS = {chr(0x0660 + i): chr(0x06F0 + i) for i in range(10)}
REMOVED_CHARACTERS = (
    "\u200b\u2060\ufeff\u00ad"  # ZWSP, word joiner, BOM/ZWNBSP, soft hyphen
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
)
# Every Unicode space separator (Zs) except the plain space itself.
UNICODE_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_LINE_SEPARATORS = "\u2028\u2029\u0085"  # \r and \r\n are replaced afterwards
_DIACRITICS = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670" + "".join(map(chr, range(0x06D6, 0x06EE)))
_PRESENTATION_FORMS = [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]


def _build_map(*, strip_diacritics: bool) -> dict[str, str]:
    """Character -> replacement (``""`` to remove) for the one-character rules."""
    mapping = _LETTERS | _DIGITS
    mapping |= dict.fromkeys(REMOVED_CHARACTERS, "") | dict.fromkeys(UNICODE_SPACES, " ")
    mapping |= dict.fromkeys(_LINE_SEPARATORS, "\n")
    if strip_diacritics:
        mapping |= dict.fromkeys(_DIACRITICS, "")
    simple = str.maketrans(mapping)
    for cp in _PRESENTATION_FORMS:  # NFKC only these, then the simple rules on the result
        expanded = unicodedata.normalize("NFKC", chr(cp))
        if expanded != chr(cp):
            mapping[chr(cp)] = expanded.translate(simple)
    return mapping


def char_class(chars: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any one of ``chars``, written with ranges."""
    cps, parts = sorted(map(ord, chars)), []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(re.escape(chr(cps[i])) + (f"-{re.escape(chr(cps[j]))}" if j > i else ""))
        i = j + 1
    return re.compile(f"[{''.join(parts)}]")


# Applied with one str.replace per distinct character that occurs: on real articles several
# times faster than str.translate, which looks up every character. Which of the ~800 mapped
# characters occur is found in one numpy pass over the code points.
_MAP = _build_map(strip_diacritics=False)
_MAP_STRIP = _build_map(strip_diacritics=True)


def _mapped_table(mapping: dict[str, str]) -> np.ndarray:
    table = np.zeros(0x110000, dtype=bool)  # 1.1 MB: indexed directly, no clipping pass
    table[[ord(char) for char in mapping]] = True
    return table


_MAPPED = _mapped_table(_MAP)
_MAPPED_STRIP = _mapped_table(_MAP_STRIP)


def _mapped_in(raw: str, table: np.ndarray) -> list[str]:
    """The distinct characters of ``raw`` that ``table`` marks, in code point order."""
    codes = np.frombuffer(raw.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes = codes[table[codes]]
    return [chr(code) for code in np.unique(codes)]


_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21ff\u2300-\u23ff\u24c2\u25a0-\u27bf"
    "\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299\ufe0f"
    "\U0001f000-\U0001faff\U000e0020-\U000e007f"
)
_STRAY_ZWJ = re.compile(f"(?<![{_EMOJI}]){ZWJ}|{ZWJ}(?![{_EMOJI}])")
_KASHIDA_RUN = re.compile("\u0640\u0640*")  # starting with a plain character: see _ZWNJ_BEFORE_EDGE
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

# Arabic-script letters that never join to the letter after them (joining types R and U in
# Unicode's ArabicShaping.txt): a ZWNJ after one of them changes nothing on screen.
_NON_LEFT_JOINING = frozenset(
    "\u0621\u0622\u0623\u0624\u0625\u0627\u0629\u062f\u0630\u0631\u0632\u0648"
    "\u0671\u0672\u0673\u0674\u0675\u0676\u0677"
    + "".join(map(chr, range(0x0688, 0x069A)))
    + "\u06c0\u06c3\u06c4\u06c5\u06c6\u06c7\u06c8\u06c9\u06ca\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5"
    "\u06ee\u06ef\u0759\u075a\u075b\u076b\u076c\u0771\u0773\u0774\u0778\u0779"
    "\u08aa\u08ab\u08ac\u08ad\u08ae\u08b1\u08b2\u08b9"
)
_EDGE_CATEGORIES = frozenset("ZPSC")  # separators, punctuation, symbols (emoji), controls


def _arabic_letters(*, joining: bool) -> str:
    """A regex class of the Arabic-script letters (only those that join the next one)."""
    letters = (
        chr(cp) for lo, hi in _ARABIC_BLOCKS for cp in range(lo, hi + 1)
        if unicodedata.category(chr(cp))[0] == "L" and not (joining and chr(cp) in _NON_LEFT_JOINING)
    )
    return char_class(letters).pattern


def _fix_zwnj(text: str) -> str:
    """:func:`_zwnj_or_nothing` applied to every ZWNJ run, with the common cases done in C."""
    return _ZWNJ_TO_CHECK.sub(_zwnj_or_nothing, _ZWNJ_BEFORE_EDGE.sub("", text))


# A ZWNJ run before a space, a line break or punctuation never shows: dropped without a look at
# what comes before it. Only characters of the categories in _EDGE_CATEGORIES may be listed.
# (Written as one ZWNJ and then more, not ZWNJ+: a pattern that starts with a plain character
# lets the regex engine skip to each ZWNJ, four times faster on Persian text.)
_EDGE_PUNCTUATION = ".,،:;؛!?؟«»()[]{}\"'-/"
_ZWNJ_BEFORE_EDGE = re.compile(ZWNJ + ZWNJ + r"*(?:\Z|(?=[\s" + re.escape(_EDGE_PUNCTUATION) + "]))")
# The ZWNJ runs that _zwnj_or_nothing has to look at: all but the usual single ZWNJ between a
# letter that joins the next one and a letter (می‌کنیم), which it would keep as it is anyway.
# (Written to start with the ZWNJ itself, so that the regex engine can skip to each one.)
_ZWNJ_TO_CHECK = re.compile(
    f"{ZWNJ}(?:{ZWNJ}+|(?<!{_arabic_letters(joining=True)}{ZWNJ})|(?!{_arabic_letters(joining=False)}))"
)


def _before(text: str, i: int, skip: tuple[str, ...]) -> str:
    """The character before position ``i``, skipping those whose category is in ``skip``."""
    i -= 1
    while i >= 0 and unicodedata.category(text[i]) in skip:
        i -= 1
    return text[i] if i >= 0 else ""


def _joins_next(ch: str) -> bool:
    """Whether ``ch`` is an Arabic-script letter that joins the letter after it."""
    if not ch or ch in _NON_LEFT_JOINING or unicodedata.category(ch)[0] != "L":
        return False
    return any(lo <= ord(ch) <= hi for lo, hi in _ARABIC_BLOCKS)


def _unless_dash(match: re.Match[str]) -> str:
    """Drop kashida that stretches a letter; keep a run that stands alone as a dash.

    Only a letter that joins the next one can be stretched: after a space, a digit, a ZWNJ
    or a letter such as ا (``۱ــ``, ``الف‌ــ``, ``نسبتی ــ هرچند``) a kashida is a dash.
    """
    return "" if _joins_next(_before(match.string, match.start(), ("Mn", "Me"))) else match.group()


def _zwnj_or_nothing(match: re.Match[str]) -> str:
    """One ZWNJ for a run that sits between a left-joining and a following letter, else ''."""
    text, j = match.string, match.end()
    before = _before(text, match.start(), ("Mn", "Me"))  # diacritics are transparent
    if not before or j >= len(text):
        return ""
    after = text[j]
    if before in _NON_LEFT_JOINING:
        return ""
    if unicodedata.category(before)[0] in _EDGE_CATEGORIES:
        return ""
    if unicodedata.category(after)[0] in _EDGE_CATEGORIES:
        return ""
    return ZWNJ


def canonicalize(raw: str, *, strip_diacritics: bool = False) -> str:
    """Return the canonical form of ``raw``: the text that is stored and annotated.

    Conservative and idempotent; a clean Persian text comes back unchanged. Maps Arabic
    ي ى ك ہ ە to ی ک ه and ٠-٩ to ۰-۹; expands Arabic presentation forms (ﻻ ﷲ ﷼) by NFKC;
    removes kashida that stretches a letter (a run that stands alone as a dash stays),
    bidi controls, ZWSP, BOM, soft hyphen and word joiner; turns other
    Unicode spaces into a space and every line ending into ``\\n``; keeps ZWJ only inside
    emoji sequences; collapses ZWNJ runs and drops a ZWNJ that has no visible effect (at a
    word edge, or after a letter that does not join the next one). Never inserts a ZWNJ.

    :param raw: the text as imported
    :param strip_diacritics: also remove Arabic harakat (U+064B-065F, U+0670, U+06D6-06ED)
    """
    mapping, table = (_MAP_STRIP, _MAPPED_STRIP) if strip_diacritics else (_MAP, _MAPPED)
    text = raw
    for char in _mapped_in(raw, table):
        text = text.replace(char, mapping[char])
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if ZWJ in text:
        text = _STRAY_ZWJ.sub("", text)
    if "\u0640" in text:
        text = _KASHIDA_RUN.sub(_unless_dash, text)
    if ZWNJ in text:
        text = _fix_zwnj(text)
    return text
