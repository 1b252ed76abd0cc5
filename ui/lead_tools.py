"""The lead's tools in the main window: File > Import articles, Import annotations and Export,
and the Review menu (Adjudicate this document, Progress). Created with one line by the main window.

Adjudication and the progress table are for leads (the role in ``Project.annotators()``); for
an annotator those entries stay disabled and say why. After a merge the window reads the
project again: the document list, the open document, the actors and the review window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from annotator.adjudication import is_lead
from annotator.handout.merge import MergeReport
from ui import lead_strings  # noqa: F401 - registers the strings used here
from ui.dialogs.articles_dialog import ArticlesDialog
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.import_dialog import ImportDialog
from ui.i18n import tr
from ui.menus import KEYS
from ui.review.progress import ProgressDialog
from ui.review.window import ReviewWindow

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class LeadTools(QObject):
    """Menu entries and the windows and dialogs they open."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.review: ReviewWindow | None = None
        self.import_dialog: ImportDialog | None = None
        self.articles_dialog: ArticlesDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.progress_dialog: ProgressDialog | None = None
        actions = window.actions_
        self.articles_action = self._action("import_articles", self.open_articles)
        self.import_action = self._action("import_annotations", self.open_import)
        self.export_action = self._action("export", self.open_export)
        if actions.file_menu is not None and "identity" in actions.by_name:
            before = actions["identity"]
            actions.file_menu.insertAction(before, self.articles_action)
            actions.file_menu.insertAction(before, self.import_action)
            actions.file_menu.insertAction(before, self.export_action)
            actions.file_menu.insertSeparator(before)
        self.menu = window.menuBar().addMenu(tr("menu.review"))
        self.menu.setToolTipsVisible(True)
        self.adjudicate_action = self._action("adjudicate", self.open_review)
        self.progress_action = self._action("progress", self.open_progress)
        self.menu.addAction(self.adjudicate_action)
        self.menu.addAction(self.progress_action)
        self.menu.aboutToShow.connect(self.update_actions)
        session = window.session
        session.project_opened.connect(self.update_actions)
        session.document_opened.connect(lambda _: self.update_actions())
        session.project_closing.connect(self._project_closing)
        session.changed.connect(self._annotations_changed)
        self.update_actions()

    def _action(self, name: str, slot) -> QAction:
        action = QAction(tr(f"action.{name}"), self.window)
        if name in KEYS:
            action.setShortcuts([QKeySequence(k) for k in KEYS[name]])
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)
        self.window.actions_.by_name[name] = action
        return action

    # -- who may do what -----------------------------------------------------------------------
    def is_lead(self) -> bool:
        session = self.window.session
        return session.project is not None and session.annotator is not None and \
            is_lead(session.project, session.annotator.name)

    def update_actions(self) -> None:
        session, lead = self.window.session, self.is_lead()
        tip = "" if lead else tr("action.adjudicate_lead_only")
        for action in (self.adjudicate_action, self.progress_action):
            action.setEnabled(lead and session.project is not None)
            action.setToolTip(tip or action.text())
        self.adjudicate_action.setEnabled(lead and session.document is not None)
        for action in (self.articles_action, self.import_action, self.export_action):
            action.setEnabled(session.project is not None)

    # -- review --------------------------------------------------------------------------------
    def open_review(self) -> None:
        session = self.window.session
        if not self.is_lead():
            self.window.errors.show_info(tr("action.adjudicate_lead_only"))
            return
        if session.document is None:
            self.window.errors.show_info(tr("review.no_document"))
            return
        if self.review is None:
            self.review = ReviewWindow(session, self.window.errors, self.window)
        self.review.set_text_font(self.window.article.font())
        self.review.open_document(session.document.id)
        self.review.show()
        self.review.raise_()
        self.review.activateWindow()

    def open_progress(self) -> None:
        project = self.window.session.project
        if project is None or not self.is_lead():
            self.window.errors.show_info(tr("action.adjudicate_lead_only"))
            return
        self.progress_dialog = ProgressDialog(project, self.window)
        self.progress_dialog.open()

    # -- import and export ---------------------------------------------------------------------
    def open_import(self) -> None:
        project = self.window.session.project
        if project is None:
            return
        self.import_dialog = ImportDialog(project, self.window.errors, self.window)
        self.import_dialog.merged.connect(self.after_merge)
        self.import_dialog.open()

    def open_articles(self) -> None:
        project = self.window.session.project
        if project is None:
            return
        self.articles_dialog = ArticlesDialog(project, self.window.errors, self.window)
        self.articles_dialog.imported.connect(lambda _: self.after_articles())
        self.articles_dialog.open()

    def after_articles(self) -> None:
        """New documents: list them, and open one when none was open (an empty project)."""
        self.window.navigator.model.refresh()
        if self.window.session.document is None:
            self.window.open_first_document()

    def open_export(self) -> None:
        project = self.window.session.project
        if project is None:
            return
        self.export_dialog = ExportDialog(project, self.window.errors, self.window)
        self.export_dialog.open()

    def after_merge(self, report: MergeReport) -> None:
        """Read the project again after a merge written on another connection."""
        window, session = self.window, self.window.session
        if session.annotator is not None and session.annotator.name in report.annotators:
            session.forget_history()  # those steps point at rows the merge replaced
        window.navigator.model.refresh()
        if session.document is not None:
            window.open_document(session.document.id)
        if report.changes.actors:
            session.actors_changed.emit()
        if self.review is not None and self.review.document is not None:
            if "gold" in report.annotators:
                self.review.forget_history()
            self.review.reload(keep=None)

    def _annotations_changed(self, changes) -> None:
        """An edit in the annotation window (the lead's own layer) shows in an open review of that document."""
        review = self.review
        if review is None or review.document is None or not review.isVisible():
            return
        if (changes.spans or changes.relations) and review.document.id in changes.document_ids:
            review.reload(keep=review.current_index())

    def _project_closing(self) -> None:
        if self.review is not None:
            self.review.close()
            self.review.deleteLater()
            self.review = None
