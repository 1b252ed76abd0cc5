"""Who said what in the open document: each actor with its mentions, quotes and commitments.

Built from :func:`annotator.attribution.who_said_what` (a quote belongs to an actor through
its speaker mention's actor, or straight through a link to the actor). Click a line to jump
to its span; "Copy as text" puts :func:`format_who_said_what` on the clipboard.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.attribution import ActorEntry, format_who_said_what
from annotator.tagset import Tagset
from ui.i18n import digits, display, language, tr
from ui.widgets.actor_picker import actor_type_text
from ui.widgets.label_palette import swatch
from ui.widgets.links_panel import short

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class WhoSaidWhatView(QWidget):
    """A tree: actor → mentions, and statements grouped by link type; emits the span to show."""

    span_select_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("whoSaidWhat")
        self.entries: list[ActorEntry] = []
        self.tagset: Tagset | None = None
        self.text = ""
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.empty = QLabel(tr("who.empty"))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666;")
        self.copy_button = QPushButton(tr("who.copy"))
        self.copy_button.setObjectName("copyWhoSaidWhat")
        self.copy_button.clicked.connect(self.copy_text)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)

    def show_entries(self, entries: Sequence[ActorEntry], tagset: Tagset, text: str) -> None:
        self.entries, self.tagset, self.text = list(entries), tagset, text
        self.tree.clear()
        self.empty.setVisible(not entries)
        self.copy_button.setEnabled(bool(entries))
        for entry in entries:
            item = self._actor_item(entry, tagset, text)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)  # statements open; the mentions group stays folded

    def _actor_item(self, entry: ActorEntry, tagset: Tagset, text: str) -> QTreeWidgetItem:
        actor = entry.actor
        item = QTreeWidgetItem([f"{actor.name}  ({actor_type_text(tagset, actor)})"])
        font = QFont(self.tree.font())
        font.setBold(True)
        item.setFont(0, font)
        if entry.mentions:
            names = "، ".join(dict.fromkeys(m.text_in(text) for m in entry.mentions))
            group = QTreeWidgetItem(item, [tr("who.mentions", count=digits(len(entry.mentions)), names=short(names, 60))])
            group.setForeground(0, QBrush(QColor("#555555")))
            for mention in sorted(entry.mentions, key=lambda s: s.start):
                self._span_item(group, mention, f"«{short(mention.text_in(text), 60)}»", tagset)
        for relation_type, heads in entry.statements.items():
            rt = tagset.find_relation(relation_type)
            title = display(rt.display) if rt else relation_type
            for head in sorted(heads, key=lambda s: s.start):
                label = tagset.find_label(head.label)
                name = display(label.display) if label else head.label
                self._span_item(item, head, f"{title} · {name}: «{short(head.text_in(text), 90)}»", tagset)
        return item

    @staticmethod
    def _span_item(parent: QTreeWidgetItem, span, text: str, tagset: Tagset) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, SPAN_ID_ROLE, span.id)
        item.setToolTip(0, text)
        label = tagset.find_label(span.label)
        if label is not None:
            item.setIcon(0, swatch(label.color))
        return item

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        span_id = item.data(0, SPAN_ID_ROLE)
        if span_id is not None:
            self.span_select_requested.emit(span_id)

    def as_text(self) -> str:
        if self.tagset is None:
            return ""
        return format_who_said_what(self.tagset, self.entries, self.text, lang=language())

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.as_text())
