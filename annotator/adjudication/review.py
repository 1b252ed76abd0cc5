"""One document, every annotator's version side by side: spans matched into units, each unit
classified, and what gold already holds for it.

Spans are matched across annotators the way agreement matches them (tagset.md, last section):
by overlap, one-to-one, same label first, then across labels for what is left (here only when
the two cover much the same text, so that a mention inside a quote stays a unit of its own). Annotators are
taken in turn; each one's spans are matched against the units found so far (a unit stands for
the union of its spans). Gold is matched against the units the same way, last, without
changing them. Links are compared on matched units: a link to a span counts by the unit that
span is in, and a link that names who (a relation type whose tail may be an actor, such as
ATTRIBUTED_TO) counts by the actor each side resolves to, not by the mention.

Everything below :func:`review_document` is a pure function of model values.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.adjudication.gold import Rejection, find_gold, is_gold, rejection_for, rejections
from annotator.agreement.matching import match_overlap, overlap
from annotator.agreement.units import merged
from annotator.ids import AnnotatorId, DocumentId, SpanId
from annotator.model import GOLD_LAYER, Annotator, Relation, Span
from annotator.project import Project
from annotator.tagset import Tagset

# Kinds of difference, in the order a unit reports them (the first is its ``kind``).
ONLY_SOME, LABEL, BOUNDARY, ATTRIBUTE, SPEAKER, LINK = "only_some", "label", "boundary", "attribute", "speaker", "link"
AGREE, GOLD_ONLY = "agree", "gold_only"
KINDS = (ONLY_SOME, LABEL, BOUNDARY, ATTRIBUTE, SPEAKER, LINK)
# What gold holds for a unit.
OPEN, ACCEPTED, EDITED, REJECTED = "open", "accepted", "edited", "rejected"
SPEAKER_RELATION = "ATTRIBUTED_TO"

Target = tuple[str, int]  # ("actor", actor id) | ("unit", unit index) | ("span", span id)
LinkKey = tuple[str, Target]


@dataclass(frozen=True, slots=True)
class Version:
    """One annotator's span in a unit, with the links that start at it."""

    annotator: str
    span: Span
    relations: tuple[Relation, ...] = ()
    links: frozenset[LinkKey] = frozenset()

    @property
    def attrs(self) -> dict[str, Any]:
        return {k: v for k, v in self.span.attrs.items() if v is not None}

    def same_as(self, other: Version, in_gold: Container[int] | None = None) -> bool:
        """Same label, fragments, attributes, actor and links.

        :param in_gold: units gold holds: when given, only links to those (and to actors) count,
          since a link to a span gold does not have yet cannot be there
        """
        return (self.span.label == other.span.label and self.span.fragments == other.span.fragments
                and self.attrs == other.attrs and self.span.actor_id == other.span.actor_id
                and self.links_within(in_gold) == other.links_within(in_gold))

    def links_within(self, units: Container[int] | None) -> frozenset[LinkKey]:
        if units is None:
            return self.links
        return frozenset(k for k in self.links if k[1][0] == "actor" or (k[1][0] == "unit" and k[1][1] in units))


@dataclass(frozen=True)
class Disagreement:
    """A unit of one document: the spans annotators made for the same stretch, and its verdict.

    ``kind`` is ``agree``, ``gold_only`` (a span only gold has) or the first of ``differences``.
    ``status`` says what gold holds: ``open`` (nothing yet), ``accepted`` (a copy of the versions
    in ``accepted_from``), ``edited`` (something none of them has) or ``rejected`` (none wanted).
    """

    index: int
    kind: str
    differences: tuple[str, ...]
    label: str
    start: int
    end: int
    annotators: tuple[str, ...]
    versions: Mapping[str, Version]
    attributes: tuple[str, ...] = ()
    gold: Version | None = None
    status: str = OPEN
    accepted_from: tuple[str, ...] = ()
    reason: str = ""

    @property
    def agreed(self) -> bool:
        return self.kind == AGREE

    @property
    def span_ids(self) -> tuple[SpanId, ...]:
        return tuple(v.span.id for v in self.versions.values())

    def version(self, annotator: str) -> Version | None:
        return self.versions.get(annotator)

    def missing(self) -> tuple[str, ...]:
        return tuple(name for name in self.annotators if name not in self.versions)


@dataclass(frozen=True)
class DocumentReview:
    """A document's units (in text order) and the layers they were built from."""

    document_id: DocumentId
    annotators: tuple[Annotator, ...]
    spans: Mapping[str, Sequence[Span]]
    gold_spans: Sequence[Span]
    units: tuple[Disagreement, ...]
    unit_of: Mapping[SpanId, int] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.annotators)

    @property
    def disagreements(self) -> list[Disagreement]:
        return [u for u in self.units if u.kind != AGREE]

    def unit(self, index: int) -> Disagreement:
        return self.units[index]


# -- reading a document ------------------------------------------------------------------------------


def compared_annotators(project: Project, document_id: DocumentId,
                        names: Sequence[str] | None = None) -> list[Annotator]:
    """Whose versions to compare: ``names``, or everyone but gold with a span (not a suggestion)
    in the document or who marked it done; in the order they joined the project."""
    everyone = [a for a in project.annotators() if not is_gold(a)]
    if names is not None:
        return [project.annotator_by_name(n) for n in dict.fromkeys(names)]
    with_spans = {s.annotator_id for s in project.spans(document_id) if s.origin != "suggested"}
    ids = [a.id for a in everyone]
    done = {i for i in ids if project.status(document_id, i).status == "done"}
    return sorted((a for a in everyone if a.id in with_spans or a.id in done), key=lambda a: a.id)


def review_document(project: Project, document_id: DocumentId,
                    annotators: Sequence[str] | None = None) -> DocumentReview:
    """Read one document's layers and gold, and match them into units."""
    project.document(document_id)
    chosen = compared_annotators(project, document_id, annotators)
    gold = find_gold(project)
    by_id: dict[AnnotatorId, str] = {a.id: a.name for a in chosen}
    spans: dict[str, list[Span]] = {a.name: [] for a in chosen}
    relations: dict[str, list[Relation]] = {a.name: [] for a in chosen}
    gold_spans: list[Span] = []
    gold_relations: list[Relation] = []
    for span in project.spans(document_id):
        if gold is not None and span.annotator_id == gold.id:
            gold_spans.append(span)
        elif span.annotator_id in by_id and span.origin != "suggested":
            spans[by_id[span.annotator_id]].append(span)
    for relation in project.relations(document_id):
        if gold is not None and relation.annotator_id == gold.id:
            gold_relations.append(relation)
        elif relation.annotator_id in by_id:
            relations[by_id[relation.annotator_id]].append(relation)
    return build_review(document_id, chosen, spans, relations, gold_spans, gold_relations,
                        tagset=project.tagset, rejected=rejections(project, document_id))


def disagreements(project: Project, document_id: DocumentId,
                  annotators: Sequence[str] | None = None) -> list[Disagreement]:
    """The units of a document on which the annotators do not all agree, in text order."""
    return review_document(project, document_id, annotators).disagreements


# -- the pure part -----------------------------------------------------------------------------------


def actor_link_types(tagset: Tagset) -> frozenset[str]:
    """Relation types that say who (their tail may be an actor, or a span that refers to one)."""
    refers = {x.name for x in tagset.span_labels if x.refers_to_actor != "none"}
    return frozenset(r.name for r in tagset.relation_types
                     if r.allows_actor_tail or refers.intersection(r.tail_labels))


def build_review(document_id: DocumentId, annotators: Sequence[Annotator], spans: Mapping[str, Sequence[Span]],
                 relations: Mapping[str, Sequence[Relation]], gold_spans: Sequence[Span],
                 gold_relations: Sequence[Relation], *, tagset: Tagset,
                 rejected: Sequence[Rejection] = ()) -> DocumentReview:
    """Match the layers into units and classify each (see the module text)."""
    names = tuple(a.name for a in annotators)
    members = cluster([list(spans.get(n, ())) for n in names])
    gold_members, gold_only = attach(members, list(gold_spans))
    entries = [(group, gold_members.get(i)) for i, group in enumerate(members)]
    entries += [({}, span) for span in gold_only]
    entries.sort(key=_bounds)
    unit_of: dict[SpanId, int] = {}
    for index, (group, gold) in enumerate(entries):
        for span in group.values():
            unit_of[span.id] = index
        if gold is not None:
            unit_of[gold.id] = index
    who = actor_link_types(tagset)
    all_spans = {s.id: s for layer in spans.values() for s in layer} | {s.id: s for s in gold_spans}
    in_gold = {i for i, (_, gold) in enumerate(entries) if gold is not None}
    units: list[Disagreement] = []
    for index, (group, gold) in enumerate(entries):
        gold_version = _version(GOLD_LAYER, gold, gold_relations, all_spans, unit_of, who) if gold else None
        if not group:
            assert gold is not None and gold_version is not None
            units.append(Disagreement(index, GOLD_ONLY, (), gold.label, gold.start, gold.end, names, {},
                                      gold=gold_version, status=EDITED))
            continue
        versions = {names[i]: _version(names[i], span, relations.get(names[i], ()), all_spans, unit_of, who)
                    for i, span in sorted(group.items())}
        units.append(_classify(index, names, versions, gold_version, rejected, in_gold))
    return DocumentReview(document_id, tuple(annotators), {n: tuple(spans.get(n, ())) for n in names},
                          tuple(gold_spans), tuple(units), unit_of)


def _bounds(entry: tuple[dict[int, Span], Span | None]) -> tuple[int, int, int]:
    group, gold = entry
    spans = list(group.values()) or [gold]
    return (min(s.start for s in spans), -max(s.end for s in spans),  # type: ignore[union-attr]
            min(s.id for s in spans))  # type: ignore[union-attr]


def cluster(layers: Sequence[Sequence[Span]]) -> list[dict[int, Span]]:
    """Units over several annotators: per unit, ``{annotator position: span}``.

    Each annotator's spans are matched one-to-one against the units so far (same label, then
    across labels, by overlap); what stays unmatched starts a unit of its own.
    """
    units: list[dict[int, Span]] = []
    for position, spans in enumerate(layers):
        if not units:
            units = [{position: s} for s in spans]
            continue
        paired = _pair(units, list(spans))
        for unit_index, span_index in paired:
            units[unit_index][position] = spans[span_index]
        used = {j for _, j in paired}
        units += [{position: s} for j, s in enumerate(spans) if j not in used]
    return units


def attach(units: Sequence[dict[int, Span]], gold: list[Span]) -> tuple[dict[int, Span], list[Span]]:
    """Match gold spans to units (as :func:`cluster` would); returns ``{unit: gold span}`` and the rest."""
    paired = _pair(units, gold) if units else []
    used = {j for _, j in paired}
    return {i: gold[j] for i, j in paired}, [s for j, s in enumerate(gold) if j not in used]


def _pair(units: Sequence[dict[int, Span]], spans: list[Span]) -> list[tuple[int, int]]:
    """One-to-one (unit, span) pairs: same label by overlap, then across labels for the rest."""
    if not spans:
        return []
    reps = [_representative(u) for u in units]
    same = match_overlap(reps, spans)
    pairs = list(same.pairs)
    if same.only_a and same.only_b:
        left_units = [reps[i] for i in same.only_a]
        left_spans = [spans[j] for j in same.only_b]
        across = match_overlap(left_units, left_spans, same_label=False)
        pairs += [(same.only_a[i], same.only_b[j]) for i, j in across.pairs
                  if _similar(left_units[i], left_spans[j])]
    return pairs


def _similar(a: Span, b: Span) -> bool:
    """Whether two spans of different labels cover much the same text (shared characters at
    least half of all they cover): «افزود» as CUE against CONDITION, not a mention inside a quote."""
    shared = overlap(a.fragments, b.fragments)
    covered = sum(e - s for s, e in merged([*a.fragments, *b.fragments]))
    return covered > 0 and 2 * shared >= covered


def _representative(unit: dict[int, Span]) -> Span:
    """A unit as one span: its first span's label over the union of every member's fragments."""
    first = unit[min(unit)]
    fragments = tuple(merged([f for s in unit.values() for f in s.fragments]))
    return Span(SpanId(-1), first.document_id, first.annotator_id, first.label, fragments)


def _version(name: str, span: Span, relations: Sequence[Relation], spans: Mapping[SpanId, Span],
             unit_of: Mapping[SpanId, int], who: frozenset[str]) -> Version:
    mine = tuple(r for r in relations if r.head == span.id)
    links = frozenset((r.type, _target(r, spans, unit_of, who)) for r in mine)
    return Version(name, span, mine, links)


def _target(relation: Relation, spans: Mapping[SpanId, Span], unit_of: Mapping[SpanId, int],
            who: frozenset[str]) -> Target:
    if relation.tail_actor is not None:
        return ("actor", int(relation.tail_actor))
    tail = spans.get(relation.tail_span)  # type: ignore[arg-type]
    if relation.type in who and tail is not None and tail.actor_id is not None:
        return ("actor", int(tail.actor_id))
    unit = unit_of.get(relation.tail_span)  # type: ignore[arg-type]
    return ("unit", unit) if unit is not None else ("span", int(relation.tail_span or 0))


def _classify(index: int, names: tuple[str, ...], versions: dict[str, Version], gold: Version | None,
              rejected: Sequence[Rejection], in_gold: Container[int]) -> Disagreement:
    present = list(versions.values())
    differences: list[str] = []
    changed: list[str] = []
    if len(names) >= 2 and len(present) < len(names):
        differences.append(ONLY_SOME)
    labels = {v.span.label for v in present}
    if len(labels) > 1:
        differences.append(LABEL)
    if len({v.span.fragments for v in present}) > 1:
        differences.append(BOUNDARY)
    if len(labels) == 1:
        changed = _changed_attributes(present)
        if changed:
            differences.append(ATTRIBUTE)
        if len({_links(v, speaker=True) for v in present}) > 1:
            differences.append(SPEAKER)
        if len({_links(v, speaker=False) for v in present}) > 1:
            differences.append(LINK)
    first = present[0].span
    label = max(labels, key=lambda x: (sum(v.span.label == x for v in present), x == first.label))
    start = min(v.span.start for v in present)
    end = max(v.span.end for v in present)
    status, accepted, reason = OPEN, (), ""
    if gold is not None:
        accepted = tuple(v.annotator for v in present if v.same_as(gold, in_gold))
        status = ACCEPTED if accepted else EDITED
    else:
        found = rejection_for(rejected, (v.span.id for v in present))
        if found is not None:
            status, reason = REJECTED, found.reason
    kind = differences[0] if differences else AGREE
    return Disagreement(index, kind, tuple(differences), label, start, end, names, versions,
                        tuple(changed), gold, status, accepted, reason)


def _links(version: Version, *, speaker: bool) -> frozenset[LinkKey]:
    return frozenset(k for k in version.links if (k[0] == SPEAKER_RELATION) == speaker)


def _changed_attributes(versions: Sequence[Version]) -> list[str]:
    names = sorted({k for v in versions for k in v.attrs})
    changed = [n for n in names if len({_hashable(v.attrs.get(n)) for v in versions}) > 1]
    if len({v.span.actor_id for v in versions}) > 1:
        changed.append("actor")
    return changed


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value

