"""hf, spaCy, CoNLL and the dataset card: files that load, texts that match, spans on the right chars."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.exporters import export_project
from annotator.exporters.base import MissingExtra
from annotator.exporters.hf import item_feature
from annotator.exporters.spacy_docbin import words_and_spaces
from annotator.exporters.tagging import Conflicts, bio_tags
from tests.core.test_export_support import build_project

datasets = pytest.importorskip("datasets", reason="the export extra (datasets) is not installed")
spacy = pytest.importorskip("spacy", reason="the export extra (spacy) is not installed")


@pytest.fixture
def built(project):
    return build_project(project)


def jsonl_records(project, tmp_path, layer="all"):
    export_project(project, tmp_path / "jsonl", layer=layer, split="80/10/10", seed=3)
    with open(tmp_path / "jsonl" / "documents.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_hf_loads_with_declared_features(project, built, tmp_path):
    report = export_project(project, tmp_path / "hf", format="hf", layer="all", split="50/25/25", seed=3)
    loaded = datasets.load_from_disk(str(tmp_path / "hf"))
    assert set(loaded) == {"train", "validation", "test"}
    assert sum(len(part) for part in loaded.values()) == report.documents == 4
    features = loaded["train"].features
    label = item_feature(features["spans"])["label"]
    assert isinstance(label, datasets.ClassLabel) and label.names[:3] == ["ACTOR_MENTION", "CUE", "QUOTE"]
    expected = {(r["uid"], r["annotator"]): r for r in jsonl_records(project, tmp_path)}
    for part in loaded.values():
        for row in part:
            record = expected[(row["uid"], row["annotator"])]
            assert row["text"] == record["text"]
            assert [t for t in row["tokens"]] == [row["text"][s:e] for s, e in zip(row["token_starts"], row["token_ends"],
                                                                              strict=True)]
            for span, want in zip(row["spans"], record["spans"], strict=True):
                assert label.int2str(span["label"]) == want["label"]
                assert span["fragments"] == want["fragments"] and json.loads(span["attrs"]) == want["attrs"]
                assert span["text"] == want["text"]
            assert len(row["bio_QUOTE"]) == len(row["tokens"])


def test_hf_copies_of_one_document_share_a_split(project, built, tmp_path):
    export_project(project, tmp_path / "hf", format="hf", layer="all", split="34/33/33", seed=5)
    loaded = datasets.load_from_disk(str(tmp_path / "hf"))
    where = {}
    for name, part in loaded.items():
        for row in part:
            where.setdefault(row["uid"], set()).add(name)
    assert all(len(splits) == 1 for splits in where.values())


def test_spacy_docbins_rebuild_text_and_spans(project, built, tmp_path):
    from spacy.tokens import DocBin

    report = export_project(project, tmp_path / "sp", format="spacy", layer="all", split="50/25/25", seed=3)
    nlp = spacy.blank("fa")
    expected = {(r["uid"], r["annotator"]): r for r in jsonl_records(project, tmp_path)}
    docs = []
    for name in ("train", "dev", "test"):
        docs += list(DocBin().from_disk(tmp_path / "sp" / f"{name}.spacy").get_docs(nlp.vocab))
    assert len(docs) == report.documents
    for doc in docs:
        record = expected[(doc.user_data["uid"], doc.user_data["annotator"])]
        assert doc.text == record["text"]
        fragments = sorted((s, e, sp["label"]) for sp in record["spans"] for s, e in sp["fragments"])
        got = sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"])
        assert got == fragments  # every fragment lands on its own characters
        assert json.loads(json.dumps(doc.user_data["relations"])) == record["relations"]  # msgpack gives tuples
        assert all(e.label_ in ("ACTOR_MENTION", "CUE", "TIME_EXPR") for e in doc.ents)
    quotes = [s for d in docs for s in d.spans.get("QUOTE", [])]
    assert any(s.text == "تمام می\u200cکنیم" for s in quotes)


@given(st.text(alphabet=" \n\u200cاب😀x\t", max_size=40))
def test_words_and_spaces_rebuild_any_text(text):
    import re

    tokens = [m.span() for m in re.finditer(r"[^\s\u200c]+", text)]
    words, spaces = words_and_spaces(text, tokens)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text
    assert all(words)


def test_conll_columns_and_sentences(project, built, tmp_path):
    report = export_project(project, tmp_path / "conll", format="conll", layer="مریم")
    lines = (tmp_path / "conll" / "data.conll").read_text(encoding="utf-8").split("\n")
    # the quote's two parts leave a gap where the time expression sits: one column holds all four labels
    assert lines[0] == "# columns = TOKEN BIO[ACTOR_MENTION|CUE|QUOTE|TIME_EXPR]"
    assert "# doc_id = 1" in lines and "# annotator = مریم" in lines
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert all(len(r) == 2 for r in rows)
    first = lines[: lines.index("# doc_id = 2")]
    tagged = {r[0]: r[1] for r in (line.split("\t") for line in first if line and not line.startswith("#"))}
    assert tagged["شهردار"] == "B-ACTOR_MENTION" and tagged["تهران"] == "I-ACTOR_MENTION"
    assert [tagged[w] for w in ("ما", "این", "کار", "را", "ظرف", "۲۰", "روز", "تمام", "می\u200cکنیم")] == [
        "B-QUOTE", "I-QUOTE", "I-QUOTE", "O", "B-TIME_EXPR", "I-TIME_EXPR", "I-TIME_EXPR", "B-QUOTE", "I-QUOTE"]
    assert tagged["😀"] == "O" and tagged["وی"] == "B-ACTOR_MENTION"
    first_doc = lines[: lines.index("# doc_id = 2")]
    assert first_doc.count("") == 2  # two sentences, each followed by a blank line
    assert report.files == ["data.conll"]


def test_conll_split_files(project, built, tmp_path):
    export_project(project, tmp_path / "conll", format="conll", layer="all", split="50/25/25")
    assert sorted(p.name for p in (tmp_path / "conll").glob("*.conll")) == ["data.conll"][:0] + [
        "dev.conll", "test.conll", "train.conll"]


def test_label_groups_and_bio():
    conflicts = Conflicts()
    conflicts.add([{"label": "Q", "fragments": [[0, 10]]}, {"label": "M", "fragments": [[2, 4]]},
                   {"label": "Q", "fragments": [[5, 8]]}, {"label": "C", "fragments": [[12, 14]]}])
    assert conflicts.groups(["M", "C", "Q"]) == [("M", "C"), ("Q",)]
    assert conflicts.entity_labels(["M", "C", "Q"]) == ("M", "C")
    tokens = [(0, 2), (3, 5), (6, 8), (9, 12)]
    spans = [{"label": "Q", "start": 0, "end": 8, "fragments": [[0, 8]]},
             {"label": "Q", "start": 3, "end": 5, "fragments": [[3, 5]]}]
    assert bio_tags(tokens, spans, ["Q"]) == (["B-Q", "I-Q", "I-Q", "O"], 1)


def test_dataset_card(project, built, tmp_path):
    export_project(project, tmp_path / "card", layer="all", split="50/25/25", command="annotator export x y")
    card = (tmp_path / "card" / "README.md").read_text(encoding="utf-8")
    assert "annotator export x y" in card
    assert "| QUOTE |" in card and "| مریم |" in card and "| علی |" in card
    assert f"`{project.tagset.name}` version {project.tagset.version}" in card
    assert "canonicalisation version: 1" in card
    assert "## Agreement" in card
    manifest = json.loads((tmp_path / "card" / "export.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 4 and manifest["split"] == "50/25/25"


@pytest.mark.parametrize("fmt, module", [("hf", "datasets"), ("spacy", "spacy")])
def test_missing_extra_is_a_user_error(project, built, tmp_path, monkeypatch, fmt, module):
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtra, match=r"annotator\[export\]"):
        export_project(project, tmp_path / "x", format=fmt, layer="all")
    assert not (tmp_path / "x").exists()
