"""The rules every write must pass: pure functions of a tagset and the items involved, no I/O.

Each check returns a list of :class:`Problem` (empty when all is well), so a caller can show them
all at once; :func:`raise_if` turns them into one :class:`~annotator.errors.ValidationError`.
Nothing here knows a particular tagset: labels, attributes and limits all come from the tagset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.errors import ValidationError
from annotator.ids import SpanId
from annotator.model import ActorDraft, Fragment, Relation, RelationDraft, Span, SpanDraft
from annotator.tagset import ACTOR, AttributeSpec, RelationType, SpanLabel, Tagset


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule: a stable ``code`` for programs and a sentence for people.

    ``span_id`` names the span a completeness problem is about, when there is one.
    """

    code: str
    message: str
    span_id: SpanId | None = None


def raise_if(problems: Iterable[Problem]) -> None:
    """Raise one :class:`ValidationError` listing every problem, one per line; do nothing if none.

    :param problems: what the checks returned
    """
    messages = [p.message for p in problems]
    if messages:
        raise ValidationError("\n".join(messages))


# -- spans ---------------------------------------------------------------------------------------


def check_span(tagset: Tagset, draft: SpanDraft, *, text_length: int,
               others: Sequence[Span] = ()) -> list[Problem]:
    """Check a span before it is written.

    :param tagset: the project's tagset
    :param draft: the span to write
    :param text_length: the length of the document's text, in code points
    :param others: spans of the same document (any annotator); leave out the span being edited
    """
    problems = check_fragments(draft.fragments, text_length=text_length)
    label = tagset.find_label(draft.label)
    if label is None:
        known = ", ".join(tagset.label_names)
        return [Problem("unknown_label", f"{draft.label!r} is not a label of tagset "
                                         f"{tagset.name}; use one of {known}")] + problems
    if len(draft.fragments) > 1 and not label.allow_fragments:
        problems.append(Problem("fragments_not_allowed", f"{_a(label.name)} must be one continuous "
                                f"stretch of text, but this one has {len(draft.fragments)} parts"))
    if not problems:
        problems += _overlap_problems(tagset, label, draft, others)
    problems += check_attributes(label.attributes, draft.attrs, owner=label.name)
    return problems + _actor_link_problems(label, draft)


def check_fragments(fragments: Sequence[Fragment], *, text_length: int) -> list[Problem]:
    """Fragments must be non-empty, inside the text, sorted, and apart from each other.

    :param fragments: ``(start, end)`` code-point pairs, half-open
    :param text_length: the length of the text they index
    """
    if not fragments:
        return [Problem("no_fragments", "a span needs at least one stretch of text")]
    problems = []
    for start, end in fragments:
        if not (_is_int(start) and _is_int(end)) or start >= end:
            problems.append(Problem("empty_fragment", f"the part {_where(start, end)} is empty "
                                                      "or reversed; select some text"))
        elif start < 0 or end > text_length:
            problems.append(Problem("out_of_bounds", f"the part {_where(start, end)} lies outside "
                                                     f"the text, which has {text_length} characters"))
    return problems or _order_problems(fragments)


def _order_problems(fragments: Sequence[Fragment]) -> list[Problem]:
    problems = []
    for (s1, e1), (s2, e2) in zip(fragments, fragments[1:]):
        if s2 < s1:
            problems.append(Problem("unsorted_fragments", f"the parts {_where(s1, e1)} and "
                                    f"{_where(s2, e2)} are out of order; list them by position"))
        elif s2 < e1:
            problems.append(Problem("overlapping_fragments", f"the parts {_where(s1, e1)} and "
                                    f"{_where(s2, e2)} overlap; merge them"))
        elif s2 == e1:
            problems.append(Problem("touching_fragments", f"the parts {_where(s1, e1)} and "
                                    f"{_where(s2, e2)} touch; make them one part {_where(s1, e2)}"))
    return problems


def _overlap_problems(tagset: Tagset, label: SpanLabel, draft: SpanDraft,
                      others: Sequence[Span]) -> list[Problem]:
    """Two spans of one annotator may overlap unless both their labels say allow_overlap false."""
    if label.allow_overlap:
        return []
    problems = []
    for other in others:
        other_label = tagset.find_label(other.label)
        if (other.annotator_id != draft.annotator_id or other.document_id != draft.document_id
                or other_label is None or other_label.allow_overlap
                or not _overlaps(draft.fragments, other.fragments)):
            continue
        which = "another " + label.name if other.label == label.name else _a(other.label)
        problems.append(Problem("overlap_not_allowed", f"this {label.name} overlaps {which} at "
                                f"{_where(other.start, other.end)}; {_and(label.name, other.label)} "
                                "spans may not overlap"))
    return problems


def _overlaps(a: Sequence[Fragment], b: Sequence[Fragment]) -> bool:
    return any(max(s1, s2) < min(e1, e2) for s1, e1 in a for s2, e2 in b)


def _actor_link_problems(label: SpanLabel, draft: SpanDraft) -> list[Problem]:
    if label.refers_to_actor == "none" and draft.actor_id is not None:
        return [Problem("actor_not_allowed", f"{_a(label.name)} does not refer to an actor; "
                                             "remove the actor link")]
    if label.refers_to_actor == "required" and draft.actor_id is None:
        return [Problem("actor_required", f"{_a(label.name)} must refer to an actor; choose one")]
    return []


# -- attributes ----------------------------------------------------------------------------------


def check_attributes(specs: Sequence[AttributeSpec], attrs: Mapping[str, Any], *,
                     owner: str) -> list[Problem]:
    """Unknown attributes, missing required ones (without a default) and invalid values.

    A value of None counts as absent.

    :param specs: the attributes the owner allows
    :param attrs: the attributes given
    :param owner: what to call the owner in messages, e.g. the label name
    """
    by_name = {s.name: s for s in specs}
    problems = [_unknown_attribute(owner, name, by_name) for name in attrs if name not in by_name]
    for spec in specs:
        value = attrs.get(spec.name)
        if value is None:
            if spec.required and spec.default is None:
                problems.append(Problem("missing_attribute", f"{owner} needs the attribute "
                                                             f"{spec.name}{_choices(spec)}"))
            continue
        reason = spec.check_value(value)
        if reason:
            problems.append(Problem("bad_value", f"{owner} attribute {spec.name} {reason}"))
    return problems


def _unknown_attribute(owner: str, name: str, by_name: Mapping[str, AttributeSpec]) -> Problem:
    known = f"its attributes are {', '.join(by_name)}" if by_name else "it has no attributes"
    return Problem("unknown_attribute", f"{owner} has no attribute {name!r}; {known}")


def _choices(spec: AttributeSpec) -> str:
    return f" (one of {', '.join(spec.value_names)})" if spec.type == "enum" else ""


def apply_defaults(tagset: Tagset, label: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """``attrs`` with the default of every absent attribute filled in.

    :param tagset: the project's tagset
    :param label: a span label, a relation type, or ``ACTOR`` for actor attributes
    :param attrs: the attributes given; an unknown ``label`` returns a copy unchanged
    """
    filled = dict(attrs)
    for spec in tagset.attributes_of(label) or ():
        if filled.get(spec.name) is None and spec.default is not None:
            filled[spec.name] = spec.default
    return filled


# -- relations -----------------------------------------------------------------------------------


def check_relation(tagset: Tagset, draft: RelationDraft, *, head: Span, tail_span: Span | None,
                   tail_actor_exists: bool, existing: Sequence[Relation]) -> list[Problem]:
    """Check a relation before it is written.

    :param tagset: the project's tagset
    :param draft: the relation to write
    :param head: the span ``draft.head`` names
    :param tail_span: the span ``draft.tail_span`` names, or None
    :param tail_actor_exists: whether the actor ``draft.tail_actor`` names exists
    :param existing: stored relations, at least all from the same head (leave out one being edited)
    """
    rt = tagset.find_relation(draft.type)
    if rt is None:
        known = ", ".join(tagset.relation_names) or "none"
        return [Problem("unknown_relation_type", f"{draft.type!r} is not a relation type of "
                                                 f"tagset {tagset.name}; use one of {known}")]
    problems = _endpoint_problems(rt, draft, head, tail_span, tail_actor_exists)
    problems += _same_scope_problems(draft, head, tail_span)
    problems += _count_problems(rt, draft, head, existing)
    return problems + check_attributes(rt.attributes, draft.attrs, owner=rt.name)


def _endpoint_problems(rt: RelationType, draft: RelationDraft, head: Span, tail_span: Span | None,
                       tail_actor_exists: bool) -> list[Problem]:
    problems = []
    if head.label not in rt.head:
        problems.append(Problem("head_not_allowed", f"{rt.name} must start at "
                                f"{_one_of(rt.head)}, not at {_a(head.label)}"))
    if (draft.tail_span is None) == (draft.tail_actor is None):
        return problems + [Problem("tail_count", f"{rt.name} must point to exactly one span or "
                                                 "actor")]
    if draft.tail_actor is not None:
        if not rt.allows_actor_tail:
            problems.append(Problem("tail_not_allowed", f"{rt.name} cannot point to an actor; "
                                    f"it points to {_one_of(rt.tail)}"))
        elif not tail_actor_exists:
            problems.append(Problem("no_such_actor", f"actor {draft.tail_actor} does not exist"))
    elif tail_span is None:
        problems.append(Problem("no_such_span", f"span {draft.tail_span} does not exist"))
    elif tail_span.label not in rt.tail_labels:
        problems.append(Problem("tail_not_allowed", f"{rt.name} must point to "
                                f"{_one_of(rt.tail)}, not to {_a(tail_span.label)}"))
    elif tail_span.id == head.id:
        problems.append(Problem("self_link", "a span cannot be linked to itself"))
    return problems


def _same_scope_problems(draft: RelationDraft, head: Span,
                         tail_span: Span | None) -> list[Problem]:
    spans = [head] + ([tail_span] if tail_span is not None and draft.tail_span is not None else [])
    if any(s.document_id != draft.document_id for s in spans):
        return [Problem("other_document", "both ends of a link must be in the same document")]
    if any(s.annotator_id != draft.annotator_id for s in spans):
        return [Problem("other_annotator", "both ends of a link must be spans of the annotator "
                                           "making it")]
    return []


def _count_problems(rt: RelationType, draft: RelationDraft, head: Span,
                    existing: Sequence[Relation]) -> list[Problem]:
    same = [r for r in existing if r.type == rt.name and r.head == draft.head]
    if any(r.tail_span == draft.tail_span and r.tail_actor == draft.tail_actor for r in same):
        return [Problem("duplicate", f"this {rt.name} link already exists")]
    if rt.max_per_head is not None and len(same) >= rt.max_per_head:
        n = rt.max_per_head
        return [Problem("too_many", f"this {head.label} already has {len(same)} {rt.name} "
                                    f"link{'s' if len(same) != 1 else ''} and may have at most "
                                    f"{n}; remove {'it' if n == 1 else 'one'} first")]
    return []


def missing_required_relations(tagset: Tagset, spans: Iterable[Span],
                               relations: Iterable[Relation]) -> list[Problem]:
    """Completeness: head spans that lack a relation their tagset says they should have.

    Not checked at write time (a quote is marked before its speaker is linked).

    :param tagset: the project's tagset
    :param spans: the spans to check, e.g. one annotator's spans of one document
    :param relations: the relations stored for them
    """
    have = {(r.type, r.head) for r in relations}
    problems = []
    for span in spans:
        for rt in tagset.relations_from(span.label):
            if not rt.required or (rt.name, span.id) in have:
                continue
            if rt.required_unless and span.attrs.get(rt.required_unless) is True:
                continue
            problems.append(Problem("missing_relation", f"the {span.label} at "
                                    f"{_where(span.start, span.end)} has no {rt.name} link",
                                    span_id=span.id))
    return problems


# -- actors --------------------------------------------------------------------------------------


def check_actor(tagset: Tagset, draft: ActorDraft) -> list[Problem]:
    """Check an actor before it is written: name, type, subtype and attributes.

    :param tagset: the project's tagset
    :param draft: the actor to write
    """
    problems = []
    if not draft.name.strip():
        problems.append(Problem("empty_name", "an actor needs a name"))
    if any(not alias.strip() for alias in draft.aliases):
        problems.append(Problem("empty_alias", "an actor's aliases must not be empty"))
    problems += _actor_type_problems(tagset, draft)
    return problems + check_attributes(tagset.actor_attributes, draft.attrs, owner="the actor")


def _actor_type_problems(tagset: Tagset, draft: ActorDraft) -> list[Problem]:
    actor_type = tagset.find_actor_type(draft.type)
    if actor_type is None:
        known = ", ".join(tagset.actor_type_names)
        hint = f"use one of {known}" if known else f"tagset {tagset.name} has no actor types"
        return [Problem("unknown_actor_type", f"{draft.type!r} is not an actor type; {hint}")]
    if draft.subtype is None:
        return []
    if not actor_type.subtypes:
        return [Problem("unknown_subtype", f"{actor_type.name} actors have no subtypes; "
                                           "leave the subtype empty")]
    if draft.subtype not in actor_type.subtype_names:
        return [Problem("unknown_subtype", f"{draft.subtype!r} is not a subtype of "
                                           f"{actor_type.name}; use one of "
                                           f"{', '.join(actor_type.subtype_names)}")]
    return []


# -- wording -------------------------------------------------------------------------------------


def _where(start: Any, end: Any) -> str:
    return f"{start}-{end}"


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _one_of(names: Sequence[str]) -> str:
    words = ["an actor" if n == ACTOR else _a(n) for n in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _a(name: str) -> str:
    """``name`` with its indefinite article: "a PER", "an ORG"."""
    return f"an {name}" if name[:1] in "AEIOU" else f"a {name}"


def _and(a: str, b: str) -> str:
    return a if a == b else f"{a} and {b}"
