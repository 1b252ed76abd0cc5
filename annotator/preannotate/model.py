"""What the detector suggests for one document, before anything is written.

Plain values with document-local keys: spans point at each other and at document entities by
key, so the same :class:`Suggestions` can be compared with gold (``evaluate``) or written
through the service (``apply``), where the entities become actors of the registry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.model import Fragment

ACTOR_PREFIX = "actor:"


#: Links that point at a span without making it part of the head: a commitment is EXPRESSED_IN a
#: quote, a quote NESTED_IN another. Accepting the head does not take such a tail along, and the
#: tail stays a suggestion of its own to review.
REFERENCE_LINKS = frozenset({"EXPRESSED_IN", "NESTED_IN"})


@dataclass(frozen=True, slots=True)
class SuggestedSpan:
    """A span to suggest; ``entity`` is the document entity an ACTOR_MENTION refers to."""

    key: int
    label: str
    fragments: tuple[Fragment, ...]
    attrs: Mapping[str, Any]
    score: float
    entity: int | None = None

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True, slots=True)
class SuggestedLink:
    """A relation between suggested spans, or from a span to a document entity (``entity``)."""

    type: str
    head: int
    tail: int | None = None
    entity: int | None = None
    score: float = 0.5


@dataclass(frozen=True, slots=True)
class SuggestedActor:
    """A document entity: who a mention refers to, before it is matched to the actor registry."""

    key: int
    name: str
    type: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    identifiability: str = "NAMED"


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Everything suggested for one document."""

    spans: tuple[SuggestedSpan, ...] = ()
    links: tuple[SuggestedLink, ...] = ()
    actors: tuple[SuggestedActor, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        """Suggested spans per label."""
        return dict(Counter(s.label for s in self.spans))

    def span(self, key: int) -> SuggestedSpan:
        return next(s for s in self.spans if s.key == key)

    def to_record(self, text: str, **extra: Any) -> dict[str, Any]:
        """The suggestions in the shape of a jsonl export record (span ids are the keys)."""
        spans = [{"id": s.key, "label": s.label, "start": s.start, "end": s.end,
                  "fragments": [list(f) for f in s.fragments],
                  "text": " … ".join(text[a:b] for a, b in s.fragments),
                  "attrs": dict(s.attrs), "origin": "suggested", "score": s.score, "actor": s.entity}
                 for s in sorted(self.spans, key=lambda s: (s.start, s.end))]
        relations = [{"type": link.type, "head": link.head,
                      "tail": link.tail if link.tail is not None else f"{ACTOR_PREFIX}{link.entity}"}
                     for link in self.links]
        actors = [{"id": a.key, "name": a.name, "type": a.type, "subtype": a.subtype,
                   "aliases": list(a.aliases), "attrs": {"identifiability": a.identifiability}}
                  for a in self.actors]
        return {**extra, "text": text, "spans": spans, "relations": relations, "actors": actors}
