"""Plain-text files: one article per file, the first non-empty line is its title."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from annotator.importers.encoding import decode_bytes
from annotator.importers.records import ImportProblem, RawRecord

# Stripped from the ends of a title besides whitespace: bidi marks, ZWNJ/ZWJ, BOM.
_INVISIBLE = "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def read_txt(path: Path, mapping: Mapping[str, str] | None = None) -> Iterator[RawRecord | ImportProblem]:
    """Yield the file as one record; its text is the whole file, title line included."""
    text = decode_bytes(path.read_bytes(), path=path)
    yield RawRecord(
        text=text,
        title=first_line(text),
        url=None,
        published=None,
        published_original=None,
        source=None,
        external_id=None,
        meta={},
        origin_path=str(path),
        origin_line=None,
    )


def first_line(text: str) -> str | None:
    """The first line with visible content, stripped of whitespace and invisible marks."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = _clean(text[start:end])
        if line:
            return line
        start = end + 1
    return None


def _clean(line: str) -> str:
    previous = None
    while previous != line:
        previous, line = line, line.strip().strip(_INVISIBLE)
    return line
