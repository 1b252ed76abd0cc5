"""Match what a file calls things to the project's tagset, and read notes back into data.

A name in a file matches a tagset item when it is the item's name, the brat name the item records
(``brat entity: Person``), or the name in tagset form (``Transfer-money`` -> ``TRANSFER_MONEY``,
``Mention`` -> ``mention``); ``--label-map`` renames labels and relation types first. Enum values
match the same way. Notes written by our brat export come back as what they were: ``actor:12 …``
links the span to actor 12 (from ``actors.jsonl``), ``ATTRIBUTED_TO actor:12 …`` adds that link,
``value=P20D`` sets a text attribute; any other note goes into the ``note`` attribute when the
label has one, and is reported as dropped when it has not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotator.interchange.brat_names import described, lower_name, upper_name
from annotator.interchange.plan import PlannedDocument, PlannedRelation
from annotator.tagset import AttributeSpec, Tagset

NOTE, NORM = "note", "norm"
_ACTOR = re.compile(r"^actor:(\d+)\b")
_ACTOR_LINK = re.compile(r"^(\S+) actor:(\d+)\b")
_ASSIGNMENT = re.compile(r"^([a-z][a-z0-9_]*)=(.*)$", re.DOTALL)


def match_name(items: Iterable[Any], name: str, *, lower: bool = False) -> str:
    """The name of the item ``name`` stands for, or ``name`` itself when none matches."""
    items = list(items)
    names = {item.name for item in items}
    if name in names:
        return name
    for item in items:
        found = described(item)
        if found is not None and found[1] == name:
            return item.name
    converted = lower_name(name) if lower else upper_name(name)
    return converted if converted in names else name


def _attrs(specs: Sequence[AttributeSpec], attrs: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in attrs.items():
        name = match_name(specs, key, lower=True)
        spec = next((s for s in specs if s.name == name), None)
        if spec is not None and spec.type == "enum" and isinstance(value, str):
            value = match_name(spec.values, value)
        out[name] = value
    return out


def _note(document: PlannedDocument, owner: Any, key: str | None, note: str,
          specs: Sequence[AttributeSpec], tagset: Tagset) -> None:
    by_name = {s.name: s for s in specs}
    link = _ACTOR_LINK.match(note)
    if key is not None and _ACTOR.match(note) and _ACTOR.match(note).group(1) in document.actors:  # type: ignore[union-attr]
        owner.actor = _ACTOR.match(note).group(1)  # type: ignore[union-attr]
    elif key is not None and link and link.group(2) in document.actors:
        rel_type = match_name(tagset.relation_types, link.group(1))
        document.relations.append(PlannedRelation(rel_type, key, tail_actor=link.group(2)))
    elif (m := _ASSIGNMENT.match(note)) and m.group(1) in by_name and by_name[m.group(1)].type in ("text", "date", "duration"):
        owner.attrs[m.group(1)] = m.group(2)
    elif NOTE in by_name:
        owner.attrs[NOTE] = f"{owner.attrs[NOTE]}\n{note}" if owner.attrs.get(NOTE) else note
    else:
        document.dropped.append(f"note {note!r} dropped: {getattr(owner, 'label', getattr(owner, 'type', ''))} "
                                "has no note attribute")


def resolve(documents: Iterable[PlannedDocument], tagset: Tagset,
            label_map: Mapping[str, str] | None = None) -> None:
    """Rename labels, types, attributes and values to the tagset's, and apply notes; in place."""
    label_map = label_map or {}
    for document in documents:
        for span in document.spans:
            span.label = match_name(tagset.span_labels, label_map.get(span.label, span.label))
        for relation in document.relations:
            relation.type = match_name(tagset.relation_types, label_map.get(relation.type, relation.type))
        for span in document.spans:
            specs = tagset.attributes_of(span.label) or ()
            span.attrs = _attrs(specs, span.attrs)
            _drop_norm(document, span, specs)
            for note in span.notes:
                _note(document, span, span.key, note, specs, tagset)
            span.notes = []
        for relation in list(document.relations):
            specs = tagset.attributes_of(relation.type) or ()
            relation.attrs = _attrs(specs, relation.attrs)
            for note in relation.notes:
                _note(document, relation, None, note, specs, tagset)
            relation.notes = []


def _drop_norm(document: PlannedDocument, span: Any, specs: Sequence[AttributeSpec]) -> None:
    if NORM in span.attrs and not any(s.name == NORM for s in specs):
        document.dropped.append(f"normalisation {span.attrs.pop(NORM)!r} of {span.key} dropped: "
                                f"{span.label} has no norm attribute")


def unknown_attributes(documents: Iterable[PlannedDocument], tagset: Tagset) -> Counter[str]:
    """``LABEL.attribute`` names that the tagset does not define, with their counts."""
    counts: Counter[str] = Counter()
    for document in documents:
        for owner, attrs in [(s.label, s.attrs) for s in document.spans] + [(r.type, r.attrs) for r in document.relations]:
            specs = tagset.attributes_of(owner)
            if specs is None:
                continue
            names = {s.name for s in specs}
            counts.update(f"{owner}.{key}" for key in attrs if key not in names)
    return counts
