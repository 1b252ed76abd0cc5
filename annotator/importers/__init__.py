"""Readers behind ``annotator import``: files and folders in, raw records or problems out.

Everything is lazy: :func:`iter_sources` walks folders one directory at a time and
:func:`read_source` reads one file at a time (JSONL and CSV line by line), so memory stays
flat over thousands of files or one huge file.

    for source in iter_sources(paths, fmt="auto"):
        for item in read_source(source, mapping={"text": "body"}):
            ...  # RawRecord to ingest, or ImportProblem to report
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.csv_reader import read_csv
from annotator.importers.fields import check_mapping
from annotator.importers.jsonl import read_jsonl
from annotator.importers.records import FIELDS, ImportProblem, RawRecord, SourceFile
from annotator.importers.txt import read_txt

Reader = Callable[[Path, Mapping[str, str]], Iterator[RawRecord | ImportProblem]]

#: Readers by format name. They raise InputError/OSError for a file they cannot read at
#: all; :func:`read_source` turns those into problems.
READERS: dict[str, Reader] = {"txt": read_txt, "jsonl": read_jsonl, "csv": read_csv}
FORMATS: tuple[str, ...] = ("auto", *READERS)
EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
}

__all__ = [
    "EXTENSIONS", "FIELDS", "FORMATS", "READERS", "ImportProblem", "RawRecord", "SourceFile",
    "check_mapping", "detect_format", "iter_sources", "read_source",
]


def detect_format(path: str | Path) -> str:
    """The format a file's extension stands for; InputError for any other extension."""
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(EXTENSIONS)
    what = f"unknown extension {suffix!r}" if suffix else "no file extension"
    hint = " (for one JSON object per line use --format jsonl)" if suffix == ".json" else ""
    raise InputError(f"{what}: import reads {known}; use --format to read it anyway{hint}", path=str(path))


def iter_sources(paths: Sequence[str | Path], *, fmt: str = "auto") -> Iterator[SourceFile]:
    """The files to read, in order: folders expanded recursively, sorted, hidden entries skipped.

    Raises InputError at once (before anything is yielded) for an unknown format or a path
    that does not exist. In auto mode a file with an unknown extension comes out with a
    ``skip_reason``; a forced format applies to every file, whatever its extension.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    checked = [Path(p) for p in paths]
    for path in checked:
        if not path.exists():
            raise InputError("no such file or folder; check the path", path=str(path))
    return _sources(checked, fmt)


def read_source(
    source: SourceFile, *, mapping: Mapping[str, str] | None = None
) -> Iterator[RawRecord | ImportProblem]:
    """Records and problems of one file; never raises for bad input, only for a bad ``mapping``."""
    fields = check_mapping(mapping)
    return _read(source, fields)


def _read(source: SourceFile, mapping: Mapping[str, str]) -> Iterator[RawRecord | ImportProblem]:
    path = str(source.path)
    if source.skip_reason is not None:
        yield ImportProblem(path, None, source.skip_reason, skipped=True)
        return
    try:
        yield from READERS[source.format](source.path, mapping)
    except InputError as exc:
        yield ImportProblem.from_error(exc, path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        yield ImportProblem(path, None, f"cannot read: {reason}; check the file and its permissions")


def _sources(paths: list[Path], fmt: str) -> Iterator[SourceFile]:
    seen: set[str] = set()  # only needed when several paths might overlap
    for path in paths:
        files = _walk(path) if path.is_dir() else iter([(path, None)])
        for file, problem in files:
            if len(paths) > 1:
                key = os.path.realpath(file)
                if key in seen:
                    continue
                seen.add(key)
            yield _source(file, fmt, problem)


def _source(path: Path, fmt: str, problem: str | None) -> SourceFile:
    if problem is None and not path.is_file():
        problem = "not a regular file"
    if problem is not None:
        return SourceFile(path, "unknown", problem)
    if fmt != "auto":
        return SourceFile(path, fmt)
    try:
        return SourceFile(path, detect_format(path))
    except InputError as exc:
        return SourceFile(path, "unknown", exc.reason)


def _walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Files under ``folder`` depth-first in name order; symlinked folders are not followed."""
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield folder, f"cannot list this folder: {exc.strerror or exc}"
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_symlink() and entry.is_dir():
            yield Path(entry.path), "link to a folder, not followed; name it on the command line to import it"
        else:
            yield Path(entry.path), None
