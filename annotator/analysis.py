"""What an import worker process computes for one raw text, and nothing more.

Kept apart from :mod:`annotator.ingest` so that worker processes import only the text
pipeline (and hazm), not the storage stack: a worker starts in about half the time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from annotator import text as textpipe
from annotator.model import Tokenization
from annotator.text import PackedTokens, unpack_offsets


@dataclass(frozen=True)
class Analysed:
    """Canonical text, its content id and its packed sentence and token offsets."""

    text: str
    uid: str
    tokens: PackedTokens

    @property
    def tokenization(self) -> Tokenization:
        return Tokenization(unpack_offsets(self.tokens.sentences), unpack_offsets(self.tokens.tokens))


def uid_of(text: str) -> str:
    """A document's content id: the SHA-256 of its canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def analyse_one(raw: str, normalize: bool, strip_diacritics: bool) -> Analysed:
    """Canonical text, content id and packed tokens of one raw text (runs in a worker)."""
    text, packed = textpipe.analyse_packed(raw, normalize=normalize, strip_diacritics=strip_diacritics)
    return Analysed(text, uid_of(text), packed)


def analyse_batch(raws: list[str], normalize: bool, strip_diacritics: bool) -> list[Analysed]:
    return [analyse_one(raw, normalize, strip_diacritics) for raw in raws]


def warm_up() -> None:
    """Build hazm's tokenisers now (in a fresh worker) rather than on its first article."""
    textpipe.tokenize("گرم")
