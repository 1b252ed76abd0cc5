"""Reviewing pre-annotation suggestions: which suggestion comes next, what hangs on it. Qt-free.

A suggestion is a span with origin "suggested" (see :mod:`annotator.preannotate`). Some hang on
another: a suggested quote links to its suggested cue and speaker mention, and accepting or
rejecting the quote takes them along (:func:`annotator.preannotate.accept_group`). So the review
walks only the *heads*, suggestions no other suggestion takes along, in text order; a cue or a
mention is visited on its own once its quote is gone, or when the annotator clicks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from annotator.ids import SpanId
from annotator.model import Relation, Span
from annotator.preannotate.model import REFERENCE_LINKS
from ui.operations import in_text_order

SUGGESTED = "suggested"


def is_suggestion(span: Span | None) -> bool:
    return span is not None and span.origin == SUGGESTED


def suggestion_count(spans: Iterable[Span]) -> int:
    """How many suggestions are still waiting for a decision."""
    return sum(1 for s in spans if s.origin == SUGGESTED)


def group_of(span_id: SpanId, spans: Mapping[SpanId, Span], relations: Iterable[Relation]) -> list[SpanId]:
    """The suggested spans accepting ``span_id`` takes along: the suggested tails of its suggested
    links (a quote's cue and speaker mention), in text order; the span itself is not included."""
    if not is_suggestion(spans.get(span_id)):
        return []
    tails = {r.tail_span for r in relations
             if r.head == span_id and r.origin == SUGGESTED and r.tail_span is not None
             and r.type not in REFERENCE_LINKS}
    return [s.id for s in in_text_order(spans[t] for t in tails if is_suggestion(spans.get(t)))]


def taken_along(spans: Mapping[SpanId, Span], relations: Iterable[Relation]) -> set[SpanId]:
    """Suggestions that hang on another suggestion (the tails :func:`group_of` lists)."""
    return {r.tail_span for r in relations
            if r.origin == SUGGESTED and r.tail_span is not None and r.head != r.tail_span
            and r.type not in REFERENCE_LINKS
            and is_suggestion(spans.get(r.head)) and is_suggestion(spans.get(r.tail_span))}


def review_order(spans: Mapping[SpanId, Span], relations: Iterable[Relation]) -> list[Span]:
    """The suggestions the review visits (heads only), in text order."""
    along = taken_along(spans, relations)
    return in_text_order(s for s in spans.values() if is_suggestion(s) and s.id not in along)


def _key(span: Span) -> tuple[int, int, int]:
    return span.start, -span.end, span.id


def neighbour(order: Sequence[Span], after: Span | tuple[int, int, int] | None, step: int) -> Span | None:
    """The suggestion after (``step`` = 1) or before (-1) ``after`` in text order, wrapping round.

    :param order: :func:`review_order`
    :param after: a span (need not be in ``order``: a manual span, or one just accepted), its
        position key ``(start, -end, id)``, or None to start from the beginning (or the end)
    """
    if not order:
        return None
    if after is None:
        return order[0] if step > 0 else order[-1]
    key = _key(after) if isinstance(after, Span) else after
    if step > 0:
        return next((s for s in order if _key(s) > key), order[0])
    return next((s for s in reversed(order) if _key(s) < key), order[-1])


def position_key(span: Span) -> tuple[int, int, int]:
    """Where a span sits in text order (kept before it is rejected, to find the next one)."""
    return _key(span)
