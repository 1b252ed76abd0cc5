"""Persian text: sentences and tokens with code-point offsets into the canonical text.

The stored text of a document is :func:`~annotator.canonical.canonicalize` of what was imported.
:func:`tokenize` runs hazm's sentence and word tokenizers and aligns their output back to that
text, because hazm returns strings, never offsets. ``import annotator.text`` does not import
hazm: the tokenizers (and the opt-in normaliser) are built on first use, once per process.
Canonicalisation and packing live in :mod:`annotator.canonical` and :mod:`annotator.packing`;
their public names are here too.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from annotator.canonical import (
    CANON_VERSION,
    REMOVED_CHARACTERS,
    UNICODE_SPACES,
    ZWJ,
    ZWNJ,
    canonicalize,
    char_class,
)
from annotator.errors import ValidationError
from annotator.model import Fragment, Tokenization
from annotator.packing import PackedTokens, pack_offsets, unpack_offsets

__all__ = [
    "CANON_VERSION",
    "ZWJ",
    "ZWNJ",
    "PackedTokens",
    "analyse",
    "analyse_packed",
    "analyse_packed_many",
    "canonicalize",
    "hazm_normalize",
    "pack_offsets",
    "snap_to_tokens",
    "tokenize",
    "tokenize_packed",
    "tokenize_packed_many",
    "trim_span",
    "unpack_offsets",
]

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
    import os

    from hazm import SentenceTokenizer, WordTokenizer

    # No word list: only hazm's POS tools read it, and loading it takes longer than the rest.
    return SentenceTokenizer(), WordTokenizer(words_file=os.devnull, join_verb_parts=True, separate_emoji=False)


def hazm_normalize(text: str, *, strip_diacritics: bool = False) -> str:
    """Opt-in import option: hazm's full ``Normalizer``, then :func:`canonicalize`.

    It changes spacing, inserts ZWNJ and damages entities (``COVID-19``, URLs, dates), so
    it is not the default. The normaliser is built once per process (slow, ~1.4 s).
    """
    normalizer = _hazm_object("normalizer", _build_normalizer)
    return canonicalize(normalizer.normalize(text), strip_diacritics=strip_diacritics)


# --- tokenisation -------------------------------------------------------------------------

# Invisible characters that may sit at a token's or span's edge without belonging to it.
_INVISIBLE = frozenset(ZWNJ + ZWJ + REMOVED_CHARACTERS)
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
# Line boundaries of str.splitlines() become paragraph breaks, other whitespace a space:
# the same length, so offsets into the flattened text are offsets into the text.
LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
OTHER_SPACES = "\t\x1f" + UNICODE_SPACES
_FLATTEN = str.maketrans({c: "\n" for c in LINE_BREAKS} | {c: " " for c in OTHER_SPACES})
# Whitespace other than " " and "\n" (what str.isspace() accepts), listed: faster than [^\S \n].
_ODD_WHITESPACE = char_class(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
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


def _offset_rules() -> Any:
    """hazm's verb rules for :func:`annotator.hazm_offsets.offsets`, or ``None`` when the
    tokenisers in use do not follow the rules that module states (another hazm version)."""
    from annotator import hazm_offsets

    tokenizers = _hazm_object("tokenizers", _build_tokenizers)
    cached = _hazm.get("rules")
    if cached is None or cached[0] is not tokenizers:  # rebuilt if the tokenisers ever change
        cached = _hazm["rules"] = (tokenizers, hazm_offsets.rules_from(*tokenizers))
    return cached[1]


def _aligned(text: str) -> Any:
    """Sentence and token offsets (an :class:`annotator.alignment.Aligned` of numpy arrays)
    with invisible characters trimmed from their edges, or ``None`` when only the search can
    place them. hazm's rules computed as offsets where they hold (which flattens odd
    whitespace itself), else hazm's strings counted back onto the flattened text."""
    rules = _offset_rules()
    if rules is not None:
        from annotator import hazm_offsets

        return hazm_offsets.offsets(text, rules)
    return _aligned_by_counting(_flatten(text))


def _aligned_by_counting(flat: str) -> Any:
    """hazm's strings placed by counting (see :mod:`annotator.alignment`), or ``None``."""
    from annotator import alignment

    found = alignment.align(flat, *_hazm_strings(flat))
    if found is None:
        return None
    marks = [m.start() for m in _INVISIBLE_RE.finditer(flat)]
    if not marks:
        return found
    return alignment.Aligned(
        *alignment.trim_edges(flat, found.sentence_starts, found.sentence_ends, marks, trim_span),
        *alignment.trim_edges(flat, found.token_starts, found.token_ends, marks, trim_span),
    )


def tokenize(text: str) -> Tokenization:
    """Sentences and tokens of ``text`` as code-point ``(start, end)`` pairs.

    Each line is split into sentences by hazm's ``SentenceTokenizer`` (so a title without a
    final period never merges with the next paragraph), each sentence into tokens by hazm's
    ``WordTokenizer`` (joined verb parts such as «شده است» make one token). Their rules are
    computed as offsets (:mod:`annotator.hazm_offsets`); a hazm whose rules differ is called
    instead and its strings placed on the text, by counting or by a forward search. Spans are
    in order, non-overlapping, non-empty and start and end on neither whitespace nor an
    invisible joiner; tokens never cross sentences.
    """
    if not text:
        return Tokenization((), ())
    found = _aligned(text)
    if found is None:
        sentences, tokens = _tokenize_by_search(_flatten(text))
        return Tokenization(tuple(sentences), tuple(tokens))
    from annotator.alignment import pairs

    return Tokenization(
        tuple(pairs(found.sentence_starts, found.sentence_ends)), tuple(pairs(found.token_starts, found.token_ends))
    )


def tokenize_packed(text: str) -> PackedTokens:
    """:func:`tokenize` packed for storage, without building a tuple per token on the way."""
    return tokenize_packed_many([text])[0]


def tokenize_packed_many(texts: Sequence[str]) -> list[PackedTokens]:
    """:func:`tokenize_packed` of each text, in one pass over them all where hazm's rules can
    be computed as offsets (numpy's cost per call is then paid once, not once per text)."""
    rules = _offset_rules()
    if rules is None or not texts:
        return [_tokenize_packed_alone(text) for text in texts]
    import numpy as np

    from annotator import hazm_offsets
    from annotator.alignment import pack_many

    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    bases = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=bases[1:])  # each text after its predecessor and a line break
    found = hazm_offsets.offsets("\n".join(texts), rules)  # which flattens as it goes
    edges = np.append(bases, bases[-1] + lengths[-1] + 1)
    sentence_firsts = np.searchsorted(found.sentence_starts, edges)
    token_firsts = np.searchsorted(found.token_starts, edges)
    sentences = pack_many(found.sentence_starts, found.sentence_ends, sentence_firsts, bases)
    tokens = pack_many(found.token_starts, found.token_ends, token_firsts, bases)
    sentence_counts, token_counts = np.diff(sentence_firsts).tolist(), np.diff(token_firsts).tolist()
    return [PackedTokens(*parts) for parts in zip(sentences, tokens, sentence_counts, token_counts, strict=True)]


def _tokenize_packed_alone(text: str) -> PackedTokens:
    """:func:`tokenize_packed` of one text, by calling hazm (when its rules are not known here)."""
    return PackedTokens.pack(tokenize(text))


def analyse(raw: str, *, normalize: bool = False, strip_diacritics: bool = False) -> tuple[str, Tokenization]:
    """The canonical text of ``raw`` and its tokenisation, in one picklable call.

    :param normalize: run hazm's full normaliser first (:func:`hazm_normalize`)
    :param strip_diacritics: remove Arabic harakat
    """
    text = _canonical(raw, normalize=normalize, strip_diacritics=strip_diacritics)
    return text, tokenize(text)


def analyse_packed(raw: str, *, normalize: bool = False, strip_diacritics: bool = False) -> tuple[str, PackedTokens]:
    """:func:`analyse` with the tokenisation packed for storage, as an import needs it."""
    return analyse_packed_many([raw], normalize=normalize, strip_diacritics=strip_diacritics)[0]


def analyse_packed_many(
    raws: Sequence[str], *, normalize: bool = False, strip_diacritics: bool = False
) -> list[tuple[str, PackedTokens]]:
    """:func:`analyse_packed` of each raw text, tokenised in one pass over them all."""
    texts = [_canonical(raw, normalize=normalize, strip_diacritics=strip_diacritics) for raw in raws]
    return list(zip(texts, tokenize_packed_many(texts), strict=True))


def _canonical(raw: str, *, normalize: bool, strip_diacritics: bool) -> str:
    if normalize:
        return hazm_normalize(raw, strip_diacritics=strip_diacritics)
    return canonicalize(raw, strip_diacritics=strip_diacritics)



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
