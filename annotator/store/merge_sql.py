"""SQL for hand-out packages and merges: whole-row copies between two project databases and the
bulk reads a merge needs. Both databases have the same schema (both opened by ``open_database``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.ids import AnnotatorId, DocumentId
from annotator.model import DocumentStatus
from annotator.store import meta as meta_sql
from annotator.store import people as people_sql
from annotator.store.db import FORMAT_NAME
from annotator.store.migrations import MIGRATIONS

_CHUNK = 500


def columns(db: Database, table: str) -> list[str]:
    """The column names of ``table``, in order."""
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def _chunks(ids: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def copy_rows(source: Database, target: Database, table: str, *, where: str = "", params: Sequence[Any] = (),
              in_column: str | None = None, in_ids: Sequence[Any] = (),
              override: dict[str, Any] | None = None) -> int:
    """Copy whole rows (ids and timestamps included) of ``table`` from ``source`` to ``target``.

    :param where: an SQL condition on ``source`` rows, with ``params``
    :param in_column: also require this column to be one of ``in_ids`` (sent in chunks)
    :param override: column values to write instead of the copied ones
    :returns: how many rows were copied
    """
    names = columns(target, table)
    quoted = ", ".join(f'"{n}"' for n in names)
    insert = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(names))})"
    override = override or {}
    positions = [(names.index(k), v) for k, v in override.items()]
    copied = 0
    batches = _chunks(list(in_ids)) if in_column else iter([()])
    for batch in batches:
        clauses = [where] if where else []
        if in_column:
            clauses.append(f'"{in_column}" IN ({", ".join("?" * len(batch))})')
        sql = f"SELECT {quoted} FROM {table}" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        rows = []
        for row in source.execute(sql, [*params, *batch]):
            row = list(row)
            for index, value in positions:
                row[index] = value
            rows.append(row)
        target.conn.executemany(insert, rows)
        copied += len(rows)
    return copied


def document_rows(db: Database) -> list[dict[str, Any]]:
    """Every document as a dict of its columns (``meta`` decoded), by id."""
    names = columns(db, "documents")
    rows = [dict(zip(names, r)) for r in db.execute(f"SELECT {', '.join(names)} FROM documents ORDER BY id")]
    for row in rows:
        row["meta"] = json.loads(row["meta"] or "{}")
    return rows


def token_row(db: Database, document_id: DocumentId) -> dict[str, Any] | None:
    names = columns(db, "document_tokens")
    row = db.execute(f"SELECT {', '.join(names)} FROM document_tokens WHERE document_id = ?",
                     [document_id]).fetchone()
    return dict(zip(names, row)) if row else None


def texts_by_uid(db: Database, uids: Sequence[str]) -> dict[str, tuple[DocumentId, str]]:
    """``{uid: (id, text)}`` for the documents of ``db`` with one of ``uids``."""
    found: dict[str, tuple[DocumentId, str]] = {}
    for batch in _chunks(list(uids)):
        rows = db.execute(f"SELECT uid, id, text FROM documents WHERE uid IN ({', '.join('?' * len(batch))})",
                          list(batch))
        found.update({r[0]: (DocumentId(r[1]), r[2]) for r in rows})
    return found


def all_statuses(db: Database) -> list[DocumentStatus]:
    rows = db.execute("SELECT document_id, annotator_id, status, seconds_spent, updated_at FROM document_status")
    return [DocumentStatus(DocumentId(r[0]), AnnotatorId(r[1]), r[2], r[3], r[4]) for r in rows]


def project_meta(db: Database) -> dict[str, str]:
    """Every ``project_meta`` key and value."""
    return {r[0]: r[1] for r in db.execute("SELECT key, value FROM project_meta")}


def put_meta(db: Database, key: str, value: str) -> None:
    """Set one ``project_meta`` key (the same write as a project setting)."""
    meta_sql.put_setting(db, key, value)


def put_status_row(db: Database, status: DocumentStatus) -> None:
    """Write a status row as is, keeping its ``updated_at`` (a merge copies the annotator's time)."""
    people_sql.put_status(db, status, at=status.updated_at)


# -- checking a file before it is opened for real --------------------------------------------------


def check_readonly(path: Path) -> str | None:
    """What is wrong with the project file at ``path``, read without writing to it; None when fine.

    Runs SQLite's integrity check, then looks for the project identity and unknown schema steps.
    :raises sqlite3.DatabaseError: the file cannot be read as SQLite at all
    """
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        damage = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if damage != ["ok"]:
            return f"the file is damaged ({'; '.join(damage)})"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        row = (conn.execute("SELECT value FROM project_meta WHERE key = 'format'").fetchone()
               if "project_meta" in tables else None)
        if row is None or row[0] != FORMAT_NAME:
            return "an SQLite file, but not an annotator project database"
        applied = set()
        if MIGRATIONS.migrations_table in tables:
            applied = {r[0] for r in conn.execute(
                f"SELECT name FROM {MIGRATIONS.migrations_table} WHERE migration_set = ?", [MIGRATIONS.name])}
        unknown = applied - {m.name for m in MIGRATIONS._migrations}
        if unknown:
            steps = ", ".join(sorted(unknown))
            return f"was written by a newer version of annotator (schema steps {steps} unknown here); upgrade annotator"
        return None
    finally:
        conn.close()


def snapshot(path: Path, destination: Path) -> None:
    """Copy the database at ``path`` to ``destination`` through SQLite, opening ``path`` read-only."""
    source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
