"""Tagset evolution, as pure functions: what changed between two tagsets, and renames.

Every item of a tagset has an address, and a rename mapping uses the same addresses as keys
(always the OLD names) with the NEW name alone as the value::

    "QUOTE": "CITATION"                    a span label or relation type
    "QUOTE.quote_type": "kind"             an attribute of a label or relation type
    "QUOTE.quote_type=MIXED": "INDIRECT"   an enum value (naming an existing value merges the two)
    "ACTOR.identifiability": "named_as"    an actor attribute: ACTOR is the owner
    "ACTOR.type=GROUP": "ORG"              an actor type
    "ACTOR.subtype=ORG/NGO": "OTHER"       a subtype, written TYPE/SUBTYPE with the old type

:func:`diff_tagsets` lists what was added, removed (and not covered by a rename), renamed, and
"tightened" (a constraint existing data may now break). The caller refuses a change whose removed
or tightened items are still in use, and carries data across with :func:`apply_renames`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from annotator.errors import TagsetError
from annotator.model import Actor, ActorDraft, Relation, RelationDraft, Span, SpanDraft
from annotator.tagset import ACTOR, AttributeSpec, RelationType, SpanLabel, Tagset

Kind = Literal["added", "removed", "renamed", "tightened"]
What = Literal["label", "relation_type", "attribute", "value", "actor_type", "subtype"]

_KEY = re.compile(r"(?P<owner>[A-Z][A-Z0-9_]*)"
                  r"(?:\.(?P<attr>[a-z][a-z0-9_]*)(?:=(?P<value>[A-Z][A-Z0-9_/]*))?)?")
_UPPER = re.compile(r"[A-Z][A-Z0-9_]*")
_LOWER = re.compile(r"[a-z][a-z0-9_]*")
_WORDS = {"label": "span label", "relation_type": "relation type", "attribute": "attribute",
          "value": "value", "actor_type": "actor type", "subtype": "actor subtype"}


@dataclass(frozen=True)
class Renames:
    """A parsed rename mapping; each lookup returns the old name when it is not renamed."""

    names: Mapping[str, str] = field(default_factory=dict)
    attributes: Mapping[tuple[str, str], str] = field(default_factory=dict)
    values: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    actor_types: Mapping[str, str] = field(default_factory=dict)
    subtypes: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def name(self, old: str) -> str:
        """The new name of a label or relation type (itself when not renamed)."""
        return self.names.get(old, old)

    def attribute(self, owner: str, attr: str) -> str:
        """The new name of ``owner``'s attribute ``attr``."""
        return self.attributes.get((owner, attr), attr)

    def value(self, owner: str, attr: str, value: Any) -> Any:
        """The new name of an enum value (other values unchanged)."""
        return self.values.get((owner, attr, value), value) if isinstance(value, str) else value

    def actor_type(self, old: str) -> str:
        """The new name of an actor type."""
        return self.actor_types.get(old, old)

    def subtype(self, old_type: str, old: str | None) -> str | None:
        """The new name of a subtype of actor type ``old_type``."""
        return None if old is None else self.subtypes.get((old_type, old), old)

    def attrs(self, owner: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
        """``attrs`` of an item of ``owner`` (old label, relation type or ACTOR), renamed."""
        return {self.attribute(owner, k): self.value(owner, k, v) for k, v in attrs.items()}


@dataclass(frozen=True, slots=True)
class Change:
    """One difference. ``key`` is an address in the old tagset (in the new one for "added")."""

    kind: Kind
    what: What
    key: str
    new_key: str | None = None
    note: str = ""

    def describe(self) -> str:
        """One line for people, e.g. ``renamed span label QUOTE to CITATION``."""
        word = _WORDS[self.what]
        if self.kind == "renamed":
            return f"renamed {word} {self.key} to {self.new_key}"
        if self.kind == "tightened":
            return f"{word} {self.key}: {self.note}"
        return f"{self.kind} {word} {self.key}"


@dataclass(frozen=True)
class TagsetDiff:
    """The differences between two tagsets, with the renames that were applied."""

    changes: tuple[Change, ...] = ()
    renames: Renames = field(default_factory=Renames)

    def added(self, what: What) -> tuple[str, ...]:
        """Keys of ``what`` that are new."""
        return tuple(c.key for c in self.changes if c.kind == "added" and c.what == what)

    def removed(self, what: What) -> tuple[str, ...]:
        """Keys of ``what`` that are gone and not covered by a rename."""
        return tuple(c.key for c in self.changes if c.kind == "removed" and c.what == what)

    def renamed(self, what: What) -> tuple[tuple[str, str], ...]:
        """``(old, new)`` keys of ``what`` that were renamed."""
        return tuple((c.key, c.new_key or "") for c in self.changes
                     if c.kind == "renamed" and c.what == what)

    @property
    def tightened(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == "tightened")

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def describe(self) -> list[str]:
        """One readable line per change, e.g. for a confirmation dialog."""
        return [c.describe() for c in self.changes]


def diff_tagsets(old: Tagset, new: Tagset, renames: Mapping[str, str] | None = None) -> TagsetDiff:
    """What changed from ``old`` to ``new``, reading ``renames`` as described in the module doc.

    :param old: the tagset the data was made with
    :param new: the tagset that replaces it
    :param renames: old address -> new name; a removal covered by it is listed as renamed
    :raises TagsetError: a rename key that is malformed or names something that does not exist
    """
    r = parse_renames(renames or {}, old, new)
    changes: list[Change] = []
    changes += _diff_named(old.span_labels, new.span_labels, "label", r.name)
    changes += _diff_named(old.relation_types, new.relation_types, "relation_type", r.name)
    for label in old.span_labels:
        target = new.find_label(r.name(label.name))
        if target is not None:
            changes += _label_tightened(label, target) + _diff_owner(label, target, r)
    for rel in old.relation_types:
        target = new.find_relation(r.name(rel.name))
        if target is not None:
            changes += _relation_tightened(rel, target, r) + _diff_owner(rel, target, r)
    changes += _diff_actors(old, new, r)
    return TagsetDiff(tuple(changes), r)


def _diff_named(old: Iterable[Any], new: Iterable[Any], what: What, rename: Any,
                prefix: str = "", new_prefix: str | None = None) -> list[Change]:
    """Added, removed and renamed items of two lists of named things.

    :param prefix: turns a name into an address in the old tagset (``new_prefix``: the new one)
    """
    new_prefix = prefix if new_prefix is None else new_prefix
    new_names = [x.name for x in new]
    changes, targets = [], set()
    for item in old:
        target = rename(item.name)
        targets.add(target)
        if target != item.name:
            changes.append(Change("renamed", what, prefix + item.name, new_prefix + target))
        elif target not in new_names:
            changes.append(Change("removed", what, prefix + item.name))
    return changes + [Change("added", what, new_prefix + n) for n in new_names if n not in targets]


def _diff_owner(old: SpanLabel | RelationType | Any, new: Any, r: Renames,
                owner: str | None = None) -> list[Change]:
    """Attribute and value changes between an old owner and the new owner it maps to."""
    owner = owner or old.name
    new_owner = ACTOR if owner == ACTOR else new.name
    old_attrs, new_attrs = _attrs(old), _attrs(new)
    changes = _diff_named(old_attrs, new_attrs, "attribute", lambda a: r.attribute(owner, a),
                          f"{owner}.", f"{new_owner}.")
    for attr in old_attrs:
        target = next((a for a in new_attrs if a.name == r.attribute(owner, attr.name)), None)
        if target is not None:
            changes += _diff_attribute(owner, attr, target, r, f"{new_owner}.{target.name}")
    added = {c.key for c in changes if c.kind == "added"}
    return changes + [Change("tightened", "attribute", f"{new_owner}.{a.name}",
                             note="new required attribute without a default; existing items lack it")
                      for a in new_attrs if f"{new_owner}.{a.name}" in added and _needs_value(a)]


def _diff_attribute(owner: str, old: AttributeSpec, new: AttributeSpec, r: Renames,
                    new_key: str) -> list[Change]:
    key = f"{owner}.{old.name}"
    changes: list[Change] = []
    if old.type != new.type:
        changes.append(Change("tightened", "attribute", key,
                              note=f"type changed from {old.type} to {new.type}"))
    elif old.type == "enum":
        changes += _diff_named(old.values, new.values, "value",
                               lambda v: r.value(owner, old.name, v), f"{key}=", f"{new_key}=")
    if _needs_value(new) and not _needs_value(old):
        changes.append(Change("tightened", "attribute", key,
                              note="became required without a default; items without it break"))
    return changes


def _needs_value(attr: AttributeSpec) -> bool:
    return attr.required and attr.default is None


def _label_tightened(old: SpanLabel, new: SpanLabel) -> list[Change]:
    notes = []
    if old.allow_fragments and not new.allow_fragments:
        notes.append("allow_fragments changed to false; spans with several fragments break")
    if old.allow_overlap and not new.allow_overlap:
        notes.append("allow_overlap changed to false; overlapping spans break")
    if old.refers_to_actor != "none" and new.refers_to_actor == "none":
        notes.append("refers_to_actor changed to none; spans linked to an actor break")
    if old.refers_to_actor != "required" and new.refers_to_actor == "required":
        notes.append("refers_to_actor changed to required; spans without an actor break")
    return [Change("tightened", "label", old.name, note=n) for n in notes]


def _relation_tightened(old: RelationType, new: RelationType, r: Renames) -> list[Change]:
    notes = [f"can no longer start at {h}" for h in old.head if r.name(h) not in new.head]
    notes += [f"can no longer point to {t}" for t in old.tail
              if (t if t == ACTOR else r.name(t)) not in new.tail]
    if new.max_per_head is not None and (old.max_per_head or 10**9) > new.max_per_head:
        notes.append(f"max_per_head lowered to {new.max_per_head}")
    return [Change("tightened", "relation_type", old.name, note=n) for n in notes]


def _diff_actors(old: Tagset, new: Tagset, r: Renames) -> list[Change]:
    changes = _diff_named(old.actor_types, new.actor_types, "actor_type", r.actor_type,
                          "ACTOR.type=")
    for t in old.actor_types:
        target = new.find_actor_type(r.actor_type(t.name))
        if target is not None:
            changes += _diff_named(t.subtypes, target.subtypes, "subtype",
                                   lambda s, t=t: r.subtype(t.name, s),
                                   f"ACTOR.subtype={t.name}/", f"ACTOR.subtype={target.name}/")
    return changes + _diff_owner(old, new, r, owner=ACTOR)


def _attrs(owner: Any) -> tuple[AttributeSpec, ...]:
    return owner.actor_attributes if isinstance(owner, Tagset) else owner.attributes


# -- renames -------------------------------------------------------------------------------------


def parse_renames(mapping: Mapping[str, str], old: Tagset, new: Tagset) -> Renames:
    """Check a rename mapping against both tagsets and parse it.

    :param mapping: old address -> new name (see the module doc)
    :param old: the tagset the keys refer to
    :param new: the tagset the new names must exist in
    :raises TagsetError: listing every bad entry, one per line
    """
    parts: dict[str, dict[Any, str]] = {k: {} for k in ("names", "attributes", "values",
                                                         "actor_types", "subtypes")}
    problems = []
    for key, target in mapping.items():
        problem = _sort_key(key, target, parts)
        if problem:
            problems.append(f"renames: {key!r}: {problem}")
    r = Renames(**parts)
    problems += [f"renames: {key!r}: {p}" for key, p in _check_renames(r, old, new)]
    if problems:
        raise TagsetError("\n".join(problems))
    return r


def _sort_key(key: str, target: str, parts: dict[str, dict[Any, str]]) -> str | None:
    """File one rename under its kind; return a problem sentence when it is malformed."""
    m = _KEY.fullmatch(key) if isinstance(key, str) else None
    if m is None or not isinstance(target, str):
        return ("write LABEL, LABEL.attr or LABEL.attr=VALUE (ACTOR.type=T, ACTOR.subtype=T/S) "
                "and give the new name as a string")
    owner, attr, value = m["owner"], m["attr"], m["value"]
    if owner == ACTOR and attr in ("type", "subtype") and value:
        old_type, _, sub = value.partition("/")
        if (attr == "subtype") != bool(sub):
            return "write ACTOR.type=TYPE or ACTOR.subtype=TYPE/SUBTYPE"
        parts["subtypes" if sub else "actor_types"][(old_type, sub) if sub else old_type] = target
    elif value:
        parts["values"][(owner, attr, value)] = target
    elif attr:
        parts["attributes"][(owner, attr)] = target
    else:
        parts["names"][owner] = target
    pattern = _LOWER if attr and not value else _UPPER
    return None if pattern.fullmatch(target) else f"{target!r} is not a valid new name here"


def _check_renames(r: Renames, old: Tagset, new: Tagset) -> list[tuple[str, str]]:
    out = []
    for name, target in r.names.items():
        if old.find_label(name):
            if new.find_label(target) is None:
                out.append((name, f"{new.name} has no span label {target}"))
        elif old.find_relation(name):
            if new.find_relation(target) is None:
                out.append((name, f"{new.name} has no relation type {target}"))
        else:
            out.append((name, f"{old.name} has no span label or relation type {name}"))
    for (owner, attr), target in r.attributes.items():
        out += _check_attr(r, old, new, owner, attr, target)
    for (owner, attr, value), target in r.values.items():
        out += _check_value(r, old, new, owner, attr, value, target)
    for name, target in r.actor_types.items():
        if old.find_actor_type(name) is None or new.find_actor_type(target) is None:
            out.append((f"ACTOR.type={name}", f"both {name} (in {old.name}) and {target} "
                                              f"(in {new.name}) must be actor types"))
    for (type_, sub), target in r.subtypes.items():
        old_t, new_t = old.find_actor_type(type_), new.find_actor_type(r.actor_type(type_))
        if old_t is None or sub not in old_t.subtype_names or new_t is None \
                or target not in new_t.subtype_names:
            out.append((f"ACTOR.subtype={type_}/{sub}", f"{sub} must be a subtype of {type_} in "
                                                        f"{old.name} and {target} one in {new.name}"))
    return out


def _check_attr(r: Renames, old: Tagset, new: Tagset, owner: str, attr: str,
                target: str) -> list[tuple[str, str]]:
    key = f"{owner}.{attr}"
    new_owner = owner if owner == ACTOR else r.name(owner)
    if _attr(old, owner, attr) is None:
        return [(key, f"{owner} has no attribute {attr} in {old.name}")]
    if _attr(new, new_owner, target) is None:
        return [(key, f"{new_owner} has no attribute {target} in {new.name}")]
    return []


def _check_value(r: Renames, old: Tagset, new: Tagset, owner: str, attr: str, value: str,
                 target: str) -> list[tuple[str, str]]:
    key = f"{owner}.{attr}={value}"
    new_owner = owner if owner == ACTOR else r.name(owner)
    old_spec = _attr(old, owner, attr)
    new_spec = _attr(new, new_owner, r.attribute(owner, attr))
    if old_spec is None or value not in old_spec.value_names:
        return [(key, f"{value} is not a value of {owner}.{attr} in {old.name}")]
    if new_spec is None or target not in new_spec.value_names:
        return [(key, f"{target} is not a value of {new_owner}.{r.attribute(owner, attr)} "
                      f"in {new.name}")]
    return []


def _attr(tagset: Tagset, owner: str, name: str) -> AttributeSpec | None:
    return next((a for a in tagset.attributes_of(owner) or () if a.name == name), None)


def apply_renames[T: (Span, SpanDraft, Relation, RelationDraft, Actor, ActorDraft)](
        item: T, renames: Renames) -> T:
    """The item as it reads under the new tagset: label/type, attributes and values renamed.

    :param item: a span, relation or actor (stored or draft) made with the old tagset
    :param renames: from :func:`parse_renames` or :attr:`TagsetDiff.renames`
    """
    if isinstance(item, (Span, SpanDraft)):
        return replace(item, label=renames.name(item.label),
                       attrs=renames.attrs(item.label, item.attrs))
    if isinstance(item, (Relation, RelationDraft)):
        return replace(item, type=renames.name(item.type), attrs=renames.attrs(item.type, item.attrs))
    return replace(item, type=renames.actor_type(item.type),
                   subtype=renames.subtype(item.type, item.subtype),
                   attrs=renames.attrs(ACTOR, item.attrs))
