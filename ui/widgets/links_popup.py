"""The link popup: which kind of link to make from the selected span (L, then a digit).

Lists the relation types the tagset lets this label start, numbered, with Persian names;
the open ones first (ATTRIBUTED_TO for a quote, COMMITTED_BY for a commitment), those
already at their limit last and greyed. Types whose tail may be an actor also offer
"→ actor…". Digits (Latin, Persian or Arabic-Indic) or Enter choose; Escape cancels.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QMenu, QWidget

from annotator.tagset import Tagset
from ui.i18n import digits, display, tr
from ui.keys import digit_value
from ui.operations import RelationChoice
from ui.widgets.label_palette import swatch


def choice_text(tagset: Tagset, choice: RelationChoice) -> str:
    """How a choice reads: «گوینده ← اشاره به کنشگر» or «گوینده ← کنشگر…»."""
    rt = tagset.relation(choice.type)
    if choice.to_actor:
        return tr("links.to_actor", relation=display(rt.display))
    tails = "، ".join(display(tagset.label(t).display) for t in rt.tail_labels)
    return tr("links.to_span", relation=display(rt.display), tails=tails)


class RelationPopup(QMenu):
    """Numbered link choices; emits :attr:`chosen` (a :class:`RelationChoice`) or :attr:`cancelled`."""

    chosen = Signal(object)
    cancelled = Signal()

    def __init__(self, tagset: Tagset, choices: list[RelationChoice], label_name: str,
                 colors: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("relationPopup")
        self.choices = choices
        self._done = False
        title = self.addAction(tr("links.popup_title", label=label_name, count=digits(len(choices))))
        title.setEnabled(False)
        self.addSeparator()
        self.choice_actions: list[QAction] = []
        for n, choice in enumerate(choices, start=1):
            action = self.addAction(swatch(colors.get(choice.type, "#888888")),
                                    f"{digits(n)}   {choice_text(tagset, choice)}")
            action.setEnabled(choice.enabled)
            action.triggered.connect(lambda _=False, c=choice: self._choose(c))
            self.choice_actions.append(action)
        self.aboutToHide.connect(lambda: QTimer.singleShot(0, self, self._hidden))

    def open_at(self, point: QPoint) -> None:
        self.popup(point)
        first = next((a for a in self.choice_actions if a.isEnabled()), None)
        if first is not None:
            self.setActiveAction(first)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        n = digit_value(event.text())
        if n is not None and 1 <= n <= len(self.choice_actions):
            if self.choice_actions[n - 1].isEnabled():
                self.close()  # first, so what the choice opens (link mode, a dialog) keeps the focus
                self.choice_actions[n - 1].trigger()
            return
        super().keyPressEvent(event)

    def _choose(self, choice: RelationChoice) -> None:
        if not self._done:
            self._done = True
            self.chosen.emit(choice)

    def _hidden(self) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()
