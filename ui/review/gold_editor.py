"""Editing gold in the review window's gold column: the annotation window's keys, on gold spans.

Select text and press a label key to add a gold span nobody marked; with a gold span selected,
a label key relabels it, Alt+arrows move its edges (consecutive moves merge into one undo
step), Delete removes it, Tab walks the gold spans. Required attributes are asked for with the
same numbered popup as in the annotation window. Every change is an edit pushed on the review
window's undo stack, so it is undoable and audited like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint

from annotator.adjudication import EditGold, gold_annotator
from annotator.edits import AddSpan, DeleteSpan
from annotator.model import Fragment, Span, SpanDraft
from ui import operations as ops
from ui.i18n import tr
from ui.widgets.value_popup import ValuePopup, choices

if TYPE_CHECKING:
    from ui.review.views import LayerView
    from ui.review.window import ReviewWindow


class GoldEditor(QObject):
    """Turns the gold view's intents into gold edits for the review window to push."""

    def __init__(self, window: ReviewWindow):
        super().__init__(window)
        self.window = window
        self.popup: ValuePopup | None = None

    def attach(self, view: LayerView) -> None:
        view.label_requested.connect(self.apply_label)
        view.edge_move_requested.connect(self.move_edge)
        view.delete_requested.connect(self.delete)
        view.span_select_requested.connect(self.select)
        view.cycle_requested.connect(self.cycle)

    @property
    def view(self) -> LayerView:
        return self.window.gold_column.view

    def selected(self) -> Span | None:
        view = self.view
        return view.spans.get(view.selected) if view.selected is not None else None

    # -- intents --------------------------------------------------------------------------------
    def apply_label(self, label: str, start: int, end: int) -> None:
        window = self.window
        if start != end:
            fragment = ops.fragment_from_selection(window.text, window.tokens, start, end, snap=window.snap)
            if fragment is None:
                window.info(tr("bar.no_selection"))
            else:
                self._ask_or_push(label, (fragment,), {}, None)
            return
        span = self.selected()
        if span is None:
            window.info(tr("bar.no_span"))
        elif span.label != label:
            self._ask_or_push(label, span.fragments, ops.attrs_for_label(window.tagset, label, span.attrs), span)

    def move_edge(self, edge: str, step: int) -> None:
        span, window = self.selected(), self.window
        if span is None:
            window.info(tr("bar.no_span"))
            return
        fragments = ops.moved_fragments(span, window.text, window.tokens, edge=edge, step=step, snap=window.snap)
        if fragments is None:
            window.info(tr("bar.cannot_move"))
            return
        window.push(EditGold(span.id, {"fragments": fragments}, kind=f"move {edge}"),
                    tr(f"undo.move_{edge}", label=window.label_name(span.label)))

    def delete(self) -> None:
        span = self.selected()
        if span is None:
            self.window.info(tr("bar.no_span"))
            return
        self.window.push(DeleteSpan(span.id), tr("undo.delete", label=self.window.label_name(span.label)))

    def select(self, span_id: object) -> None:
        self.view.set_selected_span(span_id, reveal=False)  # type: ignore[arg-type]

    def cycle(self, step: int) -> None:
        found = ops.cycle(list(self.view.spans.values()), self.view.selected, step)
        self.view.set_selected_span(found.id if found else None)

    # -- building the edit ----------------------------------------------------------------------
    def _ask_or_push(self, label: str, fragments: tuple[Fragment, ...], attrs: dict[str, Any],
                     span: Span | None) -> None:
        missing = ops.missing_required(self.window.tagset, label, attrs)
        if not missing or not choices(missing[0]):
            self._push(label, fragments, attrs, span)
            return
        spec = missing[0]
        if self.popup is not None:
            self.popup.deleteLater()
        self.popup = ValuePopup(spec, self.window)
        self.popup.chosen.connect(
            lambda value: self._ask_or_push(label, fragments, {**attrs, spec.name: value}, span))
        rect = self.view.cursorRect()
        self.popup.open_at(self.view.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 4)))

    def _push(self, label: str, fragments: tuple[Fragment, ...], attrs: dict[str, Any], span: Span | None) -> None:
        window = self.window
        name = window.label_name(label)
        if span is not None:
            window.push(EditGold(span.id, {"label": label, "attrs": attrs}), tr("undo.relabel", label=name))
            return
        assert window.document is not None and window.project is not None
        gold = gold_annotator(window.project)
        draft = SpanDraft(window.document.id, gold.id, label, fragments, attrs, origin="adjudicated")
        window.push(AddSpan(draft), tr("undo.add", label=name))

