"""The one place the window shows problems.

A refused edit or a bad file (:class:`AnnotatorError`) is the user's to fix: its message goes
to the status bar in plain words. Anything else is a bug: it is logged with its traceback to
``<user log dir>/annotator/errors.log`` and shown in a dialog with a "copy details" button,
and the program keeps running (``sys.excepthook`` routes exceptions raised in slots here).
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_path
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from annotator.errors import AnnotatorError
from ui.i18n import tr

STATUS_TIMEOUT_MS = 10_000


def one_line(error: AnnotatorError | str) -> str:
    """A core error's message as one status-bar line."""
    return str(error).strip().replace("\n", "؛ ")


def refused_text(error: AnnotatorError | str) -> str:
    """The status-bar line for a refused edit."""
    return tr("bar.refused", reason=one_line(error))


def default_log_path() -> Path:
    return user_log_path("annotator", appauthor=False) / "errors.log"


class ErrorPresenter(QObject):
    """Shows core errors in the status bar and reports unexpected exceptions.

    :param log_path: where tracebacks are appended (a rotating log)
    :param dialogs: show a dialog for unexpected errors (tests turn it off)
    """

    problem_shown = Signal(str)
    """A core error's message, as shown."""
    bug_reported = Signal(str)
    """The details (traceback) of an unexpected exception."""

    def __init__(self, *, log_path: Path | None = None, dialogs: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.log_path = log_path or default_log_path()
        self.dialogs = dialogs
        self._status_bar = None
        self._parent_widget: QWidget | None = None
        self._log_handler: RotatingFileHandler | None = None  # opened on the first bug
        self._dialog: QMessageBox | None = None

    def attach(self, window: QWidget) -> None:
        """Show messages in ``window``'s status bar and parent dialogs to it."""
        self._parent_widget = window
        self._status_bar = window.statusBar() if hasattr(window, "statusBar") else None

    def show_problem(self, error: AnnotatorError | str) -> None:
        """A problem the user can fix: one line in the status bar."""
        if self._status_bar is not None:
            self._status_bar.showMessage(refused_text(error), STATUS_TIMEOUT_MS)
        self.problem_shown.emit(one_line(error))

    def show_info(self, message: str) -> None:
        if self._status_bar is not None:
            self._status_bar.showMessage(message, STATUS_TIMEOUT_MS)

    def report(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """An exception: a core error becomes a problem; anything else is logged and shown."""
        if isinstance(exc, AnnotatorError):
            self.show_problem(exc)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        self._log(details)
        self.bug_reported.emit(details)
        if self.dialogs:
            self._show_dialog(details)

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """For ``sys.excepthook``: exceptions escaping slots arrive here; the app keeps running."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            self.report(exc_type, exc, tb)
        except Exception:  # noqa: BLE001 - the reporter itself must never take the program down
            sys.__excepthook__(exc_type, exc, tb)

    def _log(self, details: str) -> None:
        try:
            if self._log_handler is None:
                self._log_handler = self._file_handler()
            self._log_handler.handle(logging.makeLogRecord({"msg": details, "levelno": logging.ERROR,
                                                            "levelname": "ERROR"}))
        except OSError:
            sys.stderr.write(details)

    def _file_handler(self) -> RotatingFileHandler:
        """This presenter's own handler on its ``log_path`` (not one shared through
        ``logging.getLogger``, where the first presenter's path would win for all)."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(self.log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        return handler

    def _show_dialog(self, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, tr("error.title"),
                          tr("error.body", log=self.log_path), parent=self._parent_widget)
        box.setDetailedText(details)
        copy = QPushButton(tr("error.copy"))
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        copy.clicked.disconnect()  # keep the box open after copying
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        self._dialog = box
        box.open()  # not modal-blocking: the event loop, and the work, go on
