"""What an import worker process computes: canonical text, content id, packed tokens and
search words of raw texts, handed to the writer ready to store (:class:`Prepared`), and for
one-article-per-file formats the reading of the files too. :func:`analyse_one` gives the same
analysis as Python strings, for importers that work on one text at a time.

Kept apart from :mod:`annotator.ingest` so that worker processes import only the readers and
the text pipeline (and hazm), not the storage stack: a worker starts in about half the time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from annotator import text as textpipe
from annotator.importers import read_source
from annotator.importers.records import ImportProblem, RawRecord, SourceFile
from annotator.model import Tokenization
from annotator.search_words import indexed_words, search_text
from annotator.text import PackedTokens, unpack_offsets

#: What the import pipeline hands on for each file, in order: ``(file index, record, what
#: the writer stores of it)``, where that is ``None`` when canonicalisation left no text; or
#: ``(file index, problem, None)``; then ``(file index, None, None)`` to end the file.
Entry = tuple[int, "RawRecord | ImportProblem | None", "Prepared | None"]


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
    """:func:`analyse_one` of each raw text, tokenised in one pass."""
    return [
        Analysed(text, uid_of(text), packed, indexed_words(text))
        for text, packed in textpipe.analyse_packed_many(raws, normalize=normalize, strip_diacritics=strip_diacritics)
    ]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A record's document as the import's writer stores it, made ready by a worker: texts as
    UTF-8, which SQLite takes as they are, so that the writer (the import's critical path)
    neither decodes them from the worker nor encodes them for SQLite."""

    uid: str
    text: bytes  # the canonical text
    char_count: int  # its length in code points
    raw: bytes | None  # the text as read, when canonicalisation changed it
    first_line: str | None  # the canonical text's first non-blank line, stripped (a title)
    tokens: PackedTokens
    search: bytes  # its words for the search index


def prepare_batch(raws: list[str], normalize: bool, strip_diacritics: bool) -> list[Prepared | None]:
    """What the writer stores of each raw text (``None`` where no text is left after
    canonicalisation), tokenised in one pass: what an import worker runs."""
    prepared: list[Prepared | None] = []
    analysed = textpipe.analyse_packed_many(raws, normalize=normalize, strip_diacritics=strip_diacritics)
    for raw, (text, packed) in zip(raws, analysed, strict=True):
        if not text.strip():
            prepared.append(None)
            continue
        utf8 = text.encode("utf-8")
        prepared.append(Prepared(
            hashlib.sha256(utf8).hexdigest(), utf8, len(text), None if raw == text else raw.encode("utf-8"),
            _first_line(text), packed, indexed_words(text),
        ))
    return prepared


def _first_line(text: str) -> str | None:
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


def read_and_prepare(
    files: Sequence[tuple[int, SourceFile]], mapping: Mapping[str, str] | None, normalize: bool, strip_diacritics: bool,
) -> list[Entry]:
    """Read each file and prepare its records (all of them in one batch): the entries of
    each file, ending with its end marker. For files of one article each: reading them
    here spares the importing process, which also has to write, the reading. The records
    come back without their text, which travels as :attr:`Prepared.raw` where it is needed."""
    read = [(index, list(read_source(source, mapping=mapping))) for index, source in files]
    records = [item for _, items in read for item in items if isinstance(item, RawRecord)]
    prepared = iter(prepare_batch([record.text for record in records], normalize, strip_diacritics))
    entries: list[Entry] = []
    for index, items in read:
        entries += [
            (index, replace(item, text=""), next(prepared)) if isinstance(item, RawRecord) else (index, item, None)
            for item in items
        ]
        entries.append((index, None, None))
    return entries


def warm_up() -> None:
    """Build hazm's tokenisers and the search folding table now (in a fresh worker, or before
    forking workers) rather than on the first article."""
    textpipe.tokenize("گرم")
    search_text("گرم")
