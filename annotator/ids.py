"""Typed ids for the rows the core hands out, and reading lists of them.

They are plain ints at run time; the types keep a span id from being passed where
a document id is expected.
"""

from typing import NewType

from annotator.errors import InputError

DocumentId = NewType("DocumentId", int)
SpanId = NewType("SpanId", int)
RelationId = NewType("RelationId", int)
ActorId = NewType("ActorId", int)
AnnotatorId = NewType("AnnotatorId", int)


def parse_id_list(text: str) -> list[int]:
    """Read ``1,2,5-9`` as sorted, distinct ids.

    :param text: comma-separated ids and inclusive ranges
    :raises InputError: anything else, naming the bad part
    """
    ids: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        first, dash, last = part.partition("-")
        try:
            low = int(first)
            high = int(last) if dash else low
        except ValueError:
            raise InputError(f"{part!r} in {text!r}: write ids like 1,2,5-9") from None
        if low < 1 or high < low:
            raise InputError(f"{part!r} in {text!r}: ids start at 1 and ranges go upwards, e.g. 5-9")
        ids.update(range(low, high + 1))
    return sorted(ids)
