"""Planning a merge: match documents, annotators and actors, check every annotation, and work out
per layer what to keep, drop and add. Reads the target project; writes nothing.

A *layer* is one annotator's spans, relations and status in one document. The file being merged
is that annotator's authoritative copy of each layer it holds, so the merged layer becomes equal
to the file's: spans and relations identical in both stay (with their ids), the target's others
are dropped, the file's others are added. Identity is everything but the id and timestamps:
label, fragments, attributes, origin, score and actor (after the actor mapping).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator import rules
from annotator.actor_names import name_key
from annotator.handout.lookup import TagsetIndex
from annotator.ids import ActorId, AnnotatorId, DocumentId, SpanId
from annotator.model import ActorDraft, DocumentStatus, Relation, Span, SpanDraft
from annotator.project_actors import merged_aliases
from annotator.store import actors as actor_sql
from annotator.store import annotations as ann_sql
from annotator.store import merge_sql
from annotator.store import people as people_sql
from annotator.tagset import Tagset
from annotator.tagset_diff import diff_tagsets

if TYPE_CHECKING:
    from annotator.handout.source import Source
    from annotator.project import Project

_SHOWN = 5


@dataclass(frozen=True, slots=True)
class NewActor:
    """An actor the merge will create: the placeholder an annotation points at until it exists."""

    name: str
    type: str


ActorRef = int | NewActor


@dataclass
class ActorPlan:
    """Where each file's actors go: ``refs[(file index, actor id)]`` is the project's actor id or a
    :class:`NewActor` in ``new``; ``aliases`` are the project actors' aliases after the union."""

    refs: dict[tuple[int, ActorId], ActorRef] = field(default_factory=dict)
    new: dict[NewActor, ActorDraft] = field(default_factory=dict)
    aliases: dict[ActorId, tuple[str, ...]] = field(default_factory=dict)
    matched: int = 0
    unused: int = 0


@dataclass
class LayerPlan:
    """What merging one layer does. Spans and relations to add are the file's, with its ids."""

    source: int
    document: DocumentId
    annotator: AnnotatorId
    name: str
    uid: str
    target_document: DocumentId | None
    keep: dict[SpanId, SpanId] = field(default_factory=dict)
    add_spans: list[Span] = field(default_factory=list)
    drop_spans: list[Span] = field(default_factory=list)
    add_relations: list[Relation] = field(default_factory=list)
    drop_relations: list[Relation] = field(default_factory=list)
    same_spans: int = 0
    same_relations: int = 0
    status: DocumentStatus | None = None

    @property
    def changed(self) -> bool:
        return bool(self.add_spans or self.drop_spans or self.add_relations or self.drop_relations)


@dataclass
class MergePlan:
    """The whole merge, worked out; refused when ``problems`` is not empty."""

    sources: list[Source]
    index: TagsetIndex
    actors: ActorPlan = field(default_factory=ActorPlan)
    layers: list[LayerPlan] = field(default_factory=list)
    new_documents: dict[str, tuple[int, DocumentId]] = field(default_factory=dict)
    new_annotators: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        return bool(self.new_documents or self.new_annotators or self.actors.new or self.actors.aliases
                    or any(layer.changed or layer.status for layer in self.layers))


class _Problems:
    """Problems of one file, grouped by message, with the documents they occur in."""

    def __init__(self, name: str):
        self.name = name
        self.by_message: dict[str, list[str]] = defaultdict(list)

    def add(self, message: str, document: str) -> None:
        self.by_message[message].append(document)

    def lines(self, heading: str) -> list[str]:
        if not self.by_message:
            return []
        total = sum(len(v) for v in self.by_message.values())
        lines = [f"{self.name}: {total} annotation(s) {heading}:"]
        for message, docs in sorted(self.by_message.items(), key=lambda kv: -len(kv[1])):
            where = sorted(set(docs), key=lambda d: (len(d), d))
            shown = ", ".join(where[:_SHOWN]) + (" ..." if len(where) > _SHOWN else "")
            lines.append(f"  {message}: {len(docs)} (in {shown})")
        return lines


def _examples(items: Sequence[str]) -> str:
    return "; ".join(items[:_SHOWN]) + (f"; and {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def plan_merge(project: Project, sources: list[Source], *, add_documents: bool,
               cancelled: Callable[[], bool] | None = None) -> MergePlan:
    """Work out the whole merge and every reason to refuse it (in ``plan.problems``)."""
    plan = MergePlan(sources, TagsetIndex(project.tagset))
    targets = _match_documents(project, plan, add_documents)
    _match_actors(project, plan)
    owners: dict[tuple[str, str], int] = {}
    db_annotators = {a.name: a for a in people_sql.list_annotators(project.db)}
    for index, source in enumerate(sources):
        problems = _Problems(source.name)
        for document, annotator in source.layers:
            if cancelled is not None and cancelled():
                return plan
            name, uid = source.annotators[annotator].name, source.documents[document]["uid"]
            previous = owners.setdefault((uid, name), index)
            if previous != index:
                plan.problems.append(f"{source.path} and {sources[previous].path} both hold {name}'s annotations "
                                     f"of document «{source.documents[document]['title']}»; merge them one at a time")
            if name not in db_annotators:
                plan.new_annotators.setdefault(name, source.annotators[annotator].role)
            layer = LayerPlan(index, document, annotator, name, uid, targets.get(uid))
            if _check_layer(plan.index, source, layer, problems):
                _diff_layer(project, plan, layer, db_annotators.get(name))
            plan.layers.append(layer)
        plan.problems += problems.lines(_heading(project.tagset, source))
    return plan


def _heading(tagset: Tagset, source: Source) -> str:
    removed = [c.describe().removeprefix("removed ") for c in diff_tagsets(source.tagset, tagset).changes
               if c.kind == "removed"]
    if not removed:
        return "do not fit this project"
    return (f"do not fit this project's tagset {tagset.name} {tagset.version} (the file's tagset "
            f"{source.tagset.name} {source.tagset.version} has what this one lacks: {', '.join(removed)})")


# -- documents -------------------------------------------------------------------------------------


def _match_documents(project: Project, plan: MergePlan, add_documents: bool) -> dict[str, DocumentId]:
    """``{uid: target document id}``; refusals for altered texts and unknown documents."""
    from annotator.ingest import uid_of  # heavy to import (the importers); only new documents need it

    uids = {row["uid"] for s in plan.sources for row in s.documents.values()}
    known = merge_sql.texts_by_uid(project.db, sorted(uids))
    for index, source in enumerate(plan.sources):
        altered, unknown, damaged = [], [], []
        for document, row in sorted(source.documents.items()):
            label = f"document {document} «{row['title']}» (uid {row['uid'][:12]}…)"
            if row["uid"] in known:
                if known[row["uid"]][1] != row["text"]:
                    altered.append(label)
            elif uid_of(row["text"]) != row["uid"]:
                damaged.append(label)
            elif not add_documents:
                unknown.append(label)
            else:
                plan.new_documents.setdefault(row["uid"], (index, document))
        if altered:
            plan.problems.append(f"{source.name}: {len(altered)} document(s) have a text that differs from this "
                                 f"project's copy under the same content hash (altered or damaged): "
                                 f"{_examples(altered)}")
        if damaged:
            plan.problems.append(f"{source.name}: {len(damaged)} document(s) have a text that does not match "
                                 f"their content hash (altered or damaged): {_examples(damaged)}")
        if unknown:
            plan.problems.append(f"{source.name}: {len(unknown)} document(s) are not in this project: "
                                 f"{_examples(unknown)}; if they belong here, merge with --add-documents")
    return {uid: found[0] for uid, found in known.items()}


# -- actors ----------------------------------------------------------------------------------------


def _used_actors(index: TagsetIndex, source: Source) -> set[ActorId]:
    used: set[ActorId] = set()
    for spans in source.spans.values():
        for span in spans:
            used.update([span.actor_id] if span.actor_id is not None else [])
            used.update(index.actor_values(span.label, span.attrs))
    for relations in source.relations.values():
        for relation in relations:
            used.update([relation.tail_actor] if relation.tail_actor is not None else [])
            used.update(index.actor_values(relation.type, relation.attrs))
    return used


def _match_actors(project: Project, plan: MergePlan) -> None:
    """The same type and the same knowledge-base id, or else the same name however spelled
    (:func:`~annotator.actor_names.name_key`): the project's actor, aliases united; otherwise
    a new actor, when the file's annotations use it (one for all files that spell it alike)."""
    by_name: dict[tuple[str, str], Any] = {}
    by_kb: dict[tuple[str, str], Any] = {}
    for actor in sorted(actor_sql.list_actors(project.db), key=lambda a: a.id):
        by_name.setdefault((name_key(actor.name), actor.type), actor)
        if actor.kb_id:
            by_kb.setdefault((actor.kb_id.strip(), actor.type), actor)
    actors = plan.actors
    placeholders: dict[tuple[str, str], NewActor] = {}
    for index, source in enumerate(plan.sources):
        used = _used_actors(plan.index, source)
        for actor in source.actors.values():
            key = (actor.name.strip(), actor.type)
            matching = (name_key(actor.name), actor.type)
            target = (by_kb.get((actor.kb_id.strip(), actor.type)) if actor.kb_id else None) or by_name.get(matching)
            if target is not None:
                actors.refs[(index, actor.id)] = target.id
                actors.matched += 1
                current = project.actor(target.id)
                united = merged_aliases(
                    dataclasses.replace(current, aliases=actors.aliases.get(target.id, current.aliases)), actor)
                if united != current.aliases:
                    actors.aliases[target.id] = united
            elif actor.id in used:
                placeholder = placeholders.setdefault(matching, NewActor(*key))
                actors.refs[(index, actor.id)] = placeholder
                draft = actors.new.get(placeholder) or ActorDraft(
                    name=key[0], type=actor.type, subtype=actor.subtype, kb_id=actor.kb_id,
                    attrs=rules.apply_defaults(project.tagset, "ACTOR", actor.attrs), origin=actor.origin)
                spellings = (*draft.aliases, key[0], *actor.aliases)
                actors.new[placeholder] = dataclasses.replace(
                    draft, aliases=tuple(dict.fromkeys(a for a in spellings if a and a != draft.name)))
            else:
                actors.unused += 1
    for placeholder, draft in actors.new.items():
        for problem in rules.check_actor(project.tagset, draft):
            plan.problems.append(f"actor «{placeholder.name}» ({placeholder.type}): {problem.message}")


# -- one layer -------------------------------------------------------------------------------------


def _check_layer(index: TagsetIndex, source: Source, layer: LayerPlan, problems: _Problems) -> bool:
    """Check the file's layer as a whole against this project's tagset and text; True when clean."""
    tagset = index.tagset
    before = sum(len(v) for v in problems.by_message.values())
    key = (layer.document, layer.annotator)
    where = (f"document {layer.target_document}" if layer.target_document is not None
             else f"new document {layer.document} of the file")
    spans = source.spans.get(key, [])
    length = len(source.documents[layer.document]["text"])
    # all an overlap rule can object to, with their bounds (a cheap superset of real overlaps)
    strict = [(s, s.start, s.end) for s in spans if not index.allows_overlap(s.label)]
    for span in spans:
        draft = SpanDraft(span.document_id, span.annotator_id, span.label, span.fragments,
                          index.fill(span.label, span.attrs), span.origin, span.score, span.actor_id)
        start, end = span.start, span.end
        others = ([s for s, s_start, s_end in strict if s.id != span.id and s_start < end and start < s_end]
                  if not index.allows_overlap(span.label) else [])
        found = rules.check_span(tagset, draft, text_length=length, others=others)
        found += _missing_actor_values(index, source, span.label, span.attrs)
        for problem in found:
            problems.add(problem.message, where)
    by_id = {s.id: s for s in spans}
    relations = source.relations.get(key, [])
    for relation in relations:
        head = by_id.get(relation.head)
        if head is None:
            problems.add("a link starts at a span of another layer", where)
            continue
        tail = by_id.get(relation.tail_span) if relation.tail_span is not None else None
        others = [r for r in relations if r.id != relation.id]
        found = rules.check_relation(tagset, relation.draft(), head=head, tail_span=tail,
                                     tail_actor_exists=relation.tail_actor in source.actors, existing=others)
        found += _missing_actor_values(index, source, relation.type, relation.attrs)
        for problem in found:
            problems.add(problem.message, where)
    return sum(len(v) for v in problems.by_message.values()) == before


def _missing_actor_values(index: TagsetIndex, source: Source, owner: str,
                          attrs: Mapping[str, Any]) -> list[rules.Problem]:
    return [rules.Problem("no_such_actor", f"an actor attribute names actor {v}, which the file does not have")
            for v in index.actor_values(owner, attrs) if v not in source.actors]


def _attrs_key(attrs: Mapping[str, Any]) -> tuple:
    """Attributes as a comparable value (checked attributes hold scalars only)."""
    return tuple(sorted(attrs.items()))


def _pair_up(ours: Iterable[tuple[Hashable, Any]], theirs: Iterable[tuple[Hashable, Any]]) -> tuple[
        list[tuple[Any, Any]], list[Any], list[Any]]:
    """Match items with equal keys one to one: (pairs, only ours, only theirs), each in order."""
    waiting: dict[Hashable, list[Any]] = defaultdict(list)
    for key, item in ours:
        waiting[key].append(item)
    pairs, only_theirs = [], []
    for key, item in theirs:
        if waiting.get(key):
            pairs.append((waiting[key].pop(0), item))
        else:
            only_theirs.append(item)
    only_ours = [item for items in waiting.values() for item in items]
    return pairs, only_ours, only_theirs


def _span_key(span: Span, attrs: Mapping[str, Any], actor: Any) -> tuple:
    return (span.label, span.fragments, _attrs_key(attrs), span.origin, span.score, actor)


def _relation_key(relation: Relation, head: Any, tail: Any, actor: Any, attrs: Mapping[str, Any]) -> tuple:
    return (relation.type, head, tail, actor, _attrs_key(attrs), relation.origin, relation.score)


def _diff_layer(project: Project, plan: MergePlan, layer: LayerPlan, annotator: Any) -> None:
    """Fill ``layer`` with what to keep, drop and add so the target's layer equals the file's."""
    source, index = plan.sources[layer.source], plan.index
    key = (layer.document, layer.annotator)

    def ref(actor_id: ActorId | None) -> ActorRef | None:
        return None if actor_id is None else plan.actors.refs[(layer.source, actor_id)]

    exists = layer.target_document is not None and annotator is not None
    ours = ann_sql.list_spans(project.db, layer.target_document, annotator_id=annotator.id) if exists else []
    theirs = source.spans.get(key, [])
    pairs, layer.drop_spans, layer.add_spans = _pair_up(
        ((_span_key(s, s.attrs, s.actor_id), s) for s in ours),
        ((_span_key(s, index.map_attrs(s.label, s.attrs, ref), ref(s.actor_id)), s) for s in theirs),
    )
    layer.keep = {t.id: o.id for o, t in pairs}
    layer.same_spans = len(pairs)

    def end(span_id: SpanId | None) -> tuple[str, int] | None:
        if span_id is None:
            return None
        return ("db", layer.keep[span_id]) if span_id in layer.keep else ("file", span_id)

    our_relations = ann_sql.list_relations(project.db, layer.target_document, annotator_id=annotator.id) if exists else []
    relation_pairs, layer.drop_relations, layer.add_relations = _pair_up(
        ((_relation_key(r, ("db", r.head), r.tail_span and ("db", r.tail_span), r.tail_actor, r.attrs), r)
         for r in our_relations),
        ((_relation_key(r, end(r.head), end(r.tail_span), ref(r.tail_actor),
                        index.map_attrs(r.type, r.attrs, ref)), r) for r in source.relations.get(key, [])),
    )
    layer.same_relations = len(relation_pairs)
    their_status = source.statuses.get(key)
    our_status = people_sql.get_status(project.db, layer.target_document, annotator.id) if exists else None
    if their_status is not None and (our_status is None or our_status.updated_at is None
                                     or their_status.updated_at > our_status.updated_at):
        layer.status = their_status
