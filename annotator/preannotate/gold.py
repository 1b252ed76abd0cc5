"""Evaluating the pre-annotator on a gold file through a project: the gold texts are imported
when missing, pre-annotated into one layer, read back and compared (see :mod:`.evaluate`).

The comparison reads the whole layer, so evaluate into a layer of its own (the default,
"preannotator"), not into a person's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from annotator.errors import InputError
from annotator.ids import AnnotatorId, DocumentId
from annotator.ingest import analyse_one, tokenizer_name, uid_of
from annotator.preannotate.apply import PREANNOTATOR, preannotate_document, publication_date
from annotator.preannotate.detect import detect
from annotator.preannotate.evaluate import Report, evaluate
from annotator.preannotate.model import ACTOR_PREFIX
from annotator.project import Project
from annotator.store.documents import DocumentRow, document_id_by_uid
from annotator.text import CANON_VERSION, canonicalize


def check_gold_text(record: Mapping[str, Any], line: int) -> str:
    """The record's text, which must already be canonical (gold offsets index it as is)."""
    text = record["text"]
    if canonicalize(text) != text:
        raise InputError(f"the text of gold document {record.get('id')!r} is not in canonical form; "
                         "canonicalise it and recompute the offsets", line=line)
    return text


def ensure_document(project: Project, record: Mapping[str, Any], line: int = 0) -> DocumentId:
    """The project's document with the gold text, imported when missing."""
    text = check_gold_text(record, line)
    found = document_id_by_uid(project.db, uid_of(text))
    if found is not None:
        return found
    analysed = analyse_one(text, False, False)
    row = DocumentRow(uid=analysed.uid, title=str(record.get("title") or record.get("id") or "gold"), text=text,
                      raw_text=None, canon_version=CANON_VERSION, source="gold", published=record.get("published"),
                      external_id=str(record.get("id")) if record.get("id") is not None else None)
    document_id, _ = project.add_document(row, analysed.tokenization, tokenizer=tokenizer_name())
    return document_id


def layer_record(project: Project, document_id: DocumentId, annotator_id: AnnotatorId) -> dict[str, Any]:
    """One layer of a document in the export-record shape :func:`evaluate.compare` reads."""
    document = project.document(document_id)
    spans = project.spans(document_id, annotator_id=annotator_id)
    relations = project.relations(document_id, annotator_id=annotator_id)
    actor_ids = {s.actor_id for s in spans if s.actor_id is not None} | {r.tail_actor for r in relations if r.tail_actor}
    return {
        "id": document_id, "text": document.text,
        "spans": [{"id": s.id, "label": s.label, "start": s.start, "end": s.end,
                   "fragments": [list(f) for f in s.fragments], "text": s.text_in(document.text),
                   "attrs": dict(s.attrs), "actor": s.actor_id} for s in spans],
        "relations": [{"type": r.type, "head": r.head,
                       "tail": r.tail_span if r.tail_span is not None else f"{ACTOR_PREFIX}{r.tail_actor}"}
                      for r in relations],
        "actors": [{"id": a.id, "name": a.name, "aliases": list(a.aliases), "type": a.type}
                   for a in map(project.actor, sorted(actor_ids))],
    }


def evaluate_project(project: Project, gold: Sequence[Mapping[str, Any]], *, annotator: str = PREANNOTATOR,
                     progress: Callable[[int], None] | None = None) -> Report:
    """Pre-annotate every gold text in ``project`` (importing it when missing) and compare."""
    annotator_id = project.ensure_annotator(annotator).id
    pairs = []
    for line, record in enumerate(gold, 1):
        document_id = ensure_document(project, record, line)
        preannotate_document(project, document_id, annotator_id)
        predicted = layer_record(project, document_id, annotator_id)
        pairs.append((record, {**predicted, "id": record.get("id")}))
        if progress is not None:
            progress(line)
    return evaluate(pairs)


def evaluate_texts(gold: Sequence[Mapping[str, Any]]) -> Report:
    """The same comparison without a project: the detector on the gold texts, in memory."""
    from annotator.text import tokenize

    pairs = []
    for line, record in enumerate(gold, 1):
        text = check_gold_text(record, line)
        found = detect(text, tokenize(text), published=publication_date(record.get("published")))
        pairs.append((record, found.to_record(text, id=record.get("id"))))
    return evaluate(pairs)

