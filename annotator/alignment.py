"""Where hazm's sentences and tokens are in the text, found by counting instead of searching.

hazm returns strings, never offsets. On nearly every article its strings, read in order with
the spaces left out, are exactly the text's own characters with its spaces and line breaks
left out (hazm writes the space inside a joined verb such as «شده است» as ``_``). When that
holds, each string's offsets follow from how many non-space characters come before it: one
pass in numpy over the whole article instead of a search per token, which costs about as much
as hazm itself. :func:`align` checks that it holds and returns ``None`` when it does not (a
text with a literal ``_``, or a string hazm changed); :mod:`annotator.text` then falls back to
its search, which handles every case.

numpy is imported here only, so ``import annotator.text`` stays light.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

_SEPARATOR = "\x00"
_SPACE, _NEWLINE = ord(" "), ord("\n")


@dataclass(frozen=True, slots=True)
class Aligned:
    """Start and end offsets (code points) of the sentences and of the tokens."""

    sentence_starts: np.ndarray
    sentence_ends: np.ndarray
    token_starts: np.ndarray
    token_ends: np.ndarray


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


_UNDERSCORE = ord("_")


def _cumulative_ends(pieces: Sequence[str], visible_codes: np.ndarray, *, joined_verbs: bool) -> np.ndarray | None:
    """For each piece, how many of the text's visible characters come up to its end; ``None``
    if the pieces without their spaces (and, for ``joined_verbs``, their ``_``) are not
    exactly ``visible_codes``, the text's characters other than spaces and line breaks."""
    if not pieces:
        return np.zeros(0, dtype=np.int64) if not len(visible_codes) else None
    codes = _codes(_SEPARATOR.join(pieces) + _SEPARATOR)
    dropped = codes == _SPACE
    if joined_verbs:
        dropped |= codes == _UNDERSCORE
    if dropped.any():
        codes = codes[~dropped]
    separator = codes == 0
    if not np.array_equal(codes[~separator], visible_codes):
        return None
    separators = np.flatnonzero(separator)
    return separators - np.arange(len(separators))


def _offsets(ends: np.ndarray, visible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Text offsets of the non-empty pieces whose cumulative ends are ``ends``."""
    starts = np.zeros_like(ends)
    starts[1:] = ends[:-1]
    nonempty = ends > starts
    return visible[starts[nonempty]], visible[ends[nonempty] - 1] + 1


def align(text: str, sentences: Sequence[str], tokens: Sequence[str], counts: Sequence[int]) -> Aligned | None:
    """Offsets of hazm's ``sentences`` of ``text`` and of their ``tokens`` (``counts[i]`` of
    them from sentence ``i``), or ``None`` when they cannot be found by counting.

    ``text`` holds no whitespace but spaces and ``\\n``. Every token ends up inside its
    sentence: the tokens of each sentence must account for exactly its characters.
    """
    if _SEPARATOR in text or len(counts) != len(sentences):
        return None
    codes = _codes(text)
    visible = np.flatnonzero((codes != _SPACE) & (codes != _NEWLINE))
    visible_codes = codes[visible]
    sentence_ends = _cumulative_ends(sentences, visible_codes, joined_verbs=False)
    if sentence_ends is None:
        return None
    literal_underscore = bool((visible_codes == _UNDERSCORE).any())
    token_ends = _cumulative_ends(tokens, visible_codes, joined_verbs=not literal_underscore)
    if token_ends is None:
        return None
    last_token_of = np.cumsum(np.asarray(counts, dtype=np.int64))
    if not np.array_equal(np.concatenate(([0], token_ends))[last_token_of], sentence_ends):
        return None
    return Aligned(*_offsets(sentence_ends, visible), *_offsets(token_ends, visible))


def trim_edges(
    text: str, starts: np.ndarray, ends: np.ndarray, marks: Sequence[int],
    trim: Callable[[str, int, int], tuple[int, int]],
) -> tuple[np.ndarray, np.ndarray]:
    """Spans with ``trim`` applied to those that start or end at one of the positions
    ``marks`` (where the invisible characters are), and any left empty dropped. Only those
    few spans are looked at."""
    if not len(marks) or not len(starts):
        return starts, ends
    marked = np.zeros(len(text) + 1, dtype=bool)
    marked[np.asarray(marks, dtype=np.int64)] = True
    touched = np.flatnonzero(marked[starts] | marked[ends - 1])
    if not len(touched):
        return starts, ends
    starts, ends = starts.copy(), ends.copy()
    for k in touched.tolist():
        starts[k], ends[k] = trim(text, int(starts[k]), int(ends[k]))
    kept = starts < ends
    return starts[kept], ends[kept]


def pack_many(starts: np.ndarray, ends: np.ndarray, firsts: np.ndarray, bases: np.ndarray) -> list[bytes]:
    """What :func:`annotator.packing.pack_offsets` gives for each of several texts' spans, byte
    for byte, in one numpy pass (one byte per gap and length when all fit, else zig-zag
    varints): text ``k`` has the spans ``firsts[k]:firsts[k + 1]``, with offsets counted from
    ``bases[k]``."""
    positions = np.empty(2 * len(starts), dtype=np.int64)
    positions[0::2], positions[1::2] = starts, ends
    deltas = np.empty_like(positions)
    if len(deltas):
        deltas[0] = positions[0]
        np.subtract(positions[1:], positions[:-1], out=deltas[1:])
    bounds = 2 * np.asarray(firsts, dtype=np.int64)
    has_spans = np.flatnonzero(bounds[1:] > bounds[:-1])
    deltas[bounds[has_spans]] = starts[firsts[has_spans]] - bases[has_spans]  # each text from its own start
    if len(deltas) and deltas[1::2].min() < 0:
        raise ValueError("a span ends before it starts")
    misfits = np.concatenate(([0], np.cumsum((deltas < 0) | (deltas > 255))))
    one_byte = deltas.astype(np.uint8).tobytes()
    needs_varints = misfits[bounds[1:]] > misfits[bounds[:-1]]  # per text
    varints, at = b"", {}
    if needs_varints.any():  # zig-zag varints of those texts' values only
        values = deltas[np.repeat(needs_varints, np.diff(bounds))]
        values[0::2] = np.where(values[0::2] >= 0, values[0::2] << 1, ((-values[0::2]) << 1) - 1)
        varints, value_at = _varints(values.astype(np.uint64))
        firsts_there = np.concatenate(([0], np.cumsum(np.diff(bounds)[needs_varints])))
        at = {k: (value_at[a], value_at[b]) for k, a, b in zip(
            np.flatnonzero(needs_varints).tolist(), firsts_there[:-1].tolist(), firsts_there[1:].tolist(), strict=True)}
    packed = []
    for k, (a, b) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)):
        if a == b:
            packed.append(bytes((1,)))
        elif k in at:
            packed.append(bytes((1,)) + varints[at[k][0]:at[k][1]])
        else:
            packed.append(bytes((2,)) + one_byte[a:b])
    return packed


def _varints(values: np.ndarray) -> tuple[bytes, list[int]]:
    """Unsigned LEB128 of each value (7 bits a byte, low bits first), concatenated, and
    where each value's bytes start (with the total length last)."""
    sizes = np.ones(len(values), dtype=np.int64)
    for k in range(1, 10):
        more = values >= (1 << (7 * k))
        if not more.any():
            break
        sizes += more
    at = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(sizes, out=at[1:])
    out = np.zeros(int(at[-1]), dtype=np.uint8)
    for k in range(int(sizes.max()) if len(sizes) else 0):
        has = sizes > k
        chunk = (values[has] >> np.uint64(7 * k)) & np.uint64(0x7F)
        out[at[:-1][has] + k] = chunk | np.where(sizes[has] > k + 1, 0x80, 0).astype(np.uint64)
    return out.tobytes(), at.tolist()


def pairs(starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int]]:
    """The spans as a list of ``(start, end)`` tuples of plain ints."""
    return list(zip(starts.tolist(), ends.tolist(), strict=True))
