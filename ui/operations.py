"""What the window can do to spans, as pure functions that build core edits. Qt-free.

Each function takes what it needs (the text, its tokens, the spans, the tagset) and returns
offsets or an :mod:`annotator.edits` edit; the session pushes the result. Keeping them free
of Qt makes every rule here testable without a window.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.changes import Changes
from annotator.edits import AddActor, AddRelation
from annotator.ids import ActorId, SpanId
from annotator.model import ActorDraft, Fragment, Relation, RelationDraft, Span
from annotator.project import Project
from annotator.tagset import AttributeSpec, RelationType, SpanLabel, Tagset
from annotator.text import snap_to_tokens, trim_span
from annotator.timex import Timex

FORWARD, BACKWARD = 1, -1


def fragment_from_selection(text: str, tokens: Sequence[Fragment], start: int, end: int, *,
                            snap: bool) -> Fragment | None:
    """The stretch a selection ``[start, end)`` (code points) stands for, or None if blank.

    With ``snap`` the edges widen to whole tokens; either way whitespace, ZWNJ and other
    invisible characters never stay at an edge.
    """
    start, end = min(start, end), max(start, end)
    start, end = trim_span(text, start, end)
    if start >= end:
        return None
    if snap:
        start, end = trim_span(text, *snap_to_tokens(tokens, start, end))
    return (start, end) if start < end else None


def merge_fragment(fragments: Iterable[Fragment], new: Fragment) -> tuple[Fragment, ...]:
    """``fragments`` plus ``new``, sorted; parts that overlap or touch become one."""
    merged: list[list[int]] = []
    for s, e in sorted([*fragments, new]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def covering(spans: Iterable[Span], position: int) -> list[Span]:
    """Spans with a fragment that contains ``position``, innermost (shortest part) first."""
    found = []
    for span in spans:
        for s, e in span.fragments:
            if s <= position < e:
                found.append((e - s, -s, -span.id, span))
                break
    return [item[-1] for item in sorted(found, key=lambda t: t[:3])]


def in_text_order(spans: Iterable[Span]) -> list[Span]:
    """Spans ordered as Tab visits them: by start, outer before inner."""
    return sorted(spans, key=lambda s: (s.start, -s.end, s.id))


def cycle(spans: Sequence[Span], current: int | None, step: int) -> Span | None:
    """The span after (``step`` = 1) or before (-1) span id ``current`` in text order, wrapping."""
    ordered = in_text_order(spans)
    if not ordered:
        return None
    ids = [s.id for s in ordered]
    if current not in ids:
        return ordered[0] if step > 0 else ordered[-1]
    return ordered[(ids.index(current) + step) % len(ordered)]


def missing_required(tagset: Tagset, label: str, attrs: Mapping[str, Any]) -> list[AttributeSpec]:
    """Required attributes of ``label`` with no default that ``attrs`` leaves empty."""
    spec = tagset.find_label(label)
    if spec is None:
        return []
    return [a for a in spec.attributes if a.required and a.default is None and attrs.get(a.name) is None]


def attrs_for_label(tagset: Tagset, label: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of a span that survive a change of label: same name, still a valid value."""
    spec = tagset.find_label(label)
    if spec is None:
        return {}
    kept = {}
    for name, value in attrs.items():
        attribute = spec.attribute(name)
        if attribute is not None and value is not None and attribute.check_value(value) is None:
            kept[name] = value
    return kept


def moved_fragments(span: Span, text: str, tokens: Sequence[Fragment], *, edge: str, step: int,
                    snap: bool) -> tuple[Fragment, ...] | None:
    """The fragments of ``span`` with its start or end edge moved by one token (or character).

    :param edge: ``"start"`` moves the first fragment's start, ``"end"`` the last one's end
    :param step: ``FORWARD`` (later in the text) or ``BACKWARD``
    :returns: the new fragments, or None when the edge cannot move that way
    """
    fragments = list(span.fragments)
    index = 0 if edge == "start" else max(range(len(fragments)), key=lambda i: fragments[i][1])
    s, e = fragments[index]
    lower = fragments[index - 1][1] if edge == "start" and index > 0 else 0
    upper = fragments[index + 1][0] if edge == "end" and index + 1 < len(fragments) else len(text)
    if edge == "start":
        new = _next_edge(text, tokens, s, step, snap, starts=True)
        if new is None or new >= e or new < lower:
            return None
        fragments[index] = (new, e)
    else:
        new = _next_edge(text, tokens, e, step, snap, starts=False)
        if new is None or new <= s or new > upper:
            return None
        fragments[index] = (s, new)
    return tuple(fragments)


def _next_edge(text: str, tokens: Sequence[Fragment], position: int, step: int, snap: bool, *,
               starts: bool) -> int | None:
    if snap and tokens:
        edges = [t[0] for t in tokens] if starts else [t[1] for t in tokens]
        i = bisect_right(edges, position) if step > 0 else bisect_left(edges, position) - 1
        return edges[i] if 0 <= i < len(edges) else None
    position += step
    blank = (lambda i: i < len(text) and _blank(text[i])) if starts else (lambda i: i > 0 and _blank(text[i - 1]))
    while 0 < position < len(text) and blank(position):
        position += step
    return position if 0 <= position <= len(text) else None


def _blank(ch: str) -> bool:
    """Whitespace or an invisible joiner: what :func:`trim_span` never leaves at an edge."""
    start, end = trim_span(ch, 0, 1)
    return start == end


# -- links, actors, time expressions -----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RelationChoice:
    """One entry of the link popup: a relation type, to a span or (``to_actor``) to an actor."""

    type: str
    to_actor: bool
    enabled: bool = True


def links_of(relations: Iterable[Relation], span_id: SpanId) -> tuple[list[Relation], list[Relation]]:
    """The relations that start at ``span_id`` and those that end at it."""
    relations = list(relations)
    return ([r for r in relations if r.head == span_id], [r for r in relations if r.tail_span == span_id])


def _full(rt: RelationType, head: SpanId, relations: Sequence[Relation]) -> bool:
    count = sum(1 for r in relations if r.head == head and r.type == rt.name)
    return rt.max_per_head is not None and count >= rt.max_per_head


def relation_choices(tagset: Tagset, head: Span, relations: Sequence[Relation]) -> list[RelationChoice]:
    """What the link popup offers for ``head``: each relation type its label may start, to a
    span and, where the tagset allows, to an actor; types still open first (in tagset order,
    so QUOTE offers ATTRIBUTED_TO first), types already at their limit last and disabled."""
    open_, full = [], []
    for rt in tagset.relations_from(head.label):
        is_full = _full(rt, head.id, relations)
        entries = [RelationChoice(rt.name, False, not is_full)] if rt.tail_labels else []
        if rt.allows_actor_tail:
            entries.append(RelationChoice(rt.name, True, not is_full))
        (full if is_full else open_).extend(entries)
    return open_ + full


def first_relation(tagset: Tagset, head_label: str, tail_label: str) -> str | None:
    """The first relation type (tagset order) from a ``head_label`` span to a ``tail_label`` span."""
    return next((rt.name for rt in tagset.relations_from(head_label) if tail_label in rt.tail_labels), None)


def first_actor_relation(tagset: Tagset, head: Span, relations: Sequence[Relation]) -> str | None:
    """The first relation type from ``head`` that may end at an actor and is not yet full."""
    found = [rt for rt in tagset.relations_from(head.label) if rt.allows_actor_tail]
    open_ = [rt for rt in found if not _full(rt, head.id, relations)]
    return (open_ or found)[0].name if found else None


def link_candidates(spans: Iterable[Span], head: Span, rt: RelationType) -> list[Span]:
    """Spans a link of type ``rt`` from ``head`` may end at, in text order."""
    return in_text_order(s for s in spans if s.label in rt.tail_labels and s.id != head.id)


def nearest_candidate(candidates: Sequence[Span], head: Span) -> int | None:
    """Index of the candidate closest to ``head``, preferring one before it (speakers and cues
    usually come first in Persian news: «... گفت: «...»»)."""
    if not candidates:
        return None
    before = [i for i, s in enumerate(candidates) if s.end <= head.start]
    if before:
        return max(before, key=lambda i: candidates[i].end)
    return min(range(len(candidates)), key=lambda i: abs(candidates[i].start - head.start))


def document_actor_ids(spans: Iterable[Span], relations: Iterable[Relation]) -> list[ActorId]:
    """Actors a document refers to (mentions and direct links), in order of first appearance."""
    first: dict[ActorId, int] = {}
    by_id = {}
    for span in spans:
        by_id[span.id] = span
        if span.actor_id is not None:
            first[span.actor_id] = min(first.get(span.actor_id, span.start), span.start)
    for relation in relations:
        head = by_id.get(relation.head)
        if relation.tail_actor is not None and head is not None:
            first[relation.tail_actor] = min(first.get(relation.tail_actor, head.start), head.start)
    return sorted(first, key=lambda a: (first[a], a))


_ORG_WORDS = ("شهرداری", "وزارت", "سازمان", "دانشگاه", "شرکت", "مجلس", "دولت", "اداره", "بانک",
              "پلیس", "ناجا", "دادگستری", "استانداری", "فرمانداری", "بنیاد", "ستاد", "شورای", "خبرگزاری")


def guess_actor_type(tagset: Tagset, text: str) -> str:
    """A first guess for a new actor's type from its mention: ORG for «شهرداری ...», «وزارت ...»
    and similar heads, else PER; always a type the tagset has."""
    words = text.split()
    guess = "ORG" if words and words[0] in _ORG_WORDS else "PER"
    names = tagset.actor_type_names
    return guess if guess in names else (names[0] if names else guess)


def parse_aliases(text: str) -> tuple[str, ...]:
    """Aliases typed as a list: separated by Latin or Persian commas or semicolons."""
    parts = re.split(r"[,،;؛\n]", text)
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


# The normaliser's fields and the attribute names a tagset is likely to give them.
TIMEX_FIELDS = {
    "type": ("timex_type", "type"),
    "value": ("value", "timex_value"),
    "mod": ("deadline_mod", "mod", "timex_mod"),
    "anchor": ("anchor",),
    "calendar": ("calendar",),
}


def timex_attribute_names(label: SpanLabel) -> dict[str, str]:
    """Which attribute of ``label`` holds each normaliser field (only those it has)."""
    found = {}
    for field_name, candidates in TIMEX_FIELDS.items():
        name = next((c for c in candidates if label.attribute(c) is not None), None)
        if name is not None:
            found[field_name] = name
    return found


def timex_attrs(label: SpanLabel, timex: Timex) -> dict[str, Any]:
    """The attributes of ``label`` that a normalised time expression fills, with values the
    tagset accepts (a value it does not know is left out, never forced)."""
    attrs = {}
    for field_name, name in timex_attribute_names(label).items():
        value = getattr(timex, field_name)
        spec = label.attribute(name)
        if value is not None and spec is not None and spec.check_value(value) is None:
            attrs[name] = value
    return attrs


@dataclass
class CreateActorAndLink:
    """Create an actor and link a span straight to it (a pro-drop quote's new speaker): one
    undo step. Qt-free, like the edits of :mod:`annotator.edits`."""

    draft: RelationDraft
    actor: ActorDraft
    add: AddActor | None = None
    link: AddRelation | None = None

    @property
    def text(self) -> str:
        return f"link {self.draft.type} to new actor {self.actor.name}"

    def apply(self, project: Project) -> Changes:
        with project.db.atomic():
            self.add = self.add or AddActor(self.actor)
            changes = self.add.apply(project)
            assert self.add.actor is not None
            self.link = self.link or AddRelation(dataclasses.replace(self.draft, tail_actor=self.add.actor.id))
            return changes | self.link.apply(project)

    def revert(self, project: Project) -> Changes:
        assert self.add is not None and self.link is not None
        with project.db.atomic():
            return self.link.revert(project) | self.add.revert(project)
