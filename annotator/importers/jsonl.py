"""JSON Lines: one JSON object per line; a bad line is reported and the others still come."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.encoding import iter_lines, lone_surrogate
from annotator.importers.fields import build_record
from annotator.importers.records import ImportProblem, RawRecord

MAX_PROBLEMS = 100  # per file: past this the file is clearly not what we expect

_NOT_JSONL = ("not JSON Lines: this file holds one JSON document spread over several lines; "
              "put one object per line, e.g. jq -c '.[]' FILE > FILE.jsonl (or jq -c . for one object)")


def read_jsonl(path: Path, mapping: Mapping[str, str] | None = None) -> Iterator[RawRecord | ImportProblem]:
    """Yield a record or a problem per non-blank line."""
    mapping = mapping or {}
    first, problems = True, 0
    for number, line in iter_lines(path):
        if isinstance(line, InputError):
            item: RawRecord | ImportProblem = ImportProblem.from_error(line, path)
        else:
            content = line.strip().lstrip("\ufeff")
            if not content:
                continue
            item = _record(line.lstrip("\ufeff"), number, path, mapping)
            if first and isinstance(item, ImportProblem) and content in ("{", "["):
                yield ImportProblem(str(path), number, _NOT_JSONL)
                return
        first = False
        if isinstance(item, ImportProblem):
            problems += 1
            if problems > MAX_PROBLEMS:
                yield ImportProblem(str(path), number, f"more than {MAX_PROBLEMS} problems; stopped "
                                    "reading this file; fix it and import it again")
                return
        yield item


def _record(line: str, number: int, path: Path, mapping: Mapping[str, str]) -> RawRecord | ImportProblem:
    try:
        value = json.loads(line, strict=False)
    except json.JSONDecodeError as exc:
        return ImportProblem(str(path), number, f"invalid JSON: {exc.msg} at column {exc.colno}; "
                             "fix this line (each line must be one complete JSON object)")
    broken = lone_surrogate(line, value)
    if broken:
        return ImportProblem(str(path), number, broken)
    if not isinstance(value, dict):
        kind = {list: "an array", str: "a string"}.get(type(value), "a number or constant")
        return ImportProblem(str(path), number, f"line is {kind}, not a JSON object; put one object "
                             'per line, e.g. {"text": "...", "title": "..."}')
    return build_record(value, mapping, path=path, line=number, kind="field")
