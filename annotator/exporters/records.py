"""The export record of one layer document: the JSON object a line of the jsonl export holds.

Every other format is written from these records, so the offset checks here guard them all.
Span ids are local to the record (1, 2, ... in text order); actors keep their project ids.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from annotator.errors import AnnotatorError
from annotator.exporters.layers import LayerDocument
from annotator.ids import ActorId
from annotator.model import Actor

JOINER = " … "  # between the texts of a discontinuous span's fragments
ACTOR_PREFIX = "actor:"


class ExportIntegrityError(AnnotatorError):
    """Stored offsets that do not fit the text: the export stops rather than write them."""


def fragments_problem(text_length: int, fragments: Sequence[Sequence[int]],
                      bounds: tuple[int, int] | None = None) -> str | None:
    """Why these fragments cannot be exported, or None when they are sound.

    :param text_length: the document's length in code points
    :param fragments: the span's ``[start, end)`` pairs
    :param bounds: the stored outer ``(start, end)``, which must match the fragments
    """
    if not fragments:
        return "has no fragments"
    previous_end = -1
    for start, end in fragments:
        if not (isinstance(start, int) and isinstance(end, int)) or start >= end:
            return f"has an empty or reversed fragment {start}-{end}"
        if start < 0 or end > text_length:
            return f"has a fragment {start}-{end} outside the text (0-{text_length})"
        if start < previous_end:
            return f"has overlapping or unsorted fragments {list(map(list, fragments))}"
        previous_end = end
    outer = (fragments[0][0], max(e for _, e in fragments))
    if bounds is not None and tuple(bounds) != outer:
        return (f"is stored as {bounds[0]}-{bounds[1]} but its fragments "
                f"{list(map(list, fragments))} span {outer[0]}-{outer[1]}")
    return None


def span_text(text: str, fragments: Sequence[Sequence[int]]) -> str:
    """The text a span covers: one fragment's text, or the fragments' texts joined by `` … ``."""
    return JOINER.join(text[s:e] for s, e in fragments)


def actor_json(actor: Actor) -> dict[str, Any]:
    """An actor as the export writes it."""
    return {"id": actor.id, "name": actor.name, "type": actor.type, "subtype": actor.subtype,
            "aliases": list(actor.aliases), "kb_id": actor.kb_id, "attrs": dict(actor.attrs),
            "origin": actor.origin}


def build_record(layer: LayerDocument, actor: Callable[[ActorId], Actor],
                 split: str | None = None) -> dict[str, Any]:
    """The export record of a layer document, after checking every span's offsets.

    :param layer: the document and one layer's spans and relations
    :param actor: looks an actor up by id (cached by the caller)
    :param split: the split the document belongs to, or None when not splitting
    :raises ExportIntegrityError: a span whose offsets do not fit the text, naming the document
    """
    doc = layer.document
    text, length = doc.text, len(doc.text)
    local: dict[int, int] = {}
    spans = []
    for span in layer.spans:
        fragments = span.fragments
        if len(fragments) == 1 and fragments[0] == (span.start, span.end) and 0 <= span.start < span.end <= length:
            start, end = fragments[0]  # the common case, checked quickly
            shown = text[start:end]
        else:
            problem = fragments_problem(length, fragments, (span.start, span.end))
            if problem:
                raise ExportIntegrityError(
                    f"export stopped at document {doc.id} «{doc.title}»: span {span.id} ({span.label}) "
                    f"{problem}; nothing was written; repair or delete that span and export again")
            start, end, shown = fragments[0][0], max(e for _, e in fragments), span_text(text, fragments)
        local[span.id] = number = len(spans) + 1
        spans.append({"id": number, "label": span.label, "start": start, "end": end,
                      "fragments": [[s, e] for s, e in fragments], "text": shown, "attrs": span.attrs,
                      "origin": span.origin, "score": span.score, "actor": span.actor_id})
    relations, actor_ids = [], {s.actor_id for s in layer.spans if s.actor_id is not None}
    for relation in layer.relations:
        if relation.tail_actor is not None:
            actor_ids.add(relation.tail_actor)
            tail: int | str = f"{ACTOR_PREFIX}{relation.tail_actor}"
        else:
            tail = local[relation.tail_span]  # type: ignore[index]
        relations.append({"type": relation.type, "head": local[relation.head], "tail": tail,
                          "attrs": relation.attrs, "origin": relation.origin})
    record: dict[str, Any] = {
        "id": doc.id, "uid": doc.uid, "external_id": doc.external_id, "title": doc.title, "text": doc.text,
        "annotator": layer.annotator, "status": layer.status, "spans": spans, "relations": relations,
        "actors": [actor_json(actor(ActorId(a))) for a in sorted(actor_ids)],
        "meta": doc.meta, "published": doc.published, "source": doc.source, "url": doc.url,
    }
    if split is not None:
        record["split"] = split
    return record


def record_problems(record: Mapping[str, Any]) -> list[str]:
    """What is wrong with an export record read back (offsets, span texts, references).

    :param record: one parsed line of a jsonl export
    """
    text = record.get("text")
    if not isinstance(text, str):
        return ['"text" must be a string']
    problems, ids = [], set()
    for span in record.get("spans", ()):
        fragments = span.get("fragments") or [[span.get("start"), span.get("end")]]
        problem = fragments_problem(len(text), fragments, (span.get("start"), span.get("end")))
        if problem is None and span.get("text") is not None and span["text"] != span_text(text, fragments):
            problem = f"has text {span['text']!r} but the offsets cover {span_text(text, fragments)!r}"
        if problem:
            problems.append(f"span {span.get('id')} ({span.get('label')}) {problem}")
        ids.add(span.get("id"))
    for relation in record.get("relations", ()):
        tail = relation.get("tail")
        for end in (relation.get("head"), tail):
            if end not in ids and not (isinstance(end, str) and end.startswith(ACTOR_PREFIX)):
                problems.append(f"relation {relation.get('type')} points at span {end!r}, "
                                "which is not in this record")
    return problems
