"""What a mutation changed: the small value every :class:`Project` mutator returns.

Screens redraw only what the flags say (Anki's ``OpChanges``). ``document_ids`` lists
the documents whose annotations changed, so a view of another document can ignore it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.ids import DocumentId


@dataclass(frozen=True, slots=True)
class Changes:
    documents: bool = False
    spans: bool = False
    relations: bool = False
    actors: bool = False
    status: bool = False
    annotators: bool = False
    tagset: bool = False
    document_ids: frozenset[DocumentId] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            documents=self.documents or other.documents,
            spans=self.spans or other.spans,
            relations=self.relations or other.relations,
            actors=self.actors or other.actors,
            status=self.status or other.status,
            annotators=self.annotators or other.annotators,
            tagset=self.tagset or other.tagset,
            document_ids=self.document_ids | other.document_ids,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.documents or self.spans or self.relations or self.actors
            or self.status or self.annotators or self.tagset
        )


NOTHING = Changes()
