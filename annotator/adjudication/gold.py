"""The gold layer and the adjudication bookkeeping: who gold is, each document's adjudication
status, and the decisions to reject that the audit log remembers.

The gold layer is the spans and relations of the annotator named ``gold`` (role lead), every one
with origin ``adjudicated``; it is what ``annotator export --layer gold`` reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.errors import ValidationError
from annotator.ids import DocumentId, SpanId
from annotator.model import GOLD_LAYER, STATUSES, Annotator, Span
from annotator.store import assignments as assign_sql

if TYPE_CHECKING:
    from annotator.changes import Changes
    from annotator.project import Project

GOLD = GOLD_LAYER
ADJUDICATED = "adjudicated"
REJECT, UNDO_REJECT = "reject", "undo-reject"
ACCEPT, UNDO_ACCEPT = "accept", "undo-accept"
_AUDIT_LIMIT = 1_000_000


def is_gold(annotator: Annotator) -> bool:
    return annotator.name.casefold() == GOLD


def gold_annotator(project: Project) -> Annotator:
    """The annotator that holds the gold layer, created (role lead) on first use."""
    for annotator in project.annotators():
        if is_gold(annotator):
            return annotator
    return project.add_annotator(GOLD, role="lead")


def find_gold(project: Project) -> Annotator | None:
    """The gold annotator, or None before anything was adjudicated (creates nothing)."""
    return next((a for a in project.annotators() if is_gold(a)), None)


def is_lead(project: Project, name: str) -> bool:
    """Whether annotator ``name`` has the lead role (unknown names are not leads)."""
    return any(a.name == name and a.role == "lead" for a in project.annotators())


def gold_spans(project: Project, document_id: DocumentId) -> list[Span]:
    gold = find_gold(project)
    return project.spans(document_id, annotator_id=gold.id) if gold is not None else []


# -- adjudication status ----------------------------------------------------------------------------


def adjudication_status(project: Project, document_id: DocumentId) -> str:
    """The lead's adjudication status of a document: todo, in_progress or done."""
    return assign_sql.get_adjudication(project.db, document_id)[0]


def set_adjudication_status(project: Project, document_id: DocumentId, status: str) -> Changes:
    """Mark a document's adjudication (audited); see :class:`~annotator.adjudication.edits.SetAdjudicationStatus`."""
    from annotator.handout.assignment import set_adjudication_status as store

    return store(project, document_id, status)


def start_adjudication(project: Project, document_id: DocumentId) -> str:
    """Opening a document for review moves it from todo to in progress (bookkeeping, not undone)."""
    status = adjudication_status(project, document_id)
    if status == "todo":
        set_adjudication_status(project, document_id, "in_progress")
        return "in_progress"
    return status


def adjudication_counts(project: Project) -> dict[str, int]:
    """``{status: documents}`` over the whole project."""
    return assign_sql.adjudication_counts(project.db)


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise ValidationError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")


# -- rejections -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rejection:
    """A standing decision that none of these spans' versions belongs in gold."""

    span_ids: frozenset[SpanId]
    reason: str
    at: str


def rejections(project: Project, document_id: DocumentId) -> list[Rejection]:
    """Rejections of a document still in force: each ``reject`` entry not cancelled by an
    ``undo-reject`` of the same spans (the audit log is append-only, so undo adds an entry)."""
    entries = [e for e in project.audit_log(document_id=document_id, limit=_AUDIT_LIMIT)
               if e.entity == "span" and e.action in (REJECT, UNDO_REJECT)]
    live: list[Rejection] = []
    undone: Counter[frozenset[SpanId]] = Counter()
    for entry in entries:  # newest first: an undo cancels the reject before it
        key = frozenset(SpanId(i) for i in (entry.after or {}).get("spans", ()))
        if entry.action == UNDO_REJECT:
            undone[key] += 1
        elif undone[key]:
            undone[key] -= 1
        else:
            live.append(Rejection(key, (entry.after or {}).get("reason") or "", entry.at))
    return live


def rejection_for(found: Iterable[Rejection], span_ids: Iterable[SpanId]) -> Rejection | None:
    """The rejection that covers any of ``span_ids`` (the newest first), or None."""
    wanted = set(span_ids)
    return next((r for r in found if r.span_ids & wanted), None)
