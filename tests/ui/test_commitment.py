"""Commitment frames in the attribute panel, and the time-expression assist."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from annotator.model import ActorDraft
from tests.ui.helpers import find, key
from tests.ui.test_full_article import (
    mark,
)


def relations(reader, window):
    return [(r.type, r.head, r.tail_span, r.tail_actor) for r in reader.relations(window.session.document.id)]


def test_the_commitment_frame_picks_and_clears_each_part(article_window, article_reader, qtbot):
    window, session = article_window, article_window.session
    quote = mark(window, "بودجه این طرح", Qt.Key.Key_Q, digit=Qt.Key.Key_1)
    commitment = mark(window, "ایستگاه‌های خط یک را بازگشایی کند", Qt.Key.Key_M)
    panel = window.links_ui.panel
    assert "تعهد" in panel.title.text()
    for kind in ("COMMITTED_BY", "BENEFICIARY", "HAS_DEADLINE", "HAS_CONDITION", "EXPRESSED_IN"):
        assert f"pick_{kind}" in panel.buttons
    assert "actor_COMMITTED_BY" in panel.buttons and "actor_BENEFICIARY" not in panel.buttons
    panel.buttons["pick_EXPRESSED_IN"].click()
    assert window.links_ui.overlay.current == quote
    key(window.article, Qt.Key.Key_Return)
    [relation] = article_reader.relations(session.document.id)
    assert (relation.type, relation.head, relation.tail_span) == ("EXPRESSED_IN", commitment, quote)
    panel.buttons[f"unlink_{relation.id}"].click()  # clear
    assert relations(article_reader, window) == []
    panel.buttons["pick_HAS_CONDITION"].click()  # no condition marked yet: said, no mode
    assert not window.links_ui.mode.active
    assert "شرط" in window.statusBar().currentMessage()


def test_the_committer_can_be_an_actor(article_window, article_reader, qtbot):
    window, session = article_window, article_window.session
    session.add_actor(ActorDraft("شهرداری شیراز", "ORG", aliases=("شهرداری",)))
    commitment = mark(window, "ایستگاه‌های خط یک را بازگشایی کند", Qt.Key.Key_M)
    window.links_ui.panel.buttons["actor_COMMITTED_BY"].click()
    dialog = window.actors_ui.picker_dialog
    qtbot.waitUntil(lambda: dialog.picker.completer.popup().isVisible())
    popup = dialog.picker.completer.popup()
    key(popup, Qt.Key.Key_Down)
    key(popup, Qt.Key.Key_Return)
    [actor] = article_reader.actors()
    assert relations(article_reader, window) == [("COMMITTED_BY", commitment, None, actor.id)]
    [relation] = article_reader.relations(session.document.id)
    shown = window.links_ui.panel.findChild(QPushButton, f"link_{relation.id}")
    assert "شهرداری شیراز" in shown.text()  # the frame names the committer
    window.docks["who"].raise_()
    qtbot.waitUntil(window.actors_ui.who.isVisible)
    assert window.actors_ui.who.entries[0].actor.id == actor.id


def test_an_unreadable_time_expression_says_why_and_offers_nothing(article_window, article_reader):
    window = article_window
    span = mark(window, "روز شنبه", Qt.Key.Key_T)
    assist = window.links_ui.timex
    assert assist.isVisible()
    assert "خوانده نشد" in assist.reading.text() and "no number before" in assist.reading.text()
    assert not assist.apply_button.isEnabled()
    assert article_reader.span(span).attrs == {}


def test_without_a_publication_date_relative_dates_are_not_guessed(window):
    view, text = window.article, window.session.document.text
    view.select_range(*find(text, "تا پایان مهر"))
    key(view, Qt.Key.Key_T)
    assist = window.links_ui.timex
    assert "give an anchor date" in assist.reading.text() and not assist.apply_button.isEnabled()


def test_the_assist_hides_for_other_labels(article_window):
    mark(article_window, "ظرف ۲۰ روز", Qt.Key.Key_T)
    assert article_window.links_ui.timex.isVisible()
    mark(article_window, "شهرداری", Qt.Key.Key_A)
    assert not article_window.links_ui.timex.isVisible()


def test_timex_attributes_come_from_the_tagset():
    import datetime as dt

    from annotator.tagset import AttributeSpec, Display, EnumValue, SpanLabel, default_tagset
    from annotator.timex import normalize_timex
    from ui.operations import timex_attrs

    timex = normalize_timex("ظرف ۲۰ روز", anchor=dt.date(2024, 5, 4))
    label = default_tagset().label("TIME_EXPR")
    assert timex_attrs(label, timex) == {"timex_type": "DURATION", "value": "P20D", "deadline_mod": "WITHIN",
                                         "anchor": "DCT"}
    small = SpanLabel("WHEN", Display("کی", "When"), "#CCCCCC", "W", attributes=(
        AttributeSpec("type", Display("نوع", "Type"), "enum", values=(EnumValue("DATE", Display("تاریخ", "Date")),)),
        AttributeSpec("value", Display("مقدار", "Value"), "text"),
    ))
    assert timex_attrs(small, timex) == {"value": "P20D"}  # DURATION is not one of its types: left out
