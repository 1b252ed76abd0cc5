"""brat standoff: a ``.txt``/``.ann`` pair per layer document, and the tagset as brat config.

* ``T`` lines for spans (``T1\\tQUOTE 0 5;10 15\\ttext text``, fragment texts joined by one space,
  newlines shown as spaces); spans whose label came from a brat event also get an ``E`` line whose
  arguments are the role relations.
* ``R`` lines for links between spans, ``*`` lines for equivalence types.
* ``A`` lines for enum and bool attributes (a false bool is left out, as brat does).
* ``N`` lines for the ``norm`` attribute; ``#`` ``AnnotatorNotes`` lines for what brat cannot say:
  the ``note`` attribute, other text/date/duration attributes (``value=P20D``), a mention's actor
  (``actor:12 علی رضایی``) and links to actors (``ATTRIBUTED_TO actor:12 علی رضایی``).
* ``actors.jsonl`` lists those actors, so an import of the folder restores the links.

Offsets are code points, which is what brat's Python server counts. brat's web client counts
UTF-16 code units, so a text with emoji or other characters outside the BMP shows annotations
after them shifted in the browser (brat issue #1115); the files themselves are exact, and the
importer accepts either count.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from annotator.exporters.base import SPLIT_FILES, ExportContext
from annotator.exporters.brat_conf import annotation_conf, visual_conf
from annotator.interchange.brat_names import brat_kind, brat_name
from annotator.model import Tokenization
from annotator.tagset import Tagset

NOTE, NORM = "note", "norm"
_UNSAFE = re.compile(r"[^\w.-]+")


def file_stem(record: Mapping[str, Any], *, per_annotator: bool, taken: set[str]) -> str:
    """The document's external id made safe as a file name (so a brat file keeps its name through
    import and export, and a jsonl id names its file), else its number ``000012``; ``-maryam``
    after it when one document comes once per annotator. A name in ``taken`` gets the number
    appended; the name returned is added to ``taken``."""
    number = f"{record['id']:06d}"
    stem = _UNSAFE.sub("_", record.get("external_id") or "").strip("._")[:100] or number
    if per_annotator:
        stem = f"{stem}-{_UNSAFE.sub('_', record['annotator'])}"
    if stem in taken:
        stem = f"{stem}-{number}"
    taken.add(stem)
    return stem


class _Ids:
    def __init__(self, record: Mapping[str, Any], tagset: Tagset):
        self.events: dict[int, str] = {}
        for span in record["spans"]:
            label = tagset.find_label(span["label"])
            if label is not None and brat_kind(label, "entity") == "event":
                self.events[span["id"]] = f"E{len(self.events) + 1}"

    def ref(self, span_id: int) -> str:
        return self.events.get(span_id, f"T{span_id}")


def _type_name(tagset: Tagset, finder: str, name: str) -> str:
    item = getattr(tagset, finder)(name)
    return brat_name(item) if item is not None else name


def _kind(tagset: Tagset, relation_type: str) -> str:
    rt = tagset.find_relation(relation_type)
    return brat_kind(rt, "relation") if rt is not None else "relation"


def ann_lines(record: Mapping[str, Any], tagset: Tagset) -> list[str]:
    """The lines of the ``.ann`` file of one export record."""
    ids, text = _Ids(record, tagset), record["text"]
    actors = {a["id"]: a for a in record["actors"]}
    out: list[str] = []
    notes: list[tuple[str, str]] = []
    for span in record["spans"]:
        offsets = ";".join(f"{s} {e}" for s, e in span["fragments"])
        shown = " ".join(text[s:e] for s, e in span["fragments"]).replace("\n", " ").replace("\r", " ")
        out.append(f"T{span['id']}\t{_type_name(tagset, 'find_label', span['label'])} {offsets}\t{shown}")
        if span["actor"] is not None:
            notes.append((ids.ref(span["id"]), _actor_note(span["actor"], actors)))
    by_kind = {"role": [], "equivalence": [], "relation": []}
    for relation in record["relations"]:
        if isinstance(relation["tail"], str):
            actor_id = int(relation["tail"].split(":", 1)[1])
            notes.append((ids.ref(relation["head"]), f"{relation['type']} {_actor_note(actor_id, actors)}"))
        else:
            by_kind[_kind(tagset, relation["type"])].append(relation)
    out += _event_lines(record, ids, by_kind["role"], tagset)
    out += _equivalence_lines(by_kind["equivalence"], ids, tagset)
    attribute_targets: list[tuple[str, str, Mapping[str, Any]]] = []
    for n, relation in enumerate(by_kind["relation"], 1):
        name = _type_name(tagset, "find_relation", relation["type"])
        out.append(f"R{n}\t{name} Arg1:{ids.ref(relation['head'])} Arg2:{ids.ref(relation['tail'])}\t")
        attribute_targets.append((f"R{n}", relation["type"], relation["attrs"]))
    attribute_targets = [(ids.ref(s["id"]), s["label"], s["attrs"]) for s in record["spans"]] + attribute_targets
    out += _attribute_lines(attribute_targets, tagset, notes)
    out += [f"#{n}\tAnnotatorNotes {target}\t{note}" for n, (target, note) in enumerate(notes, 1)]
    return out


def _actor_note(actor_id: int, actors: Mapping[int, Mapping[str, Any]]) -> str:
    name = actors.get(actor_id, {}).get("name", "")
    return f"actor:{actor_id} {name}".strip()


def _event_lines(record: Mapping[str, Any], ids: _Ids, roles: Sequence[Mapping[str, Any]],
                 tagset: Tagset) -> list[str]:
    labels = {s["id"]: s["label"] for s in record["spans"]}
    lines = []
    for span_id, event_id in ids.events.items():
        args, used = [], {}
        for relation in (r for r in roles if r["head"] == span_id):
            role = _type_name(tagset, "find_relation", relation["type"])
            used[role] = used.get(role, 0) + 1
            args.append(f"{role}{used[role] if used[role] > 1 else ''}:{ids.ref(relation['tail'])}")
        label = _type_name(tagset, "find_label", labels[span_id])
        lines.append(f"{event_id}\t{label}:T{span_id}" + "".join(f" {a}" for a in args))
    return lines


def _equivalence_lines(relations: Sequence[Mapping[str, Any]], ids: _Ids, tagset: Tagset) -> list[str]:
    groups: dict[str, list[set[int]]] = {}
    for relation in relations:
        sets = groups.setdefault(relation["type"], [])
        pair = {relation["head"], relation["tail"]}
        touching = [s for s in sets if s & pair]
        merged = pair.union(*touching)
        sets[:] = [s for s in sets if not (s & pair)] + [merged]
    return [f"*\t{_type_name(tagset, 'find_relation', kind)} " + " ".join(ids.ref(i) for i in sorted(members))
            for kind, sets in groups.items() for members in sorted(sets, key=min)]


def _attribute_lines(targets: Sequence[tuple[str, str, Mapping[str, Any]]], tagset: Tagset,
                     notes: list[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    norms = 0
    for target, owner, attrs in targets:
        specs = {a.name: a for a in tagset.attributes_of(owner) or ()}
        for name, value in attrs.items():
            spec = specs.get(name)
            kind = spec.type if spec is not None else ("bool" if isinstance(value, bool) else "text")
            shown = brat_name(spec) if spec is not None else name
            if kind == "bool":
                if value:
                    lines.append(f"A{len(lines) + 1}\t{shown} {target}")
            elif kind == "enum":
                valued = next((v for v in spec.values if v.name == value), None) if spec else None
                lines.append(f"A{len(lines) + 1}\t{shown} {target} {brat_name(valued) if valued else value}")
            elif name == NORM and isinstance(value, str):
                for entry in value.split("\n"):
                    ref, _, words = entry.partition(" ")
                    norms += 1
                    lines.append(f"N{norms}\tReference {target} {ref}\t{words}")
            elif name == NOTE:
                notes.extend((target, line) for line in str(value).split("\n"))
            elif value is not None:
                notes.append((target, f"{name}={value}"))
    return lines


class BratWriter:
    """Writes ``.txt``/``.ann`` pairs (in ``train/``, ``dev/``, ``test/`` when split) and the config."""

    def __init__(self, context: ExportContext, *, per_annotator: bool):
        self.context, self.per_annotator = context, per_annotator
        self.actors: dict[int, dict[str, Any]] = {}
        self.count = 0
        self.stems: set[str] = set()

    def add(self, record: dict[str, Any], tokenization: Tokenization) -> None:
        folder = self.context.folder
        if self.context.splits:
            folder = folder / SPLIT_FILES[record["split"]]
            folder.mkdir(exist_ok=True)
        stem = file_stem(record, per_annotator=self.per_annotator, taken=self.stems)
        _write(folder / f"{stem}.txt", record["text"])
        lines = ann_lines(record, self.context.tagset)
        _write(folder / f"{stem}.ann", "".join(line + "\n" for line in lines))
        self.actors.update((a["id"], a) for a in record["actors"])
        self.count += 1

    def finish(self) -> list[str]:
        tagset = self.context.tagset
        _write(self.context.folder / "annotation.conf", annotation_conf(tagset))
        _write(self.context.folder / "visual.conf", visual_conf(tagset))
        files = ["annotation.conf", "visual.conf", f"{self.count} .txt/.ann pairs"]
        if self.actors:
            rows = [json.dumps(self.actors[k], ensure_ascii=False) + "\n" for k in sorted(self.actors)]
            _write(self.context.folder / "actors.jsonl", "".join(rows))
            files.append("actors.jsonl")
        return files


def _write(path: Path, content: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(content)
