"""The hover text for spans: label and attributes, innermost span first."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from annotator.model import Span
from annotator.tagset import Tagset
from ui.i18n import digits, display, language, layout_direction, tr
from ui.suggestion_ops import is_suggestion

MAX_TEXT = 80


def attribute_text(tagset: Tagset, span: Span) -> list[tuple[str, str]]:
    """``(attribute name, value)`` pairs for display, in the tagset's order, set values only."""
    label = tagset.find_label(span.label)
    if label is None:
        return [(k, str(v)) for k, v in span.attrs.items()]
    pairs = []
    for spec in label.attributes:
        value = span.attrs.get(spec.name)
        if value is None:
            continue
        if spec.type == "enum":
            shown = next((display(v.display) for v in spec.values if v.name == value), str(value))
        elif spec.type == "bool":
            shown = tr("attrs.yes") if value else tr("attrs.no")
        else:
            shown = str(value)
        pairs.append((display(spec.display), shown))
    return pairs


def score_text(score: float | None) -> str:
    """A suggestion's score as people read it: ``0.85`` (``۰٫۸۵`` in Persian); "—" when unknown."""
    if score is None:
        return "—"
    text = digits(f"{score:.2f}")
    return text.replace(".", "٫") if language() == "fa" else text


def span_tooltip(tagset: Tagset, spans: Sequence[Span], text: str) -> str:
    """Rich text naming each span's label, its text and its attributes."""
    align = "right" if layout_direction().name == "RightToLeft" else "left"
    parts = []
    for span in spans:
        label = tagset.find_label(span.label)
        name = display(label.display) if label else span.label
        if is_suggestion(span):  # a machine suggestion: say so, with its score
            name = tr("tooltip.suggestion", label=name, score=score_text(span.score))
        color = label.color if label else "#DDDDDD"
        snippet = span.text_in(text)
        if len(snippet) > MAX_TEXT:
            snippet = snippet[: MAX_TEXT - 1] + "…"
        rows = "".join(f"<br/>{escape(k)}: <b>{escape(v)}</b>" for k, v in attribute_text(tagset, span))
        more = f" ({escape(tr('tooltip.fragments', count=digits(len(span.fragments))))})" if len(span.fragments) > 1 else ""
        parts.append(
            f"<div dir='rtl' align='{align}'><span style='background:{color}'>&nbsp;{escape(name)}&nbsp;</span>"
            f"{more} «{escape(snippet)}»{rows}</div>"
        )
    return "<hr/>".join(parts)
