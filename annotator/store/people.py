"""SQL for annotators and their per-document status and time."""

from __future__ import annotations

from sqlite_utils import Database

from annotator.ids import AnnotatorId, DocumentId
from annotator.model import Annotator, DocumentStatus


def insert_annotator(db: Database, name: str, role: str, *, at: str) -> AnnotatorId:
    cursor = db.execute(
        "INSERT INTO annotators (name, role, created_at) VALUES (?, ?, ?)", [name, role, at]
    )
    return AnnotatorId(cursor.lastrowid)


def set_role(db: Database, annotator_id: AnnotatorId, role: str) -> None:
    db.execute("UPDATE annotators SET role = ? WHERE id = ?", [role, annotator_id])


def list_annotators(db: Database) -> list[Annotator]:
    rows = db.execute("SELECT id, name, role FROM annotators ORDER BY name")
    return [Annotator(id=AnnotatorId(r[0]), name=r[1], role=r[2]) for r in rows]


def get_annotator(db: Database, *, annotator_id: AnnotatorId | None = None, name: str | None = None) -> Annotator | None:
    if annotator_id is not None:
        row = db.execute("SELECT id, name, role FROM annotators WHERE id = ?", [annotator_id]).fetchone()
    else:
        row = db.execute("SELECT id, name, role FROM annotators WHERE name = ?", [name]).fetchone()
    return Annotator(id=AnnotatorId(row[0]), name=row[1], role=row[2]) if row else None


def get_status(db: Database, document_id: DocumentId, annotator_id: AnnotatorId) -> DocumentStatus:
    row = db.execute(
        "SELECT status, seconds_spent, updated_at FROM document_status"
        " WHERE document_id = ? AND annotator_id = ?",
        [document_id, annotator_id],
    ).fetchone()
    if row is None:
        return DocumentStatus(document_id, annotator_id)
    return DocumentStatus(document_id, annotator_id, status=row[0], seconds_spent=row[1], updated_at=row[2])


def put_status(db: Database, status: DocumentStatus, *, at: str | None) -> None:
    """Insert or replace one annotator's status row for a document, stamped ``at``."""
    db.execute(
        "INSERT INTO document_status (document_id, annotator_id, status, seconds_spent, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) DO UPDATE SET"
        " status = excluded.status, seconds_spent = excluded.seconds_spent, updated_at = excluded.updated_at",
        [status.document_id, status.annotator_id, status.status, status.seconds_spent, at],
    )


def statuses_for(db: Database, document_ids: list[DocumentId], annotator_id: AnnotatorId) -> dict[DocumentId, str]:
    if not document_ids:
        return {}
    marks = ", ".join("?" * len(document_ids))
    rows = db.execute(
        f"SELECT document_id, status FROM document_status WHERE annotator_id = ? AND document_id IN ({marks})",
        [annotator_id, *document_ids],
    )
    return {DocumentId(r[0]): r[1] for r in rows}


def status_counts(db: Database) -> dict[str, dict[str, int]]:
    """``{annotator name: {status: count}}``; documents never opened count as todo."""
    total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    annotators = list_annotators(db)
    by_id = {a.id: {"todo": 0, "in_progress": 0, "done": 0} for a in annotators}
    for annotator_id, status, count in db.execute(
        "SELECT annotator_id, status, count(*) FROM document_status GROUP BY annotator_id, status"
    ):
        if annotator_id in by_id:
            by_id[annotator_id][status] = count
    for counts in by_id.values():
        counts["todo"] = total - counts["in_progress"] - counts["done"]
    return {a.name: by_id[a.id] for a in annotators}
