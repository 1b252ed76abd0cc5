"""The core's value types: frozen dataclasses handed out by :class:`~annotator.project.Project`.

All offsets are code-point offsets into :attr:`Document.text`, half-open ``[start, end)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from annotator.ids import ActorId, AnnotatorId, DocumentId, RelationId, SpanId

Fragment = tuple[int, int]
Origin = Literal["manual", "suggested", "adjudicated"]
Role = Literal["annotator", "lead"]
Status = Literal["todo", "in_progress", "done"]

ORIGINS: tuple[Origin, ...] = ("manual", "suggested", "adjudicated")
ROLES: tuple[Role, ...] = ("annotator", "lead")
STATUSES: tuple[Status, ...] = ("todo", "in_progress", "done")

#: The annotator whose layer is the adjudicated reference (role lead).
GOLD_LAYER = "gold"
#: The annotator whose layer holds the rule-based suggestions.
PREANNOTATOR_LAYER = "preannotator"


@dataclass(frozen=True, slots=True)
class Annotator:
    id: AnnotatorId
    name: str
    role: Role = "annotator"


@dataclass(frozen=True, slots=True)
class Document:
    """One article, as stored: the canonical text is never changed after import."""

    id: DocumentId
    uid: str
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_original: str | None = None
    canon_version: int = 1
    meta: Mapping[str, Any] = field(default_factory=dict)
    imported_at: str | None = None
    external_id: str | None = None  # the id the source gave it (a jsonl/csv id, a brat file's name)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A row of the document list: what a navigator needs, without the text."""

    id: DocumentId
    title: str
    char_count: int
    source: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Tokenization:
    """Sentence and token boundaries of a document, as ``(start, end)`` pairs."""

    sentences: tuple[Fragment, ...]
    tokens: tuple[Fragment, ...]


@dataclass(frozen=True, slots=True)
class SpanDraft:
    """A span before it is stored: what a caller asks the core to write."""

    document_id: DocumentId
    annotator_id: AnnotatorId
    label: str
    fragments: tuple[Fragment, ...]
    attrs: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin = "manual"
    score: float | None = None
    actor_id: ActorId | None = None

    @property
    def start(self) -> int:
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)


@dataclass(frozen=True, slots=True)
class Span:
    """A stored span: one or more fragments with a label and attributes."""

    id: SpanId
    document_id: DocumentId
    annotator_id: AnnotatorId
    label: str
    fragments: tuple[Fragment, ...]
    attrs: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin = "manual"
    score: float | None = None
    actor_id: ActorId | None = None
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)

    def text_in(self, text: str) -> str:
        """The span's text: fragments joined by `` … `` when there are several."""
        return " … ".join(text[s:e] for s, e in self.fragments)

    def draft(self) -> SpanDraft:
        """The span as a draft, e.g. to re-create it on redo."""
        return SpanDraft(
            document_id=self.document_id,
            annotator_id=self.annotator_id,
            label=self.label,
            fragments=self.fragments,
            attrs=dict(self.attrs),
            origin=self.origin,
            score=self.score,
            actor_id=self.actor_id,
        )


@dataclass(frozen=True, slots=True)
class RelationDraft:
    """A relation before it is stored. Exactly one of ``tail_span``/``tail_actor`` is set."""

    document_id: DocumentId
    annotator_id: AnnotatorId
    type: str
    head: SpanId
    tail_span: SpanId | None = None
    tail_actor: ActorId | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin = "manual"
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    id: RelationId
    document_id: DocumentId
    annotator_id: AnnotatorId
    type: str
    head: SpanId
    tail_span: SpanId | None = None
    tail_actor: ActorId | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin = "manual"
    score: float | None = None
    created_at: str | None = None

    def draft(self) -> RelationDraft:
        return RelationDraft(
            document_id=self.document_id,
            annotator_id=self.annotator_id,
            type=self.type,
            head=self.head,
            tail_span=self.tail_span,
            tail_actor=self.tail_actor,
            attrs=dict(self.attrs),
            origin=self.origin,
            score=self.score,
        )


@dataclass(frozen=True, slots=True)
class ActorDraft:
    """A corpus-wide actor before it is stored."""

    name: str
    type: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    kb_id: str | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin = "manual"


@dataclass(frozen=True, slots=True)
class Actor:
    id: ActorId
    name: str
    type: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    kb_id: str | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin = "manual"

    def draft(self) -> ActorDraft:
        return ActorDraft(
            name=self.name,
            type=self.type,
            subtype=self.subtype,
            aliases=self.aliases,
            kb_id=self.kb_id,
            attrs=dict(self.attrs),
            origin=self.origin,
        )


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    document_id: DocumentId
    annotator_id: AnnotatorId
    status: Status = "todo"
    seconds_spent: float = 0.0
    updated_at: str | None = None
