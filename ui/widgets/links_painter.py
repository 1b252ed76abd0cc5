"""Links drawn over the article: curved arrows from a span to the spans it is linked to.

Positions come from the text layout (the glyph boxes of each span, as the article's own bars
use), so arrows land on the right words in right-to-left text, across lines and around
numbers and Latin words. An arrow leaves the top of the head span, arcs above the line and
ends with its point on the tail span, with the relation's Persian name on a small tag at its
top. A link to an actor (a pro-drop speaker: «افزود: ...» with no subject) has no span to
point at: it is a tag above the head naming the actor. In link mode the spans that may be
chosen are outlined (the current one thicker) and a dashed arrow previews the link.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from annotator.ids import SpanId
from annotator.model import Span
from ui.widgets.article_view import ArticleView

PALETTE = ("#C62828", "#1565C0", "#2E7D32", "#6A1B9A", "#EF6C00", "#00838F", "#AD1457", "#4E342E",
           "#283593", "#558B2F")
ARROW_SIZE = 7.0
TAG_PADDING = 4.0


def relation_color(index: int) -> QColor:
    """The colour of the relation type at ``index`` in the tagset (stable per project)."""
    return QColor(PALETTE[index % len(PALETTE)])


@dataclass(frozen=True)
class Arrow:
    """One link to draw: head span to a tail span, or (``tail`` None) to the actor ``actor``."""

    head: SpanId
    tail: SpanId | None
    text: str
    color: QColor
    actor: str = ""
    preview: bool = False


def span_rects(view: ArticleView, span: Span) -> list[QRectF]:
    """The on-screen boxes (viewport pixels) of every part of ``span``, in text order."""
    document, offset, to16 = view.document(), view.contentOffset(), view.offsets.to_utf16
    rects: list[QRectF] = []
    for s, e in span.fragments:
        s16, e16 = to16(s), to16(e)
        block = document.findBlock(s16)
        while block.isValid() and block.position() < e16:
            origin = view.blockBoundingGeometry(block).translated(offset).topLeft()
            start, end = max(s16, block.position()) - block.position(), min(e16, block.position() + block.length())
            rects += view.rects_in_block(block, origin, start, end - block.position())
            block = block.next()
    return rects


def _nearest_pair(a: list[QRectF], b: list[QRectF]) -> tuple[QRectF, QRectF]:
    return min(((x, y) for x in a for y in b),
               key=lambda p: (abs(p[0].top() - p[1].top()) > 1, abs(p[0].top() - p[1].top()), _gap(*p)))


def _gap(a: QRectF, b: QRectF) -> float:
    """Horizontal distance between two boxes (0 when they overlap)."""
    return max(0.0, max(a.left(), b.left()) - min(a.right(), b.right()))


def _toward(rect: QRectF, x: float, inset: float = 8.0) -> float:
    """The x inside ``rect`` (kept ``inset`` from its ends) closest to ``x``."""
    inset = min(inset, rect.width() / 2)
    return min(max(x, rect.left() + inset), rect.right() - inset)


def _ends(head: list[QRectF], tail: list[QRectF]) -> tuple[QPointF, QPointF]:
    """An arrow's two ends on the closest boxes of head and tail (same line first), facing each
    other: on the tops of two boxes on one line; else on the edges that face the other line."""
    a, b = _nearest_pair(head, tail)
    x_end = _toward(b, a.center().x())
    x_start = _toward(a, x_end)
    if abs(a.top() - b.top()) <= 1:
        return QPointF(x_start, a.top() + 3), QPointF(x_end, b.top() + 3)
    if b.top() < a.top():  # the tail is on a line above
        return QPointF(x_start, a.top() + 2), QPointF(x_end, b.bottom() - 1)
    return QPointF(x_start, a.bottom() - 1), QPointF(x_end, b.top() + 2)


def _route(start: QPointF, end: QPointF) -> QPainterPath:
    """A curve from ``start`` to ``end``: an arc above the line when both are on one line, else an
    S-curve through the gap between the lines."""
    path = QPainterPath(start)
    if abs(start.y() - end.y()) < 1:
        if abs(start.x() - end.x()) < 6:
            end = QPointF(end.x() + 8, end.y())  # nested spans: keep the arc visible
        lift = 9 + min(7.0, abs(end.x() - start.x()) * 0.03)  # flat: stays near the gap between lines
        top = start.y() - lift
        path.cubicTo(QPointF(start.x(), top), QPointF(end.x(), top), end)
        return path
    bend = min(22.0, abs(end.y() - start.y()) * 0.6) * (1 if end.y() > start.y() else -1)
    path.cubicTo(QPointF(start.x(), start.y() + bend), QPointF(end.x(), end.y() - bend), end)
    return path


def place_tag(rect: QRectF, taken: list[QRectF], width: float) -> QRectF:
    """Where a tag wanted at ``rect`` goes: inside the viewport (``width`` wide) and clear of the
    tags already ``taken``. It first moves along its own line, nearest side first, so that tags
    stay in the band just above the text they name; only when that line has no room does it
    move up, over the line above."""
    def inside(candidate: QRectF) -> QRectF:
        candidate = QRectF(candidate)
        candidate.moveLeft(min(max(candidate.left(), 2.0), width - 2 - candidate.width()))
        return candidate

    def clear(candidate: QRectF) -> bool:
        return not any(t.intersects(candidate) for t in taken)

    rect = inside(rect)
    for _ in range(6):
        if clear(rect):
            return rect
        sideways = []
        for clash in (t for t in taken if t.intersects(rect)):
            for left in (clash.right() + 2, clash.left() - 2 - rect.width()):
                moved = inside(QRectF(left, rect.top(), rect.width(), rect.height()))
                if clear(moved):
                    sideways.append(moved)
        if sideways:
            return min(sideways, key=lambda r: abs(r.center().x() - rect.center().x()))
        clash = next(t for t in taken if t.intersects(rect))
        rect.moveBottom(clash.top() - 1)
    return rect


class LinkOverlay:
    """Paints arrows, link-mode candidates and the link-mode banner over an :class:`ArticleView`.

    Install with ``view.overlay = overlay.paint``; change what is drawn with :meth:`set_arrows`
    and :meth:`set_candidates` (each repaints the viewport).
    """

    def __init__(self, view: ArticleView):
        self.view = view
        self.arrows: list[Arrow] = []
        self.candidates: list[SpanId] = []
        self.current: SpanId | None = None
        self.color = QColor("#1565C0")
        self.banner = ""
        # scrolling moves the text by copying pixels: redraw whole so the banner stays put and
        # arrows whose ends come into view are drawn in full
        view.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _scrolled(self, _value: int) -> None:
        if self.arrows or self.candidates or self.banner:
            self.view.viewport().update()

    def set_arrows(self, arrows: list[Arrow]) -> None:
        self.arrows = arrows
        self.view.viewport().update()

    def set_candidates(self, candidates: list[SpanId], current: SpanId | None, color: QColor | None = None,
                       banner: str = "") -> None:
        self.candidates, self.current, self.banner = candidates, current, banner
        if color is not None:
            self.color = color
        self.view.viewport().update()

    # -- painting --------------------------------------------------------------------------
    def paint(self, painter: QPainter) -> None:
        spans = self.view.spans
        height = self.view.viewport().height()
        boxes: dict[SpanId, list[QRectF]] = {}

        def rects(span_id: SpanId) -> list[QRectF]:
            if span_id not in boxes:
                span = spans.get(span_id)
                boxes[span_id] = span_rects(self.view, span) if span is not None else []
            return boxes[span_id]

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.view.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.62, 7.5))
        font.setBold(True)
        painter.setFont(font)
        for span_id in self.candidates:
            self._outline(painter, rects(span_id), span_id == self.current)
        tags: list[QRectF] = []
        first, last = self._visible_range()
        for arrow in self.arrows:
            ends = [spans[i] for i in (arrow.head, arrow.tail) if i is not None and i in spans]
            if not ends or max(s.end for s in ends) < first or min(s.start for s in ends) > last:
                continue  # off screen: never lay out far paragraphs for it
            head = rects(arrow.head)
            if not head or all(r.bottom() < -200 or r.top() > height + 200 for r in head):
                continue
            if arrow.tail is None:
                self._actor_tag(painter, head, arrow, tags)
            elif rects(arrow.tail):
                self._arrow(painter, head, rects(arrow.tail), arrow, tags)
        if self.banner:
            self._banner(painter)
        painter.restore()

    def _visible_range(self) -> tuple[int, int]:
        """Code points shown in the viewport, with a paragraph's slack either side."""
        view = self.view
        first = view.firstVisibleBlock()
        bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).block()
        start = first.previous().position() if first.previous().isValid() else first.position()
        after = bottom.next() if bottom.next().isValid() else bottom
        end = after.position() + after.length()
        return view.offsets.to_code_point(start), view.offsets.to_code_point(end)

    def _outline(self, painter: QPainter, rects: list[QRectF], current: bool) -> None:
        pen = QPen(self.color, 2.4 if current else 1.2)
        pen.setStyle(Qt.PenStyle.SolidLine if current else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill = QColor(self.color)
        fill.setAlpha(40 if current else 0)
        painter.setBrush(fill)
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 4, 4)

    def ends(self, arrow: Arrow) -> tuple[QPointF, QPointF] | None:
        """Where ``arrow`` leaves its head and where its point lands (viewport pixels)."""
        spans = self.view.spans
        head, tail = spans.get(arrow.head), spans.get(arrow.tail) if arrow.tail is not None else None
        if head is None or tail is None:
            return None
        return _ends(span_rects(self.view, head), span_rects(self.view, tail))

    def _arrow(self, painter: QPainter, head: list[QRectF], tail: list[QRectF], arrow: Arrow,
               tags: list[QRectF]) -> None:
        start, end = _ends(head, tail)
        path = _route(start, end)
        color = QColor(arrow.color)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(255, 255, 255, 130), 4.0))  # a halo: the line reads over text
        painter.drawPath(path)
        pen = QPen(color, 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if arrow.preview:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(path)
        painter.setBrush(color)
        painter.drawEllipse(start, 2.6, 2.6)
        self._head(painter, path.pointAtPercent(0.93), path.currentPosition(), color)
        if abs(start.y() - end.y()) < 1:
            self._tag(painter, arrow.text, path.pointAtPercent(0.5), color, tags)
        else:  # a short curve between lines: the tag beside its start, on the side away from the tail
            away = 1 if end.x() <= start.x() else -1
            self._tag(painter, arrow.text, QPointF(start.x(), path.pointAtPercent(0.5).y()), color, tags, beside=away)

    @staticmethod
    def _head(painter: QPainter, before: QPointF, tip: QPointF, color: QColor) -> None:
        angle = math.atan2(tip.y() - before.y(), tip.x() - before.x())
        left = QPointF(tip.x() - ARROW_SIZE * math.cos(angle - 0.45), tip.y() - ARROW_SIZE * math.sin(angle - 0.45))
        right = QPointF(tip.x() - ARROW_SIZE * math.cos(angle + 0.45), tip.y() - ARROW_SIZE * math.sin(angle + 0.45))
        painter.setPen(QPen(color, 1))
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF([tip, left, right]))

    def _tag(self, painter: QPainter, text: str, center: QPointF, color: QColor, tags: list[QRectF], *,
             beside: int = 0) -> QRectF:
        """A small rounded tag with ``text`` at ``center`` (``beside`` -1/1: just left/right of it, so a
        short curve stays visible), moved up past earlier tags."""
        metrics = QFontMetricsF(painter.font())
        width, height = metrics.horizontalAdvance(text) + 2 * TAG_PADDING, metrics.height() + 2
        rect = QRectF(center.x() - width / 2, center.y() - height / 2, width, height)
        if beside:
            rect.moveLeft(center.x() + 5 if beside > 0 else center.x() - 5 - width)
        rect = place_tag(rect, tags, self.view.viewport().width())
        tags.append(rect)
        painter.setPen(QPen(color, 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(color)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        return rect

    def _actor_tag(self, painter: QPainter, head: list[QRectF], arrow: Arrow, tags: list[QRectF]) -> None:
        first = head[0]
        rtl = self.view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        anchor = QPointF(first.right() - 4 if rtl else first.left() + 4, first.top() + 3)
        text = f"{arrow.text}: {arrow.actor}"
        metrics = QFontMetricsF(painter.font())
        width = metrics.horizontalAdvance(text) + 2 * TAG_PADDING
        center = QPointF(anchor.x() - width / 2 if rtl else anchor.x() + width / 2, anchor.y() - 14)
        rect = self._tag(painter, f"● {text}", center, arrow.color, tags)
        pen = QPen(arrow.color, 1.6)
        if arrow.preview:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(anchor.x(), rect.bottom()), anchor)

    def _banner(self, painter: QPainter) -> None:
        metrics = QFontMetricsF(painter.font())
        width = min(metrics.horizontalAdvance(self.banner) + 24, self.view.viewport().width() - 16)
        height = metrics.height() + 10
        viewport = self.view.viewport()
        rect = QRectF(viewport.width() - width - 8, viewport.height() - height - 6, width, height)  # out of the way
        painter.setPen(Qt.PenStyle.NoPen)
        fill = QColor(self.color)
        fill.setAlpha(230)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.banner)
