"""Sentence and token offsets packed for storage: about two bytes a token.

A 100,000-article corpus has some 200 million tokens, too many for a row each; a document's
offsets are two BLOBs instead (see :func:`pack_offsets` for the format).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain

from annotator.errors import ProjectFileError
from annotator.model import Fragment, Tokenization

__all__ = ["PackedTokens", "pack_offsets", "unpack_offsets"]

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
