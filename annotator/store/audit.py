"""The audit log: every change, who made it, when, and the row before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.ids import AnnotatorId, DocumentId


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    annotator_id: AnnotatorId | None
    action: str
    entity: str
    entity_id: int | None
    document_id: DocumentId | None
    before: Any
    after: Any


def record(
    db: Database, *, at: str, annotator_id: AnnotatorId | None, action: str, entity: str,
    entity_id: int | None, document_id: DocumentId | None, before: Any = None, after: Any = None,
) -> None:
    db.execute(
        "INSERT INTO audit_log (at, annotator_id, action, entity, entity_id, document_id, before, after)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            at, annotator_id, action, entity, entity_id, document_id,
            None if before is None else json.dumps(before, ensure_ascii=False, default=str),
            None if after is None else json.dumps(after, ensure_ascii=False, default=str),
        ],
    )


def entries(db: Database, *, document_id: DocumentId | None = None, limit: int = 1000) -> list[AuditEntry]:
    sql = "SELECT id, at, annotator_id, action, entity, entity_id, document_id, before, after FROM audit_log"
    params: list[Any] = []
    if document_id is not None:
        sql += " WHERE document_id = ?"
        params.append(document_id)
    rows = db.execute(sql + " ORDER BY id DESC LIMIT ?", [*params, limit])
    return [
        AuditEntry(
            id=r[0], at=r[1], annotator_id=r[2], action=r[3], entity=r[4], entity_id=r[5],
            document_id=r[6], before=json.loads(r[7]) if r[7] else None,
            after=json.loads(r[8]) if r[8] else None,
        )
        for r in rows
    ]
