"""Suggest for every document: the pre-annotator over the whole project, off the GUI thread.

Writes into the current annotator's layer, like Annotate > Suggest for this document, one
document (one transaction) at a time, with progress and Cancel; documents already done stay
written when cancelled. Not undoable: the dialog says so before it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from annotator.ids import DocumentId
from annotator.preannotate import ApplyReport, preannotate_document
from annotator.project import Project
from ui.dialogs.job_dialog import JobDialog
from ui.errors import ErrorPresenter
from ui.i18n import add_strings, display, number, tr

add_strings({
    "suggest.title": ("پیشنهاد خودکار برای همه سندها", "Suggest for every document"),
    "suggest.intro": (("پیش‌نشانه‌گذار قاعده‌مند در همه سندها نقل‌قول، نشانه نقل، گوینده، مهلت و تعهد "
                       "پیشنهاد می‌کند؛ پیشنهادها در لایه «{name}» نوشته می‌شوند و تا پذیرفته نشوند کار "
                       "انجام‌شده به شمار نمی‌آیند. پیشنهادهای ردشده دوباره نمی‌آیند و جایی که برچسبی دستی "
                       "از همان نوع هست چیزی پیشنهاد نمی‌شود. این کار واگردپذیر نیست."),
                      ("The rule-based pre-annotator suggests quotes, cues, speakers, deadlines and "
                       "promises in every document, in the layer of «{name}»; suggestions do not count "
                       "as work until accepted. Rejected suggestions are not made again, and nothing is "
                       "suggested where a hand-made span of the same label is. This cannot be undone.")),
    "suggest.skip_done": ("از سندهایی که «انجام‌شده» زده‌ام بگذر", "Skip documents I marked done"),
    "suggest.run": ("پیشنهاد بده", "Suggest"),
    "suggest.running": ("در حال پیشنهاد…", "Suggesting…"),
    "suggest.result": ("{documents} سند؛ {added} پیشنهاد تازه ({labels})؛ {kept} پیشنهاد از پیش بود.",
                       "{documents} documents; {added} new suggestions ({labels}); {kept} were already there."),
    "suggest.stopped": ("لغو شد؛ سندهایی که تا آن‌جا پیشنهاد گرفتند همان‌طور می‌مانند.",
                        "Cancelled; the documents done so far keep their suggestions."),
})


@dataclass
class SuggestResult:
    """What a run wrote: the summed report and the documents that got new suggestions."""

    report: ApplyReport = field(default_factory=ApplyReport)
    added_in: set[DocumentId] = field(default_factory=set)
    touched: set[DocumentId] = field(default_factory=set)
    stopped: bool = False


def suggest_job(annotator: str, *, skip_done: bool) -> Callable:
    """The worker job: pre-annotate every document (but those ``annotator`` marked done)."""
    def job(project: Project, progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]):
        annotator_id = project.ensure_annotator(annotator).id
        ids = project.document_ids()
        if skip_done:
            statuses = project.statuses(ids, annotator_id)
            ids = [i for i in ids if statuses.get(i) != "done"]
        result = SuggestResult()
        for n, document_id in enumerate(ids, start=1):
            if cancelled():
                result.stopped = True
                break
            report = preannotate_document(project, document_id, annotator_id)
            result.report += report
            if report.added or report.removed:
                result.touched.add(document_id)
            if report.added:
                result.added_in.add(document_id)
            progress(n, len(ids), "")
        return result
    return job


class SuggestDialog(JobDialog):
    """Explain, run over the project with progress and Cancel, then say what was written."""

    suggested = Signal(object)  # SuggestResult, when the project changed

    def __init__(self, project: Project, errors: ErrorPresenter, annotator: str, parent: QWidget | None = None):
        super().__init__(project, errors, title=tr("suggest.title"), run_text=tr("suggest.run"), parent=parent)
        self.annotator = annotator
        intro = QLabel(tr("suggest.intro", name=annotator))
        intro.setWordWrap(True)
        self.skip_done = QCheckBox(tr("suggest.skip_done"))
        self.skip_done.setChecked(True)
        layout = QVBoxLayout(self.form)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.skip_done)

    def start(self) -> None:
        self.run(suggest_job(self.annotator, skip_done=self.skip_done.isChecked()), tr("suggest.running"))

    def show_result(self, result: object) -> None:
        assert isinstance(result, SuggestResult)
        report = result.report
        labels = "، ".join(f"{self._label(k)}: {number(v)}" for k, v in sorted(report.added.items())) or "—"
        text = tr("suggest.result", documents=number(report.documents), added=number(sum(report.added.values())),
                  labels=labels, kept=number(report.kept))
        self.show_text(text + ("\n" + tr("suggest.stopped") if result.stopped else ""))
        if result.touched:
            self.suggested.emit(result)

    def _label(self, name: str) -> str:
        found = self.project.tagset.find_label(name)
        return display(found.display) if found else name
