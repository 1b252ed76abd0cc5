"""The time-expression assist: what the normaliser reads in the selected TIME_EXPR span.

Runs :func:`annotator.timex.normalize_timex` on the span's text, anchored to the document's
publication date (none: relative expressions get no calendar date), and shows the proposal:
type, ISO value, the date it resolves to (Gregorian and Jalali), the modifier and any note.
"Apply" fills the label's attributes (which ones: :func:`ui.operations.timex_attrs`, read from
the tagset) in one undoable step. What the normaliser cannot read is said in one line; it
never guesses.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.ids import SpanId
from annotator.model import Span
from annotator.tagset import SpanLabel
from annotator.timex import Timex, TimexError, normalize_timex
from ui.i18n import digits, display, tr
from ui.operations import timex_attribute_names, timex_attrs


def anchor_date(published: str | None) -> dt.date | None:
    """The publication date (ISO date or date-time) as the anchor; None when absent or unreadable."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def jalali(day: dt.date) -> str:
    """``day`` in the Jalali calendar, YYYY/MM/DD (jdatetime when available)."""
    try:
        import jdatetime
    except ImportError:  # an optional nicety
        return ""
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")


class TimexAssist(QFrame):
    """Shows the normaliser's reading of a span; :attr:`apply_requested` fills the attributes."""

    apply_requested = Signal(int, object)  # span id, {attribute: value}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timexAssist")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#timexAssist { background: #F3F8FE; border: 1px solid #B6CCE8; border-radius: 4px; }")
        self.span: Span | None = None
        self.timex: Timex | None = None
        self.proposal: dict[str, Any] = {}
        self.title = QLabel(tr("timex.title"))
        self.title.setStyleSheet("font-weight: bold;")
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        self.reading.setTextFormat(Qt.TextFormat.RichText)
        self.reading.setObjectName("timexReading")
        self.apply_button = QPushButton(tr("timex.apply"))
        self.apply_button.setObjectName("timexApply")
        self.apply_button.setToolTip(tr("timex.apply_tip"))
        self.apply_button.clicked.connect(self._apply)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.reading)
        self.hide()

    def show_for(self, span: Span | None, label: SpanLabel | None, text: str, published: str | None) -> None:
        """Read ``span`` (a label with time attributes); hide for anything else."""
        if span is None or label is None or not timex_attrs_possible(label):
            self.span, self.timex, self.proposal = None, None, {}
            self.hide()
            return
        self.span = span
        anchor = anchor_date(published)
        expression = " ".join(text[s:e] for s, e in span.fragments)
        try:
            self.timex = normalize_timex(expression, anchor=anchor)
        except TimexError as exc:
            self.timex, self.proposal = None, {}
            self.reading.setText(f"<span style='color:#8A1C1C'>{escape(tr('timex.unreadable', reason=str(exc)))}</span>")
            self.apply_button.setEnabled(False)
            self.apply_button.setText(tr("timex.apply"))
            self.show()
            return
        self.proposal = timex_attrs(label, self.timex)
        self.reading.setText(self._describe(self.timex, label, anchor))
        done = bool(self.proposal) and all(span.attrs.get(k) == v for k, v in self.proposal.items())
        self.apply_button.setEnabled(bool(self.proposal) and not done)
        self.apply_button.setText(tr("timex.applied") if done else tr("timex.apply"))
        self.show()

    def _describe(self, timex: Timex, label: SpanLabel, anchor: dt.date | None) -> str:
        rows = [(tr("timex.type"), self._value_name(label, "timex_type", timex.type)),
                (tr("timex.value"), f"<b dir='ltr'>{escape(timex.value)}</b>"
                 + (f" … <b dir='ltr'>{escape(timex.value_max)}</b>" if timex.value_max else ""))]
        if timex.resolved is not None:
            day = timex.resolved.isoformat()
            rows.append((tr("timex.resolved"), f"<span dir='ltr'>{day}</span> ({digits(jalali(timex.resolved))})"))
        elif anchor is None:
            rows.append((tr("timex.resolved"), escape(tr("timex.no_anchor"))))
        if timex.mod:
            rows.append((tr("timex.mod"), self._value_name(label, "deadline_mod", timex.mod)))
        if timex.note:
            rows.append((tr("timex.note"), escape(timex.note)))
        return "<br/>".join(f"{escape(k)}: {v}" for k, v in rows)

    @staticmethod
    def _value_name(label: SpanLabel, attribute: str, value: str) -> str:
        spec = label.attribute(attribute)
        found = next((v for v in spec.values if v.name == value), None) if spec else None
        return f"<b>{escape(display(found.display))}</b> ({value})" if found else f"<b>{escape(value)}</b>"

    def _apply(self) -> None:
        if self.span is not None and self.proposal:
            self.apply_requested.emit(SpanId(self.span.id), dict(self.proposal))


def timex_attrs_possible(label: SpanLabel) -> bool:
    """Whether ``label`` has the attributes a normalised time expression fills (a type and a value)."""
    names = timex_attribute_names(label)
    return "type" in names and "value" in names
