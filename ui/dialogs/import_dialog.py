"""File > Import annotations: merge annotators' project files into this one, on a worker.

The merge itself is :func:`annotator.handout.merge.merge_databases`: everything is checked
before anything is written, a backup copy is made, and it cannot be undone (the dialog says so
before it starts). A refusal lists its reasons in the core's own words. When the merge
changed something, :attr:`ImportDialog.merged` asks the window to refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QWidget

from annotator.handout.merge import MergeError, MergeReport, merge_databases
from annotator.project import Project
from ui.dialogs.job_dialog import PathsJobDialog
from ui.errors import ErrorPresenter
from ui.i18n import tr


class ImportDialog(PathsJobDialog):
    """Choose files, merge them with progress and Cancel, read the report."""

    merged = Signal(object)  # MergeReport, when the project changed

    def __init__(self, project: Project, errors: ErrorPresenter, parent: QWidget | None = None):
        super().__init__(project, errors, title=tr("import.title"), run_text=tr("import.run"),
                         intro=tr("import.intro"), adders=[(tr("import.add"), self.choose_files)], parent=parent)
        self.add_documents = QCheckBox(tr("import.add_documents"))
        self.form_layout.addWidget(self.add_documents)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("import.choose"), "", tr("dialog.filter"))
        self.add_paths(paths)

    # -- running --------------------------------------------------------------------------------
    def start(self) -> None:
        paths = self.paths()
        if not paths:
            self.show_text(tr("import.none"), problem=True)
            return
        add_documents = self.add_documents.isChecked()

        def job(project: Project, progress, cancelled) -> MergeReport:
            return merge_databases(project, paths, add_documents=add_documents, backup=True,
                                   progress=progress, cancelled=cancelled)

        self.run(job, tr("import.running"))

    def show_result(self, result: object) -> None:
        assert isinstance(result, MergeReport)
        if result.cancelled:
            return
        lines = [tr("import.done"), *result.lines()]
        if result.backup is not None:
            lines.append(tr("import.backup", path=result.backup))
        self.show_text("\n".join(lines))
        if result.changed:
            self.merged.emit(result)

    def show_failure(self, error: BaseException) -> None:
        if isinstance(error, MergeError):
            self.show_text(str(error).strip(), problem=True)  # "nothing was merged; fix these first: ..."
        else:
            super().show_failure(error)
