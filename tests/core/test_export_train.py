"""From export to model: the spancat example trains on a tiny spaCy export and saves a pipeline."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from annotator.exporters import export_project
from tests.core.conftest import add_text
from tests.core.test_export_support import ARTICLE_A, annotate_article_a

spacy = pytest.importorskip("spacy", reason="the export extra (spacy) is not installed")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "train_spacy_spancat.py"


def load_example():
    spec = importlib.util.spec_from_file_location("train_spacy_spancat", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_train_spancat_on_an_export(project, tmp_path):
    annotator = project.add_annotator("gold", role="lead")
    for i in range(12):
        document = add_text(project, f"{ARTICLE_A}\nنسخه {i}")
        annotate_article_a(project, document, annotator.id, None)
    export_project(project, tmp_path / "corpus", format="spacy", layer="gold", split="70/15/15", seed=1)
    lines: list[str] = []
    best = load_example().train(tmp_path / "corpus", tmp_path / "model", epochs=2,
                                labels=["ACTOR_MENTION", "CUE", "TIME_EXPR"], log=lines.append)
    assert len(lines) == 2 and 0.0 <= best["spans_sc_f"] <= 1.0
    nlp = spacy.load(tmp_path / "model")
    doc = nlp("شهردار تهران گفت که کار تمام است.")
    assert "sc" in doc.spans
    assert set(nlp.get_pipe("spancat").labels) == {"ACTOR_MENTION", "CUE", "TIME_EXPR"}
