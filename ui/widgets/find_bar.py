"""Ctrl+F: find in the open document. Space and ZWNJ match each other, as Persian writers mix them."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.model import Fragment
from ui.i18n import digits, tr

MAX_MATCHES = 5000
_GAP = re.compile(r"[\s\u200c]+")


def find_all(text: str, query: str) -> list[Fragment]:
    """Code-point ``(start, end)`` of every match of ``query`` in ``text``, case-insensitive;
    a space or ZWNJ in the query matches any run of spaces and ZWNJs."""
    words = [w for w in _GAP.split(query.strip()) if w]
    if not words:
        return []
    pattern = re.compile(r"[\s\u200c]+".join(map(re.escape, words)), re.IGNORECASE)
    found = []
    for match in pattern.finditer(text):
        found.append(match.span())
        if len(found) >= MAX_MATCHES:
            break
    return found


class _QueryEdit(QLineEdit):
    previous_requested = Signal()
    closed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previous_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Query field, match count, next/previous and close. Emits matches for the view to mark."""

    matches_changed = Signal(object, object)  # list[Fragment], current index | None
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = ""
        self.matches: list[Fragment] = []
        self.current: int | None = None
        self.query = _QueryEdit(placeholderText=tr("find.placeholder"))
        self.query.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(80)
        buttons = []
        for key, slot in (("find.prev", self.previous), ("find.next", self.next), ("find.close", self.close_bar)):
            button = QToolButton(text=tr(key))
            button.clicked.connect(slot)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.append(button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.query, 1)
        layout.addWidget(self.count)
        for button in buttons:
            layout.addWidget(button)
        self.query.textChanged.connect(self._search)
        self.query.returnPressed.connect(self.next)
        self.query.previous_requested.connect(self.previous)
        self.query.closed.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.query.setFocus()
        self.query.selectAll()
        self._search()

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.current = [], None
        self.matches_changed.emit([], None)
        self.closed.emit()

    def set_text(self, text: str) -> None:
        self.text = text
        if self.isVisible():
            self._search()

    def _search(self) -> None:
        self.matches = find_all(self.text, self.query.text())
        self.current = 0 if self.matches else None
        self._emit()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.matches:
            self.current = ((self.current or 0) + step) % len(self.matches) if self.current is not None else 0
            self._emit()

    def _emit(self) -> None:
        if self.matches and self.current is not None:
            self.count.setText(tr("find.count", index=digits(self.current + 1), count=digits(len(self.matches))))
        else:
            self.count.setText(tr("find.none") if self.query.text().strip() else "")
        self.matches_changed.emit(self.matches, self.current)
