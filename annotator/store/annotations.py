"""SQL for spans and relations. Rows come back as :mod:`annotator.model` values."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlite_utils import Database

from annotator.ids import ActorId, AnnotatorId, DocumentId, RelationId, SpanId
from annotator.model import Relation, RelationDraft, Span, SpanDraft

_SPAN_COLUMNS = (
    'id, document_id, annotator_id, label, fragments, attrs, origin, score, actor_id,'
    ' created_at, updated_at'
)
_RELATION_COLUMNS = (
    "id, document_id, annotator_id, type, head_span_id, tail_span_id, tail_actor_id, attrs,"
    " origin, score, created_at"
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _span_bounds(draft: SpanDraft) -> tuple[int, int, str]:
    """The stored ``start``, ``end`` and ``fragments`` columns of a draft."""
    fragments = sorted(draft.fragments)
    return fragments[0][0], max(e for _, e in fragments), json.dumps(fragments)


def span_from_row(row: Sequence[Any]) -> Span:
    """A :class:`Span` from a row of ``_SPAN_COLUMNS``."""
    return Span(
        id=SpanId(row[0]), document_id=DocumentId(row[1]), annotator_id=AnnotatorId(row[2]),
        label=row[3], fragments=tuple((s, e) for s, e in json.loads(row[4])),
        attrs=json.loads(row[5]), origin=row[6], score=row[7],
        actor_id=ActorId(row[8]) if row[8] is not None else None,
        created_at=row[9], updated_at=row[10],
    )


def relation_from_row(row: Sequence[Any]) -> Relation:
    """A :class:`Relation` from a row of ``_RELATION_COLUMNS``."""
    return Relation(
        id=RelationId(row[0]), document_id=DocumentId(row[1]), annotator_id=AnnotatorId(row[2]),
        type=row[3], head=SpanId(row[4]),
        tail_span=SpanId(row[5]) if row[5] is not None else None,
        tail_actor=ActorId(row[6]) if row[6] is not None else None,
        attrs=json.loads(row[7]), origin=row[8], score=row[9], created_at=row[10],
    )


def insert_span(
    db: Database, draft: SpanDraft, *, at: str, span_id: SpanId | None = None,
    created_at: str | None = None,
) -> SpanId:
    """Insert a span; ``span_id`` re-creates a deleted span under its old id (undo)."""
    cursor = db.execute(
        "INSERT INTO spans (id, document_id, annotator_id, label, start, \"end\", fragments, attrs,"
        " origin, score, actor_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            span_id, draft.document_id, draft.annotator_id, draft.label, *_span_bounds(draft),
            _dumps(dict(draft.attrs)), draft.origin, draft.score, draft.actor_id,
            created_at or at, at,
        ],
    )
    return SpanId(cursor.lastrowid)


def update_span(db: Database, span_id: SpanId, draft: SpanDraft, *, at: str) -> None:
    """Overwrite a span's fields with the draft's (its document and annotator stay)."""
    db.execute(
        "UPDATE spans SET label = ?, start = ?, \"end\" = ?, fragments = ?, attrs = ?, origin = ?,"
        " score = ?, actor_id = ?, updated_at = ? WHERE id = ?",
        [
            draft.label, *_span_bounds(draft),
            _dumps(dict(draft.attrs)), draft.origin, draft.score, draft.actor_id, at, span_id,
        ],
    )


def delete_span(db: Database, span_id: SpanId) -> None:
    db.execute("DELETE FROM spans WHERE id = ?", [span_id])


def get_span(db: Database, span_id: SpanId) -> Span | None:
    row = db.execute(f"SELECT {_SPAN_COLUMNS} FROM spans WHERE id = ?", [span_id]).fetchone()
    return span_from_row(row) if row else None


def list_spans(
    db: Database, document_id: DocumentId, *, annotator_id: AnnotatorId | None = None
) -> list[Span]:
    sql = f"SELECT {_SPAN_COLUMNS} FROM spans WHERE document_id = ?"
    params: list[Any] = [document_id]
    if annotator_id is not None:
        sql += " AND annotator_id = ?"
        params.append(annotator_id)
    rows = db.execute(sql + ' ORDER BY start, "end" DESC, id', params)
    return [span_from_row(r) for r in rows]


def insert_relation(
    db: Database, draft: RelationDraft, *, at: str, relation_id: RelationId | None = None
) -> RelationId:
    """Insert a relation created ``at``; ``relation_id`` re-creates a deleted one (undo)."""
    cursor = db.execute(
        "INSERT INTO relations (id, document_id, annotator_id, type, head_span_id, tail_span_id,"
        " tail_actor_id, attrs, origin, score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            relation_id, draft.document_id, draft.annotator_id, draft.type, draft.head,
            draft.tail_span, draft.tail_actor, _dumps(dict(draft.attrs)), draft.origin,
            draft.score, at,
        ],
    )
    return RelationId(cursor.lastrowid)


def delete_relation(db: Database, relation_id: RelationId) -> None:
    db.execute("DELETE FROM relations WHERE id = ?", [relation_id])


def get_relation(db: Database, relation_id: RelationId) -> Relation | None:
    row = db.execute(
        f"SELECT {_RELATION_COLUMNS} FROM relations WHERE id = ?", [relation_id]
    ).fetchone()
    return relation_from_row(row) if row else None


def list_relations(
    db: Database, document_id: DocumentId, *, annotator_id: AnnotatorId | None = None
) -> list[Relation]:
    sql = f"SELECT {_RELATION_COLUMNS} FROM relations WHERE document_id = ?"
    params: list[Any] = [document_id]
    if annotator_id is not None:
        sql += " AND annotator_id = ?"
        params.append(annotator_id)
    return [relation_from_row(r) for r in db.execute(sql + " ORDER BY id", params)]


def relations_touching(db: Database, span_ids: Iterable[SpanId]) -> list[Relation]:
    """Relations whose head or tail is one of ``span_ids``."""
    ids = list(span_ids)
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = db.execute(
        f"SELECT {_RELATION_COLUMNS} FROM relations WHERE head_span_id IN ({marks})"
        f" OR tail_span_id IN ({marks}) ORDER BY id",
        [*ids, *ids],
    )
    return [relation_from_row(r) for r in rows]


def span_counts(db: Database, *, by: str) -> dict[str, int]:
    """Span counts grouped by ``label`` or by annotator ``name``."""
    if by == "label":
        sql = "SELECT label, count(*) FROM spans GROUP BY label ORDER BY label"
    elif by == "annotator":
        sql = (
            "SELECT a.name, count(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id"
            " GROUP BY a.name ORDER BY a.name"
        )
    else:
        raise ValueError(by)
    return {row[0]: row[1] for row in db.execute(sql)}


def span_counts_for_documents(
    db: Database, document_ids: Sequence[DocumentId], *, annotator_id: AnnotatorId | None,
    include_suggested: bool = True,
) -> dict[DocumentId, int]:
    if not document_ids:
        return {}
    marks = ", ".join("?" * len(document_ids))
    sql = f"SELECT document_id, count(*) FROM spans WHERE document_id IN ({marks})"
    params: list[Any] = list(document_ids)
    if annotator_id is not None:
        sql += " AND annotator_id = ?"
        params.append(annotator_id)
    if not include_suggested:
        sql += " AND origin != 'suggested'"
    return {DocumentId(r[0]): r[1] for r in db.execute(sql + " GROUP BY document_id", params)}


def iter_all_spans(db: Database) -> Iterator[Span]:
    """Every span of the project, grouped by document then annotator."""
    rows = db.execute(f"SELECT {_SPAN_COLUMNS} FROM spans ORDER BY document_id, annotator_id, start, id")
    for row in rows:
        yield span_from_row(row)


def iter_all_relations(db: Database) -> Iterator[Relation]:
    for row in db.execute(f"SELECT {_RELATION_COLUMNS} FROM relations ORDER BY document_id, id"):
        yield relation_from_row(row)


def update_relation(db: Database, relation_id: RelationId, draft: RelationDraft) -> None:
    db.execute(
        "UPDATE relations SET type = ?, attrs = ? WHERE id = ?",
        [draft.type, _dumps(dict(draft.attrs)), relation_id],
    )


def spans_in_range(
    db: Database, document_id: DocumentId, annotator_id: AnnotatorId, *, start: int, end: int
) -> list[Span]:
    """One annotator's spans of a document whose outer bounds reach into ``[start, end)``."""
    rows = db.execute(
        f"SELECT {_SPAN_COLUMNS} FROM spans WHERE document_id = ? AND annotator_id = ?"
        ' AND start < ? AND "end" > ? ORDER BY start, id',
        [document_id, annotator_id, end, start],
    )
    return [span_from_row(r) for r in rows]
