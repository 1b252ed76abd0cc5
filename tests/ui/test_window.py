"""The rest of the window: attributes, status and navigation, find, layout, settings, errors."""

import sys

from PySide6.QtCore import Qt

from tests.ui.conftest import SECOND
from tests.ui.helpers import find, key, type_text
from ui.app import create_window
from ui.models.document_list import STATUS, TITLE


def mark_quote(window, needle):
    view, text = window.article, window.session.document.text
    view.select_range(*find(text, needle))
    key(view, Qt.Key.Key_Q)
    key(window.popup, Qt.Key.Key_1)
    return window.session.selected


def test_an_attribute_edit_persists_and_undoes(window, reader):
    span_id = mark_quote(window, "مدرسه‌های تازه")
    combo = window.attributes.editors["quote_type"]
    combo.setCurrentIndex(combo.findData("MIXED"))
    assert reader.span(span_id).attrs["quote_type"] == "MIXED"
    window.attributes.editors["continuation"].setChecked(True)
    assert reader.span(span_id).attrs["continuation"] is True
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert reader.span(span_id).attrs["quote_type"] == "DIRECT"
    assert combo.currentData() == "DIRECT"


def test_the_attribute_form_follows_the_tagset(window):
    view, text = window.article, window.session.document.text
    view.select_range(*find(text, "دوشنبه"))
    key(view, Qt.Key.Key_T)
    form = window.attributes
    assert set(form.editors) == {"timex_type", "value", "anchor", "calendar", "deadline_mod"}
    form.editors["value"].setText("P20D")
    form.editors["value"].editingFinished.emit()
    assert window.session.selected_span().attrs["value"] == "P20D"
    mark_quote(window, "مدرسه‌های تازه")
    required = [form.form.labelForField(e).text() for n, e in form.editors.items() if n == "quote_type"]
    assert required[0].endswith("*")


def test_mark_done_reopen_and_the_navigator_status(window, reader):
    session = window.session
    document_id = session.document.id
    assert reader.status(document_id, session.annotator.id).status == "in_progress"  # opened
    key(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert reader.status(document_id, session.annotator.id).status == "done"
    row = window.navigator.model.row_of(document_id)
    assert window.navigator.model.index(row, STATUS).data() == "انجام‌شده"
    key(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert reader.status(document_id, session.annotator.id).status == "in_progress"


def test_next_and_previous_document_keep_their_own_undo_history(window, reader):
    session = window.session
    first = session.document.id
    mark_quote(window, "مدرسه‌های تازه")
    key(window.article, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert session.document.text == SECOND
    assert reader.status(session.document.id, session.annotator.id).status == "in_progress"
    assert session.undo_stack.count() == 0
    assert window.article.toPlainText() == SECOND
    key(window.article, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert session.document.id == first
    assert session.undo_stack.count() == 1
    assert window.navigator.table.currentIndex().row() == 0


def test_a_latin_leading_paragraph_runs_right_to_left(window):
    view, text = window.article, window.session.document.text
    block = view.document().findBlockByNumber(2)
    assert block.text().startswith("COVID-19")
    assert block.layout().textOption().textDirection() == Qt.LayoutDirection.RightToLeft
    latin_start = view.cursor_rect_at(text.index("COVID"))
    persian = view.cursor_rect_at(text.index("در استان"))
    line = block.layout().lineAt(0).naturalTextRect()
    right_edge = view.viewport().width() - view.document().documentMargin()
    assert abs(line.right() - right_edge) < 3  # the line hugs the right margin
    assert persian.x() < latin_start.x()  # the Persian words follow to the left of «COVID-19»


def test_find_bar_matches_across_space_and_zwnj(window, qtbot):
    key(window.article, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.query.hasFocus()
    type_text(bar.query, "می شود")  # typed with a space; the text has a ZWNJ
    assert len(bar.matches) == 1
    text = window.session.document.text
    assert text[slice(*bar.matches[0])] == "می‌شود"
    assert len(window.article.extraSelections()) == 1
    key(bar.query, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.article.extraSelections() == []


def test_span_table_lists_spans_and_a_click_selects(window):
    mark_quote(window, "مدرسه‌های تازه")
    view, text = window.article, window.session.document.text
    view.select_range(*find(text, "استاندار"))
    key(view, Qt.Key.Key_A)
    table = window.span_table
    assert table.model().rowCount() == 2
    assert table.model().index(0, 1).data() == "اشاره به کنشگر"
    assert table.model().index(1, 2).data() == "مستقیم، خیر"
    table.clicked.emit(table.model().index(1, 0))
    assert window.session.selected_span().label == "QUOTE"


def test_navigator_search_and_status_filter(window, qtbot):
    nav = window.navigator
    type_text(nav.search, "دانشگاه")
    nav.apply_filter()
    assert nav.model.rowCount() == 1
    assert nav.model.index(0, TITLE).data() == "خبر 2"
    nav.search.clear()
    nav.status.setCurrentIndex(nav.status.findData("todo"))
    assert nav.model.rowCount() == 2  # the open document is in progress
    assert "۲" in nav.count.text()


def test_settings_are_remembered(qtbot, project_path, settings, errors):
    first = create_window(project_path, settings=settings, errors=errors, annotator="مریم", excepthook=False)
    qtbot.addWidget(first)
    first.zoom(2)
    first.go_to_neighbour(1)
    first.close()
    assert settings.annotator_name == "مریم"
    second = create_window(project_path, settings=settings, errors=errors, excepthook=False)
    qtbot.addWidget(second)
    assert second.session.annotator.name == "مریم"
    assert second.article.font().pointSizeF() == 16.0
    assert second.session.document.text == SECOND  # the last document of this project
    assert str(project_path.resolve()) in settings.recent_projects


def test_time_is_recorded_when_the_window_closes(window, reader):
    clock = [100.0]
    window.tracker._clock = lambda: clock[0]
    window.tracker.start(window.session.document.id)
    clock[0] += 42
    document_id, annotator_id = window.session.document.id, window.session.annotator.id
    window.close()
    assert reader.status(document_id, annotator_id).seconds_spent >= 42


def test_an_exception_in_a_slot_is_logged_and_the_app_goes_on(qtbot, errors, tmp_path, qapp):
    from PySide6.QtCore import QTimer

    def broken():
        raise RuntimeError("boom in a slot")

    previous = sys.excepthook
    sys.excepthook = errors.excepthook
    try:
        with qtbot.waitSignal(errors.bug_reported) as reported:
            QTimer.singleShot(0, broken)
    finally:
        sys.excepthook = previous
    assert "boom in a slot" in reported.args[0]
    assert "boom in a slot" in (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")


def test_a_date_attribute_is_checked_before_it_is_saved(qtbot):
    from types import SimpleNamespace

    from annotator.model import Span
    from annotator.tagset import AttributeSpec, Display, SpanLabel, Tagset
    from ui.widgets.attribute_panel import AttributePanel

    when = AttributeSpec("when", Display("کی", "When"), "date", required=True)
    tagset = Tagset("t", "1.0.0", span_labels=(
        SpanLabel("EVENT", Display("رویداد", "Event"), "#CCCCCC", "E", attributes=(when,)),))
    panel = AttributePanel()
    qtbot.addWidget(panel)
    requests, problems = [], []
    panel.attribute_requested.connect(lambda *args: requests.append(args))
    panel.problem.connect(problems.append)
    panel.show_span(Span(7, 1, 1, "EVENT", ((0, 3),)), SimpleNamespace(tagset=tagset), "abcdef")
    edit = panel.editors["when"]
    edit.setText("1403/05/12")
    edit.editingFinished.emit()
    assert requests == [] and problems and "border" in edit.styleSheet()
    edit.setText("2024-08-02")
    edit.editingFinished.emit()
    assert requests == [(7, "when", "2024-08-02")]


def test_english_interface_mirrors_the_layout_but_not_the_article(qtbot, project_path, settings, errors):
    from ui import i18n

    settings.language = "en"
    try:
        win = create_window(project_path, settings=settings, errors=errors, annotator="Maryam", excepthook=False)
        qtbot.addWidget(win)
        assert win.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert win.menuBar().actions()[0].text() == "&File"
        assert win.palette.buttons["QUOTE"].text().startswith("Quote")
        assert win.article.layoutDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        i18n.set_language("fa")
        from PySide6.QtWidgets import QApplication

        QApplication.instance().setLayoutDirection(Qt.LayoutDirection.RightToLeft)


def test_the_name_is_asked_once_at_first_start(qtbot, project_path, settings, errors, monkeypatch):
    from ui import app

    asked = []
    monkeypatch.setattr(app, "ask_annotator_name", lambda parent, default: asked.append(default) or "سارا")
    win = create_window(project_path, settings=settings, errors=errors, excepthook=False)
    qtbot.addWidget(win)
    assert len(asked) == 1 and settings.annotator_name == "سارا"
    assert win.session.annotator.name == "سارا"
    again = create_window(project_path, settings=settings, errors=errors, excepthook=False)
    qtbot.addWidget(again)
    assert len(asked) == 1


def test_opening_a_file_that_is_not_a_project_says_so(window, tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database", encoding="utf-8")
    assert not window.open_project(bad)
    assert "not an annotator project" in window.statusBar().currentMessage()
    assert window.session.document is not None  # the open project stays open


def test_span_boxes_are_reused_between_paints_and_follow_a_rewrap(article_window, qtbot):
    """The boxes of a span are computed once per layout and reused by later paints; when the
    window narrows and the paragraph wraps anew they are computed again, matching a fresh
    computation (so bars and outlines never stay where the words were)."""
    window, view = article_window, article_window.article
    text = window.session.document.text
    start, end = find(text, "خط دوم متروی شیراز تا پایان سال")
    view.select_range(start, end)
    key(view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: window.session.selected is not None)
    block = view.document().findBlock(view.offsets.to_utf16(start))
    local = view.offsets.to_utf16(start) - block.position(), view.offsets.to_utf16(end) - block.position()

    def boxes():
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
        return view.rects_in_block(block, origin, *local), view._rects(block.layout(), origin, *local)

    cached, fresh = boxes()
    assert cached and cached == fresh
    stamp_before = view._rect_cache[block.blockNumber()][0]
    lines_before = block.layout().lineCount()
    window.resize(window.width() // 3, window.height())
    qtbot.waitUntil(lambda: block.layout().lineCount() > lines_before)
    cached, fresh = boxes()
    assert cached == fresh and view._rect_cache[block.blockNumber()][0] != stamp_before


def test_a_project_file_from_an_older_version_is_updated_off_the_gui_thread_on_opening(
        qtbot, tmp_path, settings, errors, monkeypatch):
    import threading

    from PySide6.QtWidgets import QProgressDialog

    import ui.main_window
    from annotator.project import Project
    from tests.core.test_search_words import project_from_before_the_folded_index
    from tests.ui.conftest import open_window
    from ui.i18n import tr

    Project.init(tmp_path / "new.db").close()
    win = open_window(qtbot, tmp_path / "new.db", settings, errors)
    old = project_from_before_the_folded_index(tmp_path / "old.db")
    opened = []  # (on the GUI thread?, did the file still need its upgrade?)
    shown = []  # the busy dialogs' texts
    real_open = Project.open

    def open_and_look(path, *args, **kwargs):
        opened.append((threading.current_thread() is threading.main_thread(), Project.needs_upgrade(path)))
        return real_open(path, *args, **kwargs)

    class Busy(QProgressDialog):
        def show(self):
            shown.append(self.labelText())
            super().show()

    monkeypatch.setattr(Project, "open", open_and_look)
    monkeypatch.setattr(ui.main_window, "QProgressDialog", Busy)
    assert win.open_project(old)
    # The upgrade ran on a worker thread under a busy dialog; the window then opened the file,
    # already up to date.
    assert opened == [(False, True), (True, False)] and shown == [tr("dialog.upgrading")]
    assert win.session.project.count_documents(search="۲۰") == 1
    opened.clear()
    assert win.open_project(tmp_path / "new.db")  # up to date: opened at once, nothing shown
    assert opened == [(True, False)] and len(shown) == 1
    win.close()
