"""The document list, virtualised: one count query, then pages fetched as rows come into view.

With 100,000 documents the view asks only for the rows it shows; each page of
:data:`PAGE_SIZE` rows costs one :meth:`Project.documents` query plus one query each for
this annotator's statuses and span counts, and at most :data:`MAX_PAGES` pages are cached.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotator.ids import AnnotatorId, DocumentId
from annotator.model import DocumentSummary
from annotator.project import Project
from ui.i18n import digits, status_name, tr

PAGE_SIZE = 200
MAX_PAGES = 64
TITLE, STATUS, SPANS = range(3)
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class Row:
    summary: DocumentSummary
    status: str
    spans: int


class DocumentListModel(QAbstractTableModel):
    """Rows: title, this annotator's status, this annotator's span count."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.annotator_id: AnnotatorId | None = None
        self.search: str | None = None
        self.status: str | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self.queries = 0  # pages fetched, for tests and benchmarks

    # -- source and filters ----------------------------------------------------------------
    def set_source(self, project: Project | None, annotator_id: AnnotatorId | None) -> None:
        self.project, self.annotator_id = project, annotator_id
        self.refresh()

    def set_filter(self, *, search: str | None = None, status: str | None = None) -> None:
        """Full-text ``search`` (FTS5, every word as a prefix) and a status (todo/in_progress/done)."""
        self.search = (search or "").strip() or None
        self.status = status or None
        self.refresh()

    def refresh(self) -> None:
        """Count again and forget every cached page."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._query_count()
        self.endResetModel()

    def _filters(self) -> dict[str, Any]:
        status = self.status if self.annotator_id is not None else None
        return {"search": self.search, "status": status, "annotator_id": self.annotator_id}

    def _query_count(self) -> int:
        return self.project.count_documents(**self._filters()) if self.project is not None else 0

    # -- pages -----------------------------------------------------------------------------
    def _page(self, number: int) -> list[Row]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        assert self.project is not None
        self.queries += 1
        summaries = self.project.documents(offset=number * PAGE_SIZE, limit=PAGE_SIZE, **self._filters())
        ids = [s.id for s in summaries]
        statuses = self.project.statuses(ids, self.annotator_id) if self.annotator_id is not None else {}
        counts = (self.project.span_counts(ids, annotator_id=self.annotator_id, include_suggested=False)
                  if ids else {})
        page = [Row(s, statuses.get(s.id, "todo"), counts.get(s.id, 0)) for s in summaries]
        self._pages[number] = page
        if len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def row(self, number: int) -> Row | None:
        if not 0 <= number < self._count:
            return None
        page = self._page(number // PAGE_SIZE)
        offset = number % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def document_id_at(self, number: int) -> DocumentId | None:
        found = self.row(number)
        return found.summary.id if found is not None else None

    def row_of(self, document_id: DocumentId) -> int | None:
        """The row showing ``document_id``, or None when the filters hide it."""
        if self.project is None:
            return None
        number = self.project.document_index(document_id, **self._filters())
        return number if self.document_id_at(number) == document_id else None

    def neighbour(self, document_id: DocumentId, step: int) -> DocumentId | None:
        """The document after (``step`` = 1) or before (-1) ``document_id`` in this list."""
        if self.project is None:
            return None
        number = self.project.document_index(document_id, **self._filters())
        listed = self.document_id_at(number) == document_id
        target = number + step if (listed or step < 0) else number
        return self.document_id_at(target)

    def update_row(self, document_id: DocumentId, *, status: str, spans: int) -> bool:
        """Show a known new status and span count for one document without a query.

        :returns: False when the row could not be updated in place (not cached, or a status
          filter that the change may affect), so the caller should use :meth:`documents_changed`
        """
        for number, page in self._pages.items():
            for i, row in enumerate(page):
                if row.summary.id == document_id:
                    if self.status is not None and row.status != status:
                        return False
                    page[i] = Row(row.summary, status, spans)
                    index = number * PAGE_SIZE + i
                    self.dataChanged.emit(self.index(index, STATUS), self.index(index, SPANS))
                    return True
        return False

    def documents_changed(self, document_ids: frozenset[DocumentId]) -> None:
        """Statuses or span counts changed: refetch the cached pages that show these documents."""
        if self.status is not None:
            self.refresh()  # a status change can move a row in or out of the filtered list
            return
        for number, page in list(self._pages.items()):
            rows = [i for i, r in enumerate(page) if r.summary.id in document_ids]
            if rows:
                del self._pages[number]
                first = number * PAGE_SIZE
                self.dataChanged.emit(self.index(first + min(rows), 0), self.index(first + max(rows), SPANS))

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        found = self.row(index.row())
        if found is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return found.summary.title
            if column == STATUS:
                return status_name(found.status)
            return digits(found.spans)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return found.summary.title
        if role == DOCUMENT_ID_ROLE:
            return found.summary.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TITLE:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(("nav.col_title", "nav.col_status", "nav.col_spans")[section])
        return None
