"""The annotation window: open and paint, switch documents, edit latency, start-up, memory.

Targets: open and paint a document with 1,000 spans <= 100 ms and with 10,000 spans <= 500 ms;
switch to the next document <= 100 ms; key press to committed row and repaint, median
<= 16 ms; start-up to an interactive window <= 1.5 s; a 100,000-document project open
<= 400 MB. Runs offscreen. ``python -m benchmarks.bench_window`` runs it alone.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from benchmarks.common import write_result

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"open_1000": 100.0, "open_10000": 500.0, "switch": 100.0, "edit_median": 16.0,
           "startup": 1.5, "memory_100k": 400.0}


def _big_document(project, spans: int, copies: int) -> int:
    """A long document (the samples repeated) with ``spans`` spans of several labels, nested."""
    from annotator.ingest import analyse_one, tokenizer_name
    from annotator.model import SpanDraft
    from annotator.samples import sample_texts
    from annotator.store import annotations as ann_sql
    from annotator.store.db import now
    from annotator.store.documents import DocumentRow

    raw = "\n".join(sample_texts() * copies) + f"\nنسخه {spans}"
    analysed = analyse_one(raw, False, False)
    row = DocumentRow(uid=analysed.uid, title=f"{spans} برچسب", text=analysed.text, raw_text=None, canon_version=1)
    document_id, _ = project.add_document(row, analysed.tokenization, tokenizer=tokenizer_name())
    annotator = project.ensure_annotator("bench")
    tokens = analysed.tokenization.tokens
    labels = ["ACTOR_MENTION", "QUOTE", "COMMITMENT", "CONDITION"]
    step = max(1, len(tokens) // spans)
    with project.db.atomic():  # set-up only: rows straight into the store, skipping per-span checks
        for n in range(spans):
            i = (n * step) % len(tokens)
            start, end = tokens[i][0], tokens[min(i + 1 + n % 3, len(tokens) - 1)][1]
            label = labels[n % len(labels)]
            attrs = {"quote_type": "DIRECT"} if label == "QUOTE" else {}
            draft = SpanDraft(document_id, annotator.id, label, ((start, end),), attrs=attrs)
            ann_sql.insert_span(project.db, draft, at=now())
    return document_id


def _paint(window) -> None:
    """Let Qt repaint what changed (as it would before the user sees the next frame)."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def _timed_ms(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def _in_process(folder: Path) -> dict[str, float]:
    from PySide6.QtCore import QSettings

    from annotator.ingest import import_paths
    from annotator.project import Project
    from annotator.samples import sample_paths
    from ui.app import create_window
    from ui.errors import ErrorPresenter
    from ui.settings import Settings

    path = folder / "window.db"
    with Project.init(path) as project:
        import_paths(project, sample_paths(), cores=1)
        small = project.document_ids()
        doc_1000 = _big_document(project, 1_000, 6)
        doc_10000 = _big_document(project, 10_000, 60)
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window = create_window(path, settings=settings, annotator="bench", excepthook=False,
                           errors=ErrorPresenter(dialogs=False, log_path=folder / "errors.log"))
    window.resize(1400, 850)
    window.show()
    _paint(window)
    figures: dict[str, float] = {}
    for name, document_id in (("open_1000", doc_1000), ("open_10000", doc_10000)):
        window.open_document(small[0])
        _paint(window)
        figures[f"{name}_spans_ms"] = min(
            _timed_ms(lambda d=document_id: (window.open_document(d), _paint(window))) for _ in range(3)
        )
        window.open_document(small[0])
    window.open_document(small[0])
    _paint(window)
    switches = []
    for _ in range(6):
        switches.append(_timed_ms(lambda: (window.go_to_neighbour(1), _paint(window))))
        window.open_document(small[0])
        _paint(window)
    figures["switch_next_ms"] = statistics.median(switches)
    figures.update(_edit_latency(window, "edit", "A", range(0, 120, 2)))
    window.open_document(doc_1000)
    _paint(window)
    figures.update(_edit_latency(window, "edit_in_1000_span_document", "T", range(1, 41, 2)))
    window.close()
    return figures


def _edit_latency(window, name: str, key: str, token_numbers) -> dict[str, float]:
    """Key press -> committed row -> the article repainted (the highlight on screen); and until
    every panel (span list, attributes, navigator) has caught up."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    tokens = window.session.tokenization.tokens
    to_article, to_all = [], []
    for i in token_numbers:
        if i >= len(tokens):
            break
        window.article.select_range(*tokens[i])
        QApplication.processEvents()
        start = time.perf_counter()
        QTest.keyClick(window.article, getattr(Qt.Key, f"Key_{key}"))
        window.article.viewport().repaint()
        to_article.append((time.perf_counter() - start) * 1000)
        QApplication.processEvents()
        to_all.append((time.perf_counter() - start) * 1000)
    return {
        f"{name}_latency_median_ms": statistics.median(to_article),
        f"{name}_latency_p90_ms": sorted(to_article)[int(len(to_article) * 0.9)],
        f"{name}_all_panels_median_ms": statistics.median(to_all),
    }


STARTUP = textwrap.dedent("""
    import sys, os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.environ.get("BENCH_WITHOUT_PANDAS"):
        sys.modules["pandas"] = None  # as on a machine without it: sqlite-utils imports it when present
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from ui.app import create_window
    from ui.settings import Settings
    window = create_window(sys.argv[1], settings=Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat)),
                           annotator="bench")
    window.show()
    QApplication.processEvents()
    window.article.viewport().repaint()
    assert window.session.document is not None
    print("interactive", "hazm" in sys.modules, flush=True)
    if len(sys.argv) > 3:
        table = window.navigator.table
        for fraction in (0.5, 1.0):
            table.verticalScrollBar().setValue(int(table.verticalScrollBar().maximum() * fraction))
            QApplication.processEvents()
        window.go_to_neighbour(1)
        QApplication.processEvents()
        with open("/proc/self/status") as fh:
            rss = next(int(l.split()[1]) for l in fh if l.startswith("VmRSS"))
        print("rss_mb", rss / 1024, flush=True)
""")


def _startup(path: Path, folder: Path, *extra: str, without_pandas: bool = False) -> tuple[float, list[str]]:
    env = dict(os.environ, BENCH_WITHOUT_PANDAS="1" if without_pandas else "")
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", STARTUP, str(path), str(folder / "s2.ini"), *extra],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env)
    first = child.stdout.readline()
    elapsed = time.perf_counter() - start
    rest = child.stdout.read().splitlines()
    child.wait()
    return elapsed, [first.strip(), *rest]


def _pandas_installed() -> bool:
    from importlib.util import find_spec

    return find_spec("pandas") is not None


def _hundred_thousand(folder: Path) -> tuple[Path, float]:
    from annotator.model import Tokenization
    from annotator.project import Project
    from annotator.store.documents import DocumentRow

    path = folder / "100k.db"
    start = time.perf_counter()
    with Project.init(path) as project, project.db.atomic():
        for i in range(100_000):
            text = f"خبر شماره {i}: شهردار گفت که طرح تا پایان سال تمام می‌شود."
            tokens = Tokenization(((0, len(text)),), ((0, 3), (4, 9), (10, 10 + len(str(i)))))
            row = DocumentRow(uid=f"doc-{i}", title=f"خبر شماره {i}", text=text, raw_text=None,
                              canon_version=1)
            project.add_document(row, tokens, tokenizer="bench")
    return path, time.perf_counter() - start


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        figures = _in_process(folder)
        from annotator.defaults import ensure_default_project

        sample_project = ensure_default_project(folder / "samples.db")
        _startup(sample_project, folder)  # warm the disk cache once
        runs = [_startup(sample_project, folder) for _ in range(3)]
        figures["startup_to_interactive_s"] = min(t for t, _ in runs)
        figures["startup_without_pandas_installed_s"] = min(
            _startup(sample_project, folder, without_pandas=True)[0] for _ in range(3))
        figures["pandas_installed"] = float(_pandas_installed())
        figures["hazm_loaded_at_startup"] = float(runs[0][1][0].endswith("True"))
        big, build = _hundred_thousand(folder)
        figures["build_100k_project_s"] = build
        startup_100k, lines = _startup(big, folder, "memory")
        figures["startup_100k_documents_s"] = startup_100k
        figures["rss_mb_100k_documents"] = float(lines[1].split()[1])
    figures["ratio_open_1000_to_target"] = figures["open_1000_spans_ms"] / TARGETS["open_1000"]
    figures["ratio_open_10000_to_target"] = figures["open_10000_spans_ms"] / TARGETS["open_10000"]
    figures["ratio_switch_to_target"] = figures["switch_next_ms"] / TARGETS["switch"]
    figures["ratio_edit_median_to_target"] = figures["edit_latency_median_ms"] / TARGETS["edit_median"]
    figures["ratio_startup_to_target"] = figures["startup_to_interactive_s"] / TARGETS["startup"]
    figures["ratio_memory_100k_to_target"] = figures["rss_mb_100k_documents"] / TARGETS["memory_100k"]
    write_result("window", figures)
    return figures


if __name__ == "__main__":
    run()
