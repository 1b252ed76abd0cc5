"""SQL for project-wide settings and corpus counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database


def get_setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM project_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def put_setting(db: Database, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO project_meta (key, value) VALUES (?, ?)", [key, value])


def corpus_counts(db: Database) -> dict[str, int]:
    """Documents, sentences, tokens, characters, relations and actors in the project."""
    row = db.execute(
        "SELECT (SELECT count(*) FROM documents),"
        " (SELECT coalesce(sum(sentence_count), 0) FROM document_tokens),"
        " (SELECT coalesce(sum(token_count), 0) FROM document_tokens),"
        " (SELECT coalesce(sum(char_count), 0) FROM documents),"
        " (SELECT count(*) FROM relations),"
        " (SELECT count(*) FROM actors)"
    ).fetchone()
    keys = ("documents", "sentences", "tokens", "characters", "relations", "actors")
    return dict(zip(keys, row, strict=True))


def begin(db: Database) -> None:
    """Open a transaction by hand (bulk work that commits in batches); prefer ``db.atomic()``."""
    if not db.conn.in_transaction:
        db.conn.execute("BEGIN")


def commit(db: Database) -> None:
    if db.conn.in_transaction:
        db.conn.execute("COMMIT")


def rollback(db: Database) -> None:
    if db.conn.in_transaction:
        db.conn.execute("ROLLBACK")


@contextmanager
def savepoint(db: Database, name: str = "write") -> Iterator[None]:
    """``db.atomic()`` for hot paths: a savepoint with a fixed name (its statements are parsed
    once, not once per use), which opens and commits a transaction when none is open. An error
    rolls back to it, unless a trigger already rolled the whole transaction back."""
    db.conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute(f"ROLLBACK TO {name}")
            db.conn.execute(f"RELEASE {name}")
        raise
    db.conn.execute(f"RELEASE {name}")
