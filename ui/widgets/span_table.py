"""All spans of the open document in text order: text, label, key attributes. Click to jump."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from annotator.ids import SpanId
from annotator.model import Span
from annotator.tagset import Tagset
from ui.i18n import display, tr
from ui.operations import in_text_order
from ui.suggestion_ops import is_suggestion
from ui.widgets.label_palette import TEXT_ON_FILL
from ui.widgets.span_tooltip import attribute_text
from ui.widgets.suggestions import TINT, tint
from ui.widgets.tables import rows_to_pick_one

MAX_TEXT = 70
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class SpanTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.spans: list[Span] = []
        self.text = ""
        self.tagset: Tagset | None = None
        self._rows: dict[int, tuple[str, str, str, str, str]] = {}  # id(span) -> shown strings

    def set_spans(self, spans: list[Span], text: str, tagset: Tagset | None) -> None:
        self.beginResetModel()
        if text != self.text or tagset is not self.tagset:
            self._rows = {}
        self.spans, self.text, self.tagset = in_text_order(spans), text, tagset
        keep = {id(s) for s in self.spans}
        self._rows = {k: v for k, v in self._rows.items() if k in keep}
        self.endResetModel()

    def _shown(self, span: Span) -> tuple[str, str, str, str, str]:
        """Text, label name, attributes, colour and tooltip of a row (computed once per span value)."""
        row = self._rows.get(id(span))
        if row is None:
            assert self.tagset is not None
            label = self.tagset.find_label(span.label)
            text = span.text_in(self.text).replace("\n", " ")
            pairs = attribute_text(self.tagset, span)
            row = (
                text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…",
                _marked(display(label.display) if label else span.label, span),
                "، ".join(v for _, v in pairs),
                label.color if label else "",
                "\n".join(f"{k}: {v}" for k, v in pairs),
            )
            self._rows[id(span)] = row
        return row

    def row_of(self, span_id: SpanId | None) -> int | None:
        return next((i for i, s in enumerate(self.spans) if s.id == span_id), None)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.spans)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.tagset is None:
            return None
        span = self.spans[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(span)[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == 1 and self._shown(span)[3]:
            return tint(self._shown(span)[3], TINT) if is_suggestion(span) else QColor(self._shown(span)[3])
        if role == Qt.ItemDataRole.FontRole and is_suggestion(span):  # a suggestion: italic
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor(TEXT_ON_FILL)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._shown(span)[4] or None
        if role == SPAN_ID_ROLE:
            return span.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(("spans.col_text", "spans.col_label", "spans.col_attrs")[section])
        return None


class SpanTable(QTableView):
    """Emits :attr:`span_select_requested` when a row is clicked or activated."""

    span_select_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table_model = SpanTableModel(self)
        self.setModel(self.table_model)
        rows_to_pick_one(self)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 150)  # room for «label · پیشنهاد»
        self.setColumnWidth(2, 130)
        self.clicked.connect(self._chosen)
        self.activated.connect(self._chosen)

    def _chosen(self, index: QModelIndex) -> None:
        self.span_select_requested.emit(index.data(SPAN_ID_ROLE))

    def show_spans(self, spans: list[Span], text: str, tagset: Tagset | None, selected: SpanId | None) -> None:
        self.table_model.set_spans(spans, text, tagset)
        self.show_selected(selected)

    def show_selected(self, span_id: SpanId | None) -> None:
        row = self.table_model.row_of(span_id)
        if row is None:
            self.clearSelection()
            return
        index = self.table_model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(index, flags)  # selectRow() misses in RTL before layout
        self.scrollTo(index)


def _marked(name: str, span: Span) -> str:
    """A label name, with «suggested» after it for a pre-annotation suggestion."""
    return f"{name} · {tr('suggestion.marker')}" if is_suggestion(span) else name
