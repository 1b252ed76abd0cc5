"""``QUndoCommand`` adapter over the Qt-free edits in :mod:`annotator.edits`.

``redo()`` is the one place a change happens: it applies the edit through the core service
(one transaction, committed before it returns) and hands the :class:`Changes` to the
session. A refused edit (an :class:`AnnotatorError`) marks the command obsolete, so
``QUndoStack.push`` drops it instead of keeping a step that did nothing, and the session
shows the error. Consecutive edge moves of one span merge into one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.changes import Changes
from annotator.edits import AddSpan, Compound, DeleteSpan, Edit, UpdateSpan
from annotator.errors import AnnotatorError
from annotator.ids import DocumentId, SpanId

MERGEABLE_ID = 4242  # any id != -1 lets Qt ask mergeWith(); the edit decides


def touched_spans(edit: Edit) -> set[SpanId]:
    """The span ids an edit creates, changes or removes (for a targeted refresh)."""
    if isinstance(edit, AddSpan):
        return {edit.span.id} if edit.span is not None else set()
    if isinstance(edit, (DeleteSpan, UpdateSpan)):
        return {edit.span_id}
    if isinstance(edit, Compound):
        return set().union(*(touched_spans(e) for e in edit.edits)) if edit.edits else set()
    return set()


Applied = Callable[[Edit, Changes], None]
Failed = Callable[[AnnotatorError], None]


class EditCommand(QUndoCommand):
    """One undo step: an :class:`annotator.edits.Edit` applied to the session's project.

    :param project_of: returns the project to apply to (the session's current one)
    :param applied: told what changed after every redo and undo
    :param failed: told when the core refused the edit
    """

    def __init__(self, edit: Edit, text: str, *, project_of: Callable[[], object],
                 applied: Applied, failed: Failed):
        super().__init__(text)
        self.edit = edit
        self._project_of = project_of
        self._applied = applied
        self._failed = failed

    def redo(self) -> None:
        self._run(self.edit.apply)

    def undo(self) -> None:
        self._run(self.edit.revert)

    def _run(self, step: Callable[[object], Changes]) -> None:
        try:
            changes = step(self._project_of())
        except AnnotatorError as exc:
            self.setObsolete(True)  # QUndoStack deletes an obsolete command after push/undo/redo
            self._failed(exc)
            return
        self._applied(self.edit, changes)

    def id(self) -> int:
        return MERGEABLE_ID if isinstance(self.edit, UpdateSpan) and self.edit.kind != "edit" else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or not isinstance(self.edit, UpdateSpan):
            return False
        if other.isObsolete() or not isinstance(other.edit, UpdateSpan):
            return False
        return self.edit.merge(other.edit)


def push_edit(stack: QUndoStack, edit: Edit, text: str, *, command: type[EditCommand] = EditCommand,
              project_of: Callable[[], object], applied: Applied, failed: Failed, **options: Any) -> bool:
    """Push ``edit`` as one step on ``stack``; False when the core refused it (``failed`` was told,
    and the obsolete command left no step).

    :param command: an :class:`EditCommand` subclass, built with ``options`` as extra keywords
    """
    refused: list[AnnotatorError] = []

    def fail(error: AnnotatorError) -> None:
        refused.append(error)
        failed(error)

    stack.push(command(edit, text, project_of=project_of, applied=applied, failed=fail, **options))
    return not refused


class DocumentHistory:
    """One undo stack per document, in one :class:`QUndoGroup`: switching documents keeps each
    document's steps, and the group's undo action acts on the active document's."""

    def __init__(self, parent: QObject):
        self.group = QUndoGroup(parent)
        self._parent = parent
        self._stacks: dict[DocumentId, QUndoStack] = {}

    def activate(self, document_id: DocumentId) -> QUndoStack:
        stack = self._stacks.get(document_id)
        if stack is None:
            stack = self._stacks[document_id] = QUndoStack(self._parent)
            self.group.addStack(stack)
        self.group.setActiveStack(stack)
        return stack

    def forget(self, document_ids: Iterable[DocumentId] | None = None) -> None:
        """Clear the steps of these documents, or of all (their rows were rewritten elsewhere)."""
        ids = list(self._stacks) if document_ids is None else document_ids
        for stack in [self._stacks[i] for i in ids if i in self._stacks]:
            stack.clear()

    def drop(self) -> None:
        """Remove every stack (another person's, or another project's, history)."""
        for stack in self._stacks.values():
            self.group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
