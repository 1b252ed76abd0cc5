"""File > Import annotations: an annotator's package merged on a worker; the window reads again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.handout.package import package_for
from annotator.model import SpanDraft
from annotator.project import Project
from tests.core.conftest import SHORT_ARTICLE
from tests.ui.conftest import THIRD, add_text, open_window
from tests.ui.helpers import find
from tests.ui.test_review import make_lead_project


@pytest.fixture
def lead_path(tmp_path):
    return make_lead_project(tmp_path)


def maryam_package(lead_path, tmp_path):
    """مریم's package of document 1, where she then marks «بودجه» as well."""
    out = tmp_path / "maryam.annotator.db"
    with Project.open(lead_path) as lead:
        package_for(lead, out, "مریم", [1])
    with Project.open(out) as work:
        maryam = work.annotator_by_name("مریم")
        work.user = maryam.id
        work.add_span(SpanDraft(1, maryam.id, "ACTOR_MENTION", (find(SHORT_ARTICLE, "بودجه"),)))
    return out


def merge(qtbot, window, paths):
    window.actions_["import_annotations"].trigger()
    dialog = window.lead_ui.import_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.add_paths(paths)
    with qtbot.waitSignal(dialog.job_finished, timeout=15_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    return dialog


def test_merging_a_package_refreshes_the_window(qtbot, lead_path, tmp_path, settings, errors):
    package = maryam_package(lead_path, tmp_path)
    window = open_window(qtbot, lead_path, settings, errors, "مریم")
    before = len(window.session.spans)
    dialog = merge(qtbot, window, [package])
    report = dialog.result.toPlainText()
    assert "مریم" in report and "1 added" in report
    assert "before-merge" in report  # the backup copy is named
    spans = window.session.spans.values()
    assert len(spans) == before + 1
    assert any(SHORT_ARTICLE[s.start:s.end] == "بودجه" for s in spans)  # the article shows it
    assert set(window.article.spans) == {s.id for s in spans}
    row = window.navigator.model.row_of(1)
    assert window.navigator.model.row(row).spans == before + 1
    assert dialog.run_button.isEnabled() and dialog.form.isEnabled()
    dialog.close()
    window.close()


def test_a_refused_merge_says_why_in_plain_words(qtbot, lead_path, tmp_path, settings, errors):
    other = tmp_path / "other.annotator.db"
    with Project.init(other) as project:
        add_text(project, THIRD, title="other")
        project.add_annotator("رضا")
        package_for(project, tmp_path / "reza.annotator.db", "رضا", [1])
    not_a_project = tmp_path / "notes.db"
    not_a_project.write_text("just notes", encoding="utf-8")
    window = open_window(qtbot, lead_path, settings, errors, "لیلا")
    dialog = merge(qtbot, window, [tmp_path / "reza.annotator.db"])
    text = dialog.result.toPlainText()
    assert text.startswith("nothing was merged") and "Traceback" not in text
    dialog.files.clear()
    dialog.add_paths([not_a_project])
    with qtbot.waitSignal(dialog.job_finished, timeout=15_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert "not an annotator project database" in dialog.result.toPlainText()
    dialog.close()
    window.close()


def test_merge_needs_a_file(qtbot, lead_path, settings, errors):
    window = open_window(qtbot, lead_path, settings, errors, "لیلا")
    window.actions_["import_annotations"].trigger()
    dialog = window.lead_ui.import_dialog
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert dialog.worker is None and dialog.result.isVisible()
    dialog.close()
    window.close()
