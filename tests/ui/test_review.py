"""The review and adjudication window, driven by keys and clicks; gold checked through Project.

The project: one short article that مریم and علی annotated differently (see
``tests.core.test_adjudication.two_versions``), opened by the lead لیلا.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from annotator.adjudication import ACCEPTED, REJECTED, adjudication_status, find_gold, gold_spans
from annotator.project import Project
from tests.core.conftest import SHORT_ARTICLE
from tests.core.test_adjudication import QUOTE_1, two_versions
from tests.ui.conftest import SECOND, add_text, open_window
from tests.ui.helpers import click, find, key, type_text

CTRL, SHIFT, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier


def make_lead_project(folder):
    """The lead's project file: ``SHORT_ARTICLE`` in two versions (مریم, علی), and ``SECOND``."""
    path = folder / "lead.annotator.db"
    with Project.init(path) as project:
        document_id = add_text(project, SHORT_ARTICLE, title="شهردار تهران")
        add_text(project, SECOND, title="دانشگاه")
        two_versions(project, project.document(document_id))
    return path


@pytest.fixture
def lead_path(tmp_path):
    return make_lead_project(tmp_path)




@pytest.fixture
def lead_window(qtbot, lead_path, settings, errors):
    win = open_window(qtbot, lead_path, settings, errors, "لیلا")
    yield win
    win.close()


@pytest.fixture
def review(qtbot, lead_window):
    key(lead_window.article, Qt.Key.Key_R, CTRL | SHIFT)
    found = lead_window.lead_ui.review
    assert found is not None
    qtbot.waitExposed(found)
    qtbot.waitUntil(lambda: found.isActiveWindow())
    found.table.setFocus()
    return found


@pytest.fixture
def reader(lead_path):
    with Project.open(lead_path) as project:
        yield project


def column_names(review):
    """The annotator named in each column's header (names are bidi-isolated there)."""
    return [c.header.text().split(" (")[0].strip("\u2068\u2069") for c in review.columns]


def gold_of(reader):
    return sorted((s.label, reader.document(s.document_id).text[s.start:s.end]) for s in gold_spans(reader, 1))


def row_of_kind(review, kind):
    return next(r for r in range(review.model.rowCount()) if review.model.unit_at(r).kind == kind)


def go_to(review, kind):
    review.table.setCurrentIndex(review.model.index(row_of_kind(review, kind), 0))
    return review.current()


def test_an_annotator_cannot_open_it(qtbot, lead_path, settings, errors):
    win = open_window(qtbot, lead_path, settings, errors, "مریم")
    action = win.actions_["adjudicate"]
    assert not action.isEnabled()
    assert "lead" in action.toolTip()
    key(win.article, Qt.Key.Key_R, CTRL | SHIFT)
    assert win.lead_ui.review is None
    win.close()


def test_every_version_side_by_side_with_the_disagreements_listed(review, reader):
    assert [c.view.toPlainText() for c in review.columns] == [SHORT_ARTICLE] * 2
    assert review.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert column_names(review) == ["مریم", "علی"]
    maryam = reader.annotator_by_name("مریم")
    assert set(review.columns[0].view.spans) == {s.id for s in reader.spans(1, annotator_id=maryam.id)}
    assert review.gold_column.view.spans == {}
    kinds = [review.model.unit_at(r).kind for r in range(review.model.rowCount())]
    assert kinds == ["boundary", "attribute", "only_some", "label", "speaker"]  # agreed units hidden
    assert review.model.index(0, 3).data() == f"«{QUOTE_1}»"  # علی's quote, with its «»
    assert adjudication_status(reader, 1) == "in_progress"  # opening it started the adjudication
    review.show_all.setChecked(True)
    assert review.model.rowCount() == 7


def test_n_and_p_move_and_every_column_follows(review):
    key(review.table, Qt.Key.Key_N)
    unit = review.current()
    assert unit.kind == "attribute"
    for column, name in zip(review.columns, ("مریم", "علی")):
        assert column.view.selected == unit.versions[name].span.id
    key(review.table, Qt.Key.Key_N)
    unit = review.current()
    assert unit.kind == "only_some"
    assert review.columns[1].view.selected is None  # علی has nothing here
    key(review.table, Qt.Key.Key_P)
    assert review.current().kind == "attribute"


def test_accept_one_side_into_gold_and_undo(review, reader, qtbot):
    assert review.current().kind == "boundary"
    key(review.table, Qt.Key.Key_2)
    assert ("QUOTE", f"«{QUOTE_1}»") in gold_of(reader)
    assert ("ACTOR_MENTION", "شهردار تهران") in gold_of(reader)  # the speaker mention came along
    [gold] = [s for s in gold_spans(reader, 1) if s.label == "QUOTE"]
    assert gold.origin == "adjudicated" and reader.annotator(gold.annotator_id).name == "gold"
    assert review.model.unit_at(0).status == ACCEPTED
    assert review.current().kind == "attribute"  # moved on to the next open disagreement
    assert review.gold_column.view.spans.keys() == {s.id for s in gold_spans(reader, 1)}
    entry = reader.audit_log(document_id=1, limit=1)[0]
    assert (entry.action, entry.after["label"]) == ("accept", "QUOTE")
    assert reader.annotator(entry.annotator_id).name == "لیلا"
    key(review.table, Qt.Key.Key_Z, CTRL)
    assert gold_of(reader) == []
    assert reader.audit_log(document_id=1, limit=1)[0].action == "undo-accept"
    assert review.model.unit_at(0).status == "open"
    assert review.gold_column.view.spans == {}


def test_a_persian_digit_accepts_too(review, reader):
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(review.table, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, "۱"))
    assert ("QUOTE", QUOTE_1) in gold_of(reader)


DIGIT_KEYS = [getattr(Qt.Key, f"Key_{n}") for n in range(10)]


def select_unit(review, label, kind=None):
    row = next(r for r in range(review.model.rowCount()) if review.model.unit_at(r).label == label
               and (kind is None or review.model.unit_at(r).kind == kind))
    review.table.setCurrentIndex(review.model.index(row, 0))


def test_alt_digit_takes_only_attributes_and_ctrl_digit_only_links(review, reader):
    names = list(review.review.names)
    maryam, ali = names.index("مریم") + 1, names.index("علی") + 1
    select_unit(review, "TIME_EXPR")  # مریم P20D, علی P3W
    key(review.table, DIGIT_KEYS[maryam])
    select_unit(review, "TIME_EXPR")
    key(review.table, DIGIT_KEYS[ali], ALT)  # only علی's value
    [time] = [s for s in gold_spans(reader, 1) if s.label == "TIME_EXPR"]
    assert time.attrs["value"] == "P3W"
    select_unit(review, "QUOTE", "speaker")
    key(review.table, DIGIT_KEYS[maryam])  # her version: «وی», the mayor
    select_unit(review, "QUOTE", "speaker")
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # Ctrl + a Persian digit: علی's links only
        QApplication.sendEvent(review.table, QKeyEvent(kind, 0, CTRL, "۰۱۲۳۴۵۶۷۸۹"[ali]))
    gold_quote = next(s for s in gold_spans(reader, 1)
                      if s.label == "QUOTE" and "بودجه" in reader.document(1).text[s.start:s.end])
    [speaker] = [r for r in reader.relations(1, annotator_id=gold_quote.annotator_id) if r.head == gold_quote.id]
    assert reader.actor(speaker.tail_actor).name == "شهرداری تهران"


def test_accept_everything_agreed_in_one_step(review, reader):
    key(review.table, Qt.Key.Key_A, CTRL | SHIFT)
    assert gold_of(reader) == [("ACTOR_MENTION", "شهردار تهران"), ("CUE", "گفت")]
    assert review.undo_group.activeStack().count() == 1
    key(review.table, Qt.Key.Key_Z, CTRL)
    assert gold_of(reader) == []


def test_enter_accepts_only_an_agreed_version(review, reader):
    key(review.table, Qt.Key.Key_Return)
    assert gold_of(reader) == []
    assert "disagree" in review.statusBar().currentMessage() or "هم‌نظر" in review.statusBar().currentMessage()
    review.show_all.setChecked(True)
    go_to(review, "agree")
    key(review.table, Qt.Key.Key_Return)
    assert gold_of(reader) == [("ACTOR_MENTION", "شهردار تهران")]


def test_reject_all_with_a_reason_lands_in_the_audit_log(review, reader, qtbot):
    go_to(review, "label")
    key(review.table, Qt.Key.Key_X)
    dialog = review.reason_dialog
    assert dialog is not None and dialog.isVisible()
    line = dialog.findChild(QLineEdit)
    type_text(line, "هیچ‌کدام درست نیست")
    key(line, Qt.Key.Key_Return)
    entry = reader.audit_log(document_id=1, limit=1)[0]
    assert (entry.action, entry.entity, entry.after["reason"]) == ("reject", "span", "هیچ‌کدام درست نیست")
    unit = next(review.model.unit_at(r) for r in range(review.model.rowCount())
                if review.model.unit_at(r).kind == "label")
    assert unit.status == REJECTED
    key(review.table, Qt.Key.Key_Z, CTRL)
    assert reader.audit_log(document_id=1, limit=1)[0].action == "undo-reject"


def test_edit_gold_moves_an_edge_then_undo(review, reader):
    go_to(review, "attribute")  # «ظرف ۲۰ روز»
    key(review.table, Qt.Key.Key_1)
    go_to(review, "attribute")
    key(review.table, Qt.Key.Key_E)
    view = review.gold_column.view
    assert view.editing and view.hasFocus() and not review.actions_["accept_1"].isEnabled()
    [time] = [s for s in gold_spans(reader, 1) if s.label == "TIME_EXPR"]
    assert view.selected == time.id
    key(view, Qt.Key.Key_Left, ALT)  # right-to-left: Left moves the end forward... by a word
    key(view, Qt.Key.Key_Right, ALT)
    key(view, Qt.Key.Key_Right, ALT)  # ...and back twice: «ظرف ۲۰»
    text = reader.document(1).text
    assert text[slice(*reader.span(time.id).fragments[0])] == "ظرف ۲۰"
    assert reader.span(time.id).origin == "adjudicated"
    assert review.current().status == "edited"
    key(view, Qt.Key.Key_Escape)
    assert not view.editing and review.actions_["accept_1"].isEnabled()
    key(review.table, Qt.Key.Key_Z, CTRL)  # the three moves were one step
    assert text[slice(*reader.span(time.id).fragments[0])] == "ظرف ۲۰ روز"


def test_edit_gold_adds_a_span_nobody_marked(review, reader):
    key(review.table, Qt.Key.Key_E)
    view = review.gold_column.view
    view.select_range(*find(SHORT_ARTICLE, "بودجه"))
    key(view, Qt.Key.Key_A)
    assert gold_of(reader) == [("ACTOR_MENTION", "بودجه")]
    assert view.selected == gold_spans(reader, 1)[0].id and view.editing  # ready for edge moves
    assert review.model.unit_at(0).kind == "boundary"
    review.show_all.setChecked(True)
    assert any(review.model.unit_at(r).kind == "gold_only" for r in range(review.model.rowCount()))


def test_clicking_a_span_selects_its_unit(review):
    view = review.columns[0].view
    click(view, SHORT_ARTICLE.index("وی") + 1)
    assert review.current().kind == "only_some"


def test_adjudication_status_shown_and_set(review, reader):
    assert review.status_combo.currentData() == "in_progress"
    key(review.table, Qt.Key.Key_Return, CTRL)
    assert adjudication_status(reader, 1) == "done"
    assert review.status_combo.currentData() == "done"
    key(review.table, Qt.Key.Key_Z, CTRL)
    assert adjudication_status(reader, 1) == "in_progress"
    assert reader.audit_log(document_id=1, limit=1)[0].action == "adjudication"


def test_each_document_keeps_its_own_history(review, reader):
    key(review.table, Qt.Key.Key_1)
    key(review.table, Qt.Key.Key_PageDown, ALT)
    assert review.document.id == 2 and review.model.rowCount() == 0
    assert review.columns == []  # nobody annotated it
    key(review.table, Qt.Key.Key_PageUp, ALT)
    assert review.undo_group.activeStack().count() == 1
    assert find_gold(reader) is not None


def test_the_leads_own_marks_in_the_main_window_show_up(review, lead_window):
    view, text = lead_window.article, lead_window.session.document.text
    view.select_range(*find(text, "افزود"))
    key(view, Qt.Key.Key_C)
    assert column_names(review) == ["لیلا", "مریم", "علی"]
    assert any(u.kind == "label" and "لیلا" in u.versions for u in review.review.units)


def test_edit_gold_relabels_and_asks_for_a_required_value(review, reader, qtbot):
    go_to(review, "label")  # «افزود»: CUE for مریم, CONDITION for علی
    key(review.table, Qt.Key.Key_1)
    go_to(review, "label")
    key(review.table, Qt.Key.Key_E)
    view = review.gold_column.view
    key(view, Qt.Key.Key_Q)  # a QUOTE needs its quote_type: the numbered popup asks
    popup = review.gold_editor.popup
    assert popup is not None and popup.isVisible()
    key(popup, Qt.Key.Key_2)
    [span] = [s for s in gold_spans(reader, 1) if s.fragments == ((find(SHORT_ARTICLE, "افزود")),)]
    assert (span.label, span.attrs["quote_type"], span.origin) == ("QUOTE", "INDIRECT", "adjudicated")
