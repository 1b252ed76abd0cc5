"""SQL for assignments (who annotates which document) and the per-document adjudication status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.ids import AnnotatorId, DocumentId


@dataclass(frozen=True, slots=True)
class Assignment:
    """One document given to one annotator, by whom (None: not recorded) and when."""

    document_id: DocumentId
    annotator_id: AnnotatorId
    assigned_at: str
    assigned_by: AnnotatorId | None = None


@dataclass(frozen=True, slots=True)
class AssignmentProgress:
    """How far one annotator is with the documents assigned to them."""

    annotator_id: AnnotatorId
    name: str
    assigned: int
    todo: int
    in_progress: int
    done: int


def insert(db: Database, pairs: Iterable[tuple[DocumentId, AnnotatorId]], *, at: str,
           by: AnnotatorId | None) -> list[tuple[DocumentId, AnnotatorId]]:
    """Store new assignments; pairs already assigned are left as they are.

    :returns: the pairs that were new
    """
    added = []
    for document_id, annotator_id in pairs:
        cursor = db.execute(
            "INSERT OR IGNORE INTO assignments (document_id, annotator_id, assigned_at, assigned_by)"
            " VALUES (?, ?, ?, ?)", [document_id, annotator_id, at, by],
        )
        if cursor.rowcount:
            added.append((document_id, annotator_id))
    return added


def delete(db: Database, pairs: Iterable[tuple[DocumentId, AnnotatorId]]) -> list[tuple[DocumentId, AnnotatorId]]:
    """Remove assignments; returns the pairs that existed."""
    removed = []
    for document_id, annotator_id in pairs:
        cursor = db.execute(
            "DELETE FROM assignments WHERE document_id = ? AND annotator_id = ?", [document_id, annotator_id]
        )
        if cursor.rowcount:
            removed.append((document_id, annotator_id))
    return removed


def list_assignments(db: Database, *, annotator_id: AnnotatorId | None = None,
                     document_id: DocumentId | None = None) -> list[Assignment]:
    clauses, params = [], []
    if annotator_id is not None:
        clauses.append("annotator_id = ?")
        params.append(annotator_id)
    if document_id is not None:
        clauses.append("document_id = ?")
        params.append(document_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = db.execute(
        f"SELECT document_id, annotator_id, assigned_at, assigned_by FROM assignments{where}"
        " ORDER BY document_id, annotator_id", params,
    )
    return [Assignment(DocumentId(r[0]), AnnotatorId(r[1]), r[2], r[3]) for r in rows]


def assigned_document_ids(db: Database, annotator_id: AnnotatorId) -> list[DocumentId]:
    rows = db.execute(
        "SELECT document_id FROM assignments WHERE annotator_id = ? ORDER BY document_id", [annotator_id]
    )
    return [DocumentId(r[0]) for r in rows]


def progress(db: Database) -> list[AssignmentProgress]:
    """Per annotator (all of them, by name): assigned documents and their status counts."""
    rows = db.execute(
        "SELECT a.id, a.name, count(x.document_id),"
        " coalesce(sum(x.document_id IS NOT NULL AND coalesce(s.status, 'todo') = 'todo'), 0),"
        " coalesce(sum(s.status = 'in_progress'), 0), coalesce(sum(s.status = 'done'), 0)"
        " FROM annotators a LEFT JOIN assignments x ON x.annotator_id = a.id"
        " LEFT JOIN document_status s ON s.document_id = x.document_id AND s.annotator_id = a.id"
        " GROUP BY a.id ORDER BY a.name"
    )
    return [AssignmentProgress(AnnotatorId(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]


def counts_by_annotator(db: Database) -> dict[AnnotatorId, int]:
    return {AnnotatorId(r[0]): r[1] for r in db.execute(
        "SELECT annotator_id, count(*) FROM assignments GROUP BY annotator_id")}


# -- adjudication status (read and written by the adjudication window) -----------------------


def get_adjudication(db: Database, document_id: DocumentId) -> tuple[str, str | None]:
    """The lead's adjudication status of a document and when it last changed (todo when none)."""
    row = db.execute("SELECT status, updated_at FROM adjudication WHERE document_id = ?", [document_id]).fetchone()
    return (row[0], row[1]) if row else ("todo", None)


def put_adjudication(db: Database, document_id: DocumentId, status: str, *, at: str) -> None:
    db.execute(
        "INSERT INTO adjudication (document_id, status, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (document_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
        [document_id, status, at],
    )


def adjudication_counts(db: Database) -> dict[str, Any]:
    """``{status: count}`` over all documents; documents without a row count as todo."""
    total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    counts = {"todo": 0, "in_progress": 0, "done": 0}
    for status, count in db.execute("SELECT status, count(*) FROM adjudication GROUP BY status"):
        counts[status] = count
    counts["todo"] = total - counts["in_progress"] - counts["done"]
    return counts
