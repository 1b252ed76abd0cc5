"""The session's pre-annotation intents: review suggestions one by one, all at once, or make them.

A mixin of :class:`ui.session.Session`, like :mod:`ui.session_links`. The *current* suggestion
is the selected span when it is a suggestion: Enter accepts it, Backspace rejects it, and the
next suggestion in text order becomes current. Accepting and rejecting are the core's undoable
edits (:mod:`annotator.preannotate.edits`) pushed on the document's undo stack, so one Ctrl+Z
undoes a quote accepted together with its cue, speaker mention, links and actor, and puts the
quote back as the current suggestion.

Running the pre-annotator on the open document is not an undo step (like an import); it writes
into the current annotator's layer and the view reloads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from annotator.changes import Changes
from annotator.edits import Edit
from annotator.errors import AnnotatorError
from annotator.ids import DocumentId, SpanId
from annotator.model import Relation, Span
from annotator.preannotate import (
    AcceptAll,
    AcceptSuggestion,
    ApplyReport,
    RejectAll,
    RejectSuggestion,
    preannotate_document,
)
from ui import suggestion_ops as sops
from ui.i18n import number, tr
from ui.undo import EditCommand

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from annotator.model import Annotator, Document
    from annotator.project import Project
    from ui.errors import ErrorPresenter

Position = tuple[int, int, int]


class SuggestionCommand(EditCommand):
    """An accept or reject: undoing it makes the suggestion current again (selected, in view)."""

    def __init__(self, edit: Edit, text: str, *, focus: SpanId | None, refocus: Callable[[SpanId | None], None],
                 **kwargs):
        super().__init__(edit, text, **kwargs)
        self._focus = focus
        self._refocus = refocus

    def undo(self) -> None:
        super().undo()
        if not self.isObsolete():
            self._refocus(self._focus)


class SuggestionIntents:
    """Pre-annotation for :class:`ui.session.Session` (which provides the attributes below)."""

    project: Project | None
    document: Document | None
    annotator: Annotator | None
    spans: dict[SpanId, Span]
    relations: list[Relation]
    selected: SpanId | None
    errors: ErrorPresenter

    if TYPE_CHECKING:  # provided by Session
        undo_stack: QUndoStack | None

        def push(self, edit: Edit, text: str, *, command: type[EditCommand] = EditCommand, **options: Any) -> bool: ...

        def refresh(self, changes: Changes) -> None: ...

        def forget_history(self, document_ids: Iterable[DocumentId] | None = None) -> None: ...

        def select(self, span_id: SpanId | None) -> None: ...

        def selected_span(self) -> Span | None: ...

        def delete_selected(self) -> None: ...

        def label_name(self, label: str) -> str: ...

    # -- reading -----------------------------------------------------------------------------
    def current_suggestion(self) -> Span | None:
        """The suggestion Enter and Backspace act on: the selected span, when it is a suggestion."""
        span = self.selected_span()
        return span if sops.is_suggestion(span) else None

    def suggestions_left(self) -> int:
        return sops.suggestion_count(self.spans.values())

    def suggestion_group(self, span_id: SpanId | None) -> list[SpanId]:
        """What accepting ``span_id`` takes along (its suggested cue and speaker mention)."""
        return sops.group_of(span_id, self.spans, self.relations) if span_id is not None else []

    # -- moving ------------------------------------------------------------------------------
    def next_suggestion(self, step: int = 1, *, caret: int | None = None) -> bool:
        """Make the next (1) or previous (-1) suggestion in text order current.

        :param caret: where to start when no span is selected (a code-point offset)
        """
        span = self.selected_span()
        after: Span | Position | None = span
        if span is None and caret is not None:
            after = (caret, -(1 << 60), -1)
        return self._go_to(sops.neighbour(self._order(), after, step))

    def _order(self) -> list[Span]:
        return sops.review_order(self.spans, self.relations)

    def _go_to(self, span: Span | None) -> bool:
        if span is None:
            self.errors.show_info(tr("bar.no_suggestions"))
            return False
        self.select(span.id)
        return True

    # -- deciding ----------------------------------------------------------------------------
    def accept_suggestion(self) -> bool:
        """Accept the current suggestion (with its group) as one undo step, then go to the next.
        With no current suggestion, go to the next one first (nothing is accepted unseen)."""
        span = self.current_suggestion()
        if span is None:
            self.next_suggestion(1)
            return False
        text = tr("undo.accept_suggestion", label=self.label_name(span.label))
        return self._decide(AcceptSuggestion(span.id), text, span)

    def reject_suggestion(self) -> bool:
        """Reject the current suggestion (and the cue and mention only it used), then go on."""
        span = self.current_suggestion()
        if span is None:
            self.next_suggestion(1)
            return False
        text = tr("undo.reject_suggestion", label=self.label_name(span.label))
        return self._decide(RejectSuggestion(span.id), text, span)

    def delete_or_reject(self) -> None:
        """Delete / Backspace: reject the selected span when it is a suggestion, else delete it."""
        if self.current_suggestion() is not None:
            self.reject_suggestion()
        else:
            self.delete_selected()

    def _decide(self, edit: Edit, text: str, span: Span) -> bool:
        position = sops.position_key(span)
        if not self._push_review(edit, text, focus=span.id):
            return False
        following = sops.neighbour(self._order(), position, 1)
        if following is not None:
            self.select(following.id)
        else:
            self.errors.show_info(tr("bar.no_suggestions"))
        return True

    def accept_all_suggestions(self) -> bool:
        """Accept every suggestion of this document in this layer: one undo step."""
        return self._all(AcceptAll, "undo.accept_all")

    def reject_all_suggestions(self) -> bool:
        """Reject every suggestion of this document in this layer: one undo step."""
        return self._all(RejectAll, "undo.reject_all")

    def _all(self, kind: type[AcceptAll | RejectAll], text_key: str) -> bool:
        if self.document is None or self.annotator is None:
            self.errors.show_info(tr("bar.no_document"))
            return False
        count = self.suggestions_left()
        if count == 0:
            self.errors.show_info(tr("bar.no_suggestions"))
            return False
        return self._push_review(kind(self.document.id, self.annotator.id), tr(text_key, count=number(count)),
                                 focus=self.selected)

    def _push_review(self, edit: Edit, text: str, *, focus: SpanId | None) -> bool:
        """``Session.push`` with a command that re-selects ``focus`` when undone."""
        return self.push(edit, text, command=SuggestionCommand, focus=focus, refocus=self.select)

    # -- making suggestions --------------------------------------------------------------------
    def suggest_document(self) -> ApplyReport | None:
        """Run the pre-annotator on the open document into the current annotator's layer.

        Not an undo step. Suggestions already there are kept, rejected ones are not made again
        and nothing overlapping a span of the same label made by hand is suggested. When new
        spans were written, this document's undo history is cleared: an older step could
        otherwise restore a span under an id a new suggestion now has.
        """
        if self.project is None or self.document is None or self.annotator is None:
            self.errors.show_info(tr("bar.no_document"))
            return None
        try:
            report = preannotate_document(self.project, self.document.id, self.annotator.id)
        except AnnotatorError as exc:
            self.errors.show_problem(exc)
            return None
        added = sum(report.added.values())
        cleared = bool(added and self.undo_stack is not None and self.undo_stack.count())
        self.suggestions_written({self.document.id}, {self.document.id} if added else set())
        message = tr("bar.suggested", added=number(added), total=number(self.suggestions_left()))
        self.errors.show_info(message + (" " + tr("bar.history_cleared") if cleared else ""))
        return report

    def suggestions_written(self, touched: set[DocumentId], added_in: set[DocumentId]) -> None:
        """Pre-annotation wrote to ``touched`` documents outside the undo stack: reload what is
        shown, and forget the undo history of documents that got new spans (see
        :meth:`suggest_document`)."""
        self.forget_history(added_in)
        self.refresh(Changes(spans=True, relations=True, actors=True, document_ids=frozenset(touched)))
        here = self.document is not None and self.document.id in touched
        if here and self.current_suggestion() is None and self.suggestions_left():
            self.next_suggestion(1)
