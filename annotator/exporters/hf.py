"""Hugging Face ``datasets``: a ``DatasetDict`` (train / validation / test) saved to disk.

Load it with ``datasets.load_from_disk(OUT)``; nothing is downloaded, here or there. Spans keep
their fragments and a ``ClassLabel`` label; attributes and meta are JSON strings (their keys vary
by label). Tokens with their character offsets and one BIO column per label (``bio_QUOTE`` ...,
the longer span winning where spans of one label overlap) are there for token classifiers.
"""

from __future__ import annotations

import json
from typing import Any

from annotator.exporters.base import ExportContext, require, text_of
from annotator.exporters.tagging import bio_tags
from annotator.model import Tokenization

_STRING_FIELDS = ("uid", "external_id", "title", "text", "annotator", "status", "published", "source", "url")


def _names(known: tuple[str, ...], seen: set[str]) -> list[str]:
    return list(known) + sorted(seen - set(known))


def features(datasets: Any, labels: list[str], relation_types: list[str]) -> Any:
    """The declared ``Features`` of an export with these label and relation type names."""
    Value, ClassLabel, Sequence = datasets.Value, datasets.ClassLabel, datasets.Sequence
    span = {"id": Value("int32"), "label": ClassLabel(names=labels), "start": Value("int32"),
            "end": Value("int32"), "fragments": [[Value("int32")]], "text": Value("string"),
            "attrs": Value("string"), "origin": Value("string"), "score": Value("float32"),
            "actor": Value("int64")}
    relation = {"type": ClassLabel(names=relation_types or ["NONE"]), "head": Value("int32"),
                "tail": Value("int32"), "tail_actor": Value("int64"), "attrs": Value("string"),
                "origin": Value("string")}
    actor = {"id": Value("int64"), "name": Value("string"), "type": Value("string"),
             "subtype": Value("string"), "aliases": [Value("string")], "kb_id": Value("string"),
             "attrs": Value("string"), "origin": Value("string")}
    fields: dict[str, Any] = {"id": Value("int64")}
    fields |= {name: Value("string") for name in _STRING_FIELDS}
    fields |= {"meta": Value("string"), "tokens": Sequence(Value("string")),
               "token_starts": Sequence(Value("int32")), "token_ends": Sequence(Value("int32")),
               "sentence_starts": Sequence(Value("int32")), "sentence_ends": Sequence(Value("int32")),
               "spans": [span], "relations": [relation], "actors": [actor]}
    for label in labels:
        fields[f"bio_{label}"] = Sequence(ClassLabel(names=["O", f"B-{label}", f"I-{label}"]))
    return datasets.Features(fields)


def _row(record: dict[str, Any], tokenization: Tokenization, labels: list[str]) -> dict[str, Any]:
    text = record["text"]
    row: dict[str, Any] = {"id": record["id"], "meta": json.dumps(record["meta"], ensure_ascii=False)}
    row |= {name: record.get(name) for name in _STRING_FIELDS}
    row |= {"tokens": text_of(tokenization.tokens, text),
            "token_starts": [s for s, _ in tokenization.tokens], "token_ends": [e for _, e in tokenization.tokens],
            "sentence_starts": [s for s, _ in tokenization.sentences],
            "sentence_ends": [e for _, e in tokenization.sentences]}
    row["spans"] = [dict(s, attrs=json.dumps(s["attrs"], ensure_ascii=False)) for s in record["spans"]]
    row["relations"] = [{
        "type": r["type"], "head": r["head"], "tail": r["tail"] if isinstance(r["tail"], int) else None,
        "tail_actor": None if isinstance(r["tail"], int) else int(str(r["tail"]).split(":", 1)[1]),
        "attrs": json.dumps(r["attrs"], ensure_ascii=False), "origin": r["origin"]} for r in record["relations"]]
    row["actors"] = [dict(a, attrs=json.dumps(a["attrs"], ensure_ascii=False)) for a in record["actors"]]
    for label in labels:
        row[f"bio_{label}"] = bio_tags(tokenization.tokens, record["spans"], (label,))[0]
    return row


def item_feature(feature: Any) -> Any:
    """The feature of a list's items: ``List.feature`` (datasets 4+) or ``[feature][0]`` (3.x)."""
    return feature.feature if hasattr(feature, "feature") else feature[0]


class HfWriter:
    """Keeps the records, then builds and saves the ``DatasetDict``."""

    def __init__(self, context: ExportContext):
        self.datasets = require("datasets", "hf")
        self.context = context
        self.items: list[tuple[dict[str, Any], Tokenization]] = []
        self.labels: set[str] = set()
        self.relation_types: set[str] = set()

    def add(self, record: dict[str, Any], tokenization: Tokenization) -> None:
        self.labels.update(s["label"] for s in record["spans"])
        self.relation_types.update(r["type"] for r in record["relations"])
        self.items.append((record, tokenization))

    def finish(self) -> list[str]:
        ds = self.datasets
        labels = _names(self.context.tagset.label_names, self.labels)
        feats = features(ds, labels, _names(self.context.tagset.relation_names, self.relation_types))
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in self.context.split_names()}
        for record, tokenization in self.items:
            rows[record.get("split", "train")].append(_row(record, tokenization, labels))
        splits = {name: ds.Dataset.from_list(items, features=feats) if items else
                  ds.Dataset.from_dict({key: [] for key in feats}, features=feats)
                  for name, items in rows.items()}
        bars = ds.is_progress_bar_enabled()
        ds.disable_progress_bars()
        try:
            ds.DatasetDict(splits).save_to_disk(str(self.context.folder))
        finally:
            if bars:
                ds.enable_progress_bars()
        self.context.notes.append("hf: load with datasets.load_from_disk(OUT); span label names in "
                                  "features['spans'].feature['label'].names")
        return ["dataset_dict.json", *rows]
