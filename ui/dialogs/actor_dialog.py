"""The actor form: canonical name, type and subtype (from the tagset), aliases, kb id, and the
tagset's actor attributes (e.g. identifiability). Used to create an actor (pre-filled from a
mention) and to edit one. Non-modal: :attr:`ActorDialog.submitted` carries the result.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.model import Actor, ActorDraft
from annotator.rules import check_actor
from annotator.tagset import Tagset
from ui.i18n import display, tr
from ui.operations import parse_aliases


class ActorDialog(QDialog):
    """Create (``actor`` None) or edit an actor; emits :attr:`submitted` with an :class:`ActorDraft`."""

    submitted = Signal(object)  # ActorDraft

    def __init__(self, tagset: Tagset, *, actor: Actor | None = None, name: str = "", actor_type: str = "PER",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actorDialog")
        self.tagset = tagset
        self.actor = actor
        self.setWindowTitle(tr("actors.edit_title") if actor else tr("actors.new_title"))
        self.name = QLineEdit(actor.name if actor else name)
        self.name.setObjectName("actorName")
        self.type = QComboBox()
        self.type.setObjectName("actorType")
        for found in tagset.actor_types:
            self.type.addItem(display(found.display), found.name)
        self.subtype = QComboBox()
        self.subtype.setObjectName("actorSubtype")
        self.aliases = QLineEdit("، ".join(actor.aliases) if actor else "")
        self.aliases.setObjectName("actorAliases")
        self.aliases.setPlaceholderText(tr("actors.aliases_hint"))
        self.kb_id = QLineEdit(actor.kb_id or "" if actor else "")
        self.kb_id.setObjectName("actorKb")
        self.kb_id.setPlaceholderText("Q12345")
        self.attrs: dict[str, QComboBox] = {}
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #C62828;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(tr("actors.name") + " *", self.name)
        form.addRow(tr("actors.type") + " *", self.type)
        form.addRow(tr("actors.subtype"), self.subtype)
        form.addRow(tr("actors.aliases"), self.aliases)
        form.addRow(tr("actors.kb_id"), self.kb_id)
        for spec in tagset.actor_attributes:
            if spec.type == "enum":
                combo = QComboBox()
                combo.setObjectName(f"actorAttr_{spec.name}")
                combo.addItem(tr("attrs.empty"), None)
                for value in spec.values:
                    combo.addItem(display(value.display), value.name)
                current = (actor.attrs.get(spec.name) if actor else None) or spec.default
                combo.setCurrentIndex(max(combo.findData(current), 0))
                form.addRow(display(spec.display), combo)
                self.attrs[spec.name] = combo
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.type.currentIndexChanged.connect(self._fill_subtypes)
        self.type.setCurrentIndex(max(self.type.findData(actor.type if actor else actor_type), 0))
        self._fill_subtypes()
        if actor and actor.subtype:
            self.subtype.setCurrentIndex(max(self.subtype.findData(actor.subtype), 0))
        self.resize(440, self.sizeHint().height())

    def _fill_subtypes(self) -> None:
        self.subtype.clear()
        self.subtype.addItem(tr("attrs.empty"), None)
        found = self.tagset.find_actor_type(self.type.currentData() or "")
        for sub in found.subtypes if found else ():
            self.subtype.addItem(display(sub.display), sub.name)
        self.subtype.setEnabled(self.subtype.count() > 1)

    def draft(self) -> ActorDraft:
        """What the form says, as a draft (attributes not shown in the form are kept)."""
        attrs: dict[str, Any] = dict(self.actor.attrs) if self.actor else {}
        for name, combo in self.attrs.items():
            if combo.currentData() is None:
                attrs.pop(name, None)
            else:
                attrs[name] = combo.currentData()
        return ActorDraft(
            name=self.name.text().strip(), type=self.type.currentData(), subtype=self.subtype.currentData(),
            aliases=parse_aliases(self.aliases.text()), kb_id=self.kb_id.text().strip() or None, attrs=attrs,
            origin=self.actor.origin if self.actor else "manual",
        )

    def _submit(self) -> None:
        draft = self.draft()
        problems = check_actor(self.tagset, draft)
        if problems:  # said here, in the form, so nothing typed is lost
            self.problem.setText("\n".join(p.message for p in problems))
            self.problem.show()
            return
        self.accept()
        self.submitted.emit(draft)
