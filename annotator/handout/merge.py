"""Bringing annotators' work back: merge their databases into the lead's project.

Semantics (see :mod:`annotator.handout.reconcile` for the matching rules):

- documents are matched by content hash (uid); a text that differs under the same hash, or a
  document the project lacks (unless ``add_documents``), refuses the merge;
- annotators by name (created, with their role, when missing); actors of one type by kb id or
  by name however spelled (the project's actor gains the file's spellings and aliases), other
  actors the file's annotations use are added;
- each (document, annotator) layer in a file replaces that annotator's layer in the project,
  unless identical: identical spans and relations stay untouched, so merging the same file
  twice changes nothing, and a file merged again after more work brings exactly the edits;
- status and time come from the file when its record is newer (by ``updated_at``).

Everything is checked before anything is written; then one transaction, after a backup copy.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.changes import Changes
from annotator.errors import AnnotatorError
from annotator.handout.reconcile import LayerPlan, MergePlan, NewActor, plan_merge
from annotator.handout.source import Source, load
from annotator.ids import ActorId, AnnotatorId, DocumentId, SpanId
from annotator.model import RelationDraft, SpanDraft
from annotator.store import actors as actor_sql
from annotator.store import annotations as ann_sql
from annotator.store import documents as doc_sql
from annotator.store import merge_sql
from annotator.store import people as people_sql
from annotator.store.db import backup_database, now

if TYPE_CHECKING:
    from annotator.project import Project

Progress = Callable[[int, int, str], None]


class MergeError(AnnotatorError):
    """A merge refused before anything was written; the message lists every reason."""


class _Cancelled(Exception):
    pass


@dataclass
class AnnotatorCounts:
    """What the merge did to one annotator's work."""

    name: str
    created: bool = False
    documents: int = 0
    documents_changed: int = 0
    spans_added: int = 0
    spans_removed: int = 0
    spans_unchanged: int = 0
    relations_added: int = 0
    relations_removed: int = 0
    relations_unchanged: int = 0
    status_updated: int = 0

    def line(self) -> str:
        return (f"{self.name}{' (new annotator)' if self.created else ''}: {self.documents} document(s), "
                f"{self.documents_changed} changed; spans {self.spans_added} added, {self.spans_removed} removed, "
                f"{self.spans_unchanged} unchanged; relations {self.relations_added} added, "
                f"{self.relations_removed} removed, {self.relations_unchanged} unchanged; "
                f"{self.status_updated} status update(s)")


@dataclass
class MergeReport:
    """What :func:`merge_databases` did (or, when ``cancelled``, would have done: nothing was written)."""

    files: list[str] = field(default_factory=list)
    annotators: dict[str, AnnotatorCounts] = field(default_factory=dict)
    documents_added: int = 0
    actors_matched: int = 0
    actors_added: int = 0
    actors_aliases_updated: int = 0
    actors_unused: int = 0
    backup: Path | None = None
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    @property
    def changed(self) -> bool:
        return not self.changes.empty

    def lines(self) -> list[str]:
        """The report in words, one line per annotator and one for actors and documents."""
        lines = [c.line() for c in self.annotators.values()]
        lines.append(f"actors: {self.actors_matched} matched to this project's, {self.actors_added} added, "
                     f"{self.actors_aliases_updated} gained aliases, {self.actors_unused} unused not added")
        if self.documents_added:
            lines.append(f"documents added: {self.documents_added}")
        if not self.changed:
            lines.append("nothing changed: the project already holds this work")
        return lines


def backup_path_for(path: Path) -> Path:
    """A new file beside ``path`` for the copy taken before a merge."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    candidate, n = path.with_name(f"{path.stem}.before-merge-{stamp}{path.suffix}"), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.before-merge-{stamp}-{n}{path.suffix}")
    return candidate


def merge_databases(project: Project, paths: Sequence[str | Path], *, add_documents: bool = False,
                    backup: bool = True, progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None) -> MergeReport:
    """Merge annotators' project databases into ``project``; the files themselves are only read.

    :param paths: the annotators' files (packages or whole projects)
    :param add_documents: add documents the project lacks instead of refusing
    :param backup: copy the project file first (not for in-memory projects, nor when nothing changes)
    :param progress: called with (done, total, what) while checking and writing
    :param cancelled: polled between steps; a cancelled merge writes nothing
    :raises ProjectFileError: a file that is not a project database, is damaged or is newer
    :raises MergeError: anything that does not fit the project, all listed; nothing is written
    """
    report = MergeReport(files=[str(p) for p in paths])
    notify = progress or (lambda done, total, what: None)
    stop = cancelled or (lambda: False)
    sources: list[Source] = []
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as scratch:
        try:
            for done, path in enumerate(paths):
                notify(done, len(paths), f"reading {Path(path).name}")
                if stop():
                    report.cancelled = True
                    return report
                sources.append(load(path, Path(scratch)))
            return _merge(project, sources, report, add_documents=add_documents, backup=backup,
                          notify=notify, stop=stop)
        finally:
            for source in sources:
                source.close()


def _merge(project: Project, sources: list[Source], report: MergeReport, *, add_documents: bool, backup: bool,
           notify: Progress, stop: Callable[[], bool]) -> MergeReport:
    notify(0, 1, "checking")
    plan = plan_merge(project, sources, add_documents=add_documents, cancelled=stop)
    if stop():
        report.cancelled = True
        return report
    if plan.problems:
        raise MergeError("nothing was merged; fix these first:\n" + "\n".join(plan.problems))
    _count(plan, report)
    if not plan.writes:
        return report
    if backup and project.path is not None:
        report.backup = backup_database(project.db, backup_path_for(project.path))
    try:
        report.changes = _write(project, plan, report, notify, stop)
    except _Cancelled:
        report.cancelled = True
        if report.backup is not None:
            report.backup.unlink(missing_ok=True)
            report.backup = None
    return report


def _count(plan: MergePlan, report: MergeReport) -> None:
    report.actors_matched, report.actors_unused = plan.actors.matched, plan.actors.unused
    report.actors_added, report.actors_aliases_updated = len(plan.actors.new), len(plan.actors.aliases)
    report.documents_added = len(plan.new_documents)
    for layer in plan.layers:
        counts = report.annotators.setdefault(layer.name, AnnotatorCounts(layer.name))
        counts.created = layer.name in plan.new_annotators
        counts.documents += 1
        counts.documents_changed += layer.changed
        counts.spans_added += len(layer.add_spans)
        counts.spans_removed += len(layer.drop_spans)
        counts.spans_unchanged += layer.same_spans
        counts.relations_added += len(layer.add_relations)
        counts.relations_removed += len(layer.drop_relations)
        counts.relations_unchanged += layer.same_relations
        counts.status_updated += layer.status is not None


# -- writing ---------------------------------------------------------------------------------------


class _Writer:
    """Turns the plan's placeholders (new annotators, documents, actors) into ids while writing."""

    def __init__(self, project: Project, plan: MergePlan):
        self.project, self.plan, self.at = project, plan, now()
        self.annotator_ids = {a.name: a.id for a in people_sql.list_annotators(project.db)}
        self.document_ids: dict[str, DocumentId] = {}
        self.actor_ids: dict[NewActor, ActorId] = {}

    def actor(self, source: int) -> Callable[[ActorId], ActorId]:
        def resolve(actor_id: ActorId) -> ActorId:
            ref = self.plan.actors.refs[(source, actor_id)]
            return self.actor_ids[ref] if isinstance(ref, NewActor) else ActorId(ref)
        return resolve

    def annotators(self) -> None:
        for name, role in self.plan.new_annotators.items():
            self.annotator_ids[name] = people_sql.insert_annotator(self.project.db, name, role, at=self.at)
            self.project.record_audit("add", "annotator", self.annotator_ids[name], None,
                                      after={"name": name, "role": role, "by": "merge"})

    def documents(self) -> None:
        for uid, (index, document) in self.plan.new_documents.items():
            source = self.plan.sources[index]
            row, tokens = source.documents[document], source.tokens(document)
            new_id = doc_sql.insert_document(self.project.db, doc_sql.DocumentRow(
                uid=uid, title=row["title"], text=row["text"], raw_text=row["raw_text"],
                canon_version=row["canon_version"], source=row["source"], url=row["url"],
                external_id=row["external_id"], published=row["published"],
                published_original=row["published_original"], meta=row["meta"]), imported_at=self.at)
            doc_sql.index_document(self.project.db, new_id, row["title"], row["text"])
            if tokens is not None:
                doc_sql.insert_tokens(self.project.db, new_id, tokenizer=tokens["tokenizer"],
                                      sentences=tokens["sentences"], sentence_count=tokens["sentence_count"],
                                      tokens=tokens["tokens"], token_count=tokens["token_count"])
            self.document_ids[uid] = new_id
            self.project.record_audit("add", "document", new_id, new_id, after={"uid": uid, "from": source.name})

    def actors(self) -> None:
        for placeholder, draft in self.plan.actors.new.items():
            self.actor_ids[placeholder] = actor_sql.insert_actor(self.project.db, draft, at=self.at)
            self.project.record_audit("add", "actor", self.actor_ids[placeholder], None, after=draft)
        for actor_id, aliases in self.plan.actors.aliases.items():
            before = self.project.actor(actor_id)
            actor_sql.update_actor(self.project.db, actor_id,
                                   dataclasses.replace(before.draft(), aliases=aliases), at=self.at)
            self.project.record_audit("update", "actor", actor_id, None, before=before, after=self.project.actor(actor_id))

    def layer(self, layer: LayerPlan) -> None:
        db, source = self.project.db, self.plan.sources[layer.source]
        document = layer.target_document or self.document_ids[layer.uid]
        annotator = self.annotator_ids[layer.name]
        for relation in layer.drop_relations:
            ann_sql.delete_relation(db, relation.id)
        for span in layer.drop_spans:
            ann_sql.delete_span(db, span.id)
        actor, index = self.actor(layer.source), self.plan.index
        ids: dict[SpanId, SpanId] = dict(layer.keep)
        for span in layer.add_spans:
            draft = SpanDraft(document, annotator, span.label, span.fragments,
                              index.map_attrs(span.label, span.attrs, actor), span.origin, span.score,
                              actor(span.actor_id) if span.actor_id is not None else None)
            ids[span.id] = ann_sql.insert_span(db, draft, at=self.at, created_at=span.created_at)
        for relation in layer.add_relations:
            draft = RelationDraft(
                document_id=document, annotator_id=annotator, type=relation.type, head=ids[relation.head],
                tail_span=ids[relation.tail_span] if relation.tail_span is not None else None,
                tail_actor=actor(relation.tail_actor) if relation.tail_actor is not None else None,
                attrs=index.map_attrs(relation.type, relation.attrs, actor), origin=relation.origin,
                score=relation.score)
            ann_sql.insert_relation(db, draft, at=self.at)
        if layer.status is not None:
            merge_sql.put_status_row(db, dataclasses.replace(
                layer.status, document_id=document, annotator_id=AnnotatorId(annotator)))
        self.project.record_audit("merge", "layer", annotator, document, before={
            "spans": [dataclasses.asdict(s) for s in layer.drop_spans],
            "relations": [dataclasses.asdict(r) for r in layer.drop_relations],
        }, after={"from": source.name, "spans_added": len(layer.add_spans),
                  "relations_added": len(layer.add_relations),
                  "status": layer.status.status if layer.status else None})


def _write(project: Project, plan: MergePlan, report: MergeReport, notify: Progress,
           stop: Callable[[], bool]) -> Changes:
    writer = _Writer(project, plan)
    layers = [layer for layer in plan.layers if layer.changed or layer.status is not None]
    with project.db.atomic():
        writer.annotators()
        writer.documents()
        writer.actors()
        for done, layer in enumerate(layers):
            if done % 50 == 0:
                notify(done, len(layers), "writing")
                if stop():
                    raise _Cancelled
            writer.layer(layer)
        project.record_audit("merge", "project", None, None, after={
            "files": report.files, "annotators": {n: dataclasses.asdict(c) for n, c in report.annotators.items()}})
    notify(len(layers), len(layers), "done")
    documents = frozenset(writer.document_ids.get(layer.uid) or layer.target_document for layer in layers)
    return Changes(
        documents=bool(plan.new_documents), spans=any(la.add_spans or la.drop_spans for la in layers),
        relations=any(la.add_relations or la.drop_relations for la in layers),
        actors=bool(plan.actors.new or plan.actors.aliases), status=any(la.status for la in layers),
        annotators=bool(plan.new_annotators), document_ids=documents,  # type: ignore[arg-type]
    )
