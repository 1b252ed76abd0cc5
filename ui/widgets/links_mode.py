"""Link mode: after choosing a kind of link, choose the span it points to.

Click the target span, or Tab / Shift+Tab through the spans the link may point to (the
nearest one, usually the speaker or cue before a quote, is offered first) and press Enter.
Escape, or any other key, leaves the mode. The mode only proposes: :attr:`LinkMode.target_chosen`
carries the choice to the session, which checks it with the core's rules (a span of a label
the link does not allow is refused there, with the rule's message).

Also here: :func:`confirm_delete_links`, the question asked before deleting a span with links
(tests replace it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.model import Span
from annotator.tagset import RelationType
from ui.i18n import digits, display, tr
from ui.operations import covering, link_candidates, nearest_candidate
from ui.widgets.article_view import ArticleView
from ui.widgets.links_painter import Arrow, LinkOverlay


def confirm_delete_links(parent: QWidget | None, count: int) -> bool:
    """Ask before a span with ``count`` links is deleted (the links go with it)."""
    answer = QMessageBox.question(parent, tr("links.delete_title"), tr("links.delete_question", count=digits(count)),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class LinkMode(QObject):
    """Waits for the target of one link; emits :attr:`target_chosen` (type, head, tail)."""

    target_chosen = Signal(str, int, int)   # relation type, head span id, tail span id
    message = Signal(str)                   # hints and "not a target" notes for the status bar
    finished = Signal()

    def __init__(self, view: ArticleView, overlay: LinkOverlay, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.overlay = overlay
        self.head: Span | None = None
        self.relation: RelationType | None = None
        self.candidates: list[Span] = []
        self.current: int | None = None
        self.color = QColor("#1565C0")
        self._press: QPoint | None = None
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.head is not None

    def start(self, head: Span, relation: RelationType, spans: list[Span], color: QColor) -> bool:
        """Enter the mode for a link of type ``relation`` from ``head``; False when no span fits."""
        self.cancel()
        candidates = link_candidates(spans, head, relation)
        if not candidates:
            tails = "، ".join(relation.tail_labels)
            self.message.emit(tr("links.no_candidates", relation=display(relation.display), tails=tails))
            return False
        self.head, self.relation, self.candidates, self.color = head, relation, candidates, color
        self.current = nearest_candidate(candidates, head)
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.message.emit(tr("links.mode_hint", relation=display(relation.display)))
        self._show()
        return True

    def cancel(self) -> None:
        if self.head is None:
            return
        self.head, self.relation, self.candidates, self.current = None, None, [], None
        self.view.viewport().unsetCursor()
        self.overlay.set_candidates([], None, banner="")
        self.overlay.set_arrows([a for a in self.overlay.arrows if not a.preview])
        self.finished.emit()

    def cycle(self, step: int) -> None:
        if self.candidates:
            self.current = 0 if self.current is None else (self.current + step) % len(self.candidates)
            self._show()

    def confirm(self, target: Span | None = None) -> None:
        """Choose ``target`` (default: the current candidate) and leave the mode."""
        if self.head is None or self.relation is None:
            return
        if target is None and self.current is not None:
            target = self.candidates[self.current]
        if target is None:
            return
        head, relation = self.head, self.relation
        self.cancel()
        self.target_chosen.emit(relation.name, head.id, target.id)

    def _show(self) -> None:
        assert self.head is not None and self.relation is not None
        current = self.candidates[self.current] if self.current is not None else None
        name = display(self.relation.display)
        preview = [Arrow(self.head.id, current.id, name, self.color, preview=True)] if current else []
        arrows = [a for a in self.overlay.arrows if not a.preview]
        self.overlay.set_candidates([c.id for c in self.candidates], current.id if current else None, self.color,
                                    banner=tr("links.banner", relation=name))
        self.overlay.set_arrows(arrows + preview)
        if current is not None:
            cursor = self.view.textCursor()
            cursor.setPosition(self.view.offsets.to_utf16(current.end))
            self.view.setTextCursor(cursor)
            self.view.ensureCursorVisible()

    # -- events ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.head is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._is_mode_key(event):
            event.accept()  # Enter, Tab and Escape belong to the mode, not to window shortcuts
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        if watched is self.view.viewport() and isinstance(event, QMouseEvent):
            return self._mouse(event)
        return False

    @staticmethod
    def _is_mode_key(event: QKeyEvent) -> bool:
        return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
                               Qt.Key.Key_Escape) and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            back = key == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.cycle(-1 if back else 1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            return True
        if key == Qt.Key.Key_Escape:
            self.cancel()
            self.message.emit(tr("links.cancelled"))
            return True
        if key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            return False
        self.cancel()  # any other key leaves the mode and does what it always does
        return False

    def _mouse(self, event: QMouseEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._press = event.position().toPoint()
            return True
        if kind == QEvent.Type.MouseButtonRelease:
            press, self._press = self._press, None
            if press is None or event.button() != Qt.MouseButton.LeftButton:
                return True
            self._clicked(event.position().toPoint())
            return True
        return False

    def _clicked(self, point: QPoint) -> None:
        position = self.view.character_at(point)
        found = covering(self.view.spans.values(), position) if position is not None else []
        found = [s for s in found if self.head is None or s.id != self.head.id]
        if not found:
            self.message.emit(tr("links.click_a_span"))
            return
        assert self.head is not None and self.relation is not None
        allowed = [s for s in found if s.label in self.relation.tail_labels]
        if allowed:
            self.confirm(allowed[0])
        else:  # not a target: the rules refuse it with their reason, and the mode waits for another click
            self.target_chosen.emit(self.relation.name, self.head.id, found[0].id)
