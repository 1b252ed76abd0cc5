"""Read brat standoff folders: each ``NAME.txt`` with its ``NAME.ann``.

* ``T`` lines become spans (``;``-separated fragments), ``R`` lines links (Arg1 -> Arg2), ``*``
  lines links from the first member to each other one.
* ``E`` lines: the trigger span keeps the event type as its label; each argument becomes a link
  named by its role (``Org-Arg2`` -> ``Org-Arg``: brat numbers repeated roles); an argument that is
  an event points at that event's trigger.
* ``A``/``M`` lines become attributes (a binary one is ``true``), ``N`` lines the ``norm``
  attribute (``Wikipedia:64488 Carlos Salinas``, one line per normalisation), ``#`` lines notes:
  our own notes (``actor:12 …``, ``ATTRIBUTED_TO actor:12 …``, ``value=P20D``) become actor links
  and attributes again, any other note the ``note`` attribute (see :mod:`annotator.interchange.resolve`).

Offsets are code points into the ``.txt`` as brat reads it (a byte-order mark and ``\\r`` count).
When a file's offsets only match its ``T`` texts as UTF-16 code units (brat's web client counts
emoji twice), they are converted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.encoding import decode_bytes
from annotator.interchange.align import has_astral, utf16_positions
from annotator.interchange.brat_names import role_name
from annotator.interchange.plan import PlannedDocument, PlannedRelation, PlannedSpan
from annotator.model import ActorDraft

ACTORS_FILE = "actors.jsonl"
_WS = re.compile(r"\s+")


@dataclass
class AnnFile:
    """The parsed lines of one ``.ann`` file."""

    textbounds: dict[str, tuple[str, list[tuple[int, int]], str, int]] = field(default_factory=dict)
    events: dict[str, tuple[str, str, list[tuple[str, str]], int]] = field(default_factory=dict)
    relations: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    equivalences: list[tuple[str, list[str], int]] = field(default_factory=list)
    attributes: list[tuple[str, str, str | None, int]] = field(default_factory=list)
    norms: list[tuple[str, str, str, int]] = field(default_factory=list)
    notes: list[tuple[str, str, int]] = field(default_factory=list)


def parse_ann(content: str, path: str) -> AnnFile:
    """Parse the text of an ``.ann`` file; InputError names the file and line of a bad line."""
    ann = AnnFile()
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            _parse_line(ann, line, number)
        except (ValueError, IndexError):
            raise InputError(f"not a brat annotation line: {line[:80]!r}", path=path, line=number) from None
    return ann


def _parse_line(ann: AnnFile, line: str, number: int) -> None:
    ident, _, rest = line.partition("\t")
    kind = ident[:1]
    if kind == "T":
        head, _, shown = rest.partition("\t")
        label, _, offsets = head.partition(" ")
        fragments = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
        ann.textbounds[ident] = (label, fragments, shown, number)
    elif kind == "E":
        trigger, *args = rest.strip().split()
        label, _, trigger_id = trigger.partition(":")
        pairs = [(role_name(r), a) for r, _, a in (x.partition(":") for x in args)]
        ann.events[ident] = (label, trigger_id, pairs, number)
    elif kind == "R":
        label, first, second = rest.split("\t")[0].split()
        ann.relations.append((ident, label, first.partition(":")[2], second.partition(":")[2], number))
    elif kind == "*":
        label, *members = rest.split()
        ann.equivalences.append((label, members, number))
    elif kind in "AM":
        name, target, *value = rest.split()
        ann.attributes.append((name, target, value[0] if value else None, number))
    elif kind == "N":
        head, _, shown = rest.partition("\t")
        _, target, ref = head.split()
        ann.norms.append((target, ref, shown, number))
    elif kind == "#":
        head, _, note = rest.partition("\t")
        ann.notes.append((head.split()[1], note, number))
    else:
        raise ValueError(ident)


def read_text(path: Path) -> str:
    """The ``.txt`` as brat counts it: decoded, with a UTF-8 byte-order mark kept as a character."""
    data = path.read_bytes()
    text = decode_bytes(data, path=path)
    return "\ufeff" + text if data.startswith(b"\xef\xbb\xbf") else text


def _fix_offsets(ann: AnnFile, text: str, path: str) -> None:
    """Check ``T`` texts against the offsets; convert UTF-16 offsets when that is what they are."""
    bad = [i for i, (_, frags, shown, _) in ann.textbounds.items() if not _matches(text, frags, shown)]
    if not bad:
        return
    if has_astral(text):
        table = utf16_positions(text)
        try:
            converted = {i: [(table[s], table[e]) for s, e in f] for i, (_, f, _, _) in ann.textbounds.items()}
        except KeyError:
            converted = None
        if converted and all(_matches(text, converted[i], v[2]) for i, v in ann.textbounds.items()):
            for i, (label, _, shown, line) in list(ann.textbounds.items()):
                ann.textbounds[i] = (label, converted[i], shown, line)
            return
    label, frags, shown, line = ann.textbounds[bad[0]]
    found = " ".join(text[s:e] for s, e in frags if 0 <= s < e <= len(text))
    raise InputError(f"{bad[0]} {label} says {shown!r} but its offsets cover {found!r} in the .txt "
                     f"({len(bad)} such line(s)); the text may have changed since it was annotated",
                     path=path, line=line)


def _matches(text: str, fragments: list[tuple[int, int]], shown: str) -> bool:
    if any(not 0 <= s < e <= len(text) for s, e in fragments):
        return False
    if not shown:
        return True
    found = " ".join(text[s:e] for s, e in fragments)
    return found == shown or _WS.sub(" ", found).strip() == _WS.sub(" ", shown).strip()


def load_actors(folder: Path) -> dict[str, ActorDraft]:
    """Actors described in ``actors.jsonl`` (written by our brat export), keyed by their old id."""
    for candidate in (folder / ACTORS_FILE, folder.parent / ACTORS_FILE):
        if candidate.is_file():
            actors = {}
            for line in candidate.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    a = json.loads(line)
                    actors[str(a["id"])] = ActorDraft(a["name"], a["type"], a.get("subtype"), tuple(a.get("aliases", ())),
                                                      a.get("kb_id"), a.get("attrs") or {}, a.get("origin", "manual"))
            return actors
    return {}


def to_plan(ann: AnnFile, text: str, path: str, actors: dict[str, ActorDraft], *,
            external_id: str | None = None) -> PlannedDocument:
    """One planned document from a parsed ``.ann`` and its text; ``external_id`` (the file's path
    in its brat project, without extension) names it, and its files when exported to brat again."""
    _fix_offsets(ann, text, path)
    document = PlannedDocument(path=path, text=text, title=Path(path).stem, actors=actors,
                               external_id=external_id or Path(path).stem)
    spans = {i: PlannedSpan(i, label, frags, line=line) for i, (label, frags, _, line) in ann.textbounds.items()}
    triggers = {e: trigger for e, (_, trigger, _, _) in ann.events.items()}

    def span_of(ref: str) -> str:
        return triggers.get(ref, ref)

    relations: dict[str, PlannedRelation] = {}
    for _, trigger, args, line in ann.events.values():
        for role, arg in args:
            document.relations.append(PlannedRelation(role, trigger, span_of(arg), line=line))
    for ident, label, first, second, line in ann.relations:
        relations[ident] = PlannedRelation(label, span_of(first), span_of(second), line=line)
        document.relations.append(relations[ident])
    for label, members, line in ann.equivalences:
        document.relations += [PlannedRelation(label, span_of(members[0]), span_of(m), line=line) for m in members[1:]]
    for name, target, value, line in ann.attributes:
        owner = relations.get(target) or spans.get(span_of(target))
        if owner is None:
            raise InputError(f"attribute {name} is on {target}, which is not in this file", path=path, line=line)
        owner.attrs[name] = True if value is None else value
    for target, ref, shown, _ in ann.norms:
        span = spans.get(span_of(target))
        if span is not None:
            entry = f"{ref} {shown}".strip()
            span.attrs["norm"] = f"{span.attrs['norm']}\n{entry}" if "norm" in span.attrs else entry
    for target, note, _ in ann.notes:
        owner = relations.get(target) or spans.get(span_of(target))
        if owner is not None:
            owner.notes.append(note)
    document.spans = list(spans.values())
    return document


def brat_pairs(folder: Path) -> Iterator[tuple[Path, Path]]:
    """``(txt, ann)`` pairs under ``folder`` (or the one pair a ``.ann``/``.txt`` path names), sorted."""
    if folder.is_file():
        stem = folder.with_suffix("")
        yield stem.with_suffix(".txt"), stem.with_suffix(".ann")
        return
    for ann in sorted(folder.rglob("*.ann")):
        if not any(part.startswith(".") for part in ann.relative_to(folder).parts):
            yield ann.with_suffix(".txt"), ann


def read_brat(paths: list[Path]) -> list[PlannedDocument]:
    """Planned documents of every brat pair under ``paths``.

    :raises InputError: a missing ``.txt``, a bad line, or texts that do not match their offsets
    """
    documents = []
    for root in paths:
        if not root.exists():
            raise InputError("no such file or folder; check the path", path=root)
        for txt, ann in brat_pairs(root):
            if not txt.is_file():
                raise InputError(f"has no {txt.name} beside it; brat needs both files", path=ann)
            parsed = parse_ann(ann.read_text(encoding="utf-8-sig"), str(ann))
            name = ann.relative_to(root).with_suffix("").as_posix() if root.is_dir() else ann.stem
            documents.append(to_plan(parsed, read_text(txt), str(ann), load_actors(ann.parent), external_id=name))
    if not documents:
        raise InputError("no .ann files found; brat folders hold NAME.txt and NAME.ann pairs",
                         path=", ".join(map(str, paths)))
    return documents
