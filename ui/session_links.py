"""The session's link and actor intents: relations between spans, actors, merges, time values.

A mixin of :class:`ui.session.Session`, kept apart to keep each file small. Same flow as the
span intents: build a Qt-free edit, check it with the core's rules (a refusal is shown through
the error presenter and leaves no undo step), push it; ``redo()`` applies it through the core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from annotator.edits import (
    AddActor,
    AddRelation,
    Compound,
    CreateActorForMention,
    DeleteRelation,
    Edit,
    MergeActors,
    UpdateActor,
    UpdateSpan,
)
from annotator.errors import AnnotatorError, NotFoundError
from annotator.ids import ActorId, RelationId, SpanId
from annotator.model import Actor, ActorDraft, Relation, RelationDraft, Span
from ui import operations as ops
from ui.i18n import display, tr

if TYPE_CHECKING:
    from annotator.model import Annotator, Document
    from annotator.project import Project
    from annotator.tagset import Tagset
    from ui.errors import ErrorPresenter


class LinkIntents:
    """Relations and actors for :class:`ui.session.Session` (which provides the attributes below)."""

    project: Project | None
    document: Document | None
    annotator: Annotator | None
    spans: dict[SpanId, Span]
    relations: list[Relation]
    errors: ErrorPresenter
    tagset: Tagset
    #: asked before a span with links is deleted: ``confirm_links_delete(count) -> bool``
    confirm_links_delete: Callable[[int], bool]

    if TYPE_CHECKING:  # provided by Session
        def push(self, edit: Edit, text: str) -> bool: ...

        def selected_span(self) -> Span | None: ...

    # -- reading -----------------------------------------------------------------------------
    def links_of(self, span_id: SpanId) -> tuple[list[Relation], list[Relation]]:
        """The open document's relations that start at and that end at ``span_id``."""
        return ops.links_of(self.relations, span_id)

    def document_actors(self) -> list[Actor]:
        """The actors the open document refers to, in order of first appearance."""
        if self.project is None:
            return []
        found = []
        for actor_id in ops.document_actor_ids(self.spans.values(), self.relations):
            try:
                found.append(self.project.actor(actor_id))
            except NotFoundError:
                continue
        return found

    def label_name(self, label: str) -> str:
        """A span label's name in the interface language."""
        found = self.tagset.find_label(label)
        return display(found.display) if found else label

    def relation_name(self, relation_type: str) -> str:
        found = self.tagset.find_relation(relation_type)
        return display(found.display) if found else relation_type

    # -- links -------------------------------------------------------------------------------
    def link(self, relation_type: str, head: SpanId, *, tail_span: SpanId | None = None,
             tail_actor: ActorId | None = None) -> bool:
        """Link ``head`` to a span or an actor; refused links are explained and leave no step."""
        if self.project is None or self.document is None or self.annotator is None:
            self.errors.show_info(tr("bar.no_document"))
            return False
        draft = RelationDraft(self.document.id, self.annotator.id, relation_type, head,
                              tail_span=tail_span, tail_actor=tail_actor)
        try:
            self.project.check_relation(draft)
        except AnnotatorError as exc:
            self.errors.show_problem(exc)
            return False
        return self.push(AddRelation(draft), tr("undo.link", relation=self.relation_name(relation_type)))

    def quick_link(self, candidates: Sequence[SpanId]) -> bool:
        """Ctrl+click: link the selected span to the clicked one with the first relation type
        the tagset has for that pair of labels (or, failing that, the other way round)."""
        head = self.selected_span()
        if head is None:
            self.errors.show_info(tr("bar.no_span"))
            return False
        tails = [self.spans[c] for c in candidates if c in self.spans and c != head.id]
        for tail in tails:
            found = ops.first_relation(self.tagset, head.label, tail.label)
            if found is not None:
                return self.link(found, head.id, tail_span=tail.id)
        for tail in tails:
            found = ops.first_relation(self.tagset, tail.label, head.label)
            if found is not None:
                return self.link(found, tail.id, tail_span=head.id)
        if tails:
            self.errors.show_problem(tr("links.no_type", head=self.label_name(head.label),
                                        tail=self.label_name(tails[0].label)))
        return False

    def unlink(self, relation_ids: Sequence[RelationId]) -> bool:
        """Delete links (several at once are one undo step)."""
        known = {r.id: r for r in self.relations}
        edits = [DeleteRelation(r) for r in relation_ids if r in known]
        if not edits:
            return False
        name = self.relation_name(known[relation_ids[0]].type)
        edit: Edit = edits[0] if len(edits) == 1 else Compound("unlink", edits)
        return self.push(edit, tr("undo.unlink", relation=name))

    def link_new_actor(self, relation_type: str, head: SpanId, draft: ActorDraft) -> bool:
        """Create an actor and link ``head`` straight to it, as one undo step."""
        if self.document is None or self.annotator is None:
            return False
        relation = RelationDraft(self.document.id, self.annotator.id, relation_type, head)
        return self.push(ops.CreateActorAndLink(relation, draft),
                         tr("undo.link_new_actor", relation=self.relation_name(relation_type), name=draft.name))

    # -- actors ------------------------------------------------------------------------------
    def set_mention_actor(self, span_id: SpanId, actor_id: ActorId | None) -> bool:
        """Say which actor a mention refers to (None: none)."""
        span = self.spans.get(span_id)
        if span is None or span.actor_id == actor_id:
            return False
        text = tr("undo.mention_actor") if actor_id is not None else tr("undo.mention_no_actor")
        return self.push(UpdateSpan(span_id, {"actor_id": actor_id}), text)

    def create_actor_for_mention(self, span_id: SpanId, draft: ActorDraft) -> bool:
        return self.push(CreateActorForMention(span_id, draft), tr("undo.new_actor", name=draft.name))

    def add_actor(self, draft: ActorDraft) -> bool:
        return self.push(AddActor(draft), tr("undo.new_actor", name=draft.name))

    def update_actor(self, actor_id: ActorId, fields: Mapping[str, Any]) -> bool:
        if self.project is None:
            return False
        before = self.project.actor(actor_id)
        changed = {k: v for k, v in fields.items() if getattr(before, k) != v}
        if not changed:
            return False
        return self.push(UpdateActor(actor_id, changed), tr("undo.edit_actor", name=before.name))

    def merge_actors(self, keep: ActorId, drop: ActorId) -> bool:
        if self.project is None:
            return False
        try:
            kept, dropped = self.project.actor(keep), self.project.actor(drop)
        except AnnotatorError as exc:
            self.errors.show_problem(exc)
            return False
        return self.push(MergeActors(keep, drop), tr("undo.merge_actors", drop=dropped.name, keep=kept.name))

    # -- attributes in one step --------------------------------------------------------------
    def set_attributes(self, span_id: SpanId, values: Mapping[str, Any], text: str) -> bool:
        """Set several attributes of a span as one undo step (e.g. a normalised time value)."""
        span = self.spans.get(span_id)
        if span is None:
            return False
        attrs = {**span.attrs, **values}
        if attrs == dict(span.attrs):
            return False
        return self.push(UpdateSpan(span_id, {"attrs": attrs}), text)
