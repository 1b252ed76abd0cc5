"""Scale, start-up and safety: the virtual list, no hazm at start-up, no SQL in ui/, and no
acknowledged edit lost when the process is killed."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from annotator.project import Project
from tests.ui.helpers import bulk_documents
from ui.models.document_list import PAGE_SIZE, TITLE, DocumentListModel
from ui.widgets.navigator import Navigator

ROOT = Path(__file__).resolve().parents[2]


def test_the_document_list_fetches_pages_not_rows(qtbot, tmp_path):
    with Project.open(tmp_path / "big.db", create=True, durable=False) as project:
        with project.db.atomic():
            bulk_documents(project, 5_000)
        annotator = project.ensure_annotator("مریم")
        navigator = Navigator()
        qtbot.addWidget(navigator)
        navigator.resize(400, 600)
        navigator.show()
        model: DocumentListModel = navigator.model
        model.set_source(project, annotator.id)
        qtbot.wait(50)
        assert model.rowCount() == 5_000
        assert model.queries <= 2  # only the rows on screen were asked for
        navigator.table.scrollToBottom()
        qtbot.wait(50)
        assert model.queries <= 4
        assert model.index(4_999, TITLE).data() == "خبر شماره 4999"
        last_id = model.document_id_at(4_999)
        assert model.row_of(last_id) == 4_999
        assert model.neighbour(last_id, -1) == model.document_id_at(4_998)
        assert model.neighbour(last_id, 1) is None
        model.set_filter(search="4999")
        assert model.rowCount() == 1
        assert PAGE_SIZE >= 100
        model.set_source(None, None)


def test_starting_the_window_never_loads_hazm(tmp_path, project_path):
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QSettings
        from ui.app import create_window
        from ui.settings import Settings
        settings = Settings(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat))
        window = create_window({str(project_path)!r}, settings=settings, annotator="مریم")
        window.show()
        assert window.session.document is not None
        assert "hazm" not in sys.modules, "hazm was loaded at start-up"
    """)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_the_gui_entry_point_is_ui_app_run():
    from importlib.metadata import entry_points

    from ui.app import run

    [found] = [e for e in entry_points(group="annotator.gui")]
    assert found.load() is run


def test_ui_never_talks_to_sqlite_directly():
    words = ("execute(", "executescript(", "sqlite3", "sqlite_utils")
    offenders = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in (ROOT / "ui").rglob("*.py")
        for word in words
        if word in path.read_text(encoding="utf-8")
    ]
    assert not offenders, offenders


CHILD = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from ui.errors import ErrorPresenter
    from ui.session import Session
    session = Session(ErrorPresenter(dialogs=False, log_path=None))
    session.open_project(sys.argv[1])
    session.set_annotator("crash")
    session.open_document(session.project.document_ids()[0])
    tokens = session.tokenization.tokens
    print("ready", flush=True)
    for i in range(100_000):
        start, end = tokens[i % len(tokens)]
        session.apply_label("ACTOR_MENTION", start, end)  # the window's own path: Session -> QUndoStack
        assert session.selected is not None
        print("ack", session.selected, flush=True)
""")


def test_killing_the_process_loses_no_acknowledged_edit(project_path):
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(project_path)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    acked: list[int] = []
    try:
        assert child.stdout.readline().strip() == "ready"
        while len(acked) < 40:
            line = child.stdout.readline()
            assert line, "the child stopped early"
            acked.append(int(line.split()[1]))
        os.kill(child.pid, signal.SIGKILL)
        acked += [int(line.split()[1]) for line in child.stdout if line.startswith("ack ")]
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL
    with sqlite3.connect(project_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in db.execute("SELECT id FROM spans")}
    assert set(acked) <= stored
    with Project.open(project_path) as project:  # and the project still opens
        assert len(project.spans(project.document_ids()[0])) >= len(acked)
