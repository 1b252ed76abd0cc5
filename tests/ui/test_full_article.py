"""A whole short article annotated through the window: quotes, cues, speakers, one actor for a
name and a later «وی», a commitment with its committer and a normalised deadline. Then the
database, who said what, undo of every step, and a fresh session on the same file.

Its article and fixtures (``article_window``, ``article_reader``) live in conftest.py; the driving
helpers here are shared with the other link, actor and commitment tests.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.attribution import format_who_said_what, who_said_what
from annotator.project import Project
from tests.ui.helpers import click, drag, key, type_text
from ui.session import Session


# -- driving helpers -------------------------------------------------------------------------
def mark(window, needle, label_key, *, nth=0, digit=None):
    """Drag over ``needle`` (the nth time it occurs), press the label key (and a popup digit)."""
    view, text = window.article, window.session.document.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    drag(view, start, start + len(needle))
    key(view, label_key)
    if digit is not None:
        key(window.popup, digit)
    return window.session.selected


def press_link(window, digit):
    """L, then a digit in the link popup."""
    key(window.article, Qt.Key.Key_L)
    popup = window.links_ui.popup
    assert popup is not None and popup.isVisible()
    key(popup, digit)


def middle_of(window, needle, nth=0):
    text = window.session.document.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start + len(needle) // 2


def ctrl_click(view, position):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    a, b = view.cursor_rect_at(position), view.cursor_rect_at(position + 1)
    point = QPoint(round((a.center().x() + b.center().x()) / 2), round(a.center().y()))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, point)


def submit_actor_dialog(window, *, aliases=None, subtype=None):
    dialog = window.actors_ui.dialog
    assert dialog is not None and dialog.isVisible()
    if aliases is not None:
        dialog.aliases.setFocus()
        type_text(dialog.aliases, aliases)
    if subtype is not None:
        dialog.subtype.setCurrentIndex(dialog.subtype.findData(subtype))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def snapshot(project, document_id):
    spans = sorted((s.id, s.label, s.fragments, tuple(sorted(s.attrs.items())), s.actor_id)
                   for s in project.spans(document_id))
    relations = sorted((r.id, r.type, r.head, r.tail_span, r.tail_actor) for r in project.relations(document_id))
    actors = sorted((a.id, a.name, a.type, a.subtype, a.aliases) for a in project.actors())
    return spans, relations, actors


# -- the whole article -----------------------------------------------------------------------
def test_a_whole_article_through_the_window(article_window, article_reader, article_path, errors, qtbot):
    window, session = article_window, article_window.session
    view, text, document_id = window.article, session.document.text, session.document.id
    stack = session.undo_stack
    states = [snapshot(article_reader, document_id)]

    def step(action):
        before = stack.count()
        action()
        assert stack.count() == before + 1, "every gesture is exactly one undo step"
        states.append(snapshot(article_reader, document_id))

    # 1. the named speaker, and a new actor made from it (pre-filled from the text, type PER)
    step(lambda: mark(window, "علی رضایی", Qt.Key.Key_A))
    ali_mention = session.selected
    assert window.actors_ui.mention_row.isVisible()
    window.actors_ui.mention_picker.new_button.click()
    dialog = window.actors_ui.dialog
    assert dialog.name.text() == "علی رضایی" and dialog.type.currentData() == "PER"
    step(lambda: submit_actor_dialog(window, aliases="رضایی، شهردار شیراز"))
    [ali] = article_reader.actors()
    assert (ali.name, ali.type, ali.aliases) == ("علی رضایی", "PER", ("رضایی", "شهردار شیراز"))
    assert article_reader.span(ali_mention).actor_id == ali.id

    # 2. its cue and its quote; L 1 links the quote to the nearest mention before it, Enter confirms
    step(lambda: mark(window, "گفت", Qt.Key.Key_C))
    said = session.selected
    quote_start = text.index("خط دوم")
    quote_end = text.index("می‌رسد.") + len("می‌رسد.")
    drag(view, quote_start, quote_end)
    step(lambda: (key(view, Qt.Key.Key_Q), key(window.popup, Qt.Key.Key_1)))
    first_quote = session.selected
    press_link(window, Qt.Key.Key_1)  # ATTRIBUTED_TO, offered first for a quote
    assert window.links_ui.mode.active and window.links_ui.overlay.current == ali_mention
    step(lambda: key(view, Qt.Key.Key_Return))
    press_link(window, Qt.Key.Key_1)  # the speaker is set, so HAS_CUE comes first now
    step(lambda: click(view, middle_of(window, "گفت")))

    # 3. «وی»: a pronoun mention linked to the same actor with the completer (K, type, choose)
    he_at = text.index("وی افزود")  # not the «وی» inside «متروی»
    view.select_range(he_at, he_at)
    for _ in range(2):  # Shift+Left selects forward in right-to-left text
        key(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    step(lambda: key(view, Qt.Key.Key_A))
    he = session.selected
    assert article_reader.span(he).text_in(text) == "وی"
    key(view, Qt.Key.Key_K)
    picker = window.actors_ui.mention_picker
    assert picker.line.hasFocus()
    picker.line.clear()
    type_text(picker.line, "شهردار")  # an alias
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    key(popup, Qt.Key.Key_Down)
    step(lambda: key(popup, Qt.Key.Key_Return))
    assert article_reader.span(he).actor_id == ali.id
    assert view.hasFocus()  # back in the text

    # 4. the second quote, attributed to «وی» and to its cue with Ctrl+click
    step(lambda: mark(window, "افزود", Qt.Key.Key_C))
    added = session.selected
    second_start = text.index("بودجه")
    second_end = text.index("شده است.") + len("شده است.")
    drag(view, second_start, second_end)
    step(lambda: (key(view, Qt.Key.Key_Q), key(window.popup, Qt.Key.Key_1)))
    second_quote = session.selected
    step(lambda: ctrl_click(view, he_at + 1))
    step(lambda: ctrl_click(view, middle_of(window, "افزود")))
    assert session.selected == second_quote

    # 5. the municipality, a new ORG actor (guessed from «شهرداری»)
    step(lambda: mark(window, "شهرداری", Qt.Key.Key_A))
    municipality_mention = session.selected
    window.actors_ui.mention_picker.new_button.click()
    assert window.actors_ui.dialog.type.currentData() == "ORG"
    step(lambda: submit_actor_dialog(window, subtype="MUNICIPALITY"))

    # 6. the deadline, normalised and applied in one step
    step(lambda: mark(window, "ظرف ۲۰ روز", Qt.Key.Key_T))
    deadline = session.selected
    assist = window.links_ui.timex
    assert assist.isVisible() and "P20D" in assist.reading.text() and "2024-05-24" in assist.reading.text()
    step(lambda: assist.apply_button.click())
    assert dict(article_reader.span(deadline).attrs) == {
        "timex_type": "DURATION", "value": "P20D", "deadline_mod": "WITHIN", "anchor": "DCT"}
    assert not assist.apply_button.isEnabled()  # already applied

    # 7. the commitment and its frame: committer and deadline picked from the form
    step(lambda: mark(window, "ایستگاه‌های خط یک را بازگشایی کند", Qt.Key.Key_M))
    commitment = session.selected
    panel = window.links_ui.panel
    panel.buttons["pick_COMMITTED_BY"].click()
    assert window.links_ui.overlay.current == municipality_mention  # the nearest mention before it
    step(lambda: key(view, Qt.Key.Key_Return))
    panel.buttons["pick_HAS_DEADLINE"].click()
    step(lambda: key(view, Qt.Key.Key_Enter))
    assert not panel.buttons["pick_HAS_DEADLINE"].isEnabled()  # at most one deadline

    # the database, read through the core
    relations = {(r.type, r.head, r.tail_span, r.tail_actor) for r in article_reader.relations(document_id)}
    assert relations == {
        ("ATTRIBUTED_TO", first_quote, ali_mention, None), ("HAS_CUE", first_quote, said, None),
        ("ATTRIBUTED_TO", second_quote, he, None), ("HAS_CUE", second_quote, added, None),
        ("COMMITTED_BY", commitment, municipality_mention, None), ("HAS_DEADLINE", commitment, deadline, None),
    }
    city = next(a for a in article_reader.actors() if a.id != ali.id)
    assert (city.name, city.type, city.subtype) == ("شهرداری", "ORG", "MUNICIPALITY")
    assert article_reader.span(municipality_mention).actor_id == city.id
    assert article_reader.span(first_quote).attrs["quote_type"] == "DIRECT"

    # who said what (its tab opened): both quotes under the one actor; the pledge under the municipality
    window.docks["who"].raise_()
    who = window.actors_ui.who
    qtbot.waitUntil(who.isVisible)
    entries = who.entries
    assert [e.actor.id for e in entries] == [ali.id, city.id]
    assert [s.id for s in entries[0].statements["ATTRIBUTED_TO"]] == [first_quote, second_quote]
    assert [s.id for s in entries[1].statements["COMMITTED_BY"]] == [commitment]
    top = who.tree.topLevelItem(0)
    statements = [top.child(i) for i in range(top.childCount()) if top.child(i).data(0, Qt.ItemDataRole.UserRole + 1)]
    who.tree.itemClicked.emit(statements[1], 0)
    assert session.selected == second_quote
    who.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "■ علی رضایی (PER)" in copied and "بودجه این طرح" in copied and "متروی شیراز" in copied

    # undo every step, one at a time, back to the empty document; then redo them all
    final = states[-1]
    for expected in reversed(states[:-1]):
        key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert snapshot(article_reader, document_id) == expected
    assert session.relations == [] and session.spans == {}
    for _ in range(len(states) - 1):
        key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert snapshot(article_reader, document_id) == final
    assert len(window.actors_ui.who.entries) == 2

    # a fresh session on the same file sees all of it
    window.close()
    fresh = Session(errors)
    fresh.set_project(Project.open(article_path))
    fresh.set_annotator("مریم")
    fresh.open_document(document_id)
    assert snapshot(fresh.project, document_id) == final
    actors = {a.id: a for a in fresh.document_actors()}
    entries = who_said_what(fresh.tagset, list(fresh.spans.values()), fresh.relations, actors)
    assert [s.id for s in entries[0].statements["ATTRIBUTED_TO"]] == [first_quote, second_quote]
    assert "شهرداری" in format_who_said_what(fresh.tagset, entries, fresh.document.text)
    fresh.close()
