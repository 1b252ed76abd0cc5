"""Span matching and per-document comparison on hand-built spans, with hypothesis properties."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement import (
    DocumentAnnotations,
    agreement_from_documents,
    compare_pair,
    match_exact,
    match_overlap,
    max_weight_assignment,
    overlap,
    resolve_links,
)
from annotator.model import Relation, Span

LABELS = ["QUOTE", "CUE", "ACTOR_MENTION"]


def span(label: str, *fragments: tuple[int, int], sid: int = 0, actor: int | None = None, **attrs) -> Span:
    return Span(id=sid, document_id=1, annotator_id=1, label=label, fragments=tuple(fragments),
                attrs=attrs, actor_id=actor)


def test_overlap_counts_shared_characters_across_fragments():
    assert overlap([(0, 5), (10, 15)], [(3, 12)]) == 2 + 2
    assert overlap([(0, 5)], [(5, 9)]) == 0


def test_exact_needs_same_label_and_fragments():
    a = [span("QUOTE", (0, 5), (8, 12)), span("CUE", (20, 23)), span("QUOTE", (30, 40))]
    b = [span("QUOTE", (0, 5), (8, 12)), span("QUOTE", (20, 23)), span("QUOTE", (30, 41))]
    assert match_exact(a, b).pairs == ((0, 0),)


def test_exact_pairs_duplicates_one_to_one():
    a = [span("CUE", (0, 3)), span("CUE", (0, 3))]
    b = [span("CUE", (0, 3))]
    m = match_exact(a, b)
    assert m.pairs == ((0, 0),) and m.only_a == (1,) and m.only_b == ()


def test_overlap_maximises_pairs_where_greedy_would_not():
    # A1 overlaps B1 by 5 and B2 by 4; A2 overlaps only B1 by 4. Greedy by size takes A1-B1 and
    # leaves A2 and B2 alone; the best one-to-one pairing matches both.
    a = [span("QUOTE", (0, 10)), span("QUOTE", (10, 14))]
    b = [span("QUOTE", (5, 14)), span("QUOTE", (0, 4))]
    assert match_overlap(a, b).pairs == ((0, 1), (1, 0))


def test_overlap_prefers_exact_then_larger_then_tighter():
    assert match_overlap([span("Q", (0, 10))], [span("Q", (0, 9)), span("Q", (0, 10))]).pairs == ((0, 1),)
    assert match_overlap([span("Q", (0, 10))], [span("Q", (2, 8)), span("Q", (0, 9))]).pairs == ((0, 1),)
    # same overlap (10); the 12-character span is the tighter fit than the 20-character one
    assert match_overlap([span("Q", (0, 10))], [span("Q", (0, 20)), span("Q", (0, 12))]).pairs == ((0, 1),)


def test_compare_pair_separates_only_one_from_label_and_boundary_disagreements():
    a = [span("QUOTE", (0, 10)), span("QUOTE", (20, 30)), span("CUE", (40, 43)), span("QUOTE", (60, 70))]
    b = [span("QUOTE", (0, 10)), span("QUOTE", (22, 30)), span("ACTOR_MENTION", (40, 42)), span("CUE", (80, 83))]
    c = compare_pair(a, b)
    q, cue, mention = c.labels["QUOTE"], c.labels["CUE"], c.labels["ACTOR_MENTION"]
    assert (q.matched, q.matched_exact, q.boundary_disagreements, q.only_a, q.only_b) == (2, 1, 1, 1, 0)
    assert (cue.label_disagreements_a, cue.only_a, cue.only_b, cue.count_b) == (1, 0, 1, 1)
    assert (mention.label_disagreements_b, mention.only_b) == (1, 0)
    assert c.confusion == {("CUE", "ACTOR_MENTION"): 1}
    assert q.f1_exact == pytest.approx(2 * 1 / (3 + 2))
    assert q.f1_overlap == pytest.approx(2 * 2 / (3 + 2))


def test_attributes_are_compared_on_matched_spans_only():
    a = [span("QUOTE", (0, 10), quote_type="DIRECT"), span("QUOTE", (50, 60), quote_type="DIRECT")]
    b = [span("QUOTE", (1, 10), quote_type="INDIRECT")]
    c = compare_pair(a, b, attributes={"QUOTE": ("quote_type", "continuation")})
    assert c.attributes[("QUOTE", "quote_type")] == {("DIRECT", "INDIRECT"): 1}
    assert c.attributes[("QUOTE", "continuation")] == {(None, None): 1}


def _relation(rid: int, head: int, *, tail_span: int | None = None, tail_actor: int | None = None) -> Relation:
    return Relation(id=rid, document_id=1, annotator_id=1, type="ATTRIBUTED_TO", head=head,
                    tail_span=tail_span, tail_actor=tail_actor)


def test_speakers_resolve_to_actors_not_mentions():
    # A links the quote to «وی» (actor 7), B to «زاکانی» (actor 7): different mentions, same speaker.
    a = [span("QUOTE", (10, 40), sid=1), span("ACTOR_MENTION", (45, 47), sid=2, actor=7)]
    b = [span("QUOTE", (10, 40), sid=11), span("ACTOR_MENTION", (0, 6), sid=12, actor=7)]
    res_a = {"ATTRIBUTED_TO": resolve_links(a, [_relation(1, 1, tail_span=2)], "ATTRIBUTED_TO")}
    res_b = {"ATTRIBUTED_TO": resolve_links(b, [_relation(2, 11, tail_span=12)], "ATTRIBUTED_TO")}
    c = compare_pair(a, b, links={"ATTRIBUTED_TO": ("QUOTE",)}, resolved_a=res_a, resolved_b=res_b)
    link = c.links["ATTRIBUTED_TO"]
    assert (link.matched, link.agree, link.disagree, link.accuracy, link.attribution_f1) == (1, 1, 0, 1.0, 1.0)


def test_speaker_missing_on_one_side_is_counted_apart():
    a = [span("QUOTE", (0, 10), sid=1), span("QUOTE", (20, 30), sid=2), span("QUOTE", (40, 50), sid=3)]
    b = [span("QUOTE", (0, 10), sid=11), span("QUOTE", (20, 30), sid=12), span("QUOTE", (40, 50), sid=13)]
    rel_a = [_relation(1, 1, tail_actor=5), _relation(2, 2, tail_actor=5), _relation(3, 3, tail_actor=5)]
    rel_b = [_relation(4, 11, tail_actor=5), _relation(5, 12, tail_actor=6)]  # 13: no speaker
    c = compare_pair(a, b, links={"ATTRIBUTED_TO": ("QUOTE",)},
                     resolved_a={"ATTRIBUTED_TO": resolve_links(a, rel_a, "ATTRIBUTED_TO")},
                     resolved_b={"ATTRIBUTED_TO": resolve_links(b, rel_b, "ATTRIBUTED_TO")})
    link = c.links["ATTRIBUTED_TO"]
    assert (link.agree, link.disagree, link.only_a_resolved, link.only_b_resolved) == (1, 1, 1, 0)
    assert link.accuracy == 0.5
    assert link.attribution_f1 == pytest.approx(2 * 1 / (3 + 2))


def test_mention_without_actor_does_not_resolve():
    a = [span("QUOTE", (0, 10), sid=1), span("ACTOR_MENTION", (12, 14), sid=2)]
    assert resolve_links(a, [_relation(1, 1, tail_span=2)], "ATTRIBUTED_TO") == {1: frozenset()}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=5), min_size=1, max_size=5))
def test_hungarian_finds_the_best_total(table):
    width = min(len(r) for r in table)
    table = [r[:width] for r in table]
    pairs = max_weight_assignment(table)
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs}) == min(len(table), width)
    best = max(
        sum(table[r][c] for r, c in zip(rows, cols))
        for rows in itertools.permutations(range(len(table)), min(len(table), width))
        for cols in itertools.permutations(range(width), min(len(table), width))
    )
    assert sum(table[r][c] for r, c in pairs) == best


# -- properties ----------------------------------------------------------------------------------

fragment_lists = st.lists(st.tuples(st.integers(0, 80), st.integers(1, 12)), min_size=1, max_size=2).map(
    lambda parts: tuple(sorted({(s, s + n) for s, n in parts}))
).filter(lambda frags: all(e1 < s2 for (_, e1), (s2, _) in itertools.pairwise(frags)))
spans_strategy = st.lists(
    st.builds(lambda label, frags: span(label, *frags), st.sampled_from(LABELS), fragment_lists), max_size=8
)


def _report(a, b, length=100):
    docs = [DocumentAnnotations(1, length, {"a": a, "b": b})]
    return agreement_from_documents(docs, ["a", "b"])


@settings(max_examples=80, deadline=None)
@given(spans_strategy)
def test_identical_annotators_agree_fully(spans):
    report = _report(spans, list(spans))
    for label, counts in report.labels.items():
        assert counts.f1_exact == counts.f1_overlap == 1.0
        assert report.overall.label_alpha[label] in (1.0, None)
    assert report.overall.all_labels_alpha in (1.0, None)
    if not spans:
        assert report.overall.all_labels.f1_overlap is None


@settings(max_examples=80, deadline=None)
@given(spans_strategy, spans_strategy)
def test_figures_are_symmetric_and_bounded(a, b):
    one, other = _report(a, b), _report(b, a)
    for label in set(one.labels) | set(other.labels):
        x, y = one.labels[label], other.labels[label]
        assert (x.f1_exact, x.f1_overlap, x.matched) == (y.f1_exact, y.f1_overlap, y.matched)
        assert (x.count_a, x.only_a) == (y.count_b, y.only_b)
        for value in (x.f1_exact, x.f1_overlap):
            assert value is None or 0.0 <= value <= 1.0
        assert x.matched_exact <= x.matched
        assert x.count_a == x.matched + x.label_disagreements_a + x.only_a
        assert x.count_b == x.matched + x.label_disagreements_b + x.only_b
        alpha_x, alpha_y = one.overall.label_alpha[label], other.overall.label_alpha[label]
        assert (alpha_x is None and alpha_y is None) or alpha_x == pytest.approx(alpha_y)


@settings(max_examples=80, deadline=None)
@given(spans_strategy, spans_strategy, st.sampled_from(LABELS), st.integers(1, 10), st.booleans())
def test_a_span_only_one_side_has_never_raises_f1(a, b, label, size, on_a):
    far = max((s.end for s in [*a, *b]), default=0) + 1
    lone = span(label, (far, far + size))
    before = _report(a, b, length=far + size)
    after = _report([*a, lone], b, length=far + size) if on_a else _report(a, [*b, lone], length=far + size)
    for key in ("f1_exact", "f1_overlap"):
        old, new = getattr(before.overall.all_labels, key), getattr(after.overall.all_labels, key)
        assert old is None or new <= old
        for name in after.labels:
            old_label = getattr(before.labels[name], key) if name in before.labels else None
            new_label = getattr(after.labels[name], key)
            assert old_label is None or new_label <= old_label
