"""From documents to an :class:`AgreementReport`: the pure aggregation, and the report's JSON.

:func:`agreement_from_documents` takes plain values (:class:`DocumentAnnotations`), so it runs on
any source of spans; :func:`annotator.agreement.compute_agreement` feeds it from a project.

Pairs: every pair of annotators (A before B in the order given) is compared on the documents both
worked on; the overall span counts are those pairs' counts summed (micro), so for two annotators
"overall" is simply that pair. Character alphas are computed over all annotators at once (alpha
handles any number of coders and missing ones). Attribute and speaker alphas pool the matched
pairs of every annotator pair; the overall attribute kappa is Cohen's for two annotators and
Light's (the mean of the pairwise Cohen's kappas) for more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator.agreement.compare import LabelCounts, LinkCounts, PairComparison, compare_sides, resolve_links
from annotator.agreement.layers import Layer, layer_alpha, units_layer
from annotator.agreement.measures import alpha_from_coincidences, cohen_kappa, coincidences_from_pairs, mean
from annotator.agreement.units import Side, Unit, prepare_in_order
from annotator.model import Relation, Span
from annotator.tagset import Tagset


@dataclass(frozen=True)
class DocumentAnnotations:
    """One document as agreement sees it.

    :param spans: per annotator name, their spans; only annotators who worked on the document
        (an annotator with an empty list worked on it and marked nothing)
    :param relations: per annotator name, their relations in the document
    """

    document_id: int
    length: int
    spans: Mapping[str, Sequence[Span]]
    relations: Mapping[str, Sequence[Relation]] = field(default_factory=dict)
    title: str = ""


@dataclass(frozen=True)
class Scheme:
    """What to compare, usually read from the tagset by :func:`scheme_from_tagset`.

    :param labels: span labels to report, in order (labels met in the data are added after them)
    :param attributes: per label, the attributes to compare; None compares whatever the spans carry
    :param links: actor-link relation types and their head labels, e.g. ``{"ATTRIBUTED_TO": ("QUOTE",)}``
    :param speaker_relation: the link reported as "speaker", when there is one
    :param display: per label, a name to show people (the tagset's Persian name)
    """

    labels: tuple[str, ...] = ()
    attributes: Mapping[str, tuple[str, ...]] | None = None
    links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    speaker_relation: str | None = None
    display: Mapping[str, str] = field(default_factory=dict)
    tagset: str | None = None


def scheme_from_tagset(tagset: Tagset, *, speaker_relation: str | None = "ATTRIBUTED_TO") -> Scheme:
    """Labels, attributes and actor links from a tagset.

    An actor link is a relation type whose tail may be an actor, or a label that refers to one.
    :param speaker_relation: the relation type whose heads' actors are "the speaker"; when the
        tagset has no such type the report has no speaker section
    """
    refers = {x.name for x in tagset.span_labels if x.refers_to_actor != "none"}
    links = {r.name: r.head for r in tagset.relation_types
             if r.allows_actor_tail or refers.intersection(r.tail_labels)}
    speaker = speaker_relation if speaker_relation in tagset.relation_names else None
    if speaker is not None and speaker not in links:
        links[speaker] = tagset.relation(speaker).head
    return Scheme(
        labels=tagset.label_names,
        attributes={x.name: tuple(a.name for a in x.attributes) for x in tagset.span_labels},
        links=links, speaker_relation=speaker,
        display={x.name: x.display.fa for x in tagset.span_labels},
        tagset=f"{tagset.name} {tagset.version}",
    )


def value_json(value: Hashable) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [value_json(v) for v in value]
    return value


def value_sort_key(value: Hashable) -> tuple[int, str]:
    return (0, "") if value is None else (1, str(value_json(value)))


def confusion_json(pairs: Mapping[tuple[Hashable, Hashable], int]) -> list[dict[str, Any]]:
    """A confusion table as rows ``{"a": value, "b": value, "count": n}`` (JSON keys cannot be pairs)."""
    rows = sorted(pairs.items(), key=lambda item: (value_sort_key(item[0][0]), value_sort_key(item[0][1])))
    return [{"a": value_json(a), "b": value_json(b), "count": n} for (a, b), n in rows if n]


@dataclass(frozen=True)
class AttributeFigures:
    """One attribute of one label, over overlap-matched spans of that label."""

    label: str
    name: str
    pairs: Counter[tuple[Hashable, Hashable]]
    alpha: float | None
    kappa: float | None

    @property
    def items(self) -> int:
        return sum(self.pairs.values())

    @property
    def agree(self) -> int:
        return sum(n for (a, b), n in self.pairs.items() if a == b)

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "agree": self.agree,
                "observed": self.agree / self.items if self.items else None,
                "alpha": self.alpha, "kappa": self.kappa, "confusion": confusion_json(self.pairs)}


@dataclass(frozen=True)
class LinkFigures:
    """An actor link (the speaker, a committer...) compared on matched head spans."""

    relation: str
    heads: tuple[str, ...]
    counts: LinkCounts
    alpha: float | None

    def to_json(self) -> dict[str, Any]:
        c = self.counts
        return {
            "relation": self.relation, "head_labels": list(self.heads),
            "accuracy": c.accuracy, "alpha": self.alpha, "attribution_f1": c.attribution_f1,
            "heads_a": c.heads_a, "heads_b": c.heads_b, "matched": c.matched,
            "both_resolved": c.both_resolved, "agree": c.agree, "disagree": c.disagree,
            "only_a_resolved": c.only_a_resolved, "only_b_resolved": c.only_b_resolved,
            "neither_resolved": c.neither_resolved, "resolved_a": c.resolved_a, "resolved_b": c.resolved_b,
        }


@dataclass(frozen=True)
class Figures:
    """Everything measured for a set of annotators (all of them, or one pair)."""

    documents: int
    labels: Mapping[str, LabelCounts]
    label_alpha: Mapping[str, float | None]
    all_labels: LabelCounts
    all_labels_alpha: float | None
    confusion: Counter[tuple[str, str]]
    attributes: Mapping[str, Mapping[str, AttributeFigures]]
    links: Mapping[str, LinkFigures]
    speaker_relation: str | None = None

    @property
    def speaker(self) -> LinkFigures | None:
        return self.links.get(self.speaker_relation) if self.speaker_relation else None

    def to_json(self) -> dict[str, Any]:
        labels = {}
        for label, counts in self.labels.items():
            labels[label] = counts.to_json() | {"alpha": self.label_alpha.get(label)}
        return {
            "documents": self.documents,
            "labels": labels,
            "all_labels": self.all_labels.to_json() | {"alpha": self.all_labels_alpha},
            "label_confusion": confusion_json(self.confusion),
            "speaker": self.speaker.to_json() if self.speaker else None,
            "links": {name: link.to_json() for name, link in self.links.items()},
            "attributes": {label: {name: f.to_json() for name, f in attrs.items()}
                           for label, attrs in self.attributes.items()},
        }


@dataclass(frozen=True)
class PairFigures:
    a: str
    b: str
    figures: Figures

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b} | self.figures.to_json()


@dataclass(frozen=True)
class DocumentFigures:
    """One document, all pairs of its annotators together: for "where do they disagree most"."""

    document_id: int
    title: str
    annotators: tuple[str, ...]
    counts: LabelCounts
    alpha: float | None
    speaker: LinkCounts | None

    def to_json(self) -> dict[str, Any]:
        c = self.counts
        speaker = self.speaker
        return {
            "id": self.document_id, "title": self.title, "annotators": list(self.annotators),
            "f1_exact": c.f1_exact, "f1_overlap": c.f1_overlap, "alpha": self.alpha,
            "count_a": c.count_a, "count_b": c.count_b, "matched": c.matched, "only_a": c.only_a,
            "only_b": c.only_b, "label_disagreements": c.label_disagreements_a + c.label_disagreements_b,
            "boundary_disagreements": c.boundary_disagreements,
            "speaker_disagreements": speaker.disagree if speaker else None,
            "speaker_accuracy": speaker.accuracy if speaker else None,
        }


@dataclass(frozen=True)
class AgreementReport:
    """The result of :func:`agreement_from_documents`; ``to_json()`` is what ``--json`` prints."""

    annotators: tuple[str, ...]
    overall: Figures
    pairs: tuple[PairFigures, ...]
    documents: tuple[DocumentFigures, ...]
    documents_skipped: int = 0
    scheme: Scheme = field(default_factory=Scheme)
    project: str | None = None
    created: str | None = None
    cancelled: bool = False

    @property
    def labels(self) -> Mapping[str, LabelCounts]:
        return self.overall.labels

    @property
    def speaker(self) -> LinkFigures | None:
        return self.overall.speaker

    def to_json(self) -> dict[str, Any]:
        overall = self.overall.to_json()
        documents = overall.pop("documents")
        return {
            "project": self.project, "tagset": self.scheme.tagset, "created": self.created,
            "annotators": list(self.annotators), "documents_compared": documents,
            "documents_skipped": self.documents_skipped, "cancelled": self.cancelled,
            **overall,
            "pairs": [p.to_json() for p in self.pairs],
            "documents": [d.to_json() for d in self.documents],
        }


Progress = Callable[[int, int | None], None]


def agreement_from_documents(
    documents: Iterable[DocumentAnnotations], annotators: Sequence[str], *,
    scheme: Scheme | None = None, total: int | None = None, progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None, project: str | None = None, created: str | None = None,
) -> AgreementReport:
    """Compare every pair of ``annotators`` on every document at least two of them worked on.

    :param scheme: what to compare (default: the labels and attributes the spans carry, no links)
    :param progress: called after each document with (documents done, ``total``)
    :param cancelled: polled between documents; when true, the report covers what was read so far
        and says ``cancelled``
    """
    scheme = scheme or Scheme()
    coders = tuple(annotators)
    pairs = list(combinations(range(len(coders)), 2))
    by_pair = {p: PairComparison() for p in pairs}
    pair_documents: Counter[tuple[int, int]] = Counter()
    layer = Layer()
    rows: list[DocumentFigures] = []
    skipped, stopped = 0, False
    for done, doc in enumerate(documents, 1):
        if cancelled is not None and cancelled():
            stopped = True
            break
        row = _document(doc, coders, scheme, layer, by_pair, pair_documents)
        if row is None:
            skipped += 1
        else:
            rows.append(row)
        if progress is not None:
            progress(done, total)
    labels = list(scheme.labels)
    seen = {label for comparison in by_pair.values() for label in comparison.labels}
    labels += sorted(seen - set(labels))
    pair_figures = tuple(
        PairFigures(coders[i], coders[j], _figures(by_pair[(i, j)], pair_documents[(i, j)], layer, (i, j), labels, scheme))
        for i, j in pairs
    )
    total_comparison = PairComparison()
    for comparison in by_pair.values():
        total_comparison.add(comparison)
    kappas = _lights_kappas(pair_figures) if len(pair_figures) > 1 else None
    overall = _figures(total_comparison, len(rows), layer, tuple(range(len(coders))), labels, scheme, kappas)
    return AgreementReport(coders, overall, pair_figures, tuple(rows), skipped, scheme, project, created, stopped)


def _document(doc: DocumentAnnotations, coders: tuple[str, ...], scheme: Scheme, layer: Layer,
              by_pair: dict[tuple[int, int], PairComparison],
              pair_documents: Counter[tuple[int, int]]) -> DocumentFigures | None:
    units: list[list[Unit] | None] = [
        prepare_in_order(doc.spans[name]) if name in doc.spans else None for name in coders
    ]
    present = [i for i, u in enumerate(units) if u is not None]
    if len(present) < 2:
        return None
    doc_layer = units_layer(doc.length, units, bits=layer.bits)
    layer.update(doc_layer)
    resolved = {i: {rel: resolve_links(doc.spans[coders[i]], doc.relations.get(coders[i], ()), rel)
                    for rel in scheme.links} for i in present}
    sides = {i: Side(units[i] or []) for i in present}
    totals = LabelCounts()
    speaker = LinkCounts() if scheme.speaker_relation in scheme.links else None
    for i, j in combinations(present, 2):
        comparison = compare_sides(sides[i], sides[j], attributes=scheme.attributes,
                                   links=scheme.links, resolved_a=resolved[i], resolved_b=resolved[j])
        by_pair[(i, j)].add(comparison)
        pair_documents[(i, j)] += 1
        for counts in comparison.labels.values():
            totals.add(counts)
        if speaker is not None:
            speaker.add(comparison.links[scheme.speaker_relation])  # type: ignore[index]
    return DocumentFigures(doc.document_id, doc.title, tuple(coders[i] for i in present),
                           totals, layer_alpha(doc_layer, coders=present), speaker)


def _figures(comparison: PairComparison, documents: int, layer: Layer, coders: tuple[int, ...],
             labels: Sequence[str], scheme: Scheme,
             kappas: Mapping[tuple[str, str], float | None] | None = None) -> Figures:
    counts = {label: comparison.labels.get(label, LabelCounts()) for label in labels}
    attributes: dict[str, dict[str, AttributeFigures]] = {}
    names = dict(scheme.attributes) if scheme.attributes is not None else {}
    grouped = comparison.attributes
    for label, name in grouped:
        names.setdefault(label, ())
        if name not in names[label]:
            names[label] += (name,)
    for label in labels:
        for name in names.get(label, ()):
            value_pairs = grouped.get((label, name), Counter())
            kappa = kappas.get((label, name)) if kappas is not None else cohen_kappa(value_pairs)
            alpha = alpha_from_coincidences(coincidences_from_pairs(value_pairs))
            attributes.setdefault(label, {})[name] = AttributeFigures(label, name, value_pairs, alpha, kappa)
    links = {
        name: LinkFigures(name, tuple(heads), comparison.links.get(name, LinkCounts()),
                          alpha_from_coincidences(coincidences_from_pairs(comparison.links.get(name, LinkCounts()).values)))
        for name, heads in scheme.links.items()
    }
    return Figures(
        documents=documents, labels=counts,
        label_alpha={label: layer_alpha(layer, coders=coders, label=label) for label in labels},
        all_labels=comparison.total(), all_labels_alpha=layer_alpha(layer, coders=coders),
        confusion=Counter(comparison.confusion), attributes=attributes, links=links,
        speaker_relation=scheme.speaker_relation,
    )


def _lights_kappas(pairs: Sequence[PairFigures]) -> dict[tuple[str, str], float | None]:
    keys = {(label, name) for p in pairs for label, attrs in p.figures.attributes.items() for name in attrs}
    return {
        (label, name): mean(p.figures.attributes.get(label, {}).get(name).kappa  # type: ignore[union-attr]
                            for p in pairs if name in p.figures.attributes.get(label, {}))
        for label, name in keys
    }
