"""Actors in the window: the registry panel, the who-said-what view, the mention's actor field,
the actor dialogs and K (link the selected span to an actor).

Assembles :mod:`actor_panel`, :mod:`actor_picker`, :mod:`who_said_what` and
:mod:`ui.dialogs.actor_dialog`, and connects their intents to the session; no annotation
logic of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from annotator.attribution import who_said_what
from annotator.errors import AnnotatorError
from annotator.ids import ActorId, SpanId
from annotator.model import ActorDraft
from ui import operations as ops
from ui.dialogs.actor_dialog import ActorDialog
from ui.i18n import tr
from ui.widgets.actor_panel import ActorPanel
from ui.widgets.actor_picker import ActorCompletionModel, ActorPicker, ActorPickerDialog
from ui.widgets.links_panel import short
from ui.widgets.who_said_what import WhoSaidWhatView

if TYPE_CHECKING:
    from annotator.changes import Changes
    from ui.main_window import MainWindow


class ActorController(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window, self.session = window, window.session
        self.model = ActorCompletionModel(self)
        window.attributes.actor_model = self.model
        self.panel = ActorPanel()
        self.who = WhoSaidWhatView()
        self.mention_picker = ActorPicker(self.model)
        self.mention_row = self._mention_row()
        window.attributes.add_section(self.mention_row)
        self.dialog: ActorDialog | None = None
        self.picker_dialog: ActorPickerDialog | None = None
        self._document_ids: list[ActorId] | None = None
        self._add_docks(window)
        self._connect()

    def _mention_row(self) -> QWidget:
        row = QWidget()
        row.setObjectName("mentionActor")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 6, 0, 0)
        caption = QLabel(tr("actors.mention_caption"))
        caption.setStyleSheet("font-weight: bold;")
        layout.addWidget(caption)
        layout.addWidget(self.mention_picker, 1)
        row.hide()
        return row

    def _add_docks(self, window: MainWindow) -> None:
        docks = window.docks
        docks["actors"] = window.add_dock("actors", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        docks["who"] = window.add_dock("who", self.who, Qt.DockWidgetArea.RightDockWidgetArea)
        window.splitDockWidget(docks["documents"], docks["actors"], Qt.Orientation.Vertical)
        window.tabifyDockWidget(docks["spans"], docks["who"])
        docks["spans"].raise_()
        window.resizeDocks([docks["documents"], docks["actors"]], [330, 330], Qt.Orientation.Vertical)
        window.resizeDocks([docks["attributes"], docks["spans"]], [470, 300], Qt.Orientation.Vertical)
        docks["who"].visibilityChanged.connect(lambda visible: visible and self.refresh_who())

    def _connect(self) -> None:
        session, picker = self.session, self.mention_picker
        picker.actor_chosen.connect(lambda actor_id: self._set_mention_actor(ActorId(actor_id)))
        picker.new_requested.connect(self.new_actor)
        picker.clear_requested.connect(lambda: self._set_mention_actor(None))
        picker.escaped.connect(self._refocus)
        self.panel.search_changed.connect(lambda _text: self.refresh_panel())
        self.panel.new_requested.connect(lambda: self.new_actor(""))
        self.panel.edit_requested.connect(lambda actor_id: self.edit_actor(ActorId(actor_id)))
        self.panel.merge_requested.connect(
            lambda keep, drop: self._linked(session.merge_actors(ActorId(keep), ActorId(drop))))
        self.panel.link_requested.connect(lambda actor_id: self._set_mention_actor(ActorId(actor_id)))
        self.who.span_select_requested.connect(session.select)
        self.window.article.actor_requested.connect(self.actor_key)
        session.actors_changed.connect(lambda: self.refresh(force=True))
        session.changed.connect(self._changed)
        session.document_opened.connect(lambda _id: self.refresh(force=True))
        session.project_opened.connect(lambda: self.refresh(force=True))
        session.selection_changed.connect(self._selection_changed)

    # -- showing -----------------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        """One refresh per edit, though an edit can change spans, links and actors together
        (a change to actors has already refreshed, on ``actors_changed``)."""
        if (changes.spans or changes.relations) and not changes.actors:
            self.refresh()

    def refresh(self, *, force: bool = False) -> None:
        """Re-read actors when they changed or the document's set of actors did."""
        session = self.session
        ids = ops.document_actor_ids(session.spans.values(), session.relations) if session.document else []
        if force or ids != self._document_ids:
            self._document_ids = ids
            actors = session.project.actors() if session.project is not None else []
            self.model.set_actors(actors, ids, session.tagset if session.project else None)
            self.refresh_panel()
        self.refresh_who()
        self._selection_changed(session.selected)

    def refresh_panel(self) -> None:
        session = self.session
        if session.project is None:
            self.panel.show_actors([], [], None)
            return
        search = self.panel.search.text().strip() or None
        self.panel.show_actors(session.project.actors(search=search), self._document_ids or [], session.tagset)

    def refresh_who(self) -> None:
        """Rebuild the who-said-what view (only while it can be seen; showing it rebuilds it)."""
        session = self.session
        if not self.who.isVisible():
            return
        if session.project is None or session.document is None:
            self.who.tree.clear()
            return
        actors = {a.id: a for a in session.document_actors()}
        entries = who_said_what(session.tagset, list(session.spans.values()), session.relations, actors)
        self.who.show_entries(entries, session.tagset, session.document.text)

    def _selection_changed(self, _span_id: object = None) -> None:
        span = self.session.selected_span()
        label = self.session.tagset.find_label(span.label) if span and self.session.project else None
        mention = label is not None and label.refers_to_actor != "none"
        self.panel.set_mention_selected(mention)
        self.mention_row.setVisible(mention)
        if mention:
            self.mention_picker.set_current(self._actor(span.actor_id))

    def _actor(self, actor_id: ActorId | None):
        if actor_id is None or self.session.project is None:
            return None
        try:
            return self.session.project.actor(actor_id)
        except AnnotatorError:
            return None

    # -- intents -----------------------------------------------------------------------------
    def actor_key(self) -> None:
        """K: a mention -> choose its actor; a quote or commitment -> link it straight to an actor."""
        session = self.session
        span = session.selected_span()
        if span is None:
            session.errors.show_info(tr("bar.no_span"))
            return
        label = session.tagset.find_label(span.label)
        if label is not None and label.refers_to_actor != "none":
            self.mention_picker.show_all()
            return
        relation = ops.first_actor_relation(session.tagset, span, session.relations)
        if relation is None:
            session.errors.show_info(tr("actors.no_actor_link", label=session.label_name(span.label)))
            return
        self.pick_actor(relation, span.id)

    def pick_actor(self, relation_type: str, head: SpanId) -> None:
        """Ask which actor a ``relation_type`` link from ``head`` points to (or make a new one)."""
        session = self.session
        span = session.spans.get(head)
        if span is None or session.document is None:
            return
        prompt = tr("actors.pick_prompt", relation=session.relation_name(relation_type),
                    text=short(span.text_in(session.document.text), 60))
        if self.picker_dialog is not None:
            self.picker_dialog.deleteLater()
        self.picker_dialog = dialog = ActorPickerDialog(self.model, prompt, self.window)
        dialog.chosen.connect(lambda actor_id: self._linked(session.link(relation_type, head,
                                                                         tail_actor=ActorId(actor_id))))
        dialog.new_requested.connect(lambda name: self._ask_actor(
            name, lambda draft: self._linked(session.link_new_actor(relation_type, head, draft))))
        dialog.open()

    def new_actor(self, name: str) -> None:
        """A new actor: for the selected mention (pre-filled from its text) or on its own."""
        session = self.session
        span = session.selected_span()
        label = session.tagset.find_label(span.label) if span else None
        if span is not None and label is not None and label.refers_to_actor != "none" and session.document:
            name = name or span.text_in(session.document.text)
            self._ask_actor(name, lambda draft: self._linked(session.create_actor_for_mention(span.id, draft)))
        else:
            self._ask_actor(name, lambda draft: self._linked(session.add_actor(draft)))

    def edit_actor(self, actor_id: ActorId) -> None:
        actor = self._actor(actor_id)
        if actor is None:
            return
        self._open(ActorDialog(self.session.tagset, actor=actor, parent=self.window),
                   lambda draft: self.session.update_actor(actor_id, _fields(draft)))

    def _ask_actor(self, name: str, then) -> None:
        guess = ops.guess_actor_type(self.session.tagset, name)
        self._open(ActorDialog(self.session.tagset, name=name, actor_type=guess, parent=self.window), then)

    def _open(self, dialog: ActorDialog, then) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.submitted.connect(then)
        dialog.open()

    def _set_mention_actor(self, actor_id: ActorId | None) -> None:
        span = self.session.selected_span()
        if span is not None:
            self._linked(self.session.set_mention_actor(span.id, actor_id))

    def _linked(self, _done: bool) -> None:
        self._refocus()
        QTimer.singleShot(0, self, self._refocus)  # again once a closing dialog has let go

    def _refocus(self) -> None:
        self.window.activateWindow()
        self.window.article.setFocus()  # back to the text, ready for the next key


def _fields(draft: ActorDraft) -> dict:
    return {"name": draft.name, "type": draft.type, "subtype": draft.subtype, "aliases": draft.aliases,
            "kb_id": draft.kb_id, "attrs": dict(draft.attrs)}
