"""Accepting and rejecting suggestions as undoable edits, Qt-free (same protocol as
:mod:`annotator.edits`: ``text``, ``apply(project)``, ``revert(project)``, each returning Changes).

* :class:`AcceptSuggestion` turns a suggested span into an ordinary one (origin "manual") together
  with its suggested links, the suggested spans those links point to (a quote's cue and speaker
  mention) and the suggested actors they refer to.
* :class:`RejectSuggestion` deletes a suggested span, its links, the suggested spans it leaves
  unlinked (its cue and mention) and suggested actors nothing uses any more, and remembers the
  rejection so that re-running the pre-annotator does not suggest it again.
* :class:`AcceptAll` / :class:`RejectAll` do that for every suggestion of one layer of a document.

Reverting restores rows under their original ids, so an undo stack can redo them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from annotator.changes import Changes
from annotator.errors import NotFoundError, ValidationError
from annotator.ids import ActorId, AnnotatorId, DocumentId, SpanId
from annotator.model import Actor, Relation, Span
from annotator.preannotate.apply import SUGGESTED, remember_rejected, suggestions
from annotator.preannotate.model import REFERENCE_LINKS
from annotator.project import Project

MANUAL = "manual"


def _suggested_span(project: Project, span_id: SpanId) -> Span:
    span = project.span(span_id)
    if span.origin != SUGGESTED:
        raise ValidationError(f"span {span_id} ({span.label}) is not a suggestion; it was already accepted or made by hand")
    return span


def _outgoing(project: Project, span: Span) -> list[Relation]:
    return [r for r in project.relations(span.document_id, annotator_id=span.annotator_id)
            if r.head == span.id and r.origin == SUGGESTED]


def _owned_tails(relations: list[Relation]) -> list[SpanId]:
    """The tail spans that belong with their head (a quote's cue and mention), not the ones it
    only refers to (:data:`~annotator.preannotate.model.REFERENCE_LINKS`)."""
    return [r.tail_span for r in relations if r.tail_span is not None and r.type not in REFERENCE_LINKS]


@dataclass
class _Group:
    """The rows an accept flips: spans, relations and actors (ids)."""

    spans: list[SpanId] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    actors: list[ActorId] = field(default_factory=list)


def accept_group(project: Project, span_id: SpanId) -> _Group:
    """A suggestion with its suggested links, their suggested tail spans and suggested actors."""
    span = _suggested_span(project, span_id)
    group = _Group(spans=[span.id])
    relations = _outgoing(project, span)
    group.relations = relations
    group.spans += [t for t in _owned_tails(relations) if project.span(t).origin == SUGGESTED]
    actor_ids = {project.span(s).actor_id for s in group.spans} | {r.tail_actor for r in relations}
    group.actors = sorted(a for a in actor_ids if a is not None and project.actor(a).origin == SUGGESTED)
    return group


def _flip_relation(project: Project, relation: Relation, origin: str) -> Changes:
    project.delete_relation(relation.id)
    return project.restore_relation(dataclasses.replace(relation, origin=origin))


def _flip(project: Project, group: _Group, origin: str) -> Changes:
    changes = Changes()
    with project.db.atomic():
        for actor_id in group.actors:
            changes |= project.update_actor(actor_id, origin=origin)[1]
        for span_id in group.spans:
            changes |= project.update_span(span_id, origin=origin)[1]
        for relation in group.relations:
            changes |= _flip_relation(project, relation, origin)
    return changes


def _unflip(project: Project, group: _Group, spans_before: list[Span]) -> Changes:
    """Undo an accept: the rows go back exactly as they were, timestamps included."""
    changes = Changes()
    with project.db.atomic():
        for relation in group.relations:
            changes |= _flip_relation(project, relation, SUGGESTED)
        for span in spans_before:
            changes |= project.revert_span(span)
        for actor_id in group.actors:
            changes |= project.update_actor(actor_id, origin=SUGGESTED)[1]
    return changes


@dataclass
class AcceptSuggestion:
    """Accept one suggestion (and what hangs on it): it becomes an ordinary span."""

    span_id: SpanId
    group: _Group | None = None
    spans_before: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "accept suggestion"

    def apply(self, project: Project) -> Changes:
        if self.group is None:
            self.group = accept_group(project, self.span_id)
        self.spans_before = [project.span(span_id) for span_id in self.group.spans]
        return _flip(project, self.group, MANUAL)

    def revert(self, project: Project) -> Changes:
        assert self.group is not None
        return _unflip(project, self.group, self.spans_before)


@dataclass
class RejectSuggestion:
    """Reject one suggestion: delete it and the suggestions only it used."""

    span_id: SpanId
    removed: list[tuple[Span, list[Relation]]] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "reject suggestion"

    def apply(self, project: Project) -> Changes:
        span = _suggested_span(project, self.span_id)
        tails = _owned_tails(_outgoing(project, span))
        actor_ids = {span.actor_id} | {r.tail_actor for r in _outgoing(project, span)}
        changes = Changes()
        self.removed, self.actors = [], []
        with project.db.atomic():
            changes |= self._delete(project, span.id)
            for tail in tails:
                changes |= self._delete_if_orphan(project, tail, actor_ids)
            changes |= self._drop_actors(project, actor_ids)
            remember_rejected(project, [s for s, _ in self.removed])
        return changes

    def _delete(self, project: Project, span_id: SpanId) -> Changes:
        span, relations, changes = project.delete_span(span_id)
        self.removed.append((span, relations))
        return changes

    def _delete_if_orphan(self, project: Project, span_id: SpanId, actor_ids: set) -> Changes:
        span = project.span(span_id)
        linked = any(span_id in (r.head, r.tail_span) for r in project.relations(span.document_id, annotator_id=span.annotator_id))
        if span.origin != SUGGESTED or linked:
            return Changes()
        actor_ids.add(span.actor_id)
        return self._delete(project, span_id)

    def _drop_actors(self, project: Project, actor_ids: set) -> Changes:
        changes = Changes()
        for actor_id in sorted(a for a in actor_ids if a is not None):
            actor = project.actor(actor_id)
            if actor.origin == SUGGESTED and project.actor_usage(actor_id) == (0, 0):
                self.actors.append(project.delete_actor(actor_id)[0])
                changes |= Changes(actors=True)
        return changes

    def revert(self, project: Project) -> Changes:
        changes = Changes()
        with project.db.atomic():
            for actor in self.actors:
                changes |= project.add_actor(actor.draft(), actor_id=actor.id)[1]
            for span, relations in reversed(self.removed):
                changes |= project.restore_span(span, relations)
            remember_rejected(project, [s for s, _ in self.removed], forget=True)
        return changes


@dataclass
class _AllOf:
    """Accept or reject every suggestion of one layer of a document, as one undo step."""

    document_id: DocumentId
    annotator_id: AnnotatorId
    done: list = field(default_factory=list)

    def _edit(self, span_id: SpanId):  # pragma: no cover - overridden
        raise NotImplementedError

    def apply(self, project: Project) -> Changes:
        changes = Changes()
        with project.db.atomic():
            if not self.done:
                for span in _heads_first(suggestions(project, self.document_id, self.annotator_id)):
                    if _still_suggested(project, span.id):
                        edit = self._edit(span.id)
                        changes |= edit.apply(project)
                        self.done.append(edit)
            else:
                for edit in self.done:
                    changes |= edit.apply(project)
        return changes

    def revert(self, project: Project) -> Changes:
        changes = Changes()
        with project.db.atomic():
            for edit in reversed(self.done):
                changes |= edit.revert(project)
        return changes


def _still_suggested(project: Project, span_id: SpanId) -> bool:
    try:
        return project.span(span_id).origin == SUGGESTED
    except NotFoundError:  # rejected together with an earlier one
        return False


def _heads_first(spans: list[Span]) -> list[Span]:
    """Quotes and commitments before the cues, mentions and times they link to."""
    order = {"QUOTE": 0, "COMMITMENT": 1}
    return sorted(spans, key=lambda s: (order.get(s.label, 2), s.start))


@dataclass
class AcceptAll(_AllOf):
    @property
    def text(self) -> str:
        return "accept all suggestions"

    def _edit(self, span_id: SpanId) -> AcceptSuggestion:
        return AcceptSuggestion(span_id)


@dataclass
class RejectAll(_AllOf):
    @property
    def text(self) -> str:
        return "reject all suggestions"

    def _edit(self, span_id: SpanId) -> RejectSuggestion:
        return RejectSuggestion(span_id)
