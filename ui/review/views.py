"""The columns of the review window: one read-only article per layer (an annotator's, or gold).

A :class:`LayerView` is the annotation window's :class:`~ui.widgets.article_view.ArticleView`
(same highlighter, lanes and outline) with its keys handed to the review window, so digits and
letters decide instead of labelling. The gold view can be switched into editing, where the
article's own keys (label keys, Alt+arrows, Delete, Tab) act on gold spans again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPen, QTextCursor
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from annotator.ids import SpanId
from annotator.model import Span
from annotator.tagset import Tagset
from ui.widgets.article_view import ArticleView

DISAGREEMENT = QColor("#C2410C")  # the dashed box around spans of open disagreements
GOLD_EDGE = "#B7791F"


class LayerView(ArticleView):
    """One layer of one document, read-only; while :attr:`editing`, the article's keys work."""

    leave_requested = Signal()  # Escape while editing

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = False
        self.marked: set[SpanId] = set()
        self.setFrameShape(QFrame.Shape.NoFrame)

    def _handle_key(self, event: QKeyEvent) -> bool:
        if not self.editing:
            return False  # the review window's keys
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return True
        return super()._handle_key(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            event.accept()
            return
        if not self.editing and event.text() and event.text().isprintable() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            event.ignore()  # a letter or digit: the window decides what it means
            return
        super().keyPressEvent(event)

    def mark(self, span_ids: Iterable[SpanId]) -> None:
        """Box these spans (those of open disagreements) with a dashed line."""
        marked = set(span_ids)
        if marked != self.marked:
            self.marked = marked
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marked:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(DISAGREEMENT, 1.4, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        offset, bottom = self.contentOffset(), event.rect().bottom()
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            for segment in self.index.segments(block.blockNumber()):
                if segment.span_id in self.marked and segment.span_id != self.selected:
                    for rect in self.rects_in_block(block, geometry.topLeft(), segment.start, segment.end):
                        painter.drawRoundedRect(rect.adjusted(-1.5, 0, 1.5, 0), 3, 3)
            block = block.next()
        painter.end()

    def reveal(self, span_id: SpanId | None, position: int) -> None:
        """Outline ``span_id`` (or nothing) and bring ``position`` to the middle of the view,
        so every column shows the unit at the same height."""
        self.set_selected_span(span_id if span_id in self.spans else None, reveal=False)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(min(position, len(self.text))))
        self.setTextCursor(cursor)
        self.centerCursor()

    def top_position(self) -> int:
        """The code point at the start of the first visible line."""
        return self.offsets.to_code_point(self.cursorForPosition(QPoint(0, 0)).position())

    def scroll_to(self, position: int) -> None:
        """Scroll so that the line holding ``position`` is the first visible one."""
        u16 = self.offsets.to_utf16(min(position, len(self.text)))
        block = self.document().findBlock(u16)
        if not block.isValid():
            return
        line = block.layout().lineForTextPosition(u16 - block.position())
        number = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        self.verticalScrollBar().setValue(number)


class LayerColumn(QWidget):
    """A header (key, name, how many spans) over a :class:`LayerView`."""

    def __init__(self, title: str, tagset: Tagset, *, gold: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.gold = gold
        self.header = QLabel(title)
        self.header.setObjectName("goldHeader" if gold else "layerHeader")
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header.setMargin(4)
        self.view = LayerView()
        self.view.set_tagset(tagset)
        self.set_editing(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)

    def set_title(self, title: str) -> None:
        self.header.setText(title)

    def set_editing(self, editing: bool) -> None:
        self.view.editing = editing
        if self.gold:
            self.view.setStyleSheet(f"QPlainTextEdit {{ background: {'#FFFBF0' if editing else '#FFFDF8'}; }}")
            color = "#FFF3D6" if editing else "#FBF7EC"
            self.header.setStyleSheet(f"background: {color}; border-bottom: 2px solid {GOLD_EDGE}; font-weight: bold;")
        else:
            self.header.setStyleSheet("background: #EEF1F5; border-bottom: 1px solid #C9D1DB; font-weight: bold;")

    def show_layer(self, text: str, spans: Iterable[Span], *, same_text: bool) -> None:
        """Show the layer; when the text is unchanged only the spans are redrawn."""
        spans_by_id = {s.id: s for s in spans}
        if same_text and self.view.text == text:
            self.view.update_spans(spans_by_id)
        else:
            self.view.show_document(text, spans_by_id)
