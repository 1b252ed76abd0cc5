"""Agreement over a project: read through :class:`~annotator.project.Project`, then the pure functions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from annotator.agreement.report import (
    AgreementReport,
    DocumentAnnotations,
    Progress,
    agreement_from_documents,
    scheme_from_tagset,
)
from annotator.errors import ValidationError
from annotator.ids import AnnotatorId, DocumentId
from annotator.model import GOLD_LAYER, PREANNOTATOR_LAYER, Annotator, DocumentSummary, Relation, Span
from annotator.project import Project

#: Left out of the default comparison: the adjudicated reference is not one of the annotators.
GOLD = GOLD_LAYER
#: Layers left out unless named: the adjudicated layer and the pre-annotator's suggestions.
NOT_ANNOTATORS = (GOLD, PREANNOTATOR_LAYER)
_WORKED = ("in_progress", "done")
_CHUNK = 500


class NotEnoughAnnotatorsError(ValidationError):
    """Fewer than two annotators with annotations to compare."""


def compute_agreement(
    project: Project, *, annotators: Sequence[str] | None = None,
    documents: Sequence[DocumentId] | None = None, progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None, speaker_relation: str | None = "ATTRIBUTED_TO",
) -> AgreementReport:
    """Compare annotators pairwise on a project's documents.

    An annotator counts as having worked on a document when they made a span there or set its
    status to in progress or done; a document is compared between the annotators who worked on it.

    :param annotators: names to compare (default: everyone with spans, except the layers
      named "gold" and "preannotator"); unaccepted suggestions never count
    :param documents: ids to compare (default: all)
    :param progress: called after each document with (done, total)
    :param cancelled: polled between documents; a cancelled report says so and covers what was read
    :param speaker_relation: the relation type whose actors are the speaker, if the tagset has it
    :raises NotEnoughAnnotatorsError: fewer than two annotators with annotations
    :raises NotFoundError: an annotator name that does not exist (the message lists the known ones)
    """
    summaries = _summaries(project, documents)
    chosen = _choose(project, annotators, _with_spans(project, [s.id for s in summaries]))
    worked = {a.id: _worked_on(project, [s.id for s in summaries], a.id) for a in chosen}
    names = {a.id: a.name for a in chosen}

    def read() -> Iterator[DocumentAnnotations]:
        for summary in summaries:
            spans: dict[str, list[Span]] = {names[i]: [] for i in names if summary.id in worked[i]}
            # Suggestions nobody accepted are the machine's, not the annotator's, work.
            for span in project.spans(summary.id):
                if span.annotator_id in names and span.origin != "suggested":
                    spans.setdefault(names[span.annotator_id], []).append(span)
            relations: dict[str, list[Relation]] = {}
            if len(spans) >= 2:
                for relation in project.relations(summary.id):
                    if relation.annotator_id in names and relation.origin != "suggested":
                        relations.setdefault(names[relation.annotator_id], []).append(relation)
            yield DocumentAnnotations(summary.id, summary.char_count, spans, relations, summary.title)

    return agreement_from_documents(
        read(), [a.name for a in chosen], scheme=scheme_from_tagset(project.tagset, speaker_relation=speaker_relation),
        total=len(summaries), progress=progress, cancelled=cancelled,
        project=project.path.name if project.path else None,
        created=datetime.now().astimezone().isoformat(timespec="seconds"),
    )


def _with_spans(project: Project, document_ids: list[DocumentId]) -> set[str]:
    """Names of the annotators with at least one span in these documents."""
    found = set()
    for annotator in project.annotators():
        for start in range(0, len(document_ids), _CHUNK):
            if project.span_counts(document_ids[start:start + _CHUNK], annotator_id=annotator.id):
                found.add(annotator.name)
                break
    return found


def _choose(project: Project, names: Sequence[str] | None, with_spans: set[str]) -> list[Annotator]:
    if names is None:
        chosen = [a for a in project.annotators() if a.name in with_spans and a.name.casefold() not in NOT_ANNOTATORS]
    else:
        chosen = []
        for name in dict.fromkeys(n.strip() for n in names if n.strip()):
            chosen.append(project.annotator_by_name(name))
    annotated = [a for a in chosen if a.name in with_spans]
    if len(annotated) < 2:
        found = ", ".join(a.name for a in annotated) or "none"
        others = ", ".join(sorted(with_spans - {a.name for a in chosen})) or "none"
        raise NotEnoughAnnotatorsError(
            f"agreement needs at least two annotators with annotations; of those chosen, {found} "
            f"(others with annotations: {others})"
        )
    return chosen


def _summaries(project: Project, documents: Sequence[DocumentId] | None) -> list[DocumentSummary]:
    everything = project.documents(limit=max(1, project.count_documents()))
    if documents is None:
        return everything
    wanted = set(documents)
    found = [s for s in everything if s.id in wanted]
    if len(found) < len(wanted):
        missing = sorted(wanted - {s.id for s in found})
        raise ValidationError(f"no document with id {', '.join(map(str, missing[:10]))}")
    return found


def _worked_on(project: Project, document_ids: list[DocumentId], annotator_id: AnnotatorId) -> set[DocumentId]:
    """Documents the annotator set to in progress or done (spans are added while reading)."""
    out: set[DocumentId] = set()
    for start in range(0, len(document_ids), _CHUNK):
        statuses = project.statuses(document_ids[start:start + _CHUNK], annotator_id)
        out.update(d for d, status in statuses.items() if status in _WORKED)
    return out


class AgreementSummary(dict[str, Any]):
    """The summary dict, which also renders itself as Markdown for a dataset card."""

    def to_markdown(self) -> str:
        def cell(value: float | None) -> str:
            return "—" if value is None else f"{value:.3f}"

        lines = [
            f"Annotators: {', '.join(self['annotators'])}; documents compared: {self['documents']}.",
            "",
            "| label | F1 exact | F1 overlap | Krippendorff's alpha (characters) |",
            "|---|---|---|---|",
        ]
        rows = [*self["labels"].items(), ("all labels", self["all_labels"])]
        lines += [f"| {label} | {cell(f['f1_exact'])} | {cell(f['f1_overlap'])} | {cell(f['alpha'])} |"
                  for label, f in rows]
        speaker = self.get("speaker")
        if speaker:
            lines += ["", (f"Speakers (on matched quotes, by resolved actor): accuracy {cell(speaker['accuracy'])}, "
                           f"alpha {cell(speaker['alpha'])}, attribution F1 {cell(speaker['attribution_f1'])}.")]
        return "\n".join(lines)


def summary(project: Project) -> AgreementSummary | None:
    """A short summary for dataset cards, or None when fewer than two annotators have annotations.

    ``{"annotators": [...], "documents": n, "labels": {LABEL: {"f1_exact", "f1_overlap", "alpha"}},
    "all_labels": {...}, "speaker": {"accuracy", "alpha", "attribution_f1"} | None}``; labels nobody
    marked are left out.
    """
    try:
        report = compute_agreement(project)
    except NotEnoughAnnotatorsError:
        return None
    full = report.overall.to_json()  # not report.to_json(): the pairs and documents are not needed
    keep = ("f1_exact", "f1_overlap", "alpha")
    speaker = full["speaker"]
    return AgreementSummary({
        "annotators": list(report.annotators),
        "documents": full["documents"],
        "labels": {label: {k: f[k] for k in keep} for label, f in full["labels"].items()
                   if f["count_a"] or f["count_b"]},
        "all_labels": {k: full["all_labels"][k] for k in keep},
        "speaker": {k: speaker[k] for k in ("accuracy", "alpha", "attribution_f1")} if speaker else None,
    })
