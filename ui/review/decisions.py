"""The decisions of the review window: each key builds one :mod:`annotator.adjudication` edit
and pushes it on the window's undo stack (the edit is applied, audited and committed by the
command's ``redo``); then the window reads the document again and moves to the next open unit.

A mixin of :class:`ui.review.window.ReviewWindow`, kept apart to keep each file small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

from annotator.adjudication import (
    AGREE,
    OPEN,
    AcceptAllAgreed,
    AcceptIntoGold,
    AcceptPartIntoGold,
    Disagreement,
    RejectAll,
    SetAdjudicationStatus,
    adjudication_status,
)
from annotator.changes import Changes
from annotator.edits import AddSpan, Edit
from annotator.errors import AnnotatorError
from ui.errors import STATUS_TIMEOUT_MS, refused_text
from ui.i18n import digits, layout_direction, number, status_name, tr
from ui.undo import push_edit

if TYPE_CHECKING:
    from ui.review.window import ReviewWindow

    _Base = ReviewWindow
else:
    _Base = object


class Decisions(_Base):
    """Accept, accept all agreed, reject, edit gold, status, and moving between units."""

    def push(self, edit: Edit, text: str) -> bool:
        stack = self.undo_group.activeStack()
        if stack is None or self.project is None:
            self.info(tr("review.no_document"))
            return False
        return push_edit(stack, edit, text, project_of=lambda: self.project,
                         applied=self._applied, failed=self._failed)

    def _applied(self, edit: Edit, changes: Changes) -> None:
        view = self.gold_column.view
        selected = edit.span.id if isinstance(edit, AddSpan) and edit.span is not None else view.selected
        self.reload(keep=self.current_index())
        if self.editing and selected in view.spans:  # keep working on the same gold span
            view.set_selected_span(selected, reveal=False)
        self.decided.emit()

    def _failed(self, error: AnnotatorError) -> None:
        self.statusBar().showMessage(refused_text(error), STATUS_TIMEOUT_MS)
        self.errors.show_problem(error)

    def info(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def _version(self, key: int):
        """Annotator ``key``'s version of the current unit, or None (having said why)."""
        unit = self._unit_or_info()
        if unit is None or self.review is None:
            return None
        names = self.review.names
        version = unit.versions.get(names[key - 1]) if 0 < key <= len(names) else None
        if version is None:
            self.info(tr("review.no_version", n=digits(key)))
        return version

    def accept_version(self, key: int) -> None:
        version = self._version(key)
        if version is None:
            return
        text = tr("undo.accept", label=self.label_name(version.span.label), name=version.annotator)
        if self.push(AcceptIntoGold(version.span.id), text):
            self._advance()

    def accept_part(self, key: int, part: str) -> None:
        """Only the attributes (``part`` = "attributes") or only the links ("links") of annotator
        ``key``'s version, onto the gold span the unit already has."""
        version = self._version(key)
        if version is None:
            return
        text = tr(f"undo.accept_{part}", label=self.label_name(version.span.label), name=version.annotator)
        if self.push(AcceptPartIntoGold(version.span.id, part), text):
            self._advance()

    def accept_agreed(self) -> None:
        unit = self._unit_or_info()
        if unit is None:
            return
        if unit.kind != AGREE:
            self.info(tr("review.not_agreed"))
            return
        version = next(iter(unit.versions.values()))
        if self.push(AcceptIntoGold(version.span.id),
                     tr("undo.accept", label=self.label_name(unit.label), name=version.annotator)):
            self._advance()

    def accept_all_agreed(self) -> None:
        if self.document is not None:
            self.push(AcceptAllAgreed(self.document.id), tr("undo.accept_all_agreed"))

    def reject_all(self) -> None:
        unit = self._unit_or_info()
        if unit is None:
            return
        dialog = self.reason_dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("review.reject_title"))
        dialog.setLabelText(tr("review.reject_prompt"))
        dialog.setLayoutDirection(layout_direction())
        dialog.textValueSelected.connect(lambda reason: self._reject(unit, reason))
        dialog.open()

    def _reject(self, unit: Disagreement, reason: str) -> None:
        if self.push(RejectAll(unit, reason), tr("undo.reject", label=self.label_name(unit.label))):
            self._advance()

    def edit_gold(self) -> None:
        unit = self._unit_or_info()
        if unit is None:
            return
        if unit.gold is None:
            self.info(tr("review.no_gold"))
        self.set_editing(True)
        self.gold_column.view.reveal(unit.gold.span.id if unit.gold else None, unit.start)

    def set_editing(self, editing: bool) -> None:
        self.editing = editing
        self.gold_column.set_editing(editing)
        for action in self._plain_actions() if self.actions_ else []:
            action.setEnabled(not editing)
        if self.review is not None:
            self.gold_column.set_title(tr("review.gold_editing") if editing else
                                       f"{tr('review.gold')} — {number(len(self.review.gold_spans))}")
        (self.gold_column.view if editing else self.table).setFocus()

    def set_status(self, status: str) -> None:
        if self.document is None or self.project is None:
            return
        if status != adjudication_status(self.project, self.document.id):
            self.push(SetAdjudicationStatus(self.document.id, status), tr("undo.adjudication", status=status_name(status)))

    def step(self, direction: int) -> None:
        row = self.table.currentIndex().row() + direction
        if 0 <= row < self.model.rowCount():
            self._select_row(row)
        else:
            self.info(tr("review.list_end"))

    def _advance(self) -> None:
        """After a decision: the next open unit after this one (wrapping), if there is one."""
        row = self._next_open_row(self.table.currentIndex().row())
        if row is None:
            self.info(tr("review.nothing_left"))
        else:
            self._select_row(row)

    def _next_open_row(self, after: int) -> int | None:
        count = self.model.rowCount()
        for offset in range(1, count + 1):
            unit = self.model.unit_at((after + offset) % count)
            if unit is not None and unit.status == OPEN and unit.kind != AGREE:
                return (after + offset) % count
        return None

    def _unit_or_info(self) -> Disagreement | None:
        unit = self.current()
        if unit is None:
            self.info(tr("review.no_unit"))
        return unit

