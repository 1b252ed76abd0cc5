"""Review > Adjudicate: every annotator's version of one document side by side, the gold layer
beside them, and the list of units to decide.

Columns run right to left in the order annotators joined (key 1 is the first); each shows that
annotator's spans in label colours, with a dashed box around the spans of open disagreements, and
the current unit outlined. Selecting a unit (in the list, with N/P, or by clicking a span)
scrolls every column to it. Decisions are :mod:`annotator.adjudication` edits on this window's
own undo stack (one per document; Ctrl+Z here), each audited in the project.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolBar,
    QWidget,
)

from annotator.adjudication import (
    AGREE,
    GOLD_ONLY,
    OPEN,
    Disagreement,
    DocumentReview,
    adjudication_status,
    review_document,
    start_adjudication,
)
from annotator.ids import DocumentId
from annotator.model import STATUSES, Document
from annotator.project import Project
from ui import (
    keys,
    lead_strings,  # noqa: F401 - registers the strings used here
)
from ui.errors import ErrorPresenter
from ui.i18n import digits, display, layout_direction, number, status_name, tr
from ui.review.decisions import Decisions
from ui.review.gold_editor import GoldEditor
from ui.review.model import Describer, UnitTableModel, isolate
from ui.review.views import LayerColumn
from ui.session import Session
from ui.undo import DocumentHistory
from ui.widgets.label_palette import swatch
from ui.widgets.tables import rows_to_pick_one

# Keys of the review window, for its menu and the README.
KEYS = {
    "accept_agreed": ["Return", "Enter"],
    "edit": ["E"],
    "reject": ["X"],
    "next": ["N"],
    "prev": ["P"],
    "accept_all": ["Ctrl+Shift+A"],
    "done": ["Ctrl+Return", "Ctrl+Enter"],
    "next_doc": ["Alt+PgDown"],
    "prev_doc": ["Alt+PgUp"],
}
MAX_VERSIONS = 9
# Alt+n: only annotator n's attributes; Ctrl+n: only their links (onto the gold span of the unit)
PART_KEYS = {"attributes": ("Alt", Qt.KeyboardModifier.AltModifier),
             "links": ("Ctrl", Qt.KeyboardModifier.ControlModifier)}
GOLD_WIDTH = 300  # the list's gold column, in pixels


class ReviewWindow(Decisions, QMainWindow):
    """Adjudicate one document at a time; opened by :class:`ui.lead_tools.LeadTools`."""

    decided = Signal()  # after every applied or undone decision (tests wait on it)

    def __init__(self, session: Session, errors: ErrorPresenter, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewWindow")
        self.setLayoutDirection(layout_direction())
        self.session, self.errors = session, errors
        self.document: Document | None = None
        self.text = ""
        self.tokens: tuple = ()
        self.review: DocumentReview | None = None
        self.editing = False
        self.reason_dialog: QInputDialog | None = None
        self._following = False
        self.history = DocumentHistory(self)
        self.undo_group = self.history.group
        self.columns: list[LayerColumn] = []
        self.text_font: QFont | None = None
        self.model = UnitTableModel(self)
        self.table = QTableView()
        self.gold_column = LayerColumn(tr("review.gold"), self.tagset, gold=True)
        self.gold_editor = GoldEditor(self)
        self.gold_editor.attach(self.gold_column.view)
        self.gold_column.view.verticalScrollBar().valueChanged.connect(lambda _: self._follow(self.gold_column.view))
        self.gold_column.view.leave_requested.connect(lambda: self.set_editing(False))
        self.status_combo = QComboBox()
        self.show_all = QCheckBox(tr("review.show_all"))
        self.count = QLabel()
        self.actions_: dict[str, QAction] = {}
        self._assemble()
        self._build_actions()
        self.resize(1500, 900)

    # -- shortcuts to the session --------------------------------------------------------------
    @property
    def project(self) -> Project | None:
        return self.session.project

    @property
    def tagset(self):
        return self.session.tagset

    @property
    def snap(self) -> bool:
        return self.session.snap

    def label_name(self, label: str) -> str:
        return self.session.label_name(label)

    # -- assembly --------------------------------------------------------------------------------
    def _assemble(self) -> None:
        self.columns_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.columns_splitter.setChildrenCollapsible(False)
        self.columns_splitter.addWidget(self.gold_column)
        table = self.table
        table.setModel(self.model)
        rows_to_pick_one(table)
        table.setAlternatingRowColors(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.selectionModel().currentRowChanged.connect(lambda current, _: self._row_changed(current.row()))
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(self.columns_splitter)
        main.addWidget(table)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 1)
        main.setSizes([560, 320])
        self.setCentralWidget(main)
        bar = QToolBar(tr("menu.review"), self)
        bar.setObjectName("reviewToolbar")
        bar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        for status in STATUSES:
            self.status_combo.addItem(status_name(status), status)
        self.status_combo.activated.connect(lambda _: self.set_status(self.status_combo.currentData()))
        self.show_all.toggled.connect(lambda _: self._fill_table(keep=self.current_index()))
        hint = QLabel(tr("review.hint"))
        hint.setStyleSheet("color: #555;")
        self.statusBar().addWidget(hint, 1)
        self.statusBar().addPermanentWidget(self.count)
        for view in [self.gold_column.view]:
            view.installEventFilter(self)
        table.installEventFilter(self)

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(tr("menu.review"))
        undo = self.undo_group.createUndoAction(self, tr("action.undo_prefix"))
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_group.createRedoAction(self, tr("action.redo_prefix"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for name, action in (("undo", undo), ("redo", redo)):
            self.addAction(action)
            menu.addAction(action)
            self.actions_[name] = action
        menu.addSeparator()
        for n in range(1, MAX_VERSIONS + 1):
            self._action(menu, f"accept_{n}", lambda n=n: self.accept_version(n),
                         text=tr("review.accept", n=digits(n)), shortcuts=[str(n)])
        parts = menu.addMenu(tr("review.parts"))
        for part, (modifier, _) in PART_KEYS.items():
            for n in range(1, MAX_VERSIONS + 1):
                self._action(parts, f"accept_{part}_{n}", lambda n=n, part=part: self.accept_part(n, part),
                             text=tr(f"review.accept_{part}", n=digits(n)), shortcuts=[f"{modifier}+{n}"])
        commands = {
            "accept_agreed": self.accept_agreed, "edit": self.edit_gold, "reject": self.reject_all,
            "next": lambda: self.step(1), "prev": lambda: self.step(-1), "accept_all": self.accept_all_agreed,
            "done": lambda: self.set_status("done"), "next_doc": lambda: self.go_to_document(1),
            "prev_doc": lambda: self.go_to_document(-1),
        }
        for name, slot in commands.items():
            if name in ("accept_all", "next_doc"):
                menu.addSeparator()
            self._action(menu, name, slot, text=tr(f"review.{name}"), shortcuts=KEYS[name])
        self.toolbar.addWidget(QLabel(tr("review.status")))
        self.toolbar.addWidget(self.status_combo)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.actions_["accept_all"])
        self.toolbar.addAction(self.actions_["done"])
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.show_all)
        self.toolbar.addSeparator()
        self.legend = QToolBar(self)
        self.legend.setObjectName("legend")
        self.legend.setMovable(False)
        self.legend.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.legend)

    def _action(self, menu, name: str, slot, *, text: str, shortcuts: list[str]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in shortcuts])
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        menu.addAction(action)
        self.actions_[name] = action
        return action

    def _plain_actions(self) -> list[QAction]:
        """The decision keys (digits, with Alt or Ctrl too, and letters): off while gold is being edited."""
        names = [f"accept_{n}" for n in range(1, MAX_VERSIONS + 1)] + ["accept_agreed", "edit", "reject", "next", "prev"]
        names += [f"accept_{part}_{n}" for part in PART_KEYS for n in range(1, MAX_VERSIONS + 1)]
        return [self.actions_[n] for n in names]

    # -- documents -------------------------------------------------------------------------------
    def open_document(self, document_id: DocumentId) -> None:
        project = self.project
        assert project is not None
        self.set_editing(False)
        self.document = project.document(document_id)
        self.text = self.document.text
        self.tokens = project.tokenization(document_id).tokens
        start_adjudication(project, document_id)
        self.history.activate(document_id)
        self.setWindowTitle(tr("review.title", document=self.document.title))
        self._fill_legend()
        self.reload(keep=None, new_text=True)
        self._select_row(self._next_open_row(-1) or 0)

    def forget_history(self) -> None:
        """Drop every undo step (after a merge rewrote layers these steps point at)."""
        self.history.forget()

    def go_to_document(self, step: int) -> None:
        if self.project is None or self.document is None:
            return
        ids = self.project.document_ids()
        position = ids.index(self.document.id) + step
        if 0 <= position < len(ids):
            self.open_document(ids[position])
        else:
            self.info(tr("bar.last_document"))

    def set_text_font(self, font: QFont) -> None:
        """The article font of the annotation window, in every column."""
        self.text_font = font
        for column in [*self.columns, self.gold_column]:
            column.view.set_text_font(font)

    def _fill_legend(self) -> None:
        self.legend.clear()
        for label in self.tagset.span_labels:
            self.legend.addAction(swatch(label.color), display(label.display)).setEnabled(True)

    # -- showing ---------------------------------------------------------------------------------
    def reload(self, *, keep: int | None, new_text: bool = False) -> None:
        """Read the document's layers again and redraw columns, list and status."""
        project = self.project
        assert project is not None and self.document is not None
        self.review = review_document(project, self.document.id)
        self._ensure_columns(self.review.names)
        marked: dict[int, list] = {}
        for unit in self.review.units:
            if unit.kind not in (AGREE, GOLD_ONLY) and unit.status == OPEN:
                for version in unit.versions.values():
                    marked.setdefault(self.review.names.index(version.annotator), []).append(version.span.id)
        for position, (column, name) in enumerate(zip(self.columns, self.review.names)):
            spans = self.review.spans[name]
            column.show_layer(self.text, spans, same_text=not new_text)
            column.set_title(tr("review.column", n=digits(position + 1), name=isolate(name), count=number(len(spans))))
            column.view.mark(marked.get(position, []))
        self.gold_column.show_layer(self.text, self.review.gold_spans, same_text=not new_text)
        self.gold_column.set_title(tr("review.gold_editing") if self.editing else
                                   f"{tr('review.gold')} — {number(len(self.review.gold_spans))}")
        self._fill_table(keep=keep)
        status = adjudication_status(project, self.document.id)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))

    def _ensure_columns(self, names: tuple[str, ...]) -> None:
        if len(self.columns) == len(names):
            return
        for column in self.columns:
            column.setParent(None)
            column.deleteLater()
        self.columns = []
        for position, name in enumerate(names):
            column = LayerColumn(name, self.tagset)
            column.view.span_select_requested.connect(self._span_clicked)
            column.view.installEventFilter(self)
            column.view.verticalScrollBar().valueChanged.connect(lambda _, v=column.view: self._follow(v))
            if self.text_font is not None:
                column.view.set_text_font(self.text_font)
            self.columns_splitter.insertWidget(position, column)
            self.columns.append(column)
        self.columns_splitter.setSizes([1000] * (len(names) + 1))

    def _fill_table(self, *, keep: int | None) -> None:
        assert self.review is not None and self.document is not None and self.project is not None
        project = self.project
        describer = Describer(self.text, self.tagset, lambda i: project.actor(i).name)  # type: ignore[arg-type]
        describer.units = self.review.units
        units = [u for u in self.review.units if self.show_all.isChecked() or u.kind != AGREE]
        self.model.set_units(self.review.names, units, describer)
        header, last = self.table.horizontalHeader(), self.model.columnCount() - 1
        for column in range(last + 1):
            mode = QHeaderView.ResizeMode.Stretch if 1 < column < last else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive)
        if header.sectionSize(last) < GOLD_WIDTH:
            header.resizeSection(last, GOLD_WIDTH)
        open_count = sum(1 for u in self.review.units if u.kind not in (AGREE, GOLD_ONLY) and u.status == OPEN)
        total = sum(1 for u in self.review.units if u.kind not in (AGREE, GOLD_ONLY))
        self.count.setText(tr("review.count", open=number(open_count), total=number(total)))
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        unit = self.model.unit_at(row)
        if unit is None or self.review is None:
            return
        self._following = True  # each column centres the unit itself
        try:
            for column, name in zip(self.columns, self.review.names):
                version = unit.versions.get(name)
                column.view.reveal(version.span.id if version else None, unit.start)
            if not self.editing:  # while gold is edited, its view stays where the lead works
                self.gold_column.view.reveal(unit.gold.span.id if unit.gold else None, unit.start)
        finally:
            self._following = False

    def _follow(self, source) -> None:
        """Scrolling one column scrolls the others to the same place in the text."""
        if self._following:
            return
        self._following = True
        try:
            position = source.top_position()
            for view in [c.view for c in self.columns] + [self.gold_column.view]:
                if view is not source:
                    view.scroll_to(position)
        finally:
            self._following = False

    def current(self) -> Disagreement | None:
        return self.model.unit_at(self.table.currentIndex().row())

    def current_index(self) -> int | None:
        unit = self.current()
        return unit.index if unit else None

    def _span_clicked(self, span_id: object) -> None:
        if self.review is None or span_id is None or span_id not in self.review.unit_of:
            return
        index = self.review.unit_of[span_id]  # type: ignore[index]
        if self.model.row_of(index) is None:
            self.show_all.setChecked(True)
        row = self.model.row_of(index)
        if row is not None:
            self._select_row(row)

    # -- keys in other layouts, closing ----------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A letter or digit typed with another keyboard layout (Persian «د» is N, «۱» is 1)."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or self.editing:
            return False
        modifiers = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        latin = keys.latin_key(event.text())
        if modifiers:  # Alt+۱ or Ctrl+۱ on the Persian layout: the digit still counts
            part = next((p for p, (_, m) in PART_KEYS.items() if modifiers == m), None)
            action = self.actions_.get(f"accept_{part}_{latin}") if part and latin.isdigit() else None
            if action is not None and action.isEnabled():
                action.trigger()
                return True
            return False
        name = f"accept_{latin}" if latin.isdigit() else {"e": "edit", "x": "reject", "n": "next", "p": "prev"}.get(latin)
        action = self.actions_.get(name or "")
        if action is not None and action.isEnabled():
            action.trigger()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.eventFilter(self, event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.set_editing(False)
        super().closeEvent(event)
