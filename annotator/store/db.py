"""Opening a project database: checks, pragmas and migrations.

One :class:`sqlite_utils.Database` belongs to one thread; the GUI and the workers each
open their own connection to the same file (WAL lets readers run beside the writer).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from annotator.errors import ProjectFileError
from annotator.store.migrations import MIGRATIONS

FORMAT_NAME = "annotator-project"
SCHEMA_VERSION = len(MIGRATIONS._migrations)
_SQLITE_HEADER = b"SQLite format 3\x00"


def now() -> str:
    """The current UTC time as an ISO 8601 string with seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_database(path: str | Path, *, create: bool = False, durable: bool = True) -> Database:
    """Open (or with ``create=True`` create) a project database and bring its schema up to date.

    :param path: the ``.db`` file, or ``":memory:"``
    :param create: create the file when it does not exist
    :param durable: ``synchronous=FULL`` (every commit survives power loss); ``False`` uses
      ``NORMAL``, which still survives a killed process, for bulk work
    :raises ProjectFileError: not a project database, corrupt, or from a newer version
    """
    memory = str(path) == ":memory:"
    if not memory:
        path = Path(path)
        _check_file(path, create=create)
    try:
        db = Database(":memory:" if memory else str(path), execute_plugins=False)
        _configure(db, durable=durable)
        fresh = not db["project_meta"].exists()
        if fresh and not memory and path.stat().st_size > 0 and db.table_names():
            raise ProjectFileError(f"{path}: an SQLite file, but not an annotator project database")
        _check_version(db, path)
        MIGRATIONS.apply(db)
        if fresh:
            _write_identity(db)
        return db
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(f"{path}: cannot be read as a project database ({exc})") from None


def _check_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise ProjectFileError(f"{path}: is a folder, not a project database file")
    if not path.exists():
        if not create:
            raise ProjectFileError(f"{path}: no such project database (create one with 'annotator init {path}')")
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header and header != _SQLITE_HEADER:
        raise ProjectFileError(f"{path}: not an annotator project database (not an SQLite file)")


def _configure(db: Database, *, durable: bool) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")


def _check_version(db: Database, path: str | Path) -> None:
    applied = {m.name for m in MIGRATIONS.applied(db)}
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = applied - known
    if unknown:
        raise ProjectFileError(
            f"{path}: was written by a newer version of annotator "
            f"(schema steps {', '.join(sorted(unknown))} unknown here); upgrade annotator to open it"
        )
    if db["project_meta"].exists():
        row = db.execute("SELECT value FROM project_meta WHERE key = 'format'").fetchone()
        if row is None or row[0] != FORMAT_NAME:
            raise ProjectFileError(f"{path}: not an annotator project database")


def _write_identity(db: Database) -> None:
    with db.atomic():
        db["project_meta"].insert_all(
            [
                {"key": "format", "value": FORMAT_NAME},
                {"key": "created_at", "value": now()},
            ],
            replace=True,
        )


def needs_upgrade(path: str | Path) -> bool:
    """Whether opening the project file at ``path`` will first bring its schema up to date
    (which can take a while on a large project). Looked up read-only; ``False`` for anything
    that is not a readable project file (opening it says what is wrong)."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        applied = {row[0] for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS.migrations_table} WHERE migration_set = ?", [MIGRATIONS.name])}
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return bool(applied) and bool({m.name for m in MIGRATIONS._migrations} - applied)


def schema_version(db: Database) -> int:
    """How many schema steps this database has applied."""
    return len(MIGRATIONS.applied(db))


def backup_database(db: Database, destination: str | Path) -> Path:
    """Copy the whole database, consistently, to ``destination`` (SQLite's online backup)."""
    destination = Path(destination)
    target = sqlite3.connect(destination)
    try:
        db.conn.backup(target)
    finally:
        target.close()
    return destination
