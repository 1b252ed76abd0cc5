"""CSV/TSV with a header row; the delimiter (comma, semicolon or tab) is read off the header."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.encoding import Line, iter_lines
from annotator.importers.fields import build_record, find_key, missing_text
from annotator.importers.records import ImportProblem, RawRecord

DELIMITERS = (",", ";", "\t")
FIELD_LIMIT = 2**31 - 1  # the csv module's default (128 KiB) is far below a long article
_QUOTED = re.compile(r'"[^"]*"')
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")
_SHOWN = {",": "','", ";": "';'", "\t": "tab"}


def read_csv(path: Path, mapping: Mapping[str, str] | None = None) -> Iterator[RawRecord | ImportProblem]:
    """Yield a record or a problem per data row; problems carry the row's first line."""
    mapping = mapping or {}
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    lines = iter_lines(path)
    start, header_line = _first_content(lines, path)
    delimiter = sniff_delimiter(header_line)
    reader = csv.reader(_feed(header_line, lines), delimiter=delimiter)
    try:
        names = _header(next(reader), path, start)
    except csv.Error as exc:
        raise InputError(f"bad CSV header: {exc}", path=path, line=start) from None
    if find_key(names, "text", mapping) is None:
        raise InputError(missing_text(names, mapping, "column"), path=path, line=start)
    rows = 0
    while True:
        row_line = start + reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            if not rows:
                yield ImportProblem(str(path), None, "no rows after the header; nothing to import")
            return
        except csv.Error as exc:
            yield ImportProblem(str(path), row_line, f"bad CSV: {exc}; stopped reading this file")
            return
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) > len(names):
            yield ImportProblem(str(path), row_line, f"row has {len(row)} cells but the header has "
                                f"{len(names)} columns; quote cells that contain the delimiter "
                                f"({_SHOWN[delimiter]})")
            continue
        values = dict(zip(names, row + [""] * (len(names) - len(row))))
        yield build_record(values, mapping, path=path, line=row_line, kind="column")


def sniff_delimiter(header: str) -> str:
    """The most frequent of , ; and tab outside quotes in the header line (comma on a tie)."""
    bare = _QUOTED.sub("", header)
    return max(DELIMITERS, key=lambda d: (bare.count(d), -DELIMITERS.index(d)))


def _first_content(lines: Iterator[Line], path: Path) -> tuple[int, str]:
    for number, line in lines:
        if isinstance(line, InputError):
            raise line
        if line.strip():
            return number, line
    raise InputError("empty file; nothing to import, remove it or add a header and rows", path=path)


def _feed(first: str, lines: Iterator[Line]) -> Iterator[str]:
    """Lines for the csv module; old Mac files that end lines with a lone CR are split there."""
    yield from _split_cr(first)
    for _, line in lines:
        if isinstance(line, InputError):
            raise line  # a row may span lines: the file cannot be read past this point
        yield from _split_cr(line)


def _split_cr(line: str) -> list[str]:
    if "\r" not in line:
        return [line]
    return [piece for piece in _LONE_CR.split(line) if piece]


def _header(cells: list[str], path: Path, line: int) -> list[str]:
    names = [cell.strip() or f"column_{i}" for i, cell in enumerate(cells, 1)]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InputError(f"column {name!r} appears twice in the header; rename one", path=path, line=line)
        seen.add(name)
    return names
