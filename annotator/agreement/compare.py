"""One document, two annotators: spans matched, then what they carry and link to compared.

Everything here is a pure function of :mod:`annotator.model` values. :func:`compare_pair` does the
span matching of :mod:`~annotator.agreement.matching` once and derives from it, per label, the
counts F1 needs; the attribute value pairs of overlap-matched spans; and, per actor-link type
(e.g. ``ATTRIBUTED_TO``), whether the matched heads resolve to the same actor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.agreement.matching import label_confusion, overlap_pairs, side_pairs
from annotator.agreement.measures import f1
from annotator.agreement.units import Side, Unit, prepare
from annotator.ids import ActorId, SpanId
from annotator.model import Relation, Span

Resolution = frozenset[ActorId]
ValuePairs = Counter[tuple[Hashable, Hashable]]

_LABEL_FIELDS = ("count_a", "count_b", "matched_exact", "matched", "boundary_disagreements",
                 "label_disagreements_a", "label_disagreements_b", "only_a", "only_b")


@dataclass(slots=True)
class LabelCounts:
    """Counts for one label, summed over documents (and pairs). A is the reference, B the prediction.

    ``count_a = matched + label_disagreements_a + only_a`` and likewise for B: every span is
    matched (same label, overlapping), marked by the other side under another label, or only
    marked by its own annotator. ``boundary_disagreements`` counts matched pairs whose
    fragments differ; ``matched_exact`` comes from the separate exact matching.
    """

    count_a: int = 0
    count_b: int = 0
    matched_exact: int = 0
    matched: int = 0
    boundary_disagreements: int = 0
    label_disagreements_a: int = 0
    label_disagreements_b: int = 0
    only_a: int = 0
    only_b: int = 0

    def add(self, other: LabelCounts) -> None:
        self.count_a += other.count_a
        self.count_b += other.count_b
        self.matched_exact += other.matched_exact
        self.matched += other.matched
        self.boundary_disagreements += other.boundary_disagreements
        self.label_disagreements_a += other.label_disagreements_a
        self.label_disagreements_b += other.label_disagreements_b
        self.only_a += other.only_a
        self.only_b += other.only_b

    @property
    def f1_exact(self) -> float | None:
        return f1(self.matched_exact, self.count_a, self.count_b)

    @property
    def f1_overlap(self) -> float | None:
        return f1(self.matched, self.count_a, self.count_b)

    def to_json(self) -> dict[str, int | float | None]:
        out: dict[str, int | float | None] = {"f1_exact": self.f1_exact, "f1_overlap": self.f1_overlap}
        out.update({name: getattr(self, name) for name in _LABEL_FIELDS})
        out["label_disagreements"] = self.label_disagreements_a + self.label_disagreements_b
        return out


@dataclass(slots=True)
class LinkCounts:
    """Actor links (e.g. speakers) of overlap-matched head spans, by the actor each side resolves to.

    A head resolves through its link: the link's actor, or the actor of the mention it points to.
    ``resolved_a``/``resolved_b`` count all resolved heads (matched or not), for attribution F1;
    ``values`` holds the resolved pairs, ``{(actors_a, actors_b): count}``, for alpha.
    """

    heads_a: int = 0
    heads_b: int = 0
    matched: int = 0
    agree: int = 0
    disagree: int = 0
    only_a_resolved: int = 0
    only_b_resolved: int = 0
    neither_resolved: int = 0
    resolved_a: int = 0
    resolved_b: int = 0
    values: dict[tuple[Hashable, Hashable], int] = field(default_factory=dict)

    def add(self, other: LinkCounts) -> None:
        self.heads_a += other.heads_a
        self.heads_b += other.heads_b
        self.matched += other.matched
        self.agree += other.agree
        self.disagree += other.disagree
        self.only_a_resolved += other.only_a_resolved
        self.only_b_resolved += other.only_b_resolved
        self.neither_resolved += other.neither_resolved
        self.resolved_a += other.resolved_a
        self.resolved_b += other.resolved_b
        values = self.values
        for pair, count in other.values.items():
            values[pair] = values.get(pair, 0) + count

    @property
    def both_resolved(self) -> int:
        return self.agree + self.disagree

    @property
    def accuracy(self) -> float | None:
        return self.agree / self.both_resolved if self.both_resolved else None

    @property
    def attribution_f1(self) -> float | None:
        """F1 over (head span, actor) pairs: a pair matches when the heads match and actors agree."""
        return f1(self.agree, self.resolved_a, self.resolved_b)


@dataclass(slots=True)
class PairComparison:
    """What :func:`compare_pair` finds in one document (or, added up, in many).

    ``attribute_rows`` counts ``(label, attribute names, values of A, values of B)`` over
    overlap-matched spans, one row per pair (cheaper than one per attribute); read them
    per attribute through :attr:`attributes`.
    """

    labels: dict[str, LabelCounts] = field(default_factory=dict)
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    attribute_rows: dict[tuple[str, tuple[str, ...], tuple, tuple], int] = field(default_factory=dict)
    links: dict[str, LinkCounts] = field(default_factory=dict)

    @property
    def attributes(self) -> dict[tuple[str, str], ValuePairs]:
        """``{(label, attribute): {(value_a, value_b): count}}``."""
        out: dict[tuple[str, str], ValuePairs] = {}
        for (label, names, values_a, values_b), count in self.attribute_rows.items():
            for name, a, b in zip(names, values_a, values_b):
                out.setdefault((label, name), Counter())[(a, b)] += count
        return out

    def add(self, other: PairComparison) -> None:
        for label, counts in other.labels.items():
            mine = self.labels.get(label)
            if mine is None:
                mine = self.labels[label] = LabelCounts()
            mine.add(counts)
        confusion, rows = self.confusion, self.attribute_rows
        for key, count in other.confusion.items():
            confusion[key] = confusion.get(key, 0) + count
        for key, count in other.attribute_rows.items():
            rows[key] = rows.get(key, 0) + count
        for name, counts in other.links.items():
            mine_link = self.links.get(name)
            if mine_link is None:
                mine_link = self.links[name] = LinkCounts()
            mine_link.add(counts)

    def total(self) -> LabelCounts:
        """All labels together (micro)."""
        out = LabelCounts()
        for counts in self.labels.values():
            out.add(counts)
        return out


def resolve_links(spans: Sequence[Span], relations: Sequence[Relation], relation_type: str) -> dict[SpanId, Resolution]:
    """Per head span, the actors its ``relation_type`` links resolve to (empty when none resolve).

    A link to an actor resolves to it; a link to a span resolves to that span's ``actor_id``.
    """
    actor_of = {s.id: s.actor_id for s in spans}
    resolved: dict[SpanId, set[ActorId]] = {}
    for relation in relations:
        if relation.type != relation_type:
            continue
        actor = relation.tail_actor if relation.tail_actor is not None else actor_of.get(relation.tail_span)  # type: ignore[arg-type]
        bucket = resolved.setdefault(relation.head, set())
        if actor is not None:
            bucket.add(actor)
    return {head: frozenset(actors) for head, actors in resolved.items()}


def compare_pair(
    a: Sequence[Span], b: Sequence[Span], *,
    attributes: Mapping[str, Sequence[str]] | None = None,
    links: Mapping[str, Sequence[str]] | None = None,
    resolved_a: Mapping[str, Mapping[SpanId, Resolution]] | None = None,
    resolved_b: Mapping[str, Mapping[SpanId, Resolution]] | None = None,
) -> PairComparison:
    """Compare two annotators' spans of one document.

    :param a: A's spans (the reference); :param b: B's spans
    :param attributes: per label, the attribute names to compare (default: those the spans carry)
    :param links: per actor-link type, its head labels (e.g. ``{"ATTRIBUTED_TO": ["QUOTE"]}``)
    :param resolved_a: per link type, A's heads resolved by :func:`resolve_links`; same for ``resolved_b``
    """
    return compare_units(prepare(a), prepare(b), attributes=attributes, links=links,
                         resolved_a=resolved_a, resolved_b=resolved_b)


def compare_units(
    a: Sequence[Unit], b: Sequence[Unit], *,
    attributes: Mapping[str, Sequence[str]] | None = None,
    links: Mapping[str, Sequence[str]] | None = None,
    resolved_a: Mapping[str, Mapping[SpanId, Resolution]] | None = None,
    resolved_b: Mapping[str, Mapping[SpanId, Resolution]] | None = None,
) -> PairComparison:
    """:func:`compare_pair` on prepared units (each ``unit.index`` its position in its list)."""
    return compare_sides(Side(a), Side(b), attributes=attributes, links=links,
                         resolved_a=resolved_a, resolved_b=resolved_b)


def compare_sides(
    side_a: Side, side_b: Side, *,
    attributes: Mapping[str, Sequence[str]] | None = None,
    links: Mapping[str, Sequence[str]] | None = None,
    resolved_a: Mapping[str, Mapping[SpanId, Resolution]] | None = None,
    resolved_b: Mapping[str, Mapping[SpanId, Resolution]] | None = None,
) -> PairComparison:
    """:func:`compare_pair` on prepared sides, so that an annotator in several pairs is grouped once."""
    a, b = side_a.units, side_b.units
    loose = side_pairs(side_a, side_b)
    used_a = {i for i, _ in loose}
    used_b = {j for _, j in loose}
    left_a = [u for u in a if u.index not in used_a]
    left_b = [u for u in b if u.index not in used_b]
    across = overlap_pairs(left_a, left_b, same_label=False) if left_a and left_b else []
    result = PairComparison(confusion=dict(label_confusion(a, b, across)) if across else {})
    counts = result.labels = _label_counts(side_a, side_b)
    _count_matches(counts, a, b, loose)
    _count_leftovers(counts, a, b, left_a, left_b, across)
    _compare_attributes(result, a, b, loose, attributes)
    for name, heads in (links or {}).items():
        result.links[name] = _compare_links(
            a, b, loose, set(heads), counts,
            (resolved_a or {}).get(name, {}), (resolved_b or {}).get(name, {}),
        )
    return result


def _label_counts(a: Side, b: Side) -> dict[str, LabelCounts]:
    """Spans per label on each side, and exact matches (as many as :func:`match_exact` would pair)."""
    per_a, per_b = a.label_counts, b.label_counts
    counts = {label: LabelCounts(count_a=per_a.get(label, 0), count_b=per_b.get(label, 0))
              for label in per_a.keys() | per_b.keys()}
    same_b = b.exact
    for key, n in a.exact.items():
        m = same_b.get(key)
        if m:
            counts[key[0]].matched_exact += min(n, m)
    return counts


def _count_matches(counts: dict[str, LabelCounts], a: Sequence[Unit], b: Sequence[Unit],
                   loose: Sequence[tuple[int, int]]) -> None:
    for i, j in loose:
        label_counts = counts[a[i].label]
        label_counts.matched += 1
        if a[i].frags != b[j].frags:
            label_counts.boundary_disagreements += 1


def _count_leftovers(counts: dict[str, LabelCounts], a: Sequence[Unit], b: Sequence[Unit], left_a: Sequence[Unit],
                     left_b: Sequence[Unit], across: Sequence[tuple[int, int]]) -> None:
    """Unmatched spans: marked by the other side under another label, or by one side only."""
    paired_a = {i for i, _ in across}
    paired_b = {j for _, j in across}
    for i, j in across:
        counts[a[i].label].label_disagreements_a += 1
        counts[b[j].label].label_disagreements_b += 1
    for unit in left_a:
        if unit.index not in paired_a:
            counts[unit.label].only_a += 1
    for unit in left_b:
        if unit.index not in paired_b:
            counts[unit.label].only_b += 1


def _compare_attributes(result: PairComparison, a: Sequence[Unit], b: Sequence[Unit],
                        pairs: Sequence[tuple[int, int]], attributes: Mapping[str, Sequence[str]] | None) -> None:
    tally = result.attribute_rows
    for i, j in pairs:
        unit_a, unit_b = a[i], b[j]
        label = unit_a.label
        if attributes is None:
            names = tuple(sorted({*unit_a.span.attrs, *unit_b.span.attrs}))
            row = (label, names, tuple(map(unit_a.span.attrs.get, names)), tuple(map(unit_b.span.attrs.get, names)))
        else:
            names = tuple(attributes.get(label, ()))
            if not names:
                continue
            if unit_a.values is None:  # each unit's values once, however many pairs it is in
                unit_a.values = tuple(map(unit_a.span.attrs.get, names))
            if unit_b.values is None:
                unit_b.values = tuple(map(unit_b.span.attrs.get, names))
            row = (label, names, unit_a.values, unit_b.values)
        try:
            tally[row] = tally.get(row, 0) + 1
        except TypeError:  # a list or dict value: compare it as a tuple
            row = (label, names, tuple(map(_hashable, row[2])), tuple(map(_hashable, row[3])))
            tally[row] = tally.get(row, 0) + 1


def _hashable(value: object) -> Hashable:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value  # type: ignore[return-value]


def _compare_links(a: Sequence[Unit], b: Sequence[Unit], pairs: Sequence[tuple[int, int]], heads: set[str],
                   counts: Mapping[str, LabelCounts], resolved_a: Mapping[SpanId, Resolution],
                   resolved_b: Mapping[SpanId, Resolution]) -> LinkCounts:
    link = LinkCounts()
    link.heads_a = sum(counts[label].count_a for label in heads if label in counts)
    link.heads_b = sum(counts[label].count_b for label in heads if label in counts)
    if resolved_a:
        link.resolved_a = sum(1 for u in a if u.label in heads and resolved_a.get(u.span.id))
    if resolved_b:
        link.resolved_b = sum(1 for u in b if u.label in heads and resolved_b.get(u.span.id))
    if not (link.heads_a and link.heads_b):
        return link
    if not (resolved_a or resolved_b):
        link.matched = link.neither_resolved = sum(counts[label].matched for label in heads if label in counts)
        return link
    for i, j in pairs:
        if a[i].label not in heads:
            continue
        link.matched += 1
        actors_a, actors_b = resolved_a.get(a[i].span.id), resolved_b.get(b[j].span.id)
        if actors_a and actors_b:
            link.values[(actors_a, actors_b)] = link.values.get((actors_a, actors_b), 0) + 1
            if actors_a == actors_b:
                link.agree += 1
            else:
                link.disagree += 1
        elif actors_a:
            link.only_a_resolved += 1
        elif actors_b:
            link.only_b_resolved += 1
        else:
            link.neither_resolved += 1
    return link
