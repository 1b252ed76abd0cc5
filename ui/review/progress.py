"""Review > Progress: per annotator, documents assigned and how many are to do, in progress, done;
and how far adjudication has come. Read-only, for leads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.adjudication import adjudication_counts, is_gold
from annotator.project import Project
from ui import lead_strings  # noqa: F401 - registers the strings used here
from ui.i18n import layout_direction, number, tr

COLUMNS = ("progress.name", "progress.assigned", "status.todo", "status.in_progress", "status.done")


class ProgressDialog(QDialog):
    """A table of :meth:`Project.assignment_progress` and a line on adjudication."""

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("progress.title"))
        self.setLayoutDirection(layout_direction())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.adjudication = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.adjudication)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self.fill(project)

    def fill(self, project: Project) -> None:
        rows = [p for p in project.assignment_progress() if not is_gold(project.annotator(p.annotator_id))]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (row.name, row.assigned, row.todo, row.in_progress, row.done)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value if isinstance(value, str) else number(value))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        counts = adjudication_counts(project)
        total = sum(counts.values())
        self.adjudication.setText(tr("progress.adjudication", done=number(counts["done"]),
                                     in_progress=number(counts["in_progress"]), todo=number(counts["todo"]),
                                     total=number(total)))

    def rows(self) -> list[tuple[str, ...]]:
        """The table as text, for tests."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]

