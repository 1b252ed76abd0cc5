"""The actor part of the service: the corpus-wide registry, linking and merging.

A mixin of :class:`annotator.project.Project`, kept apart to keep each file small. Same
contract as the rest of the service: validate, write in one transaction with an audit
entry, return :class:`~annotator.changes.Changes`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator import rules
from annotator.changes import Changes
from annotator.errors import NotFoundError, ValidationError
from annotator.ids import ActorId, RelationId, SpanId
from annotator.model import Actor, ActorDraft
from annotator.store import actors as actor_sql
from annotator.store.db import now
from annotator.tagset import ACTOR

if TYPE_CHECKING:
    from sqlite_utils import Database

    from annotator.tagset import Tagset


@dataclass(frozen=True, slots=True)
class ActorMerge:
    """What :meth:`ActorMethods.merge_actors` did, enough to undo it exactly."""

    kept_before: Actor
    dropped: Actor
    span_ids: tuple[SpanId, ...]
    relation_ids: tuple[RelationId, ...]
    attr_spans: tuple[tuple[SpanId, str], ...]


def merged_aliases(keep: Actor, drop: Actor) -> tuple[str, ...]:
    """``keep``'s aliases plus ``drop``'s name and aliases, without repeats or ``keep``'s name."""
    seen = {keep.name}
    aliases: list[str] = []
    for alias in (*keep.aliases, drop.name, *drop.aliases):
        if alias and alias not in seen:
            seen.add(alias)
            aliases.append(alias)
    return tuple(aliases)


class ActorMethods:
    db: Database
    tagset: Tagset

    def record_audit(self, *args: Any, **kwargs: Any) -> None: ...  # provided by Project

    def actors(self, *, search: str | None = None, limit: int | None = None) -> list[Actor]:
        """Corpus-wide actors, optionally those whose name, alias or kb id matches ``search``."""
        return actor_sql.list_actors(self.db, search=search, limit=limit)

    def actor(self, actor_id: ActorId) -> Actor:
        """The actor with this id; :class:`NotFoundError` if none."""
        found = actor_sql.get_actor(self.db, actor_id)
        if found is None:
            raise NotFoundError(f"no actor with id {actor_id}")
        return found

    def actor_usage(self, actor_id: ActorId) -> tuple[int, int]:
        """How many mentions refer to the actor and how many links point at it."""
        return actor_sql.actor_usage(self.db, actor_id)

    def add_actor(self, draft: ActorDraft, *, actor_id: ActorId | None = None) -> tuple[Actor, Changes]:
        """Validate and store an actor (``actor_id`` re-creates a deleted one, for undo)."""
        draft = dataclasses.replace(
            draft, name=draft.name.strip(), attrs=rules.apply_defaults(self.tagset, ACTOR, draft.attrs)
        )
        rules.raise_if(rules.check_actor(self.tagset, draft))
        with self.db.atomic():
            new_id = actor_sql.insert_actor(self.db, draft, at=now(), actor_id=actor_id)
            actor = self.actor(new_id)
            self.record_audit("add" if actor_id is None else "restore", "actor", new_id, None, after=actor)
        return actor, Changes(actors=True)

    def update_actor(self, actor_id: ActorId, **fields: Any) -> tuple[Actor, Changes]:
        """Change an actor's name, type, subtype, aliases, kb_id, attrs or origin."""
        before = self.actor(actor_id)
        if "aliases" in fields:
            fields["aliases"] = tuple(a.strip() for a in fields["aliases"] if a.strip())
        draft = dataclasses.replace(before.draft(), **fields)
        rules.raise_if(rules.check_actor(self.tagset, draft))
        with self.db.atomic():
            actor_sql.update_actor(self.db, actor_id, draft, at=now())
            after = self.actor(actor_id)
            self.record_audit("update", "actor", actor_id, None, before=before, after=after)
        return after, Changes(actors=True)

    def delete_actor(self, actor_id: ActorId) -> tuple[Actor, Changes]:
        """Delete an actor nothing refers to; refuses one that mentions or links still use."""
        actor = self.actor(actor_id)
        spans, relations = actor_sql.actor_usage(self.db, actor_id)
        if spans or relations:
            raise ValidationError(
                f"actor «{actor.name}» is still used by {spans} mention(s) and {relations} link(s); "
                "merge it into another actor or unlink those first"
            )
        with self.db.atomic():
            actor_sql.delete_actor(self.db, actor_id)
            self.record_audit("delete", "actor", actor_id, None, before=actor)
        return actor, Changes(actors=True)

    def _actor_attributes(self) -> list[tuple[str, str]]:
        """(label, attribute) pairs whose attribute holds an actor id."""
        return [
            (label.name, attr.name)
            for label in self.tagset.span_labels
            for attr in label.attributes
            if attr.type == "actor"
        ]

    def merge_actors(self, keep: ActorId, drop: ActorId) -> tuple[ActorMerge, Changes]:
        """Merge ``drop`` into ``keep``: every mention, link and actor attribute follows; ``drop``'s
        name and aliases become aliases of ``keep``; ``drop`` is deleted."""
        if keep == drop:
            raise ValidationError("an actor cannot be merged into itself")
        kept, dropped = self.actor(keep), self.actor(drop)
        with self.db.atomic():
            span_ids, relation_ids = actor_sql.repoint_actor(self.db, drop, keep)
            attr_spans = actor_sql.repoint_actor_attributes(self.db, self._actor_attributes(), drop, keep)
            actor_sql.update_actor(
                self.db, keep, dataclasses.replace(kept.draft(), aliases=merged_aliases(kept, dropped)), at=now()
            )
            actor_sql.delete_actor(self.db, drop)
            self.record_audit("merge", "actor", keep, None, before=[kept, dropped], after=self.actor(keep))
        record = ActorMerge(kept, dropped, tuple(span_ids), tuple(relation_ids), tuple(attr_spans))
        return record, Changes(actors=True, spans=True, relations=True)

    def unmerge_actors(self, record: ActorMerge) -> Changes:
        """Undo :meth:`merge_actors`: re-create the dropped actor under its id and point back
        exactly the mentions, links and attributes that were moved."""
        kept = record.kept_before
        with self.db.atomic():
            actor_sql.insert_actor(self.db, record.dropped.draft(), at=now(), actor_id=record.dropped.id)
            actor_sql.update_actor(self.db, kept.id, kept.draft(), at=now())
            actor_sql.point_back(self.db, record.dropped.id, record.span_ids, record.relation_ids)
            actor_sql.point_back_attributes(self.db, record.dropped.id, record.attr_spans)
            self.record_audit("unmerge", "actor", record.dropped.id, None, after=record.dropped)
        return Changes(actors=True, spans=True, relations=True)
