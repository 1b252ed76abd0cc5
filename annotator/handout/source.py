"""Reading an annotator's database for a merge, without ever writing to it.

The file is checked read-only (SQLite integrity check, project identity, schema steps), then
copied through SQLite into a scratch folder; only the copy is opened (and brought up to the
current schema), so the annotator's file stays byte-identical whatever happens.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.errors import AnnotatorError, ProjectFileError
from annotator.ids import ActorId, AnnotatorId, DocumentId
from annotator.model import Actor, Annotator, DocumentStatus, Relation, Span
from annotator.store import actors as actor_sql
from annotator.store import annotations as ann_sql
from annotator.store import merge_sql
from annotator.store import people as people_sql
from annotator.store.db import open_database
from annotator.tagset import Tagset, default_tagset, parse_tagset

if TYPE_CHECKING:
    from sqlite_utils import Database

#: project_meta key a package carries: {"for": name, "documents": n, "created_at": ..., "from": file}
HANDOUT_KEY = "handout"
_SQLITE_HEADER = b"SQLite format 3\x00"

Layer = tuple[DocumentId, AnnotatorId]


@dataclass
class Source:
    """Everything a merge needs from one file, keyed by that file's own ids."""

    path: Path
    tagset: Tagset
    handout_for: str | None
    documents: dict[DocumentId, dict[str, Any]]
    annotators: dict[AnnotatorId, Annotator]
    actors: dict[ActorId, Actor]
    spans: dict[Layer, list[Span]] = field(default_factory=dict)
    relations: dict[Layer, list[Relation]] = field(default_factory=dict)
    statuses: dict[Layer, DocumentStatus] = field(default_factory=dict)
    layers: list[Layer] = field(default_factory=list)
    db: Database | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def tokens(self, document: DocumentId) -> dict[str, Any] | None:
        """The stored tokenisation row of one of the file's documents (read on demand)."""
        assert self.db is not None, "the source is closed"
        return merge_sql.token_row(self.db, document)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def open_copy(path: str | Path, scratch: Path) -> Database:
    """Check ``path`` read-only, copy it into ``scratch`` and open the copy.

    :raises ProjectFileError: missing, not a project database, damaged, or from a newer version
    """
    path = Path(path)
    if not path.is_file():
        raise ProjectFileError(f"{path}: no such project database file")
    with path.open("rb") as fh:
        if fh.read(16) != _SQLITE_HEADER:
            raise ProjectFileError(f"{path}: not an annotator project database (not an SQLite file)")
    copy = scratch / f"{len(list(scratch.iterdir()))}-{path.name}"
    try:
        problem = merge_sql.check_readonly(path)
        if problem:
            raise ProjectFileError(f"{path}: {problem}")
        merge_sql.snapshot(path, copy)
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(f"{path}: the file is damaged or not a project database ({exc})") from None
    try:
        return open_database(copy, durable=False)
    except ProjectFileError as exc:
        raise ProjectFileError(str(exc).replace(str(copy), str(path))) from None


def load(path: str | Path, scratch: Path) -> Source:
    """Open a copy of ``path`` (see :func:`open_copy`) and read its annotations; close it after use.

    :param scratch: a folder that outlives the returned source
    """
    path = Path(path)
    db = open_copy(path, scratch)
    try:
        meta = merge_sql.project_meta(db)
        source = Source(
            path=path, tagset=_tagset(path, meta), handout_for=_handout_for(meta),
            documents={DocumentId(r["id"]): r for r in merge_sql.document_rows(db)},
            annotators={a.id: a for a in people_sql.list_annotators(db)},
            actors={a.id: a for a in actor_sql.list_actors(db)},
        )
        spans: dict[Layer, list[Span]] = defaultdict(list)
        for span in ann_sql.iter_all_spans(db):
            spans[(span.document_id, span.annotator_id)].append(span)
        relations: dict[Layer, list[Relation]] = defaultdict(list)
        for relation in ann_sql.iter_all_relations(db):
            relations[(relation.document_id, relation.annotator_id)].append(relation)
        source.spans, source.relations = dict(spans), dict(relations)
        source.statuses = {(s.document_id, s.annotator_id): s for s in merge_sql.all_statuses(db)}
        source.layers = _layers(source)
        source.db = db
        return source
    except BaseException:
        db.close()
        raise


def _tagset(path: Path, meta: dict[str, str]) -> Tagset:
    raw = meta.get("tagset")
    if not raw:
        return default_tagset()
    try:
        return parse_tagset(json.loads(raw), source=f"{path}#tagset")
    except (AnnotatorError, ValueError) as exc:
        raise ProjectFileError(f"{path}: its stored tagset cannot be read ({exc})") from None


def _handout_for(meta: dict[str, str]) -> str | None:
    try:
        return json.loads(meta[HANDOUT_KEY]).get("for")
    except (KeyError, ValueError, AttributeError):
        return None


def _layers(source: Source) -> list[Layer]:
    """The (document, annotator) layers the file speaks for.

    Any layer with spans, relations or a status row; in a package, also every packaged
    document for the person it was made for (an emptied layer still counts: its spans
    were deleted on purpose).
    """
    layers = set(source.spans) | set(source.relations) | set(source.statuses)
    owner = next((a.id for a in source.annotators.values() if a.name == source.handout_for), None)
    if owner is not None:
        layers |= {(d, owner) for d in source.documents}
    return sorted(layers)
