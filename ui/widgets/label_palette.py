"""The label palette: one button per span label, with its colour, Persian name and key."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from annotator.tagset import Tagset
from ui.i18n import display

TEXT_ON_FILL = "#111111"  # the text colour on every label fill (article, suggestions, span list)


def swatch(color: str, size: int = 14) -> QIcon:
    """A small rounded square of ``color`` with a darker border."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(color).darker(160))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class LabelPalette(QToolBar):
    """Clicking a label asks for it to be applied, exactly like pressing its key."""

    label_clicked = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.setObjectName("labelPalette")
        self.setIconSize(QSize(14, 14))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.buttons: dict[str, QToolButton] = {}

    def set_tagset(self, tagset: Tagset) -> None:
        self.clear()
        self.buttons = {}
        for label in tagset.span_labels:
            button = QToolButton(self)
            button.setIcon(swatch(label.color))
            button.setText(f"{display(label.display)}  {label.shortcut.upper()}")
            button.setToolTip(label.description or display(label.display))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the keyboard in the article
            button.clicked.connect(lambda _=False, name=label.name: self.label_clicked.emit(name))
            self.addWidget(button)
            self.buttons[label.name] = button
