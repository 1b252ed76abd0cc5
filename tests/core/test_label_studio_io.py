"""Label Studio import: tasks with several annotators' annotations, relations, UTF-16 offsets
around an emoji, skipped annotations and predictions left out, JSON-MIN, bad offsets."""

from __future__ import annotations

import json

import pytest

from annotator.errors import InputError
from annotator.interchange import import_annotations, read_documents
from annotator.project import Project
from annotator.tagset import builtin_tagset

# Written for these tests: a short Persian sentence with an emoji before the names, so that
# JavaScript's UTF-16 offsets and Python's code points differ after it.
TEXT = "😀 علی رضایی در شیراز گفت که سازمان ملل کمک می‌کند."


def utf16(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    before = len(TEXT[:start].encode("utf-16-le")) // 2
    return before, before + len(needle.encode("utf-16-le")) // 2


def label(result_id: str, needle: str, name: str) -> dict:
    start, end = utf16(needle)
    return {"id": result_id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": needle, "labels": [name]}}


def export(tmp_path, tasks) -> str:
    path = tmp_path / "project-1-at-2026.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


TASKS = [{
    "id": 7, "data": {"text": TEXT},
    "annotations": [
        {"id": 1, "completed_by": {"id": 3, "email": "maryam@example.org"}, "result": [
            label("a", "علی رضایی", "PER"), label("b", "شیراز", "LOC"), label("c", "سازمان ملل", "ORG"),
            {"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": []}]},
        {"id": 2, "completed_by": 4, "result": [label("x", "علی رضایی", "PER"), label("y", "شیراز", "ORG")]},
        {"id": 3, "completed_by": 5, "was_cancelled": True, "result": [label("z", "شیراز", "LOC")]},
    ],
    "predictions": [{"result": [label("p", "سازمان ملل", "LOC")]}],
}]


def test_each_annotation_is_an_annotators_layer_with_code_point_offsets(tmp_path):
    first, second = read_documents([export(tmp_path, TASKS)], "label-studio")
    assert (first.annotator, second.annotator) == ("maryam@example.org", "label-studio-4")
    assert [(s.label, TEXT[s.fragments[0][0]:s.fragments[0][1]]) for s in first.spans] == [
        ("PER", "علی رضایی"), ("LOC", "شیراز"), ("ORG", "سازمان ملل")]
    assert [(r.type, r.head, r.tail) for r in first.relations] == [("RELATED", "a", "b")]
    assert [s.label for s in second.spans] == ["PER", "ORG"], "the cancelled annotation and predictions are out"


def test_two_annotators_land_on_one_document_and_can_be_compared(tmp_path):
    from annotator.agreement import compute_agreement

    with Project.init(tmp_path / "p.db", tagset=builtin_tagset("ner-basic")) as project:
        annotations = [dict(a, result=[r for r in a["result"] if r.get("type") == "labels"])
                       for a in TASKS[0]["annotations"][:2]]  # ner-basic has no relation types
        report = import_annotations(project, [export(tmp_path, [dict(TASKS[0], annotations=annotations)])],
                                    fmt="label-studio")
        assert report.new_documents == 1 and project.count_documents() == 1
        figures = compute_agreement(project).to_json()
    assert figures["documents_compared"] == 1 and figures["labels"]["PER"]["f1_exact"] == 1.0
    assert figures["labels"]["LOC"]["f1_exact"] == 0.0  # «شیراز»: LOC for one, ORG for the other


def test_json_min_and_bad_offsets(tmp_path):
    start, end = utf16("شیراز")
    [doc] = read_documents([export(tmp_path, [{"text": TEXT, "label": [
        {"start": start, "end": end, "text": "شیراز", "labels": ["LOC"]}]}])], "label-studio")
    assert doc.annotator is None and [(s.label, s.fragments) for s in doc.spans] == [("LOC", [(start - 1, end - 1)])]
    wrong = [{"text": TEXT, "label": [{"start": start, "end": end, "text": "تهران", "labels": ["LOC"]}]}]
    with pytest.raises(InputError, match=r"json:1: span says 'تهران' but its offsets cover 'شیراز'"):
        read_documents([export(tmp_path, wrong)], "label-studio")
    with pytest.raises(InputError, match="needs \"data\""):
        read_documents([export(tmp_path, [{"annotations": []}])], "label-studio")
