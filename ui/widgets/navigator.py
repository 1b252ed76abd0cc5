"""The document navigator: full-text search, a status filter and the virtualised list.

When the annotator has documents assigned to them, the filter also offers "Assigned to me".
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.ids import DocumentId
from annotator.model import STATUSES
from annotator.store.documents import ASSIGNED
from ui import lead_strings  # noqa: F401 - registers "nav.assigned"
from ui.i18n import number, status_name, tr
from ui.models.document_list import DOCUMENT_ID_ROLE, DocumentListModel
from ui.widgets.tables import rows_to_pick_one

SEARCH_DELAY_MS = 250


class Navigator(QWidget):
    """Lists the project's documents; activating one asks for it to be opened."""

    document_requested = Signal(int)  # DocumentId

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DocumentListModel(self)
        self.search = QLineEdit(placeholderText=tr("nav.search"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(tr("nav.status_all"), None)
        for status in STATUSES:
            self.status.addItem(status_name(status), status)
        self.table = QTableView()
        self.table.setModel(self.model)
        self._setup_table()
        self.count = QLabel()
        self.count.setObjectName("documentCount")
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(lambda _: self.apply_filter())
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.model.modelReset.connect(self._show_count)
        self.model.modelReset.connect(self._offer_assigned)
        self._assigned_for: tuple[int, object] | None = None
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count)

    def _setup_table(self) -> None:
        table = self.table
        rows_to_pick_one(table)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)  # cut the end of a long title
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measures all rows
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        columns = table.horizontalHeader()
        columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 96), (2, 56)):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            table.setColumnWidth(column, width)

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(search=self.search.text(), status=self.status.currentData())

    def _show_count(self) -> None:
        self.count.setText(tr("nav.count", count=number(self.model.rowCount())))

    def _offer_assigned(self) -> None:
        """Offer "Assigned to me" when this annotator has assignments (checked once per source)."""
        project, annotator_id = self.model.project, self.model.annotator_id
        if (id(project), annotator_id) == self._assigned_for:
            return
        self._assigned_for = (id(project), annotator_id)
        has = project is not None and annotator_id is not None and bool(project.assigned_documents(annotator_id))
        index = self.status.findData(ASSIGNED)
        if has and index < 0:
            self.status.addItem(tr("nav.assigned"), ASSIGNED)
        elif not has and index >= 0:
            if self.status.currentIndex() == index:
                self.status.setCurrentIndex(0)
            self.status.removeItem(index)

    def _activated(self, index: QModelIndex) -> None:
        document_id = index.data(DOCUMENT_ID_ROLE)
        if document_id is not None:
            self.document_requested.emit(document_id)

    def show_current(self, document_id: DocumentId) -> None:
        """Highlight the row of the open document (if the filters list it)."""
        row = self.model.row_of(document_id)
        if row is None:
            self.table.clearSelection()
            return
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)  # selectRow() misses in RTL before layout
        self.table.scrollTo(index)

    def neighbour(self, document_id: DocumentId, step: int) -> DocumentId | None:
        return self.model.neighbour(document_id, step)
