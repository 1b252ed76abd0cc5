"""Prodigy import: accepted examples only, spans and relations, the session as annotator."""

from __future__ import annotations

import json

import pytest

from annotator.errors import InputError
from annotator.interchange import import_annotations, read_documents
from annotator.project import Project

# Written for this test.
TEXT = "وزیر نیرو گفت سد کرج تا پایان سال آماده می‌شود."


def span(needle: str, label: str) -> dict:
    start = TEXT.index(needle)
    return {"start": start, "end": start + len(needle), "label": label}


def write(tmp_path, examples) -> str:
    path = tmp_path / "db-out.jsonl"
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in examples), encoding="utf-8")
    return path


EXAMPLES = [
    {"text": TEXT, "spans": [span("وزیر نیرو", "ACTOR_MENTION"), span("گفت", "CUE")], "answer": "accept",
     "_annotator_id": "attribution-maryam",
     "relations": [{"head": 0, "child": 2, "label": "HAS_CUE",
                    "head_span": span("سد کرج تا پایان سال آماده می‌شود", "QUOTE"), "child_span": span("گفت", "CUE")}]},
    {"text": "متن رد شده", "spans": [], "answer": "reject"},
    {"text": "متن نادیده", "answer": "ignore"},
]


def test_accepted_examples_with_their_spans_and_relations(tmp_path):
    [doc] = read_documents([write(tmp_path, EXAMPLES)], "prodigy")
    assert doc.annotator == "attribution-maryam"
    assert [(s.label, TEXT[s.fragments[0][0]:s.fragments[0][1]]) for s in doc.spans] == [
        ("ACTOR_MENTION", "وزیر نیرو"), ("CUE", "گفت"), ("QUOTE", "سد کرج تا پایان سال آماده می‌شود")]
    assert [(r.type, r.head, r.tail) for r in doc.relations] == [("HAS_CUE", "3", "2")]


def test_imported_into_the_default_tagset_with_the_session_as_annotator(tmp_path):
    with Project.init(tmp_path / "p.db") as project:
        report = import_annotations(project, [write(tmp_path, EXAMPLES)], fmt="prodigy", skip_invalid=True)
        assert report.documents == 1 and project.count_documents() == 1
        spans = project.spans(project.document_ids()[0])
        assert {s.label for s in spans} == {"ACTOR_MENTION", "CUE"}
        assert any("QUOTE" in m for m in report.skipped), "a QUOTE without its required quote_type is set aside"
        assert {project.annotator(s.annotator_id).name for s in spans} == {"attribution-maryam"}


def test_bad_spans_are_refused_with_their_line(tmp_path):
    bad = [{"text": "کوتاه", "spans": [{"start": 0, "end": 99, "label": "X"}]}]
    with pytest.raises(InputError, match=r"db-out.jsonl:1: span 0-99 is not inside the text"):
        read_documents([write(tmp_path, bad)], "prodigy")
    with pytest.raises(InputError, match="no accepted Prodigy examples"):
        read_documents([write(tmp_path, EXAMPLES[1:])], "prodigy")
