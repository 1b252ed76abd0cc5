"""Adjudicating one long article: three annotators, ~250 spans each, most of them shared.

Targets: reading and matching the document into units <= 0.3 s; one decision in the review
window (the edit, its audit entry, and redrawing columns and list) <= 0.5 s; accepting every
agreed unit in one step <= 1 s. Baseline in the same run: reading the document's spans and
relations through the Project.

The article is the project's samples joined into one text (about 2,000 words); the annotators
mark the same token stretches, each leaving out some and sometimes taking one more word, so
there are agreements, boundary disagreements and spans only some marked.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import best_of, write_result

ANNOTATORS, UNITS = 3, 260


def _build(path: Path) -> int:
    from annotator.ingest import analyse_one, tokenizer_name
    from annotator.model import SpanDraft
    from annotator.project import Project
    from annotator.samples import sample_texts
    from annotator.store.documents import DocumentRow
    from annotator.text import CANON_VERSION

    rng = random.Random(7)
    text = "\n".join(list(sample_texts()) * 3)
    analysed = analyse_one(text, False, False)
    with Project.open(path, create=True, durable=False) as project:
        project.add_annotator("lead", role="lead")
        row = DocumentRow(uid=analysed.uid, title="long", text=analysed.text, raw_text=None,
                          canon_version=CANON_VERSION)
        document_id, _ = project.add_document(row, analysed.tokenization, tokenizer=tokenizer_name())
        tokens = analysed.tokenization.tokens
        starts = sorted(rng.sample(range(0, len(tokens) - 4, 3), UNITS))
        with project.db.atomic():
            for n in range(ANNOTATORS):
                who = project.add_annotator(f"annotator {n + 1}")
                for i in starts:
                    if rng.random() < 0.12:
                        continue
                    j = i + (2 if rng.random() < 0.1 else 1)
                    project.add_span(SpanDraft(document_id, who.id, "ACTOR_MENTION", ((tokens[i][0], tokens[j][1]),)))
    return document_id


def run() -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from annotator.adjudication import AcceptAllAgreed, review_document
    from annotator.project import Project

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.db"
        document_id = _build(path)
        with Project.open(path) as project:
            project.user = project.annotator_by_name("lead").id
            read_s = best_of(3, lambda: (project.spans(document_id), project.relations(document_id)))
            review = review_document(project, document_id)
            review_s = best_of(3, lambda: review_document(project, document_id))
            edit = AcceptAllAgreed(document_id)
            start = time.perf_counter()
            edit.apply(project)
            accept_all_s = time.perf_counter() - start
            edit.revert(project)
        window_s = _window_decision(path, document_id)
    figures = {
        "annotators": ANNOTATORS,
        "spans": sum(len(s) for s in review.spans.values()),
        "units": len(review.units),
        "disagreements": len(review.disagreements),
        "read_spans_and_relations_s (baseline)": read_s,
        "review_document_s (target <= 0.3)": review_s,
        "accept_all_agreed_s (target <= 1)": accept_all_s,
        "window_decision_s (target <= 0.5)": window_s,
    }
    write_result("review", figures)
    return figures


def _window_decision(path: Path, document_id: int) -> float:
    """Press a version's key in the review window: accept, audit, redraw. The best of five."""
    from PySide6.QtCore import QSettings

    from ui.app import application, create_window
    from ui.errors import ErrorPresenter
    from ui.settings import Settings

    application()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        errors = ErrorPresenter(log_path=Path(folder) / "errors.log", dialogs=False)
        window = create_window(path, settings=settings, errors=errors, annotator="lead", excepthook=False)
        window.open_document(document_id)
        window.lead_ui.open_review()
        review = window.lead_ui.review
        times = []
        for _ in range(5):
            unit = review.current()
            key = 1 + review.review.names.index(next(iter(unit.versions)))  # a version this unit has
            start = time.perf_counter()
            review.accept_version(key)
            times.append(time.perf_counter() - start)
        assert review.undo_group.activeStack().count() == 5
        window.close()
    return min(times)


if __name__ == "__main__":
    run()
