"""What an annotation import reads, before anything is written: documents with their spans.

Readers of other tools' formats (brat, doccano, our own jsonl export) turn files into
:class:`PlannedDocument` values with offsets into the text as read; :mod:`annotator.interchange.writer`
checks them all against the tagset and writes them in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.model import ActorDraft, Fragment


@dataclass
class PlannedSpan:
    """A span as read. ``key`` names it within its document (``T3``, ``5``)."""

    key: str
    label: str
    fragments: list[Fragment]
    attrs: dict[str, Any] = field(default_factory=dict)
    origin: str = "manual"
    score: float | None = None
    actor: str | None = None  # a key of PlannedDocument.actors
    line: int | None = None
    notes: list[str] = field(default_factory=list)  # free text, resolved against the tagset


@dataclass
class PlannedRelation:
    """A link as read, from span ``head`` to span ``tail`` or to actor ``tail_actor``."""

    type: str
    head: str
    tail: str | None = None
    tail_actor: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    origin: str = "manual"
    line: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class PlannedDocument:
    """One document of an import, with its annotations (offsets into ``text`` as read).

    :param path: the file it came from, for messages
    :param line: the line in that file, for line-based formats
    :param annotator: the annotator named in the file, used when the command names none
    """

    path: str
    text: str
    title: str | None = None
    external_id: str | None = None
    line: int | None = None
    annotator: str | None = None
    status: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    spans: list[PlannedSpan] = field(default_factory=list)
    relations: list[PlannedRelation] = field(default_factory=list)
    actors: dict[str, ActorDraft] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)

    def where(self, line: int | None = None) -> str:
        line = line or self.line
        return f"{self.path}:{line}" if line else self.path


def count_names(documents: Iterable[PlannedDocument]) -> tuple[Counter[str], Counter[str]]:
    """How often each span label and relation type occurs."""
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for document in documents:
        labels.update(s.label for s in document.spans)
        types.update(r.type for r in document.relations)
    return labels, types


def rename(documents: Iterable[PlannedDocument], mapping: Mapping[str, str]) -> None:
    """Apply a ``--label-map`` (labels and relation types alike) in place."""
    if not mapping:
        return
    for document in documents:
        for span in document.spans:
            span.label = mapping.get(span.label, span.label)
        for relation in document.relations:
            relation.type = mapping.get(relation.type, relation.type)
