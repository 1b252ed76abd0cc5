"""Links in the window: the L popup, link mode, Ctrl+click, the arrows and the links section.

Assembles the pieces (:mod:`links_popup`, :mod:`links_mode`, :mod:`links_painter`,
:mod:`links_panel`, :mod:`commitment_timex`) and connects their intents to the session; it
holds no annotation logic. The arrows show the selected span's links (View > Show all links
shows every link), the links section lists them with pick and remove buttons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QColor

from annotator.errors import AnnotatorError
from annotator.ids import ActorId, SpanId
from annotator.model import Relation
from ui import operations as ops
from ui.i18n import display, tr
from ui.widgets import links_mode
from ui.widgets.commitment_timex import TimexAssist
from ui.widgets.links_mode import LinkMode
from ui.widgets.links_painter import Arrow, LinkOverlay, relation_color
from ui.widgets.links_panel import LinkItem, LinksPanel, SlotRow
from ui.widgets.links_popup import RelationPopup

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.widgets.actor_controller import ActorController


class LinksController(QObject):
    def __init__(self, window: MainWindow, actors: ActorController):
        super().__init__(window)
        self.window, self.session, self.view, self.actors = window, window.session, window.article, actors
        self.overlay = LinkOverlay(self.view)
        self.view.overlay = self.overlay.paint
        self.mode = LinkMode(self.view, self.overlay, self)
        self.panel = LinksPanel()
        self.timex = TimexAssist()
        window.attributes.add_section(self.timex)
        window.attributes.add_section(self.panel)
        self.popup: RelationPopup | None = None
        self.show_all = False
        self.session.confirm_links_delete = lambda count: links_mode.confirm_delete_links(window, count)
        self._connect()

    def _connect(self) -> None:
        session, view = self.session, self.view
        view.link_requested.connect(self.start_link)
        view.quick_link_requested.connect(session.quick_link)
        self.mode.target_chosen.connect(lambda kind, head, tail: session.link(kind, SpanId(head), tail_span=SpanId(tail)))
        self.mode.message.connect(self.session.errors.show_info)
        self.mode.finished.connect(self.refresh)
        self.panel.pick_requested.connect(self.start_mode)
        self.panel.actor_pick_requested.connect(self._pick_actor)
        self.panel.unlink_requested.connect(session.unlink)
        self.panel.span_select_requested.connect(session.select)
        self.timex.apply_requested.connect(
            lambda span_id, values: session.set_attributes(SpanId(span_id), values, tr("undo.timex")))
        session.selection_changed.connect(self._selection_changed)
        for signal in (session.relations_changed, session.spans_changed, session.actors_changed):
            signal.connect(self.refresh)
        session.document_opened.connect(lambda _id: (self.mode.cancel(), self.refresh()))
        session.project_closing.connect(self.mode.cancel)

    # -- intents -----------------------------------------------------------------------------
    def start_link(self) -> None:
        """L: choose the kind of link from the selected span (a popup at the span)."""
        session = self.session
        head = session.selected_span()
        if head is None or session.project is None:
            session.errors.show_info(tr("bar.no_span"))
            return
        choices = ops.relation_choices(session.tagset, head, session.relations)
        if not choices:
            session.errors.show_info(tr("links.none_from", label=session.label_name(head.label)))
            return
        if self.popup is not None:
            self.popup.deleteLater()
        colors = {rt.name: relation_color(i).name() for i, rt in enumerate(session.tagset.relation_types)}
        self.popup = RelationPopup(session.tagset, choices, session.label_name(head.label), colors, self.window)
        self.popup.chosen.connect(lambda choice, h=head.id: self._chosen(choice, h))
        rect = self.view.cursor_rect_at(head.end)
        self.popup.open_at(self.view.viewport().mapToGlobal(QPoint(round(rect.left()), round(rect.bottom()) + 4)))

    def _chosen(self, choice: ops.RelationChoice, head: SpanId) -> None:
        if self.session.selected != head:
            self.session.select(head)
        if choice.to_actor:  # a dialog: once the popup has closed and handed the focus back
            QTimer.singleShot(0, self, lambda: self._pick_actor(choice.type))
        else:
            self.start_mode(choice.type)

    def start_mode(self, relation_type: str) -> None:
        """Wait for the target of a ``relation_type`` link from the selected span."""
        session = self.session
        head = session.selected_span()
        if head is None:
            session.errors.show_info(tr("bar.no_span"))
            return
        self.view.setFocus()
        self.mode.start(head, session.tagset.relation(relation_type), list(session.spans.values()),
                        self._color(relation_type))

    def _pick_actor(self, relation_type: str) -> None:
        head = self.session.selected_span()
        if head is not None:
            self.actors.pick_actor(relation_type, head.id)

    def set_show_all(self, show: bool) -> None:
        self.show_all = show
        self.refresh()

    # -- showing -----------------------------------------------------------------------------
    def _selection_changed(self, span_id: object) -> None:
        if self.mode.active and self.mode.head is not None and span_id != self.mode.head.id:
            self.mode.cancel()
        self.refresh()

    def refresh(self, *_args: object) -> None:
        session = self.session
        if session.project is None or session.document is None:
            self.overlay.set_arrows([])
            self.panel.hide()
            self.timex.show_for(None, None, "", None)
            return
        span = session.selected_span()
        relations = session.relations if self.show_all or span is None else [
            r for r in session.relations if span.id in (r.head, r.tail_span)]
        if not self.show_all and span is None:
            relations = []
        arrows = [self._arrow(r) for r in relations]
        preview = [a for a in self.overlay.arrows if a.preview] if self.mode.active else []
        self.overlay.set_arrows(arrows + preview)
        label = session.tagset.find_label(span.label) if span else None
        self.timex.show_for(span, label, session.document.text, session.document.published)
        self._fill_panel(span)

    def _arrow(self, relation: Relation) -> Arrow:
        name = self.session.relation_name(relation.type)
        actor = self._actor_name(relation.tail_actor) if relation.tail_actor is not None else ""
        return Arrow(relation.head, relation.tail_span, name, self._color(relation.type), actor=actor)

    def _fill_panel(self, span) -> None:
        session = self.session
        if span is None:
            self.panel.hide()
            return
        tagset = session.tagset
        outgoing, incoming = session.links_of(span.id)
        rows = []
        for rt in tagset.relations_from(span.label):
            items = [self._item(r, r.tail_span, r.tail_actor) for r in outgoing if r.type == rt.name]
            full = rt.max_per_head is not None and len(items) >= rt.max_per_head
            rows.append(SlotRow(rt.name, display(rt.display), rt.required, bool(rt.tail_labels),
                                rt.allows_actor_tail, full, items))
        came = [(session.relation_name(r.type), self._item(r, r.head, None))
                for r in incoming]
        label = tagset.find_label(span.label)
        self.panel.show_links(tr("links.section", label=display(label.display) if label else span.label), rows, came)

    def _item(self, relation: Relation, span_id: SpanId | None, actor_id: ActorId | None) -> LinkItem:
        session = self.session
        if actor_id is not None:
            return LinkItem(relation.id, tr("links.actor_target", name=self._actor_name(actor_id)))
        other = session.spans.get(span_id) if span_id is not None else None
        if other is None:
            return LinkItem(relation.id, "?")
        text = f"«{other.text_in(session.document.text if session.document else '')}»"
        if other.actor_id is not None:
            text += f" ← {self._actor_name(other.actor_id)}"
        label = session.tagset.find_label(other.label)
        return LinkItem(relation.id, text, other.id, label.color if label else "")

    def _actor_name(self, actor_id: ActorId) -> str:
        try:
            return self.session.project.actor(actor_id).name if self.session.project else str(actor_id)
        except AnnotatorError:
            return str(actor_id)

    def _color(self, relation_type: str) -> QColor:
        names = self.session.tagset.relation_names
        return relation_color(names.index(relation_type) if relation_type in names else 0)
