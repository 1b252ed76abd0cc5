"""A brat ``annotation.conf`` (with ``visual.conf`` beside it, if any) as a tagset.

* ``[entities]`` become span labels; ``[events]`` become span labels for their triggers, and each
  event role (``Giver-Arg``) a relation type from those triggers to the role's argument types.
* ``[relations]`` become relation types (``Arg1`` types -> ``Arg2`` types); ``<REL-TYPE>:symmetric-
  transitive`` marks an equivalence (written back as a ``*`` line).
* ``[attributes]`` become ``enum`` attributes (``Value:A|B``) or ``bool`` ones (no ``Value``) on the
  labels and relation types their ``Arg`` names.
* Every label also gets two optional text attributes: ``note`` (brat's AnnotatorNotes) and
  ``norm`` (normalisations); relation types get ``note``.

Names become tagset names (``Transfer-money`` -> ``TRANSFER_MONEY``); each item's description
keeps the brat name (``brat event: Transfer-money``) so an export writes the original back. Colours
come from Paul Tol's *light* scheme (distinct for colour-blind readers); shortcuts are the first
free letter of each name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from annotator.errors import TagsetError
from annotator.interchange.brat_names import describe, lower_name, role_name, upper_name
from annotator.tagset import Tagset, parse_tagset

PALETTE = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00", "#DDDDDD")
_KEYS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_CARDINALITY = re.compile(r"(\?|\*|\+|\{[0-9,-]+\})$")


def _sections(text: str) -> dict[str, list[tuple[int, str]]]:
    sections: dict[str, list[tuple[int, str]]] = defaultdict(list)
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1].strip().lower()
            continue
        indent = len(line) - len(line.lstrip())
        sections[current].append((indent, stripped))
    return sections


def _macros(sections: dict[str, list[tuple[int, str]]]) -> dict[str, str]:
    macros = {}
    for lines in sections.values():
        for _, line in lines:
            if line.startswith("<") and "=" in line and ">" in line.split("=", 1)[0]:
                key, value = line.split("=", 1)
                macros[key.strip()] = value.strip()
    return macros


def _names(lines: list[tuple[int, str]]) -> list[str]:
    """Type names of a section, without macros and ``!`` (hierarchy-only) types."""
    out = []
    for _, line in lines:
        name = line.split()[0]
        if not name.startswith(("!", "<")) and name not in out:
            out.append(name)
    return out


def _args(line: str) -> tuple[str, list[tuple[str, str]]]:
    name, _, rest = line.partition(" ") if "\t" not in line else line.partition("\t")
    args = []
    for part in filter(None, (p.strip() for p in rest.split(","))):
        role, _, types = part.partition(":")
        args.append((role.strip(), types.strip()))
    return name.strip(), args


class _Builder:
    def __init__(self, text: str, displays: dict[str, str]):
        self.sections = _sections(text)
        self.macros = _macros(self.sections)
        self.displays = displays
        self.entities = _names(self.sections.get("entities", []))
        self.events = _names(self.sections.get("events", []))
        self.label_of: dict[str, str] = {}
        for name in self.entities + self.events:
            self.label_of[name] = self._unique(upper_name(name), set(self.label_of.values()))

    @staticmethod
    def _unique(name: str, taken: set[str]) -> str:
        candidate, n = name, 2
        while candidate in taken or candidate == "ACTOR":
            candidate, n = f"{name}_{n}", n + 1
        return candidate

    def types(self, spec: str) -> list[str]:
        """Tagset label names of a brat type list such as ``<POG>|Money`` (macros expanded)."""
        return [self.label_of[t] for t in dict.fromkeys(self._brat_types(spec))]

    def _brat_types(self, spec: str) -> list[str]:
        out: list[str] = []
        for part in spec.split("|"):
            part = self.macros.get(part.strip(), part.strip())
            if "|" in part:
                out += self._brat_types(part)
            elif part in ("<ENTITY>", "<ANY>"):
                out += self.entities + (self.events if part == "<ANY>" else [])
            elif part == "<EVENT>":
                out += self.events
            elif part in self.label_of:
                out.append(part)
        return out

    def display(self, name: str) -> dict[str, str]:
        shown = self.displays.get(name, name)
        return {"fa": shown, "en": shown}

    def relation_types(self) -> list[dict[str, Any]]:
        taken = set(self.label_of.values())
        out = []
        for _, line in self.sections.get("relations", []):
            name, args = _args(line)
            if name.startswith(("<", "!")) or len(args) < 2:
                continue
            kind = "equivalence" if any("symmetric-transitive" in t for _, t in args[2:]) else "relation"
            heads, tails = self.types(args[0][1]), self.types(args[1][1])
            out.append(self._relation(name, kind, heads, tails, taken))
        roles: dict[str, tuple[list[str], list[str]]] = {}
        for _, line in self.sections.get("events", []):
            name, args = _args(line)
            if name.startswith("<") or name.lstrip("!") not in self.label_of:
                continue
            for role, types in args:
                heads, tails = roles.setdefault(role_name(_CARDINALITY.sub("", role)), ([], []))
                heads.append(self.label_of[name])
                tails += [t for t in self.types(types) if t not in tails]
        out += [self._relation(role, "role", heads, tails, taken) for role, (heads, tails) in roles.items()]
        return out

    def _relation(self, name: str, kind: str, heads: list[str], tails: list[str], taken: set[str]) -> dict[str, Any]:
        everything = list(self.label_of.values())
        tagset_name = self._unique(upper_name(name), taken)
        taken.add(tagset_name)
        return {"name": tagset_name, "display": self.display(name), "description": describe(kind, name),
                "head": heads or everything, "tail": tails or everything, "_brat": name}

    def attributes(self) -> dict[str, list[dict[str, Any]]]:
        """Attributes per brat type name (labels and relations alike)."""
        by_owner: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for _, line in self.sections.get("attributes", []):
            name, args = _args(line)
            options = dict(args)
            spec: dict[str, Any] = {"name": lower_name(name), "display": self.display(name),
                                    "description": describe("attribute", name), "type": "bool"}
            if options.get("Value"):
                spec["type"] = "enum"
                spec["values"] = [{"name": upper_name(v), "display": {"fa": v, "en": v},
                                   "description": describe("value", v)} for v in options["Value"].split("|")]
            for owner in self._owners(options.get("Arg", "<ENTITY>")):
                by_owner[owner].append(spec)
        return by_owner

    def _owners(self, spec: str) -> list[str]:
        out = []
        for part in spec.split("|"):
            part = part.strip()
            if part in ("<ENTITY>", "<ANY>"):
                out += self.entities + (self.events if part == "<ANY>" else [])
            elif part == "<EVENT>":
                out += self.events
            else:
                out.append(part)
        return out


def _text_attribute(name: str, shown: str) -> dict[str, Any]:
    return {"name": name, "display": {"fa": shown, "en": shown}, "type": "text", "required": False}


def _with_text_attributes(specs: list[dict[str, Any]], names: tuple[str, ...]) -> list[dict[str, Any]]:
    shown = {"note": "AnnotatorNotes", "norm": "Normalization"}
    taken = {s["name"] for s in specs}
    return specs + [_text_attribute(n, shown[n]) for n in names if n not in taken]


def shortcut_for(name: str, used: set[str]) -> str:
    """A free one-key shortcut for label ``name``: one of its letters if possible."""
    for key in [c for c in name.upper() if c in _KEYS] + list(_KEYS):
        if key not in used:
            used.add(key)
            return key
    raise TagsetError(f"too many labels for one-key shortcuts (at most {len(_KEYS)}); split the configuration")


def read_visual_labels(path: Path) -> dict[str, str]:
    """brat type -> the first display form in a ``visual.conf`` ``[labels]`` section."""
    if not path.is_file():
        return {}
    labels = {}
    for _, line in _sections(path.read_text(encoding="utf-8")).get("labels", []):
        forms = [f.strip() for f in line.split("|")]
        if len(forms) > 1 and forms[1]:
            labels[forms[0]] = forms[1]
    return labels


def tagset_from_brat(path: str | Path, *, name: str | None = None) -> Tagset:
    """A tagset made from a brat ``annotation.conf`` (and the ``visual.conf`` beside it).

    :param path: the ``annotation.conf`` file, or the folder holding it
    :param name: the tagset name (default: made from the folder's name)
    :raises TagsetError: an unreadable file, or a configuration that makes no valid tagset
    """
    path = Path(path)
    if path.is_dir():
        path = path / "annotation.conf"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TagsetError(f"{path}: cannot read the brat configuration ({exc}); check the path") from exc
    builder = _Builder(text, read_visual_labels(path.parent / "visual.conf"))
    if not builder.label_of:
        raise TagsetError(f"{path}: no [entities] or [events] types; is this a brat annotation.conf?")
    attributes = builder.attributes()
    relations = builder.relation_types()
    used: set[str] = set()
    labels = []
    for i, (brat, label) in enumerate(builder.label_of.items()):
        kind = "event" if brat in builder.events else "entity"
        labels.append({"name": label, "display": builder.display(brat), "description": describe(kind, brat),
                       "color": PALETTE[i % len(PALETTE)], "shortcut": shortcut_for(label, used),
                       "allow_fragments": True, "allow_overlap": True,
                       "attributes": _with_text_attributes(attributes.get(brat, []), ("note", "norm"))})
    for relation in relations:
        relation["attributes"] = _with_text_attributes(attributes.get(relation.pop("_brat"), []), ("note",))
    slug = re.sub(r"[^a-z0-9_.-]+", "-", (name or path.parent.name or "brat").lower()).strip("-.") or "brat"
    data = {"name": slug if slug[0].isalnum() else f"brat-{slug}", "version": "1.0",
            "description": f"Made from the brat configuration {path}", "span_labels": labels,
            "relation_types": relations}
    return parse_tagset(data, source=str(path))
