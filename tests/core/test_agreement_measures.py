"""Alpha, kappa and F1 against hand-worked cases and the independent ``krippendorff`` package."""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement import (
    alpha_from_coincidences,
    alpha_nominal,
    character_layer,
    cohen_kappa,
    coincidences,
    coincidences_from_pairs,
    f1,
    layer_alpha,
)
from annotator.agreement.layers import layer_coincidences
from annotator.model import Span


def span(label: str, *fragments: tuple[int, int], sid: int = 0) -> Span:
    return Span(id=sid, document_id=1, annotator_id=1, label=label, fragments=tuple(fragments))


# -- hand-worked ---------------------------------------------------------------------------------


def test_alpha_two_coders_by_hand():
    # Units: (a,a) (a,b) (b,b) (b,b) (a,-). The last has one value: not pairable, dropped.
    # Each two-coder unit adds 1/(2-1) = 1 per ordered pair of coders:
    #          a   b   | n_c
    #     a    2   1   |  3
    #     b    1   4   |  5        n = 8
    # alpha = 1 - (n-1) * (o_ab + o_ba) / (n_a n_b + n_b n_a) = 1 - 7 * 2 / 30 = 16/30
    units = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b"), ("a", None)]
    assert coincidences(units) == {("a", "a"): 2, ("a", "b"): 1, ("b", "a"): 1, ("b", "b"): 4}
    assert alpha_nominal(units) == pytest.approx(16 / 30)


def test_alpha_three_coders_by_hand():
    # (1,1,0): m = 3, each ordered pair weighs 1/2: o_11 += 2*1/2 = 1, o_10 = o_01 += 2*1/2 = 1
    # (0,0,0): o_00 += 3*2/2 = 3;  (1,1,-): o_11 += 2
    #          1   0   | n_c
    #     1    3   1   |  4
    #     0    1   3   |  4        n = 8
    # alpha = 1 - 7 * 2 / (2 * 4 * 4) = 18/32
    units = [(1, 1, 0), (0, 0, 0), (1, 1, None)]
    assert coincidences(units) == {(1, 1): 3, (1, 0): 1, (0, 1): 1, (0, 0): 3}
    assert alpha_nominal(units) == pytest.approx(18 / 32)


def test_character_layer_by_hand():
    # Ten characters; A marks QUOTE over 2-4, B over 3-5:
    #   chars 0,1,6-9: (0,0) x6   chars 3,4: (1,1) x2   char 2: (1,0)   char 5: (0,1)
    #          1    0   | n_c
    #     1    4    2   |  6
    #     0    2   12   | 14       n = 20
    # alpha = 1 - 19 * 4 / (2 * 6 * 14) = 92/168
    layer = character_layer(10, [[span("QUOTE", (2, 5))], [span("QUOTE", (3, 6))]])
    assert layer.characters == 10
    o = layer_coincidences(layer, coders=[0, 1], label="QUOTE")
    assert o == {(True, True): 4, (True, False): 2, (False, True): 2, (False, False): 12}
    assert layer_alpha(layer, coders=[0, 1], label="QUOTE") == pytest.approx(92 / 168)


def test_all_labels_layer_compares_label_sets():
    # A: QUOTE 0-6 with a mention 0-2 inside; B: QUOTE 0-6 only. Characters 0,1 differ
    # ({ACTOR_MENTION, QUOTE} vs {QUOTE}), 2-5 agree (QUOTE), 6-7 agree (nothing).
    a = [span("QUOTE", (0, 6)), span("ACTOR_MENTION", (0, 2))]
    b = [span("QUOTE", (0, 6))]
    layer = character_layer(8, [a, b])
    assert layer.decoded() == {(("ACTOR_MENTION", "QUOTE"), ("QUOTE",)): 2, (("QUOTE",), ("QUOTE",)): 4, ((), ()): 2}
    # o: Q/Q 8, none/none 4, AQ/Q 2, Q/AQ 2; n_Q = 10, n_none = 4, n_AQ = 2, n = 16
    expected_disagreement = 16 * 16 - (10 * 10 + 4 * 4 + 2 * 2)
    assert layer_alpha(layer, coders=[0, 1]) == pytest.approx(1 - 15 * 4 / expected_disagreement)


def test_cohen_kappa_by_hand():
    # p_o = 35/50 = 0.7; rows x 25, y 25; columns x 30, y 20; p_e = (25*30 + 25*20)/2500 = 0.5
    # kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
    table = {("x", "x"): 20, ("x", "y"): 5, ("y", "x"): 10, ("y", "y"): 15}
    assert cohen_kappa(table) == pytest.approx(0.4)
    assert cohen_kappa({}) is None
    assert cohen_kappa({("x", "x"): 4}) is None  # p_e = 1: undefined, not 1 and not NaN


def test_undefined_figures_are_none():
    assert f1(0, 0, 0) is None
    assert f1(0, 3, 0) == 0.0
    assert alpha_nominal([]) is None
    assert alpha_nominal([(1, 1), (1, 1)]) is None  # no variation: expected disagreement is zero
    assert alpha_from_coincidences(coincidences_from_pairs({(None, None): 3})) is None


def test_unset_is_a_value_in_pairs():
    # "A left it unset, B chose X" is a disagreement, not a missing value.
    o = coincidences_from_pairs({(None, "X"): 1, ("X", "X"): 2, ("Y", "Y"): 1})
    assert o[(None, "X")] == o[("X", None)] == 1
    assert alpha_from_coincidences(o) < 1


# -- against the krippendorff package --------------------------------------------------------------


def _theirs(data: np.ndarray) -> float | None:
    """The package's alpha, with its NaN (nothing pairable, or no variation) read as None."""
    try:
        with np.errstate(invalid="ignore", divide="ignore"):
            value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except ValueError:  # "There has to be more than one value in the domain."
        return None
    return None if np.isnan(value) else float(value)


def _close(ours: float | None, theirs: float | None) -> bool:
    return ours is None if theirs is None else ours == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0, 1, 2, None]), min_size=3, max_size=3), min_size=2, max_size=30))
def test_alpha_nominal_matches_krippendorff(units):
    data = np.array([[np.nan if v is None else v for v in u] for u in units], dtype=float).T
    assert _close(alpha_nominal(units), _theirs(data))


def _random_document(rng: random.Random, length: int, coders: int) -> list[list[Span] | None]:
    labels = ["QUOTE", "CUE", "ACTOR_MENTION"]
    out: list[list[Span] | None] = []
    for _ in range(coders):
        if rng.random() < 0.15:
            out.append(None)  # this coder did not work on the document
            continue
        spans = []
        for k in range(rng.randint(0, 6)):
            start = rng.randrange(length - 1)
            end = rng.randint(start + 1, min(length, start + 40))
            fragments = [(start, end)]
            if rng.random() < 0.2 and end + 5 < length:
                fragments.append((end + 3, min(length, end + 3 + rng.randint(1, 9))))
            spans.append(Span(id=k, document_id=1, annotator_id=1, label=rng.choice(labels),
                              fragments=tuple(fragments)))
        out.append(spans)
    return out


def _dense(length: int, coders: list[list[Span] | None], value) -> np.ndarray:
    """Per-character values with plain loops and numpy: the slow, obvious way."""
    matrix = np.full((len(coders), length), np.nan)
    for c, spans in enumerate(coders):
        if spans is None:
            continue
        sets: list[set[str]] = [set() for _ in range(length)]
        for s in spans:
            for start, end in s.fragments:
                for ch in range(start, end):
                    sets[ch].add(s.label)
        matrix[c] = [value(labels) for labels in sets]
    return matrix


@pytest.mark.parametrize("seed", range(8))
def test_character_alpha_matches_krippendorff(seed):
    rng = random.Random(seed)
    documents = [(rng.randint(50, 300), _random_document(rng, 300, 3)) for _ in range(6)]
    documents = [(length, [None if s is None else [x for x in s if x.end <= length] for s in coders])
                 for length, coders in documents]
    total = character_layer(0, [[], [], []])
    for length, coders in documents:
        total.update(character_layer(length, coders, bits=total.bits))
    for label in ["QUOTE", "CUE", "ACTOR_MENTION"]:
        data = np.concatenate([_dense(n, c, lambda s, label=label: float(label in s)) for n, c in documents], axis=1)
        assert _close(layer_alpha(total, coders=[0, 1, 2], label=label), _theirs(data))
        assert _close(layer_alpha(total, coders=[0, 2], label=label), _theirs(data[[0, 2]]))
    codes: dict[tuple[str, ...], int] = {}
    data = np.concatenate([
        _dense(n, c, lambda s: codes.setdefault(tuple(sorted(s)), len(codes))) for n, c in documents
    ], axis=1)
    assert _close(layer_alpha(total, coders=[0, 1, 2]), _theirs(data))


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.tuples(st.sampled_from("xyz"), st.sampled_from("xyz")), st.integers(1, 9), min_size=1))
def test_pair_alpha_matches_krippendorff(table):
    data = np.array([[ord(a), ord(b)] for (a, b), n in table.items() for _ in range(n)], dtype=float).T
    assert _close(alpha_from_coincidences(coincidences_from_pairs(table)), _theirs(data))
