"""File > Import articles: files and folders imported on a worker; the document list grows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import open_window

# Written for this test: two short articles and a file that is not text.
NEW_ARTICLES = {
    "a.txt": "افتتاح پل تازه\nشهردار گفت: «پل تازه ظرف ۱۰ روز باز می‌شود.»",
    "b.txt": "کمبود دارو\nوزیر بهداشت گفت که کمبود داروها تا پایان ماه برطرف می‌شود.",
}


def run_import(qtbot, window, paths, fmt="auto"):
    window.actions_["import_articles"].trigger()
    dialog = window.lead_ui.articles_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.add_paths(paths)
    dialog.set_format(fmt)
    with qtbot.waitSignal(dialog.job_finished, timeout=30_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    return dialog


def test_a_folder_of_articles_is_imported_and_listed(qtbot, project_path, settings, errors, reader, tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    for name, text in NEW_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    window = open_window(qtbot, project_path, settings, errors)
    before = window.navigator.model.rowCount()
    dialog = run_import(qtbot, window, [folder])
    report = dialog.result.toPlainText()
    assert report.splitlines()[0].startswith("۲ سند تازه") and "broken.txt" in report  # the binary file named
    assert window.navigator.model.rowCount() == before + 2
    assert {d.title for d in reader.documents(limit=100)} >= {"افتتاح پل تازه", "کمبود دارو"}
    again = run_import(qtbot, window, [folder])  # the same texts again: nothing new
    assert again.result.toPlainText().splitlines()[0].startswith("۰ سند تازه")
    assert window.navigator.model.rowCount() == before + 2
    dialog.close()
    window.close()


def test_a_missing_path_is_refused_by_name(qtbot, project_path, settings, errors, tmp_path):
    window = open_window(qtbot, project_path, settings, errors)
    dialog = run_import(qtbot, window, [tmp_path / "nowhere"])
    assert "nowhere" in dialog.result.toPlainText()
    assert dialog.run_button.isEnabled()
    dialog.close()
    window.close()


def test_articles_imported_into_an_empty_project_open_at_once(qtbot, settings, errors, tmp_path):
    from annotator.project import Project

    path = tmp_path / "empty.annotator.db"
    with Project.init(path) as project:
        project.add_annotator("مریم")
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "a.txt").write_text(NEW_ARTICLES["a.txt"], encoding="utf-8")
    window = open_window(qtbot, path, settings, errors)
    assert window.session.document is None
    dialog = run_import(qtbot, window, [folder], fmt="txt")
    assert dialog.files.item(0).text() == f"\u2066{folder}\u2069" and dialog.paths() == [str(folder)]
    assert window.session.document is not None and window.session.document.title == "افتتاح پل تازه"
    dialog.close()
    window.close()
