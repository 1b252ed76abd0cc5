"""spaCy: one ``DocBin`` per split (``train.spacy``, ``dev.spacy``, ``test.spacy``).

Tokens are the project's stored hazm tokens. spaCy rebuilds ``doc.text`` from each token and a
one-space-or-nothing flag, so every other stretch between tokens (a newline, two spaces, a ZWNJ
where hazm split a word) becomes a token of its own, the way spaCy's own tokenizer keeps extra
whitespace; ``doc.text == text`` is checked for every document. Spans go into ``doc.spans`` under
their label and under ``"sc"`` (a discontinuous span as one span per fragment, sharing its
``span_id``); labels that never overlap (see :meth:`Conflicts.entity_labels`) are also
``doc.ents``. ``doc.user_data`` keeps the record: ids, attributes, actors and relations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.exporters.base import SPLIT_FILES, ExportContext, require
from annotator.exporters.records import ExportIntegrityError
from annotator.exporters.tagging import Conflicts
from annotator.model import Fragment, Tokenization

SPAN_KEY = "sc"
USER_KEYS = ("id", "uid", "title", "annotator", "status", "spans", "relations", "actors", "meta")


def words_and_spaces(text: str, tokens: Sequence[Fragment]) -> tuple[list[str], list[bool]]:
    """spaCy words and trailing-space flags that rebuild ``text`` exactly from ``tokens``.

    A single space after a token becomes its flag; anything else between tokens (or before the
    first, or after the last) becomes a token of its own.
    """
    words: list[str] = []
    spaces: list[bool] = []

    def gap(piece: str) -> None:
        if piece.startswith(" ") and words and not spaces[-1]:
            spaces[-1] = True
            piece = piece[1:]
        if piece:
            words.append(piece)
            spaces.append(False)

    position = 0
    for start, end in tokens:
        gap(text[position:start])
        words.append(text[start:end])
        spaces.append(False)
        position = end
    gap(text[position:])
    return words, spaces


def make_doc(vocab: Any, record: dict[str, Any], tokenization: Tokenization,
             entity_labels: Sequence[str], problems: list[str]) -> Any:
    """A spaCy ``Doc`` of one record, its spans, entities and user data."""
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    text = record["text"]
    words, spaces = words_and_spaces(text, tokenization.tokens)
    doc = Doc(vocab, words=words, spaces=spaces)
    if doc.text != text:
        raise ExportIntegrityError(f"export stopped at document {record['id']}: the spaCy tokens do not "
                                   "rebuild its text; this is a bug, please report it")
    groups: dict[str, list[Any]] = {}
    for span in record["spans"]:
        for start, end in span["fragments"]:
            piece = doc.char_span(start, end, label=span["label"], span_id=span["id"])
            if piece is None:
                piece = doc.char_span(start, end, label=span["label"], span_id=span["id"], alignment_mode="expand")
                problems.append(f"document {record['id']}: {span['label']} {start}-{end} "
                                + ("widened to whole tokens" if piece is not None else "cannot be aligned"))
            if piece is not None:
                groups.setdefault(span["label"], []).append(piece)
    doc.spans[SPAN_KEY] = [s for label in groups for s in groups[label]]
    for label, pieces in groups.items():
        doc.spans[label] = pieces
    ents = [s for label in entity_labels for s in groups.get(label, ())]
    doc.ents = filter_spans(ents)
    doc.user_data.update({key: record.get(key) for key in USER_KEYS})
    return doc


class SpacyWriter:
    """Keeps the records, then writes one ``DocBin`` per split."""

    def __init__(self, context: ExportContext):
        self.spacy = require("spacy", "spacy")
        self.context = context
        self.conflicts = Conflicts()
        self.items: list[tuple[dict[str, Any], Tokenization]] = []

    def add(self, record: dict[str, Any], tokenization: Tokenization) -> None:
        self.conflicts.add(record["spans"])
        self.items.append((record, tokenization))

    def finish(self) -> list[str]:
        from spacy.tokens import DocBin

        nlp = self.spacy.blank("fa")
        entity_labels = self.conflicts.entity_labels(self.context.label_order)
        bins = {name: DocBin(store_user_data=True) for name in self.context.split_names()}
        problems: list[str] = []
        for record, tokenization in self.items:
            doc = make_doc(nlp.vocab, record, tokenization, entity_labels, problems)
            bins[record.get("split", "train")].add(doc)
        files = []
        for name, docbin in bins.items():
            file = f"{SPLIT_FILES[name]}.spacy"
            docbin.to_disk(self.context.folder / file)
            files.append(file)
        self._report(entity_labels, problems)
        return files

    def _report(self, entity_labels: Sequence[str], problems: list[str]) -> None:
        self.context.notes.append("spacy: doc.ents labels: " + (", ".join(entity_labels) or "none"))
        if problems:
            shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
            self.context.warnings.append(f"spacy: {len(problems)} span fragment(s) not on token "
                                         f"boundaries: {shown}")
