"""Typed ids for the rows the core hands out.

They are plain ints at run time; the types keep a span id from being passed where
a document id is expected.
"""

from typing import NewType

DocumentId = NewType("DocumentId", int)
SpanId = NewType("SpanId", int)
RelationId = NewType("RelationId", int)
ActorId = NewType("ActorId", int)
AnnotatorId = NewType("AnnotatorId", int)
