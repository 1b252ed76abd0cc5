"""Read doccano exports: sequence labelling and relation extraction JSONL.

Two shapes are read, line by line (pretty-printed objects back to back and one JSON array work too):

* ``{"text": "...", "label": [[start, end, "LABEL"], ...]}`` (sequence labelling);
* ``{"text": "...", "entities": [{"id", "start_offset", "end_offset", "label"}],
  "relations": [{"from_id", "to_id", "type"}]}`` (relation extraction).

Offsets are code points (doccano's server counts Python string indexes). Other keys (``id``,
``meta``, ``Comments`` ...) go into the document's meta. Text-classification files (labels
without offsets) are refused: their labels are not spans.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.interchange.jsonstream import json_objects
from annotator.interchange.plan import PlannedDocument, PlannedRelation, PlannedSpan

_SPAN_KEYS = ("text", "label", "labels", "entities", "relations", "meta", "data")
# Keys of doccano's label-type definitions (Settings > Labels > Export), never of a document.
_LABEL_TYPE_KEYS = frozenset({"background_color", "text_color", "suffix_key", "prefix_key"})


def _offsets(start: Any, end: Any, text: str, path: Path, line: int) -> tuple[int, int]:
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        raise InputError(f"span {start}-{end} is not inside the text (0-{len(text)})", path=path, line=line)
    return start, end


def _from_labels(labels: list[Any], text: str, path: Path, line: int) -> list[PlannedSpan]:
    spans = []
    for n, item in enumerate(labels, 1):
        if not isinstance(item, list | tuple) or len(item) != 3:
            raise InputError(f"label {item!r} is not [start, end, \"LABEL\"]; text-classification labels are not "
                             "spans (import those files with --format jsonl)", path=path, line=line)
        spans.append(PlannedSpan(str(n), str(item[2]), [_offsets(item[0], item[1], text, path, line)], line=line))
    return spans


def record_to_plan(record: Mapping[str, Any], path: Path, line: int) -> PlannedDocument:
    """One doccano record as a planned document."""
    if _LABEL_TYPE_KEYS & record.keys() and not {"label", "labels", "entities"} & record.keys():
        raise InputError(f"a doccano label-types file (the definition of label {record.get('text')!r}), "
                         "not annotated documents; import the files doccano's dataset export wrote "
                         "and add these labels to the tagset", path=path, line=line)
    text = record.get("text", record.get("data"))
    if not isinstance(text, str) or not text.strip():
        raise InputError('no "text": every doccano record needs its text', path=path, line=line)
    meta = dict(record.get("meta") or {})
    meta.update({k: v for k, v in record.items() if k not in _SPAN_KEYS})
    document = PlannedDocument(path=str(path), text=text, line=line, meta=meta)
    if "entities" in record:
        for entity in record["entities"]:
            fragment = _offsets(entity.get("start_offset"), entity.get("end_offset"), text, path, line)
            document.spans.append(PlannedSpan(str(entity.get("id")), str(entity.get("label")), [fragment], line=line))
        for relation in record.get("relations", ()):
            document.relations.append(PlannedRelation(str(relation.get("type")), str(relation.get("from_id")),
                                                      str(relation.get("to_id")), line=line))
    else:
        document.spans = _from_labels(list(record.get("label", record.get("labels", ()))), text, path, line)
    return document


def read_doccano(paths: list[Path]) -> list[PlannedDocument]:
    """Planned documents of every doccano JSONL file under ``paths``."""
    documents = [record_to_plan(record, file, line)
                 for file, line, record in json_objects(paths, pattern="*.json*", what="doccano records")]
    if not documents:
        raise InputError("no doccano records found", path=", ".join(map(str, paths)))
    return documents
