"""Who said what: each actor of a document with its mentions, quotes and commitments.

Pure functions over spans, relations and actors. A statement (a quote, a commitment, any
span that a relation links to a speaker or committer) belongs to an actor when its relation
points at the actor directly (pro-drop) or at a mention whose ``actor_id`` is that actor.
Which relation types count is read from the tagset: those whose tail may be ``ACTOR``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.ids import ActorId, SpanId
from annotator.model import Actor, Relation, Span
from annotator.tagset import Tagset


@dataclass
class ActorEntry:
    """One actor's part in a document."""

    actor: Actor
    mentions: list[Span] = field(default_factory=list)
    statements: dict[str, list[Span]] = field(default_factory=dict)  # relation type -> heads


def resolve_actor(relation: Relation, spans_by_id: Mapping[SpanId, Span]) -> ActorId | None:
    """The actor a relation ends at: its tail actor, or the actor of its tail mention."""
    if relation.tail_actor is not None:
        return relation.tail_actor
    tail = spans_by_id.get(relation.tail_span) if relation.tail_span is not None else None
    return tail.actor_id if tail is not None else None


def agent_relation_types(tagset: Tagset) -> list[str]:
    """Relation types that end at an actor (e.g. ATTRIBUTED_TO, COMMITTED_BY)."""
    return [rt.name for rt in tagset.relation_types if rt.allows_actor_tail]


def who_said_what(
    tagset: Tagset, spans: Sequence[Span], relations: Iterable[Relation], actors: Mapping[ActorId, Actor]
) -> list[ActorEntry]:
    """Each actor with its mentions and statements, in order of first appearance."""
    spans_by_id = {s.id: s for s in spans}
    entries: dict[ActorId, ActorEntry] = {}

    def entry(actor_id: ActorId) -> ActorEntry | None:
        if actor_id not in actors:
            return None
        return entries.setdefault(actor_id, ActorEntry(actors[actor_id]))

    for span in spans:
        if span.actor_id is not None and (found := entry(span.actor_id)) is not None:
            found.mentions.append(span)
    agent_types = set(agent_relation_types(tagset))
    for relation in relations:
        if relation.type not in agent_types or relation.head not in spans_by_id:
            continue
        actor_id = resolve_actor(relation, spans_by_id)
        if actor_id is not None and (found := entry(actor_id)) is not None:
            found.statements.setdefault(relation.type, []).append(spans_by_id[relation.head])
    first = {actor_id: _first_offset(e) for actor_id, e in entries.items()}
    return sorted(entries.values(), key=lambda e: first[e.actor.id])


def _first_offset(entry: ActorEntry) -> int:
    starts = [s.start for s in entry.mentions] + [s.start for v in entry.statements.values() for s in v]
    return min(starts, default=0)


def format_who_said_what(tagset: Tagset, entries: Sequence[ActorEntry], text: str, *, lang: str = "fa") -> str:
    """The view as plain text, for copying: one block per actor."""
    blocks = []
    for entry in entries:
        actor = entry.actor
        lines = [f"■ {actor.name} ({actor.type}{'/' + actor.subtype if actor.subtype else ''})"]
        if entry.mentions:
            names = "، ".join(dict.fromkeys(m.text_in(text) for m in entry.mentions))
            lines.append(f"  {'اشاره‌ها' if lang == 'fa' else 'mentions'}: {names}")
        for relation_type, heads in entry.statements.items():
            rt = tagset.find_relation(relation_type)
            title = (rt.display.fa if lang == "fa" else rt.display.en) if rt else relation_type
            for head in sorted(heads, key=lambda s: s.start):
                label = tagset.find_label(head.label)
                name = (label.display.fa if lang == "fa" else label.display.en) if label else head.label
                lines.append(f"  [{title} · {name}] {head.text_in(text)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
