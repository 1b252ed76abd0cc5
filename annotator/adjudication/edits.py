"""Adjudication decisions as undoable edits, Qt-free (same contract as :mod:`annotator.edits`).

A decision is worked out once, on its first ``apply``, as a list of plain edits (update, add or
delete a gold span or link) applied in one transaction together with an audit entry naming the
decision. ``revert`` undoes those steps in reverse order and records an ``undo-...`` entry (the
audit log is append-only); applying again replays the same steps, so ids stay stable.

Which gold span stands for which annotator span comes from the document's units
(:mod:`annotator.adjudication.review`): the gold span matched to the same unit. Accepting a
version into a unit that already has a gold span replaces it: in place when the label is the
same (its id, and the links that point at it, stay), else by delete and add.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.adjudication.gold import (
    ACCEPT,
    ADJUDICATED,
    REJECT,
    UNDO_ACCEPT,
    UNDO_REJECT,
    adjudication_status,
    check_status,
    gold_annotator,
    is_gold,
    set_adjudication_status,
)
from annotator.adjudication.review import AGREE, OPEN, Disagreement, actor_link_types, review_document
from annotator.changes import Changes
from annotator.edits import AddRelation, AddSpan, DeleteRelation, DeleteSpan, Edit, UpdateSpan
from annotator.errors import AnnotatorError, ValidationError
from annotator.ids import DocumentId, RelationId, SpanId
from annotator.model import Relation, RelationDraft, Span, SpanDraft
from annotator.project import Project

Tail = tuple[str, int]  # ("span", gold span id) | ("actor", actor id)


class _Gold:
    """What one decision works on: the document's units, where gold stands, the steps taken."""

    def __init__(self, project: Project, document_id: DocumentId, annotators: Sequence[str] | None = None):
        self.project, self.document_id = project, document_id
        self.gold = gold_annotator(project)
        self.review = review_document(project, document_id, annotators)
        self.unit_of: dict[SpanId, int] = dict(self.review.unit_of)
        self.gold_of: dict[int, SpanId] = {u.index: u.gold.span.id for u in self.review.units if u.gold}
        self.who = actor_link_types(project.tagset)
        self.steps: list[Edit] = []
        self.changes = Changes()

    def do(self, edit: Edit) -> Edit:
        self.changes |= edit.apply(self.project)
        self.steps.append(edit)
        return edit

    def gold_for(self, span_id: SpanId | None) -> SpanId | None:
        unit = self.unit_of.get(span_id) if span_id is not None else None
        return self.gold_of.get(unit) if unit is not None else None

    def put_span(self, source: Span) -> SpanId:
        """Make gold hold ``source``'s version of its unit; returns the gold span's id."""
        if source.annotator_id == self.gold.id:
            raise ValidationError("that span is already in the gold layer")
        unit = self.unit_of.get(source.id)
        current = self.gold_of.get(unit) if unit is not None else None
        fields = {"fragments": source.fragments, "attrs": dict(source.attrs), "actor_id": source.actor_id,
                  "origin": ADJUDICATED}
        if current is not None and self.project.span(current).label == source.label:
            self.do(UpdateSpan(current, fields))
            gold_id = current
        else:
            if current is not None:
                self.do(DeleteSpan(current))
            draft = SpanDraft(self.document_id, self.gold.id, source.label, source.fragments, dict(source.attrs),
                              ADJUDICATED, None, source.actor_id)
            added = self.do(AddSpan(draft))
            gold_id = added.span.id  # type: ignore[attr-defined]
        if unit is not None:
            self.gold_of[unit] = gold_id
            self.unit_of[gold_id] = unit
        return gold_id

    def copy_links(self, source: Span, gold_id: SpanId, *, pull: str | None, prune: bool) -> None:
        """Give the gold span ``source``'s links whose other end gold already has.

        :param pull: for a who-link (speaker) whose mention gold lacks: ``"mention"`` accepts that
          mention too, ``"actor"`` links straight to the mention's actor, None leaves it out
        :param prune: remove the gold span's own links that ``source`` does not have
        """
        mine = self.project.relations(self.document_id, annotator_id=source.annotator_id)
        wanted = [(r, tail) for r in mine if r.head == source.id
                  for tail in [self._tail(r, pull)] if tail is not None]
        if prune:
            keep = {(r.type, tail) for r, tail in wanted}
            for relation in self.project.relations(self.document_id, annotator_id=self.gold.id):
                if relation.head == gold_id and (relation.type, _tail_of(relation)) not in keep:
                    self.do(DeleteRelation(relation.id))
        for relation, tail in wanted:
            self.link(relation, gold_id, tail)
        for relation in mine:
            head = self.gold_for(relation.head) if relation.tail_span == source.id else None
            if head is not None:
                self.link(relation, head, ("span", gold_id))

    def _tail(self, relation: Relation, pull: str | None) -> Tail | None:
        if relation.tail_actor is not None:
            return ("actor", relation.tail_actor)
        found = self.gold_for(relation.tail_span)
        if found is not None:
            return ("span", found)
        if pull is None or relation.type not in self.who:
            return None
        mention = self.project.span(relation.tail_span)  # type: ignore[arg-type]
        if pull == "mention":
            return ("span", self.put_span(mention))
        allows_actor = self.project.tagset.relation(relation.type).allows_actor_tail
        return ("actor", mention.actor_id) if allows_actor and mention.actor_id is not None else None

    def link(self, relation: Relation, head: SpanId, tail: Tail) -> bool:
        """Add a gold copy of ``relation`` from ``head`` to ``tail``; False when the tagset's
        rules refuse it (already there, or the head has as many of this type as it may)."""
        span_tail, actor_tail = (tail[1], None) if tail[0] == "span" else (None, tail[1])
        draft = RelationDraft(self.document_id, self.gold.id, relation.type, head, span_tail,  # type: ignore[arg-type]
                              actor_tail, dict(relation.attrs), ADJUDICATED)  # type: ignore[arg-type]
        try:
            self.project.check_relation(draft)
        except AnnotatorError:
            return False
        self.do(AddRelation(draft))
        return True


def _tail_of(relation: Relation) -> Tail:
    return ("span", relation.tail_span) if relation.tail_span is not None else ("actor", relation.tail_actor)  # type: ignore[return-value]


@dataclass
class _Decision:
    """Base of the decisions: built on first apply, replayed after; audited both ways."""

    steps: list[Edit] | None = field(default=None, init=False)

    def apply(self, project: Project) -> Changes:
        with project.db.atomic():
            if self.steps is None:
                context = _Gold(project, self._document(project), self._annotators())
                self._build(context)
                self.steps, changes = context.steps, context.changes
            else:
                changes = Changes()
                for step in self.steps:
                    changes |= step.apply(project)
            self._audit(project, undo=False)
        return changes | Changes(spans=True, document_ids=frozenset({self._document(project)}))

    def revert(self, project: Project) -> Changes:
        assert self.steps is not None
        changes = Changes()
        with project.db.atomic():
            for step in reversed(self.steps):
                changes |= step.revert(project)
            self._audit(project, undo=True)
        return changes | Changes(spans=True, document_ids=frozenset({self._document(project)}))

    def _annotators(self) -> Sequence[str] | None:
        return None

    def _document(self, project: Project) -> DocumentId:
        raise NotImplementedError

    def _build(self, context: _Gold) -> None:
        raise NotImplementedError

    def _audit(self, project: Project, *, undo: bool) -> None:
        raise NotImplementedError


@dataclass
class _FromSpan(_Decision):
    """A decision that copies an annotator's span, or part of it, into gold; audited as an accept."""

    span_id: SpanId
    source: Span | None = field(default=None, init=False)
    gold_span_id: SpanId | None = field(default=None, init=False)

    def _document(self, project: Project) -> DocumentId:
        if self.source is None:
            self.source = project.span(self.span_id)
        return self.source.document_id

    def _audit(self, project: Project, *, undo: bool) -> None:
        assert self.source is not None
        who = project.annotator(self.source.annotator_id).name
        project.record_audit(UNDO_ACCEPT if undo else ACCEPT, "span", self.gold_span_id, self.source.document_id,
                             before={"source_span": self.span_id, "annotator": who, **self._what()},
                             after={"label": self.source.label, "fragments": self.source.fragments})

    def _what(self) -> dict[str, Any]:
        return {}


@dataclass
class AcceptIntoGold(_FromSpan):
    """Copy an annotator's span into gold (replacing gold's version of its unit), with its
    attributes, actor and the links whose other end gold has; a speaker mention gold lacks
    comes along."""

    @property
    def text(self) -> str:
        return f"accept {self.source.label if self.source else 'span'} into gold"

    def _build(self, context: _Gold) -> None:
        assert self.source is not None
        self.gold_span_id = context.put_span(self.source)
        context.copy_links(self.source, self.gold_span_id, pull="mention", prune=True)


ATTRIBUTES, LINKS = "attributes", "links"


@dataclass
class AcceptPartIntoGold(_FromSpan):
    """Copy one part of an annotator's span onto gold's span of the same unit, leaving the rest of
    gold's version as it is: its ``attributes`` (with the actor a mention refers to), or its
    ``links`` (gold's own links from that span are replaced; a speaker mention gold lacks comes
    along). Gold must hold the unit already: accept a whole version first."""

    part: str = ATTRIBUTES

    @property
    def text(self) -> str:
        return f"accept the {self.part} of {self.source.label if self.source else 'a span'} into gold"

    def _what(self) -> dict[str, Any]:
        return {"part": self.part}

    def _build(self, context: _Gold) -> None:
        source = self.source
        assert source is not None
        if self.part not in (ATTRIBUTES, LINKS):
            raise ValueError(f"part must be {ATTRIBUTES!r} or {LINKS!r}, not {self.part!r}")
        gold_id = context.gold_for(source.id)
        if gold_id is None:
            raise ValidationError(f"gold has no {source.label} here yet: accept a whole version first")
        gold = context.project.span(gold_id)
        if self.part == ATTRIBUTES:
            if gold.label != source.label:
                raise ValidationError(f"gold's span here is a {gold.label}, this one a {source.label}: "
                                      "accept the whole version instead")
            if (dict(gold.attrs), gold.actor_id) != (dict(source.attrs), source.actor_id):
                context.do(UpdateSpan(gold_id, {"attrs": dict(source.attrs), "actor_id": source.actor_id,
                                                "origin": ADJUDICATED}))
        else:
            context.copy_links(source, gold_id, pull="mention", prune=True)
        if not context.steps:
            raise ValidationError(f"gold already has these {self.part}")
        self.gold_span_id = gold_id


@dataclass
class AcceptLinkIntoGold(_Decision):
    """Copy an annotator's link into gold. Its head must be in gold already; a span at its tail
    that gold lacks comes along; a link of a type allowed once per head replaces gold's."""

    relation_id: RelationId
    relation: Relation | None = field(default=None, init=False)

    @property
    def text(self) -> str:
        return f"accept {self.relation.type if self.relation else 'link'} into gold"

    def _document(self, project: Project) -> DocumentId:
        if self.relation is None:
            self.relation = project.relation(self.relation_id)
        return self.relation.document_id

    def _build(self, context: _Gold) -> None:
        relation = self.relation
        assert relation is not None
        head = context.gold_for(relation.head)
        if head is None:
            label = context.project.span(relation.head).label
            raise ValidationError(f"accept the {label} this {relation.type} link starts at into gold first")
        if relation.tail_actor is not None:
            tail: Tail = ("actor", relation.tail_actor)
        else:
            found = context.gold_for(relation.tail_span)
            tail = ("span", found if found is not None else
                    context.put_span(context.project.span(relation.tail_span)))  # type: ignore[arg-type]
        if context.project.tagset.relation(relation.type).max_per_head == 1:
            for other in context.project.relations(relation.document_id, annotator_id=context.gold.id):
                if other.head == head and other.type == relation.type and _tail_of(other) != tail:
                    context.do(DeleteRelation(other.id))
        if not context.link(relation, head, tail):
            raise ValidationError(f"gold already has this {relation.type} link")

    def _audit(self, project: Project, *, undo: bool) -> None:
        assert self.relation is not None
        project.record_audit(UNDO_ACCEPT if undo else ACCEPT, "relation", self.relation_id,
                             self.relation.document_id, after={"type": self.relation.type})


@dataclass
class AcceptAllAgreed(_Decision):
    """Accept, as one step, every unit of a document on which all annotators agree and that gold
    does not hold yet, with the links they agree on (a speaker whose mention is not agreed is
    linked straight to the actor all of them resolve to)."""

    document_id: DocumentId
    annotators: Sequence[str] | None = None
    accepted: int = field(default=0, init=False)

    @property
    def text(self) -> str:
        return "accept everything all annotators agree on"

    def _annotators(self) -> Sequence[str] | None:
        return self.annotators

    def _document(self, project: Project) -> DocumentId:
        return self.document_id

    def _build(self, context: _Gold) -> None:
        agreed = [u for u in context.review.units if u.kind == AGREE and u.status == OPEN]
        if not agreed:
            raise ValidationError("nothing to accept: every unit all annotators agree on is already decided")
        placed = [(first.span, context.put_span(first.span))
                  for unit in agreed for first in [next(iter(unit.versions.values()))]]
        for source, gold_id in placed:
            context.copy_links(source, gold_id, pull="actor", prune=False)
        self.accepted = len(placed)

    def _audit(self, project: Project, *, undo: bool) -> None:
        project.record_audit(UNDO_ACCEPT if undo else ACCEPT, "document", self.document_id, self.document_id,
                             after={"agreed_units": self.accepted})


@dataclass
class RejectAll(_Decision):
    """None of a unit's versions belongs in gold: remove gold's span for it, if any, and record
    the decision with its reason (an ``undo-reject`` entry when undone)."""

    disagreement: Disagreement
    reason: str = ""
    document_id: DocumentId | None = field(default=None, init=False)

    @property
    def text(self) -> str:
        return f"reject {self.disagreement.label}"

    def _document(self, project: Project) -> DocumentId:
        if self.document_id is None:
            first = next(iter(self.disagreement.versions.values()), None) or self.disagreement.gold
            if first is None:
                raise ValidationError("nothing to reject here")
            self.document_id = first.span.document_id
        return self.document_id

    def _build(self, context: _Gold) -> None:
        if not self.disagreement.versions:
            raise ValidationError("this span is only in gold; delete it from the gold view instead")
        unit = context.unit_of.get(self.disagreement.span_ids[0])
        gold = context.gold_of.get(unit) if unit is not None else None
        if gold is not None:
            context.do(DeleteSpan(gold))

    def _audit(self, project: Project, *, undo: bool) -> None:
        first = self.disagreement.span_ids[0]
        after: dict[str, Any] = {"spans": sorted(self.disagreement.span_ids), "label": self.disagreement.label,
                                 "kind": self.disagreement.kind}
        if not undo:
            after["reason"] = self.reason.strip()
        project.record_audit(UNDO_REJECT if undo else REJECT, "span", first, self.document_id, after=after)


class EditGold(UpdateSpan):
    """Change a gold span (edges, label, attributes); it stays adjudicated. Edge moves merge."""

    def apply(self, project: Project) -> Changes:
        span = project.span(self.span_id)
        if not is_gold(project.annotator(span.annotator_id)):
            raise ValidationError("only gold spans are edited here")
        self.fields = {**self.fields, "origin": ADJUDICATED}
        return super().apply(project)


@dataclass
class SetAdjudicationStatus:
    """Mark a document's adjudication todo, in progress or done (audited, undoable)."""

    document_id: DocumentId
    status: str
    before: str | None = None

    @property
    def text(self) -> str:
        return f"adjudication {self.status.replace('_', ' ')}"

    def apply(self, project: Project) -> Changes:
        check_status(self.status)
        if self.before is None:
            self.before = adjudication_status(project, self.document_id)
        return set_adjudication_status(project, self.document_id, self.status)

    def revert(self, project: Project) -> Changes:
        assert self.before is not None
        return set_adjudication_status(project, self.document_id, self.before)
