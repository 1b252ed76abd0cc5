"""Undoable edits, Qt-free: each knows how to apply itself to a project and how to revert.

The UI wraps them in ``QUndoCommand`` s; tests and scripts can use them directly. An edit
keeps what it needs to revert (the span it created, the row it deleted), and re-applying
after a revert restores rows under their original ids so links stay intact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from annotator.changes import Changes
from annotator.ids import ActorId, DocumentId, RelationId, SpanId
from annotator.model import Actor, ActorDraft, Relation, RelationDraft, Span, SpanDraft
from annotator.project import Project
from annotator.project_actors import ActorMerge


class Edit(Protocol):
    """What the undo stack needs from an edit."""

    @property
    def text(self) -> str: ...

    def apply(self, project: Project) -> Changes: ...

    def revert(self, project: Project) -> Changes: ...


@dataclass
class AddSpan:
    draft: SpanDraft
    span: Span | None = None

    @property
    def text(self) -> str:
        return f"add {self.draft.label}"

    def apply(self, project: Project) -> Changes:
        if self.span is None:
            self.span, changes = project.add_span(self.draft)
            return changes
        return project.restore_span(self.span)

    def revert(self, project: Project) -> Changes:
        assert self.span is not None
        return project.delete_span(self.span.id)[2]


@dataclass
class DeleteSpan:
    span_id: SpanId
    removed: tuple[Span, list[Relation]] | None = None

    @property
    def text(self) -> str:
        return f"delete {self.removed[0].label}" if self.removed else "delete span"

    def apply(self, project: Project) -> Changes:
        span, relations, changes = project.delete_span(self.span_id)
        self.removed = (span, relations)
        return changes

    def revert(self, project: Project) -> Changes:
        assert self.removed is not None
        return project.restore_span(*self.removed)


@dataclass
class UpdateSpan:
    """Change some fields of a span. Consecutive edits of the same span and kind merge."""

    span_id: SpanId
    fields: Mapping[str, Any]
    kind: str = "edit"
    before: Span | None = None

    @property
    def text(self) -> str:
        return f"{self.kind} span"

    def apply(self, project: Project) -> Changes:
        if self.before is None:
            self.before = project.span(self.span_id)
        return project.update_span(self.span_id, **self.fields)[1]

    def revert(self, project: Project) -> Changes:
        assert self.before is not None
        return project.revert_span(self.before)

    def merge(self, newer: UpdateSpan) -> bool:
        """Absorb a newer edit of the same span and kind (e.g. repeated edge moves)."""
        if newer.span_id != self.span_id or newer.kind != self.kind or self.kind == "edit":
            return False
        self.fields = {**self.fields, **newer.fields}
        return True


@dataclass
class AddRelation:
    draft: RelationDraft
    relation: Relation | None = None

    @property
    def text(self) -> str:
        return f"link {self.draft.type}"

    def apply(self, project: Project) -> Changes:
        if self.relation is None:
            self.relation, changes = project.add_relation(self.draft)
            return changes
        return project.restore_relation(self.relation)

    def revert(self, project: Project) -> Changes:
        assert self.relation is not None
        return project.delete_relation(self.relation.id)[1]


@dataclass
class DeleteRelation:
    relation_id: RelationId
    removed: Relation | None = None

    @property
    def text(self) -> str:
        return f"unlink {self.removed.type}" if self.removed else "unlink"

    def apply(self, project: Project) -> Changes:
        self.removed, changes = project.delete_relation(self.relation_id)
        return changes

    def revert(self, project: Project) -> Changes:
        assert self.removed is not None
        return project.restore_relation(self.removed)


@dataclass
class SetStatus:
    document_id: DocumentId
    annotator_id: Any
    status: str
    before: str | None = None

    @property
    def text(self) -> str:
        return f"mark {self.status.replace('_', ' ')}"

    def apply(self, project: Project) -> Changes:
        if self.before is None:
            self.before = project.status(self.document_id, self.annotator_id).status
        return project.set_status(self.document_id, self.annotator_id, self.status)

    def revert(self, project: Project) -> Changes:
        assert self.before is not None
        return project.set_status(self.document_id, self.annotator_id, self.before)


@dataclass
class Compound:
    """Several edits as one undo step, applied in one transaction."""

    label: str
    edits: Sequence[Edit] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.label

    def apply(self, project: Project) -> Changes:
        changes = Changes()
        with project.db.atomic():
            for edit in self.edits:
                changes |= edit.apply(project)
        return changes

    def revert(self, project: Project) -> Changes:
        changes = Changes()
        with project.db.atomic():
            for edit in reversed(self.edits):
                changes |= edit.revert(project)
        return changes


@dataclass
class AddActor:
    draft: ActorDraft
    actor: Actor | None = None

    @property
    def text(self) -> str:
        return f"add actor {self.draft.name}"

    def apply(self, project: Project) -> Changes:
        actor_id = self.actor.id if self.actor else None
        self.actor, changes = project.add_actor(self.draft, actor_id=actor_id)
        return changes

    def revert(self, project: Project) -> Changes:
        assert self.actor is not None
        return project.delete_actor(self.actor.id)[1]


@dataclass
class UpdateActor:
    actor_id: ActorId
    fields: Mapping[str, Any]
    before: Actor | None = None

    @property
    def text(self) -> str:
        return "edit actor"

    def apply(self, project: Project) -> Changes:
        if self.before is None:
            self.before = project.actor(self.actor_id)
        return project.update_actor(self.actor_id, **self.fields)[1]

    def revert(self, project: Project) -> Changes:
        assert self.before is not None
        b = self.before
        return project.update_actor(
            self.actor_id, name=b.name, type=b.type, subtype=b.subtype, aliases=b.aliases,
            kb_id=b.kb_id, attrs=dict(b.attrs), origin=b.origin,
        )[1]


@dataclass
class MergeActors:
    """Merge ``drop`` into ``keep``; undo restores ``drop`` and exactly what pointed at it."""

    keep: ActorId
    drop: ActorId
    record: ActorMerge | None = None

    @property
    def text(self) -> str:
        return "merge actors"

    def apply(self, project: Project) -> Changes:
        self.record, changes = project.merge_actors(self.keep, self.drop)
        return changes

    def revert(self, project: Project) -> Changes:
        assert self.record is not None
        return project.unmerge_actors(self.record)


@dataclass
class CreateActorForMention:
    """Create an actor (e.g. pre-filled from a mention's text) and link the mention to it."""

    span_id: SpanId
    draft: ActorDraft
    add: AddActor | None = None
    link: UpdateSpan | None = None

    @property
    def text(self) -> str:
        return f"new actor {self.draft.name}"

    def apply(self, project: Project) -> Changes:
        with project.db.atomic():
            self.add = self.add or AddActor(self.draft)
            changes = self.add.apply(project)
            assert self.add.actor is not None
            self.link = UpdateSpan(self.span_id, {"actor_id": self.add.actor.id}, kind="link actor")
            return changes | self.link.apply(project)

    def revert(self, project: Project) -> Changes:
        assert self.add is not None and self.link is not None
        with project.db.atomic():
            return self.link.revert(project) | self.add.revert(project)
