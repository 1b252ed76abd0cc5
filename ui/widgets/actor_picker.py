"""Choosing an actor by typing: a line edit with a completer over names and aliases.

:class:`ActorCompletionModel` holds one row per name and per alias («زاکانی ← علیرضا زاکانی»),
the open document's actors first. :class:`ActorPicker` completes over it (any part of a
name matches); choosing a row, or typing a name or alias exactly and pressing Enter, picks that
actor; Enter on a name nobody has asks for a new actor with it. :class:`ActorPickerDialog`
wraps a picker for links straight to an actor (a pro-drop quote's speaker).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.ids import ActorId
from annotator.model import Actor
from annotator.tagset import Tagset
from ui.i18n import display, tr

ACTOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


def actor_type_text(tagset: Tagset | None, actor: Actor) -> str:
    """«شخص» or «سازمان / شهرداری»: the actor's type (and subtype) in the interface language."""
    found = tagset.find_actor_type(actor.type) if tagset else None
    text = display(found.display) if found else actor.type
    if actor.subtype:
        sub = next((s for s in found.subtypes if s.name == actor.subtype), None) if found else None
        text += f" / {display(sub.display) if sub else actor.subtype}"
    return text


class ActorCompletionModel(QStandardItemModel):
    """Names and aliases of actors, the document's first, for :class:`QCompleter`."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.by_id: dict[ActorId, Actor] = {}

    def set_actors(self, actors: Sequence[Actor], document_ids: Sequence[ActorId], tagset: Tagset | None) -> None:
        self.clear()
        self.by_id = {a.id: a for a in actors}
        first = [self.by_id[i] for i in document_ids if i in self.by_id]
        rest = [a for a in actors if a.id not in set(document_ids)]
        for actor in first + rest:
            here = actor.id in document_ids
            kind = actor_type_text(tagset, actor)
            self.appendRow(self._item(f"{actor.name} — {kind}", actor.name, actor.id, here))
            for alias in actor.aliases:
                self.appendRow(self._item(f"{alias} ← {actor.name}", alias, actor.id, here))

    @staticmethod
    def _item(text: str, search: str, actor_id: ActorId, here: bool) -> QStandardItem:
        item = QStandardItem(("● " if here else "") + text)
        item.setData(search, SEARCH_ROLE)
        item.setData(actor_id, ACTOR_ID_ROLE)
        item.setEditable(False)
        if here:
            font = QFont()
            font.setBold(True)
            item.setFont(font)
        return item

    def exact(self, text: str) -> ActorId | None:
        """The actor whose name or alias is exactly ``text`` (ignoring case and outer spaces)."""
        wanted = text.strip().casefold()
        for row in range(self.rowCount()):
            item = self.item(row)
            if str(item.data(SEARCH_ROLE)).casefold() == wanted:
                return ActorId(item.data(ACTOR_ID_ROLE))
        return None


class ActorPicker(QWidget):
    """A line edit that completes actor names; emits which actor was chosen."""

    actor_chosen = Signal(int)       # ActorId
    new_requested = Signal(str)      # a name no actor has (or the ＋ button): create one
    clear_requested = Signal()
    escaped = Signal()               # Escape with no list open: back to the text

    def __init__(self, model: ActorCompletionModel, *, clearable: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.current: ActorId | None = None
        self.line = QLineEdit()
        self.line.setObjectName("actorLine")
        self.line.setPlaceholderText(tr("actors.type_name"))
        self.completer = QCompleter(model, self)
        self.completer.setCompletionRole(SEARCH_ROLE)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.line.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._activated)
        self.line.returnPressed.connect(self._return)
        self.line.installEventFilter(self)
        self.new_button = QToolButton()
        self.new_button.setObjectName("newActor")
        self.new_button.setText("＋")
        self.new_button.setToolTip(tr("actors.new_tip"))
        self.new_button.clicked.connect(lambda: self.new_requested.emit(self.line.text().strip()))
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearActor")
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(tr("actors.clear_tip"))
        self.clear_button.clicked.connect(self.clear_requested)
        self.clear_button.setVisible(clearable)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.new_button)
        layout.addWidget(self.clear_button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.line and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and not self.completer.popup().isVisible()):
            self._restore()
            self.escaped.emit()
            return True
        return super().eventFilter(watched, event)

    def set_current(self, actor: Actor | None) -> None:
        """Show the actor the span refers to now (None: none)."""
        self.current = actor.id if actor else None
        self.line.setText(actor.name if actor else "")
        self.clear_button.setEnabled(actor is not None)

    def show_all(self) -> None:
        """Focus the line and list every actor (the document's first) to choose with arrows."""
        self.line.setFocus()
        self.line.selectAll()
        self.completer.setCompletionPrefix("")
        self.completer.complete()

    def _activated(self, index: QModelIndex) -> None:
        actor_id = index.data(ACTOR_ID_ROLE)
        if actor_id is not None:
            self._choose(ActorId(int(actor_id)))

    def _return(self) -> None:
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the completer activates the highlighted row itself
        text = self.line.text().strip()
        if not text:
            return
        found = self.model.exact(text)
        if found is not None:
            self._choose(found)
        else:
            self.new_requested.emit(text)

    def _choose(self, actor_id: ActorId) -> None:
        if actor_id != self.current:
            self.actor_chosen.emit(actor_id)
        QTimer.singleShot(0, self, self._restore)

    def _restore(self) -> None:
        """After a choice the line shows the stored actor's canonical name, not what was typed."""
        actor = self.model.by_id.get(self.current) if self.current is not None else None
        self.line.setText(actor.name if actor else "")


class ActorPickerDialog(QDialog):
    """"Link to which actor?": emits :attr:`chosen` or :attr:`new_requested` and closes."""

    chosen = Signal(int)
    new_requested = Signal(str)

    def __init__(self, model: ActorCompletionModel, prompt: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actorPickerDialog")
        self.setWindowTitle(tr("actors.pick_title"))
        self.picker = ActorPicker(model, clearable=False)
        self.picker.actor_chosen.connect(self._chosen)
        self.picker.new_requested.connect(self._new)
        prompt_label = QLabel(prompt)
        prompt_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt_label)
        layout.addWidget(self.picker)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def open(self) -> None:
        super().open()
        QTimer.singleShot(0, self, self._ready)

    def _ready(self) -> None:
        self.activateWindow()  # a popup that just closed may have handed activation back to the window
        self.picker.show_all()

    def _chosen(self, actor_id: int) -> None:
        self.accept()
        self.chosen.emit(actor_id)

    def _new(self, name: str) -> None:
        self.accept()
        self.new_requested.emit(name)
