"""Which annotations an export takes: one annotator's layer, the gold layer, or every layer.

A *layer document* is one document with the spans and relations of one layer. ``--layer NAME``
and ``--layer gold`` give each document at most once; ``--layer all`` gives a document once per
annotator who has spans in it (suggestions included) or marked it done.

The gold layer is the annotator named ``gold`` when there is one (adjudication stores its
decisions there); otherwise the spans whose origin is ``adjudicated``, whoever stored them.
Suggested spans (origin ``suggested``: not yet accepted) are left out of single layers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from annotator.adjudication.gold import find_gold
from annotator.errors import NotFoundError
from annotator.ids import AnnotatorId, DocumentId
from annotator.model import GOLD_LAYER, Annotator
from annotator.project import Project
from annotator.store.export_rows import (
    DocumentRows,
    RelationRow,
    SpanRow,
    adjudicated_exists,
    read_chunk,
    read_chunk_outline,
)

GOLD = GOLD_LAYER
ALL = "all"
CHUNK = 200  # documents read per query


@dataclass(frozen=True, slots=True)
class LayerDocument:
    """One document as one layer sees it: its fields, and that layer's spans and relations."""

    document: DocumentRows
    annotator: str
    status: str
    spans: Sequence[SpanRow]
    relations: Sequence[RelationRow]


def _relations_within(relations: Sequence[RelationRow], span_ids: set[int]) -> list[RelationRow]:
    return [r for r in relations
            if r.head in span_ids and (r.tail_span is None or r.tail_span in span_ids)]


def _layer(document: DocumentRows, name: str, status: str, spans: list[SpanRow],
           relations: Sequence[RelationRow]) -> LayerDocument:
    return LayerDocument(document, name, status, spans, _relations_within(relations, {s.id for s in spans}))


def gold_source(project: Project) -> Annotator | None:
    """The annotator named ``gold``, or None when gold is the adjudicated spans.

    :raises NotFoundError: when there is neither such an annotator nor any adjudicated span
    """
    gold = find_gold(project)  # the same annotator adjudication writes into
    if gold is not None:
        return gold
    if adjudicated_exists(project.db):
        return None
    raise NotFoundError("no gold layer yet: adjudicate into an annotator named 'gold' (role lead) "
                        "or export one annotator's layer with --layer NAME (or --layer all)")


class LayerReader:
    """Reads the layer documents of one ``layer``/``status`` choice, a chunk of documents at a time.

    :param project: the open project
    :param layer: an annotator name, ``gold`` or ``all``
    :param status: ``done`` (only documents the layer's annotator marked done) or ``any``
    """

    def __init__(self, project: Project, *, layer: str, status: str):
        self.project, self.layer, self.only_done = project, layer, status == "done"
        self.annotators = {a.id: a for a in project.annotators()}
        self.single: Annotator | None = None
        self.adjudicated = False
        if layer == GOLD:
            self.single = gold_source(project)
            self.adjudicated = self.single is None
        elif layer != ALL:
            self.single = project.annotator_by_name(layer)

    def document_ids(self) -> list[DocumentId]:
        return self.project.document_ids()

    def read(self, document_ids: Sequence[DocumentId], cancelled: Callable[[], bool] | None = None, *,
             outline: bool = False) -> Iterator[tuple[DocumentId, list[LayerDocument]]]:
        """Yield ``(document id, its layer documents)`` in id order (the list may be empty).

        :param outline: read only enough to tell which layer documents there are: the right
          list, of documents with their uid and placeholder spans (see ``read_chunk_outline``)
        """
        read_rows = read_chunk_outline if outline else read_chunk
        for start in range(0, len(document_ids), CHUNK):
            chunk = list(document_ids[start:start + CHUNK])
            statuses = {a: self.project.statuses(chunk, a) for a in self.annotators}
            rows = read_rows(self.project.db, chunk)
            for document_id in chunk:
                if cancelled is not None and cancelled():
                    return
                yield document_id, self._layers(rows[document_id], statuses)

    def _layers(self, rows: DocumentRows, statuses: dict[AnnotatorId, dict[DocumentId, str]]) -> list[LayerDocument]:
        if self.adjudicated:
            return self._adjudicated(rows, statuses)
        if self.single is not None:
            return self._one(rows, self.single, statuses, include_suggested=False)
        out = []
        for annotator in sorted(self.annotators.values(), key=lambda a: a.name):
            out += self._one(rows, annotator, statuses, include_suggested=True)
        return out

    def _wanted(self, status: str, has_spans: bool) -> bool:
        return status == "done" if self.only_done else has_spans or status == "done"

    def _one(self, rows: DocumentRows, annotator: Annotator, statuses: dict[AnnotatorId, dict[DocumentId, str]],
             *, include_suggested: bool) -> list[LayerDocument]:
        spans = [s for s in rows.spans if s.annotator_id == annotator.id
                 and (include_suggested or s.origin != "suggested")]
        status = statuses[annotator.id].get(rows.id, "todo")
        if not self._wanted(status, bool(spans)):
            return []
        relations = [r for r in rows.relations if r.annotator_id == annotator.id]
        return [_layer(rows, annotator.name, status, spans, relations)]

    def _adjudicated(self, rows: DocumentRows,
                     statuses: dict[AnnotatorId, dict[DocumentId, str]]) -> list[LayerDocument]:
        spans = [s for s in rows.spans if s.origin == "adjudicated"]
        owners = {s.annotator_id for s in spans}
        status = "done" if any(statuses[a].get(rows.id) == "done" for a in owners) else "in_progress"
        if not spans or not self._wanted(status, True):
            return []
        return [_layer(rows, GOLD, status, spans, rows.relations)]
