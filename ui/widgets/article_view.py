"""The article: read-only, right-to-left, every span in its label colour. Mutates nothing.

A :class:`ui.widgets.span_highlighter.SpanHighlighter` fills each character with the colour of
its innermost span (spans are indexed per block, so recolouring one span touches only its
paragraphs); the view paints a bar per span under the text, stacked by lane, so nested and overlapping spans all stay
visible, and outlines the selected span. Keys and clicks become intent signals; code-point
offsets cross this boundary through :class:`ui.offsets.Utf16Map` only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.ids import SpanId
from annotator.model import Fragment, Span
from annotator.tagset import Tagset
from ui import keys
from ui.offsets import Utf16Map
from ui.operations import BACKWARD, FORWARD, covering
from ui.widgets.span_highlighter import SpanHighlighter
from ui.widgets.span_index import SpanIndex
from ui.widgets.span_tooltip import span_tooltip

BAR_HEIGHT = 2.0
BAR_STEP = 3.0
MAX_BARS = 4
FIND_CURRENT = QColor("#1F4E9E")
FIND_OTHER = QColor("#5A5A5A")


class ArticleView(QPlainTextEdit):
    """Shows one document. Emits intents; the session decides and changes the data."""

    label_requested = Signal(str, int, int)     # label, selection start, end (code points)
    fragment_requested = Signal(int, int)       # add the selection to the selected span
    delete_requested = Signal()
    edge_move_requested = Signal(str, int)      # "start" | "end", FORWARD | BACKWARD
    cycle_requested = Signal(int)               # +1 next span, -1 previous
    span_select_requested = Signal(object)      # SpanId | None
    link_requested = Signal()                   # L: link the selected span to another span or actor
    actor_requested = Signal()                  # K: say which actor the selected span is/was said by
    quick_link_requested = Signal(object)       # Ctrl+click: spans under the mouse, innermost first

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setCursorWidth(2)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(14)
        self.document().setUndoRedoEnabled(False)
        self.highlighter = SpanHighlighter(self.document())
        self.offsets = Utf16Map("")
        self.index = SpanIndex("", self.offsets)
        self.highlighter.index = self.index
        self.text = ""
        self.spans: dict[SpanId, Span] = {}
        self.selected: SpanId | None = None
        self.tagset: Tagset | None = None
        self._shortcuts: dict[str, str] = {}
        self._press: QPoint | None = None
        self._find: list[Fragment] = []
        self.overlay: Callable[[QPainter], None] | None = None  # draws links over the text
        self.layer = None  # optional ui.widgets.suggestions.SuggestionLayer: how suggestions are drawn
        self.extra_keys: Callable[[QKeyEvent], bool] | None = None  # keys the view leaves (Enter, J, U)
        # block number -> (layout stamp, (start, end) -> rects relative to the block): see rects_in_block
        self._rect_cache: dict[int, tuple[tuple, dict[tuple[int, int], list[QRectF]]]] = {}
        self._apply_rtl()

    # -- content ---------------------------------------------------------------------------
    def set_tagset(self, tagset: Tagset) -> None:
        self.tagset = tagset
        self.highlighter.set_colors(tagset)
        self._shortcuts = {label.shortcut.casefold(): label.name for label in tagset.span_labels}

    def show_document(self, text: str, spans: dict[SpanId, Span]) -> None:
        """Show ``text`` with ``spans``; the index is built before the text so it is coloured once."""
        self.text = text
        self.offsets = Utf16Map(text)
        self.index = SpanIndex(text, self.offsets)
        self.highlighter.index = self.index
        self.spans = dict(spans)
        self.index.rebuild(self.spans.values())
        self._rect_cache.clear()
        self.selected = None
        self._find = []
        self.setExtraSelections([])
        self.setPlainText(text)
        self._apply_rtl()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def update_spans(self, spans: dict[SpanId, Span]) -> None:
        """Recolour only the blocks whose spans changed."""
        self.spans = dict(spans)
        changed = self.index.rebuild(self.spans.values())
        self._rehighlight(changed)
        if self.selected not in self.spans:
            self.selected = None
        self._update_blocks(changed)

    def _apply_rtl(self) -> None:
        """Every paragraph right-to-left and right-aligned, even one that starts with Latin text."""
        option = QTextOption(self.document().defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.document().setDefaultCursorMoveStyle(Qt.CursorMoveStyle.LogicalMoveStyle)

    # -- positions -------------------------------------------------------------------------
    def selection(self) -> tuple[int, int]:
        """The text selection as code-point offsets ``(start, end)``; equal when nothing is selected."""
        cursor = self.textCursor()
        return self.offsets.range_to_code_points(cursor.selectionStart(), cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        """Select code points ``[start, end)`` as if the user had (keeps the caret at ``end``)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def cursor_rect_at(self, position: int) -> QRectF:
        """The caret rectangle before code point ``position``, in viewport pixels."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(position))
        return QRectF(self.cursorRect(cursor))

    def character_at(self, point: QPoint) -> int | None:
        """The code point under ``point`` (viewport pixels), or None over empty space."""
        block = self.cursorForPosition(point).block()
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        layout = block.layout()
        y = point.y() - geometry.top()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height():
                x = point.x() - geometry.left()
                if not line.naturalTextRect().adjusted(-1, 0, 1, 0).contains(QPointF(x, line.y() + 1)):
                    return None
                position = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
                return self.offsets.to_code_point(block.position() + min(position, block.length() - 2))
        return None

    def span_at(self, point: QPoint) -> Span | None:
        position = self.character_at(point)
        found = covering(self.spans.values(), position) if position is not None else []
        return found[0] if found else None

    # -- selection, find -------------------------------------------------------------------
    def set_selected_span(self, span_id: SpanId | None, *, reveal: bool = True) -> None:
        """Outline ``span_id``; with ``reveal`` put the caret at its end (clearing the text
        selection, so the next label key starts afresh) and scroll to it."""
        previous, self.selected = self.selected, span_id
        span = self.spans.get(span_id) if span_id is not None else None
        if span is not None and reveal:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_utf16(span.end))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self._update_blocks(self._blocks_of(previous) | self._blocks_of(span_id))

    def set_find_matches(self, matches: list[Fragment], current: int | None) -> None:
        """Mark find results (white on dark, the current one in blue) and reveal the current one."""
        self._find = matches
        selections = []
        for i, (s, e) in enumerate(matches[:2000]):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_utf16(s))
            cursor.setPosition(self.offsets.to_utf16(e), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(FIND_CURRENT if i == current else FIND_OTHER)
            selection.format.setForeground(QColor("white"))
            selections.append(selection)
        self.setExtraSelections(selections)
        if current is not None and 0 <= current < len(matches):
            self.select_range(*matches[current])
            self.ensureCursorVisible()

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = self.contentOffset()
        dirty = QRectF(event.rect())
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > dirty.bottom():
                break
            segments = self.index.segments(block.blockNumber())
            if segments and block.isVisible() and geometry.bottom() >= dirty.top():
                self._paint_block(painter, block, geometry.topLeft(), segments)
            block = block.next()
        if self.overlay is not None:
            self.overlay(painter)
        painter.end()

    def _update_blocks(self, numbers: set[int]) -> None:
        """Repaint only the visible parts of these blocks (bars and outlines live outside the text)."""
        document, offset, height = self.document(), self.contentOffset(), self.viewport().height()
        for number in numbers:
            block = document.findBlockByNumber(number)
            if block.isValid():
                rect = self.blockBoundingGeometry(block).translated(offset)
                if rect.bottom() >= 0 and rect.top() <= height:
                    self.viewport().update(rect.toAlignedRect().adjusted(-3, -3, 3, 3))

    def recolour(self, span_ids: set[SpanId]) -> None:
        """Recolour and repaint the paragraphs of these spans (e.g. how they are drawn changed)."""
        self._rehighlight(set().union(*(self._blocks_of(i) for i in span_ids)))
        self.viewport().update()

    def _rehighlight(self, numbers: set[int]) -> None:
        if len(numbers) > 400:
            self.highlighter.rehighlight()
            return
        document = self.document()
        for number in sorted(numbers):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.highlighter.rehighlightBlock(block)

    def _blocks_of(self, span_id: SpanId | None) -> set[int]:
        span = self.spans.get(span_id) if span_id is not None else None
        if span is None:
            return set()
        document = self.document()
        numbers = set()
        for s, e in span.fragments:
            first = document.findBlock(self.offsets.to_utf16(s)).blockNumber()
            last = document.findBlock(self.offsets.to_utf16(max(s, e - 1))).blockNumber()
            numbers.update(range(first, last + 1))
        return numbers

    def _paint_block(self, painter: QPainter, block: QTextBlock, origin: QPointF, segments) -> None:
        layout = block.layout()
        for segment in segments:
            if segment.lane >= MAX_BARS or (self.layer is not None and not self.layer.draws_bar(segment)):
                continue
            label = self.tagset.find_label(segment.label) if self.tagset else None
            color = QColor(label.color if label else "#888888").darker(160)
            for rect in self.rects_in_block(block, origin, segment.start, segment.end):
                y = rect.bottom() - (segment.lane + 1) * BAR_STEP
                painter.fillRect(QRectF(rect.left() + 1.5, y, max(rect.width() - 3, 1.0), BAR_HEIGHT), color)
        if self.layer is not None:
            self.layer.paint(painter, layout, origin, segments)
        selected = [s for s in segments if s.span_id == self.selected]
        if selected:
            pen = QPen(QColor("#B00020"), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for segment in selected:
                for rect in self.rects_in_block(block, origin, segment.start, segment.end):
                    painter.drawRoundedRect(rect.adjusted(-1, 0.5, 1, -0.5), 3, 3)

    def rects_in_block(self, block: QTextBlock, origin: QPointF, start: int, end: int) -> list[QRectF]:
        """:meth:`_rects` of ``block``'s ``[start, end)`` placed at ``origin``, reused from
        earlier paints while the block keeps its text and its line breaks."""
        layout = block.layout()
        lines = layout.lineCount()
        stamp = (block.revision(), lines, layout.lineAt(0).width() if lines else 0.0)
        entry = self._rect_cache.get(block.blockNumber())
        if entry is None or entry[0] != stamp:
            entry = self._rect_cache[block.blockNumber()] = (stamp, {})
        relative = entry[1].get((start, end))
        if relative is None:
            relative = entry[1][(start, end)] = self._rects(layout, QPointF(0, 0), start, end)
        return [rect.translated(origin) for rect in relative]

    @staticmethod
    def _rects(layout, origin: QPointF, start: int, end: int) -> list[QRectF]:
        """On-screen rectangles of a block's text ``[start, end)``: per line, one per visual run
        (bidi-aware: a Persian span with a number inside is one box, a span mixing directions
        may be several), neighbouring runs joined."""
        rects: list[QRectF] = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            s, e = max(start, line.textStart()), min(end, line.textStart() + line.textLength())
            if s >= e:
                continue
            runs = sorted((r.boundingRect() for r in line.glyphRuns(s, e - s)), key=lambda r: r.left())
            for rect in runs:
                if rect.width() <= 0:
                    continue
                rect = QRectF(rect.left(), line.y(), rect.width(), line.height()).translated(origin)
                if rects and abs(rects[-1].top() - rect.top()) < 0.5 and rect.left() - rects[-1].right() < 6:
                    rects[-1] = rects[-1].united(rect)
                else:
                    rects.append(rect)
        return rects

    # -- events ----------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()  # read-only: undo and redo belong to the window's undo stack
            return False
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            span_list = []
            position = self.character_at(event.pos())
            if position is not None and self.tagset is not None:
                span_list = covering(self.spans.values(), position)
            if span_list:
                QToolTip.showText(event.globalPos(), span_tooltip(self.tagset, span_list, self.text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab cycles spans here

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        moved = (event.position().toPoint() - press).manhattanLength() > 3
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if not moved and ctrl and self.selected is not None:
            position = self.character_at(event.position().toPoint())
            found = covering(self.spans.values(), position) if position is not None else []
            self.quick_link_requested.emit([s.id for s in found])
        elif not moved and not self.textCursor().hasSelection():
            span = self.span_at(event.position().toPoint())
            self.span_select_requested.emit(span.id if span is not None else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event) or (self.extra_keys is not None and self.extra_keys(event)):
            event.accept()
            return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        ctrl = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
        if key == Qt.Key.Key_Escape:
            self.moveCursor(QTextCursor.MoveOperation.NoMove)
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            self.span_select_requested.emit(None)
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not ctrl:
            back = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            self.cycle_requested.emit(-1 if back else 1)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not (ctrl or alt):
            self.delete_requested.emit()
            return True
        if alt and not ctrl and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._edge_key(key, start=bool(mods & Qt.KeyboardModifier.ShiftModifier))
            return True
        if ctrl or alt:
            return False
        if event.text() in ("+", "="):
            self.fragment_requested.emit(*self.selection())
            return True
        latin = keys.latin_key(event.text())
        label = self._shortcuts.get(latin)
        if label is not None:
            self.label_requested.emit(label, *self.selection())
            return True
        command = {"l": self.link_requested, "k": self.actor_requested}.get(latin)  # labels win
        if command is not None:
            command.emit()
            return True
        return False

    def _edge_key(self, key: int, *, start: bool) -> None:
        """An arrow moves the edge the way it points: in right-to-left text, Left is forward."""
        left = key == Qt.Key.Key_Left
        rtl = self.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
        step = FORWARD if left == rtl else BACKWARD
        self.edge_move_requested.emit("start" if start else "end", step)

    # -- zoom and font ---------------------------------------------------------------------
    def set_text_font(self, font: QFont) -> None:
        self._rect_cache.clear()
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._apply_rtl()

