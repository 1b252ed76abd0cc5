"""The selected span's attributes as a form generated from the tagset.

enum -> combo box, bool -> check box, text/date/duration -> line edit checked with the
tagset's own rule (an invalid value is marked and not saved), actor -> an actor picker (when
the window gives the panel an actor model). Below the form, sections added by the window
(:meth:`add_section`): the mention's actor, the time-expression assist, the links.
Required attributes are marked with *. Every change is an intent (:attr:`attribute_requested`);
the session pushes an undoable edit and the panel shows the stored result.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError
from annotator.ids import SpanId
from annotator.model import Span
from annotator.project import Project
from annotator.tagset import AttributeSpec, SpanLabel
from ui.i18n import display, tr
from ui.widgets.actor_picker import ActorCompletionModel, ActorPicker

INVALID_STYLE = "QLineEdit { border: 2px solid #C62828; }"
MAX_HEADER_TEXT = 120


class AttributePanel(QWidget):
    """Shows one span's label, text and attributes; edits become :attr:`attribute_requested`."""

    attribute_requested = Signal(int, str, object)  # span id, attribute name, value (None clears)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.span: Span | None = None
        self.label: SpanLabel | None = None
        self.editors: dict[str, QWidget] = {}
        self.actor_model: ActorCompletionModel | None = None  # set by the window: actor attributes get pickers
        self.header = QLabel(tr("attrs.none"))
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.legend = QLabel(tr("attrs.required"))
        self.legend.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.form_host)
        layout.addWidget(self.legend)
        self.sections = QVBoxLayout()
        self.sections.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.sections)
        layout.addStretch(1)
        self.legend.hide()

    def add_section(self, widget: QWidget) -> None:
        """Add a part below the attribute form (it shows and hides itself)."""
        self.sections.addWidget(widget)

    # -- showing ---------------------------------------------------------------------------
    def show_span(self, span: Span | None, project: Project | None, text: str) -> None:
        """Show ``span`` (None: nothing selected); rebuilds the form only when the label changes."""
        if span is None or project is None:
            self.span, self.label = None, None
            self._clear_form()
            self.header.setText(tr("attrs.none"))
            self.legend.hide()
            return
        label = project.tagset.find_label(span.label)
        rebuild = self.label != label or not self.editors and bool(label and label.attributes)
        self.span, self.label = span, label
        self._show_header(span, label, text)
        if rebuild:
            self._build(label, project)
        self._fill(span, project)

    def _show_header(self, span: Span, label: SpanLabel | None, text: str) -> None:
        snippet = span.text_in(text)
        if len(snippet) > MAX_HEADER_TEXT:
            snippet = snippet[: MAX_HEADER_TEXT - 1] + "…"
        color = label.color if label else "#DDDDDD"
        name = display(label.display) if label else span.label
        self.header.setText(f"<span style='background:{color}'>&nbsp;<b>{escape(name)}</b>&nbsp;</span>"
                            f"&nbsp; «{escape(snippet)}»")

    def _clear_form(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}

    def _build(self, label: SpanLabel | None, project: Project) -> None:
        self._clear_form()
        specs = label.attributes if label else ()
        for spec in specs:
            editor = self._editor(spec)
            editor.setObjectName(f"attr_{spec.name}")
            caption = QLabel(display(spec.display) + (" *" if spec.required else ""))
            if spec.required:
                caption.setStyleSheet("font-weight: bold;")
            caption.setToolTip(spec.description)
            editor.setToolTip(spec.description)
            self.form.addRow(caption, editor)
            self.editors[spec.name] = editor
        self.legend.setVisible(any(s.required for s in specs))

    def _editor(self, spec: AttributeSpec) -> QWidget:
        if spec.type == "enum":
            combo = QComboBox()
            combo.addItem(tr("attrs.empty"), None)
            for value in spec.values:
                combo.addItem(display(value.display), value.name)
            combo.currentIndexChanged.connect(lambda _i, s=spec, c=combo: self._request(s, c.currentData()))
            return combo
        if spec.type == "bool":
            box = QCheckBox()
            box.toggled.connect(lambda checked, s=spec: self._request(s, checked))
            return box
        if spec.type == "actor" and self.actor_model is not None:
            picker = ActorPicker(self.actor_model)
            picker.actor_chosen.connect(lambda actor_id, s=spec: self._request(s, actor_id))
            picker.clear_requested.connect(lambda s=spec: self._request(s, None))
            return picker
        edit = QLineEdit()
        if spec.type == "actor":
            edit.setReadOnly(True)
            edit.setPlaceholderText(tr("attrs.actor_later"))
            return edit
        edit.setPlaceholderText({"date": "YYYY-MM-DD", "duration": "P20D"}.get(spec.type, ""))
        edit.editingFinished.connect(lambda s=spec, e=edit: self._text_done(s, e))
        return edit

    def _fill(self, span: Span, project: Project) -> None:
        for name, editor in self.editors.items():
            value = span.attrs.get(name)
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                found = editor.findData(value)
                editor.setCurrentIndex(max(found, 0))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, ActorPicker):
                editor.set_current(self._actor(project, value))
            elif isinstance(editor, QLineEdit):
                editor.setStyleSheet("")
                editor.setText(self._actor_name(project, span) if editor.isReadOnly() else str(value or ""))
            editor.blockSignals(False)

    @staticmethod
    def _actor(project: Project, actor_id: Any):
        try:
            return project.actor(actor_id) if actor_id is not None else None
        except AnnotatorError:
            return None

    @staticmethod
    def _actor_name(project: Project, span: Span) -> str:
        if span.actor_id is None:
            return ""
        try:
            return project.actor(span.actor_id).name
        except AnnotatorError:  # a dangling link shows as its id rather than failing the panel
            return str(span.actor_id)

    # -- editing ---------------------------------------------------------------------------
    def _request(self, spec: AttributeSpec, value: Any) -> None:
        if self.span is not None:
            self.attribute_requested.emit(SpanId(self.span.id), spec.name, value)

    def _text_done(self, spec: AttributeSpec, edit: QLineEdit) -> None:
        value = edit.text().strip() or None
        if self.span is None or value == self.span.attrs.get(spec.name):
            return
        reason = spec.check_value(value) if value is not None else None
        if reason:
            edit.setStyleSheet(INVALID_STYLE)
            edit.setToolTip(tr("attrs.invalid", reason=reason))
            self.problem.emit(f"{display(spec.display)}: {reason}")
            return
        edit.setStyleSheet("")
        edit.setToolTip(spec.description)
        self._request(spec, value)
