"""Hand-out packages: a new, self-contained project database for one annotator.

A package holds the project's tagset and settings, every actor (the registry is corpus-wide;
ids kept), the chosen documents with their tokenisation (ids kept), the annotator (same id,
name and role) and that annotator's own spans, relations, status and assignments for those
documents, so re-packaging after partial work carries on from it. It is written through a fresh
``open_database`` schema, row by row, never as a copy of the lead's file; nobody else's work
goes in. ``project_meta['handout']`` records whom it is for, which a merge reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.errors import ValidationError
from annotator.handout.source import HANDOUT_KEY
from annotator.ids import DocumentId
from annotator.store import documents as doc_sql
from annotator.store import merge_sql
from annotator.store.db import now

if TYPE_CHECKING:
    from annotator.project import Project

_BATCH = 200
_NOT_COPIED = {"format", "created_at", "tagset", HANDOUT_KEY}


@dataclass
class PackageReport:
    """What went into a package (nothing when ``cancelled``: the file is removed)."""

    path: Path
    annotator: str
    documents: int = 0
    actors: int = 0
    spans: int = 0
    relations: int = 0
    statuses: int = 0
    cancelled: bool = False

    def line(self) -> str:
        return (f"Wrote {self.path} for {self.annotator}: {self.documents} document(s), {self.actors} actor(s), "
                f"{self.spans} span(s), {self.relations} relation(s) and {self.statuses} status record(s) of theirs.")


def select_documents(project: Project, name: str, *, ids: Sequence[int] | None = None,
                     assigned: bool = False) -> list[DocumentId]:
    """The documents to hand out: ``ids``, or those assigned to annotator ``name``.

    :raises ValidationError: neither or both given, unknown ids, or nothing assigned
    """
    if (ids is None) == (not assigned):
        raise ValidationError("say which documents to hand out: name them (--docs 1,2,5-9) "
                              "or take those assigned to the annotator (--assigned), not both")
    annotator = project.annotator_by_name(name)
    if assigned:
        chosen = project.assigned_documents(annotator.id)
        if not chosen:
            raise ValidationError(f"no documents are assigned to {name}; assign some with "
                                  "'annotator assign' or name them with --docs")
        return chosen
    known = set(project.document_ids())
    missing = [i for i in ids or () if i not in known]
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
        raise ValidationError(f"no document with id {shown}; the project has {len(known)} document(s)")
    if not ids:
        raise ValidationError("no documents named; give ids like --docs 1,2,5-9")
    return [DocumentId(i) for i in ids]


def package_for(project: Project, out: str | Path, name: str, document_ids: Sequence[DocumentId], *,
                progress: Callable[[int, int, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> PackageReport:
    """Write a new project database ``out`` for annotator ``name`` with ``document_ids``.

    :param out: the package file; refused when it exists
    :param progress: called with (documents done, total, what)
    :param cancelled: polled between batches; when true the partial file is removed
    :raises ValidationError: ``out`` exists, an unknown annotator or document
    """
    from annotator.project import Project

    out = Path(out)
    if out.exists():
        raise ValidationError(f"{out}: already exists; a package is never written over a file, choose another name")
    annotator = project.annotator_by_name(name)
    documents = sorted(set(document_ids))
    known = set(project.document_ids())
    if not documents or any(d not in known for d in documents):
        raise ValidationError(f"no document with id {', '.join(str(d) for d in documents if d not in known)}"
                              if documents else "no documents to hand out")
    report = PackageReport(out, annotator.name)
    target = Project.init(out, tagset=project.tagset)
    try:
        with target.db.atomic():
            _fill(project, target, annotator.id, documents, report, progress, cancelled)
    except BaseException:
        target.close()
        _remove(out)
        raise
    target.close()
    if report.cancelled:
        _remove(out)
    return report


def _fill(project: Project, target: Project, annotator_id: int, documents: list[DocumentId],
          report: PackageReport, progress: Callable[[int, int, str], None] | None,
          cancelled: Callable[[], bool] | None) -> None:
    source, db = project.db, target.db
    for key, value in merge_sql.project_meta(source).items():
        if key not in _NOT_COPIED:
            merge_sql.put_meta(db, key, value)
    merge_sql.put_meta(db, HANDOUT_KEY, json.dumps({
        "for": report.annotator, "documents": len(documents), "created_at": now(),
        "from": project.path.name if project.path else None}, ensure_ascii=False))
    merge_sql.copy_rows(source, db, "annotators", in_column="id", in_ids=[annotator_id])
    report.actors = merge_sql.copy_rows(source, db, "actors")
    mine = {"where": "annotator_id = ?", "params": [annotator_id], "in_column": "document_id"}
    for start in range(0, len(documents), _BATCH):
        if cancelled is not None and cancelled():
            report.cancelled = True
            return
        if progress is not None:
            progress(start, len(documents), "packaging")
        batch = documents[start:start + _BATCH]
        report.documents += merge_sql.copy_rows(source, db, "documents", in_column="id", in_ids=batch)
        doc_sql.index_stored_documents(db, batch)
        merge_sql.copy_rows(source, db, "document_tokens", in_column="document_id", in_ids=batch)
        report.spans += merge_sql.copy_rows(source, db, "spans", in_ids=batch, **mine)
        report.relations += merge_sql.copy_rows(source, db, "relations", in_ids=batch, **mine)
        report.statuses += merge_sql.copy_rows(source, db, "document_status", in_ids=batch, **mine)
        merge_sql.copy_rows(source, db, "assignments", in_ids=batch, override={"assigned_by": None}, **mine)
    target.record_audit("package", "project", None, None, after={
        "for": report.annotator, "documents": report.documents, "spans": report.spans})
    if progress is not None:
        progress(len(documents), len(documents), "done")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
