"""A tagset as brat configuration: ``annotation.conf`` and ``visual.conf``.

Span labels become entities (or events, for labels made from brat events); relation types whose
tail is a span label become relations with their argument types (role types become event
arguments, equivalences keep ``<REL-TYPE>:symmetric-transitive``); enum and bool attributes become
attributes on the labels that have them. Links to actors have no brat form: they go into
``AnnotatorNotes`` (see :mod:`annotator.exporters.brat`).
"""

from __future__ import annotations

from collections import defaultdict

from annotator.interchange.brat_names import brat_kind, brat_name
from annotator.tagset import SpanLabel, Tagset


def _types(names: tuple[str, ...], tagset: Tagset) -> str:
    return "|".join(brat_name(tagset.label(n)) for n in names)


def _entities_and_events(tagset: Tagset) -> tuple[list[SpanLabel], list[SpanLabel]]:
    labels = list(tagset.span_labels)
    events = [x for x in labels if brat_kind(x, "entity") == "event"]
    return [x for x in labels if x not in events], events


def annotation_conf(tagset: Tagset) -> str:
    """The ``annotation.conf`` text of a tagset."""
    entities, events = _entities_and_events(tagset)
    lines = [f"# annotation.conf of tagset {tagset.name} {tagset.version}, written by annotator", "",
             "[entities]", ""]
    lines += [brat_name(x) for x in entities]
    lines += ["", "[relations]", ""]
    roles: dict[str, list[str]] = defaultdict(list)
    for rt in tagset.relation_types:
        kind = brat_kind(rt, "relation")
        if not rt.tail_labels:
            continue  # actor-only links: AnnotatorNotes
        if kind == "role":
            for head in rt.head:
                roles[head].append(f"{brat_name(rt)}*:{_types(rt.tail_labels, tagset)}")
            continue
        line = f"{brat_name(rt)}\tArg1:{_types(rt.head, tagset)}, Arg2:{_types(rt.tail_labels, tagset)}"
        if kind == "equivalence":
            line += ", <REL-TYPE>:symmetric-transitive"
        lines.append(line)
    lines += ["", "[events]", ""]
    lines += [f"{brat_name(x)}\t{', '.join(roles.get(x.name, []))}".rstrip() for x in events]
    lines += ["", "[attributes]", ""] + _attribute_lines(tagset)
    return "\n".join(lines) + "\n"


def _attribute_lines(tagset: Tagset) -> list[str]:
    owners: dict[str, list[str]] = defaultdict(list)
    values: dict[str, list[str]] = {}
    for owner in (*tagset.span_labels, *tagset.relation_types):
        for spec in owner.attributes:
            if spec.type not in ("enum", "bool"):
                continue
            name = brat_name(spec)
            owners[name].append(brat_name(owner))
            known = values.setdefault(name, [])
            known += [brat_name(v) for v in spec.values if brat_name(v) not in known]
    return [f"{name}\tArg:{'|'.join(args)}" + (f", Value:{'|'.join(values[name])}" if values[name] else "")
            for name, args in owners.items()]


def visual_conf(tagset: Tagset) -> str:
    """The ``visual.conf`` text of a tagset: display names and the tagset's colours."""
    lines = ["# visual.conf written by annotator", "", "[labels]", ""]
    for item in (*tagset.span_labels, *tagset.relation_types):
        forms = [brat_name(item), item.display.en, item.display.fa]
        lines.append(" | ".join(dict.fromkeys(f.replace("|", "/") for f in forms)))
    lines += ["", "[drawing]", "", "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
              "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5", ""]
    lines += [f"{brat_name(x)}\tbgColor:{x.color}" for x in tagset.span_labels]
    return "\n".join(lines) + "\n"
