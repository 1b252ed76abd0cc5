"""Long core jobs (merge, export, agreement) off the GUI thread, with progress and cancel.

    worker = Worker(project.path, lambda project, progress, cancelled: export_project(
        project, out, progress=lambda r: progress(r.done, r.total, ""), cancelled=cancelled))
    worker.progressed.connect(bar.update); worker.succeeded.connect(show); worker.start()

The job runs in a :class:`QThread` on its **own** :class:`~annotator.project.Project`
connection to the same file (one database connection per thread; WAL lets the window keep
reading). It gets ``progress(done, total, what)`` and ``cancelled()``; the window hears
:attr:`Worker.progressed` (throttled), then exactly one of :attr:`~Worker.succeeded` or
:attr:`~Worker.failed`, then :attr:`~Worker.finished`. A core error (``AnnotatorError``) is the
user's to fix and is shown in plain words; anything else goes to the error presenter as a bug.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from annotator.errors import AnnotatorError
from annotator.ids import AnnotatorId
from annotator.project import Project
from ui import lead_strings  # noqa: F401 - registers the strings used here
from ui.errors import ErrorPresenter
from ui.i18n import tr

Progress = Callable[[int, int, str], None]
Job = Callable[[Project, Progress, Callable[[], bool]], Any]
THROTTLE_S = 0.05


class _Runner(QObject):
    """Lives in the worker thread: opens the project, runs the job, reports back."""

    progressed = Signal(int, int, str)
    done = Signal(bool, object)  # ok, result or exception

    def __init__(self, path: Path, job: Job, cancel: threading.Event, user: AnnotatorId | None):
        super().__init__()
        self.path, self.job, self.cancel, self.user = path, job, cancel, user
        self._last = 0.0

    def _progress(self, done: int, total: int, what: str = "") -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= THROTTLE_S:
            self._last = now
            self.progressed.emit(int(done), int(total), str(what))

    def run(self) -> None:
        try:
            project = Project.open(self.path)
            project.user = self.user
            try:
                result = self.job(project, self._progress, self.cancel.is_set)
            finally:
                project.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
            self.done.emit(False, exc)
        else:
            self.done.emit(True, result)


class Worker(QObject):
    """One job on one thread; start it once.

    :param path: the project file the job opens for itself
    :param job: ``job(project, progress, cancelled) -> result``
    :param user: recorded in the audit log as making the job's changes
    :param errors: where unexpected exceptions are reported (with their traceback)
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)      # the exception
    finished = Signal()

    def __init__(self, path: Path | str, job: Job, *, user: AnnotatorId | None = None,
                 errors: ErrorPresenter | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.errors = errors
        self.result: Any = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()
        self._thread = QThread()
        self._runner = _Runner(Path(path), job, self._cancel, user)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progressed.connect(self.progressed)
        self._runner.done.connect(self._done)
        self._running = False
        self._finished = False

    def start(self) -> None:
        self._running = True
        self._thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it reports back as usual."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @property
    def running(self) -> bool:
        return self._running

    @property
    def is_finished(self) -> bool:
        return self._finished

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the thread has stopped (for closing windows); True when it has."""
        return self._thread.wait(msecs) if self._running else True

    def _done(self, ok: bool, value: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self._running = False
        self._finished = True
        if ok:
            self.result = value
            self.succeeded.emit(value)
        else:
            assert isinstance(value, BaseException)
            self.error = value
            if self.errors is not None:
                self.errors.report(type(value), value, value.__traceback__)
            self.failed.emit(value)
        self.finished.emit()


def plain_message(error: BaseException) -> str:
    """What to tell the user about a failed job: a core error's own words, else a generic line."""
    if isinstance(error, AnnotatorError):
        return str(error).strip()
    return tr("worker.bug")
