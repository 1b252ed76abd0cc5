"""The actor registry in the window: the panel (search, new, edit, merge, link), the mention's
actor field, and the who-said-what view."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from annotator.model import ActorDraft
from tests.ui.helpers import key, type_text
from tests.ui.test_full_article import (
    mark,
)


def click_row(panel, row, modifiers=Qt.KeyboardModifier.NoModifier):
    table = panel.table
    rect = table.visualRect(panel.model.index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifiers, QPoint(rect.center()))


def ok(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def rows(panel):
    return [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]


def test_the_panel_lists_the_documents_actors_first_and_searches(article_window, article_reader):
    window, session = article_window, article_window.session
    panel = window.actors_ui.panel
    session.add_actor(ActorDraft("الف احمدی", "PER", kb_id="Q42"))
    session.add_actor(ActorDraft("وزارت کشور", "ORG", subtype="GOV_EXECUTIVE", aliases=("وزارت",)))
    mark(window, "شهرداری", Qt.Key.Key_A)
    panel.new_button.click()  # from the selected mention
    dialog = window.actors_ui.dialog
    assert dialog.name.text() == "شهرداری" and dialog.type.currentData() == "ORG"
    ok(dialog)
    assert rows(panel) == ["● شهرداری", "الف احمدی", "وزارت کشور"]  # this document's first, marked
    assert panel.model.index(2, 1).data() == "سازمان / قوه مجریه"
    type_text(panel.search, "Q42")
    assert rows(panel) == ["الف احمدی"]
    panel.search.clear()
    type_text(panel.search, "وزارت")
    assert rows(panel) == ["وزارت کشور"]
    panel.search.clear()
    assert len(rows(panel)) == 3


def test_merge_two_actors_in_the_panel_and_undo(article_window, article_reader, qtbot):
    window, session = article_window, article_window.session
    panel = window.actors_ui.panel
    first = mark(window, "علی رضایی", Qt.Key.Key_A)
    session.create_actor_for_mention(first, ActorDraft("علی رضایی", "PER"))
    he = mark(window, "وی", Qt.Key.Key_A, nth=1)
    session.create_actor_for_mention(he, ActorDraft("رضایی", "PER", aliases=("شهردار شیراز",)))  # a duplicate
    assert not panel.merge_button.isEnabled()
    click_row(panel, 0)
    click_row(panel, 1, Qt.KeyboardModifier.ControlModifier)
    assert panel.merge_button.isEnabled()
    steps = session.undo_stack.count()
    panel.merge_button.click()
    menu = panel.merge_menu
    assert menu is not None and menu.isVisible()
    merge = next(a for a in menu.actions() if a.text() == "ادغام «رضایی» در «علی رضایی»")
    menu.setActiveAction(merge)  # arrow to it and press Enter, as a person would
    key(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not menu.isVisible() and window.isActiveWindow())
    [actor] = article_reader.actors()
    assert actor.name == "علی رضایی" and actor.aliases == ("رضایی", "شهردار شیراز")
    assert article_reader.span(he).actor_id == actor.id  # the mention followed
    assert session.spans[he].actor_id == actor.id  # and so did the window's copy
    assert session.undo_stack.count() == steps + 1 and rows(panel) == ["● علی رضایی"]
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {a.name for a in article_reader.actors()} == {"علی رضایی", "رضایی"}
    assert article_reader.span(he).actor_id != actor.id
    assert len(rows(panel)) == 2


def test_edit_an_actor_type_subtype_aliases_and_kb_id(article_window, article_reader):
    window, session = article_window, article_window.session
    panel = window.actors_ui.panel
    session.add_actor(ActorDraft("شهرداری", "PER"))
    click_row(panel, 0)
    panel.edit_button.click()
    dialog = window.actors_ui.dialog
    assert not dialog.subtype.isEnabled()  # a person has no subtypes
    dialog.type.setCurrentIndex(dialog.type.findData("ORG"))
    assert dialog.subtype.isEnabled()
    dialog.subtype.setCurrentIndex(dialog.subtype.findData("MUNICIPALITY"))
    dialog.name.clear()
    type_text(dialog.name, "شهرداری شیراز")
    type_text(dialog.aliases, "شهرداری، شهرداری کلانشهر شیراز, شهرداری")
    type_text(dialog.kb_id, "Q1")
    ok(dialog)
    [actor] = article_reader.actors()
    assert (actor.name, actor.type, actor.subtype, actor.aliases, actor.kb_id) == (
        "شهرداری شیراز", "ORG", "MUNICIPALITY", ("شهرداری", "شهرداری کلانشهر شیراز"), "Q1")
    assert not panel.table.isColumnHidden(3)  # a kb id to show
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert article_reader.actors()[0].type == "PER"


def test_an_actor_without_a_name_is_refused_in_the_form(article_window, article_reader):
    window = article_window
    window.actors_ui.panel.new_button.click()
    dialog = window.actors_ui.dialog
    ok(dialog)
    assert dialog.isVisible() and dialog.problem.isVisible() and "name" in dialog.problem.text()
    assert article_reader.actors() == []


def test_link_a_pronoun_with_the_panel_and_unlink_it_in_the_attribute_panel(article_window, article_reader):
    window, session = article_window, article_window.session
    panel = window.actors_ui.panel
    session.add_actor(ActorDraft("علی رضایی", "PER"))
    he = mark(window, "وی", Qt.Key.Key_A, nth=1)
    click_row(panel, 0)
    assert panel.link_button.isEnabled()
    panel.link_button.click()
    [actor] = article_reader.actors()
    assert article_reader.span(he).actor_id == actor.id
    picker = window.actors_ui.mention_picker
    assert picker.line.text() == "علی رضایی"
    picker.clear_button.click()
    assert article_reader.span(he).actor_id is None and picker.line.text() == ""
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert article_reader.span(he).actor_id == actor.id


def test_typing_an_exact_alias_and_enter_links_a_new_name_asks_for_an_actor(article_window, article_reader):
    window, session = article_window, article_window.session
    session.add_actor(ActorDraft("علی رضایی", "PER", aliases=("شهردار شیراز",)))
    he = mark(window, "وی", Qt.Key.Key_A, nth=1)
    picker = window.actors_ui.mention_picker
    picker.line.setFocus()
    type_text(picker.line, "شهردار شیراز")
    picker.completer.popup().hide()
    key(picker.line, Qt.Key.Key_Return)
    assert article_reader.span(he).actor_id == article_reader.actors()[0].id
    assert picker.line.text() == "علی رضایی"
    other = mark(window, "شهرداری", Qt.Key.Key_A)
    picker.line.setFocus()
    type_text(picker.line, "شهرداری شیراز")
    picker.completer.popup().hide()
    key(picker.line, Qt.Key.Key_Return)
    dialog = window.actors_ui.dialog
    assert dialog.name.text() == "شهرداری شیراز" and dialog.type.currentData() == "ORG"
    ok(dialog)
    assert article_reader.span(other).actor_id is not None
    assert len(article_reader.actors()) == 2


def test_who_said_what_is_empty_then_follows_the_links(article_window, qtbot):
    window, session = article_window, article_window.session
    window.docks["who"].raise_()
    who = window.actors_ui.who
    qtbot.waitUntil(who.isVisible)
    assert who.empty.isVisibleTo(who) and not who.copy_button.isEnabled()
    mention = mark(window, "علی رضایی", Qt.Key.Key_A)
    session.create_actor_for_mention(mention, ActorDraft("علی رضایی", "PER"))
    assert not who.empty.isVisibleTo(who) and who.tree.topLevelItemCount() == 1
    assert who.tree.topLevelItem(0).text(0).startswith("علی رضایی")


def test_an_actor_attribute_of_a_custom_tagset_gets_a_picker(qtbot):
    from types import SimpleNamespace

    from annotator.model import Actor, Span
    from annotator.tagset import AttributeSpec, Display, SpanLabel, Tagset
    from ui.widgets.actor_picker import ActorCompletionModel, ActorPicker
    from ui.widgets.attribute_panel import AttributePanel

    target = AttributeSpec("target", Display("هدف", "Target"), "actor")
    tagset = Tagset("t", "1.0.0", span_labels=(
        SpanLabel("EVENT", Display("رویداد", "Event"), "#CCCCCC", "E", attributes=(target,)),))
    model = ActorCompletionModel()
    actor = Actor(5, "علی", "PER")
    model.set_actors([actor], [], tagset)
    panel = AttributePanel()
    qtbot.addWidget(panel)
    panel.actor_model = model
    requests = []
    panel.attribute_requested.connect(lambda *args: requests.append(args))
    project = SimpleNamespace(tagset=tagset, actor=lambda actor_id: actor)
    panel.show_span(Span(7, 1, 1, "EVENT", ((0, 3),), attrs={"target": 5}), project, "abcdef")
    picker = panel.editors["target"]
    assert isinstance(picker, ActorPicker) and picker.line.text() == "علی"
    picker.clear_button.click()
    assert requests == [(7, "target", None)]


def test_k_on_a_mention_lists_actors_and_escape_goes_back_to_the_text(article_window, qtbot):
    window, session = article_window, article_window.session
    session.add_actor(ActorDraft("علی رضایی", "PER"))
    mark(window, "وی", Qt.Key.Key_A, nth=1)
    key(window.article, Qt.Key.Key_K)
    picker = window.actors_ui.mention_picker
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert picker.completer.completionCount() == 1
    key(popup, Qt.Key.Key_Escape)
    key(picker.line, Qt.Key.Key_Escape)
    assert window.article.hasFocus()
