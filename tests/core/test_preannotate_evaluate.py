"""Evaluation against gold: the metrics, the gold file's own consistency, the figures the detector
must keep on it, and the two commands."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator import rules
from annotator.cli import main
from annotator.model import ActorDraft
from annotator.preannotate.evaluate import evaluate, load_gold, match_spans, same_actor
from annotator.preannotate.gold import evaluate_texts
from annotator.samples import sample_paths
from annotator.tagset import default_tagset
from annotator.text import canonicalize

GOLD = Path(__file__).parents[1] / "data" / "gold" / "gold.jsonl"


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD)


def span(id_, label, start, end, **extra):
    return {"id": id_, "label": label, "start": start, "end": end, "fragments": [[start, end]],
            "attrs": extra.pop("attrs", {"quote_type": "DIRECT"}), "actor": extra.pop("actor", None), **extra}


# -- metrics -------------------------------------------------------------------------------------


def test_gold_against_itself_is_perfect(gold):
    report = evaluate((g, g) for g in gold)
    assert all(s.f1 == 1.0 for s in report.spans.values())
    assert report.speakers.accuracy == report.speakers.strict == 1.0
    assert report.speakers.total == sum(1 for g in gold for s in g["spans"] if s["label"] == "QUOTE")


def test_spans_match_one_to_one_by_overlap():
    gold = [span(1, "QUOTE", 0, 10), span(2, "QUOTE", 20, 30)]
    predicted = [span(1, "QUOTE", 5, 25), span(2, "QUOTE", 22, 40), span(3, "QUOTE", 50, 60)]
    assert sorted(match_spans(gold, predicted)) == [(0, 0), (1, 1)]


def test_actors_are_compared_by_name_or_alias():
    mayor = {"id": 1, "name": "علیرضا زاکانی", "aliases": ["زاکانی", "شهردار تهران"]}
    assert same_actor(mayor, {"id": 9, "name": "شهردار تهران", "aliases": []})
    assert same_actor({"id": 1, "name": "شهردار تهران", "aliases": []}, {"id": 9, "name": "زاکانی", "aliases": ["شهردار تهران"]})
    assert not same_actor(mayor, {"id": 9, "name": "شهردار مشهد", "aliases": []})


def record(actors, links, quotes=2):
    spans = [span(i, "QUOTE", 10 * i, 10 * i + 5) for i in range(1, quotes + 1)]
    relations = [{"type": "ATTRIBUTED_TO", "head": head, "tail": f"actor:{actor}"} for head, actor in links]
    return {"id": "d", "spans": spans, "relations": relations, "actors": actors}


def test_speakers_missing_wrong_and_split_are_told_apart():
    gold = record([{"id": 1, "name": "زاکانی", "aliases": ["شهردار تهران"]}], [(1, 1), (2, 1)])
    split = record([{"id": 7, "name": "زاکانی", "aliases": []}, {"id": 8, "name": "شهردار تهران", "aliases": []}],
                   [(1, 7), (2, 8)])
    report = evaluate([(gold, split)])
    assert (report.speakers.correct, report.speakers.strict) == (2, 0.5)
    missing = evaluate([(gold, record([], []))])
    assert (missing.speakers.missing, missing.speakers.wrong, missing.speakers.accuracy) == (2, 0, 0.0)
    wrong = evaluate([(gold, record([{"id": 3, "name": "وزیر کشور", "aliases": []}], [(1, 3), (2, 3)]))])
    assert wrong.speakers.wrong == 2 and wrong.misses[0]["what"].startswith("speaker وزیر کشور")


# -- the gold file -------------------------------------------------------------------------------


def test_gold_file_is_consistent(gold):
    tagset = default_tagset()
    assert len(gold) >= 12 and len({g["id"] for g in gold}) == len(gold)
    for g in gold:
        text = g["text"]
        assert canonicalize(text) == text, g["id"]
        actors = {a["id"]: a for a in g["actors"]}
        for a in actors.values():
            draft = ActorDraft(a["name"], a["type"], a.get("subtype"), tuple(a["aliases"]), attrs=a.get("attrs", {}))
            assert rules.check_actor(tagset, draft) == [], (g["id"], a)
        spans = {s["id"]: s for s in g["spans"]}
        assert len(spans) == len(g["spans"])
        for s in spans.values():
            label = tagset.find_label(s["label"])
            assert label is not None, (g["id"], s)
            assert s["fragments"] == [[s["start"], s["end"]]] and text[s["start"]:s["end"]] == s["text"]
            assert s["text"] == s["text"].strip() and s["text"], (g["id"], s)
            assert rules.check_attributes(label.attributes, s["attrs"], owner=label.name) == [], (g["id"], s)
            assert (s["actor"] is None) == (s["label"] != "ACTOR_MENTION") and (s["actor"] is None or s["actor"] in actors)
        for r in g["relations"]:
            rt = tagset.find_relation(r["type"])
            assert rt is not None and spans[r["head"]]["label"] in rt.head, (g["id"], r)
            tail = r["tail"]
            if isinstance(tail, str):
                assert rt.allows_actor_tail and int(tail.removeprefix("actor:")) in actors, (g["id"], r)
            else:
                assert spans[tail]["label"] in rt.tail_labels, (g["id"], r)
        quotes = [s for s in spans.values() if s["label"] == "QUOTE"]
        for q in quotes:
            types = [r["type"] for r in g["relations"] if r["head"] == q["id"]]
            assert types.count("ATTRIBUTED_TO") == 1 and types.count("HAS_CUE") == 1, (g["id"], q)


def test_gold_file_is_what_the_builder_makes(gold):
    folder = GOLD.parent
    spec = importlib.util.spec_from_file_location("build_gold", folder / "build_gold.py")
    build_gold = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_gold)  # type: ignore[union-attr]
    from articles import ARTICLES  # put on the path by build_gold

    assert [build_gold.build(a) for a in ARTICLES] == gold


def test_detector_meets_the_targets_on_gold(gold):
    report = evaluate_texts(gold)
    assert report.spans["QUOTE"].f1 >= 0.90
    assert report.speakers.accuracy >= 0.90
    assert report.spans["CUE"].f1 >= 0.90


# -- commands ------------------------------------------------------------------------------------


@pytest.fixture
def runner():
    return CliRunner()


def test_evaluate_command_imports_gold_and_prints_the_table(runner, tmp_path):
    db = tmp_path / "e.db"
    runner.invoke(main, ["init", str(db)])
    result = runner.invoke(main, ["evaluate", str(db), str(GOLD), "--misses", "3"])
    assert result.exit_code == 0, result.output
    assert "quotes" in result.output and "speaker attribution on matched quotes" in result.output
    as_json = json.loads(runner.invoke(main, ["evaluate", str(db), str(GOLD), "--json"]).output)
    assert as_json["documents"] == 15 and as_json["spans"]["QUOTE"]["f1"] >= 0.9
    assert as_json["speaker_attribution"]["accuracy"] >= 0.9
    stats = json.loads(runner.invoke(main, ["stats", str(db), "--json"]).output)
    assert stats["documents"] == 15  # imported once, not twice


def test_evaluate_refuses_a_bad_gold_file(runner, tmp_path):
    db, bad = tmp_path / "e.db", tmp_path / "bad.jsonl"
    runner.invoke(main, ["init", str(db)])
    bad.write_text('{"text": "x"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(main, ["evaluate", str(db), str(bad)])
    assert result.exit_code == 1 and "bad.jsonl:2" in result.output and "Traceback" not in result.output


def test_preannotate_command(runner, tmp_path):
    db, folder = tmp_path / "p.db", tmp_path / "articles"
    folder.mkdir()
    for path in sample_paths():
        (folder / path.name).write_bytes(path.read_bytes())
    runner.invoke(main, ["init", str(db)])
    empty = runner.invoke(main, ["preannotate", str(db)])
    assert empty.exit_code == 1 and "no documents" in empty.output
    runner.invoke(main, ["import", str(db), str(folder), "--cores", "1"])
    first = runner.invoke(main, ["preannotate", str(db), "--quiet"])
    assert first.exit_code == 0, first.output
    assert f"Pre-annotated {len(sample_paths())} document(s)" in first.output and "quotes" in first.output
    again = json.loads(runner.invoke(main, ["preannotate", str(db), "--json"]).output)
    assert again["added"] == {} and again["kept"] > 0
    some = json.loads(runner.invoke(main, ["preannotate", str(db), "--docs", "1,2-3", "--annotator", "مریم",
                                           "--json"]).output)
    assert some["documents"] == 3 and some["added"]["QUOTE"] > 0
    bad = runner.invoke(main, ["preannotate", str(db), "--docs", "one"])
    assert bad.exit_code == 1 and "--docs" in bad.output
