"""Fixtures for core tests: an in-memory project, an annotator, a short Persian document."""

from __future__ import annotations

import pytest

from annotator.ingest import analyse_one, tokenizer_name
from annotator.project import Project
from annotator.store.documents import DocumentRow
from annotator.text import CANON_VERSION

# Written for these tests: a ZWNJ word (می‌کنیم), «» quotes, a pronoun speaker, a deadline.
SHORT_ARTICLE = (
    "شهردار تهران گفت: «ما این کار را ظرف ۲۰ روز تمام می‌کنیم.»\n"
    "وی افزود که بودجه آن آماده است."
)


def add_text(project: Project, raw: str, *, title: str = "نمونه"):
    analysed = analyse_one(raw, False, False)
    row = DocumentRow(uid=analysed.uid, title=title, text=analysed.text, raw_text=None,
                      canon_version=CANON_VERSION)
    document_id, _ = project.add_document(row, analysed.tokenization, tokenizer=tokenizer_name())
    return project.document(document_id)


@pytest.fixture
def project():
    with Project.open(":memory:") as opened:
        yield opened


@pytest.fixture
def ticking_clock(monkeypatch):
    """Every timestamp the project writes is a second later than the one before, so a test that
    compares rows before and after an undo fails if the undo stamps them anew."""
    seconds = iter(range(10**6))
    monkeypatch.setattr("annotator.project.now", lambda: f"2026-01-01T00:00:00+00:00#{next(seconds):06d}")


@pytest.fixture
def annotator(project):
    return project.add_annotator("مریم")


@pytest.fixture
def document(project):
    return add_text(project, SHORT_ARTICLE)
