"""Ordered, recorded schema steps (sqlite-utils ``Migrations``).

Never edit a step that has shipped: add a new one and bump ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("annotator")

_ORIGIN = "origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'suggested', 'adjudicated'))"

_CORE_SCHEMA = f"""
CREATE TABLE project_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE annotators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    role TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('annotator', 'lead')),
    created_at TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    source TEXT,
    url TEXT,
    external_id TEXT,
    published TEXT,
    published_original TEXT,
    text TEXT NOT NULL,
    raw_text TEXT,
    char_count INTEGER NOT NULL CHECK (char_count >= 0),
    canon_version INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(meta)),
    imported_at TEXT NOT NULL
);
CREATE TABLE document_tokens (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    tokenizer TEXT NOT NULL,
    sentence_count INTEGER NOT NULL,
    token_count INTEGER NOT NULL,
    sentences BLOB NOT NULL,
    tokens BLOB NOT NULL
);
CREATE TABLE actors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reuse: undo restores deleted ids
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    type TEXT NOT NULL,
    subtype TEXT,
    aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
    kb_id TEXT,
    attrs TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(attrs)),
    {_ORIGIN},
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX actors_name ON actors(name);
CREATE TABLE spans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reuse: undo restores deleted ids
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    label TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    fragments TEXT NOT NULL CHECK (json_valid(fragments)),
    attrs TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(attrs)),
    {_ORIGIN},
    score REAL,
    actor_id INTEGER REFERENCES actors(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (0 <= start AND start < "end")
);
CREATE INDEX spans_document ON spans(document_id, annotator_id, start);
CREATE INDEX spans_actor ON spans(actor_id) WHERE actor_id IS NOT NULL;
CREATE TABLE relations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reuse: undo restores deleted ids
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    type TEXT NOT NULL,
    head_span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    tail_span_id INTEGER REFERENCES spans(id) ON DELETE CASCADE,
    tail_actor_id INTEGER REFERENCES actors(id),
    attrs TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(attrs)),
    {_ORIGIN},
    score REAL,
    created_at TEXT NOT NULL,
    CHECK ((tail_span_id IS NULL) <> (tail_actor_id IS NULL))
);
CREATE INDEX relations_document ON relations(document_id, annotator_id);
CREATE INDEX relations_head ON relations(head_span_id);
CREATE INDEX relations_tail_span ON relations(tail_span_id) WHERE tail_span_id IS NOT NULL;
CREATE INDEX relations_tail_actor ON relations(tail_actor_id) WHERE tail_actor_id IS NOT NULL;
CREATE TABLE document_status (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    seconds_spent REAL NOT NULL DEFAULT 0 CHECK (seconds_spent >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document_id, annotator_id)
) WITHOUT ROWID;
CREATE INDEX document_status_annotator ON document_status(annotator_id, status);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    annotator_id INTEGER,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    document_id INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_document ON audit_log(document_id);
"""

# Offsets must stay inside the text, whoever writes the row (the service, a merge, a
# hand edit): every fragment inside [start, end) and inside the document.
_SPAN_CHECKS = """
    SELECT RAISE(ABORT, 'span offsets outside the document text')
    WHERE NEW."end" > (SELECT char_count FROM documents WHERE id = NEW.document_id);
    SELECT RAISE(ABORT, 'span fragments do not match the span bounds')
    WHERE json_array_length(NEW.fragments) = 0 OR EXISTS (
        SELECT 1 FROM json_each(NEW.fragments) f
        WHERE json_extract(f.value, '$[0]') < NEW.start
           OR json_extract(f.value, '$[1]') > NEW."end"
           OR json_extract(f.value, '$[0]') >= json_extract(f.value, '$[1]'));"""
_SPAN_TRIGGERS = f"""
CREATE TRIGGER spans_within_text_insert BEFORE INSERT ON spans BEGIN{_SPAN_CHECKS}
END;
CREATE TRIGGER spans_within_text_update BEFORE UPDATE OF start, "end", fragments ON spans BEGIN{_SPAN_CHECKS}
END;
"""

_FTS = """
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='id', tokenize='unicode61', detail='none'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', OLD.id, OLD.title, OLD.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', OLD.id, OLD.title, OLD.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
END;
"""


@MIGRATIONS(name="0001_core")
def _core(db: Database) -> None:
    _run(db, _CORE_SCHEMA)


@MIGRATIONS(name="0002_span_bounds_triggers")
def _span_triggers(db: Database) -> None:
    _run(db, _SPAN_TRIGGERS)


@MIGRATIONS(name="0003_documents_fts")
def _fts(db: Database) -> None:
    _run(db, _FTS)


# Who works on which document, and the lead's adjudication progress per document.
_ASSIGNMENTS = """
CREATE TABLE assignments (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
    assigned_at TEXT NOT NULL,
    assigned_by INTEGER REFERENCES annotators(id) ON DELETE SET NULL,
    PRIMARY KEY (document_id, annotator_id)
) WITHOUT ROWID;
CREATE INDEX assignments_annotator ON assignments(annotator_id, document_id);
CREATE TABLE adjudication (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    updated_at TEXT NOT NULL
);
"""


@MIGRATIONS(name="0004_assignments")
def _assignments(db: Database) -> None:
    _run(db, _ASSIGNMENTS)


# A bulk import indexes its documents for search once per batch instead of one by one (about
# twice as fast): while the key 'fts_deferred' is in project_meta, inserts skip the index. The
# key only ever exists inside the import's own transaction (see store.documents).
_DEFERRABLE_FTS = """
DROP TRIGGER documents_fts_insert;
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents
WHEN NOT EXISTS (SELECT 1 FROM project_meta WHERE key = 'fts_deferred') BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
END;
"""


@MIGRATIONS(name="0005_deferrable_fts")
def _deferrable_fts(db: Database) -> None:
    _run(db, _DEFERRABLE_FTS)


# The search index holds each document's words folded by annotator.search_words (digits as
# ASCII, no harakat, Arabic yeh and kaf as Persian) under FTS5's cheap 'ascii' tokeniser: about
# a third of the cost of 'unicode61' on the raw text, and digit- and harakat-blind search. The
# words are computed in Python, so the index is contentless and filled by the store (import
# workers prepare the words) instead of by triggers. Documents are never deleted or edited;
# whatever does so one day must remove them from the index with FTS5's 'delete' command.
_SEARCH_WORDS = """
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TRIGGER documents_fts_update;
DROP TABLE documents_fts;
DELETE FROM project_meta WHERE key = 'fts_deferred';
CREATE VIRTUAL TABLE documents_search USING fts5(
    title, text, content='', tokenize='ascii', detail='none', columnsize=0
);
"""


@MIGRATIONS(name="0006_search_words")
def _search_words(db: Database) -> None:
    from annotator.search_words import search_text

    _run(db, _SEARCH_WORDS)
    documents = db.conn.execute("SELECT id, title, text FROM documents ORDER BY id")
    db.conn.executemany(
        "INSERT INTO documents_search (rowid, title, text) VALUES (?, ?, ?)",
        ((id_, search_text(title), search_text(text)) for id_, title, text in documents),
    )


def _run(db: Database, script: str) -> None:
    """Execute each statement of ``script`` (see :func:`_split`)."""
    for statement in _split(script):
        db.execute(statement)


def _split(sql: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (``BEGIN ... END;``) whole."""
    statements, current = [], []
    for line in sql.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        in_trigger = text.upper().startswith("CREATE TRIGGER")
        if (in_trigger and line.strip().upper() == "END;") or (not in_trigger and line.rstrip().endswith(";")):
            statements.append(text.rstrip(";"))
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip().rstrip(";"))
    return statements
