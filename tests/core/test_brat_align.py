"""Raw offsets onto canonical ones (canonicalisation deletes, replaces, turns CRLF into LF)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.interchange.align import _diacritic_image, _image, map_fragments, offset_map, utf16_positions
from annotator.text import canonicalize

# Letters, Arabic forms that canonicalisation replaces, kashida, ZWNJ/ZWJ, bidi marks, odd spaces,
# line endings, a presentation form that expands to two letters, a diacritic, emoji.
TRICKY = "ابیکهيكىہ\u0640\u200c\u200d\u200e\u200f\ufeff\u00a0\u2009\r\n \ufefb\ufdf2\u064b٣😀👍\u0301a."


@given(st.text(alphabet=TRICKY, max_size=60), st.booleans())
@settings(max_examples=400, deadline=None)
def test_every_raw_character_lands_in_order(raw, strip):
    canonical = canonicalize(raw, strip_diacritics=strip)
    positions = offset_map(raw, canonical, strip_diacritics=strip)
    assert len(positions) == len(raw) + 1
    assert positions[0] == 0 and positions[-1] == len(canonical)
    assert all(a <= b for a, b in itertools.pairwise(positions))
    for i, ch in enumerate(raw):
        piece = canonical[positions[i]:positions[i + 1]]
        allowed = {"", ch, _image(ch), _diacritic_image(ch)}
        if ch == "\r":
            allowed.add("\n")
        assert piece in allowed, (i, ch, piece)


@given(st.text(alphabet=TRICKY, max_size=40), st.data())
@settings(max_examples=200, deadline=None)
def test_mapped_spans_cover_the_canonical_text_of_their_raw_text(raw, data):
    canonical = canonicalize(raw)
    positions = offset_map(raw, canonical)
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    mapped = map_fragments([(start, end)], positions)
    covered = "".join(canonical[s:e] for s, e in mapped)
    # whatever the raw stretch became is exactly what the mapped stretch covers
    assert covered == canonical[positions[start]:positions[end]]


def test_examples():
    raw = "علي\r\nبــزرگ ﻻ"
    canonical = canonicalize(raw)
    assert canonical == "علی\nبزرگ لا"
    positions = offset_map(raw, canonical)
    assert map_fragments([(5, 11)], positions) == [(4, 8)]  # «بــزرگ» -> «بزرگ»
    assert map_fragments([(12, 13)], positions) == [(9, 11)]  # one presentation form -> two letters
    assert map_fragments([(3, 4)], positions) == []  # the \r alone: nothing left


def test_a_text_that_is_not_the_canonical_form_is_refused():
    with pytest.raises(InputError, match="cannot line up"):
        offset_map("abc", "xyz")


def test_utf16_positions():
    table = utf16_positions("a😀b")
    assert table == {0: 0, 1: 1, 3: 2, 4: 3}
