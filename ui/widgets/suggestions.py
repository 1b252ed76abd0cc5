"""Suggestions in the window: drawn apart from hand-made spans, reviewed from the keyboard.

* :class:`SuggestionLayer` plugs into :class:`ui.widgets.article_view.ArticleView` (its ``layer``
  hooks): a suggestion gets a pale tint of its label colour and a dashed outline instead of the
  solid fill and bar of an ordinary span; the current suggestion (the selected one, outlined in
  red by the view) gets a stronger tint, and the cue and speaker mention accepting it takes
  along get a dashed red outline.
* :class:`SuggestionController` wires it up: Enter accepts, J / U move to the next / previous
  suggestion (keys of the article, like the label keys, so they never fire while typing in a
  text box; Backspace and Delete reject a suggestion through ``Session.delete_or_reject``), the
  Annotate menu entries, and the "n suggestions left" status bar label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QLabel, QMenu

from annotator.ids import SpanId
from annotator.tagset import Tagset
from ui import keys
from ui.i18n import number, tr
from ui.suggestion_ops import is_suggestion
from ui.widgets.label_palette import TEXT_ON_FILL

if TYPE_CHECKING:
    from ui.dialogs.suggest_dialog import SuggestDialog
    from ui.main_window import MainWindow
    from ui.widgets.article_view import ArticleView
    from ui.widgets.span_index import Segment

# Window shortcuts (work wherever the focus is) and keys of the article (shown in the menu only).
KEYS = {
    "accept_all_suggestions": ["Ctrl+Alt+Return", "Ctrl+Alt+Enter"],
    "suggest_document": ["Ctrl+Shift+P"],
}
ARTICLE_KEYS = {
    "accept_suggestion": "Enter",
    "reject_suggestion": "Backspace",
    "next_suggestion": "J",
    "prev_suggestion": "U",
}
ACTIONS = ("accept_suggestion", "reject_suggestion", "next_suggestion", "prev_suggestion",
           "accept_all_suggestions", "reject_all_suggestions", "suggest_document", "suggest_all")
NEXT, PREVIOUS = "j", "u"  # J down, U up (K and L belong to links)

TINT = 0.40          # share of the label colour in a suggestion's fill (the rest is white)
CURRENT_TINT = 0.60  # ... in the current suggestion's fill
OUTLINE_DASH = [3.0, 2.5]
GROUP_COLOR = QColor("#B00020")


def tint(color: str, share: float) -> QColor:
    """``color`` mixed with white: ``share`` of the colour, the rest white."""
    c = QColor(color)
    return QColor(*(round(255 - (255 - v) * share) for v in (c.red(), c.green(), c.blue())))


def dashed_pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setStyle(Qt.PenStyle.CustomDashLine)
    pen.setDashPattern([d / width for d in OUTLINE_DASH])  # the pattern is in pen widths
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


class SuggestionLayer:
    """How the article draws suggestions (see the module docstring). Holds no data of its own
    but the current suggestion and its group, which the controller sets."""

    def __init__(self, view: ArticleView):
        self.view = view
        self.current: SpanId | None = None
        self.group: set[SpanId] = set()
        self._tagset: Tagset | None = None
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}
        self._outline: dict[str, QColor] = {}

    def is_suggestion(self, span_id: SpanId) -> bool:
        return is_suggestion(self.view.spans.get(span_id))

    def _colors(self) -> None:
        tagset = self.view.tagset
        if tagset is self._tagset:
            return
        self._tagset, self._formats, self._outline = tagset, {}, {}
        for label in tagset.span_labels if tagset else ():
            for current, share in ((False, TINT), (True, CURRENT_TINT)):
                fmt = QTextCharFormat()
                fmt.setBackground(tint(label.color, share))
                fmt.setForeground(QColor(TEXT_ON_FILL))
                fmt.setProperty(QTextCharFormat.Property.UserProperty, "suggestion")
                self._formats[(label.name, current)] = fmt
            self._outline[label.name] = QColor(label.color).darker(185)

    # -- hooks called by the article -----------------------------------------------------------
    def char_format(self, segment: Segment) -> QTextCharFormat | None:
        """The fill of a suggestion's characters (None: the view's ordinary label fill)."""
        if not self.is_suggestion(segment.span_id):
            return None
        self._colors()
        return self._formats.get((segment.label, segment.span_id == self.current))

    def draws_bar(self, segment: Segment) -> bool:
        """Ordinary spans get the view's solid bar; suggestions get a dashed outline instead."""
        return not self.is_suggestion(segment.span_id)

    def paint(self, painter: QPainter, layout: QTextLayout, origin: QPointF, segments: tuple[Segment, ...]) -> None:
        """Dashed outlines of a block's suggestions, and the current suggestion's group."""
        mine = [s for s in segments if self.is_suggestion(s.span_id)]
        if not mine:
            return
        self._colors()
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for segment in mine:
            grouped = segment.span_id in self.group
            color = GROUP_COLOR if grouped else self._outline.get(segment.label, QColor("#555555"))
            painter.setPen(dashed_pen(color, 1.8 if grouped else 1.2))
            inset = min(segment.lane, 3) * 2.0
            for rect in self.view._rects(layout, origin, segment.start, segment.end):
                painter.drawRoundedRect(rect.adjusted(-0.5, 1.5 + inset, 0.5, -1.5 - inset), 3, 3)
        painter.restore()


class SuggestionController(QObject):
    """Review keys, menu entries and the status label for suggestions (see the module docstring).

    Build it after the window has connected its own slots: it reads what they have shown.
    Its keys come after the article's own (labels, links) and after any mode's event filter.
    """

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.view = window.article
        self.layer = SuggestionLayer(self.view)
        self.view.layer = self.view.highlighter.layer = self.layer
        self.status = QLabel()
        self.status.setObjectName("suggestionsLeft")
        self.status.setContentsMargins(10, 0, 10, 0)
        window.statusBar().addPermanentWidget(self.status)
        self.dialog: SuggestDialog | None = None
        self.actions = {name: self._action(name) for name in ACTIONS}
        self.view.extra_keys = self._key
        session = self.session
        session.document_opened.connect(self._document_opened)
        session.spans_changed.connect(self._spans_changed)
        session.relations_changed.connect(self._show_current)
        session.selection_changed.connect(lambda _: self._show_current())
        session.project_closing.connect(self._closing)

    # -- actions -----------------------------------------------------------------------------
    def _action(self, name: str) -> QAction:
        session = self.session
        slots = {
            "accept_suggestion": session.accept_suggestion,
            "reject_suggestion": session.reject_suggestion,
            "next_suggestion": lambda: self.move(1),
            "prev_suggestion": lambda: self.move(-1),
            "accept_all_suggestions": session.accept_all_suggestions,
            "reject_all_suggestions": session.reject_all_suggestions,
            "suggest_document": session.suggest_document,
            "suggest_all": self.open_suggest_dialog,
        }
        action = QAction(tr(f"action.{name}"), self.window)
        if name in KEYS:
            action.setShortcuts([QKeySequence(k) for k in KEYS[name]])
            self.window.addAction(action)
        elif name in ARTICLE_KEYS:
            action.setText(f"{action.text()}\t{ARTICLE_KEYS[name]}")
        action.triggered.connect(lambda checked=False, slot=slots[name]: slot())
        self.window.actions_.by_name[name] = action
        return action

    def fill_menu(self, menu: QMenu) -> None:
        """Add the suggestion entries to ``menu`` (the Annotate menu, rebuilt per project)."""
        menu.addSeparator()
        for name in ACTIONS:
            if name == "accept_all_suggestions" or name == "suggest_document":
                menu.addSeparator()
            menu.addAction(self.actions[name])

    def open_suggest_dialog(self) -> SuggestDialog | None:
        """Suggest for every document: a dialog that runs the pre-annotator on a worker thread."""
        from ui.dialogs.suggest_dialog import SuggestDialog

        session = self.session
        if session.project is None or session.annotator is None:
            return None
        dialog = SuggestDialog(session.project, self.window.errors, session.annotator.name, self.window)
        dialog.suggested.connect(lambda result: session.suggestions_written(result.touched, result.added_in))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog = dialog
        return dialog

    def move(self, step: int) -> None:
        caret = self.view.selection()[0] if self.session.selected is None else None
        self.session.next_suggestion(step, caret=caret)

    # -- keys of the article -----------------------------------------------------------------
    def _key(self, event: QKeyEvent) -> bool:
        """Keys the article leaves unhandled (its label keys and modes come first)."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            self.session.accept_suggestion()
            return True
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        letter = keys.latin_key(event.text())
        if letter not in (NEXT, PREVIOUS):
            return False
        self.move(1 if letter == NEXT else -1)
        return True

    # -- following the session -----------------------------------------------------------------
    def _document_opened(self, _document_id: int) -> None:
        self.layer.current, self.layer.group = None, set()
        self._show_count()
        if self.session.selected is None and self.session.suggestions_left():
            self.session.next_suggestion(1)

    def _spans_changed(self, span_ids: object) -> None:
        # an accept changes only the origin: the view's index sees no change, so recolour here
        self._refresh(set(span_ids) if isinstance(span_ids, set) else set())
        self._show_current()
        self._show_count()

    def _show_current(self) -> None:
        """Follow the selection: tint the current suggestion and outline its group."""
        before = {self.layer.current, *self.layer.group}
        current = self.session.current_suggestion()
        self.layer.current = current.id if current is not None else None
        self.layer.group = set(self.session.suggestion_group(self.layer.current))
        after = {self.layer.current, *self.layer.group}
        if before != after:
            self._refresh((before | after) - {None})

    def _refresh(self, span_ids: set[SpanId]) -> None:
        self.view.recolour(span_ids)

    def _show_count(self) -> None:
        left = self.session.suggestions_left()
        self.status.setText(tr("bar.suggestions_left", count=number(left)) if left else "")
        self.status.setVisible(bool(left))

    def _closing(self) -> None:
        self.layer.current, self.layer.group = None, set()
        self.status.setVisible(False)

    # -- for tests and screenshots -------------------------------------------------------------
    def outlined(self) -> dict[SpanId, str]:
        """How each suggestion of the open document is outlined: "current", "group" or "dashed"."""
        out = {}
        for span_id, span in self.view.spans.items():
            if is_suggestion(span):
                out[span_id] = ("current" if span_id == self.layer.current
                                else "group" if span_id in self.layer.group else "dashed")
        return out

