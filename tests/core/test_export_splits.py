"""Splits by document: deterministic for a seed, disjoint, sizes that follow the ratios."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.splits import SPLIT_NAMES, assign_splits, parse_split, split_counts, split_sizes

keys = st.lists(st.text(min_size=1, max_size=8), max_size=60)
ratios = st.tuples(*(st.integers(0, 100) for _ in range(3))).filter(lambda t: sum(t) > 0)


@given(keys, ratios, st.integers(0, 2**32))
@settings(max_examples=200, deadline=None)
def test_assignment_is_deterministic_disjoint_and_sized(items, parts, seed):
    fractions = tuple(p / sum(parts) for p in parts)
    first = assign_splits(items, fractions, seed=seed)
    assert first == assign_splits(list(reversed(items)), fractions, seed=seed)  # order does not matter
    assert set(first) == set(items)  # every document exactly once: a dict cannot hold one twice
    assert set(first.values()) <= set(SPLIT_NAMES)
    counts = split_counts(first)
    assert sum(counts.values()) == len(set(items))
    for name, fraction in zip(SPLIT_NAMES, fractions, strict=True):
        assert abs(counts[name] - fraction * len(set(items))) < 1 + 1e-9


@given(st.integers(0, 500), ratios)
def test_sizes_add_up(count, parts):
    sizes = split_sizes(count, [p / sum(parts) for p in parts])
    assert sum(sizes) == count and min(sizes) >= 0


def test_seed_changes_the_assignment():
    docs = [f"doc{i}" for i in range(50)]
    assert assign_splits(docs, (0.8, 0.1, 0.1), seed=1) != assign_splits(docs, (0.8, 0.1, 0.1), seed=2)


@pytest.mark.parametrize("spec, expected", [("80/10/10", (0.8, 0.1, 0.1)), ("0.9/0.1", (0.9, 0.1, 0.0)),
                                            ("1/1/2", (0.25, 0.25, 0.5))])
def test_parse_split(spec, expected):
    assert parse_split(spec) == pytest.approx(expected)


@pytest.mark.parametrize("spec", ["80", "a/b/c", "80/-10/30", "0/0/0", "1/2/3/4"])
def test_parse_split_refuses(spec):
    with pytest.raises(InputError, match="--split"):
        parse_split(spec)


@pytest.mark.parametrize("status", ["any", "done"])
@pytest.mark.parametrize("layer", ["مریم", "علی", "all", "gold"])
def test_the_outline_read_for_splits_finds_the_documents_the_full_read_exports(project, layer, status):
    from annotator.exporters.layers import LayerReader
    from annotator.model import SpanDraft
    from tests.core.test_export_support import build_project, where

    built = build_project(project)
    third = built["docs"][2]
    project.add_span(SpanDraft(third.id, built["maryam"].id, "CUE", (where(third.text, "گفت"),), origin="adjudicated"))
    reader = LayerReader(project, layer=layer, status=status)
    ids = reader.document_ids()

    def exported(outline):
        return [[(d.document.uid, d.annotator, d.status) for d in layers] for _, layers in reader.read(ids, outline=outline)]

    assert exported(True) == exported(False)
