"""Tagsets: the span labels, relation types and actor types a project annotates with.

A tagset is a JSON file that follows ``schemas/tagset.schema.json``. :func:`parse_tagset` checks it
against that schema and then makes the checks a schema cannot express; every problem becomes one line
of a :class:`~annotator.errors.TagsetError` naming the file, the JSON pointer and what to change.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator

from annotator import tagset_checks as checks
from annotator.errors import TagsetError

AttrType = Literal["enum", "bool", "text", "date", "duration", "actor"]
RefersTo = Literal["none", "optional", "required"]

#: In a relation type's ``tail``: the relation may point at an actor instead of a span.
#: As the owner in :meth:`Tagset.attributes_of` and in renames: the actor attributes.
ACTOR = checks.ACTOR
SCHEMA_FILE = "tagset.schema.json"
DEFAULT_TAGSET = "fa-news-attribution"


@dataclass(frozen=True, slots=True)
class Display:
    """A name shown to people, in Persian and English."""

    fa: str
    en: str

    def to_json(self) -> dict[str, str]:
        return {"fa": self.fa, "en": self.en}


@dataclass(frozen=True, slots=True)
class EnumValue:
    """One allowed value of an enum attribute, or one subtype of an actor type."""

    name: str
    display: Display
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        return _drop_empty({"name": self.name, "display": self.display.to_json(),
                            "description": self.description})


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """An attribute of a span label, relation type or actor. ``default`` None means no default."""

    name: str
    display: Display
    type: AttrType
    values: tuple[EnumValue, ...] = ()
    required: bool = False
    default: Any = None
    description: str = ""

    @property
    def value_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.values)

    def check_value(self, value: Any) -> str | None:
        """Why ``value`` is not a valid value of this attribute, or None when it is.

        :param value: the value to check (as stored: str, bool or int)
        """
        return checks.value_problem(self.type, self.value_names, value)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "display": self.display.to_json()}
        if self.description:
            out["description"] = self.description
        out["type"] = self.type
        if self.type == "enum":
            out["values"] = [v.to_json() for v in self.values]
        out["required"] = self.required
        if self.default is not None:
            out["default"] = self.default
        return out


@dataclass(frozen=True, slots=True)
class SpanLabel:
    """A span label: how it looks, its key, its fragment/overlap/actor policy and attributes."""

    name: str
    display: Display
    color: str
    shortcut: str
    allow_fragments: bool = False
    allow_overlap: bool = True
    refers_to_actor: RefersTo = "none"
    attributes: tuple[AttributeSpec, ...] = ()
    description: str = ""

    def attribute(self, name: str) -> AttributeSpec | None:
        """The attribute called ``name``, or None."""
        return _find(self.attributes, name)

    def to_json(self) -> dict[str, Any]:
        return _drop_empty({
            "name": self.name, "display": self.display.to_json(), "description": self.description,
            "color": self.color, "shortcut": self.shortcut,
            "allow_fragments": self.allow_fragments, "allow_overlap": self.allow_overlap,
            "refers_to_actor": self.refers_to_actor,
            "attributes": [a.to_json() for a in self.attributes],
        }, keep=("attributes",))


@dataclass(frozen=True, slots=True)
class RelationType:
    """A directed link type from spans with a ``head`` label to ``tail`` spans (or :data:`ACTOR`)."""

    name: str
    display: Display
    head: tuple[str, ...]
    tail: tuple[str, ...]
    max_per_head: int | None = None
    required: bool = False
    required_unless: str | None = None
    attributes: tuple[AttributeSpec, ...] = ()
    description: str = ""

    @property
    def allows_actor_tail(self) -> bool:
        return ACTOR in self.tail

    @property
    def tail_labels(self) -> tuple[str, ...]:
        return tuple(t for t in self.tail if t != ACTOR)

    def attribute(self, name: str) -> AttributeSpec | None:
        """The attribute called ``name``, or None."""
        return _find(self.attributes, name)

    def to_json(self) -> dict[str, Any]:
        return _drop_empty({
            "name": self.name, "display": self.display.to_json(), "description": self.description,
            "head": list(self.head), "tail": list(self.tail), "max_per_head": self.max_per_head,
            "required": self.required, "required_unless": self.required_unless,
            "attributes": [a.to_json() for a in self.attributes],
        }, keep=("max_per_head", "attributes"))


@dataclass(frozen=True, slots=True)
class ActorType:
    """A type of actor (PER, ORG ...) with its optional subtypes."""

    name: str
    display: Display
    subtypes: tuple[EnumValue, ...] = ()
    description: str = ""

    @property
    def subtype_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.subtypes)

    def to_json(self) -> dict[str, Any]:
        return _drop_empty({"name": self.name, "display": self.display.to_json(),
                            "description": self.description,
                            "subtypes": [s.to_json() for s in self.subtypes]})


@dataclass(frozen=True, slots=True)
class Tagset:
    """A validated tagset. Build one with :func:`load_tagset` or :func:`parse_tagset`."""

    name: str
    version: str
    description: str = ""
    span_labels: tuple[SpanLabel, ...] = ()
    relation_types: tuple[RelationType, ...] = ()
    actor_types: tuple[ActorType, ...] = ()
    actor_attributes: tuple[AttributeSpec, ...] = ()

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(x.name for x in self.span_labels)

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(x.name for x in self.relation_types)

    @property
    def actor_type_names(self) -> tuple[str, ...]:
        return tuple(x.name for x in self.actor_types)

    def find_label(self, name: str) -> SpanLabel | None:
        """The span label called ``name``, or None."""
        return _find(self.span_labels, name)

    def find_relation(self, name: str) -> RelationType | None:
        """The relation type called ``name``, or None."""
        return _find(self.relation_types, name)

    def find_actor_type(self, name: str) -> ActorType | None:
        """The actor type called ``name``, or None."""
        return _find(self.actor_types, name)

    def label(self, name: str) -> SpanLabel:
        """The span label called ``name``; raises :class:`TagsetError` if there is none."""
        return self._must(self.find_label(name), "span label", name, self.label_names)

    def relation(self, name: str) -> RelationType:
        """The relation type called ``name``; raises :class:`TagsetError` if there is none."""
        return self._must(self.find_relation(name), "relation type", name, self.relation_names)

    def actor_type(self, name: str) -> ActorType:
        """The actor type called ``name``; raises :class:`TagsetError` if there is none."""
        return self._must(self.find_actor_type(name), "actor type", name, self.actor_type_names)

    def label_for_shortcut(self, key: str) -> SpanLabel | None:
        """The label bound to ``key`` (case-insensitive), or None."""
        key = key.casefold()
        return next((x for x in self.span_labels if x.shortcut.casefold() == key), None)

    def attributes_of(self, owner: str) -> tuple[AttributeSpec, ...] | None:
        """The attributes of a span label, a relation type, or (``owner == ACTOR``) of actors.

        :param owner: a label name, relation type name or :data:`ACTOR`
        :return: the attribute specs, or None when ``owner`` is unknown
        """
        if owner == ACTOR:
            return self.actor_attributes
        found = self.find_label(owner) or self.find_relation(owner)
        return found.attributes if found is not None else None

    def relations_from(self, label: str) -> tuple[RelationType, ...]:
        """The relation types a span with ``label`` may start."""
        return tuple(r for r in self.relation_types if label in r.head)

    def to_json(self) -> dict[str, Any]:
        """The tagset as JSON data; ``parse_tagset(t.to_json()) == t``."""
        return _drop_empty({
            "name": self.name, "version": self.version, "description": self.description,
            "span_labels": [x.to_json() for x in self.span_labels],
            "relation_types": [x.to_json() for x in self.relation_types],
            "actor_types": [x.to_json() for x in self.actor_types],
            "actor_attributes": [x.to_json() for x in self.actor_attributes],
        }, keep=("span_labels", "relation_types", "actor_types"))

    def _must(self, found: Any, what: str, name: str, names: Iterable[str]) -> Any:
        if found is None:
            known = ", ".join(names) or "none"
            raise TagsetError(f"tagset {self.name} has no {what} {name!r} (it has: {known})")
        return found


# -- loading -------------------------------------------------------------------------------------


def load_tagset(path: str | Path) -> Tagset:
    """Read and validate a tagset file.

    :param path: a JSON file following ``tagset.schema.json``
    :raises TagsetError: unreadable file, invalid JSON (with line:column) or an invalid tagset
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise TagsetError(f"{path}: cannot read the tagset file ({e}); check the path") from e
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        raise TagsetError(f"{path}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}") from e
    except _DuplicateKey as e:
        raise TagsetError(f"{path}: {e}") from e
    return parse_tagset(data, source=str(path))


def parse_tagset(data: Mapping[str, Any], *, source: str = "<tagset>") -> Tagset:
    """Validate tagset data (the parsed JSON) and build a :class:`Tagset`.

    :param data: the parsed JSON object
    :param source: what to call it in messages, usually the file name
    :raises TagsetError: listing every problem found, one per line
    """
    problems = checks.tagset_problems(data, _validator())
    if problems:
        raise TagsetError("\n".join(f"{source}: {checks.pointer(p)}: {msg}" for p, msg in problems))
    return _build_tagset(data)


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            where = f" (in the object named {out['name']})" if isinstance(out.get("name"), str) else ""
            raise _DuplicateKey(f"the key {key!r} appears twice in one object{where}; keep one")
        out[key] = value
    return out


def parse_stored_tagset(raw: str, *, checked: str | None, source: str = "<tagset>") -> Tagset:
    """Build the tagset a project stores as JSON text, validating it only when needed.

    :param raw: the stored JSON text
    :param checked: the digest stored beside it (see :func:`tagset_digest`); when it matches,
      this text already passed :func:`parse_tagset` under the current schema and is built as is
    :param source: what to call it in messages
    :raises TagsetError: the text does not match its digest and is not a valid tagset
    """
    data = json.loads(raw)
    if checked is not None and checked == tagset_digest(raw):
        return _build_tagset(data)
    return parse_tagset(data, source=source)


def tagset_digest(raw: str) -> str:
    """A fingerprint of tagset JSON text together with the schema it was validated against."""
    return hashlib.sha256(_schema_bytes() + b"\0" + raw.encode("utf-8")).hexdigest()


@functools.cache
def _schema_bytes() -> bytes:
    return (schemas_dir() / SCHEMA_FILE).read_bytes()


@functools.cache
def _validator() -> Draft202012Validator:
    # The schema ships with annotator and is checked against the meta-schema by the tests
    # (tests/core/test_tagset.py), not on every start.
    return Draft202012Validator(json.loads(_schema_bytes().decode("utf-8")))


def _build_tagset(d: Mapping[str, Any]) -> Tagset:
    return Tagset(
        name=d["name"], version=d["version"], description=d.get("description", ""),
        span_labels=tuple(_label(x) for x in d["span_labels"]),
        relation_types=tuple(_relation(x) for x in d.get("relation_types", ())),
        actor_types=tuple(ActorType(x["name"], _display(x), _values(x.get("subtypes", ())),
                                    x.get("description", "")) for x in d.get("actor_types", ())),
        actor_attributes=_attributes(d.get("actor_attributes", ())),
    )


def _label(d: Mapping[str, Any]) -> SpanLabel:
    return SpanLabel(
        name=d["name"], display=_display(d), color=d["color"].upper(), shortcut=d["shortcut"],
        allow_fragments=d.get("allow_fragments", False), allow_overlap=d.get("allow_overlap", True),
        refers_to_actor=d.get("refers_to_actor", "none"),
        attributes=_attributes(d.get("attributes", ())), description=d.get("description", ""),
    )


def _relation(d: Mapping[str, Any]) -> RelationType:
    return RelationType(
        name=d["name"], display=_display(d), head=tuple(d["head"]), tail=tuple(d["tail"]),
        max_per_head=d.get("max_per_head"), required=d.get("required", False),
        required_unless=d.get("required_unless"),
        attributes=_attributes(d.get("attributes", ())), description=d.get("description", ""),
    )


def _attributes(items: Iterable[Mapping[str, Any]]) -> tuple[AttributeSpec, ...]:
    return tuple(
        AttributeSpec(name=a["name"], display=_display(a), type=a["type"],
                      values=_values(a.get("values", ())), required=a.get("required", False),
                      default=a.get("default"), description=a.get("description", ""))
        for a in items
    )


def _values(items: Iterable[Mapping[str, Any]]) -> tuple[EnumValue, ...]:
    return tuple(EnumValue(v["name"], _display(v), v.get("description", "")) for v in items)


def _display(d: Mapping[str, Any]) -> Display:
    return Display(fa=d["display"]["fa"], en=d["display"]["en"])


def _find(items: Iterable[Any], name: str) -> Any:
    return next((x for x in items if x.name == name), None)


def _drop_empty(d: dict[str, Any], keep: Iterable[str] = ()) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k in keep or v not in ("", None, [])}


# -- built-in tagsets ----------------------------------------------------------------------------


def schemas_dir() -> Path:
    """The folder holding the schema and built-in tagsets.

    ``annotator/_schemas`` in an installed wheel, else the repository's ``schemas/``.
    """
    here = Path(__file__).resolve().parent
    candidates = (here / "_schemas", here.parent / "schemas")
    for folder in candidates:
        if (folder / SCHEMA_FILE).is_file():
            return folder
    looked = " and ".join(str(c) for c in candidates)
    raise TagsetError(f"cannot find {SCHEMA_FILE} (looked in {looked}); reinstall annotator")


def builtin_names() -> tuple[str, ...]:
    """The names of the tagsets shipped with annotator, e.g. ``fa-news-attribution``."""
    return tuple(sorted(p.stem for p in schemas_dir().glob("*.json") if p.name != SCHEMA_FILE))


@functools.cache
def builtin_tagset(name: str) -> Tagset:
    """A tagset shipped with annotator.

    :param name: one of :func:`builtin_names`
    :raises TagsetError: when there is no such tagset
    """
    if name not in builtin_names():
        known = ", ".join(builtin_names())
        raise TagsetError(f"there is no built-in tagset {name!r}; built-in tagsets: {known}")
    return load_tagset(schemas_dir() / f"{name}.json")


def default_tagset() -> Tagset:
    """The default tagset, ``fa-news-attribution``."""
    return builtin_tagset(DEFAULT_TAGSET)
