"""The checks behind :func:`annotator.tagset.parse_tagset`, on the raw JSON data.

Schema errors are turned into readable sentences, then the checks the JSON Schema cannot express are
made: unique names and shortcuts, relation endpoints that exist, valid defaults. Each problem is a
``(path, message)`` pair; the path becomes a JSON pointer. The checks tolerate data that already
failed the schema, so one run reports every problem.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

JsonPath = tuple[str | int, ...]
Problem = tuple[JsonPath, str]

#: In a relation type's ``tail``: the relation may point at an actor instead of a span.
#: As an owner of attributes (and in renames): the actors themselves.
ACTOR = "ACTOR"
ATTRIBUTE_TYPES = ("enum", "bool", "text", "date", "duration", "actor")
#: Fields every actor has; actor attributes may not take these names.
ACTOR_FIELDS = ("name", "type", "subtype", "aliases", "kb_id")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DURATION = re.compile(
    r"P(?=[0-9]|T[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?"
    r"(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(?:[.,][0-9]+)?S)?)?"
)


def value_problem(type_: str, names: Iterable[str], value: Any) -> str | None:
    """Why ``value`` is not valid for an attribute of type ``type_``, or None when it is.

    :param type_: the attribute type (enum, bool, text, date, duration, actor)
    :param names: the allowed values, for enum attributes
    :param value: the value to check
    """
    if type_ == "enum":
        names = tuple(names)
        ok = isinstance(value, str) and value in names
        return None if ok else f"must be one of {', '.join(names)}, not {value!r}"
    if type_ == "bool":
        return None if isinstance(value, bool) else f"must be true or false, not {value!r}"
    if type_ == "text":
        return None if isinstance(value, str) else f"must be text, not {value!r}"
    if type_ == "date":
        ok = _is_date(value)
        return None if ok else f"must be an ISO 8601 date such as 2021-10-20, not {value!r}"
    if type_ == "duration":
        ok = isinstance(value, str) and _DURATION.fullmatch(value) is not None
        return None if ok else f"must be an ISO 8601 duration such as P20D or PT2H, not {value!r}"
    if type_ == "actor":
        ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
        return None if ok else f"must be an actor id (a whole number above 0), not {value!r}"
    return f"has an unknown type {type_!r}"


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def pointer(path: Iterable[str | int]) -> str:
    """A JSON pointer (RFC 6901) for a path of keys and indexes; the root is shown as ``/``."""
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


def tagset_problems(data: Any, validator: Any) -> list[Problem]:
    """Every problem of tagset data: schema errors and semantic ones, sorted by path.

    :param data: the parsed JSON
    :param validator: a jsonschema validator for ``tagset.schema.json``
    """
    found = [p for e in validator.iter_errors(data) for p in _schema_problems(e)]
    if isinstance(data, Mapping):
        found += semantic_problems(data)
    return sorted(found, key=lambda p: tuple((isinstance(x, str), x) for x in p[0]))


def _schema_problems(error: Any) -> list[Problem]:
    """Readable messages, saying what to change, for one jsonschema error."""
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = list(schema.get("properties", {}))
        return [(path + (k,), _unknown_key(k, allowed)) for k in error.instance if k not in allowed]
    if error.validator == "required":
        return [(path, f"{error.message}; add it")]
    hint = schema.get("description")
    if error.validator == "pattern" and hint:
        return [(path, f"{error.instance!r} is not valid here; write {hint}")]
    return [(path, f"{error.message} ({hint})" if hint and path else error.message)]


def _unknown_key(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    guess = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown property {key!r}: {guess}allowed here: {', '.join(allowed)}"


# -- semantic checks ------------------------------------------------------------------------------


def semantic_problems(data: Mapping[str, Any]) -> list[Problem]:
    """The checks the JSON Schema cannot express, on (possibly schema-invalid) tagset data."""
    labels = _objects(data, ("span_labels",))
    relations = _objects(data, ("relation_types",))
    actor_types = _objects(data, ("actor_types",))
    label_names = {x["name"] for _, x in labels if isinstance(x.get("name"), str)}
    found = _unique(labels, "a span label") + _unique(relations, "a relation type")
    found += _unique(actor_types, "an actor type") + _unique_shortcuts(labels)
    found += _reserved_label_names(labels) + _shared_names(relations, label_names)
    for path, label in labels:
        found += _attribute_problems(label, path, _name(label))
        found += _actor_ref_problem(label, path, has_actors=bool(actor_types))
    for path, rel in relations:
        found += _attribute_problems(rel, path, _name(rel))
        found += _endpoint_problems(rel, path, label_names, has_actors=bool(actor_types))
        found += _required_unless_problems(rel, path, dict((_name(x), x) for _, x in labels))
    for path, actor_type in actor_types:
        subtypes = _objects(actor_type, path + ("subtypes",))
        found += _unique(subtypes, f"a subtype of {_name(actor_type)}")
    return found + _attribute_problems(data, (), ACTOR, field="actor_attributes")


def _objects(container: Any, path: JsonPath) -> list[tuple[JsonPath, Mapping[str, Any]]]:
    """The objects of the list at ``path[-1]`` inside ``container``, with their paths."""
    items = container.get(path[-1]) if isinstance(container, Mapping) else None
    if not isinstance(items, list):
        return []
    return [(path + (i,), x) for i, x in enumerate(items) if isinstance(x, Mapping)]


def _name(obj: Mapping[str, Any]) -> str:
    name = obj.get("name")
    return name if isinstance(name, str) else "?"


def _unique(items: list[tuple[JsonPath, Mapping[str, Any]]], what: str) -> list[Problem]:
    """One problem per repeated ``name``; ``what`` says what the names are, e.g. "a span label"."""
    seen: dict[Any, JsonPath] = {}
    found = []
    for path, obj in items:
        value = obj.get("name")
        if not isinstance(value, str):
            continue
        if value in seen:
            found.append((path + ("name",), f"{value} is defined twice as {what} (first at "
                                            f"{pointer(seen[value])}); rename or remove one"))
        else:
            seen[value] = path + ("name",)
    return found


def _unique_shortcuts(labels: list[tuple[JsonPath, Mapping[str, Any]]]) -> list[Problem]:
    seen: dict[str, tuple[JsonPath, str]] = {}
    found = []
    for path, label in labels:
        key = label.get("shortcut")
        if not isinstance(key, str):
            continue
        if key.casefold() in seen:
            first_path, first = seen[key.casefold()]
            found.append((path + ("shortcut",),
                          f"shortcut {key!r} of {_name(label)} is already used by {first} at "
                          f"{pointer(first_path)} (shortcuts ignore case); choose another key"))
        else:
            seen[key.casefold()] = (path + ("shortcut",), _name(label))
    return found


def _reserved_label_names(labels: list[tuple[JsonPath, Mapping[str, Any]]]) -> list[Problem]:
    return [(path + ("name",), f"{ACTOR} is reserved for relation tails that point at an actor; "
                               "give the label another name, e.g. ACTOR_MENTION")
            for path, label in labels if label.get("name") == ACTOR]


def _shared_names(relations: list[tuple[JsonPath, Mapping[str, Any]]],
                  label_names: set[str]) -> list[Problem]:
    return [(path + ("name",), f"relation type {_name(rel)} has the same name as a span label; "
                               "rename one of them (renames refer to both by name)")
            for path, rel in relations if rel.get("name") in label_names]


def _actor_ref_problem(label: Mapping[str, Any], path: JsonPath, *, has_actors: bool) -> list[Problem]:
    refers = label.get("refers_to_actor", "none")
    if refers in ("optional", "required") and not has_actors:
        return [(path + ("refers_to_actor",),
                 f"{_name(label)} refers to actors but the tagset defines no actor_types; "
                 "add actor types or set refers_to_actor to \"none\"")]
    return []


def _endpoint_problems(rel: Mapping[str, Any], path: JsonPath, label_names: set[str], *,
                       has_actors: bool) -> list[Problem]:
    found = []
    known = ", ".join(sorted(label_names))
    for i, head in _strings(rel.get("head")):
        if head == ACTOR:
            found.append((path + ("head", i), f"{_name(rel)} cannot start at an actor; "
                                              "list span labels in head"))
        elif head not in label_names:
            found.append((path + ("head", i), f"{_name(rel)} starts at {head}, which is not a "
                                              f"span label; use one of {known}"))
    for i, tail in _strings(rel.get("tail")):
        if tail == ACTOR and not has_actors:
            found.append((path + ("tail", i), f"{_name(rel)} points at {ACTOR} but the tagset "
                                              "defines no actor_types; add them or remove ACTOR"))
        elif tail != ACTOR and tail not in label_names:
            found.append((path + ("tail", i), f"{_name(rel)} points at {tail}, which is not a "
                                              f"span label; use one of {known} or {ACTOR}"))
    return found


def _required_unless_problems(rel: Mapping[str, Any], path: JsonPath,
                              labels: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    unless = rel.get("required_unless")
    if not isinstance(unless, str):
        return []
    where = path + ("required_unless",)
    if not rel.get("required", False):
        return [(where, f"{_name(rel)} has required_unless but is not required; "
                        "set required to true or remove required_unless")]
    found = []
    for _, head in _strings(rel.get("head")):
        attrs = {_name(a): a for _, a in _objects(labels.get(head, {}), ("attributes",))}
        if head in labels and attrs.get(unless, {}).get("type") != "bool":
            found.append((where, f"required_unless names {unless}, but head label {head} has no "
                                 f"bool attribute {unless}; add it or remove required_unless"))
    return found


def _attribute_problems(owner: Mapping[str, Any], path: JsonPath, owner_name: str,
                        field: str = "attributes") -> list[Problem]:
    attrs = _objects(owner, path + (field,))
    found = _unique(attrs, f"an attribute of {owner_name}")
    for apath, attr in attrs:
        found += _one_attribute(attr, apath, owner_name)
        if owner_name == ACTOR and attr.get("name") in ACTOR_FIELDS:
            found.append((apath + ("name",), f"{attr['name']} is a built-in field of actors; "
                                             "give the attribute another name"))
    return found


def _one_attribute(attr: Mapping[str, Any], path: JsonPath, owner_name: str) -> list[Problem]:
    what = f"attribute {_name(attr)} of {owner_name}"
    type_ = attr.get("type")
    values = _objects(attr, path + ("values",))
    found = _unique(values, f"a value of {what}")
    if type_ != "enum" and "values" in attr:
        found.append((path + ("values",), f"{what} has values but its type is {type_}; "
                                          "remove values or set type to \"enum\""))
    default = attr.get("default")
    names = [v["name"] for _, v in values if isinstance(v.get("name"), str)]
    reason = value_problem(type_, names, default) if default is not None else None
    if reason and type_ in ATTRIBUTE_TYPES:
        found.append((path + ("default",), f"the default of {what} {reason}; "
                                           "change the default or remove it"))
    return found


def _strings(items: Any) -> list[tuple[int, str]]:
    """The strings of a JSON list, with their indexes."""
    if not isinstance(items, list):
        return []
    return [(i, x) for i, x in enumerate(items) if isinstance(x, str)]
