"""A list of chosen files and folders, each shown left to right even in a right-to-left window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

_LRI, _PDI = "\u2066", "\u2069"  # isolate a path, so «/work/a.txt» is not shown as «work/a.txt/»
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class PathList(QListWidget):
    """Paths in the order chosen, each once; :meth:`paths` gives them back as they were added."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setMinimumHeight(110)

    def add_paths(self, paths: list[str | Path]) -> None:
        present = set(self.paths())
        for path in map(str, paths):
            if path not in present:
                item = QListWidgetItem(f"{_LRI}{path}{_PDI}")
                item.setData(PATH_ROLE, path)
                item.setToolTip(path)
                self.addItem(item)
                present.add(path)

    def paths(self) -> list[str]:
        return [self.item(i).data(PATH_ROLE) for i in range(self.count())]

    def remove_selected(self) -> None:
        for item in self.selectedItems():
            self.takeItem(self.row(item))
