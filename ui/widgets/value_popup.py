"""The quick popup that asks for a required attribute before a span is created.

A QUOTE needs its quote_type: after selecting text, Q opens this popup and 1, 2 or 3 (Latin,
Persian or Arabic-Indic digits) picks DIRECT, INDIRECT or MIXED. Escape cancels and creates
nothing. Non-modal: the event loop keeps running.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QMenu, QWidget

from annotator.tagset import AttributeSpec
from ui.i18n import digits, display, tr
from ui.keys import digit_value


def choices(spec: AttributeSpec) -> list[tuple[Any, str]]:
    """The values a popup offers for ``spec``: ``(value, shown text)``."""
    if spec.type == "enum":
        return [(v.name, display(v.display)) for v in spec.values]
    if spec.type == "bool":
        return [(True, tr("attrs.yes")), (False, tr("attrs.no"))]
    return []


class ValuePopup(QMenu):
    """Numbered values of one attribute; emits :attr:`chosen` or :attr:`cancelled` once."""

    chosen = Signal(object)
    cancelled = Signal()

    def __init__(self, spec: AttributeSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("valuePopup")
        self.spec = spec
        self._done = False
        values = choices(spec)
        title = self.addAction(tr("popup.choose", attribute=display(spec.display), count=digits(len(values))))
        title.setEnabled(False)
        self.addSeparator()
        self.value_actions: list[QAction] = []
        for n, (value, text) in enumerate(values, start=1):
            action = self.addAction(f"{digits(n)}   {text}")
            action.triggered.connect(lambda _=False, v=value: self._choose(v))
            self.value_actions.append(action)
        # a click hides the menu before the action triggers: decide "cancelled" a moment later
        self.aboutToHide.connect(lambda: QTimer.singleShot(0, self, self._hidden))

    def open_at(self, point: QPoint) -> None:
        self.popup(point)
        if self.value_actions:
            self.setActiveAction(self.value_actions[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        n = digit_value(event.text())
        if n is not None and 1 <= n <= len(self.value_actions):
            self.value_actions[n - 1].trigger()
            self.close()
            return
        super().keyPressEvent(event)

    def _choose(self, value: Any) -> None:
        if not self._done:
            self._done = True
            self.chosen.emit(value)

    def _hidden(self) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()
