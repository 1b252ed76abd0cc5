"""What the window can do to spans, as pure functions that build core edits. Qt-free.

Each function takes what it needs (the text, its tokens, the spans, the tagset) and returns
offsets or an :mod:`annotator.edits` edit; the session pushes the result. Keeping them free
of Qt makes every rule here testable without a window.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotator.model import Fragment, Span
from annotator.tagset import AttributeSpec, Tagset
from annotator.text import snap_to_tokens, trim_span

FORWARD, BACKWARD = 1, -1


def fragment_from_selection(text: str, tokens: Sequence[Fragment], start: int, end: int, *,
                            snap: bool) -> Fragment | None:
    """The stretch a selection ``[start, end)`` (code points) stands for, or None if blank.

    With ``snap`` the edges widen to whole tokens; either way whitespace, ZWNJ and other
    invisible characters never stay at an edge.
    """
    start, end = min(start, end), max(start, end)
    start, end = trim_span(text, start, end)
    if start >= end:
        return None
    if snap:
        start, end = trim_span(text, *snap_to_tokens(tokens, start, end))
    return (start, end) if start < end else None


def merge_fragment(fragments: Iterable[Fragment], new: Fragment) -> tuple[Fragment, ...]:
    """``fragments`` plus ``new``, sorted; parts that overlap or touch become one."""
    merged: list[list[int]] = []
    for s, e in sorted([*fragments, new]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def covering(spans: Iterable[Span], position: int) -> list[Span]:
    """Spans with a fragment that contains ``position``, innermost (shortest part) first."""
    found = []
    for span in spans:
        for s, e in span.fragments:
            if s <= position < e:
                found.append((e - s, -s, -span.id, span))
                break
    return [item[-1] for item in sorted(found, key=lambda t: t[:3])]


def in_text_order(spans: Iterable[Span]) -> list[Span]:
    """Spans ordered as Tab visits them: by start, outer before inner."""
    return sorted(spans, key=lambda s: (s.start, -s.end, s.id))


def cycle(spans: Sequence[Span], current: int | None, step: int) -> Span | None:
    """The span after (``step`` = 1) or before (-1) span id ``current`` in text order, wrapping."""
    ordered = in_text_order(spans)
    if not ordered:
        return None
    ids = [s.id for s in ordered]
    if current not in ids:
        return ordered[0] if step > 0 else ordered[-1]
    return ordered[(ids.index(current) + step) % len(ordered)]


def missing_required(tagset: Tagset, label: str, attrs: Mapping[str, Any]) -> list[AttributeSpec]:
    """Required attributes of ``label`` with no default that ``attrs`` leaves empty."""
    spec = tagset.find_label(label)
    if spec is None:
        return []
    return [a for a in spec.attributes if a.required and a.default is None and attrs.get(a.name) is None]


def attrs_for_label(tagset: Tagset, label: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of a span that survive a change of label: same name, still a valid value."""
    spec = tagset.find_label(label)
    if spec is None:
        return {}
    kept = {}
    for name, value in attrs.items():
        attribute = spec.attribute(name)
        if attribute is not None and value is not None and attribute.check_value(value) is None:
            kept[name] = value
    return kept


def moved_fragments(span: Span, text: str, tokens: Sequence[Fragment], *, edge: str, step: int,
                    snap: bool) -> tuple[Fragment, ...] | None:
    """The fragments of ``span`` with its start or end edge moved by one token (or character).

    :param edge: ``"start"`` moves the first fragment's start, ``"end"`` the last one's end
    :param step: ``FORWARD`` (later in the text) or ``BACKWARD``
    :returns: the new fragments, or None when the edge cannot move that way
    """
    fragments = list(span.fragments)
    index = 0 if edge == "start" else max(range(len(fragments)), key=lambda i: fragments[i][1])
    s, e = fragments[index]
    lower = fragments[index - 1][1] if edge == "start" and index > 0 else 0
    upper = fragments[index + 1][0] if edge == "end" and index + 1 < len(fragments) else len(text)
    if edge == "start":
        new = _next_edge(text, tokens, s, step, snap, starts=True)
        if new is None or new >= e or new < lower:
            return None
        fragments[index] = (new, e)
    else:
        new = _next_edge(text, tokens, e, step, snap, starts=False)
        if new is None or new <= s or new > upper:
            return None
        fragments[index] = (s, new)
    return tuple(fragments)


def _next_edge(text: str, tokens: Sequence[Fragment], position: int, step: int, snap: bool, *,
               starts: bool) -> int | None:
    if snap and tokens:
        edges = [t[0] for t in tokens] if starts else [t[1] for t in tokens]
        i = bisect_right(edges, position) if step > 0 else bisect_left(edges, position) - 1
        return edges[i] if 0 <= i < len(edges) else None
    position += step
    blank = (lambda i: i < len(text) and _blank(text[i])) if starts else (lambda i: i > 0 and _blank(text[i - 1]))
    while 0 < position < len(text) and blank(position):
        position += step
    return position if 0 <= position <= len(text) else None


def _blank(ch: str) -> bool:
    """Whitespace or an invisible joiner: what :func:`trim_span` never leaves at an edge."""
    start, end = trim_span(ch, 0, 1)
    return start == end
