"""The worker runner: a job on its own thread and its own project connection, with progress,
cancel, and errors reported through the error presenter."""

from __future__ import annotations

import threading
import time

import pytest

from annotator.errors import ValidationError
from annotator.project import Project
from ui.workers import Worker, plain_message


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "w.annotator.db"
    Project.init(path).close()
    return path


def run(qtbot, worker: Worker) -> Worker:
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start()
    assert not worker.running
    return worker


def test_a_job_reports_progress_on_its_own_thread_and_connection(qtbot, path):
    seen: list[tuple[int, int, str]] = []
    where = {}

    def job(project, progress, cancelled):
        where["thread"], where["path"], where["user"] = threading.get_ident(), project.path, project.user
        for i in range(5):
            progress(i, 4, f"step {i}")
            time.sleep(0.06)  # past the throttle, so every report arrives
        return project.count_documents()

    worker = Worker(path, job, user=7)
    worker.progressed.connect(lambda done, total, what: seen.append((done, total, what)))
    results = []
    worker.succeeded.connect(results.append)
    run(qtbot, worker)
    assert results == [0] and worker.result == 0
    assert seen[0] == (0, 4, "step 0") and seen[-1] == (4, 4, "step 4")
    assert where["thread"] != threading.get_ident()
    assert where["path"] == path and where["user"] == 7


def test_a_cancelled_job_stops_at_its_next_check(qtbot, path):
    started = threading.Event()

    def job(project, progress, cancelled):
        started.set()
        for i in range(1000):
            if cancelled():
                return f"stopped at {i}"
            time.sleep(0.01)
        return "ran to the end"

    worker = Worker(path, job)
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start()
        assert started.wait(5)
        worker.cancel()
    assert worker.cancel_requested
    assert worker.result.startswith("stopped at")


def test_an_unexpected_error_goes_to_the_error_presenter(qtbot, path, errors):
    def job(project, progress, cancelled):
        raise RuntimeError("disk on fire")

    reports = []
    errors.bug_reported.connect(reports.append)
    failures = []
    worker = Worker(path, job, errors=errors)
    worker.failed.connect(failures.append)
    run(qtbot, worker)
    assert isinstance(failures[0], RuntimeError)
    assert "disk on fire" in reports[0] and "Traceback" in reports[0]
    assert "error log" in plain_message(failures[0]) or "خطا" in plain_message(failures[0])


def test_a_core_error_is_shown_in_plain_words(qtbot, path, errors):
    def job(project, progress, cancelled):
        raise ValidationError("no gold layer yet")

    problems = []
    errors.problem_shown.connect(problems.append)
    worker = run(qtbot, Worker(path, job, errors=errors))
    assert problems == ["no gold layer yet"]
    assert plain_message(worker.error) == "no gold layer yet"


def test_a_missing_project_file_fails_cleanly(qtbot, tmp_path):
    worker = run(qtbot, Worker(tmp_path / "nowhere.db", lambda p, progress, cancelled: None))
    assert "no such project database" in plain_message(worker.error)


def test_the_job_dialogs_cancel_button_stops_the_job(qtbot, path, errors):
    from PySide6.QtCore import Qt

    from ui.dialogs.job_dialog import JobDialog

    shown: list = []

    class SlowDialog(JobDialog):
        def start(self):
            def job(project, progress, cancelled):
                for i in range(2000):
                    progress(i, 2000, "working")
                    if cancelled():
                        return Result(cancelled=True)
                    time.sleep(0.005)
                return Result(cancelled=False)

            self.run(job, "running")

        def show_result(self, result):
            shown.append(result)

    class Result:
        def __init__(self, cancelled):
            self.cancelled = cancelled

    with Project.open(path) as project:
        dialog = SlowDialog(project, errors, title="slow", run_text="Run")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        assert dialog.running and not dialog.form.isEnabled()
        qtbot.waitUntil(lambda: dialog.progress.maximum() == 2000, timeout=5_000)
        with qtbot.waitSignal(dialog.job_finished, timeout=10_000):
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # "Cancel" while running
        assert shown[-1].cancelled and dialog.isVisible()
        assert dialog.status.text() in ("لغو شد؛ چیزی نوشته نشد.", "Cancelled; nothing was written.")
        dialog.close()


def test_each_error_presenter_logs_to_its_own_file(qtbot, tmp_path):
    """The log handler belongs to the presenter, not to the process: a second presenter (the next
    test, a second window) writes to its own log path."""
    import sys

    from ui.errors import ErrorPresenter

    for name in ("first", "second"):
        presenter = ErrorPresenter(log_path=tmp_path / name / "errors.log", dialogs=False)
        try:
            raise RuntimeError(f"bug in {name}")
        except RuntimeError:
            presenter.report(*sys.exc_info())
    assert "bug in first" in (tmp_path / "first" / "errors.log").read_text(encoding="utf-8")
    second = (tmp_path / "second" / "errors.log").read_text(encoding="utf-8")
    assert "bug in second" in second and "bug in first" not in second
