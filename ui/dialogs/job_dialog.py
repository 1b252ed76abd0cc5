"""A dialog that runs one long core job: a form, then a progress bar with Cancel, then the result.

Subclasses build their form in :attr:`JobDialog.form`, call :meth:`run` with a job (see
:mod:`ui.workers`) and show the outcome in :meth:`show_result`. While the job runs the form is
disabled and the close button cancels; closing the dialog waits for the thread to stop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.project import Project
from ui import lead_strings  # noqa: F401 - registers the strings used here
from ui.errors import ErrorPresenter
from ui.i18n import layout_direction, tr
from ui.widgets.path_list import PathList
from ui.workers import Job, Worker, plain_message


class JobDialog(QDialog):
    """Form, progress, result. :attr:`job_finished` carries the result (or the exception)."""

    job_finished = Signal(object)

    def __init__(self, project: Project, errors: ErrorPresenter, *, title: str, run_text: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.project, self.errors = project, errors
        self.worker: Worker | None = None
        self.setWindowTitle(title)
        self.setLayoutDirection(layout_direction())
        self.setMinimumWidth(620)
        self.form = QWidget()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.result = QPlainTextEdit()
        self.result.setObjectName("jobResult")
        self.result.setReadOnly(True)
        self.result.setMinimumHeight(120)
        self.result.hide()
        self.buttons = QDialogButtonBox()
        self.run_button = QPushButton(run_text)
        self.run_button.setDefault(True)
        self.close_button = QPushButton(tr("worker.close"))
        self.buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.run_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.buttons)

    # -- for subclasses ---------------------------------------------------------------------
    def start(self) -> None:
        """Check the form and :meth:`run` the job (subclasses)."""
        raise NotImplementedError

    def show_result(self, result: object) -> None:
        """Show what a finished job did (subclasses)."""
        raise NotImplementedError

    def run(self, job: Job, running_text: str) -> None:
        if self.project.path is None:
            self.show_text(tr("review.need_path"), problem=True)
            return
        self.worker = Worker(self.project.path, job, user=self.project.user, errors=None, parent=self)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.form.setEnabled(False)
        self.run_button.setEnabled(False)
        self.close_button.setText(tr("worker.cancel"))
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.show()
        self.status.setText(running_text)
        self.result.clear()
        self.result.hide()
        self.worker.start()

    def show_text(self, text: str, *, problem: bool = False) -> None:
        self.result.setPlainText(text)
        self.result.setStyleSheet("color: #9B1C1C;" if problem else "")
        self.result.show()

    @property
    def running(self) -> bool:
        return self.worker is not None and self.worker.running

    # -- worker signals -----------------------------------------------------------------------
    def _progressed(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if what and not (self.worker and self.worker.cancel_requested):
            self.status.setText(what)

    def _succeeded(self, result: object) -> None:
        self._idle()
        self.progress.setValue(self.progress.maximum())
        self.status.clear()
        if getattr(result, "cancelled", False):
            self.status.setText(tr("worker.cancelled"))
        self.show_result(result)
        self.job_finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._idle()
        self.progress.hide()
        self.status.clear()
        from annotator.errors import AnnotatorError

        if not isinstance(error, AnnotatorError):
            self.errors.report(type(error), error, error.__traceback__)
        self.show_failure(error)
        self.job_finished.emit(error)

    def show_failure(self, error: BaseException) -> None:
        self.show_text(tr("worker.failed", reason=plain_message(error)), problem=True)

    def _idle(self) -> None:
        self.form.setEnabled(True)
        self.run_button.setEnabled(True)
        self.close_button.setText(tr("worker.close"))

    # -- closing -------------------------------------------------------------------------------
    def _close_or_cancel(self) -> None:
        if self.running:
            assert self.worker is not None
            self.worker.cancel()
            self.status.setText(tr("worker.cancelling"))
            self.close_button.setEnabled(True)
        else:
            self.reject()

    def reject(self) -> None:
        if self.running:
            self._close_or_cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None and self.worker.running:
            self.worker.cancel()
            self.worker.wait()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # Escape cancels a running job instead of closing
        if event.key() == Qt.Key.Key_Escape and self.running:
            self._close_or_cancel()
            return
        super().keyPressEvent(event)


class PathsJobDialog(JobDialog):
    """A job over files and folders the user lists: an introduction, the list, a button for each
    way of adding to it (``adders``: text and slot), Remove. Subclasses add their own options
    to :attr:`form_layout`."""

    def __init__(self, project: Project, errors: ErrorPresenter, *, title: str, run_text: str, intro: str,
                 adders: list[tuple[str, Callable[[], None]]], parent: QWidget | None = None):
        super().__init__(project, errors, title=title, run_text=run_text, parent=parent)
        label = QLabel(intro)
        label.setWordWrap(True)
        self.files = PathList()
        buttons = QHBoxLayout()
        for text, slot in adders:
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.remove_button = QPushButton(tr("import.remove"))
        self.remove_button.clicked.connect(self.files.remove_selected)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.form_layout = QVBoxLayout(self.form)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.form_layout.addWidget(label)
        self.form_layout.addWidget(self.files)
        self.form_layout.addLayout(buttons)

    def add_paths(self, paths: list[str | Path]) -> None:
        """Add files (or folders) to the list, each once."""
        self.files.add_paths(paths)

    def paths(self) -> list[str]:
        return self.files.paths()
