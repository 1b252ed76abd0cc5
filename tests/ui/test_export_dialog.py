"""File > Export: a layer written as jsonl on a worker; formats whose package is missing are off."""

from __future__ import annotations

import importlib.util
import json

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import open_window
from tests.ui.test_review import make_lead_project
from ui.dialogs import export_dialog


@pytest.fixture
def lead_path(tmp_path):
    return make_lead_project(tmp_path)


def open_export(window):
    window.actions_["export"].trigger()
    dialog = window.lead_ui.export_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def choose(combo, data):
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_export_one_annotators_layer_as_jsonl(qtbot, lead_path, tmp_path, settings, errors):
    window = open_window(qtbot, lead_path, settings, errors, "لیلا")
    dialog = open_export(window)
    choose(dialog.format, "jsonl")
    choose(dialog.layer, "مریم")
    dialog.split_on.setChecked(False)
    dialog.set_output(tmp_path / "maryam-jsonl")
    with qtbot.waitSignal(dialog.job_finished, timeout=15_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    lines = (tmp_path / "maryam-jsonl" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    [record] = [json.loads(line) for line in lines]
    assert record["annotator"] == "مریم" and len(record["spans"]) == 7
    text = dialog.result.toPlainText()
    assert str(tmp_path / "maryam-jsonl") in text and "۷ برچسب" in text
    dialog.close()
    window.close()


def test_exporting_gold_before_adjudicating_says_what_to_do(qtbot, lead_path, tmp_path, settings, errors):
    window = open_window(qtbot, lead_path, settings, errors, "لیلا")
    dialog = open_export(window)
    assert dialog.layer.currentData() == "gold"
    dialog.set_output(tmp_path / "gold")
    with qtbot.waitSignal(dialog.job_finished, timeout=15_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert "no gold layer yet" in dialog.result.toPlainText()
    assert not (tmp_path / "gold").exists()
    dialog.close()
    window.close()


def test_formats_without_their_package_are_disabled(qtbot, lead_path, settings, errors, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(export_dialog.importlib.util, "find_spec",
                        lambda name, *a: None if name in ("datasets", "spacy") else real(name, *a))
    window = open_window(qtbot, lead_path, settings, errors, "لیلا")
    dialog = open_export(window)
    model = dialog.format.model()
    for fmt in ("hf", "spacy"):
        item = model.item(dialog.format.findData(fmt))
        assert not item.isEnabled() and "pip install" in item.toolTip()
    assert model.item(dialog.format.findData("jsonl")).isEnabled()
    assert dialog.format_note.isVisibleTo(dialog) and "datasets" in dialog.format_note.text()
    dialog.close()
    window.close()


def test_hf_and_spacy_always_split(qtbot, lead_path, settings, errors):
    window = open_window(qtbot, lead_path, settings, errors, "لیلا")
    dialog = open_export(window)
    dialog.split_on.setChecked(False)
    choose(dialog.format, "conll")
    assert dialog.split_on.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("spacy"))
    if dialog.format.currentData() == "spacy":
        assert dialog.split_on.isChecked() and not dialog.split_on.isEnabled()
        assert dialog.out.text().endswith("-spacy")
    dialog.close()
    window.close()
