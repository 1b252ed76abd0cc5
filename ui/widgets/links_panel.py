"""The selected span's links, in the attribute panel: one row per kind of link it may start.

For a COMMITMENT this is its frame (committer, beneficiary, deadline, condition, the quote it
was stated in); for a QUOTE its speaker, cue, addressee... Each row shows the current
target(s), each with a ✕ that removes that link, a "pick" button that enters link mode
for the row's type, and for types that may end at an actor an "actor…" button. Below, the
links that point *at* this span ("speaker of: «...»"). Click a target to jump to it.
Rows come from the tagset (:meth:`Tagset.relations_from`); nothing here is hard-coded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.ids import RelationId, SpanId
from ui.i18n import layout_direction, tr

MAX_TARGET_TEXT = 34


@dataclass
class LinkItem:
    """One link as a row shows it: the span (or actor) at its other end."""

    relation_id: RelationId
    text: str
    span_id: SpanId | None = None  # None: the other end is an actor
    color: str = ""


@dataclass
class SlotRow:
    """One kind of link the span may start, and the links of that kind it has."""

    type: str
    caption: str
    required: bool = False
    can_pick_span: bool = True
    can_pick_actor: bool = False
    full: bool = False
    items: list[LinkItem] = field(default_factory=list)


def short(text: str, limit: int = MAX_TARGET_TEXT) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LinksPanel(QWidget):
    """Shows rows of links; every button is an intent."""

    pick_requested = Signal(str)          # relation type: enter link mode for it
    actor_pick_requested = Signal(str)    # relation type: choose an actor for it
    unlink_requested = Signal(object)     # [RelationId]
    span_select_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linksPanel")
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; margin-top: 8px;")
        self.body = QWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.buttons: dict[str, QWidget] = {}
        self._shown: tuple | None = None
        self.hide()

    def show_links(self, title: str, rows: list[SlotRow], incoming: list[tuple[str, LinkItem]]) -> None:
        """Show ``rows`` (kinds of link this span may start) and ``incoming`` (caption, link)."""
        if not rows and not incoming:
            self._shown = None
            self.hide()
            return
        if self._shown == (title, rows, incoming):
            self.show()
            return  # the same rows: keep the widgets (an edit elsewhere must not cost a rebuild)
        self._shown = (title, rows, incoming)
        self.title.setText(title)
        self.body.setParent(None)  # gone at once, not at the next turn of the event loop
        self.body.deleteLater()
        self.body = QWidget()
        self.buttons = {}
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 2, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        for row, slot in enumerate(rows):
            self._slot(grid, row, slot)
        if incoming:
            header = QLabel(tr("links.incoming"))
            header.setStyleSheet("color: #555; margin-top: 6px;")
            grid.addWidget(header, len(rows), 0, 1, 3)
            for n, (caption, item) in enumerate(incoming, start=len(rows) + 1):
                grid.addWidget(QLabel(caption), n, 0)
                grid.addWidget(self._target(item), n, 1, 1, 2)
        self.layout().addWidget(self.body)
        self.show()

    def _slot(self, grid: QGridLayout, row: int, slot: SlotRow) -> None:
        caption = QLabel(slot.caption + (" *" if slot.required else ""))
        if slot.required:
            caption.setStyleSheet("font-weight: bold;")
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        targets = QWidget()
        column = QVBoxLayout(targets)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        for item in slot.items:
            column.addWidget(self._target(item))
        if not slot.items:
            empty = QLabel(tr("attrs.empty"))
            empty.setStyleSheet("color: #888;")
            column.addWidget(empty)
        grid.addWidget(targets, row, 1)
        actions = QWidget()
        buttons = QHBoxLayout(actions)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        if slot.can_pick_span:
            buttons.addWidget(self._button(f"pick_{slot.type}", tr("links.pick"), tr("links.pick_tip"),
                                           lambda _=False, t=slot.type: self.pick_requested.emit(t), not slot.full))
        if slot.can_pick_actor:
            buttons.addWidget(self._button(f"actor_{slot.type}", tr("links.actor"), tr("links.actor_tip"),
                                           lambda _=False, t=slot.type: self.actor_pick_requested.emit(t),
                                           not slot.full))
        grid.addWidget(actions, row, 2, Qt.AlignmentFlag.AlignTop)

    def _button(self, name: str, text: str, tip: str, slot, enabled: bool) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setEnabled(enabled)
        button.setAutoRaise(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        self.buttons[name] = button
        return button

    def _target(self, item: LinkItem) -> QWidget:
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(2)
        jump = QPushButton(short(item.text))
        jump.setObjectName(f"link_{item.relation_id}")
        jump.setFlat(True)
        jump.setCursor(Qt.CursorShape.PointingHandCursor)
        jump.setToolTip(escape(item.text))
        jump.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # never widens the dock
        jump.setMinimumWidth(60)
        background = item.color or "#EDE7F6"
        align = "right" if layout_direction() == Qt.LayoutDirection.RightToLeft else "left"
        jump.setStyleSheet(f"QPushButton {{ text-align: {align}; background: {background}; color: #111;"
                           " border-radius: 3px; padding: 1px 6px; }")
        jump.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if item.span_id is not None:
            jump.clicked.connect(lambda _=False, s=item.span_id: self.span_select_requested.emit(s))
        remove = self._button(f"unlink_{item.relation_id}", "✕", tr("links.remove_tip"),
                              lambda _=False, r=item.relation_id: self.unlink_requested.emit([r]), True)
        remove.setAutoRaise(True)
        line.addWidget(jump, 1)
        line.addWidget(remove)
        return box
