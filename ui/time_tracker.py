"""Time spent per document: counted while the window is active on a document, flushed to the
project (``Project.add_time``) on switching, on closing and every minute; a pause of more
than five minutes without a key press or click is not counted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

from annotator.ids import DocumentId

IDLE_LIMIT_S = 300.0
FLUSH_INTERVAL_MS = 60_000


class TimeTracker(QObject):
    """:param record: stores ``seconds`` for a document; :param clock: seconds, monotonic (tests)."""

    def __init__(self, record: Callable[[DocumentId, float], None], *,
                 clock: Callable[[], float] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._record = record
        self._elapsed = QElapsedTimer()
        self._elapsed.start()
        self._clock = clock or (lambda: self._elapsed.elapsed() / 1000.0)
        self.document_id: DocumentId | None = None
        self._since: float | None = None
        self._last_activity = 0.0
        self._active = True
        self._timer = QTimer(self, interval=FLUSH_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)
        self._timer.start()

    def start(self, document_id: DocumentId) -> None:
        """Count time for ``document_id`` from now (the previous document's time is flushed)."""
        self.flush()
        self.document_id = document_id
        now = self._clock()
        self._since = now if self._active else None
        self._last_activity = now

    def stop(self) -> None:
        self.flush()
        self.document_id, self._since = None, None

    def activity(self) -> None:
        """A key press or click: after a long pause, counting starts again from now."""
        now = self._clock()
        if now - self._last_activity > IDLE_LIMIT_S:
            self.flush()
            self._since = now if self._active and self.document_id is not None else None
        self._last_activity = now

    def set_active(self, active: bool) -> None:
        """The application became active or inactive (another window has the focus)."""
        if active == self._active:
            return
        if not active:
            self.flush()
        self._active = active
        now = self._clock()
        self._since = now if active and self.document_id is not None else None
        if active:
            self._last_activity = now

    def flush(self) -> None:
        if self.document_id is None or self._since is None:
            return
        now = self._clock()
        counted_until = min(now, self._last_activity + IDLE_LIMIT_S)
        seconds = counted_until - self._since
        self._since = now
        if seconds > 0:
            self._record(self.document_id, seconds)
