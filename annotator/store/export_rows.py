"""Bulk reads for the exporter: documents, spans and links of a few hundred documents per query.

An export reads every annotation once, so it skips the service's one-object-at-a-time readers and
their dataclasses: light rows come straight from three queries per chunk of documents. Span rows
keep the stored ``start``/``end`` columns beside the fragments so the export can check that the two
agree. Read-only SQL, kept in the store package with the other queries.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlite_utils import Database

from annotator.ids import DocumentId


class SpanRow(NamedTuple):
    """One stored span; ``start``/``end`` are the stored columns, ``fragments`` the decoded pairs."""

    id: int
    annotator_id: int
    label: str
    start: int
    end: int
    fragments: list[tuple[int, int]]
    attrs: dict[str, Any]
    origin: str
    score: float | None
    actor_id: int | None


class RelationRow(NamedTuple):
    id: int
    annotator_id: int
    type: str
    head: int
    tail_span: int | None
    tail_actor: int | None
    attrs: dict[str, Any]
    origin: str


@dataclass
class DocumentRows:
    """A document's fields and every annotation stored for it, in text order."""

    id: DocumentId
    uid: str
    title: str
    text: str
    source: str | None
    url: str | None
    published: str | None
    meta: dict[str, Any]
    external_id: str | None = None
    spans: list[SpanRow] = field(default_factory=list)
    relations: list[RelationRow] = field(default_factory=list)


def _fragments(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Decode stored fragments; the usual single pair ``[[start, end]]`` without a JSON parse."""
    if raw == f"[[{start}, {end}]]":
        return [(start, end)]
    return [tuple(pair) for pair in json.loads(raw)]  # type: ignore[misc]


def read_chunk(db: Database, document_ids: Sequence[DocumentId]) -> dict[DocumentId, DocumentRows]:
    """Documents with their spans and relations, for up to a few hundred ids at a time."""
    marks = ", ".join("?" * len(document_ids))
    params = list(document_ids)
    docs: dict[DocumentId, DocumentRows] = {}
    for row in db.execute(f"SELECT id, uid, title, text, source, url, published, meta, external_id FROM documents "
                          f"WHERE id IN ({marks})", params):
        docs[DocumentId(row[0])] = DocumentRows(DocumentId(row[0]), row[1], row[2], row[3], row[4], row[5], row[6],
                                                json.loads(row[7]) if row[7] else {}, row[8])
    loads = json.loads
    for (doc, sid, annotator, label, start, end, fragments, attrs, origin, score, actor) in db.execute(
            f'SELECT document_id, id, annotator_id, label, start, "end", fragments, attrs, origin, score, actor_id '
            f'FROM spans WHERE document_id IN ({marks}) ORDER BY document_id, start, "end" DESC, id', params):
        docs[doc].spans.append(SpanRow(sid, annotator, label, start, end, _fragments(fragments, start, end),
                                       loads(attrs) if attrs != "{}" else {}, origin, score, actor))
    for (doc, rid, annotator, kind, head, tail_span, tail_actor, attrs, origin) in db.execute(
            f"SELECT document_id, id, annotator_id, type, head_span_id, tail_span_id, tail_actor_id, attrs, origin "
            f"FROM relations WHERE document_id IN ({marks}) ORDER BY id", params):
        docs[doc].relations.append(RelationRow(rid, annotator, kind, head, tail_span, tail_actor,
                                               loads(attrs) if attrs != "{}" else {}, origin))
    return docs


def read_chunk_outline(db: Database, document_ids: Sequence[DocumentId]) -> dict[DocumentId, DocumentRows]:
    """What :func:`read_chunk` gives, cut to what tells which layers a document has: its id and
    uid, and one placeholder span per annotator and origin found in it (no text, no relations).
    Cheap enough to run over a whole corpus before the real read (to assign splits)."""
    marks = ", ".join("?" * len(document_ids))
    params = list(document_ids)
    docs = {DocumentId(row[0]): DocumentRows(DocumentId(row[0]), row[1], "", "", None, None, None, {})
            for row in db.execute(f"SELECT id, uid FROM documents WHERE id IN ({marks})", params)}
    for doc, annotator, origin in db.execute(
            f"SELECT DISTINCT document_id, annotator_id, origin FROM spans WHERE document_id IN ({marks})", params):
        docs[doc].spans.append(SpanRow(0, annotator, "", 0, 0, [], {}, origin, None, None))
    return docs


def adjudicated_exists(db: Database) -> bool:
    """Whether any span has origin ``adjudicated``."""
    return db.execute("SELECT 1 FROM spans WHERE origin = 'adjudicated' LIMIT 1").fetchone() is not None
