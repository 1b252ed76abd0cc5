"""JSON values one after another: JSON Lines, pretty-printed objects back to back, or one array."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.importers.encoding import decode_bytes, lone_surrogate


def json_values(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each JSON value in the file; a top-level array gives its items.

    :raises InputError: invalid JSON, naming the line
    """
    text = decode_bytes(path.read_bytes(), path=path)
    decoder = json.JSONDecoder(strict=False)
    position, length = 0, len(text)
    while True:
        while position < length and text[position] in " \t\r\n\ufeff":
            position += 1
        if position >= length:
            return
        line = text.count("\n", 0, position) + 1
        start = position
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}; each record must be one JSON object",
                             path=path, line=text.count("\n", 0, exc.pos) + 1) from None
        broken = lone_surrogate(text[start:position], value)
        if broken:
            raise InputError(broken, path=path, line=line)
        if isinstance(value, list):
            yield from ((line, item) for item in value)
        else:
            yield line, value


def json_objects(paths: Sequence[Path], *, pattern: str, what: str) -> Iterator[tuple[Path, int, Mapping[str, Any]]]:
    """``(file, line, object)`` for every JSON object in ``paths`` (files, or folders searched
    recursively for ``pattern``, e.g. ``"*.jsonl"``), in file order.

    :param what: names the objects in errors («doccano records», «Label Studio tasks»)
    :raises InputError: a missing path, invalid JSON, or a value that is not an object
    """
    for root in paths:
        if not root.exists():
            raise InputError("no such file or folder; check the path", path=root)
        files = sorted(p for p in root.rglob(pattern) if p.is_file()) if root.is_dir() else [root]
        for file in files:
            for line, value in json_values(file):
                if not isinstance(value, Mapping):
                    raise InputError(f"not a JSON object; {what} are objects", path=file, line=line)
                yield file, line, value
