"""Read Prodigy exports (``prodigy db-out``): JSONL with ``text``, ``spans`` and ``relations``.

Only accepted examples are read (``"answer": "accept"``, or no answer); rejected and ignored ones
are left out. Spans are ``{"start", "end", "label"}`` in code points (Prodigy is Python);
relations ``{"head_span", "child_span", "label"}`` link the spans with those offsets. The
annotator is ``_annotator_id`` (Prodigy's session name) when present, unless ``--annotator``
names one for all.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.interchange.jsonstream import json_objects
from annotator.interchange.plan import PlannedDocument, PlannedRelation, PlannedSpan

_ACCEPTED = (None, "accept")


def _fragment(span: Mapping[str, Any], text: str, path: Path, line: int) -> tuple[int, int]:
    start, end = span.get("start"), span.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        raise InputError(f"span {start}-{end} is not inside the text (0-{len(text)})", path=path, line=line)
    return start, end


def example_to_plan(example: Mapping[str, Any], path: Path, line: int) -> PlannedDocument:
    """One accepted Prodigy example as a planned document."""
    text = example.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError('no "text": every Prodigy example needs its text', path=path, line=line)
    annotator = example.get("_annotator_id") or example.get("_session_id")
    meta = dict(example.get("meta") or {})
    document = PlannedDocument(path=str(path), text=text, line=line, meta=meta,
                               annotator=str(annotator) if annotator else None)
    keys: dict[tuple[int, int, str], str] = {}
    for n, span in enumerate(example.get("spans") or [], 1):
        if not isinstance(span, Mapping) or not span.get("label"):
            raise InputError(f"span {n} has no label", path=path, line=line)
        fragment = _fragment(span, text, path, line)
        keys[(*fragment, str(span["label"]))] = str(n)
        document.spans.append(PlannedSpan(str(n), str(span["label"]), [fragment], line=line))
    for relation in example.get("relations") or []:
        ends = []
        for side in ("head_span", "child_span"):
            span = relation.get(side) if isinstance(relation, Mapping) else None
            if not isinstance(span, Mapping):
                raise InputError(f"a relation has no {side}", path=path, line=line)
            fragment = _fragment(span, text, path, line)
            key = keys.get((*fragment, str(span.get("label"))))
            if key is None:  # a relation between spans the example does not list: add them
                key = keys[(*fragment, str(span.get("label")))] = str(len(document.spans) + 1)
                document.spans.append(PlannedSpan(key, str(span.get("label")), [fragment], line=line))
            ends.append(key)
        document.relations.append(PlannedRelation(str(relation.get("label") or "RELATED"), ends[0], ends[1], line=line))
    return document


def read_prodigy(paths: list[Path]) -> list[PlannedDocument]:
    """Planned documents of every accepted example in the Prodigy JSONL files under ``paths``."""
    documents = [example_to_plan(example, file, line)
                 for file, line, example in json_objects(paths, pattern="*.jsonl", what="Prodigy examples")
                 if example.get("answer") in _ACCEPTED]
    if not documents:
        raise InputError("no accepted Prodigy examples found", path=", ".join(map(str, paths)))
    return documents
