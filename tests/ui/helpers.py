"""Driving the article as a person would: real mouse drags and key presses."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.widgets.article_view import ArticleView


def caret_point(view: ArticleView, position: int) -> QPoint:
    """The viewport pixel of the caret before code point ``position`` (never assumes x grows)."""
    rect = view.cursor_rect_at(position)
    return QPoint(round(rect.center().x()), round(rect.center().y()))


def drag(view: ArticleView, start: int, end: int) -> None:
    """Press at ``start``, move with the left button held, release at ``end`` (code points)."""
    viewport = view.viewport()
    a, b = caret_point(view, start), caret_point(view, end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for point in (QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2), b):
        move = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(viewport.mapToGlobal(point)),
                           Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, move)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def click(view: ArticleView, position: int) -> None:
    """Click in the middle of the character at code point ``position``."""
    a, b = view.cursor_rect_at(position), view.cursor_rect_at(position + 1)
    point = QPoint(round((a.center().x() + b.center().x()) / 2), round(a.center().y()))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def type_text(widget, text: str) -> None:
    """Send key events carrying ``text`` (qtbot.keyClicks aborts on non-ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def key(widget, code: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, code, modifiers)


def find(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def bulk_documents(project, count: int, *, start: int = 0) -> None:
    """Insert ``count`` small documents fast: one transaction, a tiny precomputed tokenisation."""
    from annotator.model import Tokenization
    from annotator.store.documents import DocumentRow

    for i in range(start, start + count):
        text = f"خبر شماره {i} درباره شهر"
        tokens = Tokenization(((0, len(text)),), ((0, 3), (4, 9), (10, 10 + len(str(i)))))
        row = DocumentRow(uid=f"bulk-{i}", title=f"خبر شماره {i}", text=text, raw_text=None, canon_version=1)
        project.add_document(row, tokens, tokenizer="test")
