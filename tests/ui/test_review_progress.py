"""Assignments in the window: "Assigned to me" in the navigator, and the lead's Progress table."""

from __future__ import annotations

import pytest

from annotator.project import Project
from annotator.store.documents import ASSIGNED
from tests.ui.test_review import make_lead_project, open_window


@pytest.fixture
def lead_path(tmp_path):
    return make_lead_project(tmp_path)


def assign_first_to_maryam(path):
    with Project.open(path) as project:
        maryam = project.annotator_by_name("مریم")
        project.assign([1], [maryam.id])
        project.set_status(1, maryam.id, "done")


def test_assigned_to_me_filters_the_list(qtbot, lead_path, settings, errors):
    assign_first_to_maryam(lead_path)
    window = open_window(qtbot, lead_path, settings, errors, "مریم")
    combo = window.navigator.status
    index = combo.findData(ASSIGNED)
    assert index >= 0 and combo.itemText(index) in ("سپرده به من", "Assigned to me")
    assert window.navigator.model.rowCount() == 2
    combo.setCurrentIndex(index)
    assert window.navigator.model.rowCount() == 1
    assert window.navigator.model.document_id_at(0) == 1
    window.close()


def test_no_assignments_no_filter(qtbot, lead_path, settings, errors):
    window = open_window(qtbot, lead_path, settings, errors, "علی")
    assert window.navigator.status.findData(ASSIGNED) < 0
    window.close()


def test_the_lead_sees_everyones_progress(qtbot, lead_path, settings, errors):
    assign_first_to_maryam(lead_path)
    window = open_window(qtbot, lead_path, settings, errors, "لیلا")
    assert window.actions_["progress"].isEnabled()
    window.actions_["progress"].trigger()
    dialog = window.lead_ui.progress_dialog
    assert dialog is not None and dialog.isVisible()
    rows = {row[0]: row[1:] for row in dialog.rows()}
    assert rows["مریم"] == ("۱", "۰", "۰", "۱")
    assert rows["علی"] == ("۰", "۰", "۰", "۰")
    assert "gold" not in rows
    assert "۲" in dialog.adjudication.text()  # of 2 documents
    dialog.close()
    window.close()


def test_an_annotator_cannot_open_progress(qtbot, lead_path, settings, errors):
    window = open_window(qtbot, lead_path, settings, errors, "مریم")
    assert not window.actions_["progress"].isEnabled()
    window.close()
