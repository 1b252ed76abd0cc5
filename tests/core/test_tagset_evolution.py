"""Setting a new tagset on a project with annotations: additions, refusals, renames, rollback."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.errors import TagsetError
from annotator.model import SpanDraft
from annotator.project import Project
from annotator.tagset import default_tagset, parse_tagset, schemas_dir
from annotator.tagset_evolution import plan_tagset_change, set_tagset
from tests.core.conftest import SHORT_ARTICLE, add_text
from tests.core.test_project import find


def variant(mutate) -> dict:
    data = default_tagset().to_json()
    mutate(data)
    return data


def rename_label(data, old, new):
    for label in data["span_labels"]:
        if label["name"] == old:
            label["name"] = new
    for rt in data["relation_types"]:
        rt["head"] = [new if x == old else x for x in rt["head"]]
        rt["tail"] = [new if x == old else x for x in rt["tail"]]


@pytest.fixture
def annotated(tmp_path):
    path = tmp_path / "p.db"
    project = Project.init(path)
    annotator = project.add_annotator("مریم")
    document = add_text(project, SHORT_ARTICLE)
    project.add_span(SpanDraft(document.id, annotator.id, "QUOTE",
                               (find(document.text, "ما این کار"),), attrs={"quote_type": "MIXED"}))
    project.add_span(SpanDraft(document.id, annotator.id, "CUE", (find(document.text, "گفت"),)))
    yield project, document
    project.close()


def test_an_addition_applies(annotated):
    project, _ = annotated
    def add(data):
        data["span_labels"].append({**data["span_labels"][-1], "name": "EVENT", "shortcut": "E",
                                    "attributes": []})
    new = parse_tagset(variant(add))
    plan, backup, _ = set_tagset(project, new)
    assert not plan.refused and backup.exists()
    assert project.tagset.find_label("EVENT") is not None


def test_removing_a_label_in_use_is_refused_with_counts_per_document(annotated):
    project, document = annotated
    def drop_cue(data):
        data["span_labels"] = [lab for lab in data["span_labels"] if lab["name"] != "CUE"]
        for rt in data["relation_types"]:
            rt["tail"] = [t for t in rt["tail"] if t != "CUE"]
        data["relation_types"] = [rt for rt in data["relation_types"] if rt["tail"]]
    with pytest.raises(TagsetError) as info:
        set_tagset(project, parse_tagset(variant(drop_cue)))
    message = str(info.value)
    assert "CUE" in message and f"document {document.id}" in message and ": 1" in message
    assert project.tagset.find_label("CUE") is not None


def test_rename_with_mapping_carries_annotations(annotated):
    project, document = annotated
    new = parse_tagset(variant(lambda d: rename_label(d, "QUOTE", "CITATION")))
    assert plan_tagset_change(project, new).refused
    plan, _, _ = set_tagset(project, new, {"QUOTE": "CITATION"})
    assert plan.renamed_spans == 1
    assert sorted(s.label for s in project.spans(document.id)) == ["CITATION", "CUE"]


def test_removed_enum_value_in_use_needs_a_value_mapping(annotated):
    project, document = annotated
    def drop_mixed(data):
        quote = next(lab for lab in data["span_labels"] if lab["name"] == "QUOTE")
        attr = next(a for a in quote["attributes"] if a["name"] == "quote_type")
        attr["values"] = [v for v in attr["values"] if v["name"] != "MIXED"]
    new = parse_tagset(variant(drop_mixed))
    with pytest.raises(TagsetError, match="MIXED"):
        set_tagset(project, new)
    set_tagset(project, new, {"QUOTE.quote_type=MIXED": "INDIRECT"})
    quote = next(s for s in project.spans(document.id) if s.label == "QUOTE")
    assert quote.attrs["quote_type"] == "INDIRECT"


def test_a_failure_midway_rolls_everything_back(annotated, monkeypatch):
    project, document = annotated
    new = parse_tagset(variant(lambda d: rename_label(d, "QUOTE", "CITATION")))
    def boom(tagset):
        raise RuntimeError("disk full")
    monkeypatch.setattr(project, "replace_tagset", boom)
    with pytest.raises(RuntimeError):
        set_tagset(project, new, {"QUOTE": "CITATION"})
    assert sorted(s.label for s in project.spans(document.id)) == ["CUE", "QUOTE"]
    assert project.tagset.find_label("CITATION") is None


def test_cli_show_validate_set(annotated, tmp_path):
    project, _ = annotated
    path = str(project.path)
    runner = CliRunner()
    shown = runner.invoke(main, ["tagset", path, "show"])
    assert shown.exit_code == 0 and "QUOTE" in shown.output and "نقل" in shown.output
    ok = runner.invoke(main, ["tagset", path, "validate", str(schemas_dir() / "fa-news-attribution.json")])
    assert ok.exit_code == 0, ok.output
    bad = dict(default_tagset().to_json())
    bad["span_labels"] = [dict(lab) for lab in bad["span_labels"]]
    bad["span_labels"][1]["shortcut"] = bad["span_labels"][0]["shortcut"]
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps(bad, ensure_ascii=False))
    refused = runner.invoke(main, ["tagset", path, "validate", str(bad_file)])
    assert refused.exit_code == 1 and "/span_labels/1/shortcut" in refused.output
    assert "Traceback" not in refused.output
    ner = runner.invoke(main, ["tagset", path, "set", "ner-basic"])
    assert ner.exit_code == 1 and "refused" in ner.output
    renamed_file = tmp_path / "renamed.json"
    renamed_file.write_text(json.dumps(variant(lambda d: rename_label(d, "QUOTE", "CITATION")), ensure_ascii=False))
    done = runner.invoke(main, ["tagset", path, "set", str(renamed_file), "--rename", "QUOTE=CITATION"])
    assert done.exit_code == 0, done.output
    assert "backup" in done.output
