"""The actor registry panel: every actor of the corpus, the open document's first (marked ●).

A search box filters by name, alias or kb id (:meth:`Project.actors` ``search=``). Buttons:
new actor (from the selected mention when there is one), edit, merge two selected actors
("merge into…" asks which one stays), and link the selected mention to the selected actor.
Double-click edits. Everything is an intent; the session does the work.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.ids import ActorId
from annotator.model import Actor
from annotator.tagset import Tagset
from ui.i18n import tr
from ui.widgets.actor_picker import ACTOR_ID_ROLE, actor_type_text

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
COLUMNS = ("actors.col_name", "actors.col_type", "actors.col_aliases", "actors.col_kb")


class ActorTableModel(QAbstractTableModel):
    """Actors, the open document's first (in order of appearance), then the rest by name."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.actors: list[Actor] = []
        self.here: set[ActorId] = set()
        self.tagset: Tagset | None = None

    def set_actors(self, actors: list[Actor], document_ids: list[ActorId], tagset: Tagset | None) -> None:
        self.beginResetModel()
        order = {actor_id: n for n, actor_id in enumerate(document_ids)}
        self.actors = sorted(actors, key=lambda a: (order.get(a.id, len(order)), a.name, a.id))
        self.here, self.tagset = set(document_ids), tagset
        self.endResetModel()

    def row_of(self, actor_id: ActorId) -> int | None:
        return next((i for i, a in enumerate(self.actors) if a.id == actor_id), None)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.actors)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        actor, column = self.actors[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            here = "● " if actor.id in self.here else ""
            return (here + actor.name, actor_type_text(self.tagset, actor), "، ".join(actor.aliases),
                    actor.kb_id or "")[column]
        if role == Qt.ItemDataRole.FontRole and actor.id in self.here:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and actor.id in self.here:
            return tr("actors.in_document")
        if role == ACTOR_ID_ROLE:
            return actor.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None


class ActorPanel(QWidget):
    """Search, list and act on actors."""

    search_changed = Signal(str)
    new_requested = Signal()
    edit_requested = Signal(int)            # ActorId
    merge_requested = Signal(int, int)      # keep, drop
    link_requested = Signal(int)            # link the selected mention to this actor

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actorPanel")
        self.search = QLineEdit()
        self.search.setObjectName("actorSearch")
        self.search.setPlaceholderText(tr("actors.search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.search_changed.emit(text.strip()))
        self.model = ActorTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.doubleClicked.connect(lambda index: self.edit_requested.emit(index.data(ACTOR_ID_ROLE)))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_button = self._button("actors.new", "newActorButton", self.new_requested.emit)
        self.edit_button = self._button("actors.edit", "editActorButton", self._edit)
        self.merge_button = self._button("actors.merge", "mergeActorButton", self._merge_menu)
        self.link_button = self._button("actors.link", "linkActorButton", self._link)
        self.merge_menu: QMenu | None = None
        self.mention_selected = False
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.new_button, self.edit_button, self.merge_button, self.link_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def _button(self, key: str, name: str, slot) -> QPushButton:
        button = QPushButton(tr(key))
        button.setObjectName(name)
        button.setToolTip(tr(f"{key}_tip"))
        button.clicked.connect(lambda _=False: slot())
        return button

    def show_actors(self, actors: list[Actor], document_ids: list[ActorId], tagset: Tagset | None) -> None:
        chosen = self.selected_ids()
        self.model.set_actors(actors, document_ids, tagset)
        self.table.setColumnHidden(3, not any(a.kb_id for a in actors))  # kb ids are optional
        for actor_id in chosen:
            self.select_actor(actor_id, add=True)
        self._update_buttons()

    def set_mention_selected(self, selected: bool) -> None:
        self.mention_selected = selected
        self._update_buttons()

    def selected_ids(self) -> list[ActorId]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.actors[r].id for r in rows if r < len(self.model.actors)]

    def select_actor(self, actor_id: ActorId, *, add: bool = False) -> None:
        row = self.model.row_of(actor_id)
        if row is None:
            return
        flags = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.Select if add else QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.selectionModel().select(self.model.index(row, 0), flags)

    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        self.edit_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count == 2)
        self.link_button.setEnabled(count == 1 and self.mention_selected)

    def _edit(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.edit_requested.emit(ids[0])

    def _link(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.link_requested.emit(ids[0])

    def _merge_menu(self) -> None:
        """Which of the two stays? A small menu under the button; the other is merged into it."""
        ids = self.selected_ids()
        if len(ids) != 2:
            return
        first, second = (self.model.actors[self.model.row_of(i)] for i in ids)
        menu = QMenu(self)
        menu.setObjectName("mergeMenu")
        for keep, drop in ((first, second), (second, first)):
            action = menu.addAction(tr("actors.merge_into", drop=drop.name, keep=keep.name))
            action.triggered.connect(lambda _=False, k=keep.id, d=drop.id: self.merge_requested.emit(k, d))
        self.merge_menu = menu
        menu.popup(self.merge_button.mapToGlobal(QPoint(0, self.merge_button.height())))
