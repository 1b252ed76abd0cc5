"""Write planned documents into a project: all of them in one transaction, or nothing.

Before anything is written, labels and relation types the tagset lacks are refused with their
counts. Then every span and relation goes through the service (:meth:`Project.add_span` and
:meth:`Project.add_relation`), so the tagset's rules apply as for a span drawn by hand: missing
attributes that have a default get it; anything else that breaks a rule (a missing required
attribute, an overlap the tagset forbids, a link of the wrong type) is collected, and the whole
import is rolled back and refused with the first few problems listed, unless ``skip_invalid``
is set, in which case those spans and links (and the links that needed them) are left out and
reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.errors import AnnotatorError, InputError, NotFoundError
from annotator.ids import ActorId, AnnotatorId, DocumentId, SpanId
from annotator.ingest import analyse_one, tokenizer_name
from annotator.interchange.align import map_fragments, offset_map
from annotator.interchange.plan import PlannedDocument, PlannedSpan, count_names
from annotator.interchange.resolve import resolve, unknown_attributes
from annotator.model import GOLD_LAYER, ActorDraft, RelationDraft, SpanDraft
from annotator.project import Project
from annotator.store.documents import DocumentRow
from annotator.text import CANON_VERSION

SHOWN_PROBLEMS = 5


@dataclass
class AnnotationImportReport:
    """What an annotation import wrote, and what it left out (one line each)."""

    documents: int = 0
    new_documents: int = 0
    spans: int = 0
    relations: int = 0
    actors: int = 0
    skipped: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    cancelled: bool = False


def _counted(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} ({n})" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def refuse_unknown_names(project: Project, documents: Sequence[PlannedDocument]) -> None:
    """Refuse, before anything is written, labels, relation types and attributes the tagset lacks.

    :raises InputError: naming each unknown name with how often it occurs
    """
    labels, types = count_names(documents)
    tagset = project.tagset
    unknown_labels = {k: v for k, v in labels.items() if tagset.find_label(k) is None}
    unknown_types = {k: v for k, v in types.items() if tagset.find_relation(k) is None}
    parts = []
    if unknown_labels:
        parts.append(f"labels not in the tagset: {_counted(unknown_labels)}")
    if unknown_types:
        parts.append(f"relation types not in the tagset: {_counted(unknown_types)}")
    attributes = unknown_attributes(documents, tagset)
    if attributes:
        parts.append(f"attributes not in the tagset: {_counted(attributes)}")
    if parts:
        raise InputError("; ".join(parts) + f" (tagset {tagset.name}); add them to the tagset or use "
                         "--label-map THEIRS=OURS; nothing was imported")


class _Writer:
    def __init__(self, project: Project, report: AnnotationImportReport, *, skip_invalid: bool):
        self.project, self.report, self.skip_invalid = project, report, skip_invalid
        self.problems: list[str] = []
        self.actor_ids: dict[str, ActorId] = {}
        self.strip = project.setting("strip_diacritics", "0") == "1"

    def problem(self, message: str) -> None:
        (self.report.skipped if self.skip_invalid else self.problems).append(message)

    def document(self, planned: PlannedDocument, annotator_id: AnnotatorId) -> None:
        analysed = analyse_one(planned.text, False, self.strip)
        if not analysed.text.strip():
            self.problem(f"{planned.where()}: no text left after canonicalisation")
            return
        positions = offset_map(planned.text, analysed.text, strip_diacritics=self.strip) if analysed.text != planned.text else None
        row = DocumentRow(
            uid=analysed.uid, title=(planned.title or _first_line(analysed.text))[:300], text=analysed.text,
            raw_text=planned.text if planned.text != analysed.text else None, canon_version=CANON_VERSION,
            source=planned.source, url=planned.url, published=planned.published, meta=planned.meta or None,
            external_id=planned.external_id)
        document_id, created = self.project.add_document(row, analysed.tokenization, tokenizer=tokenizer_name())
        if not created and self.project.span_counts([document_id], annotator_id=annotator_id).get(document_id):
            self.problem(f"{planned.where()}: this document is already in the project with spans by the same "
                         "annotator; import into another annotator or delete those spans first")
            return
        self.report.documents += 1
        self.report.new_documents += created
        self._annotations(planned, document_id, annotator_id, positions)
        self.report.dropped += [f"{planned.where()}: {d}" for d in planned.dropped]
        # A file of annotations is the annotator's finished work on the document, even one that
        # marks nothing there (so agreement counts what the other annotator marked as missed);
        # our own jsonl says which status it had.
        status = planned.status if planned.status is not None else "done"
        if status in ("in_progress", "done"):
            self.project.set_status(document_id, annotator_id, status)

    def _annotations(self, planned: PlannedDocument, document_id: DocumentId, annotator_id: AnnotatorId,
                     positions: list[int] | None) -> None:
        span_ids: dict[str, SpanId] = {}
        for span in planned.spans:
            new_id = self._span(planned, span, document_id, annotator_id, positions)
            if new_id is not None:
                span_ids[span.key] = new_id
        for relation in planned.relations:
            where = planned.where(relation.line)
            missing = [k for k in (relation.head, relation.tail) if k is not None and k not in span_ids]
            if missing:
                unknown = [k for k in missing if k not in {s.key for s in planned.spans}]
                if unknown:
                    self.problem(f"{where}: {relation.type} refers to {', '.join(unknown)}, which is not in the file")
                elif self.skip_invalid:  # else: the refused span is reported already
                    self.problem(f"{where}: {relation.type} link left out: it needs {', '.join(missing)}, "
                                 "which was not imported")
                continue
            draft = RelationDraft(
                document_id, annotator_id, relation.type, span_ids[relation.head],
                tail_span=span_ids.get(relation.tail) if relation.tail is not None else None,
                tail_actor=self._actor(planned, relation.tail_actor) if relation.tail_actor else None,
                attrs=relation.attrs, origin=relation.origin)  # type: ignore[arg-type]
            try:
                self.project.add_relation(draft)
                self.report.relations += 1
            except AnnotatorError as exc:
                self.problem(f"{where}: {relation.type}: {_one_line(exc)}")

    def _span(self, planned: PlannedDocument, span: PlannedSpan, document_id: DocumentId,
              annotator_id: AnnotatorId, positions: list[int] | None) -> SpanId | None:
        where = planned.where(span.line)
        fragments = map_fragments(span.fragments, positions) if positions is not None else list(span.fragments)
        if not fragments:
            self.problem(f"{where}: {span.label} {span.key} covers only characters that canonicalisation removes")
            return None
        draft = SpanDraft(document_id, annotator_id, span.label, tuple(fragments), attrs=span.attrs,
                          origin=span.origin, score=span.score,  # type: ignore[arg-type]
                          actor_id=self._actor(planned, span.actor) if span.actor else None)
        try:
            stored, _ = self.project.add_span(draft)
        except AnnotatorError as exc:
            self.problem(f"{where}: {span.label} {span.key}: {_one_line(exc)}")
            return None
        self.report.spans += 1
        return stored.id

    def _actor(self, planned: PlannedDocument, key: str) -> ActorId:
        if key in self.actor_ids:
            return self.actor_ids[key]
        draft = planned.actors.get(key)
        if draft is None:
            raise InputError(f"{planned.where()}: refers to actor {key}, which the file does not describe")
        self.actor_ids[key] = self._find_or_add_actor(draft, key)
        return self.actor_ids[key]

    def _find_or_add_actor(self, draft: ActorDraft, key: str) -> ActorId:
        for actor in self.project.actors(search=draft.name):
            if (actor.name, actor.type, actor.kb_id) == (draft.name, draft.type, draft.kb_id):
                return actor.id
        wanted = ActorId(int(key)) if key.isdigit() else None
        if wanted is not None:
            try:
                self.project.actor(wanted)
                wanted = None
            except NotFoundError:
                pass
        actor, _ = self.project.add_actor(draft, actor_id=wanted)
        self.report.actors += 1
        return actor.id


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _one_line(exc: Exception) -> str:
    return str(exc).replace("\n", "; ")


def write_plan(
    project: Project, documents: Sequence[PlannedDocument], *, annotator: str | None = None,
    label_map: Mapping[str, str] | None = None, skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
) -> AnnotationImportReport:
    """Write documents and their annotations, all in one transaction.

    :param annotator: whose annotations they become (created if new); default: the name each
      document carries (our jsonl export has one)
    :param label_map: renames labels and relation types first (``{"Person": "ACTOR_MENTION"}``)
    :param skip_invalid: leave out and report annotations that break the tagset's rules,
      instead of refusing the whole import
    :param progress: called with (documents done, documents in all)
    :param cancelled: polled between documents; true rolls everything back
    :raises InputError: unknown labels or types (with counts), no annotator name, or (without
      ``skip_invalid``) annotations that break the rules; nothing is written then
    """
    resolve(documents, project.tagset, label_map)
    refuse_unknown_names(project, documents)
    names = [annotator or d.annotator for d in documents]
    if any(name is None or not name.strip() for name in names):
        raise InputError("these files do not say who annotated them; name the annotator with --annotator NAME")
    report = AnnotationImportReport()
    writer = _Writer(project, report, skip_invalid=skip_invalid)
    try:
        with project.db.atomic():
            ids = {name: project.ensure_annotator(name, role="lead" if name == GOLD_LAYER else "annotator").id
                   for name in dict.fromkeys(names)}
            for done, (planned, name) in enumerate(zip(documents, names, strict=True), 1):
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    raise _Cancelled
                writer.document(planned, ids[name])  # type: ignore[index]
                if progress is not None:
                    progress(done, len(documents))
            if writer.problems:
                raise _refusal(writer.problems)
    except _Cancelled:
        return AnnotationImportReport(cancelled=True)
    return report


class _Cancelled(Exception):
    pass


def _refusal(problems: list[str]) -> InputError:
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    more = f"; and {len(problems) - SHOWN_PROBLEMS} more" if len(problems) > SHOWN_PROBLEMS else ""
    return InputError(f"nothing was imported: {len(problems)} annotation(s) break the tagset's rules: "
                      f"{shown}{more}; fix them or pass --skip-invalid to leave them out")
