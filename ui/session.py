"""The session: the open project, the annotator, the open document and its undo history.

Widgets emit intents; the session turns each into a Qt-free edit (:mod:`ui.operations`,
:mod:`annotator.edits`) and pushes it on the document's ``QUndoStack``. The command's
``redo()`` applies it through the core (committed before it returns); the session then
refreshes what the edit touched and emits :attr:`changed` and :attr:`spans_changed`.

Undo history is kept per document (a ``QUndoGroup`` with one stack per document opened in
this session): switching documents keeps each document's history, and Edit > Undo always
acts on the document on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.changes import Changes
from annotator.edits import AddSpan, DeleteSpan, Edit, SetStatus, UpdateSpan
from annotator.errors import NotFoundError
from annotator.ids import DocumentId, SpanId
from annotator.model import Annotator, Document, Fragment, Relation, Span, SpanDraft, Tokenization
from annotator.project import Project
from annotator.tagset import AttributeSpec
from ui import operations as ops
from ui.errors import ErrorPresenter
from ui.i18n import display, status_name, tr
from ui.session_links import LinkIntents
from ui.session_suggestions import SuggestionIntents
from ui.undo import DocumentHistory, EditCommand, push_edit, touched_spans


@dataclass
class PendingSpan:
    """A span waiting for the value of a required attribute (asked by a popup)."""

    label: str
    fragments: tuple[Fragment, ...]
    attrs: dict[str, Any]
    missing: list[AttributeSpec]
    span_id: SpanId | None = None  # set when relabelling an existing span

    @property
    def attribute(self) -> AttributeSpec:
        return self.missing[0]


class Session(LinkIntents, SuggestionIntents, QObject):
    """Owns the :class:`Project`, the current annotator and document, and the undo stacks.

    Links and actors: :class:`ui.session_links.LinkIntents`; reviewing pre-annotation
    suggestions: :class:`ui.session_suggestions.SuggestionIntents`.
    """

    changed = Signal(object)          # Changes, after every applied edit or status change
    project_opened = Signal()
    project_closing = Signal()        # the project is about to close: drop references to it
    document_opened = Signal(int)     # DocumentId
    spans_changed = Signal(object)    # set[SpanId] that were added, changed or removed
    selection_changed = Signal(object)  # SpanId | None
    value_requested = Signal(object)  # PendingSpan: ask the user for a required value
    relations_changed = Signal()      # the open document's relations were reloaded
    actors_changed = Signal()         # the actor registry changed

    def __init__(self, errors: ErrorPresenter, parent: QObject | None = None):
        super().__init__(parent)
        self.errors = errors
        self.project: Project | None = None
        self.annotator: Annotator | None = None
        self.document: Document | None = None
        self.tokenization = Tokenization((), ())
        self.spans: dict[SpanId, Span] = {}
        self.relations: list[Relation] = []
        self.confirm_links_delete: Callable[[int], bool] = lambda count: True
        self.status = "todo"
        self.selected: SpanId | None = None
        self.snap = True
        self.history = DocumentHistory(self)
        self.undo_group = self.history.group

    # -- project and people --------------------------------------------------------------
    def open_project(self, path: Path | str) -> None:
        """Open a project file (raises AnnotatorError for a missing or foreign file)."""
        self.set_project(Project.open(path))

    def set_project(self, project: Project) -> None:
        self.close()
        self.project = project
        if self.annotator is not None:
            self.annotator = project.ensure_annotator(self.annotator.name)
            project.user = self.annotator.id
        self.project_opened.emit()

    def set_annotator(self, name: str) -> Annotator:
        """Work as annotator ``name`` (created in the project when new); another person's
        undo history is not theirs, so it is dropped."""
        assert self.project is not None
        annotator = self.project.ensure_annotator(name)
        if self.annotator is not None and annotator.id != self.annotator.id:
            self.history.drop()
        self.annotator = annotator
        self.project.user = self.annotator.id
        if self.document is not None:
            self.open_document(self.document.id)
        return self.annotator

    def close(self) -> None:
        """Forget the open project (every edit is already committed)."""
        self.history.drop()
        self.document, self.spans, self.selected, self.relations = None, {}, None, []
        if self.project is not None:
            self.project_closing.emit()
            self.project.close()
            self.project = None

    @property
    def undo_stack(self) -> QUndoStack | None:
        """The open document's undo stack."""
        return self.undo_group.activeStack()

    # -- documents -----------------------------------------------------------------------
    def open_document(self, document_id: DocumentId) -> None:
        """Show a document: load its text, tokens and this annotator's spans.

        A document still marked todo becomes in progress (bookkeeping, not an undo step).
        """
        assert self.project is not None and self.annotator is not None
        document = self.project.document(document_id)
        self.document = document
        self.tokenization = self.project.tokenization(document_id)
        self.spans = {s.id: s for s in self.project.spans(document_id, annotator_id=self.annotator.id)}
        self.relations = self.project.relations(document_id, annotator_id=self.annotator.id)
        self.selected = None
        self.status = self.project.status(document_id, self.annotator.id).status
        if self.status == "todo":
            changes = self.project.set_status(document_id, self.annotator.id, "in_progress")
            self.status = "in_progress"
            self.changed.emit(changes)
        self.history.activate(document_id)
        self.document_opened.emit(document_id)

    # -- pushing edits ---------------------------------------------------------------------
    def push(self, edit: Edit, text: str, *, command: type[EditCommand] = EditCommand, **options: Any) -> bool:
        """Apply ``edit`` as one undo step; False (and the reason shown) when refused.

        :param command: an :class:`EditCommand` subclass, built with ``options`` as extra keywords
        """
        stack = self.undo_stack
        if stack is None or self.project is None:
            self.errors.show_info(tr("bar.no_document"))
            return False
        return push_edit(stack, edit, text, command=command, project_of=lambda: self.project,
                         applied=self._applied, failed=self.errors.show_problem, **options)

    def refresh(self, changes: Changes) -> None:
        """Reload and announce what ``changes`` says was written outside the undo stack."""
        self._applied(None, changes)

    def forget_history(self, document_ids: Iterable[DocumentId] | None = None) -> None:
        """Clear the undo steps of these documents, or of all (their rows were rewritten outside
        the stack, so older steps could point at rows that are gone)."""
        self.history.forget(document_ids)

    def _applied(self, edit: Edit | None, changes: Changes) -> None:
        assert self.project is not None
        current = self.document is not None and (not changes.document_ids or self.document.id in changes.document_ids)
        touched = touched_spans(edit) if current and edit is not None else set()
        if touched:
            self._read_spans(touched)
        elif current and changes.spans:  # e.g. accept all, or a merge repointed mentions
            touched = self._reload_spans()
        if current and changes.status and self.annotator is not None and self.document is not None:
            self.status = self.project.status(self.document.id, self.annotator.id).status
        if isinstance(edit, AddSpan) and edit.span is not None and edit.span.id in self.spans:
            self.selected = edit.span.id
        elif isinstance(edit, DeleteSpan) and edit.span_id in self.spans:
            self.selected = edit.span_id
        if self.selected is not None and self.selected not in self.spans:
            self.selected = None
        if current and changes.relations:
            self._reload_relations()
        if touched:
            self.spans_changed.emit(touched)
        if current and changes.relations:
            self.relations_changed.emit()
        if changes.actors:
            self.actors_changed.emit()
        self.changed.emit(changes)
        self.selection_changed.emit(self.selected)

    # -- selection -------------------------------------------------------------------------
    def select(self, span_id: SpanId | None) -> None:
        if span_id is not None and span_id not in self.spans:
            span_id = None
        self.selected = span_id
        self.selection_changed.emit(span_id)

    def cycle(self, step: int) -> None:
        """Select the next (1) or previous (-1) span in text order."""
        found = ops.cycle(list(self.spans.values()), self.selected, step)
        self.select(found.id if found else None)

    def selected_span(self) -> Span | None:
        return self.spans.get(self.selected) if self.selected is not None else None

    # -- span intents ----------------------------------------------------------------------
    def apply_label(self, label: str, start: int, end: int) -> None:
        """A label key or palette button: mark the selection, or relabel the selected span."""
        if self.document is None or self.annotator is None:
            self.errors.show_info(tr("bar.no_document"))
            return
        if start != end:
            fragment = ops.fragment_from_selection(self.document.text, self.tokenization.tokens, start, end,
                                                   snap=self.snap)
            if fragment is None:  # only spaces or joiners selected
                self.errors.show_info(tr("bar.no_selection"))
            else:
                self._ask_or_push(PendingSpan(label, (fragment,), {}, []))
            return
        span = self.selected_span()
        if span is None:
            self.errors.show_info(tr("bar.no_selection"))
            return
        if span.label != label:
            attrs = ops.attrs_for_label(self.tagset, label, span.attrs)
            self._ask_or_push(PendingSpan(label, span.fragments, attrs, [], span_id=span.id))

    def _ask_or_push(self, pending: PendingSpan) -> None:
        pending.missing = ops.missing_required(self.tagset, pending.label, pending.attrs)
        if pending.missing:
            self.value_requested.emit(pending)
        else:
            self.complete(pending)

    def complete(self, pending: PendingSpan, value: Any = None) -> None:
        """Continue a pending span with the value the user chose for its first missing attribute."""
        if pending.missing and value is not None:
            pending.attrs[pending.attribute.name] = value
            pending.missing = ops.missing_required(self.tagset, pending.label, pending.attrs)
            if pending.missing:
                self.value_requested.emit(pending)
                return
        name = self.label_name(pending.label)
        if pending.span_id is None:
            assert self.document is not None and self.annotator is not None
            draft = SpanDraft(self.document.id, self.annotator.id, pending.label, pending.fragments,
                              attrs=pending.attrs)
            self.push(AddSpan(draft), tr("undo.add", label=name))
        else:
            self.push(UpdateSpan(pending.span_id, {"label": pending.label, "attrs": pending.attrs}),
                      tr("undo.relabel", label=name))

    def add_fragment(self, start: int, end: int) -> None:
        """Add the selection to the selected span as another fragment (discontinuous span)."""
        span = self.selected_span()
        if span is None or self.document is None:
            self.errors.show_info(tr("bar.no_span"))
            return
        fragment = ops.fragment_from_selection(self.document.text, self.tokenization.tokens, start, end,
                                               snap=self.snap)
        if fragment is None:
            self.errors.show_info(tr("bar.no_selection"))
            return
        fragments = ops.merge_fragment(span.fragments, fragment)
        self.push(UpdateSpan(span.id, {"fragments": fragments}),
                  tr("undo.fragment", label=self.label_name(span.label)))

    def delete_selected(self) -> None:
        """Delete the selected span; when links touch it, ask first (they go with it, one step)."""
        span = self.selected_span()
        if span is None:
            self.errors.show_info(tr("bar.no_span"))
            return
        outgoing, incoming = self.links_of(span.id)
        if (outgoing or incoming) and not self.confirm_links_delete(len(outgoing) + len(incoming)):
            return
        name = self.label_name(span.label)
        self.push(DeleteSpan(span.id), tr("undo.delete", label=name))

    def move_edge(self, edge: str, step: int) -> None:
        """Move the selected span's start or end by a token (a character without snapping)."""
        span = self.selected_span()
        if span is None or self.document is None:
            self.errors.show_info(tr("bar.no_span"))
            return
        fragments = ops.moved_fragments(span, self.document.text, self.tokenization.tokens,
                                        edge=edge, step=step, snap=self.snap)
        if fragments is None:
            self.errors.show_info(tr("bar.cannot_move"))
            return
        text = tr(f"undo.move_{edge}", label=self.label_name(span.label))
        self.push(UpdateSpan(span.id, {"fragments": fragments}, kind=f"move {edge}"), text)

    def set_attribute(self, span_id: SpanId, name: str, value: Any) -> None:
        """Set (or with None clear) one attribute of a span."""
        span = self.spans.get(span_id)
        if span is None or span.attrs.get(name) == value:
            return
        attrs = dict(span.attrs)
        if value is None:
            attrs.pop(name, None)
        else:
            attrs[name] = value
        spec = self.tagset.label(span.label).attribute(name)
        shown = display(spec.display) if spec else name
        self.push(UpdateSpan(span_id, {"attrs": attrs}), tr("undo.attribute", attribute=shown))

    def set_status(self, status: str) -> None:
        """Mark the open document (undoable)."""
        if self.document is None or self.annotator is None or status == self.status:
            return
        self.push(SetStatus(self.document.id, self.annotator.id, status),
                  tr("undo.status", status=status_name(status)))

    # -- helpers ---------------------------------------------------------------------------
    def _read_spans(self, span_ids: set[SpanId]) -> None:
        assert self.project is not None
        for span_id in span_ids:
            try:
                self.spans[span_id] = self.project.span(span_id)
            except NotFoundError:
                self.spans.pop(span_id, None)

    def _reload_spans(self) -> set[SpanId]:
        """Re-read every span of the open document (one query, not one per span); the ids that
        were added, changed or removed."""
        assert self.project is not None and self.document is not None and self.annotator is not None
        fresh = {s.id: s for s in self.project.spans(self.document.id, annotator_id=self.annotator.id)}
        changed = {i for i in fresh.keys() | self.spans.keys() if fresh.get(i) != self.spans.get(i)}
        self.spans = fresh
        return changed

    def _reload_relations(self) -> None:
        assert self.project is not None and self.document is not None and self.annotator is not None
        self.relations = self.project.relations(self.document.id, annotator_id=self.annotator.id)

    @property
    def tagset(self):
        assert self.project is not None
        return self.project.tagset
