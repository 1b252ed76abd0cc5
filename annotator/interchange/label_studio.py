"""Read Label Studio exports: the JSON of tasks with their annotations, and the JSON-MIN form.

* JSON (Export > JSON): a list of tasks ``{"data": {"text": ...}, "annotations": [{"completed_by",
  "result": [...]}]}``. Each ``labels`` result is a span (``value``: ``start``, ``end``, ``text``,
  ``labels``); each ``relation`` result (``from_id``, ``to_id``, ``labels``) a link; ``choices`` and
  ``textarea`` results on a span (same ``id``) are kept as notes. Every annotation of a task is
  one annotator's layer, named after ``completed_by`` (its email when exported, else
  ``label-studio-<id>``); ``--annotator`` puts them all in one layer instead. Cancelled
  (skipped) annotations and predictions are left out.
* JSON-MIN: a list of ``{"text": ..., "label": [{"start", "end", "text", "labels"}]}``.

Label Studio counts offsets in UTF-16 code units (JavaScript); they are moved onto code points,
and each span's ``text`` is checked against the offsets.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.interchange.align import has_astral, utf16_positions
from annotator.interchange.jsonstream import json_objects
from annotator.interchange.plan import PlannedDocument, PlannedRelation, PlannedSpan

_TEXT_KEYS = ("text", "content", "body", "article")


def _task_text(task: Mapping[str, Any], path: Path, line: int) -> str:
    data = task.get("data") if isinstance(task.get("data"), Mapping) else task
    text = next((data[k] for k in _TEXT_KEYS if isinstance(data.get(k), str)), None)
    if text is None or not text.strip():
        raise InputError('no text: a Label Studio task needs "data": {"text": ...}', path=path, line=line)
    return text


def _offsets(value: Mapping[str, Any], text: str, table: dict[int, int] | None, path: Path, line: int) -> tuple[int, int]:
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int)):
        raise InputError(f"span {value.get('text')!r} has no start and end offsets", path=path, line=line)
    if table is not None:  # UTF-16 code units -> code points
        if start not in table or end not in table:
            raise InputError(f"span {start}-{end} does not fall between characters", path=path, line=line)
        start, end = table[start], table[end]
    if not 0 <= start < end <= len(text):
        raise InputError(f"span {start}-{end} is not inside the text (0-{len(text)})", path=path, line=line)
    shown = value.get("text")
    if isinstance(shown, str) and shown.strip() and text[start:end].strip() != shown.strip():
        raise InputError(f"span says {shown!r} but its offsets cover {text[start:end]!r}; "
                         "was the text changed after it was annotated?", path=path, line=line)
    return start, end


def _annotator_name(annotation: Mapping[str, Any]) -> str | None:
    who = annotation.get("completed_by")
    if isinstance(who, Mapping):
        return str(who.get("email") or who.get("username") or f"label-studio-{who.get('id')}")
    return f"label-studio-{who}" if who is not None else None


def _document(text: str, results: list[Any], path: Path, line: int, annotator: str | None) -> PlannedDocument:
    document = PlannedDocument(path=str(path), text=text, line=line, annotator=annotator)
    table = utf16_positions(text) if has_astral(text) else None
    notes: dict[str, list[str]] = {}
    for result in results:
        if not isinstance(result, Mapping):
            raise InputError("a result is not a JSON object", path=path, line=line)
        value = result.get("value") if isinstance(result.get("value"), Mapping) else result
        kind = result.get("type")
        if kind == "relation" or ("from_id" in result and "to_id" in result):
            for label in result.get("labels") or ["RELATED"]:
                document.relations.append(PlannedRelation(str(label), str(result["from_id"]), str(result["to_id"]),
                                                          line=line))
            continue
        labels = value.get("labels") or value.get("hypertextlabels")
        if labels and "start" in value:
            fragment = _offsets(value, text, table, path, line)
            key = str(result.get("id", len(document.spans) + 1))
            for n, label in enumerate(labels):
                document.spans.append(PlannedSpan(key if n == 0 else f"{key}.{n}", str(label), [fragment], line=line))
        elif result.get("id") is not None and (value.get("choices") or value.get("text")):
            shown = value.get("choices") or value.get("text")
            notes.setdefault(str(result["id"]), []).extend(map(str, shown if isinstance(shown, list) else [shown]))
    for span in document.spans:
        span.notes += notes.get(span.key, [])
    return document


def read_label_studio(paths: list[Path]) -> list[PlannedDocument]:
    """Planned documents of every Label Studio export (``*.json``) under ``paths``."""
    documents: list[PlannedDocument] = []
    for file, line, task in json_objects(paths, pattern="*.json", what="Label Studio tasks"):
        text = _task_text(task, file, line)
        if "annotations" in task or "completions" in task:
            for annotation in task.get("annotations") or task.get("completions") or []:
                if isinstance(annotation, Mapping) and not annotation.get("was_cancelled"):
                    documents.append(_document(text, list(annotation.get("result") or []), file, line,
                                               _annotator_name(annotation)))
        else:  # JSON-MIN
            results = [{"value": item} for item in task.get("label") or [] if isinstance(item, Mapping)]
            documents.append(_document(text, results, file, line, None))
    if not documents:
        raise InputError("no Label Studio tasks with annotations found", path=", ".join(map(str, paths)))
    return documents
