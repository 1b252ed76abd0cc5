"""Read our own jsonl export back (``--format annotator-jsonl``): documents, spans, links, actors.

Each line is checked first (offsets inside the text, each span's ``text`` equal to what its
offsets cover, links to spans of the same line), so a file edited by another tool cannot slip
offsets in unnoticed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.exporters.records import ACTOR_PREFIX, record_problems
from annotator.interchange.jsonstream import json_values
from annotator.interchange.plan import PlannedDocument, PlannedRelation, PlannedSpan
from annotator.model import ActorDraft


def looks_like_export(path: Path) -> bool:
    """Whether a file's first line is a record of our jsonl export (it has ``text`` and ``spans``)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            first = next((line for line in handle if line.strip()), "")
    except (OSError, UnicodeDecodeError):
        return False
    return first.lstrip().startswith("{") and '"spans"' in first and '"text"' in first


def _actor(data: Mapping[str, Any]) -> ActorDraft:
    return ActorDraft(name=data["name"], type=data["type"], subtype=data.get("subtype"),
                      aliases=tuple(data.get("aliases") or ()), kb_id=data.get("kb_id"),
                      attrs=dict(data.get("attrs") or {}), origin=data.get("origin", "manual"))


def _tail(tail: Any) -> tuple[str | None, str | None]:
    if isinstance(tail, str) and tail.startswith(ACTOR_PREFIX):
        return None, tail[len(ACTOR_PREFIX):]
    return str(tail), None


def record_to_plan(record: Mapping[str, Any], path: Path, line: int) -> PlannedDocument:
    """One export record as a planned document; InputError names the line of a bad record."""
    problems = record_problems(record)
    if problems:
        raise InputError("; ".join(problems[:3]), path=path, line=line)
    document = PlannedDocument(
        path=str(path), text=record["text"], title=record.get("title"), external_id=record.get("external_id"),
        line=line,
        annotator=record.get("annotator"), status=record.get("status"), source=record.get("source"),
        url=record.get("url"), published=record.get("published"), meta=dict(record.get("meta") or {}),
        actors={str(a["id"]): _actor(a) for a in record.get("actors", ())})
    for span in record.get("spans", ()):
        fragments = [tuple(f) for f in span.get("fragments") or [[span["start"], span["end"]]]]
        actor = span.get("actor")
        document.spans.append(PlannedSpan(
            str(span["id"]), span["label"], fragments, attrs=dict(span.get("attrs") or {}),  # type: ignore[arg-type]
            origin=span.get("origin", "manual"), score=span.get("score"),
            actor=str(actor) if actor is not None else None, line=line))
    for relation in record.get("relations", ()):
        tail, tail_actor = _tail(relation["tail"])
        document.relations.append(PlannedRelation(
            relation["type"], str(relation["head"]), tail, tail_actor, attrs=dict(relation.get("attrs") or {}),
            origin=relation.get("origin", "manual"), line=line))
    return document


def read_own_jsonl(paths: list[Path]) -> list[PlannedDocument]:
    """Planned documents of every line of our jsonl export files under ``paths``."""
    documents = []
    for root in paths:
        if not root.exists():
            raise InputError("no such file or folder; check the path", path=root)
        files = sorted(root.rglob("*.jsonl")) if root.is_dir() else [root]
        for file in files:
            for line, record in json_values(file):
                if not isinstance(record, dict) or "text" not in record:
                    raise InputError("not a record of an annotator export (no \"text\")", path=file, line=line)
                documents.append(record_to_plan(record, file, line))
    if not documents:
        raise InputError("no records found", path=", ".join(map(str, paths)))
    return documents
