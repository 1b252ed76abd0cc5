"""Writing suggestions through the service: into one annotator's layer, with origin "suggested".

Idempotent and safe for manual work:

* a suggestion identical to one already stored is kept (same span id), a stored suggestion the
  detector no longer makes is removed, so re-running never duplicates;
* a suggestion that overlaps a span of the same label that is *not* a suggestion (manual,
  adjudicated, or an accepted suggestion) is skipped, as is one the layer's rules refuse
  (e.g. a CUE overlapping another CUE);
* a suggestion the annotator rejected is remembered (see :func:`remember_rejected`) and not
  made again;
* speakers become actors of the registry: an exact name or alias match reuses the actor,
  otherwise a new actor with origin "suggested" is created. Only suggested actors learn aliases.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Self

from annotator import rules
from annotator.errors import NotFoundError, ValidationError
from annotator.ids import ActorId, AnnotatorId, DocumentId, SpanId
from annotator.model import PREANNOTATOR_LAYER, ActorDraft, Fragment, Relation, RelationDraft, Span, SpanDraft
from annotator.preannotate.detect import detect
from annotator.preannotate.model import SuggestedActor, SuggestedSpan, Suggestions
from annotator.preannotate.speakers import match_registry
from annotator.project import Project

PREANNOTATOR = PREANNOTATOR_LAYER
SUGGESTED = "suggested"
Place = tuple[str, tuple[Fragment, ...]]


@dataclass
class ApplyReport:
    """What a run wrote: spans added per label, kept, removed and skipped, and actors created."""

    documents: int = 0
    added: Counter = field(default_factory=Counter)
    kept: int = 0
    removed: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    relations: int = 0
    actors_created: int = 0

    def __iadd__(self, other: ApplyReport) -> Self:
        self.documents += other.documents
        self.added += other.added
        self.kept += other.kept
        self.removed += other.removed
        self.skipped += other.skipped
        self.relations += other.relations
        self.actors_created += other.actors_created
        return self

    def to_json(self) -> dict:
        return {"documents": self.documents, "added": dict(self.added), "kept": self.kept,
                "removed": self.removed, "skipped": dict(self.skipped), "relations": self.relations,
                "actors_created": self.actors_created}


# -- rejections ------------------------------------------------------------------------------


def _rejected_key(document_id: DocumentId, annotator_id: AnnotatorId) -> str:
    return f"preannotate.rejected.{document_id}.{annotator_id}"


def rejected_places(project: Project, document_id: DocumentId, annotator_id: AnnotatorId) -> set[Place]:
    """The suggestions an annotator rejected in a document, as ``(label, fragments)``."""
    raw = project.setting(_rejected_key(document_id, annotator_id))
    return {(label, tuple(tuple(f) for f in frags)) for label, frags in json.loads(raw)} if raw else set()


def _store_rejected(project: Project, document_id: DocumentId, annotator_id: AnnotatorId, places: set[Place]) -> None:
    value = json.dumps(sorted([label, [list(f) for f in frags]] for label, frags in places), ensure_ascii=False)
    project.set_setting(_rejected_key(document_id, annotator_id), value)


def remember_rejected(project: Project, spans: Iterable[Span], *, forget: bool = False) -> None:
    """Record (or, with ``forget``, drop) rejected suggestions so that re-runs leave them out."""
    by_layer: dict[tuple[DocumentId, AnnotatorId], set[Place]] = {}
    for span in spans:
        by_layer.setdefault((span.document_id, span.annotator_id), set()).add((span.label, span.fragments))
    for (document_id, annotator_id), places in by_layer.items():
        current = rejected_places(project, document_id, annotator_id)
        _store_rejected(project, document_id, annotator_id, current - places if forget else current | places)


# -- reading ---------------------------------------------------------------------------------


def suggestions(project: Project, document_id: DocumentId, annotator_id: AnnotatorId) -> list[Span]:
    """The suggested (not yet accepted) spans of one annotator's layer of a document, by position."""
    return [s for s in project.spans(document_id, annotator_id=annotator_id) if s.origin == SUGGESTED]


def publication_date(published: str | None) -> dt.date | None:
    """The anchor for time expressions: the document's publication date, when it has a readable one."""
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


# -- writing ---------------------------------------------------------------------------------


def _overlaps(a: Sequence[Fragment], b: Sequence[Fragment]) -> bool:
    return any(max(s1, s2) < min(e1, e2) for s1, e1 in a for s2, e2 in b)


class _Writer:
    """Writes one document's suggestions into one layer (see the module docstring)."""

    def __init__(self, project: Project, document_id: DocumentId, annotator_id: AnnotatorId, found: Suggestions):
        self.project, self.document_id, self.annotator_id, self.found = project, document_id, annotator_id, found
        self.report = ApplyReport(documents=1)
        stored = project.spans(document_id, annotator_id=annotator_id)
        self.fixed = [s for s in stored if s.origin != SUGGESTED]
        self.old = {(s.label, s.fragments): s for s in stored if s.origin == SUGGESTED}
        self.rejected = rejected_places(project, document_id, annotator_id)
        self.ids: dict[int, SpanId] = {}  # suggestion key -> stored span id
        self.actors: dict[int, ActorId] = {}  # entity key -> actor id

    def run(self) -> ApplyReport:
        wanted = [s for s in self.found.spans if self._wanted(s)]
        places = {(s.label, s.fragments) for s in wanted}
        stale = [span for place, span in self.old.items() if place not in places]
        for span in stale:
            self.project.delete_span(span.id)
        self.report.removed = len(stale)
        self._resolve_actors({s.entity for s in wanted if s.entity is not None}
                             | {x.entity for x in self.found.links if x.entity is not None})
        for suggestion in wanted:
            self._write_span(suggestion)
        self._write_links()
        _drop_unused_actors(self.project, {s.actor_id for s in stale if s.actor_id is not None})
        return self.report

    def _wanted(self, suggestion: SuggestedSpan) -> bool:
        place = (suggestion.label, suggestion.fragments)
        if place in self.rejected:
            self.report.skipped["rejected"] += 1
            return False
        if any(s.label == suggestion.label and _overlaps(s.fragments, suggestion.fragments) for s in self.fixed):
            self.report.skipped["manual"] += 1
            return False
        return True

    def _resolve_actors(self, keys: set[int]) -> None:
        by_key = {a.key: a for a in self.found.actors}
        for entity_key in sorted(k for k in keys if k in by_key):
            self.actors[entity_key] = self._actor_for(by_key[entity_key])

    def _actor_for(self, entity: SuggestedActor) -> ActorId:
        found = match_registry(entity, lambda s: self.project.actors(search=s, limit=50))
        if found is None:
            actor, _ = self.project.add_actor(ActorDraft(
                name=entity.name, type=entity.type, subtype=entity.subtype, aliases=entity.aliases,
                attrs={"identifiability": entity.identifiability}, origin=SUGGESTED))
            self.report.actors_created += 1
            return actor.id
        new = [a for a in entity.aliases if a not in found.aliases and a != found.name]
        if found.origin == SUGGESTED and new:
            self.project.update_actor(found.id, aliases=(*found.aliases, *new))
        return found.id

    def _write_span(self, suggestion: SuggestedSpan) -> None:
        actor_id = self.actors.get(suggestion.entity) if suggestion.entity is not None else None
        draft = SpanDraft(self.document_id, self.annotator_id, suggestion.label, suggestion.fragments,
                          dict(suggestion.attrs), origin=SUGGESTED, score=suggestion.score, actor_id=actor_id)
        old = self.old.get((suggestion.label, suggestion.fragments))
        try:
            if old is not None:
                attrs = rules.apply_defaults(self.project.tagset, draft.label, draft.attrs)
                if (dict(old.attrs), old.score, old.actor_id) != (attrs, draft.score, draft.actor_id):
                    self.project.update_span(old.id, attrs=draft.attrs, score=draft.score, actor_id=actor_id)
                self.ids[suggestion.key] = old.id
                self.report.kept += 1
                return
            span, _ = self.project.add_span(draft)
        except ValidationError:
            self.report.skipped["refused"] += 1
            return
        self.ids[suggestion.key] = span.id
        self.report.added[suggestion.label] += 1

    def _write_links(self) -> None:
        existing = [r for r in self.project.relations(self.document_id, annotator_id=self.annotator_id)]
        wanted = set()
        for link in self.found.links:
            head = self.ids.get(link.head)
            tail = self.ids.get(link.tail) if link.tail is not None else None
            actor = self.actors.get(link.entity) if link.entity is not None else None
            if head is None or (tail is None and actor is None):
                continue
            wanted.add((link.type, head, tail, actor))
            if any(_same(r, link.type, head, tail, actor) for r in existing):
                continue
            try:
                self.project.add_relation(RelationDraft(self.document_id, self.annotator_id, link.type, head,
                                                        tail_span=tail, tail_actor=actor, origin=SUGGESTED,
                                                        score=link.score))
                self.report.relations += 1
            except ValidationError:
                self.report.skipped["link refused"] += 1
        for relation in existing:
            key = (relation.type, relation.head, relation.tail_span, relation.tail_actor)
            if relation.origin == SUGGESTED and key not in wanted and relation.head in self.ids.values():
                self.project.delete_relation(relation.id)


def _same(relation: Relation, type_: str, head: SpanId, tail: SpanId | None, actor: ActorId | None) -> bool:
    return (relation.type, relation.head, relation.tail_span, relation.tail_actor) == (type_, head, tail, actor)


def _drop_unused_actors(project: Project, actor_ids: Iterable[ActorId | None]) -> None:
    """Delete suggested actors that nothing uses any more."""
    for actor_id in actor_ids:
        if actor_id is None:
            continue
        try:
            actor = project.actor(actor_id)
        except NotFoundError:
            continue
        if actor.origin == SUGGESTED and project.actor_usage(actor_id) == (0, 0):
            project.delete_actor(actor_id)


def preannotate_document(project: Project, document_id: DocumentId, annotator_id: AnnotatorId, *,
                         found: Suggestions | None = None) -> ApplyReport:
    """Detect and write the suggestions of one document into one annotator's layer, in one transaction.

    :param found: suggestions already computed (default: run :func:`detect` on the stored text)
    """
    document = project.document(document_id)
    project.annotator(annotator_id)
    if found is None:
        found = detect(document.text, project.tokenization(document_id),
                       published=publication_date(document.published))
    with project.db.atomic():
        return _Writer(project, document_id, annotator_id, found).run()


def preannotate(project: Project, document_ids: Iterable[DocumentId], *, annotator: str = PREANNOTATOR,
                progress: Callable[[DocumentId, ApplyReport], None] | None = None) -> ApplyReport:
    """Pre-annotate documents into the layer of ``annotator`` (created, role annotator, when missing)."""
    annotator_id = project.ensure_annotator(annotator).id
    total = ApplyReport()
    for document_id in document_ids:
        report = preannotate_document(project, document_id, annotator_id)
        total += report
        if progress is not None:
            progress(document_id, report)
    return total
