"""What an import worker process computes: canonical text, content id and packed tokens of
raw texts, and for one-article-per-file formats the reading of the files too.

Kept apart from :mod:`annotator.ingest` so that worker processes import only the readers and
the text pipeline (and hazm), not the storage stack: a worker starts in about half the time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annotator import text as textpipe
from annotator.importers import read_source
from annotator.importers.records import ImportProblem, RawRecord, SourceFile
from annotator.model import Tokenization
from annotator.search_words import indexed_words, search_text
from annotator.text import PackedTokens, unpack_offsets

#: What the import pipeline hands on for each file, in order: ``(file index, record, its
#: analysis)``, or ``(file index, problem, None)``, then ``(file index, None, None)`` to end it.
Entry = tuple[int, "RawRecord | ImportProblem | None", "Analysed | None"]


@dataclass(frozen=True)
class Analysed:
    """Canonical text, its content id, its packed sentence and token offsets, and its words
    folded for the search index (UTF-8, see :func:`annotator.search_words.indexed_words`)."""

    text: str
    uid: str
    tokens: PackedTokens
    search: bytes

    @property
    def tokenization(self) -> Tokenization:
        return Tokenization(unpack_offsets(self.tokens.sentences), unpack_offsets(self.tokens.tokens))


def uid_of(text: str) -> str:
    """A document's content id: the SHA-256 of its canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def analyse_one(raw: str, normalize: bool, strip_diacritics: bool) -> Analysed:
    """Canonical text, content id and packed tokens of one raw text."""
    return analyse_batch([raw], normalize, strip_diacritics)[0]


def analyse_batch(raws: list[str], normalize: bool, strip_diacritics: bool) -> list[Analysed]:
    """:func:`analyse_one` of each raw text, tokenised in one pass (what a worker runs)."""
    return [
        Analysed(text, uid_of(text), packed, indexed_words(text))
        for text, packed in textpipe.analyse_packed_many(raws, normalize=normalize, strip_diacritics=strip_diacritics)
    ]


def read_and_analyse(
    files: Sequence[tuple[int, SourceFile]], mapping: Mapping[str, str] | None, normalize: bool, strip_diacritics: bool,
) -> list[Entry]:
    """Read each file and analyse its records (all of them in one batch): the entries of
    each file, ending with its end marker. For files of one article each: reading them
    here spares the importing process, which also has to write, the reading."""
    read = [(index, list(read_source(source, mapping=mapping))) for index, source in files]
    records = [item for _, items in read for item in items if isinstance(item, RawRecord)]
    analysed = iter(analyse_batch([record.text for record in records], normalize, strip_diacritics))
    entries: list[Entry] = []
    for index, items in read:
        entries += [(index, item, next(analysed) if isinstance(item, RawRecord) else None) for item in items]
        entries.append((index, None, None))
    return entries


def warm_up() -> None:
    """Build hazm's tokenisers and the search folding table now (in a fresh worker, or before
    forking workers) rather than on the first article."""
    textpipe.tokenize("گرم")
    search_text("گرم")
