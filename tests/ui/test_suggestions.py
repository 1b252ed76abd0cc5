"""Reviewing pre-annotation suggestions in the window, as an annotator would: they are drawn apart
from hand-made spans, Enter accepts (with the cue and speaker), Backspace rejects, J / U move,
Ctrl+Alt+Enter accepts all; every decision is one undo step and lands in the database."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat

from annotator.preannotate import preannotate_document
from annotator.project import Project
from tests.ui.conftest import add_text, open_window
from tests.ui.helpers import click, find, key, type_text
from ui.widgets.span_tooltip import span_tooltip
from ui.widgets.suggestions import CURRENT_TINT, TINT, tint

ANNOTATOR = "مریم"
# Written for these tests: a named speaker with a cue and a direct quote holding a deadline,
# then a pronoun speaker («وی افزود») with a second quote and a second time expression.
# The verbs are past, so no commitment is suggested inside the quotes: these tests are about a
# quote's group (its cue and speaker) and how suggestions are drawn and reviewed.
ARTICLE = (
    "علی رضایی شهردار شیراز گفت: «قطار جدید ظرف ۲۰ روز رسید.»\n"
    "وی افزود: ایستگاه تازه تا پایان سال ساخته شد."
)
QUOTE_COLOR = "#EEDD88"
ALT_RETURN = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _make_project(path, *, suggest: bool):
    with Project.init(path) as project:
        document_id = add_text(project, ARTICLE, title="قطار شیراز")
        if suggest:
            annotator = project.ensure_annotator(ANNOTATOR)
            preannotate_document(project, document_id, annotator.id)
    return path


def _open(qtbot, path, settings, errors):
    return open_window(qtbot, path, settings, errors, ANNOTATOR)


@pytest.fixture
def suggested_path(tmp_path):
    return _make_project(tmp_path / "suggested.annotator.db", suggest=True)


@pytest.fixture
def window(qtbot, suggested_path, settings, errors):
    win = _open(qtbot, suggested_path, settings, errors)
    yield win
    win.close()


@pytest.fixture
def reader(suggested_path):
    with Project.open(suggested_path) as project:
        yield project


def layer_spans(reader, window):
    session = window.session
    return reader.spans(session.document.id, annotator_id=session.annotator.id)


def span_at(window, needle, label):
    start, end = find(window.session.document.text, needle)
    return next(s for s in window.session.spans.values() if (s.label, s.start, s.end) == (label, start, end))


def char_format(view, position) -> QTextCharFormat | None:
    """The highlighter's format for the character at code point ``position`` (innermost last)."""
    u16 = view.offsets.to_utf16(position)
    block = view.document().findBlock(u16)
    inside = u16 - block.position()
    ranges = block.layout().formats()
    found = [QTextCharFormat(r.format) for r in ranges if r.start <= inside < r.start + r.length]
    return found[-1] if found else None


def is_drawn_as_suggestion(view, position) -> bool:
    fmt = char_format(view, position)
    return fmt is not None and fmt.property(QTextCharFormat.Property.UserProperty) == "suggestion"


def origins(reader, window):
    return {(s.label, s.start): s.origin for s in layer_spans(reader, window)}


# -- drawing -------------------------------------------------------------------------------------
def test_suggestions_are_drawn_dashed_and_pale_and_the_first_is_current(window):
    view, ui = window.article, window.suggestions_ui
    quote = span_at(window, "قطار جدید ظرف ۲۰ روز رسید", "QUOTE")
    cue = span_at(window, "گفت", "CUE")
    speaker = span_at(window, "علی رضایی شهردار شیراز", "ACTOR_MENTION")
    assert window.session.selected == quote.id  # the first suggestion in text order is current
    outlined = ui.outlined()
    assert outlined[quote.id] == "current"
    assert outlined[cue.id] == outlined[speaker.id] == "group"  # accepting the quote takes them along
    assert set(outlined.values()) == {"current", "group", "dashed"}
    assert len(outlined) == 8
    assert char_format(view, quote.start).background().color() == tint(QUOTE_COLOR, CURRENT_TINT)
    second = span_at(window, "ایستگاه تازه تا پایان سال ساخته شد", "QUOTE")
    assert char_format(view, second.start).background().color() == tint(QUOTE_COLOR, TINT)
    assert all(is_drawn_as_suggestion(view, s.start) for s in window.session.spans.values())
    segment = next(seg for seg in view.index.segments(0) if seg.span_id == quote.id)
    assert not view.layer.draws_bar(segment)  # a dashed outline instead of the solid bar


def test_hover_table_and_status_bar_say_suggestion(window):
    quote = span_at(window, "قطار جدید ظرف ۲۰ روز رسید", "QUOTE")
    tip = span_tooltip(window.session.tagset, [quote], window.session.document.text)
    assert "پیشنهاد · نقل قول · ۰٫۹۰" in tip
    model = window.span_table.table_model
    row = model.row_of(quote.id)
    assert model.index(row, 1).data() == "نقل قول · پیشنهاد"
    assert model.index(row, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert window.suggestions_ui.status.text() == "۸ پیشنهاد مانده"


# -- accepting -----------------------------------------------------------------------------------
def test_enter_accepts_the_quote_with_its_cue_speaker_and_links_and_ctrl_z_restores(window, reader):
    view, session = window.article, window.session
    quote = span_at(window, "قطار جدید ظرف ۲۰ روز رسید", "QUOTE")
    speaker = span_at(window, "علی رضایی شهردار شیراز", "ACTOR_MENTION")
    group = {quote.id, span_at(window, "گفت", "CUE").id, speaker.id}
    assert reader.actor(speaker.actor_id).origin == "suggested"
    key(view, Qt.Key.Key_Return)
    stored = {s.id: s for s in layer_spans(reader, window)}
    assert {i for i, s in stored.items() if s.origin == "manual"} == group
    links = [r for r in reader.relations(session.document.id, annotator_id=session.annotator.id) if r.head == quote.id]
    assert {(r.type, r.origin) for r in links} == {("HAS_CUE", "manual"), ("ATTRIBUTED_TO", "manual")}
    assert reader.actor(speaker.actor_id).origin == "manual"  # the suggested actor too
    # drawn as ordinary spans now, the next suggestion (the deadline inside the quote) is current
    assert char_format(view, quote.start).background().color() == QColor(QUOTE_COLOR)
    assert not is_drawn_as_suggestion(view, quote.start)
    assert session.selected_span().text_in(session.document.text) == "ظرف ۲۰ روز"
    assert window.suggestions_ui.status.text() == "۵ پیشنهاد مانده"
    assert session.undo_stack.count() == 1
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step undoes the whole group
    assert all(origin == "suggested" for origin in origins(reader, window).values())
    assert all(r.origin == "suggested" for r in reader.relations(session.document.id, annotator_id=session.annotator.id))
    assert reader.actor(speaker.actor_id).origin == "suggested"
    assert session.selected == quote.id  # back on the quote
    assert is_drawn_as_suggestion(view, quote.start)
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # redo
    assert reader.span(quote.id).origin == "manual"


def test_enter_with_no_current_suggestion_only_goes_to_one(window, reader):
    view = window.article
    key(view, Qt.Key.Key_Escape)
    assert window.session.selected is None
    key(view, Qt.Key.Key_Return)
    assert all(origin == "suggested" for origin in origins(reader, window).values())
    assert window.session.current_suggestion().label == "QUOTE"


def test_clicking_a_speaker_mention_makes_it_current_and_enter_accepts_it_alone(window, reader):
    view = window.article
    speaker = span_at(window, "علی رضایی شهردار شیراز", "ACTOR_MENTION")
    click(view, speaker.start + 2)
    assert window.session.current_suggestion().id == speaker.id
    key(view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert reader.span(speaker.id).origin == "manual"
    assert reader.span(span_at(window, "گفت", "CUE").id).origin == "suggested"


# -- rejecting -----------------------------------------------------------------------------------
def test_backspace_rejects_and_a_rerun_does_not_bring_it_back(window, reader):
    view, session = window.article, window.session
    key(view, Qt.Key.Key_J)  # from the first quote to the deadline inside it
    deadline = session.current_suggestion()
    assert deadline.text_in(session.document.text) == "ظرف ۲۰ روز"
    key(view, Qt.Key.Key_Backspace)
    assert deadline.id not in {s.id for s in layer_spans(reader, window)}
    assert deadline.id not in view.spans and deadline.id not in window.suggestions_ui.outlined()
    assert char_format(view, deadline.start).background().color() == tint(QUOTE_COLOR, TINT)  # only the quote left
    assert session.current_suggestion().text_in(session.document.text).startswith("ایستگاه تازه")
    key(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # suggest again
    places = {(s.label, s.fragments) for s in layer_spans(reader, window)}
    assert ("TIME_EXPR", deadline.fragments) not in places
    assert len(places) == 7
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the reject is still one undo step
    assert reader.span(deadline.id).origin == "suggested"
    assert session.selected == deadline.id


def test_rejecting_a_quote_drops_its_cue_and_speaker_and_delete_still_deletes_manual_spans(window, reader):
    view, session = window.article, window.session
    key(view, Qt.Key.Key_Delete)  # on the first quote: Delete rejects a suggestion too
    texts = {s.text_in(session.document.text) for s in layer_spans(reader, window)}
    assert not texts & {"قطار جدید ظرف ۲۰ روز رسید", "گفت", "علی رضایی شهردار شیراز"}
    assert session.undo_stack.count() == 1
    deadline = session.current_suggestion()
    assert deadline.label == "TIME_EXPR"  # the deadline was not linked to the quote: it stays
    key(view, Qt.Key.Key_Return)  # accept it, then delete it as an ordinary span
    session.select(deadline.id)
    key(view, Qt.Key.Key_Backspace)
    assert deadline.id not in {s.id for s in layer_spans(reader, window)}
    assert session.undo_stack.text(session.undo_stack.count() - 1).startswith("حذف")


# -- all at once ----------------------------------------------------------------------------------
def test_accept_all_is_one_step_and_undoes_in_one(window, reader):
    view, session = window.article, window.session
    key(view, Qt.Key.Key_Return, ALT_RETURN)
    assert set(origins(reader, window).values()) == {"manual"}
    assert all(r.origin == "manual" for r in reader.relations(session.document.id, annotator_id=session.annotator.id))
    assert window.suggestions_ui.outlined() == {}
    assert not window.suggestions_ui.status.isVisible()
    assert not any(is_drawn_as_suggestion(view, s.start) for s in session.spans.values())
    assert session.undo_stack.count() == 1
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(origins(reader, window).values()) == {"suggested"}
    assert len(window.suggestions_ui.outlined()) == 8


def test_reject_all_from_the_menu_is_one_step(window, reader):
    window.actions_["reject_all_suggestions"].trigger()
    assert layer_spans(reader, window) == []
    assert window.session.undo_stack.count() == 1
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(layer_spans(reader, window)) == 8


# -- moving --------------------------------------------------------------------------------------
def test_j_and_u_walk_the_suggestions_in_text_order(window):
    view, session = window.article, window.session
    text = session.document.text

    def current():
        return session.current_suggestion().text_in(text)

    assert current() == "قطار جدید ظرف ۲۰ روز رسید"
    key(view, Qt.Key.Key_J)
    assert current() == "ظرف ۲۰ روز"
    type_text(view, "ت")  # J with the Persian layout on
    assert current() == "ایستگاه تازه تا پایان سال ساخته شد"
    key(view, Qt.Key.Key_J)
    assert current() == "تا پایان سال"
    key(view, Qt.Key.Key_J)  # wraps round
    assert current() == "قطار جدید ظرف ۲۰ روز رسید"
    key(view, Qt.Key.Key_U)
    assert current() == "تا پایان سال"
    assert view.selected == session.selected  # outlined in the view, scrolled to


def test_menu_entries_and_keys(window):
    names = [a.text() for a in window.actions_.labels_menu.actions()]
    assert "پذیرفتن پیشنهاد\tEnter" in names
    assert "رد همه پیشنهادهای این سند" in names
    assert window.actions_["accept_all_suggestions"].shortcut().toString() == "Ctrl+Alt+Return"
    assert window.actions_["suggest_document"].shortcut().toString() == "Ctrl+Shift+P"


# -- making suggestions from the window ---------------------------------------------------------
def test_suggest_for_this_document_from_the_window(qtbot, tmp_path, settings, errors):
    path = _make_project(tmp_path / "plain.annotator.db", suggest=False)
    win = _open(qtbot, path, settings, errors)
    try:
        session = win.session
        assert session.spans == {} and not win.suggestions_ui.status.isVisible()
        key(win.article, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        with Project.open(path) as reader:
            stored = reader.spans(session.document.id, annotator_id=session.annotator.id)
        assert len(stored) == 8 and {s.origin for s in stored} == {"suggested"}
        assert set(win.article.spans) == {s.id for s in stored}
        assert session.current_suggestion().label == "QUOTE"
        assert win.suggestions_ui.status.text() == "۸ پیشنهاد مانده"
        assert is_drawn_as_suggestion(win.article, stored[0].start)
        key(win.article, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert len(session.spans) == 8  # running again changes nothing
    finally:
        win.close()


def test_suggest_for_every_document_runs_on_a_worker_and_refreshes_the_window(qtbot, tmp_path, settings, errors):
    path = tmp_path / "two.annotator.db"
    with Project.init(path) as project:
        add_text(project, ARTICLE, title="قطار شیراز")
        other = add_text(project, "وزیر نیرو گفت: «قطعی برق تا تابستان آینده برطرف می‌شود.»", title="برق")
    win = _open(qtbot, path, settings, errors)
    try:
        session = win.session
        dialog = win.suggestions_ui.open_suggest_dialog()
        assert dialog.isVisible()
        with qtbot.waitSignal(dialog.job_finished, timeout=20_000):
            dialog.run_button.click()
        assert "سند" in dialog.result.toPlainText()
        with Project.open(path) as reader:
            annotator = reader.ensure_annotator(ANNOTATOR).id
            assert len(reader.spans(session.document.id, annotator_id=annotator)) == 8
            assert {s.origin for s in reader.spans(other, annotator_id=annotator)} == {"suggested"}
        assert len(session.spans) == 8 and len(win.article.spans) == 8  # the open document reloaded
        assert session.current_suggestion() is not None
        assert win.suggestions_ui.status.text() == "۸ پیشنهاد مانده"
        dialog.close()
    finally:
        win.close()
