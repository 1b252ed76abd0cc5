"""SQL for documents, their tokenisation and the navigator's queries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.ids import AnnotatorId, DocumentId
from annotator.model import Document, DocumentSummary
from annotator.search_words import indexed_words, search_text, search_words


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """What the importer hands the store for one new document. ``text`` and ``raw_text`` may
    come as UTF-8 (from an import worker); ``char_count`` must then be given."""

    uid: str
    title: str
    text: str | bytes
    raw_text: str | bytes | None
    canon_version: int
    source: str | None = None
    url: str | None = None
    external_id: str | None = None
    published: str | None = None
    published_original: str | None = None
    meta: dict[str, Any] | None = None
    char_count: int | None = None  # len(text) when text is a str


_DOC_COLUMNS = (
    "id, uid, title, text, source, url, published, published_original, canon_version, meta, imported_at,"
    " external_id"
)


_INSERT_DOCUMENT = (  # CAST: texts given as UTF-8 are stored as text
    "INSERT INTO documents (uid, title, source, url, external_id, published, published_original,"
    " text, raw_text, char_count, canon_version, meta, imported_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT), ?, ?, ?, ?)"
)


def _document_values(row: DocumentRow, imported_at: str) -> list[Any]:
    if row.char_count is None and isinstance(row.text, bytes):
        raise ValueError("a text given as UTF-8 needs its char_count")
    return [
        row.uid, row.title, row.source, row.url, row.external_id, row.published,
        row.published_original, row.text, row.raw_text,
        len(row.text) if row.char_count is None else row.char_count, row.canon_version,
        json.dumps(row.meta, ensure_ascii=False) if row.meta else "{}", imported_at,
    ]


def insert_document(db: Database, row: DocumentRow, *, imported_at: str) -> DocumentId:
    cursor = db.execute(_INSERT_DOCUMENT, _document_values(row, imported_at))
    return DocumentId(cursor.lastrowid)


def insert_new_document(db: Database, row: DocumentRow, *, imported_at: str) -> DocumentId | None:
    """Insert a document unless one with its uid is there already (then ``None``): the
    check and the insert in one statement."""
    found = db.conn.execute(
        _INSERT_DOCUMENT + " ON CONFLICT (uid) DO NOTHING RETURNING id", _document_values(row, imported_at)
    ).fetchone()
    return DocumentId(found[0]) if found else None


def index_for_search(db: Database, documents: Iterable[tuple[DocumentId, str | bytes, str | bytes]]) -> None:
    """Add documents to the search index: ``(id, title, text)`` with title and text already
    folded by :func:`annotator.search_words.search_text` (or as UTF-8 bytes, by
    :func:`~annotator.search_words.indexed_words`). A bulk import indexes a few hundred at a
    time, outside any savepoint: FTS5 writes out its pending index at each savepoint."""
    db.conn.executemany(
        "INSERT INTO documents_search (rowid, title, text) VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT))", documents
    )


def index_document(db: Database, document_id: DocumentId, title: str, text: str | bytes) -> None:
    """Add one document to the search index, from its title and canonical text."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    index_for_search(db, [(document_id, search_text(title), indexed_words(text))])


def index_stored_documents(db: Database, document_ids: Sequence[DocumentId]) -> None:
    """Add documents already stored (copied rows) to the search index."""
    marks = ", ".join("?" * len(document_ids))
    rows = db.execute(f"SELECT id, title, text FROM documents WHERE id IN ({marks})", list(document_ids))
    index_for_search(db, [(DocumentId(id_), search_text(title), indexed_words(text)) for id_, title, text in rows])


def insert_tokens(
    db: Database, document_id: DocumentId, *, tokenizer: str,
    sentences: bytes, sentence_count: int, tokens: bytes, token_count: int,
) -> None:
    db.conn.execute(
        "INSERT OR REPLACE INTO document_tokens"
        " (document_id, tokenizer, sentence_count, token_count, sentences, tokens)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [document_id, tokenizer, sentence_count, token_count, sentences, tokens],
    )


def document_id_by_uid(db: Database, uid: str) -> DocumentId | None:
    row = db.execute("SELECT id FROM documents WHERE uid = ?", [uid]).fetchone()
    return DocumentId(row[0]) if row else None


def get_document(db: Database, document_id: DocumentId) -> Document | None:
    row = db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        return None
    return Document(
        id=DocumentId(row[0]), uid=row[1], title=row[2], text=row[3], source=row[4], url=row[5],
        published=row[6], published_original=row[7], canon_version=row[8],
        meta=json.loads(row[9]), imported_at=row[10], external_id=row[11],
    )


def get_raw_text(db: Database, document_id: DocumentId) -> str | None:
    row = db.execute("SELECT coalesce(raw_text, text) FROM documents WHERE id = ?", [document_id]).fetchone()
    return row[0] if row else None


def get_tokens(db: Database, document_id: DocumentId) -> tuple[bytes, bytes] | None:
    row = db.execute(
        "SELECT sentences, tokens FROM document_tokens WHERE document_id = ?", [document_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


#: The status filter value that lists the documents assigned to the annotator instead.
ASSIGNED = "assigned"


def document_ids(db: Database) -> list[DocumentId]:
    return [DocumentId(r[0]) for r in db.execute("SELECT id FROM documents ORDER BY id")]


def _filters(
    search: str | None, status: str | None, annotator_id: AnnotatorId | None
) -> tuple[str, list[Any]]:
    clauses, params = [], []
    query = fts_query(search) if search else None
    if query:  # a search of only punctuation or spaces filters nothing
        clauses.append("d.id IN (SELECT rowid FROM documents_search WHERE documents_search MATCH ?)")
        params.append(query)
    if status == ASSIGNED:  # not a status: the documents assigned to the annotator
        if annotator_id is None:
            raise ValueError("an assignment filter needs an annotator")
        clauses.append("d.id IN (SELECT document_id FROM assignments WHERE annotator_id = ?)")
        params.append(annotator_id)
    elif status:
        if annotator_id is None:
            raise ValueError("a status filter needs an annotator")
        clauses.append(
            "coalesce((SELECT status FROM document_status s WHERE s.document_id = d.id"
            " AND s.annotator_id = ?), 'todo') = ?"
        )
        params += [annotator_id, status]
    return ((" WHERE " + " AND ".join(clauses)) if clauses else ""), params


def fts_query(search: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word must occur, as a prefix
    (words folded as the index is, so none holds a quote); empty when it has no words."""
    return " ".join(f'"{word}"*' for word in search_words(search))


def count_documents(
    db: Database, *, search: str | None = None, status: str | None = None,
    annotator_id: AnnotatorId | None = None,
) -> int:
    where, params = _filters(search, status, annotator_id)
    return db.execute(f"SELECT count(*) FROM documents d{where}", params).fetchone()[0]


def count_documents_before(
    db: Database, document_id: DocumentId, *, search: str | None = None, status: str | None = None,
    annotator_id: AnnotatorId | None = None,
) -> int:
    """How many listed documents (same filters and order as :func:`list_documents`) precede ``document_id``."""
    where, params = _filters(search, status, annotator_id)
    where = f"{where} AND d.id < ?" if where else " WHERE d.id < ?"
    return db.execute(f"SELECT count(*) FROM documents d{where}", [*params, document_id]).fetchone()[0]


def list_documents(
    db: Database, *, offset: int = 0, limit: int = 100, search: str | None = None,
    status: str | None = None, annotator_id: AnnotatorId | None = None,
) -> list[DocumentSummary]:
    where, params = _filters(search, status, annotator_id)
    rows = db.execute(
        f"SELECT d.id, d.title, d.char_count, d.source, d.published FROM documents d{where}"
        " ORDER BY d.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [
        DocumentSummary(id=DocumentId(r[0]), title=r[1], char_count=r[2], source=r[3], published=r[4])
        for r in rows
    ]


def iter_texts(db: Database) -> Iterator[tuple[DocumentId, str]]:
    for row in db.execute("SELECT id, text FROM documents ORDER BY id"):
        yield DocumentId(row[0]), row[1]



def char_count(db: Database, document_id: DocumentId) -> int | None:
    """The length of a document's text in code points, without reading the text."""
    row = db.execute("SELECT char_count FROM documents WHERE id = ?", [document_id]).fetchone()
    return row[0] if row else None
