"""What a mutation changed: the small value every :class:`Project` mutator returns.

Screens redraw only what the flags say (Anki's ``OpChanges``). ``document_ids`` lists
the documents whose annotations changed, so a view of another document can ignore it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

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
        """Both changes together: a flag set in either, the documents of both."""
        flags = {name: getattr(self, name) or getattr(other, name) for name in _FLAGS}
        return Changes(**flags, document_ids=self.document_ids | other.document_ids)

    @property
    def empty(self) -> bool:
        """No flag is set."""
        return not any(getattr(self, name) for name in _FLAGS)


#: The boolean fields of :class:`Changes`, every field but ``document_ids``.
_FLAGS = tuple(f.name for f in fields(Changes) if f.name != "document_ids")

NOTHING = Changes()
