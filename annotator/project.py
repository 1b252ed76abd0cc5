"""The service: the one write API over a project database.

Every mutator validates with the pure rules in :mod:`annotator.rules`, writes inside one
``db.atomic()`` transaction together with its audit-log entry, and returns
:class:`~annotator.changes.Changes`. Readers return :mod:`annotator.model` values.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import rules
from annotator.changes import Changes
from annotator.errors import NotFoundError, ValidationError
from annotator.ids import AnnotatorId, DocumentId, RelationId, SpanId
from annotator.model import (
    ROLES,
    STATUSES,
    Annotator,
    Document,
    DocumentStatus,
    DocumentSummary,
    Relation,
    RelationDraft,
    Span,
    SpanDraft,
    Tokenization,
)
from annotator.project_actors import ActorMethods
from annotator.store import actors as actor_sql
from annotator.store import annotations as ann_sql
from annotator.store import assignments as assign_sql
from annotator.store import audit as audit_sql
from annotator.store import documents as doc_sql
from annotator.store import meta as meta_sql
from annotator.store import people as people_sql
from annotator.store.db import needs_upgrade, now, open_database
from annotator.tagset import Tagset, default_tagset, parse_stored_tagset, tagset_digest
from annotator.text import PackedTokens, unpack_offsets

if TYPE_CHECKING:
    from sqlite_utils import Database

#: project_meta keys: the tagset JSON, and the digest of the text that last passed validation.
_TAGSET_KEY = "tagset"
_TAGSET_CHECKED_KEY = "tagset_checked"


def _snapshot(value: Any) -> Any:
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


class Project(ActorMethods):
    """An open project database.

    :param db: an open, migrated :class:`sqlite_utils.Database` (see :meth:`open`)
    :param user: the annotator recorded in the audit log as making the changes
    """

    def __init__(self, db: Database, *, path: Path | None = None, user: AnnotatorId | None = None):
        self.db = db
        self.path = path
        self.user = user
        self._tagset: Tagset | None = None

    # -- opening ---------------------------------------------------------------------
    @staticmethod
    def needs_upgrade(path: str | Path) -> bool:
        """Whether :meth:`open` will first update the file's schema (once; a while on a large
        project, e.g. to re-index it for search), so that a window can say so."""
        return needs_upgrade(path)

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, durable: bool = True) -> Project:
        """Open a project file (``create=True`` makes a new one with the default tagset)."""
        db = open_database(path, create=create, durable=durable)
        project = cls(db, path=None if str(path) == ":memory:" else Path(path))
        if project._stored_tagset_json() is None:
            project._store_tagset(default_tagset())
        return project

    @classmethod
    def init(cls, path: str | Path, *, tagset: Tagset | None = None) -> Project:
        """Create a new project file; refuses to overwrite an existing one."""
        if str(path) != ":memory:" and Path(path).exists():
            raise ValidationError(f"{path}: already exists; choose another name or open it instead")
        project = cls.open(path, create=True)
        if tagset is not None:
            project._store_tagset(tagset)
        return project

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- settings and tagset ---------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        """A project-wide setting stored in the file (e.g. ``strip_diacritics``)."""
        value = meta_sql.get_setting(self.db, key)
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        """Store a project-wide setting."""
        with self.db.atomic():
            meta_sql.put_setting(self.db, key, value)

    def _stored_tagset_json(self) -> str | None:
        return self.setting(_TAGSET_KEY)

    def _store_tagset(self, tagset: Tagset) -> None:
        # A Tagset object has been validated; the digest lets the next open skip re-validating it.
        raw = json.dumps(tagset.to_json(), ensure_ascii=False)
        with self.db.atomic():
            meta_sql.put_setting(self.db, _TAGSET_KEY, raw)
            meta_sql.put_setting(self.db, _TAGSET_CHECKED_KEY, tagset_digest(raw))
        self._tagset = tagset

    @property
    def tagset(self) -> Tagset:
        """The tagset stored in this project (the file describes itself)."""
        if self._tagset is None:
            raw = self._stored_tagset_json()
            self._tagset = parse_stored_tagset(
                raw, checked=self.setting(_TAGSET_CHECKED_KEY), source=f"{self.path or 'project'}#tagset",
            ) if raw else default_tagset()
        return self._tagset

    def replace_tagset(self, tagset: Tagset) -> Changes:
        """Store a new tagset as is; callers check compatibility first (see :mod:`annotator.tagset_diff`)."""
        with self.db.atomic():
            self._store_tagset(tagset)
            self.record_audit("set", "tagset", None, None, after={"name": tagset.name, "version": tagset.version})
        return Changes(tagset=True)

    # -- audit -----------------------------------------------------------------------
    def record_audit(
        self, action: str, entity: str, entity_id: int | None, document_id: DocumentId | None,
        *, before: Any = None, after: Any = None,
    ) -> None:
        """Add an audit-log entry (inside the caller's transaction) for a change made by the current user."""
        audit_sql.record(
            self.db, at=now(), annotator_id=self.user, action=action, entity=entity,
            entity_id=entity_id, document_id=document_id,
            before=_snapshot(before), after=_snapshot(after),
        )

    def audit_log(self, *, document_id: DocumentId | None = None, limit: int = 1000) -> list[audit_sql.AuditEntry]:
        """The newest audit entries, newest first."""
        return audit_sql.entries(self.db, document_id=document_id, limit=limit)

    # -- annotators ------------------------------------------------------------------
    def add_annotator(self, name: str, *, role: str = "annotator") -> Annotator:
        """Register an annotator; the name must be new."""
        name = name.strip()
        if role not in ROLES:
            raise ValidationError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        if not name:
            raise ValidationError("an annotator needs a name")
        exists = ValidationError(f"annotator {name!r} already exists")
        try:
            with self.db.atomic():
                # Checked inside the transaction: another connection may have just added it.
                if people_sql.get_annotator(self.db, name=name) is not None:
                    raise exists
                annotator_id = people_sql.insert_annotator(self.db, name, role, at=now())
                self.record_audit("add", "annotator", annotator_id, None, after={"name": name, "role": role})
        except sqlite3.IntegrityError:
            raise exists from None
        return Annotator(annotator_id, name, role)  # type: ignore[arg-type]

    def ensure_annotator(self, name: str, *, role: str = "annotator") -> Annotator:
        """The annotator with this name, created when missing."""
        found = people_sql.get_annotator(self.db, name=name.strip())
        return found if found is not None else self.add_annotator(name, role=role)

    def annotators(self) -> list[Annotator]:
        """All annotators, by name."""
        return people_sql.list_annotators(self.db)

    def annotator(self, annotator_id: AnnotatorId) -> Annotator:
        """The annotator with this id; :class:`NotFoundError` if none."""
        found = people_sql.get_annotator(self.db, annotator_id=annotator_id)
        if found is None:
            raise NotFoundError(f"no annotator with id {annotator_id}")
        return found

    def annotator_by_name(self, name: str) -> Annotator:
        """The annotator with this name; :class:`NotFoundError` listing the known ones if none."""
        found = people_sql.get_annotator(self.db, name=name)
        if found is None:
            known = ", ".join(a.name for a in self.annotators()) or "none yet"
            raise NotFoundError(f"no annotator named {name!r} (known: {known}); add one with 'annotator annotators DB add NAME'")
        return found

    # -- documents -------------------------------------------------------------------
    def add_document(
        self, row: doc_sql.DocumentRow, tokens: Tokenization | PackedTokens, *, tokenizer: str,
        index_for_search: bool = True,
    ) -> tuple[DocumentId, bool]:
        """Store one imported document with its tokenisation; a text already present is a no-op.

        :param tokens: sentence and token offsets, plain or already packed (import workers pack them)
        :param tokenizer: names the tokeniser and its version, kept beside the offsets
        :param index_for_search: add it to the search index now; a bulk import passes
          ``False`` and indexes its documents in batches (``store.documents.index_for_search``)
        :returns: the document id and whether it was newly created
        """
        packed = tokens if isinstance(tokens, PackedTokens) else PackedTokens.pack(tokens)
        with meta_sql.savepoint(self.db, "add_document"):  # the document and its tokens, or neither
            document_id = doc_sql.insert_new_document(self.db, row, imported_at=now())
            if document_id is None:
                existing = doc_sql.document_id_by_uid(self.db, row.uid)
                assert existing is not None
                return existing, False
            doc_sql.insert_tokens(
                self.db, document_id, tokenizer=tokenizer,
                sentences=packed.sentences, sentence_count=packed.sentence_count,
                tokens=packed.tokens, token_count=packed.token_count,
            )
            if index_for_search:
                doc_sql.index_document(self.db, document_id, row.title, row.text)
        return document_id, True

    def document(self, document_id: DocumentId) -> Document:
        """A stored document with its canonical text."""
        found = doc_sql.get_document(self.db, document_id)
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")
        return found

    def _document_length(self, document_id: DocumentId) -> int:
        """The length of a document's text (without reading it); :class:`NotFoundError` if there is none."""
        length = doc_sql.char_count(self.db, document_id)
        if length is None:
            raise NotFoundError(f"no document with id {document_id}")
        return length

    def raw_text(self, document_id: DocumentId) -> str:
        """The text as imported, before canonicalisation (the canonical text when they agree)."""
        raw = doc_sql.get_raw_text(self.db, document_id)
        if raw is None:
            raise NotFoundError(f"no document with id {document_id}")
        return raw

    def tokenization(self, document_id: DocumentId) -> Tokenization:
        """Sentence and token offsets of a document (computed at import)."""
        packed = doc_sql.get_tokens(self.db, document_id)
        if packed is None:
            raise NotFoundError(f"no tokenisation stored for document {document_id}")
        return Tokenization(sentences=unpack_offsets(packed[0]), tokens=unpack_offsets(packed[1]))

    def document_ids(self) -> list[DocumentId]:
        """Every document id, ascending."""
        return doc_sql.document_ids(self.db)

    def count_documents(self, *, search: str | None = None, status: str | None = None,
                        annotator_id: AnnotatorId | None = None) -> int:
        """How many documents :meth:`documents` would list with these filters."""
        return doc_sql.count_documents(self.db, search=search, status=status, annotator_id=annotator_id)

    def documents(self, *, offset: int = 0, limit: int = 100, search: str | None = None,
                  status: str | None = None, annotator_id: AnnotatorId | None = None) -> list[DocumentSummary]:
        """A page of the document list, optionally full-text searched and filtered by status."""
        return doc_sql.list_documents(
            self.db, offset=offset, limit=limit, search=search, status=status, annotator_id=annotator_id
        )

    def document_index(self, document_id: DocumentId, *, search: str | None = None, status: str | None = None,
                       annotator_id: AnnotatorId | None = None) -> int:
        """Where ``document_id`` stands (or would stand) in :meth:`documents` with the same filters.

        The number of listed documents before it: its row when it is listed, else the row of
        the next one. Lets a navigator find the current document among 100,000 without
        loading the list.
        """
        return doc_sql.count_documents_before(
            self.db, document_id, search=search, status=status, annotator_id=annotator_id
        )

    # -- status and time ---------------------------------------------------------------
    def status(self, document_id: DocumentId, annotator_id: AnnotatorId) -> DocumentStatus:
        """An annotator's status and time for a document (todo when never touched)."""
        return people_sql.get_status(self.db, document_id, annotator_id)

    def statuses(self, document_ids: list[DocumentId], annotator_id: AnnotatorId) -> dict[DocumentId, str]:
        """Stored statuses of some documents for one annotator; documents never touched are absent."""
        return people_sql.statuses_for(self.db, document_ids, annotator_id)

    def set_status(self, document_id: DocumentId, annotator_id: AnnotatorId, status: str) -> Changes:
        """Mark a document todo / in_progress / done for one annotator."""
        if status not in STATUSES:
            raise ValidationError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        self._document_length(document_id)  # must exist; its text is not needed
        before = self.status(document_id, annotator_id)
        after = dataclasses.replace(before, status=status)
        with self.db.atomic():
            people_sql.put_status(self.db, after, at=now())
            self.record_audit("status", "document", document_id, document_id, before=before.status, after=status)
        return Changes(status=True, document_ids=frozenset({document_id}))

    def add_time(self, document_id: DocumentId, annotator_id: AnnotatorId, seconds: float) -> Changes:
        """Add working time to an annotator's record for a document (not audited: it is not an edit)."""
        if seconds <= 0:
            return Changes()
        current = self.status(document_id, annotator_id)
        with self.db.atomic():
            people_sql.put_status(
                self.db, dataclasses.replace(current, seconds_spent=current.seconds_spent + seconds), at=now()
            )
        return Changes(status=True, document_ids=frozenset({document_id}))

    # -- assignments (logic in annotator.handout.assignment) -----------------------------
    def assign(self, document_ids: Sequence[DocumentId], annotator_ids: Sequence[AnnotatorId]) -> Changes:
        """Give every document to every annotator (pairs already assigned stay); audited."""
        return self.assign_pairs([(d, a) for d in document_ids for a in annotator_ids])

    def assign_pairs(self, pairs: Sequence[tuple[DocumentId, AnnotatorId]]) -> Changes:
        """Store an assignment plan, e.g. from :func:`annotator.handout.assignment.plan_per_document`."""
        from annotator.handout.assignment import store_assignments

        return store_assignments(self, pairs)

    def unassign(self, document_ids: Sequence[DocumentId], annotator_ids: Sequence[AnnotatorId]) -> Changes:
        """Take documents back from annotators; their annotations stay. Audited."""
        from annotator.handout.assignment import remove_assignments

        return remove_assignments(self, [(d, a) for d in document_ids for a in annotator_ids])

    def assignments(self, *, annotator_id: AnnotatorId | None = None,
                    document_id: DocumentId | None = None) -> list[assign_sql.Assignment]:
        """Stored assignments, optionally of one annotator or one document."""
        return assign_sql.list_assignments(self.db, annotator_id=annotator_id, document_id=document_id)

    def assigned_documents(self, annotator_id: AnnotatorId) -> list[DocumentId]:
        """The ids of the documents assigned to an annotator, ascending."""
        return assign_sql.assigned_document_ids(self.db, annotator_id)

    def assignment_progress(self) -> list[assign_sql.AssignmentProgress]:
        """Per annotator: documents assigned, and how many of those are todo, in progress, done."""
        return assign_sql.progress(self.db)

    # -- spans -------------------------------------------------------------------------
    def spans(self, document_id: DocumentId, *, annotator_id: AnnotatorId | None = None) -> list[Span]:
        """Spans of a document, ordered by start, optionally one annotator's only."""
        return ann_sql.list_spans(self.db, document_id, annotator_id=annotator_id)

    def span(self, span_id: SpanId) -> Span:
        """The span with this id; :class:`NotFoundError` if none."""
        found = ann_sql.get_span(self.db, span_id)
        if found is None:
            raise NotFoundError(f"no span with id {span_id}")
        return found

    def span_counts(
        self, document_ids: Sequence[DocumentId], *, annotator_id: AnnotatorId | None = None,
        include_suggested: bool = True,
    ) -> dict[DocumentId, int]:
        """Spans per document; ``include_suggested=False`` counts only work people did or accepted."""
        return ann_sql.span_counts_for_documents(
            self.db, document_ids, annotator_id=annotator_id, include_suggested=include_suggested
        )

    def check_span(self, draft: SpanDraft, *, replacing: SpanId | None = None) -> SpanDraft:
        """Validate a draft against offsets, the tagset and its neighbours; returns it with defaults filled."""
        length = self._document_length(draft.document_id)
        self.annotator(draft.annotator_id)
        if draft.actor_id is not None:
            self.actor(draft.actor_id)
        draft = dataclasses.replace(
            draft,
            fragments=tuple(sorted(tuple(f) for f in draft.fragments)),
            attrs=rules.apply_defaults(self.tagset, draft.label, draft.attrs),
        )
        # Only spans that reach into the draft's range can clash with it (overlap rules).
        nearby = ann_sql.spans_in_range(
            self.db, draft.document_id, draft.annotator_id, start=draft.start, end=draft.end
        ) if draft.fragments else []
        others = [s for s in nearby if s.id != replacing]
        rules.raise_if(rules.check_span(self.tagset, draft, text_length=length, others=others))
        return draft

    def add_span(self, draft: SpanDraft) -> tuple[Span, Changes]:
        """Validate and store a new span."""
        draft = self.check_span(draft)
        with self.db.atomic():
            span_id = ann_sql.insert_span(self.db, draft, at=now())
            span = self.span(span_id)
            self.record_audit("add", "span", span_id, draft.document_id, after=span)
        return span, Changes(spans=True, document_ids=frozenset({draft.document_id}))

    def update_span(self, span_id: SpanId, **fields: Any) -> tuple[Span, Changes]:
        """Change a span's label, fragments, attrs, actor_id, origin or score."""
        before = self.span(span_id)
        allowed = {"label", "fragments", "attrs", "actor_id", "origin", "score"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"cannot change {', '.join(sorted(unknown))} of a span")
        draft = self.check_span(dataclasses.replace(before.draft(), **fields), replacing=span_id)
        with self.db.atomic():
            ann_sql.update_span(self.db, span_id, draft, at=now())
            after = self.span(span_id)
            self._check_relations_still_valid(after)
            self.record_audit("update", "span", span_id, before.document_id, before=before, after=after)
        return after, Changes(spans=True, document_ids=frozenset({before.document_id}))

    def revert_span(self, before: Span) -> Changes:
        """Put a span back exactly as it was, timestamps included: the undo of an update."""
        current = self.span(before.id)
        draft = self.check_span(before.draft(), replacing=before.id)
        with self.db.atomic():
            ann_sql.update_span(self.db, before.id, draft, at=before.updated_at)
            self._check_relations_still_valid(before)
            self.record_audit("update", "span", before.id, before.document_id, before=current, after=before)
        return Changes(spans=True, document_ids=frozenset({before.document_id}))

    def _check_relations_still_valid(self, span: Span) -> None:
        if span.label == "":
            return
        for relation in ann_sql.relations_touching(self.db, [span.id]):
            problems = self._relation_problems(relation.draft(), replacing=relation.id)
            if problems:
                raise ValidationError(
                    f"this change would break the {relation.type} link: " + "; ".join(p.message for p in problems)
                )

    def delete_span(self, span_id: SpanId) -> tuple[Span, list[Relation], Changes]:
        """Delete a span and every relation that touches it; returns both for undo."""
        span = self.span(span_id)
        relations = ann_sql.relations_touching(self.db, [span_id])
        with self.db.atomic():
            for relation in relations:
                ann_sql.delete_relation(self.db, relation.id)
                self.record_audit("delete", "relation", relation.id, relation.document_id, before=relation)
            ann_sql.delete_span(self.db, span_id)
            self.record_audit("delete", "span", span_id, span.document_id, before=span)
        changes = Changes(spans=True, relations=bool(relations), document_ids=frozenset({span.document_id}))
        return span, relations, changes

    def restore_span(self, span: Span, relations: Sequence[Relation] = ()) -> Changes:
        """Re-create a deleted span (and its relations) under their old ids: the undo of a delete."""
        draft = self.check_span(span.draft())
        with self.db.atomic():
            ann_sql.insert_span(self.db, draft, at=span.updated_at, span_id=span.id, created_at=span.created_at)
            self.record_audit("restore", "span", span.id, span.document_id, after=span)
            for relation in relations:
                self._insert_relation(relation.draft(), relation_id=relation.id, created_at=relation.created_at)
        return Changes(spans=True, relations=bool(relations), document_ids=frozenset({span.document_id}))

    # -- relations ---------------------------------------------------------------------
    def relations(self, document_id: DocumentId, *, annotator_id: AnnotatorId | None = None) -> list[Relation]:
        """Relations of a document, oldest first, optionally one annotator's only."""
        return ann_sql.list_relations(self.db, document_id, annotator_id=annotator_id)

    def relation(self, relation_id: RelationId) -> Relation:
        """The relation with this id; :class:`NotFoundError` if none."""
        found = ann_sql.get_relation(self.db, relation_id)
        if found is None:
            raise NotFoundError(f"no relation with id {relation_id}")
        return found

    def check_relation(self, draft: RelationDraft) -> None:
        """Validate a relation draft against the tagset and the relations already there."""
        rules.raise_if(self._relation_problems(draft))

    def _relation_problems(self, draft: RelationDraft, *, replacing: RelationId | None = None) -> list[rules.Problem]:
        """What :func:`rules.check_relation` says of ``draft``; ``replacing`` leaves that stored relation out."""
        head = self.span(draft.head)
        tail = self.span(draft.tail_span) if draft.tail_span is not None else None
        tail_actor_exists = draft.tail_actor is not None and actor_sql.get_actor(self.db, draft.tail_actor) is not None
        if draft.tail_actor is not None and not tail_actor_exists:
            raise NotFoundError(f"no actor with id {draft.tail_actor}")
        existing = [r for r in self.relations(head.document_id, annotator_id=head.annotator_id) if r.id != replacing]
        return rules.check_relation(
            self.tagset, draft, head=head, tail_span=tail, tail_actor_exists=tail_actor_exists, existing=existing,
        )

    def add_relation(self, draft: RelationDraft) -> tuple[Relation, Changes]:
        """Validate and store a link from a span to a span or an actor."""
        self.check_relation(draft)
        with self.db.atomic():
            relation = self._insert_relation(draft)
        return relation, Changes(relations=True, document_ids=frozenset({draft.document_id}))

    def _insert_relation(
        self, draft: RelationDraft, *, relation_id: RelationId | None = None, created_at: str | None = None
    ) -> Relation:
        new_id = ann_sql.insert_relation(self.db, draft, at=created_at or now(), relation_id=relation_id)
        relation = self.relation(new_id)
        self.record_audit("add" if relation_id is None else "restore", "relation", new_id, draft.document_id, after=relation)
        return relation

    def delete_relation(self, relation_id: RelationId) -> tuple[Relation, Changes]:
        """Delete a relation; returns it for undo."""
        relation = self.relation(relation_id)
        with self.db.atomic():
            ann_sql.delete_relation(self.db, relation_id)
            self.record_audit("delete", "relation", relation_id, relation.document_id, before=relation)
        return relation, Changes(relations=True, document_ids=frozenset({relation.document_id}))

    def restore_relation(self, relation: Relation) -> Changes:
        """Re-create a deleted relation under its old id (undo)."""
        self.check_relation(relation.draft())
        with self.db.atomic():
            self._insert_relation(relation.draft(), relation_id=relation.id, created_at=relation.created_at)
        return Changes(relations=True, document_ids=frozenset({relation.document_id}))

    def stats(self) -> dict[str, Any]:
        """Corpus figures: documents, sentences, tokens, spans by label and annotator, status counts."""
        counts = meta_sql.corpus_counts(self.db)
        by_label = ann_sql.span_counts(self.db, by="label")
        return {
            **{k: counts[k] for k in ("documents", "sentences", "tokens", "characters")},
            "spans": {
                "total": sum(by_label.values()),
                "by_label": by_label,
                "by_annotator": ann_sql.span_counts(self.db, by="annotator"),
            },
            "relations": counts["relations"],
            "actors": counts["actors"],
            "annotators": len(self.annotators()),
            "status": people_sql.status_counts(self.db),
        }
