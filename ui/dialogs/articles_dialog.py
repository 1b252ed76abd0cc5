"""File > Import articles: add articles (txt, jsonl, csv files or whole folders) to the project,
on a worker, with progress and Cancel.

The import itself is :func:`annotator.ingest.import_paths`: each file lands whole or is reported
and skipped, a text already in the project is counted as a duplicate, and Cancel stops before the
next file (what was imported stays). When documents were added, :attr:`ArticlesDialog.imported`
asks the window to refresh its document list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from annotator.importers import iter_sources
from annotator.ingest import ImportReport, import_paths
from annotator.project import Project
from ui.dialogs.job_dialog import PathsJobDialog
from ui.errors import ErrorPresenter
from ui.i18n import number, tr

FORMATS = ("auto", "txt", "jsonl", "csv")
MAX_PROBLEMS_SHOWN = 50


class ArticlesDialog(PathsJobDialog):
    """Choose files and folders and a format, import them, read what happened."""

    imported = Signal(object)  # ImportReport, when documents were added

    def __init__(self, project: Project, errors: ErrorPresenter, parent: QWidget | None = None):
        adders = [(tr("articles.add_files"), self.choose_files), (tr("articles.add_folder"), self.choose_folder)]
        super().__init__(project, errors, title=tr("articles.title"), run_text=tr("articles.run"),
                         intro=tr("articles.intro"), adders=adders, parent=parent)
        self.format = QComboBox()
        for name in FORMATS:
            self.format.addItem(tr(f"articles.format_{name}"), name)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("articles.format")))
        row.addWidget(self.format, 1)
        self.form_layout.addLayout(row)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("articles.add_files"), "", tr("articles.filter"))
        self.add_paths(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("articles.add_folder"))
        if folder:
            self.add_paths([folder])

    def set_format(self, name: str) -> None:
        self.format.setCurrentIndex(FORMATS.index(name))

    # -- running --------------------------------------------------------------------------------
    def start(self) -> None:
        paths = [Path(p) for p in self.paths()]
        if not paths:
            self.show_text(tr("articles.none"), problem=True)
            return
        fmt = self.format.currentData()

        def job(project: Project, progress, cancelled) -> ImportReport:
            total = sum(1 for _ in iter_sources(paths, fmt=fmt))  # also refuses a missing path, by name
            return import_paths(project, paths, fmt=fmt, cancelled=cancelled,
                                progress=lambda report: progress(report.files, total, ""))

        self.run(job, tr("articles.running"))

    def show_result(self, result: object) -> None:
        assert isinstance(result, ImportReport)
        lines = [tr("articles.done", added=number(result.added), files=number(result.files),
                    duplicates=number(result.duplicates), skipped=number(result.skipped))]
        problems = [str(p) for p in result.problems]
        lines += problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(tr("articles.more_problems", count=number(len(problems) - MAX_PROBLEMS_SHOWN)))
        if result.cancelled:
            self.status.setText(tr("articles.cancelled"))
        self.show_text("\n".join(lines), problem=bool(problems) and not result.added)
        if result.added:
            self.imported.emit(result)
