"""The jsonl export: records, layers, offset checks, the round trip, cancel and overwrite."""

from __future__ import annotations

import json

import pytest

from annotator.errors import AnnotatorError, InputError, NotFoundError
from annotator.exporters import export_project
from annotator.exporters.records import ExportIntegrityError, record_problems, span_text
from annotator.interchange import import_annotations
from annotator.model import SpanDraft
from annotator.project import Project
from tests.core.test_export_support import build_project, where


@pytest.fixture
def built(project):
    return build_project(project)


def records(out):
    with open(out / "documents.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_record_fields_and_offsets(project, built, tmp_path):
    report = export_project(project, tmp_path / "out", format="jsonl", layer="مریم")
    lines = records(tmp_path / "out")
    assert report.documents == len(lines) == 2
    first = lines[0]
    assert set(first) >= {"id", "uid", "title", "text", "annotator", "spans", "relations", "actors", "meta",
                          "published", "source", "url"}
    assert "split" not in first
    for record in lines:
        assert not record_problems(record)
        for span in record["spans"]:
            fragments = span["fragments"]
            assert (span["start"], span["end"]) == (fragments[0][0], max(e for _, e in fragments))
            if len(fragments) == 1:
                assert span["text"] == record["text"][span["start"]:span["end"]]
            else:
                assert span["text"] == " … ".join(record["text"][s:e] for s, e in fragments)
    quote = next(s for s in first["spans"] if s["label"] == "QUOTE")
    assert quote["text"] == "ما این کار … تمام می\u200cکنیم"
    pronoun = next(s for s in first["spans"] if s["text"] == "وی")
    assert first["text"][pronoun["start"] - 2] == "😀"  # code points: the emoji counts once
    assert pronoun["actor"] == built["mayor"].id
    assert {a["name"] for a in first["actors"]} == {"علیرضا زاکانی"}
    second = lines[1]
    assert second["relations"] == [{"type": "ATTRIBUTED_TO", "head": 1, "tail": f"actor:{built['minister'].id}",
                                    "attrs": {}, "origin": "manual"}]
    assert (tmp_path / "out" / "README.md").is_file() and (tmp_path / "out" / "export.json").is_file()


def test_layers_and_status(project, built, tmp_path):
    ali = export_project(project, tmp_path / "ali", layer="علی")
    assert [r["title"] for r in records(tmp_path / "ali")] == ["خبر 1"]  # the suggestion alone is left out
    every = export_project(project, tmp_path / "all", layer="all")
    pairs = [(r["title"], r["annotator"]) for r in records(tmp_path / "all")]
    assert pairs == [("خبر 1", "علی"), ("خبر 1", "مریم"), ("خبر 2", "مریم"), ("خبر 3", "علی")]
    suggested = records(tmp_path / "all")[3]["spans"][0]
    assert suggested["origin"] == "suggested"
    done = export_project(project, tmp_path / "done", layer="مریم", status="done")
    assert [r["title"] for r in records(tmp_path / "done")] == ["خبر 1"]
    assert (ali.documents, every.documents, done.documents) == (1, 4, 1)
    assert every.distinct_documents == 3


def test_gold_layer(project, built, tmp_path):
    with pytest.raises(NotFoundError, match="no gold layer"):
        export_project(project, tmp_path / "none", layer="gold")
    doc = built["docs"][2]
    project.add_span(SpanDraft(doc.id, built["ali"].id, "ACTOR_MENTION", (where(doc.text, "نماینده مجلس"),),
                               origin="adjudicated"))
    export_project(project, tmp_path / "adjudicated", layer="gold")
    (only,) = records(tmp_path / "adjudicated")
    assert only["annotator"] == "gold" and [s["origin"] for s in only["spans"]] == ["adjudicated"]
    gold = project.add_annotator("gold", role="lead")
    project.add_span(SpanDraft(doc.id, gold.id, "CUE", (where(doc.text, "گفت"),)))
    export_project(project, tmp_path / "named", layer="gold")
    (named,) = records(tmp_path / "named")
    assert [s["label"] for s in named["spans"]] == ["CUE"]


def test_unknown_annotator_and_options(project, built, tmp_path):
    with pytest.raises(NotFoundError, match="known:"):
        export_project(project, tmp_path / "x", layer="nobody")
    with pytest.raises(InputError, match="unknown export format"):
        export_project(project, tmp_path / "x", format="xml", layer="all")
    with pytest.raises(InputError, match="80/10/10"):
        export_project(project, tmp_path / "x", layer="all", split="eighty")
    assert not (tmp_path / "x").exists()


def _corrupt(project, sql, params):
    with project.db.atomic():
        project.db.execute(sql, params)


@pytest.mark.parametrize("how", ["bounds", "shortened_text", "overlapping_fragments"])
def test_corrupt_offsets_stop_the_export(project, built, tmp_path, how):
    doc = built["docs"][0]
    quote = next(s for s in project.spans(doc.id) if s.label == "QUOTE")
    if how == "bounds":  # the stored start no longer matches the fragments
        _corrupt(project, "UPDATE spans SET start = ? WHERE id = ?", [quote.start - 1, quote.id])
    elif how == "shortened_text":
        _corrupt(project, "UPDATE documents SET text = substr(text, 1, 10) WHERE id = ?", [doc.id])
    else:
        (s1, _), (s2, e2) = quote.fragments
        _corrupt(project, "UPDATE spans SET fragments = ? WHERE id = ?", [json.dumps([[s1, s2 + 2], [s2, e2]]), quote.id])
    with pytest.raises(ExportIntegrityError, match=f"document {doc.id} «خبر 1»") as caught:
        export_project(project, tmp_path / "out", layer="all")
    assert isinstance(caught.value, AnnotatorError)
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.iterdir())  # no half-written folder either


def test_round_trip_is_identical(project, built, tmp_path):
    export_project(project, tmp_path / "first", layer="all")
    with Project.open(":memory:") as again:
        report = import_annotations(again, [tmp_path / "first" / "documents.jsonl"], fmt="annotator-jsonl")
        assert report.spans == sum(len(r["spans"]) for r in records(tmp_path / "first"))
        export_project(again, tmp_path / "second", layer="all")
    first = (tmp_path / "first" / "documents.jsonl").read_text(encoding="utf-8")
    assert first == (tmp_path / "second" / "documents.jsonl").read_text(encoding="utf-8")


def test_round_trip_into_a_project_with_actors_keeps_links(project, built, tmp_path):
    export_project(project, tmp_path / "first", layer="مریم")
    with Project.open(":memory:") as again:
        from annotator.model import ActorDraft

        again.add_actor(ActorDraft(name="کسی دیگر", type="ORG"))
        import_annotations(again, [tmp_path / "first"], fmt="annotator-jsonl")
        export_project(again, tmp_path / "second", layer="مریم")
        names = {a.name for a in again.actors()}
    assert names == {"کسی دیگر", "علیرضا زاکانی", "وزیر نیرو"}
    second = records(tmp_path / "second")
    quote_b = second[1]["relations"][0]
    actor_id = int(quote_b["tail"].split(":")[1])
    assert next(a for a in second[1]["actors"] if a["id"] == actor_id)["name"] == "وزیر نیرو"


def test_a_tampered_span_text_is_refused_on_import(project, built, tmp_path):
    export_project(project, tmp_path / "out", layer="مریم")
    path = tmp_path / "out" / "documents.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["spans"][0]["start"] += 1
    record["spans"][0]["fragments"][0][0] += 1
    lines[1] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.open(":memory:") as again, pytest.raises(InputError, match=r"documents.jsonl:2: span 1 \(QUOTE\)"):
        import_annotations(again, [path], fmt="annotator-jsonl")


def test_cancel_and_progress(project, built, tmp_path):
    seen = []
    report = export_project(project, tmp_path / "out", layer="all", progress=lambda r: seen.append(r.done))
    assert seen[-1] == report.total == 3
    calls = iter([False, True])
    cancelled = export_project(project, tmp_path / "cancelled", layer="all", cancelled=lambda: next(calls, True))
    assert cancelled.cancelled and not (tmp_path / "cancelled").exists()


def test_overwrite_only_replaces_an_export(project, built, tmp_path):
    export_project(project, tmp_path / "out", layer="all")
    with pytest.raises(InputError, match="--overwrite"):
        export_project(project, tmp_path / "out", layer="all")
    export_project(project, tmp_path / "out", layer="مریم", overwrite=True)
    assert len(records(tmp_path / "out")) == 2
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(InputError, match="not an export"):
        export_project(project, tmp_path / "mine", layer="all", overwrite=True)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_span_text_joiner():
    assert span_text("abcdef", [(0, 2), (4, 6)]) == "ab … ef"
    assert record_problems({"text": "abc", "spans": [{"id": 1, "label": "X", "start": 0, "end": 2,
                                                      "fragments": [[0, 2]], "text": "ac"}]})
