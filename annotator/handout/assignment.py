"""Who annotates what: pure assignment plans, and storing them through the service.

A plan is a list of ``(document, annotator)`` pairs. Every plan is built by one greedy rule:
each document takes the least-loaded annotators, ties going to the one who has been paired
least with those already chosen for that document, then to the least recently used (plain
round-robin when all else is equal). So the load stays balanced within one document across
annotators, a document never gets the same annotator twice, and double-annotated documents
spread over many different pairs (what pairwise agreement needs).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from annotator.changes import Changes
from annotator.errors import ValidationError
from annotator.ids import AnnotatorId, DocumentId, parse_id_list  # noqa: F401 - parse_id_list re-exported
from annotator.model import STATUSES
from annotator.store import assignments as assign_sql
from annotator.store.db import now

if TYPE_CHECKING:
    from annotator.project import Project


def sample_size(count: int, percent: float) -> int:
    """``percent`` % of ``count``, rounded half up (10 % of 25 is 3)."""
    return int(Fraction(str(percent)) * count / 100 + Fraction(1, 2))


class _Picker[T]:
    """Chooses annotators for one document at a time; see the module doc."""

    def __init__(self, annotators: Sequence[T]):
        self.annotators = list(annotators)
        self.load: Counter[T] = Counter()
        self.last_used: dict[T, int] = {a: -1 for a in annotators}
        self.pairs: Counter[frozenset[T]] = Counter()
        self.tick = 0

    def pick(self, n: int) -> list[T]:
        chosen: list[T] = []
        for _ in range(n):
            best = min(
                (a for a in self.annotators if a not in chosen),
                key=lambda a: (self.load[a], sum(self.pairs[frozenset((a, c))] for c in chosen),
                               self.last_used[a], self.annotators.index(a)),
            )
            chosen.append(best)
        for a in chosen:
            self.load[a] += 1
            self.last_used[a] = self.tick
            self.tick += 1
        self.pairs.update(frozenset((a, b)) for i, a in enumerate(chosen) for b in chosen[i + 1:])
        return chosen


def _distinct[A: Hashable](annotators: Sequence[A]) -> list[A]:
    names = list(dict.fromkeys(annotators))
    if not names:
        raise ValidationError("name at least one annotator")
    return names


def plan_all[D: Hashable, A: Hashable](documents: Iterable[D], annotators: Sequence[A]) -> list[tuple[D, A]]:
    """Every document to every annotator (full overlap)."""
    names = _distinct(annotators)
    return [(d, a) for d in dict.fromkeys(documents) for a in names]


def plan_per_document[D: Hashable, A: Hashable](documents: Iterable[D], annotators: Sequence[A], n: int) -> list[tuple[D, A]]:
    """``n`` different annotators per document, the load balanced within one.

    :param n: annotators per document, at most the number of annotators
    :raises ValidationError: ``n`` out of range
    """
    names = _distinct(annotators)
    if not 1 <= n <= len(names):
        raise ValidationError(f"cannot give each document to {n} different annotators "
                              f"out of {len(names)} named; name more or ask for fewer")
    picker = _Picker(names)
    return [(d, a) for d in dict.fromkeys(documents) for a in picker.pick(n)]


def plan_double_sample[D: Hashable, A: Hashable](documents: Iterable[D], annotators: Sequence[A],
                                                percent: float, *, seed: int = 0) -> list[tuple[D, A]]:
    """One annotator per document, and a second, different one for a seeded sample of them.

    :param percent: how much of the documents to double-annotate, 0-100; the sample has
      :func:`sample_size` documents
    :param seed: the same seed and documents give the same sample and plan
    :raises ValidationError: a percentage out of range, or one annotator for a sample
    """
    names = _distinct(annotators)
    docs = list(dict.fromkeys(documents))
    if not 0 <= percent <= 100:
        raise ValidationError(f"a sample of {percent} %: give a percentage from 0 to 100")
    k = sample_size(len(docs), percent)
    if k and len(names) < 2:
        raise ValidationError("a double-annotated sample needs at least two annotators")
    sampled = set(random.Random(seed).sample(range(len(docs)), k))
    picker = _Picker(names)
    return [(d, a) for i, d in enumerate(docs) for a in picker.pick(2 if i in sampled else 1)]


# -- storing, through the service ---------------------------------------------------------------


def _check_ids(project: Project, document_ids: Iterable[DocumentId],
               annotator_ids: Iterable[AnnotatorId]) -> None:
    known = set(project.document_ids())
    missing = sorted(set(document_ids) - known)
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
        raise ValidationError(f"no document with id {shown}; the project has {len(known)} document(s)")
    for annotator_id in set(annotator_ids):
        project.annotator(annotator_id)


def _by_annotator(pairs: Iterable[tuple[DocumentId, AnnotatorId]]) -> dict[AnnotatorId, list[DocumentId]]:
    grouped: dict[AnnotatorId, list[DocumentId]] = {}
    for document_id, annotator_id in pairs:
        grouped.setdefault(annotator_id, []).append(document_id)
    return grouped


def store_assignments(project: Project, pairs: Sequence[tuple[DocumentId, AnnotatorId]]) -> Changes:
    """Store a plan (pairs already assigned stay as they are); one audit entry per annotator."""
    _check_ids(project, (d for d, _ in pairs), (a for _, a in pairs))
    with project.db.atomic():
        added = assign_sql.insert(project.db, pairs, at=now(), by=project.user)
        for annotator_id, docs in _by_annotator(added).items():
            project.record_audit("assign", "annotator", annotator_id, None, after={"documents": docs})
    return Changes(status=bool(added), document_ids=frozenset(d for d, _ in added))


def remove_assignments(project: Project, pairs: Sequence[tuple[DocumentId, AnnotatorId]]) -> Changes:
    """Take documents back from annotators (their annotations stay); one audit entry per annotator."""
    with project.db.atomic():
        removed = assign_sql.delete(project.db, pairs)
        for annotator_id, docs in _by_annotator(removed).items():
            project.record_audit("unassign", "annotator", annotator_id, None, before={"documents": docs})
    return Changes(status=bool(removed), document_ids=frozenset(d for d, _ in removed))


def set_adjudication_status(project: Project, document_id: DocumentId, status: str) -> Changes:
    """Mark a document's adjudication todo / in_progress / done (for the adjudication window)."""
    if status not in STATUSES:
        raise ValidationError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    project.document(document_id)
    before, _ = assign_sql.get_adjudication(project.db, document_id)
    with project.db.atomic():
        assign_sql.put_adjudication(project.db, document_id, status, at=now())
        project.record_audit("adjudication", "document", document_id, document_id, before=before, after=status)
    return Changes(status=True, document_ids=frozenset({document_id}))
