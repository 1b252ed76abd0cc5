"""Qt-free pieces of the window: offsets, span operations, keys, lanes, find, time."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.model import Span
from ui import operations as ops
from ui.keys import digit_value, latin_key
from ui.offsets import Utf16Map
from ui.time_tracker import IDLE_LIMIT_S, TimeTracker
from ui.widgets.find_bar import find_all
from ui.widgets.span_index import SpanIndex, assign_lanes

TEXTS = st.text(alphabet=st.sampled_from(list("ab سلام\u200c\n😀𝒜ی")), max_size=40)


@given(TEXTS)
def test_utf16_map_agrees_with_utf16_encoding_both_ways(text):
    offsets = Utf16Map(text)
    for i in range(len(text) + 1):
        u16 = len(text[:i].encode("utf-16-le")) // 2
        assert offsets.to_utf16(i) == u16
        assert offsets.to_code_point(u16) == i
    assert offsets.length16 == len(text.encode("utf-16-le")) // 2


def test_utf16_inside_a_surrogate_pair_maps_to_the_character_start():
    offsets = Utf16Map("a😀b")
    assert [offsets.to_code_point(p) for p in range(5)] == [0, 1, 1, 2, 3]


def span(span_id, *fragments, label="QUOTE"):
    return Span(span_id, 1, 1, label, tuple(fragments))


TEXT = "وی گفت: «ما کار را می‌کنیم.»"
TOKENS = ((0, 2), (3, 6), (6, 7), (8, 9), (9, 11), (12, 15), (16, 18), (19, 26), (26, 27), (27, 28))


def test_selection_is_trimmed_and_snapped():
    start = TEXT.index("می")
    assert ops.fragment_from_selection(TEXT, TOKENS, start, start + 3, snap=False) == (start, start + 2)
    assert ops.fragment_from_selection(TEXT, TOKENS, start, start + 3, snap=True) == (start, start + 7)
    assert ops.fragment_from_selection(TEXT, TOKENS, 2, 3, snap=True) is None  # only a space


def test_fragments_merge_when_they_touch():
    assert ops.merge_fragment([(0, 2), (8, 9)], (2, 4)) == ((0, 4), (8, 9))
    assert ops.merge_fragment([(0, 2)], (5, 7)) == ((0, 2), (5, 7))


def test_edges_move_by_tokens_or_characters():
    quote = span(1, (9, 11))
    assert ops.moved_fragments(quote, TEXT, TOKENS, edge="end", step=1, snap=True) == ((9, 15),)
    assert ops.moved_fragments(quote, TEXT, TOKENS, edge="start", step=-1, snap=True) == ((8, 11),)
    assert ops.moved_fragments(quote, TEXT, TOKENS, edge="start", step=1, snap=True) is None  # would empty it
    assert ops.moved_fragments(quote, TEXT, TOKENS, edge="end", step=1, snap=False) == ((9, 13),)  # skips the space


def test_innermost_span_and_tab_order():
    outer, inner = span(1, (0, 20)), span(2, (5, 8))
    assert [s.id for s in ops.covering([outer, inner], 6)] == [2, 1]
    assert ops.cycle([inner, outer], None, 1).id == 1
    assert ops.cycle([inner, outer], 2, 1).id == 1  # wraps


def test_relabel_keeps_only_valid_attributes():
    from annotator.tagset import default_tagset

    tagset = default_tagset()
    assert ops.attrs_for_label(tagset, "QUOTE", {"quote_type": "DIRECT", "medium": "SPEECH"}) == {"quote_type": "DIRECT"}
    assert [a.name for a in ops.missing_required(tagset, "QUOTE", {})] == ["quote_type"]


def test_lanes_keep_overlapping_spans_apart_and_segments_split_at_paragraphs():
    spans = [span(1, (0, 10)), span(2, (2, 4)), span(3, (5, 12)), span(4, (20, 22))]
    lanes = assign_lanes(spans)
    assert lanes[(1, 0, 10)] == 0 and lanes[(2, 2, 4)] == 1 and lanes[(3, 5, 12)] == 1 and lanes[(4, 20, 22)] == 0
    text = "0123456789\n😀234567890123"
    index = SpanIndex(text, Utf16Map(text))
    changed = index.rebuild([span(5, (8, 14))])
    assert changed == {0, 1}
    assert [(s.start, s.end) for s in index.segments(0)] == [(8, 10)]
    assert [(s.start, s.end) for s in index.segments(1)] == [(0, 4)]  # the emoji is two UTF-16 units
    assert index.rebuild([span(5, (8, 14))]) == set()
    three = SpanIndex("ab\ncd\nef", Utf16Map("ab\ncd\nef"))
    three.rebuild([span(6, (1, 7))])
    assert [[(g.start, g.end) for g in three.segments(b)] for b in range(3)] == [[(1, 2)], [(0, 2)], [(0, 1)]]


def test_keys_from_the_persian_layout_and_digits():
    assert latin_key("ض") == "q" and latin_key("ش") == "a" and latin_key("Q") == "q"
    assert digit_value("۳") == 3 and digit_value("٣") == 3 and digit_value("3") == 3
    assert latin_key("+") == "" and digit_value("x") is None


def test_find_treats_space_and_zwnj_alike():
    text = "می‌شود و می شود و میشود"
    assert len(find_all(text, "می شود")) == 2
    assert find_all(text, "   ") == []


def test_time_counts_active_work_only(qapp):
    clock = [0.0]
    recorded = []
    tracker = TimeTracker(lambda d, s: recorded.append((d, s)), clock=lambda: clock[0])
    tracker.start(1)
    clock[0] = 30
    tracker.flush()
    assert recorded == [(1, 30)]
    clock[0] = 30 + IDLE_LIMIT_S + 500  # away for a long time
    tracker.activity()
    clock[0] += 10
    tracker.start(2)  # switching flushes document 1
    assert recorded[1] == (1, IDLE_LIMIT_S - 30)  # counted up to five minutes after the last key
    assert recorded[2] == (1, 10)
    tracker.set_active(False)
    clock[0] += 100
    tracker.set_active(True)
    clock[0] += 5
    tracker.stop()
    assert sum(s for d, s in recorded if d == 2) == 5


def test_qt_standard_buttons_speak_persian(qapp):
    from PySide6.QtCore import QCoreApplication

    from ui.app import install_qt_translations

    install_qt_translations(qapp, "fa")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
