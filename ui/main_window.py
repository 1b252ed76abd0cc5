"""The main window: assembles the article, the panels, the menus and the status bar, and
wires widget intents to the session. It holds no annotation logic of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QScrollArea,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from annotator.changes import Changes
from annotator.errors import AnnotatorError
from annotator.ids import DocumentId
from annotator.project import Project
from ui import menus
from ui.errors import ErrorPresenter
from ui.fonts import text_font
from ui.i18n import display, status_name, tr
from ui.lead_tools import LeadTools
from ui.session import PendingSpan, Session
from ui.settings import Settings
from ui.time_tracker import TimeTracker
from ui.widgets.actor_controller import ActorController
from ui.widgets.article_view import ArticleView
from ui.widgets.attribute_panel import AttributePanel
from ui.widgets.find_bar import FindBar
from ui.widgets.label_palette import LabelPalette
from ui.widgets.links_controller import LinksController
from ui.widgets.navigator import Navigator
from ui.widgets.span_table import SpanTable
from ui.widgets.suggestions import SuggestionController
from ui.widgets.value_popup import ValuePopup, choices
from ui.workers import Worker


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, errors: ErrorPresenter):
        super().__init__()
        self.settings = settings
        self.errors = errors
        self.session = Session(errors, self)
        self.session.snap = settings.snap
        self.setObjectName("mainWindow")
        self.article = ArticleView()
        self.find_bar = FindBar()
        self.navigator = Navigator()
        self.attributes = AttributePanel()
        self.span_table = SpanTable()
        self.palette = LabelPalette(tr("toolbar.labels"), self)
        self.tracker = TimeTracker(self._record_time, parent=self)
        self.popup: ValuePopup | None = None
        self._assemble()
        self.actors_ui = ActorController(self)  # actor panel, who said what, actor pickers
        self.links_ui = LinksController(self, self.actors_ui)  # L, link mode, arrows, links section
        self.actions_ = menus.build_menus(self, self.session.undo_group)
        self._connect()
        self.suggestions_ui = SuggestionController(self)  # Enter/Backspace/J/U, dashed suggestions
        self.lead_ui = LeadTools(self)  # File > Import/Export, Review menu (adjudication, progress)
        self.errors.attach(self)
        self.set_font_size(settings.font_size)
        geometry, state = settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 850)
        if state is not None:
            self.restoreState(state)

    # -- assembly --------------------------------------------------------------------------
    def _assemble(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.article, 1)
        self.setCentralWidget(central)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.palette)
        self.docks = {
            "documents": self.add_dock("documents", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea),
            "attributes": self.add_dock("attributes", _scrolling(self.attributes), Qt.DockWidgetArea.RightDockWidgetArea),
            "spans": self.add_dock("spans", self.span_table, Qt.DockWidgetArea.RightDockWidgetArea),
            "history": self.add_dock("history", QUndoView(self.session.undo_group),
                                  Qt.DockWidgetArea.RightDockWidgetArea),
        }
        self.docks["history"].widget().setEmptyLabel(tr("dock.history_start"))
        self.tabifyDockWidget(self.docks["spans"], self.docks["history"])
        self.docks["spans"].raise_()
        self.resizeDocks([self.docks["documents"]], [290], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["attributes"]], [420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["attributes"], self.docks["spans"]], [300, 420], Qt.Orientation.Vertical)
        self.status_document = QLabel()
        self.status_annotator = QLabel()
        self.status_snap = QLabel()
        for label in (self.status_snap, self.status_document, self.status_annotator):
            label.setContentsMargins(10, 0, 10, 0)
            self.statusBar().addPermanentWidget(label)

    def add_dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """Add a dock; ``area`` is named as in a left-to-right layout and is mirrored for
        right-to-left, since QMainWindow does not mirror dock areas itself (the document list
        belongs on the reading start side: the right, in Persian)."""
        dock = QDockWidget(tr(f"dock.{name}"), self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(_mirrored(area, self.layoutDirection()), dock)
        return dock

    def _connect(self) -> None:
        session, article = self.session, self.article
        session.project_opened.connect(self._project_opened)
        session.project_closing.connect(lambda: self.navigator.model.set_source(None, None))
        session.document_opened.connect(self._document_opened)
        session.spans_changed.connect(self._spans_changed)
        session.selection_changed.connect(self._selection_changed)
        session.changed.connect(self._changed)
        session.value_requested.connect(self._ask_value)
        article.label_requested.connect(session.apply_label)
        article.fragment_requested.connect(session.add_fragment)
        article.delete_requested.connect(session.delete_or_reject)  # a suggestion is rejected
        article.edge_move_requested.connect(session.move_edge)
        article.cycle_requested.connect(session.cycle)
        article.span_select_requested.connect(session.select)
        article.installEventFilter(self)
        article.viewport().installEventFilter(self)
        self.palette.label_clicked.connect(self.apply_label)
        self.navigator.document_requested.connect(self.open_document)
        self.attributes.attribute_requested.connect(session.set_attribute)
        self.attributes.problem.connect(self.errors.show_problem)
        self.span_table.span_select_requested.connect(session.select)
        self.find_bar.matches_changed.connect(article.set_find_matches)
        self.find_bar.closed.connect(article.setFocus)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(
                lambda state: self.tracker.set_active(state == Qt.ApplicationState.ApplicationActive))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.tracker.activity()
        return False

    # -- projects --------------------------------------------------------------------------
    def open_project(self, path: Path | str) -> bool:
        """Open a project file and its last (or first) document; False if it cannot be opened."""
        if Project.needs_upgrade(path) and not self._upgrade(path):
            return False
        try:
            project = Project.open(path)
        except AnnotatorError as exc:
            self.errors.show_problem(exc)
            return False
        self.tracker.stop()
        self.session.set_project(project)
        if self.settings.annotator_name:
            self._set_annotator(self.settings.annotator_name)
        self.settings.add_recent(Path(path))
        self._fill_recent()
        return True

    def _upgrade(self, path: Path | str) -> bool:
        """Bring an older project file's schema up to date off the GUI thread (once per new
        schema; a large project is re-indexed for search, which takes a while), with a busy
        dialog meanwhile. False, after saying why, when the file cannot be opened."""
        dialog = QProgressDialog(tr("dialog.upgrading"), "", 0, 0, self)
        dialog.setCancelButton(None)  # a half-applied schema step is rolled back, but not on request
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        worker = Worker(path, lambda _project, _progress, _cancelled: None, parent=self)
        waiting = QEventLoop()
        worker.finished.connect(waiting.quit)
        worker.start()
        dialog.show()
        waiting.exec()
        dialog.close()
        worker.deleteLater()  # a child of the window otherwise, for as long as the window lives
        if worker.error is not None:  # a core error is shown as a problem, anything else as a bug
            self.errors.report(type(worker.error), worker.error, worker.error.__traceback__)
            return False
        return True

    def _set_annotator(self, name: str) -> None:
        annotator = self.session.set_annotator(name)
        self.status_annotator.setText(tr("bar.annotator", name=annotator.name))
        self.navigator.model.set_source(self.session.project, annotator.id)
        if self.session.document is None:
            self.open_first_document()

    def open_first_document(self) -> None:
        """Open the document last worked on in this project, else the first one listed."""
        project = self.session.project
        assert project is not None and project.path is not None
        last = self.settings.last_document(project.path)
        if last is not None and self.navigator.model.row_of(DocumentId(last)) is not None:
            self.open_document(last)
            return
        first = self.navigator.model.document_id_at(0)
        if first is not None:
            self.open_document(first)

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("dialog.new_title"), "", tr("dialog.filter"))
        if path:
            try:
                Project.init(path).close()
            except AnnotatorError as exc:
                self.errors.show_problem(exc)
                return
            self.open_project(path)

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("dialog.open_title"), "", tr("dialog.filter"))
        if path:
            self.open_project(path)

    def _fill_recent(self) -> None:
        menu = self.actions_.recent_menu
        menu.clear()
        for path in self.settings.recent_projects:
            menu.addAction(Path(path).name, lambda p=path: self.open_project(p)).setToolTip(path)

    def change_identity(self) -> None:
        name, ok = QInputDialog.getText(self, tr("identity.title"), tr("identity.prompt"),
                                        text=self.settings.annotator_name)
        if ok and name.strip():
            self.settings.annotator_name = name.strip()
            self._set_annotator(name.strip())

    # -- documents -------------------------------------------------------------------------
    def open_document(self, document_id: int) -> None:
        try:
            self.session.open_document(DocumentId(document_id))
        except AnnotatorError as exc:
            self.errors.show_problem(exc)

    def go_to_neighbour(self, step: int) -> None:
        if self.session.document is None:
            return
        target = self.navigator.neighbour(self.session.document.id, step)
        if target is None:
            self.errors.show_info(tr("bar.last_document"))
        else:
            self.open_document(target)

    def _record_time(self, document_id: DocumentId, seconds: float) -> None:
        if self.session.project is not None and self.session.annotator is not None:
            self.session.project.add_time(document_id, self.session.annotator.id, seconds)

    # -- session signals -------------------------------------------------------------------
    def _project_opened(self) -> None:
        tagset = self.session.tagset
        self.article.set_tagset(tagset)
        self.palette.set_tagset(tagset)
        menus.fill_annotate_menu(self, self.actions_, tagset)
        self.suggestions_ui.fill_menu(self.actions_.labels_menu)
        self.article.show_document("", {})
        self.attributes.show_span(None, None, "")
        self.span_table.show_spans([], "", tagset, None)
        self._update_title()

    def _document_opened(self, document_id: int) -> None:
        session = self.session
        assert session.document is not None and session.project is not None
        self.tracker.start(DocumentId(document_id))
        self.article.show_document(session.document.text, session.spans)
        self.article.setFocus()
        self.find_bar.set_text(session.document.text)
        self.span_table.show_spans(list(session.spans.values()), session.document.text, session.tagset, None)
        self.attributes.show_span(None, session.project, session.document.text)
        self.navigator.show_current(DocumentId(document_id))
        if session.project.path is not None:
            self.settings.set_last_document(session.project.path, document_id)
        self._update_title()
        self._update_status()

    def _spans_changed(self, _ids: object) -> None:
        session = self.session
        text = session.document.text if session.document else ""
        self.article.update_spans(session.spans)
        self.span_table.show_spans(list(session.spans.values()), text, session.tagset, session.selected)

    def _selection_changed(self, span_id: object) -> None:
        session = self.session
        self.article.set_selected_span(span_id)
        self.attributes.show_span(session.selected_span(), session.project,
                                  session.document.text if session.document else "")
        self.span_table.show_selected(span_id)

    def _changed(self, changes: Changes) -> None:
        if changes.status or changes.spans:
            session, model = self.session, self.navigator.model
            current = session.document.id if session.document else None
            if changes.document_ids != {current} or not model.update_row(
                    current, status=session.status,
                    spans=len(session.spans) - session.suggestions_left()):
                model.documents_changed(changes.document_ids)
        self._update_status()

    def _update_status(self) -> None:
        session = self.session
        if session.document is not None:
            self.status_document.setText(tr("bar.doc_status", status=status_name(session.status)))
        self.status_snap.setText(tr("bar.snap_on") if session.snap else tr("bar.snap_off"))
        if "mark_done" in self.actions_.by_name:
            self.actions_["mark_done"].setEnabled(session.status != "done")
            self.actions_["reopen"].setEnabled(session.status == "done")

    def _update_title(self) -> None:
        project = self.session.project
        document = self.session.document
        self.setWindowTitle(tr("window.title", document=document.title if document else tr("window.no_document"),
                               project=project.path.name if project and project.path else ""))

    # -- annotating ------------------------------------------------------------------------
    def apply_label(self, label: str) -> None:
        self.session.apply_label(label, *self.article.selection())
        self.article.setFocus()

    def add_fragment(self) -> None:
        self.session.add_fragment(*self.article.selection())

    def set_snap(self, snap: bool) -> None:
        self.session.snap = self.settings.snap = snap
        self._update_status()

    def _ask_value(self, pending: PendingSpan) -> None:
        """A required attribute: numbered choices in a popup at the selection (digits pick one)."""
        spec = pending.attribute
        if not choices(spec):
            value, ok = QInputDialog.getText(self, display(spec.display), tr("popup.enter", attribute=display(spec.display)))
            if ok and value.strip():
                self.session.complete(pending, value.strip())
            return
        if self.popup is not None:
            self.popup.deleteLater()
        self.popup = ValuePopup(spec, self)
        self.popup.chosen.connect(lambda value: self.session.complete(pending, value))
        rect = self.article.cursorRect()
        self.popup.open_at(self.article.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 4)))

    # -- view ------------------------------------------------------------------------------
    def open_find(self) -> None:
        self.find_bar.open_bar()

    def zoom(self, step: int) -> None:
        size = self.settings.font_size + step if step else 14.0
        self.set_font_size(min(max(size, 8.0), 40.0))

    def set_font_size(self, size: float) -> None:
        self.settings.font_size = size
        self.article.set_text_font(text_font(self.settings.font_family, size))

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.article.font(), self)
        if ok:
            self.settings.font_family = font.family()
            self.set_font_size(font.pointSizeF() if font.pointSizeF() > 0 else self.settings.font_size)

    def set_language(self, language: str) -> None:
        self.settings.language = language
        self.errors.show_info(tr("bar.language_restart"))

    # -- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.tracker.stop()
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.session.close()
        super().closeEvent(event)


def _mirrored(area: Qt.DockWidgetArea, direction: Qt.LayoutDirection) -> Qt.DockWidgetArea:
    if direction != Qt.LayoutDirection.RightToLeft:
        return area
    swap = {Qt.DockWidgetArea.LeftDockWidgetArea: Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea: Qt.DockWidgetArea.LeftDockWidgetArea}
    return swap.get(area, area)


def _scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: a long form scrolls, and its layout changes stay
    inside the dock instead of relaying out (and repainting) the whole window."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
