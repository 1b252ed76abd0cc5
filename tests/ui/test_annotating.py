"""Marking spans as a person would: drag or Shift+arrows, then the label key; check the rows."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tests.ui.helpers import click, drag, find, key, type_text
from ui.widgets.article_view import ArticleView


def spans_in_db(reader, window):
    return reader.spans(window.session.document.id, annotator_id=window.session.annotator.id)


def formats_at(view: ArticleView, position: int) -> list[QColor]:
    """Background colours the highlighter gave the character at code point ``position``."""
    u16 = view.offsets.to_utf16(position)
    block = view.document().findBlock(u16)
    inside = u16 - block.position()
    return [r.format.background().color() for r in block.layout().formats()
            if r.start <= inside < r.start + r.length]


def test_drag_a_persian_word_and_press_the_label_key(window, reader):
    view, text = window.article, window.session.document.text
    start, end = find(text, "استاندار")
    drag(view, start, end)
    assert view.selection() == (start, end)
    key(view, Qt.Key.Key_A)
    [span] = spans_in_db(reader, window)
    assert (span.label, span.fragments) == ("ACTOR_MENTION", ((start, end),))
    assert QColor("#77AADD") in formats_at(view, start)


def test_a_word_after_an_emoji_gets_code_point_offsets(window, reader):
    view, text = window.article, window.session.document.text
    start, end = find(text, "بودجه")
    drag(view, start, end)
    cursor = view.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (start + 1, end + 1)  # UTF-16 is one ahead
    key(view, Qt.Key.Key_A)
    [span] = spans_in_db(reader, window)
    assert span.fragments == ((start, end),)
    assert text[span.start:span.end] == "بودجه"


def test_a_zwnj_never_ends_a_span(window, reader):
    window.set_snap(False)  # character precision: the drag decides the edges
    view, text = window.article, window.session.document.text
    start, _ = find(text, "مدرسه‌های")
    view.select_range(start, start)
    for _ in range(5):  # five letters; the caret never stops between «ه» and its ZWNJ
        key(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert text[slice(*view.selection())] == "مدرسه\u200c"
    key(view, Qt.Key.Key_A)
    [span] = spans_in_db(reader, window)
    assert text[span.start:span.end] == "مدرسه"


def test_snapping_widens_a_partial_word_to_the_whole_token(window, reader):
    view, text = window.article, window.session.document.text
    start, end = find(text, "بیمارستان‌ها")
    drag(view, start + 2, start + 6)
    key(view, Qt.Key.Key_A)
    [span] = spans_in_db(reader, window)
    assert (span.start, span.end) == (start, end)


def test_keyboard_only_shift_arrows_then_key(window, reader):
    view, text = window.article, window.session.document.text
    start, end = find(text, "دوشنبه")
    view.select_range(start, start)  # caret before the word
    for _ in range(end - start):
        key(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # right-to-left: Left goes forward
    assert view.selection() == (start, end)
    key(view, Qt.Key.Key_T)
    [span] = spans_in_db(reader, window)
    assert (span.label, span.start, span.end) == ("TIME_EXPR", start, end)


def test_a_quote_in_two_key_presses_after_selecting(window, reader):
    view, text = window.article, window.session.document.text
    start, _ = find(text, "مدرسه‌های")
    end = text.index(".»") + 1
    view.select_range(start, end)
    key(view, Qt.Key.Key_Q)
    assert window.popup is not None and window.popup.isVisible()
    key(window.popup, Qt.Key.Key_1)
    [span] = spans_in_db(reader, window)
    assert (span.label, span.attrs["quote_type"], span.end) == ("QUOTE", "DIRECT", end)
    assert window.session.selected == span.id
    assert window.attributes.editors["quote_type"].currentData() == "DIRECT"


def test_persian_keyboard_layout_and_persian_digits_work(window, reader):
    view, text = window.article, window.session.document.text
    start, end = find(text, "ساخته می‌شوند")
    view.select_range(start, end)
    type_text(view, "ض")  # the Q key with the Persian layout on
    type_text(window.popup, "۲")  # Persian digit two: INDIRECT
    [span] = spans_in_db(reader, window)
    assert (span.label, span.attrs["quote_type"]) == ("QUOTE", "INDIRECT")


def test_escape_in_the_popup_creates_nothing(window, reader, qtbot):
    view, text = window.article, window.session.document.text
    view.select_range(*find(text, "تازه"))
    key(view, Qt.Key.Key_Q)
    key(window.popup, Qt.Key.Key_Escape)
    qtbot.wait(20)
    assert spans_in_db(reader, window) == []


def test_undo_removes_from_database_and_view_and_redo_restores(window, reader):
    view, text = window.article, window.session.document.text
    start, end = find(text, "استاندار فارس")
    drag(view, start, end)
    key(view, Qt.Key.Key_A)
    [span] = spans_in_db(reader, window)
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert spans_in_db(reader, window) == []
    assert formats_at(view, start) == []
    assert window.actions_["redo"].isEnabled()
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [s.id for s in spans_in_db(reader, window)] == [span.id]
    assert QColor("#77AADD") in formats_at(view, start)
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    key(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(spans_in_db(reader, window)) == 1


def test_undo_menu_names_the_step_in_persian(window):
    view, text = window.article, window.session.document.text
    view.select_range(*find(text, "استاندار"))
    key(view, Qt.Key.Key_A)
    assert window.actions_["undo"].text() == "واگرد افزودن «اشاره به کنشگر»"


def test_overlapping_and_nested_spans_are_all_drawn(window, reader):
    view, text = window.article, window.session.document.text
    outer = find(text, "استاندار فارس روز دوشنبه")
    inner = find(text, "فارس روز")
    crossing = find(text, "دوشنبه گفت")
    for (start, end), label_key in ((outer, Qt.Key.Key_A), (inner, Qt.Key.Key_A), (crossing, Qt.Key.Key_M)):
        view.select_range(start, end)
        key(view, label_key)
    stored = {(s.start, s.end): s.id for s in spans_in_db(reader, window)}
    assert set(stored) == {outer, inner, crossing}
    lanes = {seg.span_id: seg.lane for seg in view.index.segments(0)}
    assert lanes[stored[outer]] == 0 and lanes[stored[inner]] == lanes[stored[crossing]] == 1
    assert formats_at(view, inner[0])[-1] == QColor("#77AADD")
    assert formats_at(view, crossing[1] - 1)[-1] == QColor("#FFAABB")  # innermost fill wins
    assert QColor("#FFAABB") in formats_at(view, outer[1] - 1)


def test_click_selects_the_innermost_span_and_tab_cycles(window):
    view, text = window.article, window.session.document.text
    outer, inner = find(text, "استاندار فارس روز"), find(text, "فارس")
    for start, end in (outer, inner):
        view.select_range(start, end)
        key(view, Qt.Key.Key_A)
    by_start = {s.start: s.id for s in window.session.spans.values()}
    click(view, inner[0] + 1)
    assert window.session.selected == by_start[inner[0]]
    key(view, Qt.Key.Key_Tab)
    key(view, Qt.Key.Key_Tab)
    assert window.session.selected == by_start[inner[0]]  # wrapped around: outer, then inner
    key(view, Qt.Key.Key_Backtab)
    assert window.session.selected == by_start[outer[0]]
    key(view, Qt.Key.Key_Escape)
    assert window.session.selected is None


def test_a_fragment_makes_a_discontinuous_quote(window, reader):
    view, text = window.article, window.session.document.text
    first = find(text, "مدرسه‌های تازه")
    second = find(text, "ساخته می‌شوند")
    view.select_range(*first)
    key(view, Qt.Key.Key_Q)
    key(window.popup, Qt.Key.Key_1)
    view.select_range(*second)
    type_text(view, "+")
    [span] = spans_in_db(reader, window)
    assert span.fragments == (first, second)


def test_delete_relabel_and_edge_moves(window, reader):
    view, text = window.article, window.session.document.text
    start, end = find(text, "کاهش")
    view.select_range(start, end)
    key(view, Qt.Key.Key_C)
    [span] = spans_in_db(reader, window)
    key(view, Qt.Key.Key_M)  # relabel the selected span
    assert reader.span(span.id).label == "COMMITMENT"
    two_more = [e for _, e in window.session.tokenization.tokens if e > end][1]  # two tokens on
    key(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    key(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert reader.span(span.id).end == two_more
    key(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert reader.span(span.id).start < start
    assert window.session.undo_stack.count() == 4  # add, relabel, end moves (merged), start move
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (reader.span(span.id).start, reader.span(span.id).end) == (start, end)
    key(view, Qt.Key.Key_Delete)
    assert spans_in_db(reader, window) == []
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert reader.span(span.id).label == "COMMITMENT"


def test_a_refused_edit_is_shown_and_leaves_no_undo_step(window, reader, errors, qtbot):
    view, text = window.article, window.session.document.text
    view.select_range(*find(text, "کاهش یافته"))
    key(view, Qt.Key.Key_C)
    with qtbot.waitSignal(errors.problem_shown) as shown:
        view.select_range(*find(text, "یافته است"))
        key(view, Qt.Key.Key_C)  # two CUEs may not overlap
    assert "overlap" in shown.args[0]
    assert len(spans_in_db(reader, window)) == 1
    assert window.session.undo_stack.count() == 1
    assert "overlap" in window.statusBar().currentMessage()


def test_hovering_a_span_shows_its_label_and_attributes(window, qtbot):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    view, text = window.article, window.session.document.text
    start, end = find(text, "مدرسه‌های تازه")
    view.select_range(start, end)
    key(view, Qt.Key.Key_Q)
    key(window.popup, Qt.Key.Key_2)
    a, b = view.cursor_rect_at(start + 2), view.cursor_rect_at(start + 3)
    point = QPoint(round((a.center().x() + b.center().x()) / 2), round(a.center().y()))
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    assert QToolTip.isVisible()
    assert "نقل قول" in QToolTip.text() and "غیرمستقیم" in QToolTip.text()
