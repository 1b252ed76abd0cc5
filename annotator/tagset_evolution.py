"""Changing the tagset of a project that already has annotations, safely.

Additions just apply. Anything in use that the new tagset removes, renames or tightens is
refused, with the count of affected annotations per document, unless a rename mapping
carries it across. The change runs in one transaction, after a backup copy of the file.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from annotator import rules
from annotator.changes import Changes
from annotator.errors import TagsetError
from annotator.ids import DocumentId
from annotator.project import Project
from annotator.store import actors as actor_sql
from annotator.store import annotations as ann_sql
from annotator.store.db import backup_database, now
from annotator.tagset import Tagset
from annotator.tagset_diff import TagsetDiff, apply_renames, diff_tagsets


@dataclass
class TagsetChangePlan:
    """What setting ``new`` would do: the diff, and the problems it would cause, by document."""

    diff: TagsetDiff
    problems: dict[str, Counter[DocumentId | None]] = field(default_factory=dict)
    renamed_spans: int = 0
    renamed_relations: int = 0
    renamed_actors: int = 0

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def explain(self, titles: Mapping[DocumentId, str] | None = None) -> str:
        """The refusal in words: each problem with its count per document."""
        lines = []
        for message, per_document in sorted(self.problems.items()):
            total = sum(per_document.values())
            lines.append(f"{message}: {total} annotation(s)")
            for document_id, count in sorted(per_document.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
                where = "corpus-wide actors" if document_id is None else f"document {document_id}"
                if titles and document_id in titles:
                    where += f" «{titles[document_id]}»"
                lines.append(f"  {where}: {count}")
        return "\n".join(lines)


def plan_tagset_change(project: Project, new: Tagset, renames: Mapping[str, str] | None = None) -> TagsetChangePlan:
    """Check every stored span, relation and actor against ``new`` (after renames); write nothing."""
    diff = diff_tagsets(project.tagset, new, renames)
    plan = TagsetChangePlan(diff=diff)
    problems: dict[str, Counter] = defaultdict(Counter)
    spans_by_id = {}
    grouped = itertools.groupby(ann_sql.iter_all_spans(project.db), key=lambda s: (s.document_id, s.annotator_id))
    for (document_id, _), group in grouped:
        spans = [apply_renames(span, diff.renames) for span in group]
        length = len(project.document(document_id).text)
        for span in spans:
            spans_by_id[span.id] = span
            others = [s for s in spans if s.id != span.id]
            for problem in rules.check_span(new, span.draft(), text_length=length, others=others):
                problems[problem.message][document_id] += 1
    relations = (apply_renames(r, diff.renames) for r in ann_sql.iter_all_relations(project.db))
    for document_id, group in itertools.groupby(relations, key=lambda r: r.document_id):
        in_document = list(group)
        for relation in in_document:
            others = [r for r in in_document if r.id != relation.id]
            head = spans_by_id[relation.head]
            tail = spans_by_id.get(relation.tail_span) if relation.tail_span is not None else None
            for problem in rules.check_relation(new, relation.draft(), head=head, tail_span=tail,
                                                tail_actor_exists=relation.tail_actor is not None,
                                                existing=others):
                problems[problem.message][document_id] += 1
    for actor in actor_sql.list_actors(project.db):
        for problem in rules.check_actor(new, apply_renames(actor, diff.renames).draft()):
            problems[problem.message][None] += 1
    plan.problems = dict(problems)
    return plan


def backup_path_for(path: Path) -> Path:
    """Where to copy ``path`` before its tagset changes: beside it, with a time stamp."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.stem}.before-tagset-{stamp}{path.suffix}")


def set_tagset(
    project: Project, new: Tagset, renames: Mapping[str, str] | None = None, *, backup: bool = True
) -> tuple[TagsetChangePlan, Path | None, Changes]:
    """Replace the project's tagset, carrying annotations across renames.

    :param renames: old address -> new name (see :mod:`annotator.tagset_diff`)
    :param backup: copy the database file first (not for in-memory projects)
    :raises TagsetError: anything in use would no longer fit; nothing is written
    :returns: the plan, the backup file (or None) and what changed
    """
    plan = plan_tagset_change(project, new, renames)
    if plan.refused:
        affected = {d for per_doc in plan.problems.values() for d in per_doc if d is not None}
        titles = {d: project.document(d).title for d in affected}
        raise TagsetError(
            "the new tagset was refused; these annotations would not fit it:\n"
            + plan.explain(titles)
            + "\nKeep those names in the tagset, or map them with --rename OLD=NEW."
        )
    backup_file = backup_database(project.db, backup_path_for(project.path)) if backup and project.path else None
    with project.db.atomic():
        _carry_across(project, plan)
        project.replace_tagset(new)
    return plan, backup_file, Changes(tagset=True, spans=True, relations=True, actors=True)


def _carry_across(project: Project, plan: TagsetChangePlan) -> None:
    renames = plan.diff.renames
    at = now()
    for span in list(ann_sql.iter_all_spans(project.db)):
        renamed = apply_renames(span, renames)
        if renamed != span:
            ann_sql.update_span(project.db, span.id, renamed.draft(), at=at)
            project.record_audit("rename", "span", span.id, span.document_id, before=span, after=renamed)
            plan.renamed_spans += 1
    for relation in list(ann_sql.iter_all_relations(project.db)):
        renamed = apply_renames(relation, renames)
        if renamed != relation:
            ann_sql.update_relation(project.db, relation.id, renamed.draft())
            project.record_audit("rename", "relation", relation.id, relation.document_id, before=relation, after=renamed)
            plan.renamed_relations += 1
    for actor in actor_sql.list_actors(project.db):
        renamed = apply_renames(actor, renames)
        if renamed != actor:
            actor_sql.update_actor(project.db, actor.id, renamed.draft(), at=at)
            project.record_audit("rename", "actor", actor.id, None, before=actor, after=renamed)
            plan.renamed_actors += 1
