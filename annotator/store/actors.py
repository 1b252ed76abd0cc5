"""SQL for the corpus-wide actor registry."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from annotator.ids import ActorId
from annotator.model import Actor, ActorDraft

_COLUMNS = "id, name, type, subtype, aliases, kb_id, attrs, origin"


def _json_columns(draft: ActorDraft) -> tuple[str, str]:
    """The stored ``aliases`` and ``attrs`` columns of a draft."""
    return (json.dumps(list(draft.aliases), ensure_ascii=False),
            json.dumps(dict(draft.attrs), ensure_ascii=False, sort_keys=True))


def actor_from_row(row: Sequence[Any]) -> Actor:
    """An :class:`Actor` from a row of ``_COLUMNS``."""
    return Actor(
        id=ActorId(row[0]), name=row[1], type=row[2], subtype=row[3],
        aliases=tuple(json.loads(row[4])), kb_id=row[5], attrs=json.loads(row[6]), origin=row[7],
    )


def insert_actor(db: Database, draft: ActorDraft, *, at: str, actor_id: ActorId | None = None) -> ActorId:
    """Insert an actor; ``actor_id`` re-creates a deleted one under its old id (undo)."""
    aliases, attrs = _json_columns(draft)
    cursor = db.execute(
        "INSERT INTO actors (id, name, type, subtype, aliases, kb_id, attrs, origin, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            actor_id, draft.name, draft.type, draft.subtype, aliases, draft.kb_id, attrs, draft.origin, at, at,
        ],
    )
    return ActorId(cursor.lastrowid)


def update_actor(db: Database, actor_id: ActorId, draft: ActorDraft, *, at: str) -> None:
    """Overwrite an actor's fields with the draft's."""
    aliases, attrs = _json_columns(draft)
    db.execute(
        "UPDATE actors SET name = ?, type = ?, subtype = ?, aliases = ?, kb_id = ?, attrs = ?,"
        " origin = ?, updated_at = ? WHERE id = ?",
        [
            draft.name, draft.type, draft.subtype, aliases, draft.kb_id, attrs, draft.origin, at, actor_id,
        ],
    )


def delete_actor(db: Database, actor_id: ActorId) -> None:
    db.execute("DELETE FROM actors WHERE id = ?", [actor_id])


def get_actor(db: Database, actor_id: ActorId) -> Actor | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM actors WHERE id = ?", [actor_id]).fetchone()
    return actor_from_row(row) if row else None


def list_actors(db: Database, *, search: str | None = None, limit: int | None = None) -> list[Actor]:
    sql = f"SELECT {_COLUMNS} FROM actors"
    params: list[Any] = []
    if search:
        sql += " WHERE name LIKE ? OR aliases LIKE ? OR kb_id = ?"
        pattern = f"%{search}%"
        params += [pattern, pattern, search]
    sql += " ORDER BY name, id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [actor_from_row(r) for r in db.execute(sql, params)]


def actor_usage(db: Database, actor_id: ActorId) -> tuple[int, int]:
    """How many spans refer to the actor, and how many relations point at it."""
    spans = db.execute("SELECT count(*) FROM spans WHERE actor_id = ?", [actor_id]).fetchone()[0]
    relations = db.execute(
        "SELECT count(*) FROM relations WHERE tail_actor_id = ?", [actor_id]
    ).fetchone()[0]
    return spans, relations


def repoint_actor(db: Database, old: ActorId, new: ActorId) -> tuple[list[int], list[int]]:
    """Point every span and relation that names ``old`` at ``new``; returns the ids moved."""
    span_ids = [r[0] for r in db.execute("SELECT id FROM spans WHERE actor_id = ?", [old])]
    relation_ids = [r[0] for r in db.execute("SELECT id FROM relations WHERE tail_actor_id = ?", [old])]
    db.execute("UPDATE spans SET actor_id = ? WHERE actor_id = ?", [new, old])
    db.execute("UPDATE relations SET tail_actor_id = ? WHERE tail_actor_id = ?", [new, old])
    return span_ids, relation_ids


def repoint_actor_attributes(
    db: Database, label_attrs: list[tuple[str, str]], old: ActorId, new: ActorId
) -> list[tuple[int, str]]:
    """Rewrite actor-typed span attributes that hold ``old`` to ``new``; returns (span id, attr)."""
    moved: list[tuple[int, str]] = []
    for label, attr in label_attrs:
        path = f"$.{attr}"
        rows = db.execute(
            "SELECT id FROM spans WHERE label = ? AND json_extract(attrs, ?) = ?", [label, path, old]
        ).fetchall()
        for (span_id,) in rows:
            db.execute("UPDATE spans SET attrs = json_set(attrs, ?, ?) WHERE id = ?", [path, new, span_id])
            moved.append((span_id, attr))
    return moved


def point_back(db: Database, actor_id: ActorId, span_ids: Sequence[int], relation_ids: Sequence[int]) -> None:
    """Point exactly these spans and relations at ``actor_id`` (undo of a merge)."""
    db.conn.executemany("UPDATE spans SET actor_id = ? WHERE id = ?", [(actor_id, i) for i in span_ids])
    db.conn.executemany(
        "UPDATE relations SET tail_actor_id = ? WHERE id = ?", [(actor_id, i) for i in relation_ids]
    )


def point_back_attributes(db: Database, actor_id: ActorId, attr_spans: Sequence[tuple[int, str]]) -> None:
    for span_id, attr in attr_spans:
        db.execute("UPDATE spans SET attrs = json_set(attrs, ?, ?) WHERE id = ?", [f"$.{attr}", actor_id, span_id])
