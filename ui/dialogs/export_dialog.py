"""File > Export: one layer of the project in a training format, on a worker with progress.

The export itself is :func:`annotator.exporters.export_project` (written into a hidden folder
and moved into place at the end, so a cancelled export leaves nothing). Formats whose package
is not installed (``datasets`` for hf, ``spacy`` for spacy) are listed but disabled, with the
command that installs them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from annotator.adjudication import GOLD, is_gold
from annotator.exporters import ALWAYS_SPLIT, FORMATS, ExportReport, export_project
from annotator.project import Project
from annotator.splits import DEFAULT_SEED, DEFAULT_SPLIT
from ui.dialogs.job_dialog import JobDialog
from ui.errors import ErrorPresenter
from ui.i18n import number, tr

#: Formats that need an optional package, and which.
EXTRAS = {"hf": "datasets", "spacy": "spacy"}
ALL = "all"


def available(fmt: str) -> bool:
    """Whether the package ``fmt`` needs can be imported (looked up, not imported)."""
    package = EXTRAS.get(fmt)
    return package is None or importlib.util.find_spec(package) is not None


class ExportDialog(JobDialog):
    """Format, layer, documents, split, seed and folder; then the export and what it wrote."""

    def __init__(self, project: Project, errors: ErrorPresenter, parent: QWidget | None = None):
        super().__init__(project, errors, title=tr("export.title"), run_text=tr("export.run"), parent=parent)
        self.format = QComboBox()
        self.format_note = QLabel()
        self.format_note.setWordWrap(True)
        self.format_note.setStyleSheet("color: #6B4E00;")
        self.layer = QComboBox()
        self.status_box = QComboBox()
        self.split_on = QCheckBox(tr("export.split"))
        self.split = QLineEdit(DEFAULT_SPLIT)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(DEFAULT_SEED)
        self.out = QLineEdit()
        self.out.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a path reads left to right
        self.overwrite = QCheckBox(tr("export.overwrite"))
        choose = QPushButton(tr("export.choose"))
        choose.clicked.connect(self.choose_folder)
        self._fill()
        self._out_edited = False
        self.out.textEdited.connect(lambda _: setattr(self, "_out_edited", True))
        self.format.currentIndexChanged.connect(lambda _: self._format_changed())
        self.split_on.toggled.connect(self.split.setEnabled)
        split_row, out_row = QHBoxLayout(), QHBoxLayout()
        split_row.addWidget(self.split_on)
        split_row.addWidget(self.split, 1)
        out_row.addWidget(self.out, 1)
        out_row.addWidget(choose)
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("export.format"), self.format)
        form.addRow("", self.format_note)
        form.addRow(tr("export.layer"), self.layer)
        form.addRow(tr("export.status"), self.status_box)
        form.addRow("", split_row)
        form.addRow(tr("export.seed"), self.seed)
        form.addRow(tr("export.out"), out_row)
        form.addRow("", self.overwrite)
        self._format_changed()

    def _fill(self) -> None:
        model = self.format.model()
        assert isinstance(model, QStandardItemModel)
        notes = []
        for fmt in FORMATS:
            self.format.addItem(fmt, fmt)
            if not available(fmt):
                item = model.item(self.format.count() - 1)
                item.setEnabled(False)
                note = tr("export.needs", format=fmt, package=EXTRAS[fmt])
                item.setToolTip(note)
                notes.append(note)
        self.format_note.setText("\n".join(notes))
        self.format_note.setVisible(bool(notes))
        self.layer.addItem(tr("export.layer_gold"), GOLD)
        for annotator in self.project.annotators():
            if not is_gold(annotator):
                self.layer.addItem(annotator.name, annotator.name)
        self.layer.addItem(tr("export.layer_all"), ALL)
        self.status_box.addItem(tr("export.status_any"), "any")
        self.status_box.addItem(tr("export.status_done"), "done")

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        always = fmt in ALWAYS_SPLIT
        if always:
            self.split_on.setChecked(True)
        self.split_on.setEnabled(not always)
        self.split.setEnabled(self.split_on.isChecked())
        if not self._out_edited:
            self.out.setText(str(self.default_folder(fmt)))

    def default_folder(self, fmt: str) -> Path:
        path = self.project.path or Path.cwd() / "project.db"
        return path.parent / f"{path.stem.split('.')[0]}-{fmt}"

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("export.out"), str(Path(self.out.text()).parent))
        if folder:
            self.set_output(Path(folder) / Path(self.out.text() or "export").name)

    def set_output(self, path: str | Path) -> None:
        self.out.setText(str(path))
        self._out_edited = True

    # -- running --------------------------------------------------------------------------------
    def start(self) -> None:
        out = self.out.text().strip()
        if not out:
            self.show_text(tr("export.no_out"), problem=True)
            return
        options = {
            "format": self.format.currentData(), "layer": self.layer.currentData(),
            "status": self.status_box.currentData(), "seed": self.seed.value(),
            "split": self.split.text().strip() if self.split_on.isChecked() else None,
            "overwrite": self.overwrite.isChecked(),
        }

        def job(project: Project, progress, cancelled) -> ExportReport:
            return export_project(project, Path(out), **options, command="annotator window: File > Export",
                                  progress=lambda r: progress(r.done, r.total, ""), cancelled=cancelled)

        self.run(job, tr("export.running"))

    def show_result(self, result: object) -> None:
        assert isinstance(result, ExportReport)
        if result.cancelled:
            return
        lines = [tr("export.done", documents=number(result.documents), spans=number(result.spans),
                    relations=number(result.relations), out=result.out)]
        for split, counts in (result.per_split.items() if result.split else ()):
            lines.append(tr("export.part", split=split, documents=number(counts["documents"]),
                            spans=number(counts["spans"])))
        lines += result.warnings + result.notes
        self.show_text("\n".join(lines))
