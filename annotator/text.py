"""Persian text: canonical form at import, sentences and tokens with code-point offsets.

The stored text of a document is :func:`canonicalize` of what was imported (see
``design/persian-and-qt.md``, "Canonical text at import"). :func:`tokenize` runs hazm's
sentence and word tokenizers and aligns their output back to that text, because hazm
returns strings, never offsets. ``import annotator.text`` does not import hazm: the
tokenizers (and the opt-in normaliser) are built on first use, once per process.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain
from typing import Any

from annotator.errors import ProjectFileError, ValidationError
from annotator.model import Fragment, Tokenization

__all__ = [
    "CANON_VERSION",
    "PackedTokens",
    "analyse",
    "analyse_packed",
    "canonicalize",
    "hazm_normalize",
    "pack_offsets",
    "snap_to_tokens",
    "tokenize",
    "tokenize_packed",
    "trim_span",
    "unpack_offsets",
]

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
_REMOVED = (
    "\u200b\u2060\ufeff\u00ad"  # ZWSP, word joiner, BOM/ZWNBSP, soft hyphen
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
)
# Every Unicode space separator (Zs) except the plain space itself.
_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_LINE_SEPARATORS = "\u2028\u2029\u0085"  # \r and \r\n are replaced afterwards
_DIACRITICS = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670" + "".join(map(chr, range(0x06D6, 0x06EE)))
_PRESENTATION_FORMS = [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]


def _build_map(*, strip_diacritics: bool) -> dict[str, str]:
    """Character -> replacement (``""`` to remove) for the one-character rules."""
    mapping = _LETTERS | _DIGITS
    mapping |= dict.fromkeys(_REMOVED, "") | dict.fromkeys(_SPACES, " ")
    mapping |= dict.fromkeys(_LINE_SEPARATORS, "\n")
    if strip_diacritics:
        mapping |= dict.fromkeys(_DIACRITICS, "")
    simple = str.maketrans(mapping)
    for cp in _PRESENTATION_FORMS:  # NFKC only these, then the simple rules on the result
        expanded = unicodedata.normalize("NFKC", chr(cp))
        if expanded != chr(cp):
            mapping[chr(cp)] = expanded.translate(simple)
    return mapping


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
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
# times faster than str.translate, which looks up every character.
_MAP = _build_map(strip_diacritics=False)
_MAP_STRIP = _build_map(strip_diacritics=True)
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _usual(mapping: dict[str, str]) -> tuple[str, ...]:
    """The mapped characters other than presentation forms: few enough to look for one by one."""
    return tuple(c for c in mapping if not _PRESENTATION_FORM.match(c))


_MAPPED = _usual(_MAP)
_MAPPED_STRIP = _usual(_MAP_STRIP)


_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21ff\u2300-\u23ff\u24c2\u25a0-\u27bf"
    "\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299\ufe0f"
    "\U0001f000-\U0001faff\U000e0020-\U000e007f"
)
_STRAY_ZWJ = re.compile(f"(?<![{_EMOJI}]){ZWJ}|{ZWJ}(?![{_EMOJI}])")
_KASHIDA_RUN = re.compile("\u0640+")
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
    return _char_class(letters).pattern


def _fix_zwnj(text: str) -> str:
    """:func:`_zwnj_or_nothing` applied to every ZWNJ run, with the common cases done in C."""
    return _ZWNJ_TO_CHECK.sub(_zwnj_or_nothing, _ZWNJ_BEFORE_EDGE.sub("", text))


# A ZWNJ run before a space, a line break or punctuation never shows: dropped without a look at
# what comes before it. Only characters of the categories in _EDGE_CATEGORIES may be listed.
_EDGE_PUNCTUATION = ".,،:;؛!?؟«»()[]{}\"'-/"
_ZWNJ_BEFORE_EDGE = re.compile(ZWNJ + r"+(?:\Z|(?=[\s" + re.escape(_EDGE_PUNCTUATION) + "]))")
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
    mapping, mapped = (_MAP_STRIP, _MAPPED_STRIP) if strip_diacritics else (_MAP, _MAPPED)
    # One str.replace (C speed) per distinct character that occurs, which beats both a callback
    # per match and translate(). Looking for ~50 characters one by one with `in` (memchr) is
    # faster than a regex over a class of all 780; the presentation forms get one range search.
    found = [char for char in mapped if char in raw]
    if _PRESENTATION_FORM.search(raw):
        found += {char for char in _PRESENTATION_FORM.findall(raw) if char in mapping}
    text = raw
    for char in found:
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


# --- hazm, built lazily -------------------------------------------------------------------

_lock = threading.Lock()
_hazm: dict[str, Any] = {}


def _hazm_object(name: str, build: Callable[[], Any]) -> Any:
    obj = _hazm.get(name)
    if obj is None:
        with _lock:
            obj = _hazm.get(name)
            if obj is None:
                obj = _hazm[name] = build()
    return obj


def _build_normalizer() -> Any:
    from hazm import Normalizer

    return Normalizer()


def _build_tokenizers() -> tuple[Any, Any]:
    from hazm import SentenceTokenizer, WordTokenizer

    return SentenceTokenizer(), WordTokenizer(join_verb_parts=True, separate_emoji=False)


def hazm_normalize(text: str, *, strip_diacritics: bool = False) -> str:
    """Opt-in import option: hazm's full ``Normalizer``, then :func:`canonicalize`.

    It changes spacing, inserts ZWNJ and damages entities (``COVID-19``, URLs, dates), so
    it is not the default. The normaliser is built once per process (slow, ~1.4 s).
    """
    normalizer = _hazm_object("normalizer", _build_normalizer)
    return canonicalize(normalizer.normalize(text), strip_diacritics=strip_diacritics)


# --- tokenisation -------------------------------------------------------------------------

# Invisible characters that may sit at a token's or span's edge without belonging to it.
_INVISIBLE = frozenset(ZWNJ + ZWJ + _REMOVED)
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
# Line boundaries of str.splitlines() become paragraph breaks, other whitespace a space:
# the same length, so offsets into the flattened text are offsets into the text.
_FLATTEN = str.maketrans(
    {c: "\n" for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"} | {c: " " for c in "\t\x1f" + _SPACES}
)
# Whitespace other than " " and "\n" (what str.isspace() accepts), listed: faster than [^\S \n].
_ODD_WHITESPACE = _char_class(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
_WORDS = re.compile(r"\S+")
_NOT_SPACE = re.compile(r"[^ ]")
_WINDOW = 64  # how far past the expected place a token that hazm changed is looked for


@lru_cache(maxsize=4096)
def _joined(piece: str) -> re.Pattern[str]:
    """hazm writes joined verb parts as ``شده_است``: ``_`` stands for the spaces or ZWNJ
    between them, or for nothing when hazm split the parts itself (``خواهد0`` -> ``خواهد_0``)."""
    return re.compile(r"(?:_|[\s\u200c]*)".join(map(re.escape, piece.split("_"))))


def _trimmed(text: str, start: int, end: int) -> Iterator[Fragment]:
    start, end = trim_span(text, start, end)
    if start < end:
        yield start, end


def _fill_words(text: str, start: int, end: int) -> Iterator[Fragment]:
    for m in _WORDS.finditer(text, start, end):
        yield from _trimmed(text, m.start(), m.end())


def _fill_whole(text: str, start: int, end: int) -> Iterator[Fragment]:
    yield from _trimmed(text, start, end)


def _find(text: str, piece: str, start: int, end: int) -> Fragment | None:
    """Where ``piece`` matches at ``start`` or, failing that, first after it before ``end``."""
    if text.startswith(piece, start, end):
        return start, start + len(piece)
    if "_" in piece:
        m = _joined(piece).match(text, start, end)
        if m is None:
            m = _joined(piece).search(text, start, min(end, start + len(piece) + _WINDOW))
        return m.span() if m else None
    found = text.find(piece, start, min(end, start + len(piece) + _WINDOW))
    return (found, found + len(piece)) if found >= 0 else None


def _align(
    out: list[Fragment],
    text: str,
    pieces: Sequence[str],
    start: int,
    end: int,
    fill: Callable[[str, int, int], Iterator[Fragment]],
) -> None:
    """Append the offsets of ``pieces`` (hazm's output for ``text[start:end]``) to ``out``.

    ``text`` has no whitespace but spaces inside ``[start, end)``. Each piece is expected
    right after the previous one and its spaces; one that is not there is looked for a
    little further on, and skipped if absent. Text left uncovered goes through ``fill``.
    Pieces may still begin or end with an invisible joiner: see :func:`_trim_invisible`.
    """
    pos, find, append = start, text.find, out.append
    for piece in pieces:
        at = find(piece, pos, end) if piece else -1
        if at == pos or (at == pos + 1 and text[pos] == " "):  # nearly every piece
            pos = at + len(piece)
            append((at, pos))
            continue
        while pos < end and text[pos] == " ":
            pos += 1
        found = _find(text, piece, pos, end) if piece and pos < end else None
        if found is None:
            continue
        if found[0] > pos:
            out.extend(fill(text, pos, found[0]))
        out.extend(_trimmed(text, *found))
        pos = found[1]
    if _NOT_SPACE.search(text, pos, end):
        out.extend(fill(text, pos, end))


def _trim_invisible(text: str, spans: list[Fragment]) -> list[Fragment]:
    """``spans`` with invisible joiners trimmed from their edges, and empty ones dropped.

    Looks only at the invisible characters of ``text``, not at every span.
    """
    changed: dict[int, Fragment] = {}
    for m in _INVISIBLE_RE.finditer(text):
        k = bisect_right(spans, (m.start(), len(text))) - 1
        if k >= 0 and m.start() in (spans[k][0], spans[k][1] - 1):
            changed[k] = trim_span(text, *spans[k])
    if not changed:
        return spans
    for k, span in changed.items():
        spans[k] = span
    return [span for span in spans if span[0] < span[1]]


def _hazm_strings(flat: str) -> tuple[list[str], list[str], list[int]]:
    """hazm's sentences of each non-blank line of ``flat``, their tokens, and how many tokens
    each sentence has."""
    sentence_tokenizer, word_tokenizer = _hazm_object("tokenizers", _build_tokenizers)
    sentences: list[str] = []
    tokens: list[str] = []
    counts: list[int] = []
    for line in flat.split("\n"):
        if line and not line.isspace():
            for sentence in sentence_tokenizer.tokenize(line):
                words = word_tokenizer.tokenize(sentence)
                sentences.append(sentence)
                tokens.extend(words)
                counts.append(len(words))
    return sentences, tokens, counts


def _tokenize_by_search(flat: str) -> tuple[list[Fragment], list[Fragment]]:
    """Sentences and tokens aligned by a forward search: handles whatever hazm returns."""
    sentence_tokenizer, word_tokenizer = _hazm_object("tokenizers", _build_tokenizers)
    sentences: list[Fragment] = []
    tokens: list[Fragment] = []
    pos = 0
    for line in flat.split("\n"):
        end = pos + len(line)
        if line and not line.isspace():
            first = len(sentences)
            _align(sentences, flat, sentence_tokenizer.tokenize(line), pos, end, _fill_whole)
            for s, e in sentences[first:]:
                _align(tokens, flat, word_tokenizer.tokenize(flat[s:e]), s, e, _fill_words)
        pos = end + 1
    if _INVISIBLE_RE.search(flat):
        sentences, tokens = _trim_invisible(flat, sentences), _trim_invisible(flat, tokens)
    return sentences, tokens


def _flatten(text: str) -> str:
    return text.translate(_FLATTEN) if _ODD_WHITESPACE.search(text) else text


def _aligned(flat: str) -> tuple[list[Fragment], Any, Any] | None:
    """Sentences, token starts and token ends (numpy arrays) found by counting (see
    :mod:`annotator.alignment`), or ``None`` when only the search can place them."""
    from annotator import alignment

    found = alignment.align(flat, *_hazm_strings(flat))
    if found is None:
        return None
    sentences = alignment.pairs(found.sentence_starts, found.sentence_ends)
    starts, ends = found.token_starts, found.token_ends
    marks = [m.start() for m in _INVISIBLE_RE.finditer(flat)]
    if marks:
        sentences = _trim_invisible(flat, sentences)
        starts, ends = alignment.trim_edges(flat, starts, ends, marks, trim_span)
    return sentences, starts, ends


def tokenize(text: str) -> Tokenization:
    """Sentences and tokens of ``text`` as code-point ``(start, end)`` pairs.

    Each line is split into sentences by hazm's ``SentenceTokenizer`` (so a title without a
    final period never merges with the next paragraph), each sentence into tokens by hazm's
    ``WordTokenizer`` (joined verb parts such as «شده است» make one token). Both are aligned
    back to the text, by counting where that is exact and else by a forward search. Spans are
    in order, non-overlapping, non-empty and start and end on neither whitespace nor an
    invisible joiner; tokens never cross sentences.
    """
    if not text:
        return Tokenization((), ())
    flat = _flatten(text)
    found = _aligned(flat)
    if found is None:
        sentences, tokens = _tokenize_by_search(flat)
        return Tokenization(tuple(sentences), tuple(tokens))
    from annotator.alignment import pairs

    sentences, starts, ends = found
    return Tokenization(tuple(sentences), tuple(pairs(starts, ends)))


def tokenize_packed(text: str) -> PackedTokens:
    """:func:`tokenize` packed for storage, without building a tuple per token on the way."""
    if not text:
        return PackedTokens.pack(Tokenization((), ()))
    flat = _flatten(text)
    found = _aligned(flat)
    if found is None:
        sentences, tokens = _tokenize_by_search(flat)
        return PackedTokens.pack(Tokenization(tuple(sentences), tuple(tokens)))
    from annotator.alignment import byte_deltas, pairs

    sentences, starts, ends = found
    deltas = byte_deltas(starts, ends)
    packed = bytes((_PACK_BYTES,)) + deltas if deltas else pack_offsets(pairs(starts, ends))
    return PackedTokens(pack_offsets(sentences), packed, len(sentences), len(starts))


def analyse(raw: str, *, normalize: bool = False, strip_diacritics: bool = False) -> tuple[str, Tokenization]:
    """The canonical text of ``raw`` and its tokenisation, in one picklable call.

    :param normalize: run hazm's full normaliser first (:func:`hazm_normalize`)
    :param strip_diacritics: remove Arabic harakat
    """
    text = _canonical(raw, normalize=normalize, strip_diacritics=strip_diacritics)
    return text, tokenize(text)


def analyse_packed(raw: str, *, normalize: bool = False, strip_diacritics: bool = False) -> tuple[str, PackedTokens]:
    """:func:`analyse` with the tokenisation packed for storage, as an import needs it."""
    text = _canonical(raw, normalize=normalize, strip_diacritics=strip_diacritics)
    return text, tokenize_packed(text)


def _canonical(raw: str, *, normalize: bool, strip_diacritics: bool) -> str:
    if normalize:
        return hazm_normalize(raw, strip_diacritics=strip_diacritics)
    return canonicalize(raw, strip_diacritics=strip_diacritics)


# --- storage ------------------------------------------------------------------------------

_PACK_FORMAT = 1
_PACK_BYTES = 2


def pack_offsets(pairs: Sequence[Fragment]) -> bytes:
    """Pack ``(start, end)`` pairs into bytes: about 2 bytes per token.

    Format 2, the usual case (pairs in order, every gap and length under 256): one version
    byte (``2``), then one byte per gap and one per length, packed and unpacked in C.
    Format 1, for anything else: one version byte (``1``), then per pair two unsigned LEB128 varints: the gap
    from the previous pair's end (0 for the first) zig-zag encoded, so that unordered or
    overlapping pairs still round-trip, and the length ``end - start``. A gap of one space
    and a token of up to 127 characters take one byte each.
    """
    flat = list(chain.from_iterable(pairs))
    deltas = [b - a for a, b in zip([0, *flat], flat, strict=False)]
    if deltas and min(deltas) >= 0 and max(deltas) < 256:
        return bytes((_PACK_BYTES, *deltas))
    if not deltas:
        return bytes((_PACK_FORMAT,))
    out = bytearray((_PACK_FORMAT,))
    prev = 0
    for start, end in pairs:
        if end < start:
            raise ValueError(f"fragment ({start}, {end}) ends before it starts")
        gap = start - prev
        for value in ((gap << 1) if gap >= 0 else ((-gap << 1) - 1), end - start):
            while value > 0x7F:
                out.append((value & 0x7F) | 0x80)
                value >>= 7
            out.append(value)
        prev = end
    return bytes(out)


@dataclass(frozen=True, slots=True)
class PackedTokens:
    """A tokenisation packed for storage (see :func:`pack_offsets`), with its counts."""

    sentences: bytes
    tokens: bytes
    sentence_count: int
    token_count: int

    @classmethod
    def pack(cls, tokenization: Tokenization) -> PackedTokens:
        """Pack a tokenisation's offsets for storage."""
        return cls(
            pack_offsets(tokenization.sentences), pack_offsets(tokenization.tokens),
            len(tokenization.sentences), len(tokenization.tokens),
        )


def unpack_offsets(blob: bytes) -> tuple[Fragment, ...]:
    """The pairs :func:`pack_offsets` packed; ``b""`` is an empty sequence."""
    if not blob:
        return ()
    if blob[0] == _PACK_BYTES:
        if len(blob) % 2 == 0:
            raise ProjectFileError("stored offsets are truncated")
        positions = list(accumulate(blob[1:]))
        return tuple(zip(positions[0::2], positions[1::2], strict=True))
    if blob[0] != _PACK_FORMAT:
        raise ProjectFileError(f"stored offsets have unknown format {blob[0]}")
    values: list[int] = []
    value = shift = 0
    for byte in memoryview(blob)[1:]:
        if byte < 0x80:
            values.append(value | (byte << shift))
            value = shift = 0
        else:
            value |= (byte & 0x7F) << shift
            shift += 7
    if shift or len(values) % 2:
        raise ProjectFileError("stored offsets are truncated")
    pairs: list[Fragment] = []
    prev = 0
    for i in range(0, len(values), 2):
        zigzag = values[i]
        start = prev + ((zigzag >> 1) if not zigzag & 1 else -((zigzag + 1) >> 1))
        prev = start + values[i + 1]
        pairs.append((start, prev))
    return tuple(pairs)


# --- selections ---------------------------------------------------------------------------


def _is_blank(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` forward and ``end`` back past whitespace, ZWNJ and other invisible
    joiners and bidi marks; returns ``start == end`` when nothing visible remains.

    :raises ValidationError: unless ``0 <= start <= end <= len(text)``
    """
    if not 0 <= start <= end <= len(text):
        raise ValidationError(f"span ({start}, {end}) is outside the text (0, {len(text)})")
    while start < end and _is_blank(text[start]):
        start += 1
    while end > start and _is_blank(text[end - 1]):
        end -= 1
    return start, end


def snap_to_tokens(tokens: Sequence[Fragment], start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to the whole tokens it touches.

    ``start`` moves to the start of the token containing it, ``end`` to the end of the token
    containing ``end - 1``; a position in a gap between tokens stays. ``tokens`` must be
    sorted and non-overlapping. An empty selection is returned unchanged. Trim afterwards.
    """
    if start >= end:
        return start, end
    i = bisect_right(tokens, start, key=lambda t: t[0]) - 1
    if i >= 0 and tokens[i][0] <= start < tokens[i][1]:
        start = tokens[i][0]
    j = bisect_right(tokens, end - 1, key=lambda t: t[0]) - 1
    if j >= 0 and tokens[j][0] <= end - 1 < tokens[j][1]:
        end = tokens[j][1]
    return start, end
