"""Links in the window: the L popup and link mode, Ctrl+click, refusals, arrows, the links
section, pro-drop links to actors, and deleting a span that links point to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from annotator.model import ActorDraft
from tests.ui.helpers import click, key, type_text
from tests.ui.test_full_article import (
    ctrl_click,
    mark,
    middle_of,
    press_link,
)
from ui.widgets import links_mode
from ui.widgets.links_painter import span_rects


def mark_first_quote(window):
    text = window.session.document.text
    window.article.select_range(text.index("خط دوم"), text.index("می‌رسد.") + len("می‌رسد."))
    key(window.article, Qt.Key.Key_Q)
    key(window.popup, Qt.Key.Key_1)
    return window.session.selected


def quote_with_speaker_and_cue(window):
    """Mark «علی رضایی», «گفت» and the first quote (selected at the end); return their ids."""
    mention = mark(window, "علی رضایی", Qt.Key.Key_A)
    cue = mark(window, "گفت", Qt.Key.Key_C)
    return mention, cue, mark_first_quote(window)


def relations(reader, window):
    return [(r.type, r.head, r.tail_span, r.tail_actor) for r in reader.relations(window.session.document.id)]


def test_the_popup_lists_allowed_links_in_persian_the_likely_one_first(article_window):
    window = article_window
    quote_with_speaker_and_cue(window)
    key(window.article, Qt.Key.Key_L)
    texts = [a.text() for a in window.links_ui.popup.choice_actions]
    assert texts[0] == "۱   گوینده ← اشاره به کنشگر"
    assert texts[1] == "۲   گوینده ← کنشگر…"  # ATTRIBUTED_TO may point straight at an actor
    assert any("نشانه نقل" in t for t in texts) and len(texts) == 6
    key(window.links_ui.popup, Qt.Key.Key_Escape)
    assert not window.links_ui.mode.active


def test_a_link_the_tagset_does_not_allow_is_refused_with_its_reason(article_window, article_reader, errors, qtbot):
    window = article_window
    _mention, cue, quote = quote_with_speaker_and_cue(window)
    steps = window.session.undo_stack.count()
    key(window.article, Qt.Key.Key_L)
    digit = next(i for i, c in enumerate(window.links_ui.popup.choices, start=1) if c.type == "HAS_CUE")
    type_text(window.links_ui.popup, str(digit))
    assert window.links_ui.mode.active
    with qtbot.waitSignal(errors.problem_shown) as shown:
        click(window.article, middle_of(window, "رضایی"))  # a mention is not a cue
    assert "HAS_CUE must point to a CUE" in shown.args[0]
    assert "HAS_CUE" in window.statusBar().currentMessage()
    assert relations(article_reader, window) == []
    assert window.session.undo_stack.count() == steps
    assert window.links_ui.mode.active  # still waiting for a cue
    click(window.article, middle_of(window, "گفت"))
    assert relations(article_reader, window) == [("HAS_CUE", quote, cue, None)]


def test_tab_cycles_the_targets_and_escape_leaves_link_mode(article_window, article_reader):
    window, view = article_window, article_window.article
    first = mark(window, "علی رضایی", Qt.Key.Key_A)
    second = mark(window, "شهرداری", Qt.Key.Key_A)
    quote = mark_first_quote(window)
    press_link(window, Qt.Key.Key_1)
    overlay = window.links_ui.overlay
    assert overlay.current == first and set(overlay.candidates) == {first, second}
    key(view, Qt.Key.Key_Tab)
    assert overlay.current == second
    assert any(a.preview and a.tail == second for a in overlay.arrows)
    key(view, Qt.Key.Key_Backtab)
    assert overlay.current == first
    key(view, Qt.Key.Key_Escape)
    assert not window.links_ui.mode.active and overlay.candidates == []
    assert not any(a.preview for a in overlay.arrows)
    assert relations(article_reader, window) == []
    assert window.session.selected == quote  # Escape left link mode, not the selection


def test_ctrl_click_links_with_the_first_allowed_type_either_way(article_window, article_reader, errors, qtbot):
    window, view = article_window, article_window.article
    mention, cue, quote = quote_with_speaker_and_cue(window)
    ctrl_click(view, middle_of(window, "علی"))
    ctrl_click(view, middle_of(window, "گفت"))
    assert relations(article_reader, window) == [("ATTRIBUTED_TO", quote, mention, None),
                                                 ("HAS_CUE", quote, cue, None)]
    assert window.session.selected == quote  # Ctrl+click links; it does not move the selection
    second = mark(window, "بودجه این طرح", Qt.Key.Key_Q, digit=Qt.Key.Key_1)
    he = mark(window, "وی", Qt.Key.Key_A, nth=1)  # not the «وی» inside «متروی»
    ctrl_click(view, middle_of(window, "بودجه"))  # from the mention to the quote: linked the right way round
    assert ("ATTRIBUTED_TO", second, he, None) in relations(article_reader, window)
    with qtbot.waitSignal(errors.problem_shown) as shown:
        ctrl_click(view, middle_of(window, "گفت"))  # a mention and a cue have no link type
    assert "پیوندی" in shown.args[0] or "no link" in shown.args[0]


def test_arrows_land_on_the_linked_words_in_right_to_left_text(article_window):
    window = article_window
    mention, cue, quote = quote_with_speaker_and_cue(window)
    press_link(window, Qt.Key.Key_1)
    key(window.article, Qt.Key.Key_Return)
    overlay, spans = window.links_ui.overlay, window.session.spans
    [arrow] = overlay.arrows
    assert (arrow.head, arrow.tail, arrow.text) == (quote, mention, "گوینده")
    start, end = overlay.ends(arrow)
    assert any(r.adjusted(-1, -1, 1, 1).contains(end) for r in span_rects(window.article, spans[mention]))
    assert any(r.adjusted(-1, -1, 1, 1).contains(start) for r in span_rects(window.article, spans[quote]))
    assert end.x() > start.x()  # the speaker comes first, so it is to the right of the quote
    window.article.grab()  # paints without error
    window.session.select(mention)  # the mention shows the link that points to it
    assert [(a.head, a.tail) for a in overlay.arrows] == [(quote, mention)]
    window.session.select(cue)
    assert overlay.arrows == []
    window.actions_["show_links"].trigger()
    assert len(overlay.arrows) == 1
    window.actions_["show_links"].trigger()


def test_the_links_section_lists_links_and_removes_one_as_an_undo_step(article_window, article_reader):
    window = article_window
    mention, _cue, quote = quote_with_speaker_and_cue(window)
    ctrl_click(window.article, middle_of(window, "علی"))
    panel = window.links_ui.panel
    assert panel.isVisible() and "نقل قول" in panel.title.text()
    [relation] = article_reader.relations(window.session.document.id)
    target = panel.buttons[f"unlink_{relation.id}"]
    assert panel.buttons["pick_HAS_CUE"].isEnabled()
    assert not panel.buttons["pick_ATTRIBUTED_TO"].isEnabled()  # one speaker only
    target.click()
    assert relations(article_reader, window) == []
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert relations(article_reader, window) == [("ATTRIBUTED_TO", quote, mention, None)]
    panel.findChild(QPushButton, f"link_{relation.id}").click()  # the target text jumps to the span
    assert window.session.selected == mention


def test_a_pro_drop_quote_links_straight_to_an_actor(article_window, article_reader, qtbot):
    window, session = article_window, article_window.session
    session.add_actor(ActorDraft("علی رضایی", "PER", aliases=("رضایی",)))
    quote = mark(window, "بودجه این طرح", Qt.Key.Key_Q, digit=Qt.Key.Key_1)
    press_link(window, Qt.Key.Key_2)  # «گوینده ← کنشگر…»
    qtbot.waitUntil(lambda: window.actors_ui.picker_dialog is not None)
    dialog = window.actors_ui.picker_dialog
    qtbot.waitUntil(lambda: dialog.picker.line.hasFocus())
    type_text(dialog.picker.line, "رضایی")
    popup = dialog.picker.completer.popup()
    if popup.isVisible():
        popup.hide()
    key(dialog.picker.line, Qt.Key.Key_Return)  # the exact alias picks the actor
    [actor] = article_reader.actors()
    assert relations(article_reader, window) == [("ATTRIBUTED_TO", quote, None, actor.id)]
    assert window.links_ui.overlay.arrows[0].actor == "علی رضایی"
    window.article.grab()


def test_a_new_actor_for_a_pro_drop_quote_is_one_undo_step(article_window, article_reader, qtbot):
    window, session = article_window, article_window.session
    quote = mark(window, "بودجه این طرح", Qt.Key.Key_Q, digit=Qt.Key.Key_1)
    steps = session.undo_stack.count()
    key(window.article, Qt.Key.Key_K)  # K on a quote: its speaker is an actor
    dialog = window.actors_ui.picker_dialog
    qtbot.waitUntil(lambda: dialog.picker.line.hasFocus())
    type_text(dialog.picker.line, "سخنگوی شهرداری")
    dialog.picker.completer.popup().hide()
    key(dialog.picker.line, Qt.Key.Key_Return)  # nobody has this name: the actor form opens
    form = window.actors_ui.dialog
    assert form.name.text() == "سخنگوی شهرداری"
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    [actor] = article_reader.actors()
    assert relations(article_reader, window) == [("ATTRIBUTED_TO", quote, None, actor.id)]
    assert session.undo_stack.count() == steps + 1
    qtbot.waitUntil(window.isActiveWindow)  # the dialogs have closed
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert article_reader.actors() == [] and relations(article_reader, window) == []


def test_deleting_a_linked_span_asks_first_and_is_one_undo_step(article_window, article_reader, monkeypatch):
    window, view = article_window, article_window.article
    mention, cue, quote = quote_with_speaker_and_cue(window)
    ctrl_click(view, middle_of(window, "علی"))
    ctrl_click(view, middle_of(window, "گفت"))
    asked = []
    monkeypatch.setattr(links_mode, "confirm_delete_links", lambda parent, count: asked.append(count) or False)
    key(view, Qt.Key.Key_Delete)
    assert asked == [2] and len(relations(article_reader, window)) == 2  # said no: nothing deleted
    steps = window.session.undo_stack.count()
    monkeypatch.setattr(links_mode, "confirm_delete_links", lambda parent, count: asked.append(count) or True)
    key(view, Qt.Key.Key_Delete)
    assert quote not in {s.id for s in article_reader.spans(window.session.document.id)}
    assert relations(article_reader, window) == []
    assert window.session.undo_stack.count() == steps + 1
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(relations(article_reader, window)) == 2 and article_reader.span(quote).label == "QUOTE"
    window.session.select(cue)
    asked.clear()
    key(view, Qt.Key.Key_Delete)  # the cue has one link (it is a tail): asked too
    assert asked == [1] and relations(article_reader, window) == [("ATTRIBUTED_TO", quote, mention, None)]


def test_a_span_without_links_is_deleted_without_asking(article_window, article_reader, monkeypatch):
    monkeypatch.setattr(links_mode, "confirm_delete_links", lambda parent, count: 1 / 0)
    mark(article_window, "شهرداری", Qt.Key.Key_A)
    key(article_window.article, Qt.Key.Key_Delete)
    assert article_reader.spans(article_window.session.document.id) == []


def test_persian_digits_and_the_l_key_on_a_persian_layout(article_window, article_reader):
    window = article_window
    mention, _cue, quote = quote_with_speaker_and_cue(window)
    type_text(window.article, "م")  # the L key with the Persian layout on
    type_text(window.links_ui.popup, "۱")
    key(window.article, Qt.Key.Key_Return)
    assert relations(article_reader, window) == [("ATTRIBUTED_TO", quote, mention, None)]


def test_link_choices_are_ordered_and_full_types_go_last():
    from annotator.model import Relation, Span
    from annotator.tagset import default_tagset
    from ui.operations import first_relation, nearest_candidate, relation_choices

    tagset = default_tagset()
    quote = Span(1, 1, 1, "QUOTE", ((50, 60),))
    names = [(c.type, c.to_actor, c.enabled) for c in relation_choices(tagset, quote, [])]
    assert names[:3] == [("ATTRIBUTED_TO", False, True), ("ATTRIBUTED_TO", True, True), ("HAS_CUE", False, True)]
    said = [Relation(9, 1, 1, "ATTRIBUTED_TO", 1, tail_span=2)]
    names = [(c.type, c.to_actor, c.enabled) for c in relation_choices(tagset, quote, said)]
    assert names[0] == ("HAS_CUE", False, True) and names[-2:] == [("ATTRIBUTED_TO", False, False),
                                                                   ("ATTRIBUTED_TO", True, False)]
    assert relation_choices(tagset, Span(2, 1, 1, "CUE", ((0, 3),)), []) == []
    assert first_relation(tagset, "COMMITMENT", "ACTOR_MENTION") == "COMMITTED_BY"
    assert first_relation(tagset, "QUOTE", "CUE") == "HAS_CUE"
    assert first_relation(tagset, "ACTOR_MENTION", "CUE") is None
    mentions = [Span(3, 1, 1, "ACTOR_MENTION", ((0, 4),)), Span(4, 1, 1, "ACTOR_MENTION", ((30, 34),)),
                Span(5, 1, 1, "ACTOR_MENTION", ((70, 74),))]
    assert nearest_candidate(mentions, quote) == 1  # the closest one before the quote
    assert nearest_candidate(mentions[2:], quote) == 0


def test_a_tag_that_would_cover_another_moves_along_its_line_before_it_moves_up():
    from PySide6.QtCore import QRectF

    from ui.widgets.links_painter import place_tag

    first = QRectF(100, 50, 60, 14)
    second = place_tag(QRectF(120, 50, 60, 14), [first], 800)
    assert second.top() == 50 and not second.intersects(first)
    assert second.left() == 162  # the nearer side: just after the first
    # No room on the line (the viewport is as wide as the first tag): only then up.
    crowded = place_tag(QRectF(0, 50, 60, 14), [QRectF(0, 50, 64, 14)], 64)
    assert crowded.bottom() < 50
    # Kept inside the viewport.
    assert place_tag(QRectF(790, 10, 60, 14), [], 800).right() <= 798
